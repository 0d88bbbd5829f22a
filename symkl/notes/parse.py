"""Read the notation of course notes into SymPy, without guessing.

## Main definitions
- `Unreadable`: raised with a reason and the offset (in the source) where reading failed.
- `Reader`:     what the surrounding note says the letters mean (discrete or density
  notation, the number of outcomes, earlier definitions, symbol kinds); `Reader.parse`.
- `Wrapped`:    a side under `\\arg\\min_\\theta` / `\\min_q` / `\\text{minimize}`.

Nothing from the file is evaluated: the text goes through the lark grammar in
`symkl.notes.grammar`, and this module builds SymPy objects from the tree. Readings
that the notation leaves open are settled by a table (which names are functions, which
distributions) and, where the table does not decide, the side is `Unreadable`.
"""

import contextlib
import functools
import hashlib
import math
import os
import re
import sys
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

import flint
import lark
import sympy as sp
from sympy.core.function import AppliedUndef

from symkl.checking.balls import NoValue, Unsupported, ball
from symkl.checking.budget import BudgetExhausted
from symkl.checking.evidence import kink_arguments
from symkl.entry_extrema import EntryMax, EntryMin
from symkl.errors import SYMPY_FAILURES
from symkl.measures import (
    CrossEntropy,
    Entropy,
    InformationMeasure,
    JSDivergence,
    KLDivergence,
)
from symkl.notes.grammar import EXPECTATION, GRAMMAR
from symkl.notes.notation import (
    UPRIGHT,
    Notation,
    constant_pi,
    differentiated_names,
    imaginary_units,
    normal_variance,
)
from symkl.notes.products import (
    VectorDerivative,
    applied,
    product_value,
    refuse_over_vectors,
    scalar_product_vectors,
)
from symkl.notes.prose import ACCENTS
from symkl.notes.randomvars import Measure, is_random_variable
from symkl.notes.unreadable import Unreadable
from symkl.printing import text as show
from symkl.sums import canonical_indices

__all__ = [
    "Unreadable",
    "Reader",
    "Wrapped",
    "scalar_product_vectors",
    "Gradient",
    "VDOTS",
    "KNOWN_WORDS",
    "pi_varies",
    "KINDS",
    "symbol_for",
    "strip_wrapper",
    "warm",
]

#: kind -> SymPy assumptions; the interval each kind is sampled from is in context.py
KINDS = {
    "probability": {"positive": True},
    "label": {"real": True, "nonnegative": True},
    "real": {"real": True},
    "positive": {"positive": True},
    "integer": {"integer": True, "positive": True},
    "odd": {"integer": True, "odd": True},
    "even": {"integer": True, "even": True},
    "distribution": {"positive": True},
    "negative": {"negative": True},
    "above-one": {"positive": True},
}
#: kinds[name + AS_SCALAR]: the range the prose gives a distribution letter, for the steps
#: that write it bare (`Let $p, q \\in (0, 1)$`, then `pq < p`)
AS_SCALAR = ":scalar"
#: the key suffix of the names a definition was read through (`Reader.through`)
THROUGH = ":through"
#: the key suffix of a definition read with the names it was read through kept as letters
RAW = ":raw"
#: the defaults of issue 6: what a letter means unless the note says otherwise
DEFAULT_KINDS = {
    "p": "distribution",
    "q": "distribution",
    "P": "distribution",
    "Q": "distribution",
    "alpha": "probability",
    "beta": "probability",
    "eta": "real",
    "x": "real",
    "y": "label",
    "yhat": "probability",
    "mu": "probability",
    "sigma": "positive",
    "n": "integer",
    "m": "integer",
    "theta": "real",
}
#: letters used as sum indices
INDEX_LETTERS = frozenset("ijklm") | {"e", "n"}
#: names read as variables when followed by parentheses: `\beta(1-\beta)` is a product
_VARIABLES = frozenset({"x", "y", "t", "n", "m"})
#: lower-case letters read as functions when followed by parentheses
_FUNCTION_LETTERS = frozenset("fgh")
_MEASURES = {"H"}
_KL_NAMES = {"KL", "K", "D"}
#: the Jensen-Shannon divergence: `\mathrm{JS}(p \| q)`, `\mathrm{JSD}(p, q)`, `D_{JS}(p \| q)`
_JS_NAMES = {"JS", "JSD"}


#: a range the prose states (`$x > -1$`): `range(-1,oo)`, brackets as in the interval
_RANGE_KIND = re.compile(
    r"range([(\[])(-?oo|-?[0-9]+(?:/[0-9]+)?),(-?oo|-?[0-9]+(?:/[0-9]+)?)([)\]])"
)


def range_kind(interval: sp.Interval) -> str:
    """The kind of a letter ranging over `interval` (ends numbers or infinities)."""
    left = "(" if interval.left_open or interval.start.is_infinite else "["
    right = ")" if interval.right_open or interval.end.is_infinite else "]"
    return f"range{left}{interval.start},{interval.end}{right}"


def range_interval(kind: str) -> sp.Interval | None:
    """The interval of a `range_kind`, or None for another kind."""
    m = _RANGE_KIND.fullmatch(kind)
    if m is None:
        return None
    lo, hi = (
        sp.oo if e == "oo" else -sp.oo if e == "-oo" else sp.Rational(e) for e in m.group(2, 3)
    )
    return sp.Interval(lo, hi, m.group(1) == "(", m.group(4) == ")")


def assumptions(kind: str) -> dict[str, bool]:
    """SymPy assumptions of a kind: the table's, or those a range implies."""
    if kind in KINDS:
        return KINDS[kind]
    interval = range_interval(kind)
    if interval is None:
        return {"real": True}
    if interval.start >= 0:
        return {"positive": True} if interval.left_open else {"nonnegative": True}
    if interval.end <= 0:
        return {"negative": True} if interval.right_open else {"nonpositive": True}
    return {"real": True}


def symbol_for(name: str, kinds: dict[str, str]) -> sp.Symbol:
    """The SymPy symbol for a letter of the note, with its kind's assumptions."""
    kind = kinds.get(name, DEFAULT_KINDS.get(name, "real"))
    return sp.Symbol(name, **assumptions(kind))


@dataclass(frozen=True)
class Ref:
    """A name not yet given a meaning: `p`, `q_theta`, `p_i` (index set); `word` for a
    name written as a word (`\\mathrm{ReLU}`), which is a function when called."""

    name: str
    index: sp.Expr | None = None
    offset: int = 0
    word: bool = False


@dataclass(frozen=True)
class Call:
    kind: str  # "args", "cond" or "div"
    args: tuple


@dataclass(frozen=True)
class Dotted:
    """`a_1 + a_2 + \\dots`: the terms before the dots and the sign before them, waiting
    for the last term (`+ a_n`) that says what the dots stand for."""

    before: sp.Expr
    sign: int
    offset: int


@dataclass(frozen=True)
class Bracketed:
    """`(x)`: a value in brackets, so that `\\log(x) y` is told from `\\log x y`."""

    value: sp.Expr


@dataclass(frozen=True)
class Transposed:
    """`w^T` (or `w^\\top`) of a lowercase letter, times `head` written before it: with a
    lowercase letter after it, `w^T x` is read as one number, the scalar product. Of a
    bracket of such letters (`(w_1 - w_2)^T`), `combination` holds them with their
    coefficients, and the product is distributed."""

    vector: Ref | None
    head: sp.Expr = sp.S.One
    combination: tuple = ()


@dataclass(frozen=True)
class PoweredBracket:
    """`(x)^k`: after a function macro, `\\exp(t)^2` is (exp t)^2."""

    base: sp.Expr
    exponent: sp.Expr


@dataclass(frozen=True)
class Unbracketed:
    """A function macro applied without brackets (`\\log x`): a factor after it may or may
    not belong to its argument."""

    value: sp.Expr


@dataclass(frozen=True)
class Reciprocal:
    """`f^{-1}` of a name that may be a function (f, sigma, Phi, a word, a defined
    function): before a bracket, the inverse function or the reciprocal times it."""

    value: sp.Expr
    name: str


@dataclass(frozen=True)
class PoweredFunction:
    """`\\sigma^2` where sigma is the sigmoid: before a bracket, the sigmoid there squared
    (as `\\tanh^2(x)`); alone, the letter's power."""

    value: sp.Expr
    function: "Ref"
    exponent: sp.Expr


#: letters that notes often use for functions (besides words and defined functions)
_FUNCTION_LIKE = frozenset({"f", "g", "h", "F", "G", "sigma", "phi", "Phi", "psi"})


@dataclass(frozen=True)
class Primed:
    """`f'` (`order` 1), `f''` (2), ...: a derivative of a function, read when it is called
    (`f'(x)`)."""

    function: "Ref"
    order: int = 1


@dataclass(frozen=True)
class Juxtaposed:
    """`a(b)` read as a product: kept apart until a power after it is seen, since
    `2(x - 1)^2` is 2 (x - 1)^2, not (2 (x - 1))^2."""

    head: sp.Expr
    bracket: sp.Expr
    #: the head was in brackets too: `\\exp(x)(1 + x)` is exp(x) times (1 + x)
    bracketed: bool = False


@dataclass(frozen=True)
class Factorial:
    """`k!` as written: another `!` right after it (`k!!`) is not read."""

    value: sp.Expr


@dataclass(frozen=True)
class Wrapped:
    """`op_var side`: op 'min' or 'max'; var the name of the variable, or ''; `arg` for
    \\arg\\min (the minimizer) rather than \\min (the minimum value)."""

    op: str
    var: str
    arg: bool = True
    #: the variable is restricted (`\\min_{w \\ge 0}`): stationary points prove nothing
    constrained: bool = False


#: functions written as macros that take one factor, like \log (which has its own rule)
ELEMENTARY = {
    r"\exp": sp.exp,
    r"\tanh": sp.tanh,
    r"\sinh": sp.sinh,
    r"\cosh": sp.cosh,
    r"\sin": sp.sin,
    r"\cos": sp.cos,
    r"\tan": sp.tan,
    r"\arctan": sp.atan,
    r"\operatorname{erf}": sp.erf,
}

#: words that name a function symkl knows (`\\operatorname{sigmoid}(z)`)
_WORD_NAMES = {"sigmoid": "sigma", "logistic": "sigma", "expit": "sigma"}
_WORD_FUNCTIONS = {
    "exp": sp.exp,
    "log": sp.log,
    "ln": sp.log,
    "softplus": lambda z: sp.log(1 + sp.exp(z)),
    "tanh": sp.tanh,
    # (as cosh and sinh, which ball arithmetic evaluates)
    "sech": lambda z: 1 / sp.cosh(z),
    "csch": lambda z: 1 / sp.sinh(z),
    "coth": lambda z: sp.cosh(z) / sp.sinh(z),
    "sgn": sp.sign,
    "sign": sp.sign,
    "relu": lambda z: sp.Max(z, 0),
    "ReLU": lambda z: sp.Max(z, 0),
    "sigmoid": lambda z: sp.exp(z) / (1 + sp.exp(z)),
    "logit": lambda p: sp.log(p / (1 - p)),
    "probit": lambda p: sp.sqrt(2) * sp.erfinv(2 * p - 1),
    "artanh": sp.atanh,
    "arctanh": sp.atanh,
    "arsinh": sp.asinh,
    "arcsinh": sp.asinh,
    "arcosh": sp.acosh,
    "arccosh": sp.acosh,
    "lb": lambda z: sp.log(z) / sp.log(2),  # ISO 80000-2: the binary logarithm
    "ld": lambda z: sp.log(z) / sp.log(2),  # logarithmus dualis
}
#: the function names symkl gives a meaning as words (`\\operatorname{relu}`)
KNOWN_WORDS = frozenset(_WORD_FUNCTIONS) | frozenset(_WORD_NAMES)
#: words in math that are prose, not a name
_PROSE_WORDS = {"if", "for", "and", "or", "where", "with", "when", "otherwise", "s.t", "st"}

#: a row `\vdots` of a column vector: rows in between are not written
VDOTS = sp.Symbol("\u22ee")

#: the largest exact number a side may hold, in bits (about 3000 digits): SymPy evaluates
#: integer powers at once, and 10^{10^{10}} would take minutes and gigabytes outside any
#: budget; 3000 digits also still print (Python refuses int -> str past 4300 digits)
MAX_BITS = 10_000
MAX_DIGITS = 3_000


def _log2(r: sp.Rational) -> float:
    """log2 of the larger of |numerator| and denominator: 0 for 0 and +-1."""
    return math.log2(max(abs(r.p), r.q, 1))


#: the most terms a power of a sum may expand to: SymPy expands one in passing (the sign
#: of a logarithm of it, under a square root), and (x+y+t+w)^{300} has 4.6 million
MAX_TERMS = 100_000


def _terms(expr: sp.Basic) -> int:
    """How many terms expr expands to (at most a little past MAX_TERMS)."""
    if isinstance(expr, sp.Add):
        return min(sum(_terms(a) for a in expr.args), MAX_TERMS + 1)
    if isinstance(expr, sp.Mul):
        return min(math.prod(_terms(a) for a in expr.args), MAX_TERMS + 1)
    if isinstance(expr, sp.Pow) and expr.exp.is_Integer and expr.exp > 1:
        k = _terms(expr.base)
        if k > 1 and expr.exp > MAX_TERMS:
            return MAX_TERMS + 1
        return min(math.comb(int(expr.exp) + k - 1, k - 1), MAX_TERMS + 1)
    return 1


#: exponents written with numbers larger than this are not read
EXPONENT_BITS = 4096


def _power(base: sp.Expr, exponent: sp.Expr) -> sp.Expr:
    """base**exponent, refused where SymPy would compute a number of more than MAX_BITS
    bits: the exact numbers in the base (SymPy distributes a power over a product's
    number factor, and (2^a)^b is 2^(ab)) raised to a large rational exponent; and a
    power of a sum that would expand to more than MAX_TERMS terms."""
    exponents = [exponent, *(p.exp for p in base.atoms(sp.Pow))]
    if any(abs(i.p).bit_length() > EXPONENT_BITS for e in exponents for i in e.atoms(sp.Integer)):
        # x^{y^{2^{9000}}}: SymPy's rules for powers of powers compare such exponents for
        # minutes
        raise Unreadable(f"an exponent with a number of over {EXPONENT_BITS} bits")
    if (
        isinstance(exponent, sp.Integer)
        and _terms(sp.Pow(base, abs(exponent), evaluate=False)) > MAX_TERMS
    ):
        raise Unreadable(
            f"a power of a sum too large to expand (over {MAX_TERMS} terms); "
            "write it with a symbol for the sum"
        )
    if (
        exponent.is_number
        and not exponent.is_Rational
        and any(e.args[0].is_Rational and abs(e.args[0]) > MAX_BITS for e in base.atoms(sp.exp))
    ):  # (e^{2^{9000}})^{\\log 2` is 2^{2^{9000}}, which SymPy would compute
        raise Unreadable(
            f"a power of an exponential too large to compute exactly (over {MAX_BITS} bits)"
        )
    if isinstance(exponent, sp.Rational) and abs(exponent) > 1:
        size = sum(_log2(r) for r in base.atoms(sp.Rational))
        magnitude = math.log2(abs(exponent.p)) - math.log2(exponent.q)  # of the exponent
        if size and math.log2(size) + magnitude > math.log2(MAX_BITS):
            raise Unreadable(
                f"a power too large to compute exactly (over {MAX_BITS} bits); "
                "write it as an exponential or a logarithm"
            )
    return base**exponent


def _check_size(value: sp.Basic) -> None:
    """Refuse a side whose exact numbers grew past MAX_BITS (a product of large powers)."""
    if any(_log2(r) > MAX_BITS for r in value.atoms(sp.Rational)):
        raise Unreadable(f"a number too large to compute with exactly (over {MAX_BITS} bits)")


class Gradient(sp.Function):
    """nabla_q f, kept unevaluated: compared with a column vector row by row."""

    nargs = 2


_DIFF_PREFIX = "\u2146"  # the marker for a differential d<x> inside a product
_E_INDEX = sp.Symbol("e", integer=True, positive=True)
#: per-sample measures H_i(p, q): sample i's distributions are rows p[i, j], j = 1..K
CLASS_INDEX = sp.Symbol("j", integer=True)
CLASSES = sp.Symbol("K", integer=True, positive=True)


def _blank(m: re.Match) -> str:
    return " " * len(m.group(0))


#: `\\frac{d}{dp_t}`, `\\frac{dL}{dw_1}`: d over d of a variable with a sub- or superscript
_D_BY_SCRIPTED = re.compile(
    r"\\([dt]?)frac\s*\{\s*d\s*([^{}]*(?:\{[^{}]*\}[^{}]*)*)\}\s*"
    r"\{\s*d\s*((?:\\(?:hat|tilde|bar|mathbf|boldsymbol)\s*)?\\?[A-Za-z]+\s*"
    r"(?:[_^]\s*(?:\{[^{}]*\}|\w))+)\s*\}"
)
#: one variable of a derivative written in words of TeX: a letter or a Greek name, with an
#: accent or a bold face, and sub- or superscripts (`\\theta_i`, `\\hat y`, `w_{jk}`)
_DERIVATIVE_VARIABLE = (
    r"(?:\\(?:hat|tilde|bar|mathbf|boldsymbol|bm)\s*(?:\{[^{}]*\}|\\?[A-Za-z]+)|\\[A-Za-z]+"
    r"|[A-Za-z])(?:\s*_\s*(?:\{[^{}]*\}|\\?[A-Za-z0-9]+))?"
)
_SPACE = r"(?:\\[,;:!]|\\ |~|\s)*"
#: `\\frac{d^2 f}{dx\\,dy}`: a mixed second derivative written with d, which only the
#: partial form reads (so it is read as `\\frac{\\partial^2 f}{\\partial x \\partial y}`)
_D_MIXED = re.compile(
    r"\\([dt]?)frac\s*\{\s*d\s*\^\s*(\{\s*2\s*\}|2)([^{}]*(?:\{[^{}]*\}[^{}]*)*)\}\s*"
    rf"\{{{_SPACE}d\s*({_DERIVATIVE_VARIABLE}){_SPACE}d\s*({_DERIVATIVE_VARIABLE}){_SPACE}\}}"
)
#: `\\partial f/\\partial x`, `\\partial^2 L/\\partial w^2`, `dy/dx`: a derivative written on one
#: line; the numerator a name (with its arguments), the denominator one variable
_SLASHED_DERIVATIVE = re.compile(
    r"(?<![A-Za-z\\])(?P<d>\\partial(?![A-Za-z])|d(?=\s*(?:\\[A-Za-z]|[A-Za-z])))"
    r"(?P<k>\s*\^\s*(?:\{\s*[2-4]\s*\}|[2-4]))?"
    rf"\s*(?P<f>{_DERIVATIVE_VARIABLE}(?:\s*\([^()]*\))?)\s*/\s*"
    rf"(?P=d)\s*(?P<x>{_DERIVATIVE_VARIABLE}(?:\s*\^\s*(?:\{{\s*[2-4]\s*\}}|[2-4]))?)"
    r"(?![A-Za-z0-9_^({])"
)


def _unslashed(m: re.Match) -> str:
    """`\\partial f/\\partial x` as `\\frac{\\partial f}{\\partial x}` (which the grammar reads);
    left as written where the orders above and below do not agree."""
    d, order, x = m["d"], m["k"] or "", m["x"]
    power = re.search(r"\^\s*\{?\s*([2-4])", x)
    if bool(order) != bool(power) or (power and re.search(r"[2-4]", order)[0] != power[1]):
        return m.group(0)
    gap = " " if d != "d" else ""  # (`\\partialf` would be another name; `d f` a product)
    return f"\\frac{{{d}{order}{gap}{m['f']}}}{{{d}{gap}{x}}}"


#: a sub- or superscript that is a word in upright type without braces (`L_\\text{VAE}`)
_UNBRACED_WORD_SCRIPT = re.compile(
    r"([_^])\s*(\\(?:text|textrm|mathrm|textit|mathit|operatorname|mathsf|textsf)\s*\{[^{}]*\})"
)
_NOISE = re.compile(
    r"\\(left|right|middle|bigl|bigr|Bigl|Bigr|biggl|biggr|Biggl|Biggr|bigm|Bigm|biggm|Biggm"
    r"|big|Big|bigg|Bigg)(?![A-Za-z])\.?"
    r"|\\(limits|nolimits|displaystyle|textstyle|quad|qquad)(?![A-Za-z])"
    r"|(?<!\\)\\[,;:! ]|~|&"
)
#: macros that write what another writes (the replacement is padded to keep offsets)
_SYNONYM = {"top": "T", "intercal": "T", "hdots": "\\dots", "mathellipsis": "\\dots"}
_SYNONYMS = re.compile(rf"\\({'|'.join(_SYNONYM)})(?![A-Za-z])")
#: a function that has a macro of its own, written upright by hand: `\operatorname{max}(z, 0)`
#: is `\max(z, 0)` (not a function named max); a label in a subscript (`x_{\mathrm{max}}`)
#: stays a label
_UPRIGHT = re.compile(
    r"(?<![_^])(?<![_^]\{)\\(?:operatorname\*?|mathrm)\s*\{\s*"
    r"(?P<name>max|min|sup|inf|exp|log|ln|tanh|sinh|cosh|sin|cos|tan|arctan|det)\s*\}"
)
#: `X = ` in P(X = x), P(X_1 = x_1, X_2 = x_2), P(Y = y | X = x): the event that a random
#: variable takes the value its lowercase letter names is that value's probability
_EVENT = re.compile(
    r"(?:(?<=[(,|])|(?<=\\mid))\s*(?P<rv>[A-Z])(?P<rv_sub>_\{?\w+\}?)?\s*=(?=\s*(?P<x>[a-z])(?P<x_sub>_\{?\w+\}?)?"
    r"\s*(?:[),|]|\\mid(?![A-Za-z])))"
)


def _same_letter(m: re.Match) -> bool:
    return m.group("rv").lower() == m.group("x") and m.group("rv_sub") == m.group("x_sub")


_WRAPPER = re.compile(
    r"^\s*(?:\\(?:text|mathrm|operatorname(?:withlimits)?\*?)\s*\{\s*(?P<word>minimi[sz]e"
    r"|maximi[sz]e)\s*\}"
    r"|(?P<op>\\arg\s*\\min|\\argmin|\\operatorname(?:withlimits)?\*?\{arg(?:\s|\\[,;:!])*min\}|\\min"
    r"|\\arg\s*\\max|\\argmax|\\operatorname(?:withlimits)?\*?\{arg(?:\s|\\[,;:!])*max\}|\\max)"
    r"(?![A-Za-z])"
    r"(?:\s*_\s*(?:\{(?P<braced>[^{}]*)\}|(?P<single>\\[A-Za-z]+|[A-Za-z0-9])))?)"
)


#: absolute-value bars, as one character each so that offsets stay right
ABS_OPEN, ABS_CLOSE = "\u2983", "\u2984"


def _absolute_values(text: str) -> str:
    """Mark absolute-value bars: `\\left| \\right|`, `\\lvert \\rvert`, and bare `|...|`
    pairs outside parentheses (inside them, `p(y | x)` is a condition), or inside a brace
    group of their own (`\\log(1 + e^{-|z|})`: an exponent holds no condition)."""
    text = re.sub(r"\\left\s*\|", lambda m: " " * (len(m.group(0)) - 1) + ABS_OPEN, text)
    text = re.sub(r"\\right\s*\|", lambda m: " " * (len(m.group(0)) - 1) + ABS_CLOSE, text)
    text = re.sub(r"\\lvert(?![A-Za-z])", " " * 5 + ABS_OPEN, text)
    text = re.sub(r"\\rvert(?![A-Za-z])", " " * 5 + ABS_CLOSE, text)
    out = list(text)
    groups: list[list] = [["top", None]]  # the groups open at k: [kind, an unpaired bar]
    for k, ch in enumerate(text):
        escaped = text[k - 1 : k] == "\\"
        if ch in "({" and not escaped:
            groups.append([ch, None])
        elif ch in ")}" and not escaped and len(groups) > 1:
            groups.pop()
        elif ch == "|" and not escaped and text[k + 1 : k + 2] != "|" and groups[-1][0] != "(":
            if groups[-1][1] is None:
                groups[-1][1] = k
            else:
                out[groups[-1][1]], out[k], groups[-1][1] = ABS_OPEN, ABS_CLOSE, None
    return "".join(out)


#: the bars of a Euclidean norm, as one character each so that offsets stay right
NORM_OPEN, NORM_CLOSE = "\u2016", "\u2017"
#: `\\|`, `\\Vert`, `\\lVert`/`\\rVert`, `\\left\\|`/`\\right\\|`; a closing `_2` is the same norm
_NORM_BAR = re.compile(
    r"\\(?:left|right)\s*(?:\\\||\\Vert(?![A-Za-z]))|\\[lr]Vert(?![A-Za-z])|\\\||\\Vert(?![A-Za-z])"
)
_TWO = re.compile(r"\s*_\s*(?:2|\{\s*2\s*\})")


def _norms(text: str) -> str:
    """Mark the bars of norms `\\|x - \\mu\\|` (and `\\|x\\|_2`) outside parentheses, and
    inside a pair of them with an even number of bars: one bar in `D(p \\| q)` separates a
    divergence's arguments, two in `(\\frac{\\lambda}{2} \\|w\\|^2)` make a norm."""
    out, depth, opened = list(text), 0, None
    bars = {m.start(): m for m in _NORM_BAR.finditer(text)}
    groups, stack, group = {}, [], {}  # bar -> its group (the open parenthesis), counts
    for k, c in enumerate(text):
        if c == "(":
            stack.append(k)
        elif c == ")" and stack:
            stack.pop()
        elif k in bars and stack:
            groups[k] = stack[-1]
            group[stack[-1]] = group.get(stack[-1], 0) + 1
    k = 0
    while k < len(text):
        if text[k] == "(":
            depth += 1
        elif text[k] == ")":
            depth -= 1
        elif k in bars and (depth == 0 or group.get(groups.get(k), 1) % 2 == 0):
            m = bars[k]
            if opened is None and not m.group(0).startswith(("\\right", "\\rVert")):
                opened = m
            elif opened is not None and not m.group(0).startswith(("\\left", "\\lVert")):
                out[opened.start() : opened.end()] = " " * (len(opened.group(0)) - 1) + NORM_OPEN
                end = m.end()
                if two := _TWO.match(text, end):
                    end = two.end()
                out[m.start() : end] = NORM_CLOSE + " " * (end - m.start() - 1)
                opened = None
                k = end
                continue
            k = m.end()
            continue
        k += 1
    return "".join(out)


#: angle brackets of an expectation, as one character each so that offsets stay right
ANGLE_OPEN, ANGLE_CLOSE = "\u27e8", "\u27e9"
_ANGLES = re.compile(r"\\(l|r)angle(?![A-Za-z])")

_BARE_EXPECTATION = re.compile(
    rf"(?:{EXPECTATION})(?:\s*_\s*(?:\{{(?:[^{{}}]|\{{[^{{}}]*\}})*\}}|\\[A-Za-z]+|[A-Za-z0-9]))?"
)
#: what ends the term an unbracketed expectation takes, outside any group
_TERM_END = re.compile(
    r"[-+=<>&,]|\\\\|\\(?:le|ge|leq|geq|neq|ne|approx|quad|qquad|text|ll|gg|to"
    r"|rightarrow|Rightarrow|implies|iff|mid)(?![A-Za-z])"
)


def _angle_brackets(text: str) -> str:
    return _ANGLES.sub(
        lambda m: " " * (len(m.group(0)) - 1) + (ANGLE_OPEN if m.group(1) == "l" else ANGLE_CLOSE),
        text,
    )


def _bracket_bare_expectations(text: str) -> str:
    """`\\mathbb{E}_P \\log \\frac{1}{q(X)} - H`: the expectation of the term that follows
    (up to the next sign or relation outside groups), bracketed as `\\mathbb{E}_P[...]`."""
    start = 0
    while (m := _BARE_EXPECTATION.search(text, start)) is not None:
        k = m.end()
        while k < len(text) and text[k].isspace():
            k += 1
        start = m.end()
        if k == len(text) or text[k] == "[" or text.startswith("^", k):
            continue  # E[...] already, or E^2: not an expectation symkl reads
        bare = k == m.end() and "_" not in m.group(0)  # `\\mathbb{E}(`: no law, no space
        if (
            bare
            and text[k] == "("
            and (j := _group_end(text, k, "()")) != -1
            and text[j:].lstrip().startswith("^")
        ):
            # `\\mathbb{E}(X)^2`: (E X)^2 to some;
            # `\\mathbb{E}(X - \\mu)^2`: E[(X - mu)^2] to others
            raise Unreadable(
                "E(...)^k: the power of the expectation, or the expectation of the power? "
                "(write \\mathbb{E}[X]^2 or \\mathbb{E}[X^2])",
                k,
            )
        end, depth = k, 0
        if text[end] in "+-":  # a sign that starts the term belongs to it
            end += 1
        while end < len(text):
            ch = text[end]
            if ch in "{([":
                depth += 1
            elif ch in "})]":
                if depth == 0:
                    break
                depth -= 1
            elif depth == 0 and _TERM_END.match(text, end):
                break
            end += 1
        while end > k and text[end - 1].isspace():
            end -= 1
        if end == k:
            continue
        text = text[: m.end()] + "[" + text[k:end] + "]" + text[end:]
    return text


def _group_end(text: str, k: int, pair: str = "{}") -> int:
    """The offset just after the group that opens at text[k] (`pair[0]`, '{' unless said),
    or -1."""
    depth = 0
    for j in range(k, len(text)):
        depth += {pair[0]: 1, pair[1]: -1}.get(text[j], 0)
        if depth == 0:
            return j + 1
    return -1


def _unwrapped(text: str, macro: str) -> str:
    """`\\mathop{X}` is X: the macro and its braces are blanked."""
    while (m := re.search(rf"\\{macro}\s*\{{", text)) is not None:
        end = _group_end(text, m.end() - 1)
        if end < 0:
            raise Unreadable(f"unbalanced braces after \\{macro}", m.start())
        blank = " " * (m.end() - m.start())
        text = text[: m.start()] + blank + text[m.end() : end - 1] + " " + text[end:]
    return text


#: a brace's note that names the braced part or states a relation of it
_CLAIMED_NOTE = re.compile(
    r"(?:\{[^{}]*)?(?:=|<|>|\\(?:coloneqq|eqqcolon|[lg]eq?q?|[lg]eqslant|approx|simeq|sim|ne|neq|"
    r"ll|gg|propto)(?![A-Za-z]))"
)


def _without_braces_notes(text: str) -> str:
    """`\\underbrace{X}_{\\text{note}}` is X: the brace and its note are blanked."""
    while (m := re.search(r"\\(?:under|over)brace\s*\{", text)) is not None:
        end = _group_end(text, m.end() - 1)
        if end < 0:
            raise Unreadable("unbalanced braces after \\underbrace", m.start())
        note = re.match(r"\s*[_^]\s*", text[end:])
        if note and _CLAIMED_NOTE.match(text[end + note.end() :]):
            # `\\underbrace{...}_{\\le 1}` claims something of the braced part: unchecked
            raise Unreadable("a brace note that names or states something (=: u, \\le 1)", end)
        stop = end
        if note and text[end + note.end() : end + note.end() + 1] == "{":
            stop = _group_end(text, end + note.end())
        elif note:
            stop = end + note.end() + 1
        if stop < 0:
            raise Unreadable("unbalanced braces in the note of a brace", end)
        text = (
            text[: m.start()]
            + " " * (m.end() - m.start())
            + text[m.end() : end - 1]
            + " " * (stop - end + 1)
            + text[stop:]
        )
    return text


#: an upright d (`\\frac{\\mathrm{d}}{\\mathrm{d}x}`, `\\mathrm d x`, `\\textrm{d}`): the d of a
#: derivative or a differential, as an italic one
_UPRIGHT_D = re.compile(
    r"(?:\\(?:mathrm|textrm|text|operatorname|mathop)\s*\{\s*d\s*\}|\\mathrm\s+d(?![A-Za-z]))\s*"
)


_SPACED_D = re.compile(
    r"(\\[dt]?frac\s*\{\s*d[^{}]*\}\s*\{\s*)d(\s+)(?=[A-Za-z](?![A-Za-z])|\\[A-Za-z])"
)


#: a number written with its digits in groups of three, a space of some kind between them
_GROUPED = re.compile(
    r"(?<![\d.])\d{1,3}(?:(?:\s*(?:\\[,;:!]|\\ |~|\\thinspace\b)\s*|\s+)\d{3})+(?!\d)"
)
_DIGIT_COMMA = re.compile(r"\d\s*\{,\}\s*\d")
#: a space between digits that is no grouping: `2\,3`, `2 34` (shown as 234)
_SPACED_DIGITS = re.compile(r"(?<![\^_])\d(?:\s*(?:\\[,;:!]|\\ |~|\\thinspace\b)\s*|\s+)\d")


#: `\\frac{d^2 L}{d\\theta^2}`, `\\frac{\\partial^2 f}{\\partial x^2}`: a higher derivative with
#: its function in the numerator (one variable below); or a first one of a letter with a
#: subscript (`\\frac{df_k}{d\\theta}`), which the grammar's `dJ` does not take
_HIGHER_LEIBNIZ = re.compile(
    r"\\[dt]?frac\s*\{\s*(?:(?P<d>d|\\partial)\s*\^\s*(?P<k>\{\s*[2-4]\s*\}|[2-4])"
    r"(?P<f>[^{}]*(?:\{[^{}]*\}[^{}]*)*)"
    r"|d(?P<f1>(?:[A-Za-z]|\\[A-Za-z]+)\s*(?:_\s*(?:\{[^{}]*\}|\\?[A-Za-z0-9]+)"
    r"(?:\s*\([^()]*\))?|\([^()]*\)))\s*)"
    r"\}\s*\{(?P<den>[^{}]*(?:\{[^{}]*\}[^{}]*)*)\}"
)
_BRACED_CALL = re.compile(
    r"((?<![A-Za-z\\])[A-Za-z]|\\(?:alpha|beta|gamma|delta|epsilon|varepsilon|zeta|eta|theta|"
    r"vartheta|iota|kappa|lambda|mu|nu|xi|pi|rho|sigma|tau|upsilon|phi|varphi|chi|psi|omega|"
    r"Gamma|Delta|Theta|Lambda|Xi|Pi|Sigma|Phi|Psi|Omega)(?![A-Za-z]))"
    r"\s*\{\s*(\([^{}]*\))\s*\}"
)
_DOUBLE_BRACES = re.compile(r"(?<!\\)\{\s*(?<!\\)\{([^{}]*)(?<!\\)\}\s*(?<!\\)\}")
#: what may follow a derivative moved before its function: the end, a relation, a sign, a
#: closing bracket or a row's end (not a factor, which the operator would take)
_ENDS_FACTOR = re.compile(
    r"\s*(?:$|[=<>+\-&)\]},]|\\(?:right|[lg]eq?|ne|neq|approx|leqslant|geqslant|quad|qquad|\\)"
    r"(?![A-Za-z]))"
)


def _operator_first(m: re.Match) -> str:
    """`\\frac{d^2 L}{d\\theta^2}` (or `\\frac{df_k}{dx}`) as `\\frac{d^2}{d\\theta^2} L`, in
    the same room (the characters keep their span); left as written where the numerator
    has no function, the denominator more than one variable, or a factor follows (the
    operator would take it: `\\frac{d^2 f}{dz^2} z` is f'' times z)."""
    d, den, f = m["d"] or "d", m["den"], (m["f"] if m["k"] else m["f1"]).strip()
    below = r"\\partial(?![A-Za-z])" if d != "d" else r"(?<![A-Za-z\\])d"
    # one variable below, or one for each order of a mixed derivative (`\\partial x \\partial y`)
    below_count = len(re.findall(below, den))
    order_count = int(re.sub(r"\D", "", m["k"])) if m["k"] else 1
    if not f or not 1 <= below_count <= order_count or not _ENDS_FACTOR.match(m.string, m.end()):
        return m.group(0)
    order = f"^{m['k']}" if m["k"] else ""
    moved = f"\\frac{{{d}{order}}}{{{den}}}{f}"
    return moved.ljust(len(m.group(0))) if len(moved) <= len(m.group(0)) else m.group(0)


#: two integral signs with no bounds, or `\iint`
_DOUBLE_INTEGRAL = re.compile(r"\\int\s*\\int(?![A-Za-z_^])|\\iint(?![A-Za-z_^])")


def normalize(source: str) -> str:
    """Blank what carries no meaning (sizes, spacing, alignment, `\\cancel`, trailing
    punctuation), keeping every other character at its offset so errors point right
    (but for the brackets of an unbracketed expectation, which are inserted)."""
    if m := _DIGIT_COMMA.search(source):
        raise Unreadable("{,} between digits: a decimal comma or a thousands separator?", m.start())
    # `1\,024`, `1~000~000`: one number, its digits in groups of three
    source = _GROUPED.sub(lambda m: re.sub(r"\D", "", m.group(0)).rjust(len(m.group(0))), source)
    if m := _SPACED_DIGITS.search(source):
        raise Unreadable("digits with a space between: one number, or a product?", m.start())
    source = _DOT_PRODUCT.sub(lambda m: _transposed_product(m, source), source)
    source = _INNER.sub(_inner_product, source)
    # `D_\\text{KL}`: a word as a sub- or superscript, braced as TeX reads it (two characters
    # more: a column after it is off by two)
    source = _UNBRACED_WORD_SCRIPT.sub(r"\1{\2}", source)
    # `\\frac{d}{dp_t}`, `\\frac{d\\hat y}{da^{(2)}}`: a variable with a script, which the
    # partial form reads (a derivative in one variable is both)
    # (two forms the grammar does not take, rewritten into ones it does: columns after
    # them are off by the characters added)
    source = _D_MIXED.sub(r"\\\1frac{\\partial^2 \3}{\\partial \4 \\partial \5}", source)
    source = _SLASHED_DERIVATIVE.sub(_unslashed, source)
    source = _D_BY_SCRIPTED.sub(r"\\\1frac{\\partial \2}{\\partial \3}", source)
    text = _NOISE.sub(_blank, _angle_brackets(_absolute_values(_norms(source))))
    text = _SYNONYMS.sub(lambda m: _SYNONYM[m.group(1)].ljust(len(m.group(0))), text)
    text = _UPRIGHT.sub(lambda m: f"\\{m.group('name')}".ljust(len(m.group(0))), text)
    text = _UPRIGHT_D.sub(lambda m: "d".rjust(len(m.group(0))), text)
    # `\\frac{d}{d x}`: the space kept before the d, not inside the differential
    text = _SPACED_D.sub(lambda m: m.group(1) + m.group(2) + "d", text)
    # `\\frac{\\partial}{{\\partial z}}`: a group that holds one group is that group
    text = _DOUBLE_BRACES.sub(lambda m: f" {{{m[1]}}} ".center(len(m.group(0))), text)
    # `\\phi{(z)}`: a name before a group that only holds a bracket is applied to it
    text = _BRACED_CALL.sub(lambda m: m[1] + f" {m[2]} ".center(len(m.group(0)) - len(m[1])), text)
    text = _HIGHER_LEIBNIZ.sub(_operator_first, text)
    # `\int\int ... dx\,dz`, `\iint`: one integral over the pair (its differentials say which)
    text = _DOUBLE_INTEGRAL.sub(lambda m: "\\int".ljust(len(m.group(0))), text)
    text = _EVENT.sub(lambda m: _blank(m) if _same_letter(m) else m.group(0), text)
    text = _bracket_bare_expectations(text)
    while (m := re.search(r"\\[bx]?cancel\s*\{", text)) is not None:
        depth, k = 1, m.end()
        while k < len(text) and depth:
            depth += {"{": 1, "}": -1}.get(text[k], 0)
            k += 1
        if depth:
            raise Unreadable("unbalanced braces after \\cancel", m.start())
        blank = " " * (m.end() - m.start())
        text = text[: m.start()] + blank + text[m.end() : k - 1] + " " + text[k:]
    text = _unwrapped(_without_braces_notes(text), "mathop")
    text = re.sub(r"\\\\\s*$", _blank, text)
    return re.sub(r"[\s,.;]+$", _blank, text)


#: a dot product of two vectors in bold or with arrows (`\\mathbf{u}\\cdot\\mathbf{v}`)
def _bold_vector(name: str) -> str:
    return (
        rf"\\(?:mathbf|boldsymbol|bm|vec)\s*(?:\{{\s*(?P<{name}>[a-z])\s*\}}|\s(?P<{name}_>[a-z]))"
        rf"(?P<{name}i>\s*_\s*(?:\{{[^{{}}]*\}}|\w))?"
    )


_DOT_PRODUCT = re.compile(_bold_vector("a") + r"\s*\\cdot\s*" + _bold_vector("b"))


def _any_vector(name: str) -> str:
    """A vector in bold or with an arrow, or a plain lowercase letter, with one index."""
    plain = rf"(?P<{name}p>(?<![A-Za-z\\])[a-z](?![A-Za-z]))"
    bold = _bold_vector(name).removesuffix(rf"(?P<{name}i>\s*_\s*(?:\{{[^{{}}]*\}}|\w))?")
    return rf"(?:{bold}|{plain})(?P<{name}i>\s*_\s*(?:\{{[^{{}}]*\}}|\w))?"


#: `\\langle w, x \\rangle`: the scalar product of two vectors
_INNER = re.compile(
    r"(?:\\left\s*)?\\langle\s*"
    + _any_vector("a")
    + r"\s*,\s*"
    + _any_vector("b")
    + r"\s*(?:\\right\s*)?\\rangle"
)


_PLAIN_DOT = re.compile(_any_vector("a") + r"\s*\\cdot\s*" + _any_vector("b"))


def _vector_dots(source: str, vectors: frozenset) -> str:
    """`w \\cdot x` between two letters the notes make vectors, as `w^T x` (their scalar
    product, not the product of two numbers), at the same offsets."""
    if not vectors or "\\cdot" not in source:
        return source

    def product(m: re.Match) -> str:
        a, b = _letters_of(m)
        if a not in vectors or b not in vectors:
            return m.group(0)
        if re.search(r"[A-Z})\]]\s*$", source[: m.start()]):
            raise Unreadable(
                f"{a} \\cdot {b} after a factor: of the product, or of {a}?", m.start()
            )
        return _inner_product(m)

    return _PLAIN_DOT.sub(product, source)


def _letters_of(m: re.Match) -> tuple[str, str]:
    """The two vectors' letters of a product matched by `_bold_vector`/`_any_vector`."""
    found = m.groupdict()
    a, b = ("".join(found.get(n + s) or "" for s in ("", "_", "p")) for n in "ab")
    return a, b


def _inner_product(m: re.Match) -> str:
    """`\\langle w, x_i \\rangle`, `\\mathbf{u} \\cdot \\mathbf{v}` as `w^T x_i`, at the same
    offsets."""
    a, b = _letters_of(m)
    written = f"{a}{(m['ai'] or '').strip()}^T {b}{(m['bi'] or '').strip()}"
    return written.ljust(len(m.group(0)))


def _transposed_product(m: re.Match, source: str) -> str:
    """`\\mathbf{u}\\cdot\\mathbf{v}` as `u^T v` (one number, the scalar product), at the
    same offsets; as written where the first vector is itself a factor (`B\\mathbf{x}\\cdot
    \\mathbf{y}` is (Bx).y)."""
    if re.search(r"[\w})]\s*$", source[: m.start()]):
        return m.group(0)
    return _inner_product(m)


def _function_of_a_list(m: re.Match, source: str) -> bool:
    """`\\max(0, z)`, `\\max\\{0, z\\}`: the function of its arguments, not an optimum over
    nothing."""
    if m.group("braced") is not None or m.group("single") is not None or m.group("word"):
        return False
    rest = source[m.end() :].lstrip()
    opening = re.match(r"(?:\\(?:left|[bB]igg?l?)\s*)?(?:\(|\\\{)", rest)
    return opening is not None and "," in rest


def strip_wrapper(source: str) -> tuple[Wrapped | None, str]:
    """Split `\\arg\\min_\\theta X` into the wrapper and X (blanked in place); `\\max_i x_i`,
    over an index X's entries are written at, is the largest entry (`EntryMax`), no
    wrapper."""
    m = _WRAPPER.match(source)
    if m is None or _function_of_a_list(m, source) or _over_entries(m, source):
        return None, source
    op = "max" if "max" in m.group(0) else "min"
    written = (m.group("braced") or m.group("single") or "").strip()
    # \\min_{\\mu, \\sigma}: both names; \\min_{w \\ge 0}: w, restricted
    constrained = re.search(r"\\(?:ge|le|geq|leq|in)(?![A-Za-z])|[<>]", written) is not None
    names = [re.match(r"\s*\\?([A-Za-z]+)", part) for part in written.split(",")]
    var = ",".join(n.group(1) for n in names if n)
    arg = m.group("word") is not None or "arg" in m.group("op")
    return Wrapped(op, var, arg, constrained), " " * m.end() + source[m.end() :]


def _over_entries(m: re.Match, source: str) -> bool:
    """Is a `\\max_i`, `\\min_{j}` wrapper one over an index letter that the rest writes as
    a subscript (`\\max_i x_i`), not an optimum over a variable (`\\min_\\theta`)?"""
    written = (m.group("braced") or m.group("single") or "").strip()
    if m.group("op") is None or "arg" in m.group("op") or not re.fullmatch(r"[a-z]", written):
        return False
    return re.search(rf"_\s*\{{?\s*{written}(?![A-Za-z])", source[m.end() :]) is not None


def _own_argument(f, call, values) -> bool:
    """Is `f(...)` a bare name before one bracket that holds that name bare (`p(1 - p)`),
    where f is no function the notes defined?"""
    if not (_is_ref(f) and f.index is None and call.kind == "args" and len(call.args) == 1):
        return False
    if isinstance(values.r.definitions.get(f.name), sp.Lambda):
        return False
    try:
        arg = values.v(call.args[0])
    except Unreadable:
        return False  # H(s) where the notes define s's entries: no value of its own
    if not isinstance(arg, sp.Expr) or isinstance(arg, sp.Symbol):
        return False
    entries = {str(i.base.label) for i in arg.atoms(sp.Indexed)}
    bare = {s.name for s in arg.free_symbols if isinstance(s, sp.Symbol)} - entries
    return f.name in bare


def _gaussian_shaped(defined) -> bool:
    """Is `defined` a function of one variable c e^{q(x)}, c > 0, q quadratic with a
    negative x^2 coefficient (a normal density's shape: positive and integrable over the
    whole real line, so its measures are integrals over it)?"""
    if not (isinstance(defined, sp.Lambda) and len(defined.variables) == 1):
        return False
    (x,) = defined.variables
    c, rest = defined.expr.as_independent(x, as_Add=False)
    if not (isinstance(rest, sp.exp) and c.is_positive):
        return False
    try:
        q = sp.Poly(sp.expand(rest.args[0]), x)
    except sp.PolynomialError:
        return False
    return q.degree() == 2 and q.LC().is_negative is True


def _parser_file() -> Path | None:
    """Where the parser's tables are kept between runs: a file per grammar (and lark and
    Python version) in the user's cache folder, or None where there is no folder to keep
    them in. Building them takes most of a second of CPU time per `symkl verify`; loading
    them, a few hundredths."""
    digest = hashlib.sha256(f"{GRAMMAR}{lark.__version__}{sys.version_info[:2]}".encode())
    try:
        folder = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "symkl"
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except (OSError, RuntimeError):  # no home folder, or it is read-only
        return None
    return folder / f"notes-parser-{digest.hexdigest()[:16]}.lark"


@functools.cache
def _lark() -> lark.Lark:
    path = _parser_file()
    if path is not None and _private(path):
        try:
            with path.open("rb") as f:
                return lark.Lark.load(f)
        except Exception:  # a damaged file (any unpickling error): build the tables again
            pass
    parser = lark.Lark(GRAMMAR, parser="lalr", lexer="contextual", propagate_positions=True)
    if path is not None:
        _keep(parser, path)
    return parser


def _private(path: Path) -> bool:
    """Is `path` a file this user owns in a folder this user owns, neither writable by
    anyone else? The tables are a pickle, which runs code as it loads: only a file no
    other user can have written is read."""
    try:
        stats = (path.stat(), path.parent.stat())
    except OSError:  # not there (yet)
        return False
    return all(s.st_uid == os.getuid() and not s.st_mode & 0o022 for s in stats)


def _keep(parser: lark.Lark, path: Path) -> None:
    """Save the parser's tables to `path`: written aside, then renamed, so that runs
    started together never read a half-written file, nor one two of them wrote at once."""
    try:
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=".parser-")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as f:
            parser.save(f)
        os.replace(name, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(name)


def warm() -> None:
    """Build (or load) the parser now: building its LALR tables takes about a second of CPU
    time, which must not count against the budget of whichever step happens to be read
    first."""
    _lark()


def _friendly(error: lark.exceptions.LarkError, text: str) -> Unreadable:
    if isinstance(error, lark.exceptions.UnexpectedCharacters):
        at = error.pos_in_stream
        word = re.match(r"\\[A-Za-z]+|.", text[at:], re.S)
        token = word.group(0) if word else text[at : at + 1]
        if token.startswith("\\begin") or text.startswith(r"\begin{", at):
            env = re.match(r"\\begin\{([^}]*)\}", text[at:])
            name = env.group(1) if env else "environment"
            return Unreadable(f"the {name} environment is not read", at)
        if token.startswith("\\"):
            return Unreadable(f"unknown or misplaced macro {token}", at)
        return Unreadable(f"unexpected {token!r}", at)
    if isinstance(error, lark.exceptions.UnexpectedToken):
        token = error.token
        if token.type == "$END":
            return Unreadable("the expression ends too early (unbalanced braces?)", len(text))
        at = token.start_pos if token.start_pos is not None else 0
        return Unreadable(f"unexpected {token.value!r}", at)
    return Unreadable(f"cannot read: {error}", 0)


@dataclass
class Reader:
    """What the note says the notation means; reads one side at a time.

    `mode` is "discrete" (sums over `dim` outcomes) or "density" (integrals over the
    real line). `definitions` maps a name to its value (`p` -> (alpha, 1 - alpha)) or
    to a `sp.Lambda` for functions defined earlier (`L(\\eta, y) = ...`).
    """

    mode: str = "discrete"
    dim: sp.Symbol = field(default_factory=lambda: sp.Symbol("n", integer=True, positive=True))
    kinds: dict[str, str] = field(default_factory=dict)
    definitions: dict[str, sp.Basic] = field(default_factory=dict)
    e_is_index: bool = False
    notes: list[str] = field(default_factory=list)
    #: readings this reader chose where the notation admits others (`w^T` as a power):
    #: a verdict on such a step needs the other reading too, which symkl cannot make
    doubts: list[str] = field(default_factory=list)
    #: the defined names whose definitions this reader substituted (what a definition read
    #: with it is written through: `THROUGH`)
    expanded: list[str] = field(default_factory=list)
    #: the base of `\\log` written without one (2 where the notes say logs are base 2)
    log_base: sp.Expr = sp.E
    #: the base of H, D and I where it is not that of `\\log` (bits, in notes that write
    #: `\\log_2` and say nothing of the unit)
    measure_base: sp.Expr | None = None
    #: the display has densities of two letters (`p(x, z)`): its expectations over one of
    #: them are integrals (`latent.py`)
    latent: bool = False
    #: the notes said which base `\\log` is to (no other base is tried)
    log_stated: bool = False
    #: `\\sigma(x)` is sigma times x (sigma a scale), not the sigmoid
    sigma_product: bool = False
    #: the notes apply sigma to a bracket without a power (`\\sigma(z)`): `\\sigma^2(z)`
    #: is then the sigmoid squared where sigma is no scale
    sigmoid_called: bool = False
    #: the letters the notes call sigma at (`\\sigma(z)`: z)
    sigma_arguments: frozenset = frozenset()
    #: letters the notes make Bernoulli parameters: H(p), D(p || q) of the laws (p, 1 - p)
    bernoulli: frozenset = frozenset()
    #: the base of `\\lg` the notes state (None: they do not say)
    lg_base: int | None = None
    #: what the notes say i, j, e and N(mu, s) mean at this step (`symkl.notes.notation`)
    notation: Notation = field(default_factory=Notation)
    #: names differentiated in the side being read: their definitions are substituted after
    #: reading it, so that d/du of a defined u differentiates in u
    held: frozenset = frozenset()
    #: letters the prose calls labels as superscripts (`h^f`: a name, not a power)
    labels: frozenset = frozenset()
    #: the notes use T as a letter of its own (a horizon, a count): `w^T` may be a power
    t_letter: bool = False
    #: delta_{ij} is Kronecker's delta (the prose does not define delta otherwise)
    kronecker: bool = True
    #: the notes define softmax their own way or speak of a temperature: symkl's is not theirs
    own_softmax: bool = False
    #: letters the prose gives a finite set of values (`$y \in \{0, 1\}$`): a sum over
    #: one of them without bounds runs over those values
    value_sets: dict = field(default_factory=dict)
    #: functions the notes define in a way symkl could not read (`r(z) = <cases>`)
    unread_functions: frozenset = frozenset()
    #: the block bounds a sum explicitly (`\\sum_{i=1}^m`): `dim` is that bound
    dim_written: bool = False
    #: the letters the block's sums run to (`\\sum_{k=1}^K`): `z_K` is then an entry of z
    bounds: frozenset = frozenset()
    #: names the prose describes in words at this step (never linked to a definition)
    described: frozenset = frozenset()
    #: names the notes relate to others by a formula symkl does not apply (`\hat y_k =
    #: softmax(z)_k` checked as a claim): no derivative takes them as constants
    related: frozenset = frozenset()
    #: the names each related name's prose formula uses (`$S = \\sum_i x_i$`): a derivative
    #: in a variable none of them is, nor depends on, takes it as a constant
    related_letters: dict[str, frozenset] = field(default_factory=dict)
    #: random variable -> the letter of its law the notes give (`$X \\sim P$`)
    laws: dict[str, str] = field(default_factory=dict)
    #: random variables with a normal or Bernoulli law from the prose: X -> (law, parameters)
    random_laws: dict[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)
    #: distribution -> the letter of its entries (`P = \\{p_1, \\ldots, p_k\\}`)
    aliases: dict[str, str] = field(default_factory=dict)
    #: offsets of the `\\pi` in the side being read that are plainly the constant
    #: (`\\sqrt{2\\pi}`), whatever the notes make pi
    constant_pi: frozenset = frozenset()
    pi_varies: bool = False  # the side differentiates in pi
    #: letters a norm in the side being read makes vectors (`\\|w\\|`)
    normed: set = field(default_factory=set)

    # ---- meanings of names ------------------------------------------------------------

    @property
    def unit_base(self) -> sp.Expr:
        """The base of the logs in H, D and I."""
        return self.measure_base if self.measure_base is not None else self.log_base

    def is_distribution(self, name: str) -> bool:
        base = name.split("_")[0]
        kind = self.kinds.get(base, DEFAULT_KINDS.get(base))
        return kind == "distribution"

    def index(self) -> sp.Symbol:
        return sp.Symbol("i", integer=True)

    def _current(self, law: sp.Basic) -> sp.Basic:
        """A law with the names in it that the notes define (after it, too) substituted:
        `P: X \\sim N(m, s^2)`, then `m := 3`."""
        subs = {
            s: v
            for s in law.free_symbols
            if isinstance(s, sp.Symbol)
            and isinstance(v := self.definitions.get(s.name), sp.Expr)
            and not isinstance(v, sp.Lambda)
        }
        return law.xreplace(subs) if subs else law

    def normal_of(self, name: str) -> sp.Basic | None:
        """`N(mu, sigma^2)` where the notes make `name` that normal distribution: defined as
        it (`P = \\mathcal{N}(\\mu_1, \\sigma_1^2)`), or p where they so define P and say
        nothing of p (a distribution and its density share a letter); else None."""
        if name in self.definitions:
            defined = self.definition(name)
            return self._current(defined) if _is_normal(defined) else None
        if not (len(name) == 1 and name.islower()) or name in self.kinds or name in self.described:
            return None
        defined = self.definition(name.upper())
        return self._current(defined) if _is_normal(defined) else None

    def normal_density(self, normal: sp.Basic, x: sp.Expr) -> sp.Expr:
        """The density at x of `N(mean, second)`, its second argument read as the notes
        parametrize normals (a variance, or a scale)."""
        if len(normal.args) != 2:
            raise Unreadable("a normal distribution N(mean, variance) needs two arguments")
        mean, second = normal.args
        variance = normal_variance(second, self.notation)
        return sp.exp(-((x - mean) ** 2) / (2 * variance)) / sp.sqrt(2 * sp.pi * variance)

    def definition(self, name: str) -> sp.Basic | None:
        """The value defined for `name`, its letters as the notes state them now: a range
        stated after the definition (`p = (alpha, 1 - alpha)`, then "$0 < alpha < 1$") is
        the range of the same alpha, not of another letter that happens to share its name.
        A function's own variables (`f(x) = |x|`, then "$x > 0$") and the indices of its
        sums are bound: a range stated of the letter later is not theirs (|x| read for a
        positive x would make f(-2) = -2)."""
        value = self.definitions.get(name)
        if value is None:
            return None
        labels = {i.base.label for i in value.atoms(sp.Indexed)}
        now = {
            s: symbol_for(s.name, self.kinds)
            for s in value.free_symbols
            if isinstance(s, sp.Symbol)
            and s.name in self.kinds
            and s not in labels
            and not isinstance(s, sp.Dummy)
        }
        changed = {s: t for s, t in now.items() if s != t}
        return value.xreplace(changed) if changed else value

    def variable(self) -> sp.Symbol:
        return symbol_for("x", {"x": "real"})

    def term(self, name: str) -> sp.Expr:
        """A distribution's value for one outcome: p[i], p(x), or its definition."""
        name = self.aliases.get(name, name)
        if isinstance(defined := self.definition(name), sp.Tuple):
            return defined
        if isinstance(defined, sp.IndexedBase):  # P = {p_1, ..., p_k}: p's entries
            return defined[self.index()]
        if isinstance(defined, EntryFormula):  # p_i = 1/n: the formula at each outcome
            return defined.at(self.index())
        if self.mode == "density":
            return sp.Function(name, positive=True)(self.variable())
        return sp.IndexedBase(name, positive=True)[self.index()]

    def limits(self, *terms: sp.Expr) -> tuple:
        if any(isinstance(t, sp.Tuple) for t in terms):
            return ()
        if self.mode == "density":
            return (self.variable(), -sp.oo, sp.oo)
        return (self.index(), 1, self.dim)

    def _entry_function(self, x: Ref) -> sp.Expr | None:
        """`\\sigma_k` where the notes defined `\\sigma_i(z; T) = ...`: that formula at entry
        k, its arguments as the notes name them (None where no such definition is)."""
        for name, value in self.definitions.items():
            head, _, letter = name.partition("_")
            if head == x.name and len(letter) == 1 and isinstance(value, sp.Lambda):
                here = {s: x.index for s in value.expr.free_symbols if s.name == letter}
                return value.expr.xreplace(here)
        return None

    def value(self, x) -> sp.Expr:
        """A SymPy value for a node."""
        if isinstance(x, Primed):  # theta' not called: another variable, theta prime
            name = x.function.name + "_prime" * x.order
            return self.value(Ref(name, None, x.function.offset))
        if isinstance(x, Dotted):
            raise Unreadable("\\dots stands for terms not written out", x.offset)
        if isinstance(x, Ref):
            if x.name == "\\dots":
                raise Unreadable("\\dots stands for terms not written out", x.offset)
            if x.index is not None and isinstance(self.definitions.get(x.name), sp.Tuple):
                return _entry(self.definition(x.name), x.index, x.name)
            if isinstance(self.definitions.get(x.name), EntryFormula):
                if x.index is None or isinstance(x.index, sp.Tuple):
                    raise Unreadable(f"{x.name} where the notes define its entries", x.offset)
                return self.definition(x.name).at(x.index)
            if x.name in _MEASURES and isinstance(x.index, sp.Symbol) and len(x.index.name) > 1:
                # `H_{\\text{bits}}` not called: a quantity so labelled, no entry of a vector
                return self.value(Ref(f"{x.name}_{x.index.name}", None, x.offset))
            # `\\sigma_k`, `\\sigma_2`, `\\sigma_{k+1}` where `\\sigma_i(z; T)` was defined
            one_index = isinstance(x.index, sp.Expr) and not isinstance(x.index, sp.Tuple)
            if one_index and (entry := self._entry_function(x)) is not None:
                return entry
            if x.index is not None:
                kinds = {**DEFAULT_KINDS, **self.kinds}
                kind = kinds.get(x.name, "real")
                base = sp.IndexedBase(x.name, **assumptions(kind))
                return base[tuple(x.index) if isinstance(x.index, sp.Tuple) else x.index]
            if x.word and x.name in UPRIGHT:
                return UPRIGHT[x.name]  # \mathrm{i}, \imath, \mathrm{e}: the constants
            if (
                x.name == "pi"
                and not self.pi_varies
                and (x.offset in self.constant_pi or self.notation.pi == "constant")
            ):
                return sp.pi  # `\\sqrt{2\\pi}`, or the reading of pi as the constant
            if x.name in self.definitions and not self._held(x.name):
                if (kept := self._kept_in(x.name)) and (
                    held := self.definition_keeping(x.name, kept)
                ) is not None:
                    return held  # `\\partial/\\partial h` of yhat = w h + b: h kept
                self.expanded.append(x.name)
                value = self.definition(x.name)
                if isinstance(value, sp.Lambda) and not _shows(value):
                    # J(w) = -sum_i y_i log phi(z_i), z = w^T x in words: J depends on w
                    # in a way its formula does not show (its derivative is no 0)
                    return sp.Symbol(x.name, real=True)  # differentiated: unknown
                # a function's bare name (L for L(theta)) is its value at its own arguments,
                # each as the notes define it (phi for phi(z) where z = w^T x)
                return self._at_own_arguments(value) if isinstance(value, sp.Lambda) else value
            if (
                x.name == "pi"
                and x.name not in self.kinds
                and self.notation.pi != "variable"
                and not self.pi_varies
            ):
                return sp.pi  # a constant, not a variable, unless the notes make it one
            if x.name in self.notation.imaginary:
                # a symbol with no assumptions until the side is read (`imaginary_units`):
                # the imaginary unit unless a sum binds it, and never taken to be real
                return sp.Symbol(x.name)
            if x.name == "e" and not self.e_is_index and not self.notation.e_variable:
                return sp.E
            if x.name == "e" and not self.e_is_index:
                return symbol_for("e", self.kinds)  # a variable the notes name e
            if x.name == "e":
                return _E_INDEX
            if x.name == self.dim.name and x.name not in self.kinds:
                return self.dim  # k in sum_{i=1}^k p_i = k: the number of outcomes
            if x.word and len(x.name.split("_")[0]) > 1 and x.name not in self.kinds:
                # `3\ \text{bits}`, `+ \text{const}`, `\text{whereas}`, `\operatorname{lb} 8`:
                # a word symkl does not know, not a number it may sample
                self.doubts.append(f"{x.name} is a word symkl does not read as a quantity")
            return symbol_for(x.name, self.kinds)
        if isinstance(x, Transposed) and x.vector is None:
            raise Unreadable("a transposed bracket with no vector after it")
        if isinstance(x, Transposed):  # w^T with no vector after it: a power, in doubt
            self.doubts.append(f"^{{T}} on {x.vector.name} read as a power; it may be a transpose")
            return x.head * _power(self.value(x.vector), self.value(Ref("T")))
        if isinstance(x, Juxtaposed):
            return x.head * x.bracket
        if isinstance(x, Factorial):
            return x.value
        if isinstance(x, PoweredFunction) and x.value is sp.nan:
            raise Unreadable(f"{x.function.name}^{x.exponent} without a bracket after it")
        if isinstance(x, (Bracketed, Unbracketed, Reciprocal, PoweredFunction)):
            return x.value
        if isinstance(x, PoweredBracket):
            return _power(x.base, x.exponent)
        if isinstance(x, Call):
            raise Unreadable("a parenthesised list where a value was expected")
        if isinstance(x, list):
            raise Unreadable("a set or list where a value was expected")
        if isinstance(x, sp.Basic):
            return x
        raise Unreadable(f"cannot use {x!r} as a value")

    def scalar_product(self, left: Ref, right: Ref) -> sp.Expr:
        """`w^T x` as one number: a name of its own, indexed as its vectors are (`u_k^T v_c`
        is entry (k, c) of one family). An identity true for every value of it is true for
        vectors; a counterexample is not one (`_labelled` withholds refutations)."""
        if left.name in self.definitions or right.name in self.definitions:
            raise Unreadable(f"{left.name}^T {right.name} where the notes define one of them")
        return product_value((left.name, left.index), (right.name, right.index))

    def _at_own_arguments(self, function: sp.Lambda) -> sp.Expr:
        """A function's value at its own arguments, those the notes define (as numbers or
        formulas, not functions) substituted, as a call `phi(z)` would have them."""
        defined = {
            v: self.definition(v.name)
            for v in function.variables
            if isinstance(v, sp.Symbol)
            and isinstance(self.definitions.get(v.name), sp.Expr)
            and not isinstance(self.definitions.get(v.name), sp.Lambda)
            and not self._held(v.name)
        }
        return function.expr.xreplace(defined) if defined else function.expr

    def through(self, name: str) -> set[str]:
        """The defined names whose definitions `name`'s definition was read with, through
        any number of definitions (`L` through yhat and h, where yhat = w h + b)."""
        written = self.definitions.get(name + THROUGH)
        return {str(s) for s in written} if isinstance(written, sp.FiniteSet) else set()

    def _kept_in(self, name: str) -> set[str]:
        """The differentiated names of the side that `name`'s definition was read through:
        kept as variables where `name` is written out."""
        return {n for n in self.held if self._held(n) and n != name} & self.through(name)

    def definition_keeping(self, name: str, kept: set[str], depth: int = 0) -> sp.Expr | None:
        """`name`'s definition as the notes write it (`RAW`), with the names it was read
        through written out but for those in `kept`, which stay variables (`L` with h
        kept, for `\\partial L / \\partial h`); None where symkl has no such reading."""
        raw = self.definitions.get(name + RAW)
        if not isinstance(raw, sp.Expr) or depth > 8:
            return None
        subs = {}
        for s in raw.free_symbols:
            if not isinstance(s, sp.Symbol) or s.name == name:
                continue
            if s.name in kept:  # a variable here, as the side reads it
                subs[s] = symbol_for(s.name, self.kinds)
                continue
            if s.name not in self.through(name):
                continue  # a letter no definition gave
            if kept & self.through(s.name):
                inner = self.definition_keeping(s.name, kept, depth + 1)
            else:
                inner = self.definition(s.name)
            if not isinstance(inner, sp.Expr) or isinstance(inner, sp.Lambda):
                return None
            subs[s] = inner
        return raw.xreplace(subs)

    def _held(self, name: str) -> bool:
        """Is `name` a differentiated name whose definition is substituted after reading?"""
        value = self.definitions.get(name)
        return name in self.held and isinstance(value, sp.Expr) and not isinstance(value, sp.Lambda)

    def _settled(self, value: sp.Basic) -> sp.Basic:
        """A side read, with the definitions of the names it differentiates in, and of e
        as the prose defines it, substituted (`d/du` of a defined u differentiates in u, then
        substitutes), and with the letters the notes make the imaginary unit read as it."""
        held = sorted(n for n in self.held if self._held(n) and n in self.definitions)
        # (what the others were read through last: `\\partial L/\\partial h` substitutes L
        # written with h, then h)
        names = list(held)  # (a list is empty while it is sorted)
        held.sort(key=lambda n: any(n in self.through(m) for m in names))
        whole = set(held)  # the names written out whole, without a variable kept
        for name in held:
            if (kept := self._kept_in(name)) and (
                written := self.definition_keeping(name, kept)
            ) is not None:
                value = _substituted(value, name, written)
                whole.discard(name)
                continue
            read = set(self.expanded) | whole
            if written := sorted(n for n in read if name in self.through(n)):
                # `L := (\\hat y - y)^2/2` with `\\hat y := w h + b`, then dL/dh: L was read
                # with h's formula in place of h, so in h it would be a constant
                raise Unreadable(
                    f"a derivative in {name}, which the notes define, of {', '.join(written)}, "
                    f"whose definition symkl reads with {name}'s formula in it (symkl does not "
                    f"keep {name} apart there)"
                )
            value = _substituted(value, name, self.definition(name))
        if (definition := self._e_definition()) is not None:
            value = _substituted(value, "e", definition)
        value = value.replace(
            lambda a: (
                isinstance(a, AppliedUndef)
                and len(a.args) == 1
                and self.normal_of(a.func.__name__) is not None
            ),
            lambda a: self.normal_density(self.normal_of(a.func.__name__), a.args[0]),
        )
        value, doubts = imaginary_units(value, self.notation)
        self.doubts += doubts
        return value

    def _e_definition(self) -> sp.Expr | None:
        """The value the prose gives e (`let $e = y - \\hat{y}$`): None where it gives none,
        a display defines e, or symkl cannot read it (then with a doubt)."""
        source = self.notation.e_definition
        if not (self.notation.e_variable and source) or "e" in self.definitions:
            return None
        plain = replace(self, notation=replace(self.notation, e_definition=None), doubts=[])
        try:
            value = plain.parse(source)
        except Unreadable as e:
            value = e
        if not isinstance(value, sp.Expr) or value.has(sp.Symbol("e", real=True)):
            self.doubts.append(
                f"the notes define e in words (line {self.notation.e_line}) as {source}, "
                "which symkl could not read"
            )
            return None
        return value

    def _no_related_in_derivatives(self, value: sp.Basic) -> None:
        """A derivative of a name the notes relate to the variable in a way symkl does not
        apply (`\\hat y_k` as a formula in z, checked rather than defined) is not read: taken
        as a free letter, its derivative would be 0."""
        for d in value.atoms(sp.Derivative, Gradient, VectorDerivative):
            body = d.args[0]
            # (an index of the vector differentiated in, `\\nabla_{w_k}`, is no quantity)
            indices = set(d.args[1].indices) if isinstance(d.args[1], sp.Indexed) else set()
            names = (
                {str(s) for s in body.free_symbols - indices}
                | {str(e.base.label) for e in body.atoms(sp.Indexed)}
                | {e.func.__name__ for e in body.atoms(AppliedUndef)}
            )
            by = d.variables if isinstance(d, sp.Derivative) else d.args[1:]
            variables = {str(v.base.label) if isinstance(v, sp.Indexed) else str(v) for v in by}
            names -= variables
            if found := sorted(n for n in names & self.related if not self._constant(n, variables)):
                raise Unreadable(
                    f"a derivative of {found[0]}, which the notes relate to other letters in a "
                    "way symkl does not apply (it would be a constant)"
                )

    def _constant(self, name: str, variables: set[str]) -> bool:
        """Is a related name constant in `variables`: its prose formula uses none of them,
        nor another related name (`S = \\sum_i x_i` in a derivative in theta)?"""
        used = self.related_letters.get(name)
        return used is not None and not used & (variables | self.related)

    def _cases(self, source: str, m: re.Match) -> sp.Expr:
        """`\\begin{cases} a & x > 0 \\\\ b & \\text{otherwise} \\end{cases}` (or a
        `\\left\\{` array): a piecewise value, each row's condition read as relations."""
        if source[: m.start()].strip() or source[m.end() :].strip(" \t\n.,;"):
            raise Unreadable("cases beside other terms", m.start())
        body = m.group("body") or m.group("abody")
        rows = [r for r in re.split(r"\\\\(?:\[[^]]*\])?", body) if r.strip()]
        if not 1 <= len(rows) <= MAX_CASES:  # one row: no value where its condition fails
            raise Unreadable(f"cases with {len(rows)} rows", m.start())
        pieces = []
        for k, row in enumerate(rows):
            value, condition = _case_row(_PHANTOM.sub(" ", row))
            try:
                pieces.append((self._parse(value), self._condition(condition, k == len(rows) - 1)))
            except Unreadable as e:
                raise Unreadable(f"in a row of cases: {e.reason}", m.start()) from None
        return sp.Piecewise(*pieces)

    def _condition(self, text: str, last: bool) -> sp.Basic:
        """`x > 0`, `-1 \\le z \\le 1`, `y = 1`, `\\text{otherwise}`: a row's condition."""
        words = re.sub(r"\\(?:text|mbox|textrm|mathrm)\s*\{([^{}]*)\}", r" \1 ", text)
        words = re.sub(r"\$|^\s*[:,]|\b(?:if|for|when|where)\b", " ", words).strip(" \t\n.,;:")
        if re.fullmatch(r"(?:otherwise|else|if\s+otherwise)?", words.strip()):
            if not last:
                raise Unreadable("'otherwise' before the last row of cases")
            return sp.true
        if interval := _IN_INTERVAL.fullmatch(words):  # `x \in [0, 4]`, `t \in (0, 1]`
            x, lo, hi = (self._parse(interval.group(g)) for g in ("x", "lo", "hi"))
            below = sp.Lt if interval.group("open") == "(" else sp.Le
            above = sp.Lt if interval.group("close") == ")" else sp.Le
            return sp.And(below(lo, x), above(x, hi))
        if re.search(r"\b(?:and|or|not|but|unless|with|except)\b|\\l(?:and|or|not)\b|,", words) or (
            re.search(r"(?<![\\A-Za-z])[A-Za-z]{2,}", words)  # `on x ge 0`: words, no letters
        ):
            raise Unreadable(f"a condition in words or parts: {words.strip()!r}")
        parts = _CONDITION_SPLIT.split(words)
        if len(parts) not in (3, 5):
            raise Unreadable(f"a condition symkl cannot read: {words.strip()!r}")
        operands = [self._parse(parts[k]) for k in range(0, len(parts), 2)]
        relations = [_CONDITION_RELATIONS[re.sub(r"\s", "", r)] for r in parts[1::2]]
        pairs = zip(relations, operands, operands[1:], strict=False)
        return sp.And(*(rel(a, b) for rel, a, b in pairs))

    # ---- entry point --------------------------------------------------------------------

    def parse(self, source: str) -> sp.Expr | list:
        """Read one side. Returns a SymPy expression, or a list for a set literal.

        Raises:
            Unreadable: with the reason and the offset in `source`.
        """
        outer, self.normed = self.normed, set()
        try:
            value = self._parse(source)
            # `\\frac12\\|w\\|^2 + \\log(1 + e^{-w})`: w a vector in the norm and a number
            # elsewhere; which one the notes mean, symkl cannot tell
            free = set()
            if self.normed and isinstance(value, sp.Basic):  # (an entry's label is no number)
                entries = {e: sp.Dummy() for e in value.atoms(sp.Indexed)}
                free = value.xreplace(entries).free_symbols
                # (the vector a gradient is in: `\nabla_w \|w\|^2`)
                free -= {d.args[1] for d in value.atoms(VectorDerivative)}
            mixed = sorted(self.normed & {str(x) for x in free})
            if mixed:
                raise Unreadable(
                    f"{mixed[0]} is a vector in a norm and a number elsewhere in the formula", 0
                )
            return value
        except RecursionError:  # the tree is walked recursively: `{{{...}}}` 3000 deep
            raise Unreadable("too deeply nested", 0) from None
        finally:
            self.normed = outer

    def _parse(self, source: str) -> sp.Expr | list:
        source = _vector_dots(source, self.notation.vectors)
        if (cases := _CASES.search(source)) is not None:
            return self._cases(source, cases)
        text = normalize(source)
        if not text.strip():
            raise Unreadable("empty side", 0)
        try:
            tree = _lark().parse(text)
        except lark.exceptions.LarkError as e:
            raise _friendly(e, text) from None
        self.held = frozenset(differentiated_names(text))
        self.two_indices = {m.start(): m.groups() for m in _TWO_INDICES.finditer(text)}
        # d/d\\pi: pi is what varies, never the constant
        # (kept for the other side: a step differentiating in pi has no constant pi)
        self.pi_varies = self.pi_varies or _BY_PI.search(text) is not None
        self.constant_pi = frozenset() if self.pi_varies else constant_pi(text)
        try:
            result = _Build(self).transform(tree)
        except lark.exceptions.VisitError as e:
            inner = e.orig_exc
            if isinstance(inner, (BudgetExhausted, MemoryError)):
                raise inner from None  # the step's budget ran out while reading it
            if isinstance(inner, Unreadable):
                meta = getattr(e.obj, "meta", None)
                offset = inner.offset or (getattr(meta, "start_pos", 0) or 0)
                raise Unreadable(inner.reason, offset) from None
            raise Unreadable(f"cannot read: {inner}", 0) from None
        if isinstance(result, list):
            return result
        if isinstance(result, tuple) and result[:1] == ("tuple",):
            # p = (1/2, 1/4, 1/4), p = (a, 1 - a): a vector of numbers, or with a formula
            # among its entries, read as its entries (like a set literal); a tuple of
            # letters only (lambda = (mu, Sigma)) names parameters
            entries = [self.value(x) for x in result[1:]]
            if all(isinstance(e, sp.Expr) for e in entries) and (
                all(e.is_number for e in entries)
                or not all(e.is_Symbol or e.is_number for e in entries)
            ):
                return list(result[1:])
        value = self._settled(self.value(result))
        _check_size(value)
        if isinstance(value, sp.Basic):
            value = _differentiated_products(value)
            self._no_related_in_derivatives(value)
            value = value.replace(
                lambda e: isinstance(e, sp.Derivative) and e.expr.has(*_NOT_SMOOTH),
                _where_differentiable,
            )
        if any(str(s).startswith(_DIFF_PREFIX) for s in value.free_symbols):
            raise Unreadable("a differential d<x> outside an integral", 0)
        return value


#: the largest number whose factorial is taken exactly (1000! has 2568 digits)
MAX_FACTORIAL = 1000


def _factorial(value: sp.Expr) -> sp.Expr:
    """value!, never computed exactly for a large number (99999999! would fill memory)."""
    if value.is_Number and not (value.is_Integer and 0 <= value <= MAX_FACTORIAL):
        raise Unreadable(f"the factorial of {value}: not a whole number up to {MAX_FACTORIAL}")
    return sp.factorial(value)


def _is_normal(value) -> bool:
    return isinstance(value, AppliedUndef) and value.func.__name__ == "N"


def _index_like(x: sp.Basic) -> bool:
    """An integer, or a letter that indexes (i, j, k, ...): a class in an indicator."""
    return bool(x.is_integer) or (isinstance(x, sp.Symbol) and x.name in INDEX_LETTERS)


def _as_integer(x: sp.Basic) -> sp.Basic:
    return sp.Symbol(x.name, integer=True) if isinstance(x, sp.Symbol) else x


#: the relation in an indicator, as written
_INDICATED = {
    "=": sp.Eq,
    "\\ne": sp.Ne,
    "\\neq": sp.Ne,
    "<": sp.Lt,
    "\\lt": sp.Lt,
    ">": sp.Gt,
    "\\gt": sp.Gt,
    "\\le": sp.Le,
    "\\leq": sp.Le,
    "\\ge": sp.Ge,
    "\\geq": sp.Ge,
}


def _label(x: sp.Basic) -> str:
    return str(x.base.label) if isinstance(x, sp.Indexed) else str(x)


def _shows(function: sp.Lambda) -> bool:
    """Does a function's formula show any of its own variables?"""
    shown = {_label(s) for s in function.expr.atoms(sp.Symbol, sp.Indexed)}
    shown |= scalar_product_vectors(function.expr)  # w in `w^T x_i`
    return bool({str(v) for v in function.variables} & shown)


def _substituted(value: sp.Basic, name: str, definition: sp.Basic) -> sp.Basic:
    """`value` with the variable `name` (and `name(x)`, as `_dependent` writes a name that
    depends on x) replaced by its definition; derivatives in it become substitutions."""
    value = value.replace(
        lambda a: isinstance(a, AppliedUndef) and a.func.__name__ == name,
        lambda a: definition,
    )
    return value.subs(
        {s: definition for s in value.free_symbols if isinstance(s, sp.Symbol) and s.name == name}
    )


#: a piecewise value: `\\begin{cases}...\\end{cases}`, or an array after `\\left\\{`
_CASES = re.compile(
    r"\\begin\{(?P<env>cases)\}(?P<body>.*?)\\end\{cases\}"
    r"|\\left\s*\\\{\s*\\begin\{(?P<arr>array)\}\s*\{[^{}]*\}(?P<abody>.*?)\\end\{array\}\s*\\right\s*\.",
    re.S,
)
MAX_CASES = 12
_PHANTOM = re.compile(r"\\h?phantom\s*\{[^{}]*\}|\\q?quad(?![A-Za-z])")
_CONDITION_RELATIONS = {
    "<": sp.Lt,
    ">": sp.Gt,
    "=": sp.Eq,
    r"\le": sp.Le,
    r"\leq": sp.Le,
    "<=": sp.Le,
    r"\leqslant": sp.Le,
    r"\ge": sp.Ge,
    r"\geq": sp.Ge,
    ">=": sp.Ge,
    r"\geqslant": sp.Ge,
    r"\ne": sp.Ne,
    r"\neq": sp.Ne,
}


def _cases_settled(body: sp.Expr, x: sp.Symbol, lo: sp.Expr, hi: sp.Expr) -> sp.Expr:
    """`body` with each piecewise value in `x` that one case gives all over (lo, hi)
    replaced by that case (`\\int_0^\\infty p(x)\\,dx` of a density defined for x >= 0 only):
    the integral then needs no value where no case holds. Cases that hold on part of the
    interval are left as they are."""
    if not all(b.is_extended_real and (b.is_number or b.is_infinite) for b in (lo, hi)):
        return body
    if (lo < hi) is not sp.true:
        return body
    span = sp.Interval.open(lo, hi)

    def settled(piecewise: sp.Piecewise) -> sp.Expr:
        for value, condition in piecewise.args:
            if condition.free_symbols - {x}:
                return piecewise
            try:
                where = condition.as_set() if condition is not sp.true else sp.S.Reals
            except (NotImplementedError, *SYMPY_FAILURES):
                return piecewise
            if span.is_subset(where) is True:
                return value
            if where.intersect(span) is not sp.S.EmptySet:
                return piecewise  # this case holds on part of the interval only
        return piecewise

    return body.replace(lambda e: isinstance(e, sp.Piecewise) and e.has(x), settled)


#: the subscripts of H that make it the binary entropy function (`H_b(\\epsilon)`)
_BINARY_INDEX = ("b", "B", "bin")
#: a row's condition as an interval: `x \in [0, 4]`, `t \in (0, 1]` (`\left[` too)
_IN_INTERVAL = re.compile(
    r"\s*(?P<x>\\?[A-Za-z]+(?:_\{?\w+\}?)?)\s*\\in\s*(?:\\left\s*)?(?P<open>[\[(])"
    r"(?P<lo>[^,\[\]()]+),(?P<hi>[^,\[\]()]+?)\s*(?:\\right\s*)?(?P<close>[\])])\s*"
)
_CONDITION_SPLIT = re.compile(
    r"(\\(?:leqslant|geqslant|leq|geq|neq|le|ge|ne)(?![A-Za-z])|<=|>=|<|>|=)"
)


def _case_row(row: str) -> tuple[str, str]:
    """A row of cases: its value and its condition (after `&`, or after the value's
    `\\text{if ...}` or `:`)."""
    if "&" in row:
        value, _, condition = row.partition("&")
        return value, condition.replace("&", " ")
    m = re.search(r"\\(?:text|mbox)\s*\{\s*(?:if|for|when|otherwise)\b|:", row)
    if m is None:
        raise Unreadable("a row of cases without a condition")
    return row[: m.start()], row[m.start() :]


#: a differential or partial in pi (`\\frac{d}{d\\pi}`, `\\partial\\pi`)
_BY_PI = re.compile(r"(?:(?<![A-Za-z\\])d|\\mathrm\{d\}|\\partial)\s*\\pi(?![A-Za-z])")


def pi_varies(text: str) -> bool:
    """Does the text differentiate in pi (`\\frac{d}{d\\pi}`), which makes pi a variable?"""
    return _BY_PI.search(text) is not None


#: a subscript of two letters, or a letter and a digit: two indices (`A_{ik}`, `W_{i1}`)
_TWO_INDICES = re.compile(r"_\s*\{\s*([a-z])\s*([a-z]|\d)\s*\}")

#: functions with kinks or jumps: a derivative of them has no value where they change branch
_NOT_SMOOTH = (sp.Piecewise, sp.Max, sp.Min, sp.Abs, sp.floor, sp.ceiling, sp.sign, sp.Heaviside)


def _where_differentiable(d: sp.Derivative) -> sp.Expr:
    """A derivative of a function with kinks (max(0, z), |z|, cases), carried out, with no
    value where a kink's argument is zero: it need not exist there, and SymPy's conventions
    (Heaviside(0) = 1/2, sign(0) = 0) would give it one. So no point at a kink confirms or
    refutes a step; between kinks the derivative is the branches' own."""
    kinks = kink_arguments(d.expr)
    if kinks is None or d.expr.has(Gradient):
        raise Unreadable(
            "a derivative of a function with jumps (floor, ceiling, cases on other "
            "conditions): symkl does not read where it exists"
        )
    variables = set(d.variables)
    kinks = [k for k in kinks if k.has(*variables)]
    derivative = d.doit()
    if derivative.has(sp.Derivative):
        raise Unreadable("a derivative of a function with kinks that SymPy does not carry out")
    return sp.Piecewise(*[(NoValue(k), sp.Eq(k, 0)) for k in kinks], (derivative, True))


def _of_its_entries(d: sp.Derivative) -> None:
    """Raise `Unreadable` for a derivative of an unknown function of a vector with respect
    to one of its entries (`\\frac{\\partial J(\\mathbf{w})}{\\partial w_j}`): SymPy takes w_j
    for a letter other than w, and the derivative for 0."""
    entries = {str(v.base.label) for v in d.variables if isinstance(v, sp.Indexed)}
    for f in d.expr.atoms(AppliedUndef):
        if any(isinstance(a, sp.Symbol) and a.name in entries for a in f.args):
            raise Unreadable(
                f"a derivative of {f.func.__name__}({', '.join(map(str, f.args))}) with respect "
                "to one of its entries: symkl reads the vector's entries as other letters"
            )


def _differentiated_products(value: sp.Expr) -> sp.Expr:
    """`value` with each derivative or gradient in a vector of a scalar product in it (`w^T
    x` is one number, a constant in w) kept as a `VectorDerivative`; refuse an integral,
    sum or product over such a vector, and a derivative of a higher order in one."""
    for d in value.atoms(sp.Derivative, Gradient, sp.Integral, sp.Sum, sp.Product):
        if isinstance(d, Gradient):
            by = d.args[1]
            variables = {str(by.base.label) if isinstance(by, sp.Indexed) else str(by)}
        else:
            variables = {
                str(v.base.label) if isinstance(v, sp.Indexed) else str(v) for v in d.variables
            }
        if isinstance(d, (sp.Derivative, Gradient)) and _in_one_vector(d, variables):
            continue
        refuse_over_vectors(d.args[0], variables)
        if isinstance(d, sp.Derivative):
            _of_its_entries(d)
        if isinstance(d, Gradient) and d.args[0].has(*_NOT_SMOOTH):
            raise Unreadable("a gradient of a function with kinks or jumps (max, |x|, cases)")
    value = value.replace(
        lambda e: isinstance(e, (sp.Derivative, Gradient)) and _in_one_vector(e, None),
        _vector_derivative,
    )
    if any(isinstance(g.args[1], sp.Indexed) for g in value.atoms(Gradient)):
        raise Unreadable("a gradient in one vector of a family, of no scalar product of it")
    return value


def _in_one_vector(d, variables: set[str] | None) -> bool:
    """Is `d` a first derivative (or a gradient) in one vector, or one entry of it, that a
    scalar product in its body holds, or in a vector whose entries its body holds?"""
    if isinstance(d, Gradient):
        by = [d.args[1]]
    elif len(d.variable_count) == 1 and d.variable_count[0][1] == 1:
        by = [d.variable_count[0][0]]
    else:
        return False
    letter = str(by[0].base.label) if isinstance(by[0], sp.Indexed) else str(by[0])
    if variables is not None and variables != {letter}:
        return False
    # in w, of a body with w's entries (`\|w\|^2`): SymPy takes w_k for another letter
    # (a gradient of a measure, `\nabla_q H(p, q)`, is compared with a column vector)
    entries = (
        not isinstance(by[0], sp.Indexed)
        and not d.args[0].has(InformationMeasure)
        and letter in {str(e.base.label) for e in d.args[0].atoms(sp.Indexed)}
    )
    return entries or letter in scalar_product_vectors(d.args[0])


def _vector_derivative(d) -> VectorDerivative:
    if isinstance(d, Gradient) and isinstance(d.args[1], sp.Indexed):
        by = d.args[1]  # w_k of a family: its entries are those of the family's w
        return VectorDerivative(d.args[0], sp.IndexedBase(str(by.base.label))[by.indices])
    if isinstance(d, Gradient):
        return VectorDerivative(d.args[0], sp.Symbol(str(d.args[1]), real=True))
    return VectorDerivative(d.expr, d.variables[0])


#: the grammar's rules for a derivative operator before what it differentiates
_OPERATOR_FORMS = frozenset({"d_op", "d_op_n", "partial_op", "partial_op_n"})


def _factors(tree) -> list:
    """The factors of a product between its explicit `\\cdot`/`\\times` (`mul`), left to
    right; juxtaposed factors stay together (`x \\log x` is one: written so, it is the
    product a derivative before it takes); a tree that is no product is one factor."""
    if isinstance(tree, lark.Tree) and tree.data == "mul":
        return [*_factors(tree.children[0]), tree.children[-1]]
    if isinstance(tree, lark.Tree) and tree.data == "juxt":
        left = _factors(tree.children[0])
        if len(left) > 1:  # `a \\cdot b c`: a, then b c
            return [*left[:-1], lark.Tree("juxt", [left[-1], tree.children[-1]])]
    return [tree]


def _dependent(expr: sp.Expr, var: sp.Expr) -> sp.Expr:
    """The derivative of a bare name (or an entry z_k) with respect to another variable:
    the notes imply it depends on the variable without saying how, so it becomes an
    unknown function of it (never a constant whose derivative is 0)."""
    if isinstance(expr, sp.Symbol) and expr != var and not expr.is_integer:
        return sp.Function(expr.name, real=True)(var)
    if isinstance(expr, sp.Indexed) and expr != var:
        # z_k with respect to W_ij: an unknown function of the entry's indices and of var
        # (unless z is defined, the notes relate them in words)
        return sp.Function(str(expr.base.label), real=True)(*expr.indices, var)
    bound = {v for total in expr.atoms(sp.Sum, sp.Product) for v in total.variables}
    if bound & var.free_symbols:
        # `\\partial / \\partial z_k` of `\\log \\sum_k e^{z_k}`: the sum's k is another letter
        return canonical_indices(expr)
    return expr


def _slash_before(tree) -> bool:
    """Is the first factor of a juxtaposition a quotient with a slash (`a/b c`)?"""
    first = tree.children[0]
    return isinstance(first, lark.Tree) and first.data == "div"


def _dependent_on(expr: sp.Expr, variables: list) -> sp.Expr:
    """`_dependent` for a derivative in several variables: a bare name is an unknown function
    of all of them."""
    if isinstance(expr, sp.Symbol) and expr not in variables and not expr.is_integer:
        return sp.Function(expr.name, real=True)(*variables)
    if isinstance(expr, sp.Indexed) and expr not in variables:
        return sp.Function(str(expr.base.label), real=True)(*expr.indices, *variables)
    for var in variables:
        expr = _dependent(expr, var)
    return expr


#: the star of `\\theta^*`: a script that names (the optimum), not a power
_STAR = "*"


def _superscript_name(base, script) -> Ref | None:
    """`\\theta^*` (an optimum) and `W^{(2)}`, `a^{[l]}` (a layer's): a name of its own,
    never a power; None for any other superscript. e^{(x)} stays a power."""
    if not (isinstance(base, Ref) and base.name != "e" and not base.word):
        return None
    if script == _STAR:
        return Ref(f"{base.name}^*", base.index, base.offset)
    if not (isinstance(script, Bracketed) and _is_layer(script.value)):
        return None
    label = script.value
    if label.is_Integer and base.index is not None:  # W^{(1)}_{ij}: layer 1's W
        return Ref(f"{base.name}^({label})", base.index, base.offset)
    if base.index is not None:
        raise Unreadable(f"{base.name} with a layer's label and an index", base.offset)
    # x^{(i)}, x^{(1)}, W^{(l)}: an entry of one family, by an index a sum can bind
    letters = {s: sp.Symbol(s.name, integer=True) for s in label.free_symbols}
    return Ref(f"{base.name}^()", label.xreplace(letters), base.offset)


def _is_layer(value: sp.Expr) -> bool:
    """1, l, k + 1, l - 1: what a layer's number looks like."""
    if value.is_Integer:
        return True
    symbols = value.free_symbols
    return (
        len(symbols) == 1
        and isinstance(value, (sp.Symbol, sp.Add))
        and all(a.is_Integer or isinstance(a, sp.Symbol) for a in sp.Add.make_args(value))
    )


def _only_index(body: sp.Expr) -> sp.Symbol | None:
    """The one index a summand without a written index runs over (i in p_i l_i), or None
    where there is none or more than one, or it is bound inside already."""
    bound = {v for s in body.atoms(sp.Sum, sp.Product) for v in s.variables}
    found = {
        k
        for e in body.atoms(sp.Indexed)
        for k in e.indices
        if isinstance(k, sp.Symbol) and k.is_integer and k not in bound
    }
    return found.pop() if len(found) == 1 else None


def _label_like(script, exponent: sp.Expr) -> bool:
    """A superscript that notes often use as a label rather than a power: `^T` (a
    transpose) or a word `^{hotel}`."""
    if isinstance(script, Ref) and script.index is None and script.name in ("T", "top"):
        return True
    factors = sp.Mul.make_args(exponent)
    return len(factors) >= 3 and all(isinstance(a, sp.Symbol) for a in factors)


def _is_differential(x) -> bool:
    return isinstance(x, sp.Symbol) and x.name.startswith(_DIFF_PREFIX)


def _differential_variable(token: str) -> str:
    """`dx`, `d\\theta`, `\\mathrm{d} x`, `d\\hat p` -> the variable's name (x, theta, phat)."""
    token = re.sub(r"^(?:d|\\mathrm\{d\})\s*", "", token)
    if accent := re.match(r"\\(hat|tilde|bar|widehat|widetilde|overline)\s*\{?\s*", token):
        inner = token[accent.end() :].strip().rstrip("}").strip().lstrip("\\")
        return inner + ACCENTS[accent.group(1)]
    return re.sub(r"^\\(?:mathbf|boldsymbol|bm)\s*\{\s*|\s*\}$|^\\", "", token).lstrip("\\")


def _is_function_name(name: str) -> bool:
    """`f(...)`, `L(...)`, `q_theta(...)` are calls; `\\beta(...)`, `x(...)` products."""
    if name in _VARIABLES:
        return False
    single_capital = len(name) == 1 and name.isascii() and name.isupper()
    calligraphic = len(name) == 4 and name.endswith("cal")  # \mathcal{L}(\theta)
    return single_capital or calligraphic or "_" in name or name in _FUNCTION_LETTERS


def _is_vector(x) -> bool:
    """A lowercase letter, with at most one index: what `w^T x` multiplies."""
    # (`x^{(i)}`, the i-th example, is the vector x^() at index i)
    name = x.name.removesuffix("^()") if isinstance(x, Ref) else ""
    return (
        isinstance(x, Ref)
        and not x.word
        and name[:1].islower()
        and name.isalpha()
        and not isinstance(x.index, (sp.Tuple, tuple))
    )


def _vector_combination(value) -> tuple:
    """`w_1 - w_2`, `u + 2v` as ((1, w_1), (-1, w_2)), ...: a sum of at least two lowercase
    letters (one index at most) with integer coefficients; () for anything else."""
    if not isinstance(value, sp.Add):
        return ()
    out = []
    for term in value.args:
        c, x = term.as_coeff_Mul()
        if not c.is_Integer:
            return ()
        if isinstance(x, sp.Symbol) and x.name.isalpha() and x.name[:1].islower():
            ref = Ref(x.name)
        elif isinstance(x, sp.Indexed) and len(x.indices) == 1 and str(x.base.label).isalpha():
            ref = Ref(str(x.base.label), x.indices[0])
        else:
            return ()
        if not _is_vector(ref):
            return ()
        out.append((c, ref))
    return tuple(out)


def _given_sizes(body: sp.Expr, var: sp.Symbol) -> dict[str, sp.Tuple]:
    """The given vectors whose entries at `var` the body has (`_entry`), by name."""
    return {
        f.func.__name__: f.func.values
        for f in body.atoms(AppliedUndef)
        if isinstance(f.func, GivenEntry) and f.args == (var,)
    }


class GivenEntry(sp.core.function.UndefinedFunction):
    """`p_i` at a letter i where the notes give p's values: kept apart until a sum over i
    writes its terms out (outside one it has no value: no verdict rests on it)."""

    def __new__(mcl, name: str, values: sp.Tuple):
        f = super().__new__(mcl, f"{name}[given]")
        f.values = values
        return f


#: names of the Bernoulli law as notes write it (`\\mathrm{Ber}(p)`)
_BERNOULLI_NAMES = frozenset({"Ber", "Bern", "Bernoulli"})


class EntryFormula(sp.Basic):
    """The notes' formula for every entry of a vector (`s_i = e^{z_i} / \\sum_k e^{z_k}`):
    (index, formula). `s_j` is the formula at j; s as a whole has no value of its own."""

    @property
    def index(self) -> sp.Symbol:
        return self.args[0]

    @property
    def formula(self) -> sp.Expr:
        return self.args[1]

    def at(self, index: sp.Expr) -> sp.Expr:
        return self.formula.xreplace({self.index: index})


def _entry(values: sp.Tuple, index, name: str) -> sp.Expr:
    """`p_i` where the notes give p's values (`p = (1/2, 1/4, 1/4)`): the value at an
    integer i (from 1), or the entry at a letter i for a sum to write out."""
    if isinstance(index, (tuple, sp.Tuple)):
        raise Unreadable(f"{name} has the values {values}: an entry with two indices")
    if index.is_Integer:
        if not 1 <= index <= len(values):
            raise Unreadable(f"{name} has {len(values)} values: there is no {name}_{index}")
        return values[int(index) - 1]
    return GivenEntry(name, values)(index)


def _integer_part(fn: type, value: sp.Expr) -> sp.Expr:
    """`fn` (floor or ceiling) of `value`. Of a number it is decided exactly or in ball
    arithmetic, else left unevaluated: SymPy's own evaluation works at a fixed precision
    (it made the ceiling of log2(2^53 + 1) 53)."""
    if not (isinstance(value, sp.Expr) and value.is_number):
        return fn(value)
    if sp.count_ops(value) <= 40 and (exact := sp.simplify(value)).is_Integer:
        return exact  # log2 8: 3, whatever side of 3 a ball of it falls
    for bits in (128, 1024):
        try:
            found = ball(value, bits)
        except Unsupported:
            break
        if found is None or found.value is None or not found.rigorous:
            break
        saved, flint.ctx.prec = flint.ctx.prec, bits  # (arb rounds to the context's)
        try:
            whole = found.value.floor() if fn is sp.floor else found.value.ceil()
        finally:
            flint.ctx.prec = saved
        if (whole := whole.unique_fmpz()) is not None:
            return sp.Integer(int(whole))
    return fn(value, evaluate=False)


def _written(x) -> str:
    """A measure's argument as the notes name it (`u`, `p_2`), for a message."""
    if _is_ref(x):
        return x.name if x.index is None else f"{x.name}_{show(x.index)}"
    return show(x) if isinstance(x, sp.Basic) else "that argument"


def _is_ref(x, *names: str) -> bool:
    return isinstance(x, Ref) and x.index is None and (not names or x.name in names)


def _script_name(x) -> str | None:
    """`\\theta` -> 'theta', `KL` -> 'KL': a subscript that names rather than indexes."""
    if _is_ref(x):
        return x.name
    if isinstance(x, sp.Symbol):
        return x.name
    if isinstance(x, sp.Mul) and all(isinstance(a, sp.Symbol) for a in x.args):
        return "".join(sorted(a.name for a in x.args))
    return None


class _Build(lark.Transformer):
    """Tree -> SymPy, with a `Reader` for the meanings of names."""

    def __init__(self, reader: Reader):
        super().__init__()
        self.r = reader

    def v(self, x) -> sp.Expr:
        return self.r.value(x)

    def _call_userfunc(self, tree, new_children=None):
        result = super()._call_userfunc(tree, new_children)
        if tree.data in _OPERATOR_FORMS and isinstance(result, sp.Derivative):
            self._first_factor_reading(tree.children[-1], result)
        if tree.data == "juxt" and _slash_before(tree):
            self._slash_reading(tree)
        return result

    def _slash_reading(self, tree) -> None:
        """`x^2/2\\sigma^2` is read as (x^2/2) sigma^2, as the rules of precedence say; many
        notes mean x^2/(2 sigma^2), and `1/2\\pi` is as often 1/(2 pi) as pi/2. Not where a
        differential follows (`x/2 \\, dx`)."""
        after = tree.children[1]
        if isinstance(after, lark.Tree) and after.data == "differential":
            return
        self.r.doubts.append(
            "a/b c is read as (a/b) c, as precedence says; it may mean a/(b c) (a fraction "
            "or brackets would say)"
        )

    def _first_factor_reading(self, operand, derivative: sp.Derivative) -> None:
        """`\\frac{d}{dx} f(x) \\cdot g(x)` is read as (fg)', the operator taking the product
        after it; some notes mean f'(x) g(x). Where a factor after the first `\\cdot` depends
        on x the two readings differ, and symkl makes only the first: a doubt."""
        factors = _factors(operand)
        var = derivative.variables[0]
        values = []
        for factor in factors if len(factors) > 1 else ():
            try:
                values.append(self.v(self.transform(factor)))
            except Exception:  # a factor read only within the whole: no second reading
                values.append(None)
        # (`\\frac{d}{dw} \\frac12 \\sum_i ...`: a constant first, whose derivative is 0, is
        # no reading anyone means)
        if values and isinstance(values[0], sp.Basic) and not values[0].has(var):
            return
        for value in values[1:]:
            if not isinstance(value, sp.Basic) or value.has(var):
                self.r.doubts.append(
                    f"the derivative in {show(var)} is read of the whole product after it; it "
                    "may be meant of its first factor only (brackets would say)"
                )
                return

    # atoms
    def name(self, items):
        return Ref(str(items[0]), None, items[0].start_pos or 0)

    def greek(self, items):
        return Ref(str(items[0]).lstrip("\\"), None, items[0].start_pos or 0)

    def number(self, items):
        if len(items[0]) > MAX_DIGITS:
            raise Unreadable(f"a number of more than {MAX_DIGITS} digits", items[0].start_pos or 0)
        return sp.Rational(str(items[0]))

    def word(self, items):
        word = re.sub(r".*\{\s*|\s*\}$", "", str(items[0])).strip()
        if word in ("KL",):
            return Ref("KL")
        if word in _JS_NAMES:
            return Ref("JS")
        if word in UPRIGHT and not str(items[0]).startswith(("\\mathit", "\\textit")):
            return Ref(word, word=True)  # upright: \mathrm{i} is the imaginary unit
        if len(word) == 1:
            return Ref(word)
        if " " in word or word.lower() in _PROSE_WORDS:
            raise Unreadable(f"the words {word!r} are prose, not notation", items[0].start_pos or 0)
        return Ref(_WORD_NAMES.get(word.lower(), word), word=True)

    def imath(self, items):  # \imath, \jmath: the imaginary unit
        return Ref(str(items[0])[1], word=True)

    def kl(self, items):
        m = re.search(r",\s*([a-z])\s*\}$", str(items[0]))
        return Ref("KL", sp.Symbol(m.group(1), integer=True) if m else None)

    def infinity(self, items):
        return sp.oo

    def dots(self, items):
        return Ref("\\dots")

    def accent(self, items):
        inner = items[1]
        if _is_ref(inner):
            return Ref(inner.name + ACCENTS[str(items[0]).lstrip("\\")])
        raise Unreadable(f"an accent {items[0]} over an expression", items[0].start_pos or 0)

    def font(self, items):
        inner = items[1]
        if str(items[0]) == "\\mathcal" and _is_ref(inner) and inner.name != "N":
            return Ref(inner.name + "cal")  # \mathcal{L} is not L (\mathcal{N} is the normal)
        return inner  # bold z is the vector whose entries are z_k

    def group(self, items):
        return items[0]

    def script(self, items):
        return items[0]

    def script_eq(self, items):
        return ("eq", items[0], items[2])

    def script_except(self, items):  # j = 0, j \neq m: from 0, leaving m out
        var, lo, again, left_out = items[0], items[2], items[3], items[5]
        if not (_is_ref(var) and _is_ref(again, var.name)):
            raise Unreadable("a sum that leaves out a value of another index")
        return ("except", var, lo, left_out)

    def script_but(self, items):  # \\sum_{j \\ne k}: over the index's whole range but k
        var, left_out = items[0], items[2]
        if not _is_ref(var):
            raise Unreadable("a sum that leaves out a value of something that is not an index")
        return ("except", var, sp.Integer(1), left_out)

    def script_in(self, items):
        return ("in", items[0], items[2])

    def script_sim(self, items):
        return ("sim", items[0], items[2])

    def script_list(self, items):
        return ("list", *items)

    def paren(self, items):
        return Bracketed(self.v(items[0] if len(items) == 1 else items[1]))

    def tuple_(self, items):
        return ("tuple", *items)

    def binom(self, items):  # \binom{n}{k}
        return sp.binomial(self.v(items[1]), self.v(items[2]))

    def maxmin(self, items):  # \max(0, z), \min(u, 1 - u)
        op, *args = items
        values = [self.v(a) for a in args if not isinstance(a, lark.Token)]
        return (sp.Max if "max" in str(op) else sp.Min)(*values)

    def set_literal(self, items):
        return [x for x in items[1:-1] if not isinstance(x, lark.Token)]

    def matrix(self, items):
        rows = [x for x in items[1:-1] if not isinstance(x, lark.Token)]
        return sp.ImmutableMatrix([VDOTS if _is_ref(x, "\\dots") else self.v(x) for x in rows])

    def frac(self, items):
        top, bottom = self.v(items[1]), self.v(items[2])
        if _is_differential(top) and _is_differential(bottom):
            # Leibniz's dL/dtheta: the derivative of the named quantity
            var = symbol_for(_differential_variable(bottom.name[1:]), self.r.kinds)
            top_ref = Ref(_differential_variable(top.name[1:]))
            if (called := self._called_at(top_ref, var)) is not None:
                return sp.Derivative(called, var)  # `\\frac{d\\sigma}{dz}`: of sigma(z)
            named = self.r.value(top_ref)
            return sp.Derivative(_dependent(named, var), var)
        d = sp.Symbol("d", real=True)
        if _is_differential(bottom) and isinstance(top, sp.Mul) and d in top.args:
            var = symbol_for(_differential_variable(bottom.name[1:]), self.r.kinds)
            return sp.Derivative(_dependent(top / d, var), var)  # d L / d theta, spaced
        below = bottom.args if isinstance(bottom, sp.Mul) else ()
        if d in below and (top == d or (isinstance(top, sp.Mul) and d in top.args)):
            # `\\frac{d f_{k}}{d x}`: Leibniz's notation, never d f / (d x) with d cancelled
            (var,) = [a for a in below if a != d] if len(below) == 2 else [None]
            if not isinstance(var, (sp.Symbol, sp.Indexed)) or var == d:
                raise Unreadable("a derivative with respect to something that is not a variable")
            if "d" in self.r.definitions or "d" in self.r.kinds:
                raise Unreadable("d above and below: a derivative, or the d of the notes?")
            return sp.Derivative(_dependent(top / d, var), var)
        return top / bottom

    def frac_digits(self, items):  # \frac12: TeX reads one digit per argument
        top, bottom = re.findall(r"[0-9]", str(items[0]))
        return sp.Rational(int(top), int(bottom))

    def indicator(self, items):
        """`\\mathbb{1}[k = y]`: 1 where the relation holds, else 0 (Kronecker's delta for
        two integer letters). An index compared with a letter not known as an integer
        (`\\mathbb{1}[k = y]`, y a label) is not read: sampled as a number, y is no class."""
        parts = [i for i in items if not isinstance(i, lark.Token)]
        left, op, right = self.v(parts[0]), " ".join(str(parts[1]).split()), self.v(parts[2])
        if op in ("=", "\\neq", "\\ne"):
            integer = [_index_like(x) for x in (left, right)]
            if all(integer):
                delta = sp.KroneckerDelta(*(_as_integer(x) for x in (left, right)))
                return delta if op == "=" else 1 - delta
            if any(integer):
                raise Unreadable(
                    "the indicator of an index equal to a letter not known as an integer "
                    "(declare it 'integer', or write \\delta)"
                )
        relation = _INDICATED[op](left, right)
        return sp.Piecewise((1, relation), (0, True))

    def compare(self, items):
        return str(items[0])

    def absolute(self, items):
        return sp.Abs(self.v(items[1]))

    def norm(self, items):
        """`\\|x - \\mu\\|`: the Euclidean norm of a difference or sum of vectors named by
        letters (`\\|x\\|`, `\\|\\mathbf{w}\\|`), over the outcomes' count; anything else
        (a scalar times a vector, a matrix) is not read."""
        inner = self.v(items[1])
        if not isinstance(inner, sp.Expr):  # x given as a tuple of values
            raise Unreadable("a norm of a vector given by its values")
        terms = sp.Add.make_args(inner)
        letters = [t.as_coeff_Mul() for t in terms]
        if not all(c in (1, -1) and isinstance(x, sp.Symbol) for c, x in letters):
            raise Unreadable("a norm of other than a sum or difference of vectors")
        k = sp.Symbol("_norm", integer=True)
        self.r.normed.update(x.name for _, x in letters)
        entry = sp.Add(*[c * self.r.value(Ref(x.name, k)) for c, x in letters])
        return sp.sqrt(canonical_indices(sp.Sum(entry**2, (k, 1, self.r.dim))))

    def ceiling(self, items):  # \lceil x \rceil
        return _integer_part(sp.ceiling, self.v(items[1]))

    def floor(self, items):
        return _integer_part(sp.floor, self.v(items[1]))

    def sqrt(self, items):
        return _power(self.v(items[1]), sp.Rational(1, 2))

    # arithmetic
    def add(self, items):
        return self._chain(items[0], 1, items[2])

    def sub(self, items):
        return self._chain(items[0], -1, items[2])

    def _chain(self, left, sign: int, right):
        """`left + right` (or `-`), where `a_1 + a_2 + \\dots + a_n` is a sum over the
        index of its last term."""
        if _is_ref(right, "\\dots"):
            if isinstance(left, Dotted):
                raise Unreadable("two \\dots in one sum", right.offset)
            return Dotted(self.v(left), sign, right.offset)
        if isinstance(left, Dotted):
            return self._written_with_dots(left, sign, self.v(right))
        return self.v(left) + sign * self.v(right)

    def _written_with_dots(self, dotted: Dotted, sign: int, last: sp.Expr) -> sp.Expr:
        """`a_1 + a_2 + \\dots + a_n` as `\\sum_{k=1}^n a_k`: the last term at a symbolic
        index is the pattern, and the terms written before the dots must be the first one,
        two or three of it (from 0 or 1), with the same sign; else `Unreadable`."""
        indices = {i for e in last.atoms(sp.Indexed) for i in e.indices}
        if sign != dotted.sign or len(indices) != 1:
            raise Unreadable("\\dots between terms symkl cannot match", dotted.offset)
        (top,) = indices
        if not (top.is_Symbol or top.is_Integer):
            raise Unreadable("\\dots up to an index symkl cannot read", dotted.offset)
        if top.is_Symbol and top.name == self.r.dim.name:
            top = self.r.dim
        k = sp.Dummy("k", integer=True)

        def term(at):
            return last.replace(
                lambda e: isinstance(e, sp.Indexed),
                lambda e: e.func(e.base, *[at] * len(e.indices)),
            )

        for lo in (1, 0):
            for count in (1, 2, 3):
                written = sign * sp.Add(*[term(sp.Integer(j)) for j in range(lo, lo + count)])
                rest = sp.expand(dotted.before - written)
                # what stays before the pattern holds no entry at all (`c + x_1 + \\dots`,
                # not `x_1 + y_1 + \\dots + x_n + y_n`, whose last term is y_n alone)
                if not rest.atoms(sp.Indexed) and not rest.has(top):
                    total = sp.Sum(term(k), (k, lo, top))
                    return rest + sign * canonical_indices(total)
        raise Unreadable("the terms before \\dots do not follow the last one", dotted.offset)

    def neg(self, items):
        return -self.v(items[1])

    def pos(self, items):
        return self.v(items[1])

    def mul(self, items):
        return self.v(items[0]) * self.v(items[2])

    def div(self, items):
        left = self.v(items[0])
        if isinstance(left, sp.log):  # log(a)/b or log(a/b): both are written this way
            self.r.doubts.append(
                f"\\log {show(left.args[0])} / ... is read as log({show(left.args[0])}) divided "
                f"by the rest, and may mean the log of the quotient (write \\log\\frac{{a}}{{b}})"
            )
        return left / self.v(items[2])

    def _no_derivative_order(self, f) -> None:
        """f^{(2)}(x): the second derivative of f, or a function named f^{(2)}? Not read
        where f is a function's name or defined."""
        if isinstance(f, Ref) and "^(" in f.name:
            base = f.name.split("^")[0]
            if _is_function_name(base) or base in self.r.definitions or f.word or base == "sigma":
                raise Unreadable(f"{f.name}(...): a derivative of that order, or a name?")

    def juxt(self, items):
        if isinstance(items[1], Transposed):  # y_i w^T x_i: keep w^T for what follows
            return replace(items[1], head=self.v(items[0]) * items[1].head)
        if isinstance(items[0], Transposed) and _is_vector(items[1]):
            return items[0].head * sp.Add(
                *[
                    c * self.r.scalar_product(v, items[1])
                    for c, v in items[0].combination or ((1, items[0].vector),)
                ]
            )
        if (
            isinstance(items[0], Transposed)
            and items[0].vector is not None
            and isinstance(items[1], Bracketed)
            and (after := _vector_combination(items[1].value))
        ):
            # x^T (w_1 - w_2): distributed over the bracket
            return items[0].head * sp.Add(
                *[c * self.r.scalar_product(items[0].vector, v) for c, v in after]
            )
        if isinstance(items[0], Reciprocal) and isinstance(items[1], Bracketed):
            self.r.doubts.append(
                f"{items[0].name}^{{-1}}(...): the inverse function, or the reciprocal times "
                "the bracket?"
            )
        if isinstance(items[0], PoweredFunction) and isinstance(items[1], Bracketed):
            f = items[0]  # \sigma^2(z): the sigmoid at z, squared
            return _power(
                self.v(self.apply([f.function, Call("args", (items[1].value,))])), f.exponent
            )
        if isinstance(items[1], Bracketed):
            self._no_derivative_order(items[0])
            word = items[0]
            if isinstance(word, Ref) and word.word and len(word.name.split("_")[0]) > 1:
                # \mathrm{Var}_P[X]: an operator on the bracket, or a product with it?
                raise Unreadable(f"{word.name}[...]: an operator symkl does not know")
        after = items[1]
        differential = isinstance(after, sp.Symbol) and after.name.startswith(_DIFF_PREFIX)
        if isinstance(items[0], Unbracketed) and not differential:  # \log ab: log(a) b?
            self.r.doubts.append(
                f"{show(items[0].value)} times what follows, or the function of the product? "
                "(brackets would say)"
            )
        product = self.v(items[0]) * self.v(items[1])
        # \frac12 \log 2 \pi: the unbracketed log still ends the product so far
        return Unbracketed(product) if isinstance(items[1], Unbracketed) else product

    def pow(self, items):
        if (named := _superscript_name(items[0], items[2])) is not None:
            return named
        letter = self.r.t_letter or "T" in self.r.definitions or "T" in self.r.kinds
        if _is_vector(items[0]) and _is_ref(items[2], "T", "top") and not letter:
            return Transposed(items[0])
        if (
            isinstance(items[0], Bracketed)
            and _is_ref(items[2], "T", "top")
            and not letter
            and (combination := _vector_combination(items[0].value))
        ):
            return Transposed(None, combination=combination)  # (w_1 - w_2)^T
        base, script = items[0], items[2]
        if isinstance(base, Ref) and _is_ref(script) and script.name in self.r.labels:
            return Ref(f"{base.name}^{script.name}", base.index, base.offset)  # h^f: a label
        base, exponent = items[0], self.v(items[2])
        notation = self.r.notation
        if _is_ref(base, "e") and (base.word or not notation.e_variable or not exponent.is_number):
            # e^x is Euler's number even where e is also an index; where the notes make e a
            # variable, e^2 is its square and e^{x} is in doubt
            if notation.e_variable and not base.word:
                self.r.doubts.append(
                    f"e^{{{show(exponent)}}} is read as the exponential, though the notes make e "
                    f"a variable (line {notation.e_line})"
                )
            return sp.exp(exponent)
        if isinstance(base, Juxtaposed):  # 2(x - 1)^2: the power binds to the bracket
            return base.head * _power(base.bracket, exponent)
        if isinstance(base, Bracketed) and _is_ref(items[2], "T", "top"):
            if (
                not letter
                and isinstance(base.value, sp.Expr)
                and scalar_product_vectors(base.value)
            ):
                return base.value  # (w^T x_i)^T: the transpose of a number is the number
            self.r.doubts.append("^{T} on a bracket read as a power; it may be a transpose")
        if isinstance(base, Bracketed):  # kept apart: \exp(t)^2 applies exp first
            return PoweredBracket(base.value, exponent)
        if (
            isinstance(base, Ref)
            and base.word
            and base.index is None
            and base.name in _WORD_FUNCTIONS
            and exponent.is_Integer
            and exponent > 0
        ):
            # `\\operatorname{sech}^2(x)`: the function at x, squared (as `\\tanh^2(x)`);
            # with no bracket after it, no value (`Reader.value`)
            return PoweredFunction(sp.nan, base, exponent)
        value = self.v(base)
        if _label_like(items[2], exponent) and value != sp.E:
            self.r.doubts.append(
                f"^{{{show(exponent)}}} read as a power; it may be a label or a transpose"
            )
        if exponent == -1 and isinstance(base, Ref) and self._function_like(base):
            return Reciprocal(_power(value, exponent), base.name)
        if (
            _is_ref(base, "sigma")
            and base.index is None
            and self.r.sigmoid_called
            and not self._sigma_scale()
            and exponent.is_Integer
            and exponent > 0
        ):
            return PoweredFunction(_power(value, exponent), base, exponent)
        return _power(value, exponent)

    def _sigma_scale(self) -> bool:
        """Is sigma a scale in this reading (sigma(x) is sigma times x), not the sigmoid?"""
        return self.r.sigma_product or self.r.kinds.get("sigma") not in (None, "real")

    def _function_like(self, ref: Ref) -> bool:
        if ref.word or ref.name in _FUNCTION_LIKE:
            return True
        return isinstance(self.r.definitions.get(ref.name), sp.Lambda)

    def pow_sub(self, items):  # x^a_b is x_b^a, as TeX reads it
        base, caret, sup, underscore, sub = items
        return self.pow([self.sub_script([base, underscore, sub]), caret, sup])

    def factorial(self, items):  # k!, (k_i)!; k(k-1)! is k times (k-1)!
        inner = items[0]
        if isinstance(inner, Factorial):
            raise Unreadable("k!! is the double factorial, or the factorial of k!")
        if isinstance(inner, Juxtaposed):  # kept apart: a power after it binds to 3! in 2(3)!^2
            if isinstance(inner.bracket, sp.factorial):
                raise Unreadable("a(k)!! is the double factorial, or the factorial of k!")
            return Juxtaposed(inner.head, _factorial(inner.bracket))
        return Factorial(_factorial(self.v(inner)))

    def star(self, items):
        return _STAR

    def differential(self, items):
        return sp.Symbol(_DIFF_PREFIX + _differential_variable(str(items[0])))

    def _kronecker(self, base, script) -> tuple | None:
        """The two indices of `\\delta_{ij}`, `\\delta_{i,j}` (Kronecker's delta, where the
        notes give delta no meaning of their own), or None."""
        if base.name != "delta" or base.index is not None:
            return None
        if not self.r.kronecker or "delta" in self.r.definitions or "delta" in self.r.kinds:
            return None
        if isinstance(script, tuple) and script[:1] == ("tuple",) and len(script) == 3:
            parts = [self.v(x) for x in script[1:]]
        else:
            value = self.v(script) if isinstance(script, (Ref, sp.Basic)) else None
            parts = list(value.args) if isinstance(value, sp.Mul) else []
        if len(parts) != 2 or not all(isinstance(x, sp.Symbol) for x in parts):
            return None
        return tuple(sp.Symbol(x.name, integer=True) for x in parts)

    def _two_indices(self, underscore, script) -> sp.Tuple | None:
        """The indices of an entry of a table (`A_{ik}`, `W_{i1}`, `A_{i,j}`), or None:
        two letters side by side in a subscript are two indices, not a product."""
        if isinstance(script, tuple) and script[0] == "list" and len(script) == 3:
            parts = [self.v(x) for x in script[1:]]
        elif written := self.r.two_indices.get(getattr(underscore, "start_pos", None)):
            # from the source: SymPy's product `ki` would put the two in its own order
            parts = [sp.Integer(c) if c.isdigit() else sp.Symbol(c) for c in written]
        else:
            return None
        if len(parts) != 2 or not all(x.is_Symbol or x.is_Integer for x in parts):
            return None
        return sp.Tuple(*(sp.Symbol(x.name, integer=True) if x.is_Symbol else x for x in parts))

    # names with scripts and calls
    def _softmax_entry(self, call, script) -> sp.Expr | None:
        """`\\operatorname{softmax}(z)_i`: e^{z_i} / \\sum_k e^{z_k} over the outcomes, where
        the notes give softmax no meaning of their own; None for anything else."""
        if not (isinstance(call, AppliedUndef) and call.func.__name__ == "softmax"):
            return None
        if "softmax" in self.r.definitions or self.r.own_softmax or len(call.args) != 1:
            return None
        (vector,) = call.args
        if not (isinstance(vector, sp.Symbol) and _is_ref(script) and script.index is None):
            return None
        if not (len(script.name) == 1 and script.name.islower()):
            return None
        index = sp.Symbol(script.name, integer=True)  # as `z_i` reads its index
        k = next(sp.Symbol(c, integer=True) for c in "jklm" if c not in (index.name, vector.name))
        entry = [self.r.value(Ref(vector.name, at)) for at in (index, k)]  # z_i as read
        # (its bound index renamed apart: `\\partial / \\partial z_j` must not capture it)
        return sp.exp(entry[0]) / canonical_indices(sp.Sum(sp.exp(entry[1]), (k, 1, self.r.dim)))

    def sub_script(self, items):
        base, script = items[0], items[2]
        if (entry := self._softmax_entry(base, script)) is not None:
            return entry
        if not _is_ref(base):
            raise Unreadable("a subscript on an expression", 0)
        if (pair := self._kronecker(base, script)) is not None:
            return sp.KroneckerDelta(*pair)
        label = _script_name(script) if not isinstance(script, tuple) else None
        if base.name in ("KL", "H") and label is not None:
            return Ref(base.name, sp.Symbol(label, integer=True))
        if base.name == "D" and label == "KL":
            return Ref("KL")
        if base.name == "D" and label in _JS_NAMES:
            return Ref("JS")
        if (entry := self._two_indices(items[1], script)) is not None:
            return Ref(base.name, entry, base.offset, base.word)
        if isinstance(script, tuple):
            raise Unreadable(f"a subscript {script[0]!r} on {base.name}", base.offset)
        if (
            isinstance(script, Ref)
            and script.index is None
            and (script.name in INDEX_LETTERS or (len(script.name) == 1 and script.name.islower()))
        ):
            if script.name == "e":
                self.r.e_is_index = True
                return Ref(base.name, _E_INDEX, base.offset)
            return Ref(base.name, sp.Symbol(script.name, integer=True), base.offset, base.word)
        if isinstance(script, Ref) and script.index is None and script.name in self.r.bounds:
            # z_K beside \sum_{k=1}^K: the last entry, not a letter z_K of its own
            return Ref(base.name, self.v(script), base.offset, base.word)
        if (
            isinstance(script, sp.Basic)
            and not isinstance(script, sp.Symbol)
            and (script.is_integer or script.free_symbols)
        ):
            return Ref(base.name, script, base.offset, base.word)
        if label is not None:
            return Ref(f"{base.name}_{label}", None, base.offset, base.word)
        raise Unreadable(f"a subscript on {base.name} that is neither an index nor a name")

    def call1(self, items):
        return Call("args", (items[0],))

    def calln(self, items):
        return Call("args", tuple(items))

    def callcond(self, items):
        return Call("cond", (items[0], *items[2:]))

    def callcondsemi(self, items):  # p(y | x; w): conditioned on x and the parameters w
        return Call("cond", (items[0], *items[2:]))

    def calldiv(self, items):
        return Call("div", (items[0], items[2]))

    def kl_bracket(self, items):  # KL[P || Q]
        return self.apply([self.kl(items[:1]), Call("div", (items[1], items[3]))])

    def callsemi(self, items):  # N(x; mu, sigma^2): a density at x with its parameters
        return Call("semi", tuple(items))

    def prime(self, items):
        if isinstance(items[0], Primed):  # h'': the second derivative
            return Primed(items[0].function, items[0].order + 1)
        if not _is_ref(items[0]):
            raise Unreadable("a prime on something that is not a function name")
        return Primed(items[0])

    def apply(self, items):
        f, call = items
        if isinstance(f, Primed):
            # f'(a): the derivative of f at a, from f(u) for a fresh u
            if call.kind != "args" or len(call.args) != 1:
                raise Unreadable(f"{f.function.name}'(...) with several arguments")
            u = sp.Dummy("u", real=True)
            r = self.r
            r.definitions["_prime_u"] = u
            try:
                at_u = self.v(self.apply([f.function, Call("args", (Ref("_prime_u"),))]))
            finally:
                r.definitions.pop("_prime_u", None)
            if not isinstance(at_u, sp.Expr) or at_u.has(Unbracketed):
                raise Unreadable(f"{f.function.name}' is not a function symkl can differentiate")
            refuse_over_vectors(at_u)
            derivative = sp.Derivative(at_u, (u, f.order))
            if at_u.has(*_NOT_SMOOTH):
                derivative = _where_differentiable(derivative)
            return derivative.doit().subs(u, self.v(call.args[0]))
        self._no_derivative_order(f)
        if _own_argument(f, call, self):
            # p(1 - p), \\sigma(1 - \\sigma): a function of an expression in its own name
            # is no function; a number times a bracket
            return Juxtaposed(self.v(f), self.v(call.args[0]))
        if _is_ref(f) and f.name + AS_SCALAR in self.r.kinds and call.kind == "args":
            # `Let $p \\in (0, 1)$`, then p(1 - p): p times (1 - p), or the density p at it
            self.r.doubts.append(
                f"{f.name}(...) may be {f.name} times (...): the prose gives {f.name} a range "
                f"as a number"
            )
        if isinstance(f, Ref) and (measure := self._random_measure(f, call)) is not None:
            return measure  # H(X), I(X; Y): before N(x; mu, sigma^2) claims the semicolon
        if call.kind == "semi":
            point, *params = call.args
            if _is_ref(f) and isinstance(self.r.definitions.get(f.name), sp.Lambda):
                lam = self.r.definition(f.name)  # p(x; lambda) defined earlier
                if len(call.args) != len(lam.variables):
                    raise Unreadable(f"{f.name} was defined with {len(lam.variables)} arguments")
                return applied(lam, [self.v(a) for a in call.args])
            if _is_ref(f) and f.name == "N" and f.index is None and len(params) == 2:
                density = sp.Function("N")(*[self.v(a) for a in params])
                return self._normal(density, self.v(point))
            # `\\sigma(z; T)`: a semicolon makes any name a function of a point and
            # parameters (no product has one)
            if not (isinstance(f, Ref) and f.name not in self.r.definitions):
                raise Unreadable(f"{f.name}(x; parameters): {f.name} is not a function")
            # f(x; theta), ELBO(x; theta, phi): a function of the point and the parameters
            return self._function(f, Call("args", call.args))
        if not isinstance(f, Ref):
            if call.kind == "args" and len(call.args) == 1:
                return Juxtaposed(self.v(f), self.v(call.args[0]), isinstance(f, Bracketed))
            raise Unreadable("a parenthesised list after an expression")
        named = f"{f.name}_{f.index}" if f.index is not None else None
        if isinstance(self.r.definitions.get(named), sp.Lambda):
            f = Ref(named)  # H_b(p) defined earlier: the function, not H of a row
        if f.index is not None and call.kind == "args" and len(call.args) == 1:
            arg = call.args[0]
            bare = isinstance(arg, Ref) and arg.index is None  # H_i(p): row i's entropy
            binary = f.name == "H" and str(f.index) in _BINARY_INDEX  # H_b(1/2)
            if not binary and (f.word or (f.name in _MEASURES and not bare)):
                # \operatorname{Li}_2(1), \mathrm{H}_b(\tfrac12): an operator with a
                # parameter (defined, it was taken above), not an entry times a bracket
                raise Unreadable(f"{f.name}_{{{show(f.index)}}}(...): define it first")
            if not bare and not binary:
                # p_i(1 - p_i): an entry times a bracket; p_i(x) stays a call
                return Juxtaposed(self.v(f), self.v(arg))
        r = self.r
        if f.name in _MEASURES and f.index is not None and f.index.is_number:
            # H_2(p): the entropy in bits, or of row 2 of p? Only a definition says
            raise Unreadable(f"{f.name}_{f.index}(...): a base or a row? (define it first)")
        # H(p) := the binary entropy of a number: H(1/2), H(p) read with it, but not H(q)
        # of a distribution q
        own = isinstance(r.definitions.get(f.name), sp.Lambda) and not (
            len(call.args) == 1
            and _is_ref(arg := call.args[0])
            and r.is_distribution(arg.name)
            and arg.name + AS_SCALAR not in r.kinds
        )
        if (f.name in _MEASURES or f.name in _KL_NAMES or f.name == "JS") and not own:
            return self._measure(f, call)
        scale = self._sigma_scale()
        if (
            f.name == "sigma"
            and scale
            and not f.word
            and call.kind == "args"
            and len(call.args) == 1
        ):
            if not self.r.sigma_product:  # a range said of sigma: the sigmoid is not ruled out
                self.r.doubts.append(
                    "sigma(...) is read as sigma times (...), as the notes give sigma a range; "
                    "it may be the sigmoid"
                )
            return Juxtaposed(self.v(f), self.v(call.args[0]))  # a declared scale: a product
        if (
            f.name == "sigma"
            and len(call.args) == 1
            and call.kind == "args"
            and not isinstance(r.definitions.get("sigma"), sp.Lambda)  # the notes' own sigma
        ):
            z = self.v(call.args[0])
            return sp.exp(z) / (1 + sp.exp(z))
        defined = f.name + "_cond" if call.kind == "cond" else f.name
        if defined in r.definitions and isinstance(r.definitions[defined], sp.Lambda):
            lam = r.definition(defined)  # f(x) or p(y | x) defined earlier
            args = [self.v(a) for a in call.args]
            if r.definitions.get(f"{defined}:point") == len(args) < len(lam.variables):
                # sigma(z) where sigma(z; T) was defined: its parameters as they are written
                args += list(lam.variables[len(args) :])
            if len(args) != len(lam.variables):
                raise Unreadable(f"{f.name} was defined with {len(lam.variables)} arguments")
            if not _shows(lam):  # its formula shows none of its variables: see `value`
                return sp.Function(defined, real=True)(*args)
            return applied(lam, args)
        if (
            f.name == "Gamma"
            and f.index is None
            and not f.word
            and call.kind == "args"
            and len(call.args) == 1
            and f.name not in set(r.kinds) | set(r.definitions) | set(r.described)
        ):
            return sp.gamma(self.v(call.args[0]))  # \Gamma(x): Euler's gamma function
        if f.word and f.name in UPRIGHT and call.kind == "args" and len(call.args) == 1:
            return Juxtaposed(self.v(f), self.v(call.args[0]))  # \mathrm{i}(1 + x)
        if f.word and f.name in _WORD_FUNCTIONS and call.kind == "args" and len(call.args) == 1:
            return _WORD_FUNCTIONS[f.name](self.v(call.args[0]))
        if isinstance(f, Ref) and (variance := self._variance(f, call)) is not None:
            return variance
        if f.word and call.kind in ("args", "cond"):
            return self._function(f, call)  # \mathrm{ReLU}(x): a function the notes name
        if r.is_distribution(f.name) or (f.index is None and _is_function_name(f.name)):
            return self._function(f, call)
        if call.kind == "args" and len(call.args) == 1:
            arg = call.args[0]
            if f.index is not None and isinstance(arg, Ref) and arg.index is None:
                # h_2(theta): an entry times theta, or a function h_2 the prose defines
                r.doubts.append(
                    f"{f.name}_{f.index}({arg.name}) is read as {f.name}_{f.index} times "
                    f"{arg.name}; it may be a function {f.name}_{f.index} of {arg.name}"
                )
            elif (
                _is_ref(arg) or (isinstance(value := self.v(arg), sp.Expr) and value.is_number)
            ) and (f.name not in r.kinds and f.name not in _VARIABLES):
                # \phi(z), u(5): phi times z, or a function phi of z defined in words
                shown = arg.name if _is_ref(arg) else show(value)
                r.doubts.append(
                    f"{f.name}({shown}) is read as {f.name} times {shown}; it may be a "
                    f"function {f.name} at {shown} (declare '{f.name}: real' for a product)"
                )
            return Juxtaposed(self.v(f), self.v(arg))
        raise Unreadable(f"{f.name}(...) with several arguments: {f.name} is not a function")

    def _random_measure(self, f: Ref, call: Call) -> Measure | None:
        """H(X), H(X, Y), H(Y | X), I(X; Y) of random variables (capital letters that are
        not distributions and have no definition), or None."""
        if f.index is not None or f.name not in ("H", "I"):
            return None
        if (
            f.name == "H"
            and call.kind == "args"
            and len(args := call.args) == 1
            and _is_ref(args[0])
            and (law := self.r.laws.get(args[0].name)) is not None
            and self.r.is_distribution(law)
        ):
            # H(X) where the notes give X's law P: the entropy of P
            return self._measure(Ref("H"), Call("args", (Ref(law),)))
        args = call.args
        if not args or not all(
            _is_ref(a)
            and a.index is None
            and is_random_variable(a.name)
            and a.name not in self.r.definitions
            and self.r.kinds.get(a.name) in (None, "real")
            for a in args
        ):
            return None
        names = [sp.Symbol(a.name) for a in args]
        if f.name == "H" and call.kind in ("args", "cond"):
            targets, given = (names, []) if call.kind == "args" else (names[:1], names[1:])
        elif f.name == "I" and call.kind in ("semi", "args") and len(names) == 2:
            targets, given = names, []
        else:
            return None
        return Measure(sp.Symbol(f.name), sp.Tuple(*targets), sp.Tuple(*given), self.r.unit_base)

    def _under_law(self, value: sp.Expr) -> sp.Expr | None:
        """The expectation of `value` over the one random variable in it with a law from
        the prose (`X ~ Bernoulli(p)`: the two outcomes weighted; `X ~ N(m, v)`: the
        integral against the density); None where no such variable is in it."""
        if not isinstance(value, sp.Expr):
            return None
        derived = {
            s: self.r.parse(written[0])
            for s in value.free_symbols
            if (law := self.r.random_laws.get(s.name))
            and (written := law[1])
            and law[0] == "derived"
        }
        value = value.subs(derived)  # Y = 3X - 1: in terms of X
        drawn = sorted(
            (
                s
                for s in value.free_symbols
                if self.r.random_laws.get(s.name, ("derived",))[0] != "derived"
            ),
            key=lambda s: s.name,
        )
        if not drawn:
            return None
        if len(drawn) > 1:
            raise Unreadable(f"an expectation over {', '.join(map(str, drawn))}: no joint law")
        (x,) = drawn
        law, written = self.r.random_laws[x.name]
        params = [self.r.parse(a) for a in written]
        if law == "bernoulli":
            (p,) = params
            return (1 - p) * value.subs(x, 0) + p * value.subs(x, 1)
        t = sp.Dummy(x.name.lower(), real=True)
        density = self.r.normal_density(sp.Function("N")(*params), t)
        return sp.Integral(density * value.subs(x, t), (t, -sp.oo, sp.oo))

    def _variance(self, f: Ref, call: Call) -> sp.Expr | None:
        """`\\operatorname{Var}(Y)` of random variables with laws from the prose:
        E[Y^2] - E[Y]^2; None for anything else."""
        if not (f.word and f.name.lower() in ("var", "variance") and call.kind == "args"):
            return None
        if len(call.args) != 1 or not self.r.random_laws:
            return None
        value = self.v(call.args[0])
        mean = self._under_law(value)
        return None if mean is None else self._under_law(value**2) - mean**2

    def _function(self, f: Ref, call: Call) -> sp.Expr:
        args = [self.v(a) for a in call.args]
        given = self.r.definitions.get(f.name)
        if isinstance(given, sp.Tuple) and f.index is None and not self.r._held(f.name):
            if call.kind != "args" or len(args) != 1:
                raise Unreadable(f"{f.name} has the values {given}: {f.name}(...) of them")
            return _entry(self.r.definition(f.name), args[0], f.name)  # p(x): p_x
        name = f.name if f.index is None else f"{f.name}_{f.index}"
        if call.kind == "cond":
            name += "_cond"
        elif call.kind == "div":
            raise Unreadable(f"{f.name}(a || b) is not a measure symkl knows")
        positive = self.r.is_distribution(f.name)
        return sp.Function(name, positive=True if positive else None)(*args)

    def _normal(self, x, variable: sp.Symbol | None = None) -> sp.Expr | None:
        """`\\mathcal{N}(mu, sigma^2)` as the normal density in `variable` (x), or None."""
        value = x if isinstance(x, sp.Basic) else None
        if not _is_normal(value):
            return None
        return self.r.normal_density(value, variable if variable is not None else self.r.variable())

    def _named_normal(self, x) -> sp.Expr | None:
        """The density of `x` where it is `\\mathcal{N}(mu, sigma^2)` or a name the notes
        make one (`Reader.normal_of`), in the reader's variable; or None."""
        named = self._normal_named(x, self.r.variable())
        return named if named is not None else self._normal(x)

    def _normal_named(self, x, variable: sp.Expr) -> sp.Expr | None:
        if _is_ref(x) and x.index is None and (defined := self.r.normal_of(x.name)) is not None:
            return self._normal(defined, variable)
        return None

    def _dist(self, x) -> sp.Expr:
        defined = self.r.definitions.get(x.name) if _is_ref(x) and x.index is None else None
        if isinstance(defined, EntryFormula):
            return self.r.term(x.name)  # s_k = e^{z_k} / \\sum_j e^{z_j}: H(s) of its entries
        if (normal := self._named_normal(x)) is not None:
            return normal
        if (mixture := self._mixture(defined)) is not None:
            return mixture
        if _is_ref(x) and isinstance(defined := self.r.definitions.get(x.name), sp.Lambda):
            if _gaussian_shaped(defined):  # p(x) = N(x; 0, 0.01): a density on the real line
                return defined(self.r.variable())
            # lambda e^{-lambda x}: a density (on a support the notes may give in words),
            # not a discrete distribution p_1, ..., p_n
            raise Unreadable(
                f"a measure of {x.name}, which the notes define as a function "
                f"{x.name}(...): write it as an integral, e.g. -\\int {x.name}(x) "
                f"\\log {x.name}(x)\\,dx"
            )
        if _is_ref(x) and x.index is None and x.name in self.r.bernoulli:
            theta = self.v(x)  # D(p || q) between Ber(p) and Ber(q)
            return sp.Tuple(theta, 1 - theta)
        if (
            isinstance(x, AppliedUndef)
            and x.func.__name__ in _BERNOULLI_NAMES
            and x.func.__name__ not in self.r.definitions
            and len(x.args) == 1
        ):
            return sp.Tuple(x.args[0], 1 - x.args[0])  # D(Ber(a) || Ber(b)): (a, 1 - a)
        if _is_ref(x) and self.r.is_distribution(x.name):
            return self.r.term(x.name)
        if isinstance(x, sp.Tuple) or (
            _is_ref(x) and isinstance(self.r.definitions.get(x.name), sp.Tuple)
        ):
            return self.v(x)
        raise Unreadable(f"a measure of {_written(x)}: its arguments must be distributions")

    def _density_call(self, x) -> tuple[sp.Expr, sp.Symbol] | None:
        """`q(z)`, `p(z \\mid x)`, `q_\\phi(z \\mid x)`: a density called at letters, or one the
        notes define as a normal's (`q(z) = \\mathcal{N}(z; \\mu, \\sigma^2)`, read as its formula):
        (its value, the outcome), or None."""
        if _is_ref(x) or isinstance(x, (tuple, str)):
            return None
        try:
            value = self.v(x)
        except Unreadable:
            return None
        if (
            isinstance(value, AppliedUndef)
            and self.r.is_distribution(value.func.__name__)
            and value.args
            and all(isinstance(a, sp.Symbol) for a in value.args)
        ):
            return value, value.args[0]
        if not isinstance(value, sp.Expr):
            return None
        letters = [s for s in value.free_symbols if isinstance(s, sp.Symbol) and s.name in "xyzuvw"]
        if len(letters) == 1 and _gaussian_shaped(sp.Lambda(tuple(letters), value)):
            return value, letters[0]
        return None

    def _measure_of_densities(self, f: Ref, call: Call) -> sp.Expr | None:
        """`D_{KL}(q(z) \\| p(z \\mid x))`, `H(q(z))`: measures of densities written with their
        arguments, as the integrals over the outcome (the first argument of each)."""
        calls = [self._density_call(a) for a in call.args]
        if not calls or None in calls or len({z for _, z in calls}) != 1:
            return None
        unknown = [c for c, _ in calls if isinstance(c, AppliedUndef)]
        one_letter = len(unknown) == len(calls) and all(len(c.args) == 1 for c in unknown)
        if self.r.mode == "discrete" and one_letter and not self.r.latent:
            return None  # H(q(z)) in discrete notes: q's entries, as E_{q(z)} reads them
        z = calls[0][1]
        scale = 1 / sp.log(self.r.unit_base)
        a = calls[0][0]
        if f.name == "H" and call.kind == "args" and len(calls) in (1, 2):
            return -scale * sp.Integral(a * sp.log(calls[-1][0]), (z, -sp.oo, sp.oo))
        if f.name in _KL_NAMES and len(calls) == 2 and (call.kind == "div" or f.name == "KL"):
            b = calls[1][0]
            return scale * sp.Integral(a * sp.log(a / b), (z, -sp.oo, sp.oo))
        return None

    def _mixture(self, defined) -> sp.Expr | None:
        """`m := (p + q)/2`, a mixture of distributions with weights of a positive sum, as
        its value for one outcome ((p_i + q_i)/2), or None."""
        if not isinstance(defined, sp.Expr) or not defined.free_symbols:
            return None
        laws = defined.free_symbols
        if not all(isinstance(s, sp.Symbol) and self.r.is_distribution(s.name) for s in laws):
            return None
        weights = sp.Poly(defined, *laws) if defined.is_polynomial(*laws) else None
        if weights is None or weights.total_degree() != 1 or weights.TC() != 0:
            return None
        if not all(c.is_positive for c in weights.coeffs()) or sum(weights.coeffs()) != 1:
            return None  # p - q, 2p: no distribution
        return defined.xreplace({s: self.r.term(s.name) for s in laws})

    def _row(self, x, i: sp.Expr) -> sp.Expr:
        if _is_ref(x) and self.r.is_distribution(x.name):
            return sp.IndexedBase(x.name, positive=True)[i, CLASS_INDEX]
        raise Unreadable(
            f"a per-sample measure of {_written(x)}: its arguments must be distributions"
        )

    def _measure(self, f: Ref, call: Call) -> sp.Expr:
        arg = call.args[0] if len(call.args) == 1 else None
        if (
            f.name == "H"
            and str(f.index) in _BINARY_INDEX
            and arg is not None
            and not (_is_ref(arg) and arg.name[:1].isupper())  # H_b(X): X's entropy to base b
            and not {"b", "B"} & (set(self.r.kinds) | set(self.r.definitions))  # b a base
        ):
            unranged = (  # a distribution, not ranged as a number (0 < p < 1)
                _is_ref(arg)
                and self.r.is_distribution(arg.name)
                and arg.name + AS_SCALAR not in self.r.kinds
            )
            if call.kind == "args" and not unranged:
                # H_b(\\epsilon): the binary entropy function, of a Bernoulli's parameter
                theta = self.v(arg)
                coin = sp.Tuple(theta, 1 - theta)
                return Entropy(coin, limits=self.r.limits(coin), base=self.r.unit_base)
            if _is_ref(arg):
                # H_b(p) of a letter the notes do not range as a number: the binary entropy
                # of p, or the entropy of row b of a table p? (the row is seldom meant)
                raise Unreadable(
                    f"H_b({arg.name}): the binary entropy of a number {arg.name} (say $0 < "
                    f"{arg.name} < 1$), or the entropy of row b of {arg.name}?"
                )
        if f.index is not None:
            # H_i(p, q): the measure of sample i's distributions, rows p[i, j] over K classes
            dists = [self._row(a, f.index) for a in call.args]
            lims = (CLASS_INDEX, 1, CLASSES)
        else:
            if (written := self._measure_of_densities(f, call)) is not None:
                return written
            dists = [self._dist(a) for a in call.args]
            lims = self.r.limits(*dists)
            densities = [
                self._named_normal(a) is not None
                or (_is_ref(a) and _gaussian_shaped(self.r.definitions.get(a.name)))
                for a in call.args
            ]
            if any(densities) and not all(densities):
                other = call.args[densities.index(False)]
                named = other.name if _is_ref(other) else show(self.v(other))
                raise Unreadable(
                    f"a measure of a density and of {named}, which symkl would read as a "
                    "discrete distribution (define it as a density too)"
                )
            if any(densities):
                lims = (self.r.variable(), -sp.oo, sp.oo)  # densities on the real line
        if f.name == "H" and call.kind == "args" and len(dists) == 1:
            return Entropy(dists[0], limits=lims, base=self.r.unit_base)
        if f.name == "H" and call.kind == "args" and len(dists) == 2:
            return CrossEntropy(*dists, limits=lims, base=self.r.unit_base)
        if f.name in _KL_NAMES and len(dists) == 2 and (call.kind == "div" or f.name == "KL"):
            return KLDivergence(*dists, limits=lims, base=self.r.unit_base)
        if f.name == "JS" and len(dists) == 2 and call.kind in ("div", "args"):
            return JSDivergence(*dists, limits=lims, base=self.r.unit_base)
        raise Unreadable(f"{f.name}(...) with these arguments is not a measure symkl knows")

    # operators
    def limits(self, items):
        out = {}
        for k in range(0, len(items), 2):
            out["sub" if items[k].type == "SUBSCRIPT" else "sup"] = items[k + 1]
        return out

    def logf(self, items):
        op, lims, raw = str(items[0]), items[1], items[2]
        after = None
        if isinstance(raw, Juxtaposed) and (raw.head.is_Number or raw.bracketed):
            # \ln 2 (a + b), \exp(x)(1 + x): the function of the first, times the bracket
            raw, after = raw.head, raw.bracket
        if isinstance(raw, PoweredBracket):  # \exp(t)^2 is (exp t)^2, not exp(t^2)
            arg, outer = raw.base, raw.exponent
        else:
            arg, outer = self.v(raw), None
        own = self.r.definitions.get(op.lstrip("\\"))
        if isinstance(own, sp.Lambda) and len(own.variables) == 1 and "sub" not in lims:
            value = own(arg)  # \\cosh(x) := e^x + e^{-x}: the notes' own function
        elif op in ELEMENTARY:
            value = ELEMENTARY[op](arg)
        elif "sub" in lims and not _is_ref(lims["sub"], "e"):
            value = sp.log(arg) / sp.log(self.v(lims["sub"]))
        elif op == r"\lg":
            if self.r.lg_base is None:
                self.r.doubts.append("\\lg is log base 2 in some texts and 10 in others")
            value = sp.log(arg) / sp.log(self.r.lg_base or 2)
        elif op == r"\log" and "sub" not in lims and self.r.log_base != sp.E:
            value = sp.log(arg) / sp.log(self.r.log_base)  # the base the notes state
        else:  # \log x, \ln x, \log_e x
            value = sp.log(arg)
        if "sup" in lims:  # \sin^2 t is (sin t)^2; \sin^{-1} is arcsin or 1/sin
            power = self.v(lims["sup"])
            if power == -1:
                raise Unreadable(f"{op}^{{-1}}: the inverse function or the reciprocal?")
            value = _power(value, power)
        if outer is not None:
            value = _power(value, outer)
        if after is not None:
            return value * after
        if not isinstance(raw, (Bracketed, PoweredBracket)):
            return Unbracketed(value)
        return value

    def logf_prime(self, items):
        """`\\tanh'(z)`: the derivative of an elementary function (or of the notes' own
        `\\cosh(x) := ...`) at its argument; `\\log'` is not read (its base is the notes')."""
        op, call = str(items[0]), items[2]
        own = self.r.definitions.get(op.lstrip("\\"))
        if isinstance(own, sp.Lambda) and len(own.variables) == 1:
            function = own
        elif op in ELEMENTARY:
            function = ELEMENTARY[op]
        else:
            raise Unreadable(f"{op}' is not a function symkl differentiates (write its derivative)")
        if call.kind != "args" or len(call.args) != 1:
            raise Unreadable(f"{op}'(...) with several arguments")
        u = sp.Dummy("u", real=True)
        return sp.diff(function(u), u).subs(u, self.v(call.args[0]))

    def bigop(self, items):
        op, lims, body = str(items[0]), items[1], self.v(items[2])
        if op == r"\int":
            return self._integral(lims, body)
        if op in (r"\max", r"\min"):
            return self._entry_extremum(op, lims, body)
        sub = lims.get("sub")
        if isinstance(sub, tuple) and sub[0] == "list" and "sup" not in lims:
            # \sum_{x,y} is \sum_x \sum_y (a tuple (w, c) \in D is not read)
            if not all(_is_ref(r) for r in sub[1:]):
                raise Unreadable("a sum over a list of indices that are not letters")
            for ref in reversed(sub[1:]):
                body = self.bigop([items[0], {"sub": ref}, body])
            return body
        if _is_ref(sub) and "sup" not in lims and sub.name in self.r.value_sets:
            # \sum_y with y in {0, 1} said in the prose: over those values
            return self._written_out(op, body, sub.name, self.r.value_sets[sub.name])
        if "sub" not in lims and (index := _only_index(body)) is not None:
            if self.r.dim_written:
                # \sum p_i beside \sum_{i=1}^m p_i: over all i, or up to m?
                raise Unreadable("a sum without an index beside sums with bounds")
            lims = {**lims, "sub": Ref(index.name)}  # \sum p_i l_i: over i, its bounds implied
        if isinstance(sub, tuple) and sub[0] == "in" and isinstance(sub[2], list):
            # \sum_{y \in \{0, 1\}}: the terms at those values, written out
            if not _is_ref(sub[1]) or len(sub[2]) > MAX_CASES or "sup" in lims:
                raise Unreadable("a sum over a set symkl cannot write out")
            return self._written_out(op, body, sub[1].name, [self.v(v) for v in sub[2]])
        var, lo, hi = self._range(lims)
        body = self._indexed(body, var)
        sub = lims.get("sub")
        unsized = not any(var in e.indices for e in body.atoms(sp.Indexed))
        if isinstance(sub, tuple) and sub[0] == "except" and "sup" not in lims and unsized:
            # \\sum_{j \\ne k} 1: over how many j, no vector of the terms says
            raise Unreadable(f"a sum over {var} but one of terms that index no vector")
        if isinstance(sub, tuple) and sub[0] == "except":
            # j = 0, j != m: the term at m weighted out, whether m is in the range or not
            kept = 1 - sp.KroneckerDelta(var, self._index_value(sub[3]))
            body = body * kept if op == r"\sum" else body**kept
        if given := _given_sizes(body, var):
            # \sum_{i=1}^3 p_i \log p_i with p's values given: the terms, written out (all
            # of them where the sum states no bounds: \sum_x p(x))
            sizes = {len(v) for v in given.values()}
            if "sup" not in lims and lo == 1 and len(sizes) == 1:
                hi = sp.Integer(max(sizes))
            if not (lo.is_Integer and hi.is_Integer and 1 <= lo <= hi <= min(sizes)):
                raise Unreadable(
                    f"a sum from {show(lo)} to {show(hi)} over the values the notes give "
                    f"({max(sizes)} of them)"
                )
            entries = {
                f: f.func.values[int(f.args[0]) - 1]
                for k in range(int(lo), int(hi) + 1)
                for f in body.subs(var, k).atoms(AppliedUndef)
                if isinstance(f.func, GivenEntry)
            }
            terms = [body.subs(var, k).xreplace(entries) for k in range(int(lo), int(hi) + 1)]
            return sp.Add(*terms) if op == r"\sum" else sp.Mul(*terms)
        return (sp.Sum if op == r"\sum" else sp.Product)(body, (var, lo, hi))  # \prod, \Pi

    def _entry_extremum(self, op: str, lims: dict, body) -> sp.Expr:
        """`\\max_i x_i`, `\\min_{j} \\log c_j`: the largest (smallest) entry over an index
        that the body indexes a vector with (bounds as a sum's); an optimum over anything
        else inside an expression is not read."""
        sub = lims.get("sub")
        if not _is_ref(sub) or "sup" in lims:
            raise Unreadable(
                f"{op} over {'a range' if 'sup' in lims else 'that'} inside an expression"
            )
        var, lo, hi = self._range(lims)
        body = self._indexed(body, var)
        if not any(var in i.indices for i in body.atoms(sp.Indexed)):
            raise Unreadable(
                f"{op}_{{{sub.name}}} of an expression that indexes no vector by {sub.name}"
            )
        return (EntryMax if op == r"\max" else EntryMin)(body, (var, lo, hi))

    def _written_out(self, op: str, body: sp.Expr, name: str, values: list) -> sp.Expr:
        """A sum (or product) over a finite set of values, term by term."""
        var = sp.Symbol(name, integer=True)
        body = self._indexed(body, var)
        terms = [body.xreplace({var: v}) for v in values]
        return sp.Add(*terms) if op == r"\sum" else sp.Mul(*terms)

    def _index_value(self, x) -> sp.Expr:
        """The value a sum leaves out (`j \\neq m`): a whole number, or an index letter
        (the same letter as in `p_m`)."""
        if _is_ref(x) and x.name not in self.r.definitions:
            return sp.Symbol(x.name, integer=True)
        value = self.v(x)  # a number, or what the notes define the letter as (m := n)
        if not value.is_integer:
            raise Unreadable("a sum that leaves out something other than an index")
        return value

    def _range(self, lims) -> tuple:
        sub, sup = lims.get("sub"), lims.get("sup")
        if sub is None:
            raise Unreadable("a sum without an index")
        if isinstance(sub, tuple) and sub[0] in ("eq", "except") and _is_ref(sub[1]):
            lo, var = self.v(sub[2]), sub[1].name
        elif isinstance(sub, tuple) and sub[0] == "in" and _is_ref(sub[1]):
            lo, var = sp.Integer(1), sub[1].name
        elif _is_ref(sub):
            lo, var = sp.Integer(1), sub.name
        else:
            raise Unreadable("a sum whose index symkl cannot read")
        hi = self.v(sup) if sup is not None else self.r.dim
        if isinstance(hi, sp.Symbol) and hi.name == self.r.dim.name:
            hi = self.r.dim  # the sums' k and the outcomes' k are one letter
        return sp.Symbol(var, integer=True), lo, hi

    def _indexed(self, body: sp.Expr, var: sp.Symbol) -> sp.Expr:
        """In a sum over x in X, p(x) is the x-th probability p[x]."""
        real = [s for s in body.free_symbols if isinstance(s, sp.Symbol) and s.name == var.name]
        body = body.xreplace({s: var for s in real})

        def to_indexed(e):
            return sp.IndexedBase(e.func.__name__, positive=True)[var]

        return body.replace(
            lambda e: (
                isinstance(e, AppliedUndef)
                and e.args == (var,)
                and self.r.is_distribution(e.func.__name__)
            ),
            to_indexed,
        )

    def _integral(self, lims, body: sp.Expr) -> sp.Expr:
        marks = [s for s in body.free_symbols if str(s).startswith(_DIFF_PREFIX)]
        body = body.subs({m: 1 for m in marks})
        variables = [str(m)[1:] for m in marks]
        sub = lims.get("sub")
        if isinstance(sub, tuple) and sub[0] == "tuple":
            variables = [a.name for a in sub[1:] if _is_ref(a)]
        if not variables:
            raise Unreadable("an integral without d<x> or an integration variable")
        if "sup" in lims or isinstance(sub, sp.Basic):
            lo = self.v(sub) if sub is not None else -sp.oo
            hi = self.v(lims["sup"]) if "sup" in lims else sp.oo
        else:
            lo, hi = -sp.oo, sp.oo
        if len(variables) == 1:
            x = symbol_for(variables[0], {variables[0]: "real"})
            # the variable as the notes range it elsewhere ("on $x \ge 0$") is this one
            body = body.xreplace({symbol_for(variables[0], self.r.kinds): x})
            return sp.Integral(_cases_settled(body, x, lo, hi), (x, lo, hi))
        if len(variables) == 2 and "sup" not in lims and sub is None:
            # \int\int p(x, z) \log \frac{p(x, z)}{p(x) p(z)} dx dz: densities of one law at its
            # letters, read over it (`latent.py`); over each letter in turn
            letters = [symbol_for(v, {v: "real"}) for v in variables]
            body = body.xreplace(
                {symbol_for(v, self.r.kinds): x for v, x in zip(variables, letters, strict=True)}
            )
            calls = body.atoms(AppliedUndef)
            if calls and all(
                self.r.is_distribution(c.func.__name__) and set(c.args) <= set(letters)
                for c in calls
            ):
                return sp.Integral(body, *[(x, -sp.oo, sp.oo) for x in reversed(letters)])
        # A joint variable z = (x, y): f(x, y) is f(z); f of fewer variables (a marginal
        # p(x) or a conditional q(y|x)) is another, unknown function of z.
        z = sp.Symbol("z", real=True)

        def joint(e):
            if [str(a) for a in e.args] == variables and not e.func.__name__.endswith("_cond"):
                return sp.Function(e.func.__name__, positive=True)(z)
            label = ",".join(str(a) for a in e.args)
            return sp.Function(f"{e.func.__name__}({label})", positive=True)(z)

        body = body.replace(
            lambda e: isinstance(e, AppliedUndef) and {str(a) for a in e.args} <= set(variables),
            joint,
        )
        if {str(s) for s in body.free_symbols} & set(variables):
            raise Unreadable("an integral over (x, y) of something that is not a density")
        return sp.Integral(body, (z, -sp.oo, sp.oo))

    def angle_expect(self, items):  # <f>_p: E_p[f]; <f>_p^2: its square
        lims = items[3]
        value = self.expect([items[0], {k: v for k, v in lims.items() if k == "sub"}, items[1]])
        return _power(value, self.v(lims["sup"])) if "sup" in lims else value

    def expect(self, items):
        lims, body = items[1], items[2]
        if "sup" in lims:
            raise Unreadable("a superscript on an expectation (\\mathbb{E}^2[...])")
        sub = lims.get("sub")
        if sub is None and (value := self._under_law(self.v(body))) is not None:
            return value  # E[X^2] with X ~ N(mu, sigma^2) from the prose
        variable = None
        if isinstance(sub, tuple) and sub[0] == "sim":
            variable, sub = sub[1], sub[2]
        if _is_ref(variable) and (normal := self._normal(sub, self.v(variable))) is not None:
            # E_{x ~ N(mu, sigma^2)}[f(x)] = integral of the normal density times f
            x = self.v(variable)
            return sp.Integral(normal * self.v(body), (x, -sp.oo, sp.oo))
        if (law := self._law_of_latent(sub, variable, body)) is not None:
            density, z = law  # E_{q(z | x)}[f]: the integral of f against q's density
            return sp.Integral(density * self.v(body), (z, -sp.oo, sp.oo))
        if variable is None and (called := self._called_distribution(sub)) is not None:
            sub, variable = called  # E_{p(x)}: x drawn from p
        if variable is None or _is_ref(variable):
            x = self.v(variable) if variable is not None else self.r.variable()
            if (normal := self._normal_named(sub, x)) is not None:
                # E_P[f(x)] with P a normal the notes name: the integral of its density
                value = self.v(body)
                entries = value.atoms(sp.Indexed)
                bare = value.free_symbols - entries - {a for e in entries for a in e.free_symbols}
                if not bare - {x} <= normal.free_symbols:
                    # E_P[f(t)]: is t the outcome, or a number the notes fix?
                    raise Unreadable(f"an expectation over {x} of letters other than {x}")
                return sp.Integral(normal * value, (x, -sp.oo, sp.oo))
        if not (_is_ref(sub) and self.r.is_distribution(sub.name)):
            # an expectation under a law symkl does not know: a function of its own
            return sp.Function(f"E_{sub.name}" if _is_ref(sub) else "E")(self.v(body))
        if variable is not None and not _is_ref(variable):
            raise Unreadable("an expectation over something that is not a variable")
        value = self.v(body)
        written = value.free_symbols  # as written, before p(X) becomes p's value at x
        if value.has(sp.Sum, sp.Integral) and self.r.mode == "discrete":
            # E_p[E_q[...]] or E_p[sum_k ...]: the outcomes' index would be bound twice
            raise Unreadable("an expectation over a sum or another expectation")
        weight = self.r.term(sub.name)
        if isinstance(weight, sp.Tuple):
            raise Unreadable("an expectation under an explicit tuple")
        subs = {}
        for s in value.free_symbols:
            if isinstance(s, sp.Symbol) and self.r.is_distribution(s.name):
                subs[s] = self.r.term(s.name)
        value = value.xreplace(subs)

        def realize(e):
            return self.r.term(e.func.__name__)

        value = value.replace(
            lambda e: (
                isinstance(e, AppliedUndef)
                and self.r.is_distribution(e.func.__name__)
                and len(e.args) == 1
                and isinstance(e.args[0], sp.Symbol)
                and e.args[0].name.isupper()
            ),
            realize,
        )
        outcome = self.v(variable) if variable is not None else self._outcome(value)
        x = self.r.variable()
        density = self.r.mode != "discrete"
        if density and isinstance(outcome, sp.Symbol) and x in written - {outcome}:
            # E_{q(z)}[f(x, z)]: the integral over z itself (x is free in f, not z's name)
            density = sp.Function(sub.name, positive=True)(outcome)
            return sp.Integral(density * value, (outcome, -sp.oo, sp.oo))
        if outcome is not None:
            value = self._at_outcome(value, outcome, sub.name)
        return (
            sp.Sum(weight * value, self.r.limits())
            if self.r.mode == "discrete"
            else (sp.Integral(weight * value, self.r.limits()))
        )

    def _law_of_latent(self, sub, variable, body) -> tuple[sp.Expr, sp.Symbol] | None:
        """(the density, the outcome) of an expectation over a latent letter: under a
        conditional (`\\mathbb{E}_{q(z \\mid x)}`, `z \\sim q_\\phi(z \\mid x)`), or under `q(z)`
        of a body with densities of two letters (`\\log \\frac{p(x, z)}{q(z)}`); else None."""
        if _is_ref(sub) and _is_ref(variable) and self.r.is_distribution(sub.name):
            z = self.v(variable)
            density = sp.Function(sub.name)(z) if isinstance(z, sp.Symbol) else None
        else:
            called = self._density_call(sub)
            if called is not None and not isinstance(called[0], AppliedUndef):
                return called  # E_{q(z)}[f] with q a normal density the notes define
            density = called[0] if called is not None else None
        if density is None:
            return None
        z = density.args[0]
        if variable is not None and (not _is_ref(variable) or self.v(variable) != z):
            return None
        try:
            value = self.v(body)
        except Unreadable:
            return None
        two = self.r.latent or any(
            len(c.args) == 2 and z in c.args and self.r.is_distribution(c.func.__name__)
            for c in value.atoms(AppliedUndef)
        )
        return (density, z) if len(density.args) == 2 or two else None

    def _called_distribution(self, sub) -> tuple[Ref, Ref] | None:
        """`p(x)` under an expectation: (the distribution p, the outcome x), or None."""
        if sub is None or _is_ref(sub) or isinstance(sub, tuple):
            return None
        try:
            value = self.v(sub)
        except Unreadable:
            return None
        if (
            isinstance(value, AppliedUndef)
            and self.r.is_distribution(value.func.__name__)
            and len(value.args) == 1
            and isinstance(value.args[0], sp.Symbol)
        ):
            return Ref(value.func.__name__), Ref(value.args[0].name)
        return None

    def _outcome(self, value: sp.Expr) -> sp.Symbol | None:
        """The outcome in `E_p[log p(x) - log q(x)]`: the one argument distributions are called
        at, or None."""
        found = {
            e.args[0]
            for e in value.atoms(AppliedUndef)
            if self.r.is_distribution(e.func.__name__)
            and len(e.args) == 1
            and isinstance(e.args[0], sp.Symbol)
        }
        return found.pop() if len(found) == 1 else None

    def _at_outcome(self, value: sp.Expr, outcome: sp.Symbol, over: str) -> sp.Expr:
        """The body of an expectation over the outcome `outcome`: in discrete notes each
        distribution called at it is its entry for that outcome (q(x) -> q_i); what else
        depends on the outcome has no value symkl knows. In densities, the outcome is the
        variable integrated over."""
        if self.r.mode != "discrete":
            return value.xreplace({outcome: self.r.variable()})
        value = value.replace(
            lambda e: (
                isinstance(e, AppliedUndef)
                and self.r.is_distribution(e.func.__name__)
                and e.args == (outcome,)
            ),
            lambda e: self.r.term(e.func.__name__),
        )
        if outcome in value.free_symbols:
            raise Unreadable(
                f"{outcome} itself under an expectation over the outcomes of {over}: symkl "
                f"reads only the probabilities of a discrete distribution, not its values"
            )
        return value

    def partial_op(self, items):
        return self._derivative(items[-1], items[-2])

    def partial_op_n(self, items):
        """`\\frac{\\partial^2}{\\partial t^2} f`: the order is written twice and must agree."""
        order, var, body = self.v(items[3]), items[-2], items[-1]
        written = self.v(var)
        if not (order.is_Integer and 1 <= order <= 4 and isinstance(written, sp.Pow)):
            raise Unreadable("a higher derivative symkl cannot read")
        base, power = written.args
        if power != order or not isinstance(base, (sp.Symbol, sp.Indexed)):
            raise Unreadable("the orders of a higher derivative do not agree")
        return sp.Derivative(_dependent(self.v(body), base), (base, int(order)))

    def partial_op_mixed(self, items):
        """`\\frac{\\partial^2}{\\partial x \\partial y} f`: one derivative in each variable below,
        their orders adding up to the order above."""
        order, body = self.v(items[3]), items[-1]
        variables = []
        for written in (self.v(x) for x in items[5:-1:2]):
            base, power = written.args if isinstance(written, sp.Pow) else (written, 1)
            if not isinstance(base, (sp.Symbol, sp.Indexed)) or not sp.Integer(power) > 0:
                raise Unreadable("a mixed derivative with respect to something not a variable")
            variables.append((base, int(power)))
        if not (order.is_Integer and sum(k for _, k in variables) == order):
            raise Unreadable("the orders of a mixed derivative do not agree")
        names = [v for v, _ in variables]
        return sp.Derivative(_dependent_on(self.v(body), names), *variables)

    def partial_frac(self, items):
        return self._derivative(items[2], items[-1])

    def d_op(self, items):
        var = symbol_for(_differential_variable(str(items[1])), self.r.kinds)
        if (called := self._called_at(items[-1], var)) is not None:
            return sp.Derivative(called, var)  # `\\frac{d}{dz}\\sigma`: sigma(z)
        return sp.Derivative(_dependent(self.v(items[-1]), var), var)

    def d_op_n(self, items):
        """`\\frac{d^2}{d\\theta^2} f`: the order is written twice and must agree."""
        m = re.search(
            r"\^\s*\{?\s*([2-4]).*?\{\s*(?:d|\\mathrm\{d\})\s*\\?([A-Za-z]+)\s*\^\s*\{?\s*([2-4])",
            str(items[0]),
        )
        if m is None or m.group(1) != m.group(3):
            raise Unreadable("the orders of a higher derivative do not agree")
        var = symbol_for(m.group(2), self.r.kinds)
        return sp.Derivative(_dependent(self.v(items[1]), var), (var, int(m.group(1))))

    def _derivative(self, expr, var) -> sp.Expr:
        v = self.v(var)
        if isinstance(v, sp.Pow) and v.exp == 2 and isinstance(v.base, sp.Symbol):
            return self._by_square(self.v(expr), v.base)
        if not isinstance(v, (sp.Symbol, sp.Indexed)):
            raise Unreadable("a derivative with respect to something that is not a variable")
        if isinstance(v, sp.Symbol) and (called := self._called_at(expr, v)) is not None:
            return sp.Derivative(called, v)
        return sp.Derivative(_dependent(self.v(expr), v), v)

    def _called_at(self, expr, v: sp.Symbol) -> sp.Expr | None:
        """`\\frac{d\\sigma}{dz}`, `\\frac{d}{dz}\\sigma`: the sigmoid written bare, at the
        variable below where the notes call it at that letter (`\\sigma(z)`); None for any
        other name (a function the notes define is read with its own variable)."""
        if not (_is_ref(expr) and expr.index is None and not expr.word):
            return None
        sigmoid = expr.name == "sigma" and self.r.sigmoid_called and not self._sigma_scale()
        # (only at a letter the notes call sigma at: `\\frac{d\\sigma}{dw}` after
        # `\\sigma(wx + b)` is the derivative of that, in w)
        at_letter = v.name in self.r.sigma_arguments
        if not (sigmoid and at_letter) or expr.name in self.r.definitions:
            return None
        r = self.r
        r.definitions["_called_at"] = v
        try:
            value = self.v(self.apply([expr, Call("args", (Ref("_called_at"),))]))
        finally:
            r.definitions.pop("_called_at", None)
        return value if isinstance(value, sp.Expr) else None

    def _by_square(self, value: sp.Expr, base: sp.Symbol) -> sp.Expr:
        """`\\frac{\\partial}{\\partial \\sigma^2}`: the derivative in v = sigma^2 of what is
        written through sigma^2 only (`\\log(2\\pi\\sigma^2)`, `S/\\sigma^4`); of anything
        else (sigma alone, an unknown) it is no derivative symkl can take."""
        v = sp.Dummy("v", positive=True)
        written = value.subs(base**2, v) if isinstance(value, sp.Expr) else None
        if written is None or base in written.free_symbols or written.atoms(AppliedUndef):
            raise Unreadable(f"a derivative in {base}^2 of what is not written through {base}^2")
        return sp.diff(written, v).subs(v, base**2)

    def nabla(self, items):
        var = items[2]
        one_of = (
            isinstance(var, Ref)
            and isinstance(var.index, (sp.Symbol, sp.Integer))
            and _is_vector(var)
        )
        if not (_is_ref(var) or one_of):
            raise Unreadable("a gradient with respect to something that is not a name")
        base = sp.IndexedBase(var.name, positive=True)
        # `\nabla_{w_k}`: in one vector of a family (softmax regression's w_1, ..., w_K)
        return Gradient(self.v(items[3]), base[var.index] if one_of else base)
