"""Steps as typeset math: LaTeX that is safe to hand to pdflatex, MathML, Markdown.

## Main definitions
- `step_latex(lhs, relation, rhs, lw, rw)`: a step as symkl read it, (lhs, relation, rhs)
  printed by SymPy's LaTeX printer, with its `\\min_q` wrapper; None where a printed side
  is not `safe_latex`.
- `safe_latex(text)`: does `text` use only the math markup of `ALLOWED_WORDS`,
  `ALLOWED_SYMBOLS` and `ALLOWED_ENVIRONMENTS`, with balanced groups?
- `mathml(text, display)`: MathML of safe LaTeX (latex2mathml), passed through a
  whitelist of MathML elements and attributes.
- `step_lines(typeset, width)`: a step as lines of at most about `width` visible
  characters, broken at the relation and between top-level terms, for pages that cannot
  break math themselves (browsers do not break MathML).

Nothing from the notes reaches LaTeX or HTML raw. A step is typeset from the tree symkl
parsed, never from its source; symbol names in that tree come from the notes, so the
printed text is checked against the whitelist all the same: a control word outside it
(`\\input`, `\\write18`, `\\catcode`, `\\def`), a `#`, `%`, `$`, `^^` or an unbalanced
group makes the step fall back to its escaped source.
"""

import html
import itertools
import re
from html.parser import HTMLParser

import sympy as sp
from sympy.printing.latex import LatexPrinter

from symkl.notes.parse import Gradient, Wrapped
from symkl.printing import readable

__all__ = [
    "RELATIONS",
    "SYMBOL_LATEX",
    "ALLOWED_WORDS",
    "ALLOWED_SYMBOLS",
    "ALLOWED_ENVIRONMENTS",
    "MATHML_ELEMENTS",
    "MATHML_ATTRIBUTES",
    "safe_latex",
    "step_latex",
    "step_lines",
    "mathml",
]

#: a step's relation (as the audit shows it) -> LaTeX
RELATIONS = {
    "=": "=",
    ":=": ":=",
    "def": ":=",
    "!=": r"\neq",
    "<": "<",
    ">": ">",
    "<=": r"\le",
    ">=": r"\ge",
    "approx": r"\approx",
    "~": r"\approx",
}

_GREEK = (
    "alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu nu "
    "xi omicron pi varpi rho varrho sigma varsigma tau upsilon phi varphi chi psi omega "
    "Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega"
)
#: control words the printer writes (and notes' inline math may use): math only, none that
#: reads files, writes, defines or changes category codes
ALLOWED_WORDS = frozenset(
    (
        _GREEK
        + " frac dfrac tfrac sqrt sum prod int iint oint lim limits nolimits left right middle "
        "log ln exp sin cos tan sinh cosh tanh arctan arcsin arccos max min sup inf arg det "
        "operatorname mathrm mathbb mathcal mathbf mathit mathsf boldsymbol text textrm "
        "cdot cdots ldots dots vdots ddots times div pm mp partial nabla infty "
        "le ge leq geq neq ne approx sim simeq equiv propto mid parallel perp "
        "in notin subset subseteq cup cap emptyset forall exists neg land lor "
        "to rightarrow leftarrow Rightarrow Leftarrow implies iff mapsto "
        "hat bar tilde dot ddot vec overline underline widehat widetilde prime "
        "quad qquad langle rangle lfloor rfloor lceil rceil vert Vert lvert rvert "
        "big Big bigg Bigg bigl bigr Bigl Bigr biggl biggr displaystyle textstyle "
        "begin end binom ell hbar imath jmath Re Im aleph circ ast star bullet "
        "cancel mathop wedge vee otimes"
    ).split()
)
#: control symbols allowed: spacing, escaped braces and bars, a line break in a matrix
ALLOWED_SYMBOLS = frozenset((r"\,", r"\:", r"\;", r"\!", "\\ ", r"\|", r"\{", r"\}", "\\\\", r"\_"))
ALLOWED_ENVIRONMENTS = frozenset(
    ("matrix", "pmatrix", "bmatrix", "Bmatrix", "vmatrix", "smallmatrix", "cases", "array")
)
#: symbols the reader names with a character, as the LaTeX that writes them
SYMBOL_LATEX = {"\u22ee": r"\vdots", "\u2026": r"\dots", "\u22ef": r"\cdots"}
#: what may appear at all: printable ASCII on one line (pdflatex chokes on the rest, and a
#: line break could end a Markdown math block)
_PRINTABLE = re.compile(r"[ -~]*")
_TOKEN = re.compile(r"\\([A-Za-z]+)|\\(.)|([{}])|(\^\^|[#%$~@])|(&)", re.S)
_ENVIRONMENT = re.compile(r"\\(begin|end)\s*\{([A-Za-z*]*)\}")


def safe_latex(text: str) -> bool:
    """Does `text` use only whitelisted control words and environments, no parameter,
    comment, math-shift or `^^` characters, and balanced braces, `\\left`/`\\right` and
    `\\begin`/`\\end`? (`&` and `\\\\` only inside an environment; printable ASCII only.)"""
    if not _PRINTABLE.fullmatch(text):
        return False
    depth, fences, environments = 0, 0, []
    for m in _TOKEN.finditer(text):
        word, symbol, brace, forbidden, ampersand = m.groups()
        if forbidden or (symbol is not None and "\\" + symbol not in ALLOWED_SYMBOLS):
            return False
        if word is not None:
            if word not in ALLOWED_WORDS:
                return False
            if word in ("begin", "end"):
                env = _ENVIRONMENT.match(text, m.start())
                if env is None or env.group(2) not in ALLOWED_ENVIRONMENTS:
                    return False
                if word == "begin":
                    environments.append(env.group(2))
                elif not environments or environments.pop() != env.group(2):
                    return False
            fences += {"left": 1, "right": -1}.get(word, 0)
            if fences < 0:
                return False
        if (ampersand or symbol == "\\") and not environments:
            return False
        if brace:
            depth += 1 if brace == "{" else -1
            if depth < 0:
                return False
    return depth == 0 and fences == 0 and not environments


class _StepPrinter(LatexPrinter):
    """SymPy's LaTeX printer with the notes' notation for what the notes reader adds."""

    def __init__(self) -> None:
        super().__init__({"ln_notation": False})

    def _print_Symbol(self, expr: sp.Symbol, style: str = "plain") -> str:
        if expr.name in SYMBOL_LATEX:
            return SYMBOL_LATEX[expr.name]
        return super()._print_Symbol(expr, style)

    def _print_Gradient(self, expr: Gradient) -> str:
        function, variable = expr.args
        return rf"\nabla_{{{self._print(variable)}}} {self._print(function)}"


def _wrapped(wrapper: Wrapped | None, side: sp.Basic) -> str:
    printed = _StepPrinter().doprint(side)
    if wrapper is None:
        return printed
    variables = ", ".join(_StepPrinter().doprint(sp.Symbol(v)) for v in wrapper.var.split(",") if v)
    # \operatorname{argmin}: latex2mathml reads it, and it has no \arg of its own
    op = rf"\operatorname{{arg{wrapper.op}}}" if wrapper.arg else rf"\{wrapper.op}"
    under = rf"_{{{variables}}}" if variables else ""
    return rf"{op}{under} \left({printed}\right)"


def step_latex(
    lhs: sp.Basic,
    relation: str,
    rhs: sp.Basic,
    lw: Wrapped | None = None,
    rw: Wrapped | None = None,
) -> tuple[str, str, str] | None:
    """(lhs, relation, rhs) in LaTeX as symkl read them, or None where either side is no
    SymPy object or a printed side is not `safe_latex` (a symbol name from the notes with
    markup in it)."""
    if not all(isinstance(side, sp.Basic | sp.MatrixBase) for side in (lhs, rhs)):
        return None
    if isinstance(lhs, sp.Basic) and isinstance(rhs, sp.Basic):
        lhs, rhs = readable(sp.Tuple(lhs, rhs)).args  # one renaming for both sides
    try:
        typeset = (_wrapped(lw, lhs), RELATIONS.get(relation, "="), _wrapped(rw, rhs))
    except Exception:  # a printer gap must not cost the step its verdict: shown as source
        return None
    return typeset if all(safe_latex(part) for part in typeset) else None


#: markup that takes no width of its own, for `_width`
_INVISIBLE = re.compile(r"\\(?:left|right|mathrm|operatorname|limits)\b|[{}]|\\[,:;!]")
#: where a top-level term may begin: " + " or " - " as SymPy's printer writes them
_TERM = re.compile(r" [+-] ")
_NESTING = re.compile(r"\\left(?![A-Za-z])|\\right(?![A-Za-z])|\\begin\b|\\end\b|[{}]")


def _width(text: str) -> int:
    """About how many characters wide `text` typesets (control words count as one)."""
    return len(re.sub(r"\\[A-Za-z]+", "x", _INVISIBLE.sub("", text)))


def _terms(text: str) -> list[str]:
    """`text` cut before each top-level `+` or `-` (outside groups, fences, environments)."""
    depth, cuts = 0, [0]
    events = sorted(
        [
            (m.start(), 1 if m.group() in ("{", "\\left", "\\begin") else -1)
            for m in _NESTING.finditer(text)
        ]
        + [(m.start(), 0) for m in _TERM.finditer(text)]
    )
    for at, change in events:
        depth += change
        if change == 0 and depth == 0 and at > 0:
            cuts.append(at + 1)
    return [text[a:b].strip() for a, b in itertools.pairwise([*cuts, len(text)])]


def step_lines(typeset: tuple[str, str, str], width: int) -> list[str]:
    """`lhs rel rhs` on one line if it fits in `width`, else the left side's terms, then
    the relation and the right side's, packed greedily into lines of about `width`."""
    lhs, relation, rhs = typeset
    whole = f"{lhs} {relation} {rhs}"
    if _width(whole) <= width:
        return [whole]
    rights = _terms(rhs)
    pieces = [*_terms(lhs), f"{relation} {rights[0]}", *rights[1:]]
    lines = [pieces[0]]
    for piece in pieces[1:]:
        if _width(f"{lines[-1]} {piece}") <= width and not piece.startswith(relation):
            lines[-1] = f"{lines[-1]} {piece}"
        else:
            lines.append(piece)
    return lines


#: MathML elements and attributes kept from latex2mathml's output; anything else is dropped
MATHML_ELEMENTS = frozenset(
    [
        "math",
        "mrow",
        "mi",
        "mn",
        "mo",
        "ms",
        "mtext",
        "mspace",
        "msub",
        "msup",
        "msubsup",
        "munder",
        "mover",
        "munderover",
        "mfrac",
        "msqrt",
        "mroot",
        "mtable",
        "mtr",
        "mtd",
        "mstyle",
        "mpadded",
        "mphantom",
        "menclose",
        "semantics",
        "annotation",
    ]
)
MATHML_ATTRIBUTES = frozenset(
    [
        "xmlns",
        "display",
        "mathvariant",
        "stretchy",
        "fence",
        "form",
        "separator",
        "width",
        "height",
        "depth",
        "lspace",
        "rspace",
        "movablelimits",
        "accent",
        "accentunder",
        "columnalign",
        "rowspacing",
        "columnspacing",
        "displaystyle",
        "scriptlevel",
        "notation",
        "linethickness",
        "minsize",
        "maxsize",
        "symmetric",
        "largeop",
    ]
)


class _Sanitizer(HTMLParser):
    """Rebuilds MathML from whitelisted elements and attributes, every text and value
    escaped (defence in depth: the LaTeX was safe already)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in MATHML_ELEMENTS:
            kept = "".join(
                f' {k}="{html.escape(v or "", quote=True)}"'
                for k, v in attrs
                if k in MATHML_ATTRIBUTES
            )
            self.out.append(f"<{tag}{kept}>")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in MATHML_ELEMENTS:
            self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        self.out.append(html.escape(data, quote=False))


def mathml(text: str, display: bool = True) -> str | None:
    """MathML for `text`, which must be `safe_latex`; None where latex2mathml fails."""
    import latex2mathml.converter  # loads only for HTML audits

    if not safe_latex(text):
        return None
    try:
        raw = latex2mathml.converter.convert(text, display="block" if display else "inline")
    except Exception:  # the converter's own errors are not typed; the source is shown
        return None
    sanitizer = _Sanitizer()
    sanitizer.feed(raw)
    sanitizer.close()
    return "".join(sanitizer.out)
