"""The grammar of course-note notation, for lark's LALR parser.

Conventions it fixes (the usual reading of LaTeX math):
- a big operator (`\\sum`, `\\prod`, `\\int`, `\\frac{\\partial}{\\partial x}`) takes the
  product that follows it, so `\\sum_i a_i b_i + c` is (sum of a_i b_i) + c;
- `\\log x y` is log(x) y: a function name without parentheses takes one factor;
- `f(...)` after a name is an application; whether it is a function call or a product
  (`\\beta(1-\\beta)`) is decided by what the name means, not by the grammar;
- scripts take one character or one group: `x^10` is x^1 times 0, as TeX reads it, and
  `x^a_b` is `x_b^a`; `\\theta^*` and `W^{(2)}` are names (an optimum, a layer), not powers;
- `\\langle f \\rangle_{p}` is the expectation of f under p (physicists' notation).
Shift/reduce choices are resolved by shifting, which gives the greedy readings above.
"""

__all__ = ["GRAMMAR", "EXPECTATION"]

#: the expectation operator as notes write it (the grammar's token; `parse` brackets an
#: unbracketed one with the same pattern)
#: `\\mathbb{E}`, `\\E`, an upright or bold E, and a plain E before a square bracket
#: (`E[X]^2`, `E_{x}[f]`): a letter E times a bracket is not what notes mean by it
EXPECTATION = (
    r"\\mathbb\s*\{\s*E\s*\}|\\mathbb\s+E|\\(?:operatorname|mathrm|mathbf)\s*\{\s*E\s*\}|\\E(?![A-Za-z])"
    r"|(?<![A-Za-z\\])E(?=\s*(?:_\s*(?:\{[^{}]*\}|\\?[A-Za-z0-9]+)\s*)?\[)"
)

GRAMMAR = (
    r"""
?start: expr

?expr: term
     | expr PLUS term   -> add
     | expr MINUS term  -> sub

?term: product
     | MINUS term       -> neg
     | PLUS term        -> pos

?product: factor
        | product TIMES factor  -> mul
        | product SLASH factor  -> div
        | product factor        -> juxt

?factor: power
       | bigop
       | logf
       | derivop
       | nabla
       | DIFF           -> differential

bigop: BIGOP limits term
     | CAPITAL_PI limits term
     | ENTRY_EXTREMUM limits term
logf: LOGNAME limits factor
    | LOGNAME PRIME call -> logf_prime
derivop: FRAC "{" PARTIAL "}" "{" PARTIAL power "}" term   -> partial_op
       | FRAC "{" PARTIAL CARET script "}" "{" PARTIAL power "}" term   -> partial_op_n
       | FRAC "{" PARTIAL CARET script "}" "{" _partials "}" term   -> partial_op_mixed
       | DFRAC DIFF "}" term                                 -> d_op
       | DFRACN term                                         -> d_op_n
_partials: PARTIAL power (PARTIAL power)+
nabla: NABLA SUBSCRIPT script term
limits: (SUBSCRIPT script)? (CARET script)?
      | CARET script SUBSCRIPT script

?power: postfix
      | postfix CARET script -> pow
      | postfix CARET script SUBSCRIPT script -> pow_sub

?postfix: atom
        | postfix SUBSCRIPT script -> sub_script
        | postfix call             -> apply
        | postfix PRIME            -> prime
        | postfix BANG             -> factorial

call: "(" expr ")"                         -> call1
    | "(" expr ("," expr)+ ")"             -> calln
    | "(" expr BAR expr ("," expr)* ")"    -> callcond
    | "(" expr PARALLEL expr ")"           -> calldiv
    | "(" expr ";" expr ("," expr)* ")"    -> callsemi
    | "(" expr ("," expr)+ ";" expr ("," expr)* ")"  -> calln
    | "(" expr BAR expr ("," expr)* ";" expr ("," expr)* ")"  -> callcondsemi

?atom: NAME                 -> name
     | GREEK                -> greek
     | NUMBER               -> number
     | WORD                 -> word
     | IMATH                -> imath
     | KL                   -> kl
     | KL "[" expr PARALLEL expr "]"  -> kl_bracket
     | INFTY                -> infinity
     | DOTS                 -> dots
     | ACCENT group         -> accent
     | FONT group           -> font
     | FRAC group group     -> frac
     | FRACDIGITS           -> frac_digits
     | FRAC "{" PARTIAL expr "}" "{" PARTIAL power "}"  -> partial_frac
     | SQRT group           -> sqrt
     | BINOM group group    -> binom
     | ABS_OPEN expr ABS_CLOSE  -> absolute
     | NORM_OPEN expr NORM_CLOSE  -> norm
     | INDICATOR "[" expr compare expr "]"  -> indicator
     | INDICATOR LSET expr compare expr RSET  -> indicator
     | INDICATOR "(" expr compare expr ")"  -> indicator
     | INDICATOR SUBSCRIPT "{" expr compare expr "}"  -> indicator
     | CEIL_OPEN expr CEIL_CLOSE  -> ceiling
     | FLOOR_OPEN expr FLOOR_CLOSE  -> floor
     | EXPECT limits "[" expr "]"  -> expect
     | ANGLE_OPEN expr ANGLE_CLOSE limits  -> angle_expect
     | "(" expr ")"         -> paren
     | "(" expr ("," expr)+ ")"    -> tuple_
     | MAXMIN "(" expr ("," expr)+ ")"  -> maxmin
     | MAXMIN LSET expr ("," expr)+ RSET  -> maxmin
     | "[" expr "]"         -> paren
     | "{" expr "}"         -> paren
     | LSET expr RSET       -> paren
     | LSET expr ("," expr)+ RSET  -> set_literal
     | MATRIX_BEGIN expr (ROWSEP expr)* ROWSEP? MATRIX_END -> matrix

!compare: RELEQ | NEQ | COMPARE

group: "{" expr "}"
     | single
     | NUMBER -> number
     | FRAC group group -> frac
     | FRACDIGITS -> frac_digits
?single: NAME -> name
       | GREEK -> greek
       | DIGIT -> number
       | INFTY -> infinity

script: "{" script_body "}"
      | single
      | STAR -> star
      | "{" STAR "}" -> star
?script_body: expr
            | expr RELEQ expr             -> script_eq
            | expr RELEQ expr "," expr NEQ expr  -> script_except
            | expr NEQ expr               -> script_but
            | expr IN expr                -> script_in
            | expr SIM expr               -> script_sim
            | expr ("," expr)+            -> script_list

NAME: /[A-Za-z]/
DIGIT: /[0-9]/
NUMBER: /[0-9]+(\.[0-9]+)?/
GREEK.2: /\\(GREEK_LETTERS)(?![A-Za-z])/
IMATH.2: /\\[ij]math(?![A-Za-z])/
WORD.3: /\\(text|mathrm|operatorname\*?|textrm|mathit|textit)\s*\{[A-Za-z ]*\}/
KL.4: /D_\{\s*(\\(text|mathrm|mathsf)\{KL\}|KL)\s*(,\s*[a-z])?\s*\}/
    | /\\(text|mathrm|operatorname|mathbb|mathsf)\{KL\}|KL(?![A-Za-z])/
INFTY.2: /\\infty(?![A-Za-z])/
MAXMIN.2: /\\(?:max|min)(?![A-Za-z])/
DOTS.2: /\\(dots|cdots|ldots|vdots|ddots)(?![A-Za-z])|\.\.\.(?!\.)/
ACCENT.2: /\\(hat|tilde|bar|widehat|widetilde|overline)(?![A-Za-z])/
FONT.2: /\\(mathbf|boldsymbol|bm|mathcal|mathsf)(?![A-Za-z])/
FRAC.2: /\\[dt]?frac(?![A-Za-z])/
FRACDIGITS.4: /\\[dt]?frac\s*[0-9]\s*[0-9]/
DFRAC.3: /\\[dt]?frac\s*\{\s*d\s*\}\s*\{(?=\s*(?:d|\\mathrm\s*\{\s*d\s*\})\s*\\?[A-Za-z])/
DFRACN.4: /\\[dt]?frac\s*\{\s*DEE\s*ORDER\s*\}\s*\{\s*DEE\s*\\?[A-Za-z]+\s*ORDER\s*\}/
SQRT.2: /\\sqrt(?![A-Za-z])/
BINOM.2: /\\[dt]?binom(?![A-Za-z])/
INDICATOR.4: /\\(?:mathbb|mathbf|mathds|bm)\s*\{\s*1\s*\}|\\mathbb\s*1(?![0-9])/
COMPARE.2: /<|>|\\(?:le|ge|leq|geq|lt|gt)(?![A-Za-z])/
ABS_OPEN: "\u2983"
CEIL_OPEN.2: /\\lceil(?![A-Za-z])/
CEIL_CLOSE.2: /\\rceil(?![A-Za-z])/
FLOOR_OPEN.2: /\\lfloor(?![A-Za-z])/
FLOOR_CLOSE.2: /\\rfloor(?![A-Za-z])/
ABS_CLOSE: "\u2984"
NORM_OPEN: "\u2016"
NORM_CLOSE: "\u2017"
ANGLE_OPEN: "\u27e8"
ANGLE_CLOSE: "\u27e9"
EXPECT.3: /EXPECTATION/
BIGOP.2: /\\(sum|prod|int)(?![A-Za-z])/
CAPITAL_PI.3: /\\Pi(?=\s*_)/
ENTRY_EXTREMUM.3: /\\(?:max|min)(?=\s*_)/
BANG: "!"
LOGNAME.2: /\\(log|ln|lg|exp|tanh|sinh|cosh|sin|cos|tan|arctan|operatorname\{erf\})(?![A-Za-z])/
PARTIAL.2: /\\partial(?![A-Za-z])/
NABLA.2: /\\nabla(?![A-Za-z])/
TIMES.2: /\\(cdot|times)(?![A-Za-z])|\*/
STAR.3: /(?:(?<=\^)|(?<=\^\{))(?:\*|\\star(?![A-Za-z])|\\ast(?![A-Za-z]))/
SLASH: "/"
PLUS: "+"
MINUS: "-"
PRIME.3: /'|\^\s*\{\s*\\prime\s*\}|\^\s*\\prime(?![A-Za-z])/
CARET: "^"
SUBSCRIPT: "_"
RELEQ: "="
NEQ.2: /\\neq?(?![A-Za-z])/
IN.2: /\\in(?![A-Za-z])/
SIM.2: /\\sim(?![A-Za-z])/
PARALLEL.3: /\\\||\|\||\\(?:parallel|Vert)(?![A-Za-z])|\\mid\s*\\mid/
BAR.2: /\||\\mid(?![A-Za-z])|\\vert(?![A-Za-z])/
LSET.2: /\\\{/
RSET.2: /\\\}/
DIFF.3: /(?<![A-Za-z\\])(d[a-zA-Z]|d\s*\\(GREEK_LETTERS))(?![A-Za-z])/
      | /(?<![A-Za-z\\])\\mathrm\{d\}\s*([a-zA-Z]|\\(GREEK_LETTERS))(?![A-Za-z])/
      | /(?<![A-Za-z\\])(?:d|\\mathrm\{d\})\s*BOLD\s*\{\s*([a-zA-Z]|\\(GREEK_LETTERS))\s*\}/
      | /(?<![A-Za-z\\])(?:d|\\mathrm\{d\})\s*ACCENTED/
MATRIX_BEGIN.3: /\\begin\{[bpv]?matrix\}/
MATRIX_END.3: /\\end\{[bpv]?matrix\}/
ROWSEP.3: /\\\\/

%ignore /\s+/
""".replace("DEE", r"(?:d|\\mathrm\{d\})")
    .replace("BOLD", r"\\(?:mathbf|boldsymbol|bm)")
    # `d\\hat p`, `d\\bar{x}`: the differential of an accented letter
    .replace(
        "ACCENTED",
        r"\\(?:hat|tilde|bar|widehat|widetilde|overline)\s*"
        r"(?:\{\s*(?:[a-zA-Z]|\\(GREEK_LETTERS))\s*\}|\s(?:[a-zA-Z]|\\(GREEK_LETTERS))(?![A-Za-z]))",
    )
    .replace("EXPECTATION", EXPECTATION)
    .replace("ORDER", r"\^\s*\{?\s*[2-4]\s*\}?")
    .replace(
        "GREEK_LETTERS",
        "|".join(
            [
                "alpha",
                "beta",
                "gamma",
                "delta",
                "epsilon",
                "varepsilon",
                "zeta",
                "eta",
                "theta",
                "vartheta",
                "iota",
                "kappa",
                "lambda",
                "mu",
                "nu",
                "xi",
                "pi",
                "rho",
                "sigma",
                "tau",
                "upsilon",
                "phi",
                "varphi",
                "chi",
                "psi",
                "omega",
                "ell",
                "Gamma",
                "Delta",
                "Theta",
                "Lambda",
                "Xi",
                "Pi",
                "Sigma",
                "Phi",
                "Psi",
                "Omega",
            ]
        ),
    )
)
