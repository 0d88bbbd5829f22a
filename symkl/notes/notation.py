"""Letters whose meaning the notes settle in words: i and j, e, pi, and the normal's scale.

## Main definitions
- `Notation`: what a step's reader takes these letters to mean: which of i, j are the
  imaginary unit (and which may be, the notes saying nothing), whether e is a variable
  (with the prose's definition, `e = y - \\hat{y}`), and whether the second argument of
  `\\mathcal{N}(\\mu, s)` is a variance or a standard deviation.
- `imaginary_units_in_words(text)`: where the prose says i or j is the imaginary unit
  ("$i$ denotes the imaginary unit", "$j^2 = -1$").
- `indices_in_words(text)`: where the prose makes i or j something else (an index, an
  integer, a real number: `$i \\in \\{1, \\dots, n\\}$`, "integer $i$", `$1 \\le j \\le n$`);
  `other_meanings_in_words(text)`: the same, read loosely ("interest at rate $i$"): a letter
  the notes also call the imaginary unit is read both ways.
- `e_in_words(text)`: where the notes say what e is: Euler's number, a variable (defined,
  `$e = y - \\hat{y}$` or `$$e := ...$$`, or ranged, `$e \\in (0, 1)$`), or unclear (a
  bare `$e$` in words that do not say, a formula that may not define it). "Base $e$" and a
  limit (`$e = (1 + 1/n)^n$` as $n$ grows) are Euler's number.
- `normal_scales_in_words(text)`: where the prose says how `\\mathcal{N}(\\mu, s)` is
  parametrized (by the standard deviation, or the variance), for all normals or for letters;
  `scales_named_both_ways(text)`: letters it calls both (read both ways).
- `pi_variables_in_words(text)`: where the notes make pi a variable (a range, a value, a
  definition, "mixture weight $\\pi$"); `constant_pi(side)`: where a side makes it plainly the
  constant (`\\sqrt{2\\pi}`, `\\log(2\\pi e)`, `e^{i\\pi}`), `bare_pi(side)`: where it does not.
- `Conventions(text)`: all of these by offset; `at(offset, declared, source)` is a step's
  `Notation`, `readings(notation, step)` the other readings the notes leave open.
- `imaginary_units(value, notation)`, `normal_variance(second, notation)`: what the reader
  (`symkl.notes.parse.Reader`) does with a side and with `\\mathcal{N}(\\mu, s)` under a
  `Notation`; `differentiated_names(text)`: names whose definitions it substitutes only
  after reading (d/du of a defined u differentiates in u).

Each statement holds from where it is made until another says otherwise, as the log base
does (`prose.log_conventions`). Where the notes give one letter two meanings (i the unit and
a rate, s a standard deviation and a variance, pi the constant and a weight), a step that
writes it is read both ways, and a verdict needs both readings to agree.
"""

import math
import re
from dataclasses import dataclass, field, replace
from fractions import Fraction

import sympy as sp

from symkl.notes.prose import (
    _HEDGED,
    _INLINE,
    ACCENTS,
    HEADING,
    _bounded_letters,
    _prose,
    _sentences,
    _span_bounds,
)

__all__ = [
    "Notation",
    "Conventions",
    "imaginary_units_in_words",
    "indices_in_words",
    "other_meanings_in_words",
    "e_in_words",
    "limit_describes_e",
    "normal_scales_in_words",
    "scales_named_both_ways",
    "imaginary_units",
    "differentiated_names",
    "normal_variance",
    "constant_pi",
    "bare_pi",
    "pi_variables_in_words",
    "UPRIGHT",
]

#: letters that may be the imaginary unit (`j` in engineering)
UNIT_LETTERS = ("i", "j")


@dataclass(frozen=True)
class Notation:
    """How a step's reader takes i, j, e and `\\mathcal{N}(\\mu, s)`."""

    #: letters read as the imaginary unit
    imaginary: frozenset = frozenset()
    #: letters the notes neither call the imaginary unit nor declare: read as real
    #: variables, with a doubt where they occur free
    maybe_imaginary: frozenset = frozenset()
    #: letters the notes call the imaginary unit and give another meaning (a rate, an
    #: index): a step where they occur free is read both ways
    imaginary_or_real: frozenset = frozenset()
    #: e is a variable (not Euler's number) where written bare or raised to a number
    e_variable: bool = False
    #: the prose's definition of e (LaTeX), substituted after reading; its line
    e_definition: str | None = None
    e_line: int = 0
    #: a second argument of N not written as a square: "variance" or "sd"
    normal_scale: str = "variance"
    #: the notes said so (then a number is read by it too: N(0, 4) has sd 4)
    normal_stated: bool = False
    #: letters the notes call a standard deviation, or a variance, whatever the rest
    sd_names: frozenset = frozenset()
    variance_names: frozenset = frozenset()
    #: letters the notes call a precision (N(mu, tau) has variance 1/tau)
    precision_names: frozenset = frozenset()
    #: pi read as the constant (`"constant"`) or as a variable (`"variable"`) where the notes
    #: make it either; "" as the reader's kinds and definitions have it
    pi: str = ""
    #: letters the notes make vectors (`w, x \\in \\mathbb{R}^d`, "the vectors $w$ and
    #: $x$"): `w \\cdot x` between two of them is their scalar product
    vectors: frozenset = frozenset()


#: upright letters that are constants whatever the notes call their italic namesakes
UPRIGHT = {"i": sp.I, "j": sp.I, "e": sp.E}


# ---- the imaginary unit -------------------------------------------------------------------

_IMAGINARY_WORDS = re.compile(
    r"\b(?:imaginary|complex)\s+(?:unit|number\s+i)\b"
    r"|\bsquare\s+root\s+of\s+(?:-|minus\s+)(?:1|one)\b",
    re.IGNORECASE,
)
#: `i^2 = -1`, `i = \sqrt{-1}`
_UNIT_FORMULA = re.compile(
    r"\s*([ij])\s*(?:\^\s*\{?\s*2\s*\}?\s*=\s*-\s*1|=\s*\\sqrt\s*\{\s*-\s*1\s*\})\s*"
)


def _spans(sentence: str, start: int) -> list[tuple[int, str]]:
    return [(start + m.start(), m.group(1)) for m in _INLINE.finditer(sentence)]


def _plain(sentence: str) -> bool:
    return _HEDGED.search(_INLINE.sub(" ", sentence)) is None


def imaginary_units_in_words(text: str) -> list[tuple[int, str]]:
    """(offset, letter) for each plain sentence that makes i or j the imaginary unit: the
    words "imaginary unit" beside `$i$` (the nearest i or j), or `$i^2 = -1$`."""
    out = []
    for start, sentence in _sentences(_prose(text)):
        if not _plain(sentence):
            continue  # "$i$ is an index here, not the imaginary unit"
        spans = _spans(sentence, start)
        for at, span in spans:
            if m := _UNIT_FORMULA.fullmatch(span):
                out.append((at, m.group(1)))
        words = _IMAGINARY_WORDS.search(sentence)
        letters = [(at, s.strip()) for at, s in spans if s.strip() in UNIT_LETTERS]
        if words and letters:
            at, letter = min(letters, key=lambda a: abs(a[0] - start - words.start()))
            out.append((at, letter))
    return sorted(set(out))


#: words that make a letter an index, an integer or a real number
_INDEX_WORDS = re.compile(
    r"\b(?:integers?|index(?:es)?|indices|subscripts?|counts?|real\s+numbers?|real)\b"
    r"|\$\s*[ij]\s*\$\s*-?\s*th\b",
    re.IGNORECASE,
)
#: `i \in \{1, ..., n\}`, `i \in [n]`, `i = 1, \dots, n`, `i \in \mathbb{N}`
_INDEX_FORMULA = re.compile(
    r"\s*([ij])\s*(?:\\in\s*(?:\\\{|\[|\\mathbb|\\mathcal|\\\{)|=\s*[0-9]+\s*(?:,|\\dots|\.\.))"
)


def indices_in_words(text: str) -> list[tuple[int, str]]:
    """(offset, letter) for each plain prose formula or phrase that makes i or j an index,
    an integer or a real number (not the imaginary unit)."""
    out = []
    for start, sentence in _sentences(_prose(text)):
        if not _plain(sentence):
            continue
        spans = _spans(sentence, start)
        for at, span in spans:
            if m := _INDEX_FORMULA.match(span):
                out.append((at, m.group(1)))
            out += [(at, letter) for letter in _bounded_letters(span) if letter in UNIT_LETTERS]
        if _INDEX_WORDS.search(sentence):
            out += [(at, s.strip()) for at, s in spans if s.strip() in UNIT_LETTERS]
    return sorted(set(out))


#: words beside `$i$` that say it is the imaginary unit, or a complex number
_UNIT_WORDS = re.compile(_IMAGINARY_WORDS.pattern + r"|\bimaginary|\bcomplex", re.IGNORECASE)
#: words beside `$i$` that give it another meaning (a rate, a current, an index, a number)
_OTHER_WORDS = re.compile(
    _INDEX_WORDS.pattern + r"|\b(?:rates?|interest|currents?|positive|negative|small|large"
    r"|variables?|parameters?|percent|amounts?|counters?|iterations?|steps?|rows?|columns?"
    r"|entry|entries|elements?|items?|samples?|unknowns?)\b",
    re.IGNORECASE,
)
#: `i = 0.05`: a value
_VALUE_FORMULA = re.compile(r"\s*([ij])\s*=\s*[0-9.]+\s*(?:\\?%)?\s*")
#: how far (characters between them) a letter may stand from the words that give its meaning
_BESIDE = 60


def other_meanings_in_words(text: str) -> list[tuple[int, str]]:
    """(offset, letter) wherever the prose gives i or j a meaning other than the imaginary
    unit, in any sentence: a formula that ranges it, indexes by it or gives it a value, or
    words nearer to `$i$` than any that say it is the unit ("interest at rate $i$"); in a
    hedged sentence, also words that say it is the unit ("$i$ is not the imaginary unit")."""
    out = []
    for start, sentence in _sentences(_prose(text)):
        plain = _plain(sentence)
        words = [(m, True) for m in _UNIT_WORDS.finditer(sentence)]
        words += [(m, False) for m in _OTHER_WORDS.finditer(sentence)]
        for m in _INLINE.finditer(sentence):
            span, at = m.group(1), start + m.start()
            if _UNIT_FORMULA.fullmatch(span):
                continue
            if f := _INDEX_FORMULA.match(span) or _VALUE_FORMULA.fullmatch(span):
                out.append((at, f.group(1)))
            out += [(at, letter) for letter in _bounded_letters(span) if letter in UNIT_LETTERS]
            if span.strip() not in UNIT_LETTERS:
                continue
            gaps = [(max(w.start() - m.end(), m.start() - w.end()), unit) for w, unit in words]
            near = [gap for gap in gaps if gap[0] <= _BESIDE]
            if near and (not min(near)[1] or not plain):
                out.append((at, span.strip()))
    return sorted(set(out))


def imaginary_units(value, notation: Notation) -> tuple:
    """A side read, with the letters the notes make the imaginary unit (read as symbols
    without assumptions) replaced by it, and doubts for the free letters that may be it.
    A letter that is also an index in the side (a sum over i, x_i) is the index."""
    if not isinstance(value, sp.Basic):
        return value, []
    indices = {s.name for s in value.atoms(sp.Symbol) if s.is_integer}
    free = [
        s
        for s in sorted(value.free_symbols, key=str)
        if isinstance(s, sp.Symbol) and s.name in UNIT_LETTERS and not s.is_integer
    ]
    units = {
        s: sp.Symbol(s.name, real=True) if s.name in indices else sp.I
        for s in free
        if s.name in notation.imaginary and s == sp.Symbol(s.name)
    }
    doubts = [
        f"{s} is read as a real variable, and may be the imaginary unit (the notes do not say "
        f"which; say it in words, or declare '{s}: real')"
        for s in free
        if s.name in notation.maybe_imaginary and s.name not in indices
    ]
    return (value.xreplace(units) if units else value), doubts


# ---- the letter e -------------------------------------------------------------------------

#: words that say e is Euler's number
_EULER_WORDS = re.compile(
    r"\beuler|\bexponential|\bnatural\s+log|\bbase\s+of\b|\bbase[\s-]*\$\s*e\s*\$|\bnapier|2\.71"
    r"|\bthe\s+number\s+\$e|\bconstant\s+\$e",
    re.IGNORECASE,
)
#: Euler's number denied in words ("not Euler's number", "nothing to do with the exponential")
_NOT_EULER = re.compile(
    r"\b(?:not|isn't|is\s+not|never|no)\W+(?:\w+\W+){0,3}?(?:euler|napier|the\s+exponential)"
    r"|\bnothing\s+to\s+do\s+with\s+(?:euler|the\s+exponential)",
    re.IGNORECASE,
)
#: a limit in words or symbols: "as $n$ grows", "for large $n$", `n \to \infty` (the letter),
#: "in the limit" (none named)
_LIMIT = re.compile(
    r"\b(?:as|when|while)\s+\$\s*(?P<a>[A-Za-z])\s*\$\s+(?:grows|goes|tends|increases|gets)"
    r"|\blarge\s+\$\s*(?P<b>[A-Za-z])\s*\$|(?P<c>[A-Za-z])\s*\\to\s*\\?infty"
    r"|\bin\s+the\s+limit\b|\bwithout\s+bound\b|\b(?:tends|goes)\s+to\s+infinity\b",
    re.IGNORECASE,
)
#: words that name what a letter is ("denotes the residual")
_NAMING_WORDS = re.compile(
    r"\b(?:denot\w*|call(?:ed)?|named?|stands?|represents?|residuals?|errors?|deviations?"
    r"|differences?|variables?)\b",
    re.IGNORECASE,
)
#: words that make `$e = y - \hat{y}$` a definition (else it may be a formula about e)
_DEFINING_WORDS = re.compile(
    r"\b(?:let|define[sd]?|write|set)\b|" + _NAMING_WORDS.pattern, re.IGNORECASE
)
#: words that make a bare `$e$` a variable ("let $e$ be", "$e$ denotes", "the error $e$")
_VARIABLE_WORDS = re.compile(
    r"\blet\s+\$e\$|\$e\$\s+(?:denotes?|be|is|stands|represents?|for)\b"
    r"|\b(?:error|residual|rate|edge|event|energy|variable)\s+\$e\$",
    re.IGNORECASE,
)
#: `e = ...`, `e := ...`, `e \approx ...` in inline math
_E_DEFINED = re.compile(
    r"\s*e\s*(?::=|\\coloneqq|\\triangleq|\\equiv|\\stackrel\s*\{[^{}]*\}\s*\{\s*=\s*\}|=|\\approx)"
    r"\s*(?P<value>.+?)\s*",
    re.DOTALL,
)
#: a value that is Euler's number (`e = 2.718...`, `e = \lim_n (1 + 1/n)^n`, `e = \exp(1)`)
_EULER_VALUE = re.compile(
    r"^\s*[0-9.\s\\ldots]*$|\\(?:lim|sum|prod|int|exp)(?![A-Za-z])|!", re.DOTALL
)
#: a display that starts by defining e (`$$e := y - \hat{y}$$`)
_E_DISPLAY = re.compile(
    r"(?:\$\$|\\\[|\\begin\{[A-Za-z]+\*?\})\s*e\s*(?P<op>:=|\\coloneqq|\\triangleq|=)"
    r"\s*(?P<value>[^$&]*?)\s*(?:\\\\|&|\$\$|\\\]|\\end)"
)
#: names in a value that are variables: Latin letters other than e, Greek letters but pi
_VALUE_NAMES = re.compile(
    r"(?<![\\A-Za-z])[A-Za-df-z](?![A-Za-z])"
    r"|\\(?:alpha|beta|gamma|delta|epsilon|varepsilon|eta|theta|lambda|mu|nu|xi|rho|sigma"
    r"|tau|phi|varphi|psi|omega)(?![A-Za-z])"
)


def _names_a_variable(value: str) -> bool:
    """Is `value` (the right side of `e = value`) something other than Euler's number?"""
    if _EULER_VALUE.search(value):
        return False
    names = re.sub(r"\\[A-Za-z]+", _greek_or_blank, value)  # \\hat{y} is y, \\frac nothing
    return _VALUE_NAMES.search(names) is not None


def _greek_or_blank(m: re.Match) -> str:
    return m.group(0) if _VALUE_NAMES.fullmatch(m.group(0)) else " "


def e_in_words(text: str) -> list[tuple[int, str, str | None]]:
    """(offset, meaning, definition) for each place the notes say what e is: meaning
    "euler", "variable" (definition the LaTeX of its value, or None) or "unclear". In a
    sentence that says what e is, a bare `$e$` beside ("a different $e$") adds nothing."""
    out: list[tuple[int, str, str | None]] = []
    for start, sentence in _sentences(_prose(text)):
        said = [(*_e_said(span, sentence), at) for at, span in _spans(sentence, start)]
        said = [item for item in said if item[0] is not None]
        if any(meaning != "unclear" for meaning, _, _ in said):
            said = [item for item in said if item[0] != "unclear"]
        out += [(at, meaning, definition) for meaning, definition, at in said]
    for m in _E_DISPLAY.finditer(text):
        value = m.group("value")
        near = text[max(0, m.start() - 300) : m.end() + 300]
        if m.group("op") == "=" and limit_describes_e(value, near):
            out.append((m.start(), "unclear", value))  # $$e = (1 + 1/n)^n$$ for large n
        elif _names_a_variable(value):
            out.append((m.start(), "variable", None))  # the display itself defines it
    return sorted(out, key=lambda item: item[0])


def _e_said(span: str, sentence: str) -> tuple[str | None, str | None]:
    """What an inline formula in a sentence says e is: (meaning, definition), meaning None
    where the formula is not about e."""
    plain = _plain(sentence)
    # "here $e$ is the error rate, not Euler's number": said in so many words, a variable
    denied = _NOT_EULER.search(sentence) is not None
    plain = plain or denied
    euler = _EULER_WORDS.search(sentence) is not None and not denied
    if m := _E_DEFINED.fullmatch(span):
        number = re.fullmatch(r"\s*(\d*\.?\d+)\s*[.,;]?\s*", m.group("value"))
        if number and "\\approx" not in span and abs(float(number[1]) - math.e) > 0.01:
            # "errs with probability $e = 0.05$": a number that is no Euler's number
            return ("variable" if plain else "unclear"), number[1]
        if "\\approx" in span or not _names_a_variable(m.group("value")):
            return "euler", None
        if plain and limit_describes_e(m.group("value"), sentence):
            return "euler", None  # "$e = (1 + 1/n)^n$ as $n$ grows without bound"
        if plain and not euler and _DEFINING_WORDS.search(sentence):
            return "variable", m.group("value")
        return "unclear", m.group("value")  # a formula about e, or e defined: both readings
    if "e" in (bounds := _span_bounds(span)):
        inside = all(_holds(sp.E, op, bound) for op, bound in bounds["e"])
        if euler and inside:
            return "euler", None
        # e in (0, 1) is no Euler's number; e > 0 may be either
        return ("variable" if plain and not inside else "unclear"), None
    if span.strip() == "e":
        if euler:
            return "euler", None
        if plain and _VARIABLE_WORDS.search(sentence):
            return "variable", None
        return "unclear", None  # "the error $e$": a variable, or Euler's number mentioned?
    return None, None


def limit_describes_e(value: str, sentence: str) -> bool:
    """Is `e = value` a description of Euler's number: does the sentence take a limit in a
    letter of `value` ("as $n$ grows", `n \\to \\infty`), or a limit naming no letter in a
    sentence that defines nothing?"""
    if _NAMING_WORDS.search(sentence):
        return False  # "let $e = y - \hat{y}$ be the residual as $y$ grows"
    for m in _LIMIT.finditer(sentence):
        letter = m.group("a") or m.group("b") or m.group("c")
        if letter is None and not _DEFINING_WORDS.search(sentence):
            return True
        if letter and re.search(rf"(?<![\\A-Za-z]){letter}(?![A-Za-z])", value):
            return True
    return False


def _holds(value: sp.Expr, op: str, bound: Fraction | float) -> bool:
    """Does `value OP bound` hold (a bound from `prose._span_bounds`)?"""
    if isinstance(bound, Fraction):
        limit = sp.Rational(bound.numerator, bound.denominator)
    else:
        limit = sp.oo if bound > 0 else -sp.oo
    return bool(RELATIONS[op](value, limit))


#: relation -> test, as `prose._span_bounds` writes them
RELATIONS = {
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
}


#: a differentiation variable or a differentiated name: `\partial w`, `{d\theta}`, `{dL}`
_DIFFERENTIATED = re.compile(
    r"\\partial\s*\\?([A-Za-z]+)|(?:\\mathrm\s*\{d\}|(?<![A-Za-z\\])d)\s*\\?([A-Za-z]+)\s*\}"
)


#: an accented name after `\\partial` or d (`\\partial \\hat y`): the reader's name, yhat
_DIFFERENTIATED_ACCENTED = re.compile(
    r"(?:\\partial|\\mathrm\s*\{d\}|(?<![A-Za-z\\])d)\s*\\(hat|widehat|tilde|widetilde|bar|"
    r"overline)\s*\{?\s*\\?([A-Za-z]+)"
)


def differentiated_names(text: str) -> set[str]:
    """Names a side differentiates in or differentiates (over-approximated)."""
    accented = {b + ACCENTS[a] for a, b in _DIFFERENTIATED_ACCENTED.findall(text)}
    return {a or b for a, b in _DIFFERENTIATED.findall(text)} | accented


# ---- the normal's second parameter --------------------------------------------------------

_SD_WORDS = re.compile(r"\bstandard\s+deviations?\b|\bstd\b", re.IGNORECASE)
_VARIANCE_WORDS = re.compile(r"\bvariances?\b", re.IGNORECASE)
_PRECISION_WORDS = re.compile(r"\bprecisions?\b|\binverse\s+variances?\b", re.IGNORECASE)


#: a scale word right after a denial ("not the variance", "rather than the std"): not said
_DENIED_SCALE = re.compile(
    rf"\b(?:not|rather\s+than|instead\s+of)\s+(?:by\s+)?(?:the\s+|its\s+|a\s+)?"
    rf"(?:{_SD_WORDS.pattern}|{_VARIANCE_WORDS.pattern})",
    re.IGNORECASE,
)


#: letters that are a variance unless the notes say otherwise (a covariance Sigma)
VARIANCE_NAMES = frozenset({"Sigma"})
_PARAMETRIZED = re.compile(
    r"\bparametri[sz]\w*\b[^.;]*?\bby\b|\bsecond\s+(?:argument|parameter)\b", re.IGNORECASE
)
#: `\mathcal{N}(\mu, s)` with a second argument not written as a square, nor a number
_NORMAL_BARE = re.compile(
    r"\\mathcal\s*\{?\s*N\s*\}?\s*\([^(),;$]*[,;]\s*(?=[^)$]*[A-Za-z])(?:[^(),$^]|\([^()$]*\))+\)"
)
#: a density written out: `\frac{1}{s\sqrt{2\pi}}`, `e^{-...^2/(2s^2)}` (s a scale);
#: `\frac{1}{\sqrt{2\pi v}}` (v a variance)
_SCALE_IN_DENSITY = re.compile(
    r"\\frac\s*\{\s*1\s*\}\s*\{\s*(?P<a>\\?[A-Za-z]+)(?:_\{?\w+\}?)?\s*\\sqrt\s*\{?\s*2\s*\\pi\s*\}?"
    r"|\\frac\s*\{\s*1\s*\}\s*\{\s*\\sqrt\s*\{?\s*2\s*\\pi\s*\}?\s*\\?,?\s*(?P<b>\\?[A-Za-z]+)\s*\}"
    r"|2\s*(?P<c>\\?[A-Za-z]+)(?:_\{?\w+\}?)?\s*\^\s*\{?\s*2"
)
_VARIANCE_IN_DENSITY = re.compile(
    r"\\sqrt\s*\{\s*2\s*\\pi\s*(?P<a>\\?[A-Za-z]+)(?:_\{?\w+\}?)?\s*\}"
)
#: "standard deviation $s$", "$s$ is the standard deviation", "variance $v$"
_NAMED = r"\$\s*(?P<{0}>\\?[A-Za-z]+)(?:_\{{?\w+\}}?)?\s*(?:[<>][^$]*|\\[gl]e[^$]*)?\$"


def _base(name: str) -> str:
    return name.lstrip("\\")


def _named_letters(sentence: str, words: re.Pattern) -> set[str]:
    """Letters a sentence calls by `words`: right after them ("standard deviation $s$"), or
    right before ("$s$ is the standard deviation")."""
    named, called = _NAMED.format("x"), f"(?:{words.pattern})"
    after = re.compile(called + r"\s*(?:of\s+\w+\s*)?" + named, re.IGNORECASE)
    before = re.compile(named + r"\s*(?:is|denotes)?\s*(?:the|its)?\s*" + called, re.IGNORECASE)
    return {_base(m.group("x")) for p in (after, before) for m in p.finditer(sentence)}


def normal_scales_in_words(text: str) -> list[tuple[int, str, frozenset]]:
    """(offset, scale, letters) for each plain sentence that says how normals are
    parametrized: scale "sd" or "variance"; letters empty where it is said of every normal
    (`\\mathcal{N}(\\mu, s)` beside "standard deviation", "parametrized by the variance"),
    else the letters it is said of ("standard deviation $s$", a density written out)."""
    out: list[tuple[int, str, frozenset]] = []
    for start, sentence in _sentences(_prose(text)):
        # "by the standard deviation, not the variance": the one denied is not said
        sentence = _DENIED_SCALE.sub(" ", sentence)
        if not _plain(sentence):
            continue
        sd, variance = _SD_WORDS.search(sentence), _VARIANCE_WORDS.search(sentence)
        normal = _PARAMETRIZED.search(sentence) or _NORMAL_BARE.search(sentence)
        if _PRECISION_WORDS.search(sentence) and (normal or _NORMAL.search(sentence)):
            # N(mu, tau), tau = 1/variance: of the letters it names ("$\\tau$ is the
            # precision"), else of every normal
            # ("We write N(mu, tau) with the precision tau": every normal)
            named = frozenset() if normal else frozenset(_named_letters(sentence, _PRECISION_WORDS))
            out.append((start, "precision", named))
            continue
        if (
            sd
            and not variance
            and (_PARAMETRIZED.search(sentence) or _NORMAL_BARE.search(sentence))
        ):
            out.append((start, "sd", frozenset()))
        elif (
            variance
            and not sd
            and (_PARAMETRIZED.search(sentence) or _NORMAL_BARE.search(sentence))
        ):
            out.append((start, "variance", frozenset()))
        scales = {_base(n) for m in _SCALE_IN_DENSITY.finditer(sentence) for n in m.groups() if n}
        variances = {_base(m.group("a")) for m in _VARIANCE_IN_DENSITY.finditer(sentence)}
        scales |= _named_letters(sentence, _SD_WORDS)
        variances |= _named_letters(sentence, _VARIANCE_WORDS)
        if scales - variances:
            out.append((start, "sd", frozenset(scales - variances)))
        if variances - scales:
            out.append((start, "variance", frozenset(variances - scales)))
    return out


#: a single letter in inline math (`$s$`, `$\\sigma_1$`, `$s > 0$`)
_LETTER_SPAN = re.compile(_NAMED.format("x"))
#: how far (characters between them) a letter may stand from the word that names its scale
_NEAR = 40


def scales_named_both_ways(text: str) -> frozenset[str]:
    """Letters the prose calls a standard deviation in one place and a variance in another
    ("standard deviation $s$", later "$s$ is now the variance"), in any sentence, each
    letter by the nearest of the two words within a few words of it."""
    called: dict[str, set[str]] = {}
    for _, sentence in _sentences(_prose(text)):
        words = [(m, "sd") for m in _SD_WORDS.finditer(sentence)]
        words += [(m, "variance") for m in _VARIANCE_WORDS.finditer(sentence)]
        for letter in _LETTER_SPAN.finditer(sentence):
            gaps = [
                (max(w.start() - letter.end(), letter.start() - w.end()), scale)
                for w, scale in words
            ]
            near = [item for item in gaps if item[0] <= _NEAR]
            if near:
                called.setdefault(_base(letter.group("x")), set()).add(min(near)[1])
    return frozenset(name for name, scales in called.items() if len(scales) > 1)


def normal_variance(second: sp.Expr, notation: Notation) -> sp.Expr:
    """The variance of `\\mathcal{N}(mean, second)` as the notes parametrize it: `second` where
    it is written as a square (sigma^2) or is a variance, its square where it is a standard
    deviation (by the letters' names, or the notes' convention for every normal)."""
    if _written_as_square(second):
        return second
    # a letter or a number, not 1/tau (a variance written out)
    letter = isinstance(second, (sp.Symbol, sp.Indexed)) or second.is_number
    base = str(second.base.label) if isinstance(second, sp.Indexed) else str(second)
    if letter and base.split("_")[0] in notation.precision_names:
        return 1 / second  # N(mu, tau) with tau the precision
    if letter and notation.normal_stated and notation.normal_scale == "precision":
        return 1 / second
    if second.is_number:
        stated_sd = notation.normal_stated and notation.normal_scale == "sd"
        return second**2 if stated_sd else second
    names = {str(i.base.label) for i in second.atoms(sp.Indexed)}
    names |= {s.name for s in second.free_symbols if isinstance(s, sp.Symbol)}
    names = {n.split("_")[0] for n in names} - {str(i) for i in _indices(second)}
    if names and names <= notation.sd_names:
        return second**2
    if names and names <= notation.variance_names:
        return second
    return second**2 if notation.normal_scale == "sd" else second


def _indices(expr: sp.Expr) -> set:
    return {s for i in expr.atoms(sp.Indexed) for s in i.indices if isinstance(s, sp.Symbol)}


def _written_as_square(value: sp.Expr) -> bool:
    """sigma^2, 4 s^2, s_1^2 / 2: a positive number times even powers of letters."""
    factors = sp.Mul.make_args(value)
    return any(not f.is_number for f in factors) and all(
        (f.is_number and f.is_positive) or (isinstance(f, sp.Pow) and f.exp.is_even)
        for f in factors
    )


# ---- the letter pi ------------------------------------------------------------------------

#: `\pi` where it is plainly the constant, whatever the notes call pi (group 1): the normal's
#: normaliser `\sqrt{2\pi}`, `(2\pi)^{d/2}`, `\log(2\pi e)`, `2\pi\sigma^2`, `2\pi e`
_CONSTANT_PI = [
    re.compile(r"\\sqrt\s*\{\s*2\s*(\\pi)(?![A-Za-z])"),
    re.compile(r"\(\s*2\s*(\\pi)\s*\)\s*\^"),
    re.compile(r"\\log\s*(?:\\left\s*)?[({]?\s*2\s*(\\pi)(?![A-Za-z])"),
    re.compile(r"(?<![\d.^_])2\s*(\\pi)\s*(?=\\sigma|e(?![A-Za-z])|[ij](?![A-Za-z]))"),
]
#: an exponent of e (`e^{i\pi}`, `\exp(2\pi i t)`): there `\pi` beside i or j is the constant
_EXPONENT = re.compile(r"e\s*\^\s*\{([^{}]*)\}|\\exp\s*(?:\\left)?\(([^()]*)\)")
_IMAGINARY_PI = re.compile(r"(?<![A-Za-z\\_])[ij]\s*\\pi(?![A-Za-z])|\\pi\s*[ij](?![A-Za-z])")
#: `\pi` written bare (not `\pi_k`, not `\pi(a | s)`... `\pi` then a bracket is still bare)
_BARE_PI = re.compile(r"\\pi(?![A-Za-z])(?!\s*_)")
#: a prose formula that makes pi a variable: a range, a value or a definition of the bare pi
_PI_FORMULA = re.compile(
    r"(?<![\\A-Za-z_])\\pi\s*(?::=|\\coloneqq|\\triangleq|\\equiv|\\sim|=(?!\s*3\.14))"
)
#: words that make `$\pi$` a variable ("mixture weight $\pi$", "let $\pi$ be")
_PI_WORDS = re.compile(
    r"\b(?:weights?|priors?|proportions?|probabilit(?:y|ies)|mixing|mixtures?|fractions?|shares?"
    r"|parameters?|variables?|polic(?:y|ies)|coefficients?|unknowns?|let|denot\w*|stands?)\b",
    re.IGNORECASE,
)


def constant_pi(text: str) -> frozenset[int]:
    """Offsets of the `\\pi` in `text` that are plainly the constant."""
    found = {m.start(1) for pattern in _CONSTANT_PI for m in pattern.finditer(text)}
    for m in _EXPONENT.finditer(text):
        group = 1 if m.group(1) is not None else 2
        for unit in _IMAGINARY_PI.finditer(m.group(group)):
            found.add(m.start(group) + unit.start() + unit.group(0).index("\\pi"))
    return frozenset(found)


def bare_pi(text: str) -> bool:
    """Does `text` write a bare `\\pi` whose role it does not make plain?"""
    plain = constant_pi(text)
    return any(m.start() not in plain for m in _BARE_PI.finditer(text))


# ---- vectors ----------------------------------------------------------------------------

#: the real line or a power of it: `\\mathbb{R}`, `\\mathbf{R}^d`, `\\R^{d+1}`
_REALS = re.compile(
    r"\\(?:mathbb\s*\{\s*R\s*\}|mathbf\s*\{\s*R\s*\}|R(?![A-Za-z]))"
    r"(?:\s*\^\s*(?P<power>\{[^{}]*\}|[A-Za-z0-9]))?\s*$"
)
#: "... live in $\\mathbb{R}^d$", "... are $d$-dimensional", "$d$-dimensional vectors $w$"
_LIVE_IN = re.compile(r"\b(?:lives?|lie|are|is|be)\s+in\s*$")
_DIMENSIONAL = re.compile(
    r"(?P<before>(?:\$[^$]+\$(?:\s*,\s*|\s+and\s+)?)+)\s*(?:are|is|be)\s+(?:both\s+)?"
    r"\$[^$]+\$-dimensional"
    r"|\$[^$]+\$-dimensional\s+(?:\w+\s+){0,2}(?P<after>(?:\$[^$]+\$(?:\s*,\s*|\s+and\s+)?)+)"
)
#: "the vectors $w$ and $x$", "$w$ and $x$ are vectors", "a weight vector $w$"
_VECTOR_WORDS = re.compile(
    r"\bvectors?\s+(?P<after>(?:\$[^$]+\$(?:\s*,\s*|\s+and\s+)?)+)"
    r"|(?P<before>(?:\$[^$]+\$(?:\s*,\s*|\s+and\s+)?)+)\s*(?:are|is|be)\s+"
    r"(?:(?:a|an|two|column|row|real|feature|weight|input|parameter|unit)\s+)*vectors?\b"
)
#: a letter as the notes write a vector: plain, bold or with an arrow, with an index
_VECTOR_NAME = re.compile(
    r"^\s*(?:\\(?:mathbf|boldsymbol|bm|vec)\s*\{\s*)?([a-z])\s*\}?\s*(?:_\s*(?:\{[^{}]*\}|\w))?\s*$"
)


def vector_declarations(text: str) -> list[tuple[int, str, bool]]:
    """(offset, letter, a vector?) for each letter the prose puts in a space: `$w, x \\in
    \\mathbb{R}^d$` or "the vectors $w$ and $x$" (vectors), `$r \\in \\mathbb{R}$` (a number).
    The last before a step decides: "in one dimension, with $r \\in \\mathbb{R}$" undoes an
    earlier vector."""
    out = []
    for start, sentence in _sentences(_prose(text)):
        for m in _INLINE.finditer(sentence):
            out += [(start + m.start(), n, v) for n, v in _declared_in(m.group(1))]
            if _LIVE_IN.search(sentence[: m.start()]) and (space := _space(m.group(1))):
                names = _names_before(sentence[: m.start()])
                out += [(start + m.start(), n, space == "vectors") for n in names]
        for m in [*_VECTOR_WORDS.finditer(sentence), *_DIMENSIONAL.finditer(sentence)]:
            spans = m["after"] or m["before"]
            names = _vector_names([x.group(1) for x in _INLINE.finditer(spans)])
            out += [(start + m.start(), n, True) for n in names]
    return sorted(out)


def _space(written: str) -> str | None:
    """ "vectors" for a power of the real line (not a matrix, `n \\times d`), "numbers" for
    the line itself (or its first power), None for anything else."""
    m = _REALS.match(written.strip())
    if m is None:
        return None
    power = (m["power"] or "").strip("{} ")
    if power in ("", "1"):
        return "numbers"
    return None if "times" in power else "vectors"


def _declared_in(formula: str) -> list[tuple[str, bool]]:
    """The letters a formula puts in a space, each declaration in turn: `a_i \\in
    \\mathbb{R}^d, b_i \\in \\mathbb{R}` -> [(a, True), (b, False)]."""
    out, names = [], []
    for part in _top_level_commas(formula):
        if "\\in" not in part:
            names.append(part)
            continue
        left, _, right = part.partition("\\in")
        names.append(left)
        space = _space(right)
        if space is not None:
            out += [(n, space == "vectors") for n in _vector_names(names)]
        names = []
    return out


def _top_level_commas(formula: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for k, c in enumerate(formula):
        depth += {"{": 1, "(": 1, "[": 1, "}": -1, ")": -1, "]": -1}.get(c, 0)
        if c == "," and depth == 0:
            parts.append(formula[start:k])
            start = k + 1
    return [*parts, formula[start:]]


def _names_before(text: str) -> set[str]:
    """The letters of the math at the end of `text` ("the weights $w$ and the input $x$ live
    in"): those of the clause's spans."""
    clause = re.split(r"[.;:]", text)[-1]
    return _vector_names([x.group(1) for x in _INLINE.finditer(clause)])


def _vector_names(written: list[str]) -> set[str]:
    names = set()
    for w in written:
        if m := _VECTOR_NAME.match(w):
            names.add(m.group(1))
    return names


def pi_variables_in_words(text: str) -> list[int]:
    """Offsets where the notes make pi a variable: a prose formula that ranges or defines
    the bare pi (`$\\pi \\in (0, 1)$`, `$\\pi = 0.3$`), words beside `$\\pi$` ("mixture
    weight $\\pi$"), or a definition anywhere (`\\pi := 0.3`)."""
    out = []
    for start, sentence in _sentences(_prose(text)):
        for at, span in _spans(sentence, start):
            ranged = "pi" in _bounded_letters(span) or "pi" in _span_bounds(span)
            valued = _PI_FORMULA.match(span.strip()) and "\\approx" not in span
            named = span.strip() == "\\pi" and _PI_WORDS.search(sentence)
            if ranged or valued or named:
                out.append(at)
    defined = r"(?<![\\A-Za-z_])\\pi\s*(?::=|\\coloneqq|\\triangleq)"
    out += [m.start() for m in re.finditer(defined, text)]
    return sorted(set(out))


# ---- all of them, by offset ---------------------------------------------------------------

#: e written as a letter, not in a word or a macro
_BARE_E = re.compile(r"(?<![\\A-Za-z])e(?![A-Za-z])")
#: e a factor in a log's argument (`\\log(2\\pi e \\sigma^2)`, `\\ln(e s)`), where the
#: textbook formulas write Euler's number
_E_IN_LOG = re.compile(
    r"\\(?:log|ln)(?![A-Za-z])\s*(?:_\s*(?:\{[^{}]*\}|\w))?\s*(?:\\left\s*)?\("
    r"[^()]*(?<![\\A-Za-z])e(?![A-Za-z^])[^()]*\)"
)
#: a normal distribution in a step
_NORMAL = re.compile(r"\\mathcal\s*\{?\s*N\b|(?<![\\A-Za-z])N\s*(?:\\left)?\(")


@dataclass
class Conventions:
    """What the notes say about i, j, e and normals, in order; see the module docstring."""

    text: str
    units: list = field(init=False)
    indices: list = field(init=False)
    imaginary_or_real: set = field(init=False)
    es: list = field(init=False)
    scales: list = field(init=False)
    pis: list = field(init=False)
    both_scales: frozenset = field(init=False)
    vectors: list = field(init=False)

    def __post_init__(self) -> None:
        self.units = imaginary_units_in_words(self.text)
        self.indices = indices_in_words(self.text)
        others = {letter for _, letter in other_meanings_in_words(self.text)}
        self.imaginary_or_real = others & {letter for _, letter in self.units}
        self.es = e_in_words(self.text)
        self.scales = normal_scales_in_words(self.text)
        self.pis = pi_variables_in_words(self.text)
        self.both_scales = scales_named_both_ways(self.text)
        self.vectors = vector_declarations(self.text)

    def at(self, offset: int, declared: dict[str, str], source: str = "") -> Notation:
        """The notation of a step at `offset`; `declared` the kinds the front matter and the
        command line state (e declared is a variable), `source` the display (a derivative in
        e there makes e a variable in it)."""
        imaginary, maybe = set(), set()
        for letter in set(UNIT_LETTERS) - set(declared):  # the front matter decides first
            said = [(at, True) for at, x in self.units if x == letter and at < offset]
            said += [(at, False) for at, x in self.indices if x == letter and at < offset]
            if said and max(said)[1]:
                imaginary.add(letter)
            elif not said:
                maybe.add(letter)
        both = frozenset(self.imaginary_or_real - set(declared))
        latest = {letter: vector for at, letter, vector in self.vectors if at < offset}
        vectors = frozenset(letter for letter, vector in latest.items() if vector)
        notation = Notation(
            frozenset(imaginary), frozenset(maybe), imaginary_or_real=both, vectors=vectors
        )
        e = [item for item in self.es if item[0] < offset]
        if e and e[-1][1] == "variable" and not self.sections_apart(e[-1][0], offset):
            at, _, definition = e[-1]
            line = self.text.count("\n", 0, at) + 1
            notation = replace(notation, e_variable=True, e_definition=definition, e_line=line)
        elif "e" in declared or "e" in differentiated_names(source):
            # declared, or differentiated in: nobody differentiates in Euler's number
            line = self.text.count("\n", 0, offset) + 1
            notation = replace(notation, e_variable=True, e_line=line)
        sd, variance, precision = set(), set(VARIANCE_NAMES), set()
        for at, scale, letters in self.scales:
            if at >= offset:
                break
            if not letters:
                notation = replace(notation, normal_scale=scale, normal_stated=True)
            named = {"sd": sd, "variance": variance, "precision": precision}
            for kind, names in named.items():
                (names.update if kind == scale else names.difference_update)(letters)
        return replace(
            notation,
            sd_names=frozenset(sd),
            variance_names=frozenset(variance),
            precision_names=frozenset(precision),
        )

    def sections_apart(self, said: int, offset: int) -> bool:
        """Is there a heading between what the prose says at `said` and a step at `offset`?"""
        return HEADING.search(self.text, said, offset) is not None

    def readings(self, notation: Notation, step) -> list[tuple[str, str, dict]]:
        """Other readings of a step (`extract.Statement`) that the notes leave open, as
        `_Auditor.alternatives`: (the first reading's label, this one's, the change to the
        reader's notation)."""
        out = []
        source = step.lhs.text + (step.rhs.text if step.rhs is not None else "")
        e = [item for item in self.es if item[0] < step.offset]
        bare_e = _BARE_E.search(source) is not None
        # e made a variable in an earlier section: Euler's number here, perhaps
        apart = bool(e) and e[-1][1] == "variable" and self.sections_apart(e[-1][0], step.offset)
        if bare_e and e and (e[-1][1] == "unclear" or apart) and not notation.e_variable:
            at, _, definition = e[-1]
            line = self.text.count("\n", 0, at) + 1
            label = f"e a variable (the notes write $e$ on line {line} without saying)"
            if definition is not None:
                label = f"e = {definition} (line {line} may define e so)"
            changed = replace(notation, e_variable=True, e_definition=definition, e_line=line)
            out.append(("e Euler's number", label, changed))
        elif notation.e_variable and _E_IN_LOG.search(source):
            # "let $e = y - \\hat y$", then `\\log(2\\pi e \\sigma^2)`: the textbook formula's
            # e may be Euler's number all the same
            euler = replace(notation, e_variable=False, e_definition=None)
            out.append(("e a variable (as the notes make it)", "e Euler's number", euler))
        for letter in sorted(notation.imaginary_or_real):
            if not re.search(rf"(?<![A-Za-z\\]){letter}(?![A-Za-z])", source):
                continue
            imaginary, maybe = notation.imaginary, notation.maybe_imaginary
            if letter in imaginary:
                first, label = f"{letter} the imaginary unit", f"{letter} a real number"
                changed = replace(notation, imaginary=imaginary - {letter})
            else:
                first, label = f"{letter} a real number", f"{letter} the imaginary unit"
                changed = replace(
                    notation, imaginary=imaginary | {letter}, maybe_imaginary=maybe - {letter}
                )
            label += f" (the notes give {letter} both meanings)"
            out.append((first, label, changed))
        sides = [step.lhs.text] + ([step.rhs.text] if step.rhs is not None else [])
        if any(bare_pi(side) for side in sides):
            # pi a variable somewhere in the notes (or declared): a step that does not make
            # its role plain is read both ways; a reading the reader already makes is dropped
            constant = replace(notation, pi="constant")
            out.append(("pi a variable (as the notes make it)", "pi the constant", constant))
            if self.pis:
                line = self.text.count("\n", 0, self.pis[0]) + 1
                label = f"pi a variable (as on line {line})"
                out.append(("pi the constant", label, replace(notation, pi="variable")))
        named = {
            name
            for name in self.both_scales
            if re.search(rf"(?<![A-Za-z]){name}(?![A-Za-z])", source)
        }
        if named and _NORMAL.search(source):
            # the notes call these letters a standard deviation and a variance: both readings
            letters = ", ".join(sorted(named))
            sd, variance = notation.sd_names, notation.variance_names
            as_sd = replace(notation, sd_names=sd | named, variance_names=variance - named)
            as_variance = replace(notation, sd_names=sd - named, variance_names=variance | named)
            for scale, changed in (("standard deviation", as_sd), ("variance", as_variance)):
                label = f"{letters} a {scale} (the notes call {letters} both)"
                out.append((f"{letters} as the notes last say", label, changed))
        if not notation.normal_stated and _NORMAL.search(source):
            out.append(
                (
                    "N(mean, v) with v the variance",
                    "N(mean, s) with s the standard deviation (the notes do not say)",
                    replace(notation, normal_scale="sd"),
                )
            )
        return [(first, label, {"notation": changed}) for first, label, changed in out]
