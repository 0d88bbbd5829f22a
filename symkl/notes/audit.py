"""Check every step of a notes file: the verdicts behind `symkl verify`.

## Main definitions
- `StepAudit`: one step: line, relation, both sides (LaTeX source), verdict, reason,
  counterexample.
- `FileAudit`: the steps of one file, plus notes on bare expressions (e.g. an index used
  outside the sum that binds it).
- `audit_text(text, path, kinds, seconds)`, `audit_file(path, ...)`: run the pipeline
  extract -> parse -> check.

Verdicts come from the policy in `symkl.checking.verdict`, which this module only feeds
with evidence: `proved`, `holds-numerically`, `refuted`, `undecided`, `ambiguous`. What this
module itself says is about reading: `unparsed` when a side cannot be read (reason and
column); `definition` for `:=`, `\\triangleq`, ... and for `NAME = ...` when NAME has no
value yet. A definition of H, H(p, q) or KL is checked against the standard one instead.
`\\approx` between a number as written and a side without letters is checked to the
digits shown (`decide_rounded`); any other `\\approx` is `undecided`, never proved.

Each step runs in a worker process with a CPU-time budget (`--timeout`, covering reading,
symbolic work and sampling), so no step can hang a run and verdicts do not depend on load.
"""

import bisect
import itertools
import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from fractions import Fraction
from functools import partial
from pathlib import Path

import flint
import sympy as sp
from sympy.calculus.util import continuous_domain
from sympy.core.function import AppliedUndef

from symkl.checking import (
    BudgetExhausted,
    Check,
    RoundingEvidence,
    Verdict,
    Worker,
    budget,
    check,
    decide_constant,
    decide_domains,
    decide_doubts,
    decide_jumps,
    decide_minimizer,
    decide_not_equal,
    decide_optimum_against,
    decide_optimum_value,
    decide_readings,
    decide_rounded,
    decide_rows,
    decide_stationary,
    decide_within,
    no_verdict,
    normal_form,
    remaining,
)
from symkl.checking.balls import Unsupported, ball
from symkl.errors import PROGRAMMING_ERRORS, SYMPY_FAILURES, CheckerConflict, SymklError
from symkl.measures import Entropy, InformationMeasure, unfold
from symkl.notes.complex_steps import check_with_imaginary_unit
from symkl.notes.context import (
    AS_SCALAR,
    LENGTH,
    VALUES,
    NoteSpace,
    domain_readings,
    front_matter,
    interval_of,
    kind_of,
    split_dimension,
    stated_kinds,
)
from symkl.notes.extract import ANNOTATION_RE, CLAUSE_RE, LineMap, Statement, blocks, statements
from symkl.notes.latent import expand as expand_latent
from symkl.notes.latent import generic_laws
from symkl.notes.limits import DEFAULT_SECONDS
from symkl.notes.macros import (
    MacroError,
    display_macros,
    expand,
    find_macros,
    macro_history,
    macros_at,
)
from symkl.notes.moments import expand as expand_moments
from symkl.notes.notation import Conventions
from symkl.notes.notebook import notebook_text
from symkl.notes.parse import (
    DEFAULT_KINDS,
    KNOWN_WORDS,
    RAW,
    THROUGH,
    VDOTS,
    EntryFormula,
    Gradient,
    Reader,
    Ref,
    Unreadable,
    Wrapped,
    pi_varies,
    range_kind,
    scalar_product_vectors,
    strip_wrapper,
    symbol_for,
    warm,
)
from symkl.notes.prose import (
    ANY_VECTOR,
    HEADING,
    MEASURE_HEAD,
    PART_LABEL,
    PARTICULAR_CASE,
    REACH_END,
    SAID_FALSE,
    UNCLEAR_BASE,
    aliases_in_words,
    bernoulli_parameters,
    bounds_compared,
    bounds_in_words,
    called_laws,
    changed_in_words,
    condition_letter,
    conditions_in_words,
    continuous_letters,
    converts_to_bits,
    data_in_words,
    densities_in_words,
    described_in_words,
    discrete_laws_in_words,
    domains_in_words,
    e_named_otherwise,
    entries_in_words,
    entry_ranges_in_words,
    entry_values_in_words,
    equalities_in_words,
    exclusions_in_words,
    extremes_in_words,
    formula_range,
    formula_ranges,
    formulas_in_words,
    full_length,
    heading_level,
    integer_kinds_in_words,
    introduced_in_words,
    kinds_in_words,
    laws_changed_in_words,
    laws_given_in_words,
    laws_in_words,
    lead_in_lines,
    leads_into,
    lengths_in_words,
    letter_base,
    lg_base,
    linked_in_words,
    listed_vectors_in_words,
    log_conventions,
    logs_all_binary,
    matrices_in_words,
    measures_defined_in_words,
    name_of,
    normal_scales_in_words,
    normalized_in_words,
    numeric_ranges_in_words,
    parities_in_words,
    persists,
    positive_only_in_words,
    prose_lines,
    prose_math,
    prose_text,
    random_laws_in_words,
    ranges_in_words,
    roles_in_words,
    said_real,
    scope_noun,
    scoped_spans,
    settings_in_words,
    sigma_called_otherwise,
    signs_in_words,
    sizes_in_words,
    solves_next,
    speaks_of_base_ten,
    speaks_of_bits,
    standard_again,
    summed_bounds,
    sums_to_one_in_words,
    superscript_labels,
    supposes_next,
    totals_denied,
    unnormalized_in_words,
    used_as_count,
    value_sets_in_words,
    values_in_tables,
    values_in_words,
    vector_values_in_words,
    vectors_in_words,
    word_name,
    writes_binary_logs,
)
from symkl.notes.randomvars import Measure, RandomVariablesError
from symkl.notes.randomvars import expand as expand_random_variables
from symkl.notes.rendered import rendered
from symkl.notes.repairs import SECONDS as REPAIR_SECONDS
from symkl.notes.repairs import repairs as find_repairs
from symkl.notes.typeset import step_latex
from symkl.notes.vectors import VectorsError
from symkl.notes.vectors import expand as expand_vectors
from symkl.printing import text as show
from symkl.safeio import normalize_text, read_notes
from symkl.sums import canonical_indices

__all__ = ["StepAudit", "FileAudit", "audit_text", "audit_file", "VERDICTS", "DEFAULT_SECONDS"]

#: letters read as counts (positive integers) only in notes that use them as counts (a
#: sum's bound, `x_1, \\dots, x_m`, "$m$ examples"); elsewhere m is a margin or a mean
_COUNTS_WHERE_USED = ("m",)
#: letters read as counts unless a sentence says they are real numbers (`said_real`)
_COUNTS_UNLESS_SAID = ("n",)
#: every verdict a step can get, strongest first
VERDICTS = (
    "proved",
    "holds-numerically",
    "definition",
    "undecided",
    "ambiguous",
    "unparsed",
    "refuted",
)
#: relation as reported in the output
SHOWN = {"def": ":=", "!=": "!=", "~": "approx"}
#: names a note uses for an unspecified additive constant
CONSTANTS = ("C", "c", "const")
#: letters notes use for the number of outcomes: a sum to one of them is a whole sum, even
#: where the file sums the same vector to another (a vector of n entries summed to m)
SIZE_LETTERS = ("n", "m", "N", "M", "K", "C")
#: letters that notes use for a quantity that depends on the parameters (a loss, a
#: normalizer) and may write without its argument
FUNCTION_LIKE = frozenset("ABDEFGHJLQRSUVWZfgh") | {"ell", "l"}
#: text near a step that says the notes optimize (so "+ C" may mean "up to a constant")
OPTIMIZING = re.compile(
    r"\\arg\s*\\?(?:min|max)|\\(?:min|max)(?![A-Za-z])|arg\s*(?:min|max)|minimi[sz]|maximi[sz]"
    r"|optimi[sz]|up to (?:an? )?(?:additive )?constant|\\propto",
    re.I,
)
#: words that make `A != B` a claim about A and B as functions ("not symmetric in general")
IN_GENERAL = re.compile(
    r"\bin\s+general\b|\bgenerally\b|\b(?:not|non-?)\s*symmetric|\basymmetr|\bnot\s+always\b"
    r"|\bneed\s+not\b|\bnot\s+(?:the\s+same|identical)",
    re.IGNORECASE,
)
#: words that make `A != B` a claim at every point ("for every real x", "never")
EVERY_POINT = re.compile(r"\bfor\s+(?:every|all|any|each)\b|\bnever\b|\balways\b", re.IGNORECASE)
#: names of what a model fits: a minimizer over these is the "same" if sides differ by
#: something that mentions none of them
MODEL_NAMES = ("q", "Q", "theta")
#: verdicts that confirm a relation
CONFIRMED = (Verdict.PROVED, Verdict.HOLDS_NUMERICALLY)
#: b REL a  <->  a FLIPPED[REL] b
FLIPPED = {"=": "=", "<": ">", ">": "<", "<=": ">=", ">=": "<=", "!=": "!=", "~": "~"}
#: share of a step's remaining CPU time that one symbolic stage may take
SYMBOLIC_SHARE = 0.4


#: working precision for the exact side of an approximation: far past any digits written
APPROXIMATION_BITS = 256
#: a number as written: 1.846, 0.0850, -3, 1.13\\times 10^{16}
_WRITTEN_NUMBER = re.compile(
    r"\s*(?P<sign>[-+]?)\s*(?P<digits>\d+(?:\.\d*)?|\.\d+)"
    r"(?:\s*(?:\\times|\\cdot)\s*10\s*\^\s*(?:\{\s*(?P<exp>[-+]?\d+)\s*\}|(?P<digit>\d)))?"
    r"\s*[.,;]?\s*"
)


#: a unit after a number at the end of a side (`0.469 \\text{ bits}`, `1.5\\ \\text{nats}`)
_UNIT_AFTER = re.compile(
    r"(?<=[\d}])(\s*(?:\\[,;: !]|~|\\quad)*\s*\\(?:text|mathrm|textrm|mbox)\s*\{\s*"
    r"(?P<unit>bit|nat)s?\s*\}\s*[.,;]?\s*)$"
)
#: each logarithm of a side and its base as written
_LOG_BASES = re.compile(r"\\(log|ln|lg)(?![A-Za-z])\s*(?:_\s*\{?\s*(\w+))?")


#: what plain arithmetic writes besides digits and signs
_ARITHMETIC_MACROS = re.compile(r"\\(?:[dt]?frac|cdot|times|left|right|,|;|!|quad)(?![A-Za-z])")


def _unit_blanked(st: Statement) -> Statement:
    """The step with a unit after its number blanked where the other side's logarithms all
    say that unit (`\\log_2` for bits, `\\ln` for nats): the number is then a value in them.
    Otherwise the step as written (the word is no quantity, and the step is not decided)."""
    if st.rhs is None:
        return st
    for side, other, key in ((st.rhs, st.lhs, "rhs"), (st.lhs, st.rhs, "lhs")):
        if (m := _UNIT_AFTER.search(side.text)) is None:
            continue
        units = {
            "bit" if base == "2" else "nat" if (log == "ln" or base == "e") else ""
            for log, base in _LOG_BASES.findall(other.text)
        }
        # `\\tfrac12 + \\tfrac38 = 0.875 \\text{ bits}`: plain arithmetic has no unit to differ
        arithmetic = not re.search(r"[A-Za-z]", _ARITHMETIC_MACROS.sub(" ", other.text))
        if units != {m["unit"]} and not arithmetic:
            return st
        text = side.text[: m.start(1)] + " " * len(m.group(1))
        return replace(st, **{key: replace(side, text=text)})
    return st


def _as_shown(side) -> str:
    """A side as read (a unit blanked: `_unit_blanked`), without alignment marks or runs of
    spaces."""
    return " ".join(side.text.replace("&", " ").split())


def _written_number(source: str) -> tuple[Fraction, Fraction, str] | None:
    """The number a side writes, one unit of its last digit, and its text; None if the side
    is not a plain number."""
    if (m := _WRITTEN_NUMBER.fullmatch(source)) is None:
        return None
    digits = m["digits"]
    scale = Fraction(10) ** int(m["exp"] or m["digit"] or 0)
    sign = -1 if m["sign"] == "-" else 1
    shown = sign * Fraction(Decimal(digits)) * scale
    if "." not in digits and digits.strip("0"):
        # `2^{10} \\approx 1000`, `e^{10} \\approx 20000`: a whole number's trailing zeros
        # are its size, not digits shown
        scale *= 10 ** (len(digits) - len(digits.rstrip("0")))
        return shown, scale, source.strip(" .,;")
    return shown, scale / 10 ** len(digits.partition(".")[2]), source.strip(" .,;")


@dataclass(frozen=True)
class StepAudit:
    line: int
    relation: str
    lhs: str
    rhs: str
    verdict: str
    reason: str
    counterexample: dict | None = None
    cell: int | None = None  # a notebook's cell (then `line` is the line in that cell)
    #: the step as symkl read it: (lhs, relation, rhs) as safe LaTeX
    #: (`symkl.notes.typeset`), or None where it was not read
    typeset: tuple[str, str, str] | None = None
    #: a condition the notes state (`0 <= p_i`, a declared distribution summing to one),
    #: shown as an assumption rather than as a claim
    assumption: bool = False
    #: edits that make a refuted step hold, each confirmed by the verdict policy
    #: (`symkl.notes.repairs`): dicts with `edit`, `text`, `typeset`, `verdict`
    repairs: tuple[dict, ...] = ()

    def to_json(self) -> dict:
        return {
            **({"cell": self.cell} if self.cell is not None else {}),
            "line": self.line,
            "relation": self.relation,
            "lhs": self.lhs,
            "rhs": self.rhs,
            "verdict": self.verdict,
            "reason": self.reason,
            "counterexample": _finite(self.counterexample),
            "repairs": list(self.repairs),
        }


@dataclass
class FileAudit:
    path: str
    steps: list[StepAudit] = field(default_factory=list)
    notes: list[tuple[int, str]] = field(default_factory=list)
    #: the notes as read (comments and other unrendered text blanked), for pages that show
    #: the steps in their text; "" for a notebook, whose steps are placed by cell
    text: str = field(default="", repr=False)
    #: (first line, last line) of each display, its delimiters included
    displays: list[tuple[int, int]] = field(default_factory=list, repr=False)

    def summary(self) -> dict[str, int]:
        counts = {v: 0 for v in VERDICTS}
        for s in self.steps:
            counts[s.verdict] += 1
        return counts

    def to_json(self) -> dict:
        return {
            "path": self.path,
            "steps": [s.to_json() for s in self.steps],
            "notes": [{"line": line, "message": m} for line, m in self.notes],
        }

    def __str__(self) -> str:
        """The `symkl verify` terminal output of this file: steps, reasons, summary."""
        from symkl.notes.render import audit_text_lines  # render imports this module

        return audit_text_lines([self]).rstrip("\n")

    def _repr_pretty_(self, printer, cycle: bool) -> None:
        """IPython's plain-text display: the terminal output, not the dataclass fields."""
        printer.text(str(self))

    def _repr_html_(self) -> str:
        """Jupyter's display: the steps as an HTML table (`symkl.notes.html_audit`)."""
        from symkl.notes.html_audit import audit_html_table  # it imports this module

        return audit_html_table(self)


def _finite(value):
    """JSON has no infinities: a value that overflowed a float is given as a string."""
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_finite(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    return value


@dataclass(frozen=True)
class OptimumPoint:
    """A name the notes define as an optimizer (`\\hat\\mu = \\arg\\min_\\mu A`)."""

    line: int
    wrapper: Wrapped
    #: A, as read where the name was defined
    objective: sp.Expr


class _Failed(Exception):
    """A side that could not be read, with the position in the file."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


#: `P: X \\sim \\mathcal{N}(\\mu_1, \\sigma_1^2)`: a name for the law of a random variable
_NAMED_LAW = re.compile(
    r"(?<![A-Za-z\\])([A-Za-z])\s*:(?:\s|\\[;,:! ]|~)*[A-Z]\s*&?\s*\\sim(?![A-Za-z])"
)


def _named_laws(text: str) -> list[tuple[str, str]]:
    """The (name, law) pairs of rows `P: X \\sim ...` that make up all of `text`, or []."""
    heads = list(_NAMED_LAW.finditer(text))
    if not heads or text[: heads[0].start()].strip():
        return []
    ends = [h.start() for h in heads[1:]] + [len(text)]
    return [
        (h.group(1), re.sub(r"(?:\s|\\[;,:! ]|[.,;])+$", "", text[h.end() : e]))
        for h, e in zip(heads, ends, strict=True)
    ]


def _set(expr: sp.Basic, subs: dict) -> sp.Basic:
    """`expr` in a setting: derivatives in a set letter first (d/d sigma_1 of sigma_1
    sigma_2 is sigma_2, then sigma), then the letters set equal."""
    expr = expr.replace(
        lambda e: isinstance(e, sp.Derivative) and any(v in subs for v in e.variables),
        lambda e: e.doit(),
    )
    return expr.xreplace(subs)


#: operators whose value the notes state rather than define: `Var(X) = ...` is a claim
_OPERATORS = frozenset({"Var", "Cov", "Std", "Corr", "var", "cov", "std", "E", "Pr"})


#: functions that jump: a step can be false at their jumps alone
_JUMPS = {
    sp.Piecewise: "cases",
    sp.floor: "floor",
    sp.ceiling: "ceiling",
    sp.sign: "sign",
    sp.Heaviside: "a step function",
}


_DELTA_DEFINED = re.compile(
    r"\s*\\delta\s*_\s*\{?\s*[A-Za-z]\s*,?\s*[A-Za-z]\s*\}?\s*(?:=|:=|\\coloneqq|\\triangleq|\\equiv)"
)
#: words in a remark after a step that may change its value: a unit, a base, rounding
_REMARK_CHANGES = re.compile(
    r"\b(?:nats?|bits?|hartleys?|bans?|base|units?|approx\w*|roughly|about|rounded|"
    r"percent|digits?|decimals?|in\s+\w+s)\b|%",
    re.IGNORECASE,
)


_CONFIRMED = (Verdict.PROVED, Verdict.HOLDS_NUMERICALLY)


def _two_lengths(reader: Reader, lhs, rhs) -> list[str]:
    """Vectors the step sums to two different letters (`\\sum_{i=1}^m z_i` beside
    `\\sum_{i=1}^n z_i`): symkl samples one length for both, so a step true only where
    they are equal (a partial sum taken for the whole) would be confirmed."""
    bounds: dict[tuple[str, int], set] = {}
    for e in (x for x in (lhs, rhs) if isinstance(x, sp.Basic)):
        # indices renamed apart: an inner sum's i is not the outer sum's
        for total in canonical_indices(unfold(e)).atoms(sp.Sum):
            for var, _, hi in total.limits:
                for entry in total.function.atoms(sp.Indexed):
                    if hi == reader.dim and not reader.dim_written:
                        continue  # `\\sum_k z_k`: over all of z, whatever its length is called
                    if var in entry.indices and isinstance(hi, sp.Symbol):
                        axis = (str(entry.base.label), entry.indices.index(var))
                        bounds.setdefault(axis, set()).add(str(hi))
    return [
        f"{name} is summed to {' and to '.join(sorted(his))} in one step, which "
        f"symkl samples as one length: the step may hold only where they are equal"
        for (name, _), his in sorted(bounds.items())
        if len(his) > 1
    ]


def _jumps(lhs, rhs) -> list[str]:
    """The names of the functions that jump in a step whose letters are not all integers
    (where every letter is an integer, no jump falls between the points sampled)."""
    sides = [e for e in (lhs, rhs) if isinstance(e, sp.Basic)]
    letters = {s for e in sides for s in e.free_symbols}
    if letters and all(getattr(s, "is_integer", False) for s in letters):
        return []
    return [name for f, name in _JUMPS.items() if any(e.has(f) for e in sides)]


def _in_cases(source: str, at: int) -> bool:
    """Is `at` inside cases (`\\begin{cases}`, an array), where a clause is a row's condition?"""
    return source.rfind(r"\begin{", 0, at) > source.rfind(r"\end{", 0, at)


def _continuous_on(objective, v, interval: sp.Interval) -> bool:
    """Is `objective` continuous in v on all of `interval` (found within a share of the
    step's budget)? Without a division by something in v (or a tangent) it is; the
    search runs only for those."""
    poles = [p for p in objective.atoms(sp.Pow) if p.exp.is_negative and p.base.has(v)] + [
        f for f in objective.atoms(sp.tan, sp.cot, sp.sec, sp.csc) if f.has(v)
    ]
    if not poles:
        return True
    try:
        with budget(SYMBOLIC_SHARE * remaining()):
            return interval.is_subset(continuous_domain(objective, v, interval)) is True
    except (BudgetExhausted, NotImplementedError, *SYMPY_FAILURES):
        return False


def _outside(value, bounds: tuple) -> bool:
    """Is `value` a real number outside the interval `bounds` (lo, lo_open, hi, hi_open)?"""
    if not (isinstance(value, sp.Expr) and value.is_number and value.is_real):
        return False
    lo, lo_open, hi, hi_open = bounds
    below = value < lo or (lo_open and value == lo)
    above = value > hi or (hi_open and value == hi)
    return bool(below or above)


def _means(lhs, rhs, defined) -> list[str]:
    """`\\bar x` beside entries `x_i`, with no value from the notes: by convention their
    mean (the sample variance identity holds only so), whatever the prose says of it."""
    sides = [e for e in (lhs, rhs) if isinstance(e, sp.Basic)]
    vectors = {str(i.base.label) for e in sides for i in e.atoms(sp.Indexed)}
    names = {str(s) for e in sides for s in e.free_symbols}
    return [
        f"{name} may be the mean of the entries of {name[:-3]}, which symkl samples freely"
        for name in sorted(names)
        if name.endswith("bar") and name[:-3] in vectors and name not in defined
    ]


def _labelled(lhs, rhs, known: set[str]) -> list[str]:
    """`W^{(2)}`, `\\theta^*` read as names of their own: where one is a power, or has a
    value the prose gives, the step may hold; so a refutation that rests on them is not
    one (a proof is: an identity in free names holds for any values they take). `known`:
    names whose meaning the step was checked with (an optimum point's objective)."""
    sides = [e for e in (lhs, rhs) if isinstance(e, sp.Basic)]
    names = {str(s) for e in sides for s in e.free_symbols if "^" in str(s)} - known
    names |= {str(i.base.label) for e in sides for i in e.atoms(sp.Indexed)}
    names = sorted(n for n in names if "^" in n)
    products = [n for n in names if "^T " in n]
    names = [n for n in names if n not in products]
    doubts = (
        [
            f"{', '.join(products)} read as one number each (a scalar product of vectors): "
            "a counterexample in numbers need not be one in vectors"
        ]
        if products and not _realizable(sides, products)
        else []
    )
    if names:
        doubts.append(
            f"{', '.join(names)} read as names of their own (not powers, nor values said in words)"
        )
    return doubts


def _realizable(sides: list, products: list[str]) -> bool:
    """Are any values of these scalar products those of real vectors? They are where each
    pairs one vector w (no index, the same in all) with a vector of its own letter (x, or
    the x_i of one family): w = e_1, x_i = s_i e_1. A letter of them used anywhere else in
    the step (x alone, a sum over x) ties them to it: then not."""
    pairs = [name.split("^T ") for name in products]
    centers = set.intersection(*(set(p) for p in pairs))
    center = next((c for c in sorted(centers) if not c.endswith("_")), None)
    if center is None:
        return False
    leaves = [v for p in pairs for v in p if v != center]
    letters = [v.rstrip("_") for v in leaves]
    if len(leaves) != len(pairs) or center in letters or len(set(letters)) != len(letters):
        return False  # w^T w, or x and x_i both paired with w
    used = {str(s) for e in sides for s in e.free_symbols}
    used |= {str(x.base.label) for e in sides for x in e.atoms(sp.Indexed)}
    used |= {x.func.__name__ for e in sides for x in e.atoms(AppliedUndef)}
    return not ({center, *letters} & (used - set(products)))


def _entries_letter(items: list) -> str | None:
    """p for `{p_1, p_2, \\ldots, p_k}`: entries of one letter, numbered from 1, with dots."""
    dots = [x for x in items if isinstance(x, Ref) and x.name == "\\dots"]
    entries = [x for x in items if x not in dots]
    if len(dots) != 1 or not entries or not all(isinstance(x, Ref) for x in entries):
        return None
    letters = {x.name for x in entries}
    if len(letters) != 1 or entries[0].index != 1 or any(x.index is None for x in entries):
        return None
    return letters.pop()


def _is_normal_law(value) -> bool:
    return isinstance(value, AppliedUndef) and value.func.__name__ == "N" and len(value.args) == 2


def _family(letter: sp.Symbol | sp.Indexed) -> str:
    """sigma for sigma_1 (an entry of the family sigma), x for x."""
    return str(letter.base.label) if isinstance(letter, sp.Indexed) else letter.name


def _letters(value: sp.Expr) -> set:
    """The letters of a value: its entries (sigma_1) and its free symbols but their indices."""
    entries = value.atoms(sp.Indexed)
    labels = {e.base.label for e in entries} | {s for e in entries for s in e.free_symbols}
    return entries | {s for s in value.free_symbols if isinstance(s, sp.Symbol)} - labels


#: the letter a sum runs to (`\\sum_{k=1}^{K}`, `\\sum_{i=1}^n`)
_SUM_BOUND = re.compile(r"\\sum\w*\s*_\s*\{[^{}]*\}\s*\^\s*\{?\s*([A-Za-z])(?![A-Za-z])")


#: a density letter called at a value letter (`p(x`, `q_\\phi(\\mathbf{z}`): its first argument
_DENSITY_AT = re.compile(
    r"(?<![A-Za-z\\])[pqr](?:_\{?\\?[A-Za-z]+\}?)?\s*(?:\\left\s*)?\(\s*"
    r"(?:\\(?:mathbf|bm|boldsymbol)\s*\{\s*)?([a-z])(?![A-Za-z])"
)


#: a density at two value letters: `p(x, z`, `q_\\phi(z \\mid x`, `p(x|z`
_TWO_LETTERS = re.compile(
    r"(?<![A-Za-z\\])[pqr](?:_\{?\\?[A-Za-z]+\}?)?\s*(?:\\left\s*)?\(\s*"
    r"(?:\\(?:mathbf|bm|boldsymbol)\s*\{\s*)?[a-z]\}?\s*(?:,|\\mid|\||\\vert|;)\s*"
    r"(?:\\(?:mathbf|bm|boldsymbol)\s*\{\s*)?[a-z](?![A-Za-z])"
)


def _block_reader(
    source: str, kinds: dict[str, str], definitions: dict, continuous: frozenset = frozenset()
) -> Reader:
    # integrals, or densities at letters the notes make continuous (`z \in \mathbb{R}^d` a
    # continuous latent: p(z) is a density, and may pass one)
    summed = re.search(r"\\sum(?![A-Za-z])", source)  # a sum over the letter: discrete here
    dense = re.search(r"\\int(?![A-Za-z])", source) or (
        not summed and set(_DENSITY_AT.findall(source)) & continuous
    )
    mode = "density" if dense else "discrete"
    m = re.search(r"\\sum\w*\s*_\s*\{[^{}]*\}\s*\^\s*\{?\s*([A-Za-z])\b", source)
    dim = sp.Symbol(m.group(1) if m else "n", integer=True, positive=True)
    e_index = bool(re.search(r"_\{?\s*e\b", source))
    reader = Reader(mode, dim, kinds, definitions, e_index)
    reader.dim_written = m is not None
    # densities of two letters in the display (`p(x, z)`, `q(z \mid x)`): its expectations
    # over one of them are integrals too (`latent.py` reads the display whole)
    reader.latent = _TWO_LETTERS.search(source) is not None
    reader.bounds = frozenset(_SUM_BOUND.findall(source))
    return reader


#: sigma used as a scale somewhere in the notes (sigma^2, sigma_1, N(mu, sigma^2), "standard
#: deviation"): then \\sigma(x) may be a product rather than the sigmoid
#: sigma applied to a bracket with no power between (`\\sigma(z)`, `\\sigma\\left(`)
SIGMOID_CALLED = re.compile(r"\\sigma\s*(?:\\left\s*)?\(")
#: sigma called (`\\sigma(z)`, `\\sigma\\left(\\eta\\right)`, `\\sigma(wx + b)`)
_SIGMA_CALL = re.compile(r"\\sigma\s*(?:\\left\s*)?\(([^()]*)\)")


def _sigma_arguments(text: str) -> frozenset:
    """The letters the notes call sigma at (`\\sigma(z)`: z), but none they also call it at
    a formula of (`\\sigma(wx + b)`: a derivative in w is of that)."""
    bare, inside = set(), set()
    for m in _SIGMA_CALL.finditer(text):
        argument = m.group(1).replace("\\right", "").strip()
        letters = {
            symbol_for(x.lstrip("\\"), {}).name
            for x in re.findall(r"\\[A-Za-z]+|[A-Za-z]", argument)
        }
        (bare if re.fullmatch(r"\\?[A-Za-z]+", argument) else inside).update(letters)
    return frozenset(bare - inside)


#: (`\\sigma^2(z)` is the sigmoid squared, no scale)
SIGMA_SCALE = re.compile(
    r"\\sigma\s*\^\s*\{?\s*2(?!\s*\}?\s*(?:\\left)?\()|\\sigma\s*_\s*\{?\s*[0-9xyz]|\\mathcal\s*\{?N\}?\s*\([^()$]*\\sigma"
    r"|standard\s+deviation\s+\$\\sigma"
)


#: the notes saying sigma(x) is the sigmoid (`$\\sigma(z) = 1/(1 + e^{-z})$`, "the logistic
#: sigmoid $\\sigma$")
SIGMOID_STATED = re.compile(
    r"\\sigma\s*\(\s*\\?[a-z]+\s*\)\s*(?:=|:=|\\coloneqq)\s*(?:\\[dt]?frac\s*\{?\s*1\s*\}?\s*"
    r"\{\s*1\s*\+\s*e\s*\^|1\s*/\s*\(\s*1\s*\+\s*e\s*\^)"
    r"|\b(?:sigmoid|logistic)\s+(?:function\s+)?\$\\sigma"
    # "$\\sigma$ denotes the sigmoid", "outputs $\\sigma(h)$, the logistic sigmoid of"
    r"|\$\\sigma\s*(?:\(\s*(?:\\cdot|\\?[a-z]+)\s*\)\s*)?\$,?\s+"
    r"(?:(?:denotes?|is|be|for|stands\s+for)\s+(?:the\s+)?|the\s+)(?:logistic\s+)?(?:sigmoid|logistic)",
    re.IGNORECASE,
)


#: what makes random variables particular ones: a table row, p(0, 1) = ..., P(X = 1), or
#: words and relations that say more about them than that they are random variables
#: (independent, i.i.d., a function of, a copy, constant, uniform, binary, Markov, Y = X,
#: X \sim ..., X \perp Y)
#: `x)` after `X =` in P(X = x): the event that X takes its lowercase letter's value, which
#: is no particular value
_EVENT_VALUE = r"\s*[a-z](?:_\{?\w+\}?)?\s*[),|\\]"
PARTICULAR = re.compile(
    r"^\s*\|.*\|.*\|\s*$|\b[pP]\s*\(\s*[0-9]|\\Pr\b|P\s*\(\s*[A-Z]\s*=(?!_EVENT)"
    r"|independen|i\.\s?i\.\s?d|\biid\b|function\s+of|determin|\bcop(?:y|ies)\b|constant"
    r"|uniform|binary|bernoulli|markov|\bchain\b|distributed|\bequal|\bsame\b"
    r"|(?-i:\$[^$]*\b[A-OR-Z]\s*(?:=(?!_EVENT)|\\sim|\\perp|\\to|\\rightarrow|\\oplus)[^$]*\$)".replace(
        "_EVENT", _EVENT_VALUE
    ),
    re.MULTILINE | re.IGNORECASE,
)


#: prose that says the random variables are any ones, not the particular ones before
GENERAL = re.compile(
    r"\b(?:for\s+(?:any|all|every|arbitrary)|arbitrary|in\s+general|general\s+(?:joint\s+)?"
    r"(?:laws?|distributions?|random\s+variables?)|not\s+only\s+(?:for\s+)?the\s+(?:table|example))\b",
    re.IGNORECASE,
)


#: a sentence that speaks of the particular variables ("for the table above"), unless it
#: says it goes beyond them ("not only the table above")
_OF_THE_TABLE = re.compile(
    r"^(?!.*\b(?:not\s+(?:only|just)|beyond|other\s+than|besides)\b).*"
    r"\b(?:table|example|above|below|these\s+(?:values|numbers|laws?))\b",
    re.IGNORECASE | re.DOTALL,
)


class _Auditor:
    """Walks the statements of one file, carrying definitions forward."""

    def __init__(
        self, text: str, path: str, kinds: dict[str, str], seconds: float, repairs: bool = False
    ):
        text = normalize_text(text)  # CRLF, CR and a BOM would misplace rows and lines
        self.kind = "latex" if path.endswith(".tex") else "markdown"
        #: what the notes state for symkl: front matter and `symkl:` comments
        for_symkl = rendered(text, self.kind, directives=True)
        #: what a reader sees: every reader below takes this, never the file as written
        #: (comments, code and `\\iffalse` are not the notes; offsets and lines are kept)
        text = _DOLLARS.sub(
            lambda m: " $" if m.group(0).endswith("(") else "$ ", rendered(text, self.kind)
        )
        self.text = text
        self.lines = LineMap(text)
        self.path = path
        #: what the notes (and the command line) state; letters they leave unstated are
        #: read over the widest domain (`stated_kinds`), their usual one is a second reading
        self.declared = {**front_matter(for_symkl, path), **kinds}
        #: the same, without the ranges the prose states (`prose_domain` adds those)
        self.stated = dict(self.declared)
        #: lines where the prose ranges a stated letter beyond what is stated of it ("now
        #: let $t \\in \\mathbb{R}$ be a score" after `t: positive`): symkl keeps the statement
        self.restated: dict[str, list[int]] = {}
        for at, name, bounds in bounds_in_words(text):
            kind = self.stated.get(name)
            if kind is None or kind == "distribution":
                continue
            if not interval_of(kind_of(bounds)).is_subset(interval_of(kind)):
                self.restated.setdefault(name, []).append(self.lines.line(at))
        for at, name in signs_in_words(text):  # "now let $t$ range over the negative reals"
            kind = self.stated.get(name)
            if kind not in (None, "distribution") and interval_of(kind).is_subset(
                sp.Interval(0, sp.oo)
            ):
                self.restated.setdefault(name, []).append(self.lines.line(at))
        self.restated = {name: sorted(set(lines)) for name, lines in self.restated.items()}
        self.kinds = stated_kinds(self.declared)
        for name in _COUNTS_WHERE_USED:
            if name not in self.declared and not used_as_count(text, name):
                self.kinds[name] = "real"  # "$m = y f(x)$ for the margin": no count
        for name in _COUNTS_UNLESS_SAID:
            if name not in self.declared and said_real(text, name):
                # "the noise $n \\sim \\mathcal{N}(0, 1)$": a real number, or both readings
                # where the notes count with it too (`count_readings`)
                self.kinds[name] = "integer" if used_as_count(text, name) else "real"
        self.seconds = seconds
        #: search edits that make a refuted step hold (`symkl.notes.repairs`)
        self.repairs = repairs
        #: the refuted step just checked, as read (lhs, rhs, relation, kinds), for
        #: `find_repairs`
        self.refuted: tuple | None = None
        self.definitions: dict[str, sp.Basic] = {}
        self.macros = find_macros(text)
        self.macro_history = macro_history(text)  # what a step reads: those in force there
        self.display = display_macros(self.macros)
        self.ranges = ranges_in_words(text)
        #: the prose ranges stated only by formulas with numbers, read (`again $x > 0$`)
        self.numeric_ranges = numeric_ranges_in_words(text)
        #: particular entries the prose gives numbers (`$p_{k+1} = 0$`)
        self.entry_values = entry_values_in_words(text)
        self.totals_denied = totals_denied(text)  # "they do not add up to one"
        self.listed_vectors = listed_vectors_in_words(text)  # `$p = (p_1, p_2)$`
        #: measure letters the prose gives a closed form of its own (a binary entropy)
        self.measures_said = measures_defined_in_words(text)
        #: letters the prose calls densities: p(x) is read as a pmf's entry, in doubt
        self.densities_said = densities_in_words(text)
        self.parities = parities_in_words(text)
        #: delta_{ij} is Kronecker's unless the prose defines it (`$\\delta_{ij} = w_i - w_j$`)
        formulas = prose_math(text)  # the prose's formulas, read once for the tests below
        # (a formula that is delta's definition: `\\hat y_k \\delta_{kj} = \\hat y_j \\delta_{kj}`
        # uses Kronecker's delta, it does not define it)
        self.kronecker = not any(
            (m := _DELTA_DEFINED.match(f)) and "\\delta" not in f[m.end() :]
            for f in re.findall(r"(?<!\\)\$([^$]+)\$", prose_text(text))
        )
        #: `\\operatorname{softmax}(z)_i = ...` written by the notes, or a temperature
        self.own_softmax = _own_softmax(text)
        self.line = 0  # the line of the step being checked
        #: the step being checked as typeset (`step_latex`), and whether it is an assumption
        self.typeset: tuple[str, str, str] | None = None
        self.assumption = False
        #: the lines that hold prose (words outside display math)
        self.prose_lines = prose_lines(text)
        self.lead_ins = lead_in_lines(text)
        #: names a prose formula defined (`fresh`): a range the prose gives later ends that
        self.said_in_prose: set[str | None] = set()
        #: names defined for one part ("In this exercise only"): name -> the level of the
        #: part's heading (a heading at that level or above ends it); the level now
        self.scoped_names: dict[str | None, int] = {}
        self.part_level = _LABEL_LEVEL + 1  # before any heading: any heading ends a part
        #: letter -> the line of the range the prose last stated for it (`prose_domain`)
        self.ranged: dict[str, int] = {}
        #: letters whose prose range still holds where the prose has moved on since (line
        #: it moved on): confirmed on that range, not refuted
        self.faded: dict[str, int] = {}
        #: names whose values a sentence may change in words (`values_changed`) -> its line
        self.changed: dict[str, int] = {}
        #: the offset of the step before, and whether the prose since moves to another
        #: setting (a function stated anew there may be defined anew)
        self.previous, self.new_context = 0, False  # prose since the step before
        self.solving = False  # the prose before the display sets something to zero
        self.supposing = False  # ... or states a condition in words
        self.lead_in_at = 0  # where the first step after that prose is
        #: (line, names) of a case the prose supposes that the step was checked in
        #: (`in_supposed_case`): its sentence's doubts are settled
        self.case_settled: tuple[int, set[str]] | None = None
        self.prose = prose_text(text)
        self.prose_rows = self.prose.split("\n")  # by line, for what a sentence says
        #: count letters a sentence of the prose calls real ("$m$ (a real number)")
        self.said_real = {n for n in _COUNTS_WHERE_USED + _COUNTS_UNLESS_SAID if said_real(text, n)}
        #: vectors whose entries the prose ranges as a list (`\\sigma_1, \\sigma_2 > 0`)
        self.listed_entries = entries_in_words(text)
        self.sizes = sizes_in_words(text)
        self.described = described_in_words(text)
        self.formulas = formulas_in_words(text)
        self.linked = linked_in_words(text)
        self.laws = laws_in_words(text)
        self.random_laws = random_laws_in_words(text)
        self.continuous = continuous_letters(text)
        self.e_otherwise = e_named_otherwise(text)
        self.laws_changed = laws_changed_in_words(text)
        self.data = data_in_words(text)
        self.vectors_said = vectors_in_words(text)
        self.tabled = values_in_tables(text)
        #: the single letters the prose speaks of, in words or formulas ("here p is the
        #: standard normal density"): such a p is never taken for P's density
        self.prose_letters = frozenset(
            re.findall(r"(?<![A-Za-z\\])([a-z])(?![A-Za-z])", prose_text(text))
        ) | frozenset(  # "let $\\Gamma$ be a matrix", "$\\Gamma = 3$": a name, not a function
            re.findall(r"\$\s*\\([A-Z][a-z]+)\s*(?:\$|=|:=|\\in\b|>|<)", prose_text(text))
        )
        self.settings = settings_in_words(text)
        self.normalized = normalized_in_words(text)
        self.unnormalized = unnormalized_in_words(text)
        for name, at in positive_only_in_words(text).items():  # "Assume $q_k > 0$."
            if name not in self.declared:
                self.unnormalized.setdefault(name, (at, False, True, (at,)))
        self.called_laws = called_laws(text)
        for name in _REAL_VECTOR.findall(formulas):
            # "$q \\in \\mathbb{R}^K$ are logits": q's entries are any real numbers, no
            # distribution's (unless the notes say it sums to one)
            distribution = DEFAULT_KINDS.get(name) == "distribution"
            if not distribution or name in self.declared:
                continue
            if name in self.normalized:
                continue  # said to sum to one (or not: both words in one sentence, a doubt)
            # "positive weights that need not sum to one"; "logits"
            positive = self.unnormalized.get(name, (0, False, False, ()))[2]
            self.kinds[name] = "positive" if positive else "real"
        self.superscript_labels = superscript_labels(text)
        #: `$y \in \{0, 1\}$` in the prose: the values a sum over y runs through
        self.value_sets_said = [
            (at, name, [sp.Integer(v) for v in values])
            for at, name, values in value_sets_in_words(text)
        ]
        #: the sets in force at the step being read (`values_at`)
        self.value_sets: dict = {}
        #: functions whose definition symkl could not read: no later call of them is read
        self.unread_functions: set[str] = set()
        #: a T of its own in the prose's math (`$T$ steps`, `$T = 10$`), not a transpose
        self.t_letter = re.search(r"(?<![\^A-Za-z\\{])T(?![A-Za-z])", formulas) is not None
        self.excluded = exclusions_in_words(text)
        #: clauses in words cut from the step being read (`\text{ if } x > 0`)
        self.conditions: list[str] = []
        #: ranges the display's own condition states (`\\quad x > 0`), for its step
        self.clause_kinds: dict[str, str] = {}
        #: the same clauses as written (`\text{where } \hat y = \sigma(z)`)
        self.clauses: list[str] = []
        #: names given an example value (`alpha = 0.3`), not substituted: name -> line
        self.examples: dict[str, int] = {}
        #: names the notes define as a minimizer or maximizer (`\\hat\\mu = \\arg\\min_\\mu
        #: ...`), whose value symkl does not work out -> the line (then `described`)
        self.optimum_points: dict[str, OptimumPoint] = {}
        #: optimum points a step's claim was checked against their objective: no doubt
        #: that they are sampled as free letters
        self.solved_points: set[str] = set()
        #: the same in the prose (`a vocabulary of $n = 50000$`): for the steps after it in
        #: its section
        self.prose_values = values_in_words(text)
        #: where each display block starts (`said_entries`: the prose that leads into one)
        self.block_starts: list[int] = []
        #: sentences that set up for their part only (what they define ends at a heading)
        self.scoped = scoped_spans(text)
        self.vector_values = vector_values_in_words(text)
        #: the notes count from 0 somewhere: listed entries are not placed by index
        self.counts_from_zero = _counts_from_zero(text)
        self.aliases = aliases_in_words(text)
        self.conditions_said = conditions_in_words(text)
        self.equal_in_words = equalities_in_words(text)
        self.extremes = extremes_in_words(text)
        self.entry_ranges = entry_ranges_in_words(text)
        self.matrices = matrices_in_words(text)
        #: letters the prose gives a kind (a Laplacian, orthogonal vectors): name -> (line, word)
        self.kinds_said = kinds_in_words(text)
        self.heading_offsets = [m.start() for m in HEADING.finditer(text)]
        # (and where a numbered problem starts, "**2.**", "Problem 2.": what the prose said
        # of a letter's value before it is its earlier problem's)
        starts = [m.start() for m in _PROBLEM_START.finditer(text)]
        self.headings = sorted({self.lines.line(at) for at in [*self.heading_offsets, *starts]})
        self.bounds = summed_bounds(text)
        #: lengths the prose gives ("$p$ over $n$ outcomes"): they outweigh the sums' bounds
        self.lengths = lengths_in_words(text)
        self.compared = bounds_compared(text)
        #: vectors the prose calls one-hot, sampled as distributions: name -> line
        self.one_hot: dict[str, int] = {}
        #: the base of \log the prose states; where it states none but speaks of bits,
        #: a step whose meaning depends on it is read both ways
        #: where the prose says which base \log is to: a step follows the last before it
        self.conventions = log_conventions(text)
        if logs_all_binary(text) and {b for _, b in self.conventions} <= {2, UNCLEAR_BASE}:
            # every log written is log_2 and the notes speak of bits: H, D and I are in
            # bits, whatever a sentence about bases symkl does not read may mean
            self.conventions = [(-1, 2)]
        self.lg_base = lg_base(text)
        self.sigmoid_called = SIGMOID_CALLED.search(text) is not None
        self.sigma_arguments = _sigma_arguments(text)
        #: Bernoulli parameters of the section so far, and the last bounds the prose gave
        #: each letter (a later range narrows a parameter's (0, 1), it does not replace it)
        self.bernoulli: set[str] = set()
        self.bounds_said: dict[str, tuple] = {}
        #: letters that are numbers in (0, 1) as Bernoulli parameters, across sections too
        self.in_unit: set[str] = set()
        #: what the notes say i, j, e and N(mu, s) mean, by offset
        self.notation = Conventions(text)
        #: other readings of every step: (the first reading's label, this one's, what it
        #: changes in the reader)
        self.alternatives: list[tuple[str, str, dict]] = []
        unclear = any(base == UNCLEAR_BASE for _, base in self.conventions)
        # (`\\log x / \\log 2` written: their plain log is not to base 2)
        bits_unsaid = speaks_of_bits(text) and not converts_to_bits(text)
        if bits_unsaid or unclear:  # for steps no clear convention precedes
            said = "speak of bits" if not unclear else "speak of bases symkl does not read"
            bits = f"logs to base 2 (the notes {said})"
            self.alternatives.append(("natural logs", bits, {"log_base": sp.Integer(2)}))
            # `H(p) = \\ln 2` where the notes speak of bits: H may be in bits all the same
            self.alternatives.append(
                ("in nats", _MEASURES_IN_BITS, {"measure_base": sp.Integer(2)})
            )
        elif writes_binary_logs(text):
            # `H(p) = \log_2 3`: no word on the unit, but H may well be in bits here
            bits = "H, D and I in bits (the notes write log_2)"
            self.alternatives.append(("in nats", bits, {"measure_base": sp.Integer(2)}))
        if _BINARY_ENTROPY_FUNCTION.search(text) and not _BINARY_ENTROPY_FORMULA.search(text):
            # `H_b(\\tfrac12) = 1`: the binary entropy function is often in bits (for the
            # steps that write H_b: `other_readings`)
            self.alternatives.append(("in nats", _H_B_IN_BITS, {"measure_base": sp.Integer(2)}))
        if speaks_of_base_ten(text) and (unclear or speaks_of_bits(text)):
            # "we now measure in hartleys": base 10 is a reading too
            tens = "logs to base 10 (the notes speak of base-10 units)"
            self.alternatives.append(("natural logs", tens, {"log_base": sp.Integer(10)}))
        #: a table, values of a distribution or independence in the notes: random
        #: variables may be particular ones, so a step about them is not refuted in general
        self.particular_at = [self.lines.line(m.start()) for m in PARTICULAR.finditer(text)]
        #: prose that makes the variables general again ("for arbitrary discrete X and Y")
        prose = prose_text(text)
        self.general_at = [
            self.lines.line(m.start())
            for m in GENERAL.finditer(prose)
            # "in general, for the table above": the table's variables after all
            if not _OF_THE_TABLE.search(re.split(r"[.;:!?]\s", prose[m.end() : m.end() + 160])[0])
        ]
        #: where the notes say sigma(x) is the sigmoid: no other reading after it
        sigmoid = SIGMOID_STATED.search(text)
        self.sigmoid_from = sigmoid.start() if sigmoid else len(text)
        if "sigma" not in self.declared and SIGMA_SCALE.search(text):
            scale = "sigma(x) as sigma times x (sigma is also a scale here)"
            self.alternatives.append(("sigma(x) the sigmoid", scale, {"sigma_product": True}))

    def display_lines(self, block) -> tuple[int, int]:
        """The lines a display takes, with a `$$`, `\\[` or `\\]` delimiter beside it."""
        start, end = block.start, block.start + len(block.source)
        head = self.text[:start].rstrip()
        if head.endswith(("$$", "\\[")):
            start = len(head) - 2
        tail = self.text[end:]
        if tail.lstrip().startswith(("$$", "\\]")):
            end += len(tail) - len(tail.lstrip()) + 2
        return self.lines.line(start), self.lines.line(max(start, end - 1))

    def where(self, offset: int) -> str:
        return f"line {self.lines.line(offset)}, column {self.lines.column(offset)}"

    def read(self, reader: Reader, side) -> tuple[Wrapped | None, sp.Basic]:
        try:
            in_force = macros_at(self.macro_history, side.start)
            wrapper, source = strip_wrapper(expand(side.text, in_force))
            for name in reader.unread_functions:
                # (a whole name: p is not the p of `\\exp(`; `\\sigma` in `\\log\\sigma(z)` is)
                before = "" if name.startswith("\\") else "(?<![A-Za-z])"
                if re.search(rf"{before}{re.escape(name)}(?![A-Za-z])\s*\(", source):
                    raise Unreadable(f"{name} is defined above in a way symkl could not read")
            if (clause := CLAUSE_RE.search(source)) and not _in_cases(source, clause.start()):
                # `a = b \text{ if } x > 0`: the claim, under a condition symkl does not apply
                said = " ".join(source[clause.start() :].split())
                self.clauses.append(source[clause.start() :])
                ranges, whole = _clause_ranges(source[clause.start() :])
                for name, bounds in ranges.items():
                    self.clause_kinds[name] = kind_of(bounds)
                if not whole:
                    self.conditions.append(
                        f"it is stated with a condition symkl does not apply ({said})"
                    )
                source = source[: clause.start()] + " " * (len(source) - clause.start())
            elif (remark := ANNOTATION_RE.search(source)) and not _in_cases(source, remark.start()):
                # `= b \text{ [by independence]}`: a remark on the step, which may name what
                # it rests on (an assumption, a regime): no refutation ignores it; one that
                # names a unit or an approximation (`\text{(in nats)}`) may change the value
                said = " ".join(remark.group(0).split())
                if _REMARK_CHANGES.search(said):
                    reader.doubts.append(f"a remark in words may change the value ({said})")
                else:
                    self.conditions.append(
                        f"it carries a remark in words that may limit it ({said})"
                    )
                source = source[: remark.start()] + " " * (len(source) - remark.start())
            value = reader.parse(source)
            if wrapper is not None and isinstance(value, sp.Basic):
                optimized = set(wrapper.var.split(",")) & scalar_product_vectors(value)
                if optimized:
                    raise Unreadable(
                        f"an optimum over {', '.join(sorted(optimized))}, which a scalar "
                        "product in it is made of (symkl reads it as one number)"
                    )
        except MacroError as e:
            raise _Failed(f"{e} ({self.where(side.start)})") from None
        except Unreadable as e:
            raise _Failed(f"{e.reason} ({self.where(side.start + e.offset)})") from None
        except RecursionError:
            raise _Failed(f"too deeply nested ({self.where(side.start)})") from None
        return wrapper, value

    def raw(
        self, reader: Reader, st: Statement, through: set[str], kinds: dict | None = None
    ) -> sp.Expr | None:
        """A definition's right side read with the names in `through` as letters (`L =
        \\frac12(\\hat y - y)^2` with yhat a letter), for derivatives in them later, and with
        `kinds` if given (a clause after it, which `with_clauses` applies, left out); None
        where it has words beside it or is not read so."""
        plain = replace(
            reader,
            definitions={k: v for k, v in reader.definitions.items() if k not in through},
            kinds=reader.kinds if kinds is None else kinds,
            doubts=[],
            notes=[],
            expanded=[],
        )
        try:
            _, source = strip_wrapper(
                expand(st.rhs.text, macros_at(self.macro_history, st.rhs.start))
            )
            if kinds is not None and (clause := CLAUSE_RE.search(source)):
                source = source[: clause.start()]
            if CLAUSE_RE.search(source) or ANNOTATION_RE.search(source):
                return None
            value = plain.parse(source)
        except (MacroError, Unreadable, RecursionError):
            return None
        return value if isinstance(value, sp.Expr) and not plain.doubts else None

    def run(self) -> FileAudit:
        audit = FileAudit(self.path, text=self.text)
        readers = {}
        for block in blocks(self.text, self.kind, self.display):
            readers[block.start] = block
            audit.displays.append(self.display_lines(block))
        self.block_starts = sorted(readers)
        warm()  # before the worker is forked: it inherits the parser
        self.worker = Worker(self._task)
        try:
            self.walk(audit, self.kind, readers)
        finally:
            self.worker.stop()
        return audit

    def walk(self, audit: FileAudit, kind: str, readers: dict) -> None:
        said = [
            (at, self.stipulate, (name, hot)) for at, name, hot in sums_to_one_in_words(self.text)
        ]
        # "Let $r$ be a distribution on $n$ outcomes": r is a law as p and q are
        said += [
            (at, self.stipulate, (name, False)) for at, name in discrete_laws_in_words(self.text)
        ]
        said += [(at, self.prose_domain, (name, b)) for at, name, b in domains_in_words(self.text)]
        said += [(at, self.bernoulli_said, (name,)) for at, name in bernoulli_parameters(self.text)]
        said += [(at, self.law_changed, (name,)) for at, name in self.laws_changed]
        # "the activation $\sigma$ is the hyperbolic tangent": no sigmoid from there
        said += [
            (at, self.unread_function, ("\\sigma",)) for at in sigma_called_otherwise(self.text)
        ]
        said += [(at, self.prose_domain, (n, b)) for at, n, b in normal_scales_in_words(self.text)]
        # (not where a definition by cases in words gives its next case: `and $u(x) = 0$
        # otherwise`)
        cases = [(b.start, b.start + len(b.source)) for b in readers.values() if b.reads]
        said += [
            (at, self.forget, (name,))
            for at, name in introduced_in_words(self.text)
            if not any(a < at < b for a, b in cases)
        ]
        said += [(at, self.values_changed, (line,)) for at, line in changed_in_words(self.text)]
        # "Let $x = 2$" after `x = t^2`: x is that number from here on, not the formula
        said += [
            (self.lines.starts[line - 1], self.forget, (name,))
            for name, values in self.prose_values.items()
            for line, end, _ in values
            if end is None
        ]
        # "Now let $\mu$ be the mean of a Gaussian": its range may belong to its old role
        said += [(at, self.prose_domain, (n, REACH_END)) for at, n in roles_in_words(self.text)]
        said += [(at, self.value_bounded, (n, b)) for at, n, b in bounds_in_words(self.text)]
        said += [(at, self.counted, (n, k)) for at, n, k in integer_kinds_in_words(self.text)]
        # "Let $\sigma$ denote the sigmoid": no scale from there, whatever range it had
        said += [
            (m.start(), self.prose_domain, ("sigma", None))
            for m in SIGMOID_STATED.finditer(self.text)
        ]
        # what a prose formula defined holds in its section
        said += [(at, self.forget_prose, ()) for at in self.heading_offsets]
        said += [(m.start(), self.part_label, ()) for m in PART_LABEL.finditer(self.text)]
        # "For $p = \\operatorname{Pois}(\\lambda)$", "Take $p = (0.7, 0.2, 0.1)$" after `p =
        # \\mathrm{Ber}(a)`: p is not (a, 1 - a) from there (a definition there says what it is)
        said += [
            (at, self.law_given, (n, named)) for at, n, named in laws_given_in_words(self.text)
        ]
        # "We now return to the standard sigmoid": the functions redefined are free again
        said += [(at, self.standard_again, ()) for at in standard_again(self.text)]
        # "For the rest of the notes $s$ is uniform": entries defined before are no longer s's
        said += [
            (self.lines.starts[line - 1], self.redescribed, (name,))
            for name, (line, _) in self.described.items()
        ]
        said.sort(key=lambda item: item[0])
        for st in statements(self.text, kind, self.display):
            while said and said[0][0] < st.offset:
                at, apply, args = said.pop(0)
                apply(at, *args)
            block = max(
                (b for b in readers.values() if b.start <= st.offset), key=lambda b: b.start
            )
            reader = _block_reader(block.source, self.kinds, self.definitions, self.continuous)
            sized = {  # "p a distribution on $m$ outcomes": H(p) sums to m, not to n
                length
                for name, length in self.lengths.items()
                if self.kinds.get(name, DEFAULT_KINDS.get(name)) == "distribution"
                and _writes(name, block.source)
            }
            if not reader.dim_written and len(sized) == 1:
                reader.dim = sp.Symbol(sized.pop(), integer=True, positive=True)
            reader.lg_base = self.lg_base
            reader.sigmoid_called = self.sigmoid_called
            reader.sigma_arguments = self.sigma_arguments
            reader.bernoulli = frozenset(  # not a letter defined as a vector since
                n
                for n in self.bernoulli
                if not isinstance(self.definitions.get(n), (sp.Tuple, sp.IndexedBase))
            )
            reader.labels = self.superscript_labels
            reader.t_letter = self.t_letter
            reader.kronecker = self.kronecker
            reader.own_softmax = self.own_softmax
            self.value_sets = self.values_at(st.offset)
            reader.value_sets = self.value_sets
            reader.unread_functions = frozenset(self.unread_functions)
            reader.random_laws = {  # in the section where the prose gives them
                x: (law, args)
                for at, x, law, args in self.random_laws
                if at < st.offset
                and not any(at < h < st.offset for h in self.heading_offsets)
                and not any(at < c < st.offset and x == n for c, n in self.laws_changed)
            }
            laws = [law for law in self.laws if law[0] < st.offset]
            reader.laws = {x: letter for _, x, letter, _ in laws}
            # P = {p_1, ..., p_k} in the sentence of the law: P's entries are p's
            reader.aliases = {d: e for *_, d, e in laws if e}
            reader.related = frozenset(
                name
                for name in self.described
                if self.described_at(name, self.lines.line(st.offset))
            )
            reader.described = self.prose_letters | reader.related
            reader.related_letters = {
                n: self.dependencies(self.formulas[n]) for n in reader.related if n in self.formulas
            }
            # ("let $y$ be one-hot": data, which no parameter moves)
            reader.related_letters |= {
                n: frozenset() for n in reader.related - set(self.formulas) if n in self.data
            }
            reader.notation = self.notation.at(st.offset, self.stated, block.source)
            stated = [base for at, base in self.conventions if at < st.offset]
            if stated and stated[-1] not in (UNCLEAR_BASE, None):  # unclear: read both ways
                base = stated[-1]
                if (letter := letter_base(base)) is not None:  # \\log for \\log_b
                    reader.log_base = sp.Symbol(letter, positive=True)
                else:
                    reader.log_base = sp.Integer(base) if base else sp.E
                reader.log_stated = True
            line = self.lines.line(st.offset)
            written = st.lhs.text.replace("&", " ") if st.rhs is not None else ""  # `s_i &=`
            entry = ENTRY_DEFINED.fullmatch(written)
            if st.rhs is None:
                self.bare(audit, reader, st, line)
                continue
            # "For the Poisson model the log-likelihood is", "Switching to squared error,":
            # prose between two displays; a function stated after it may be defined anew
            between = self.prose[self.previous : st.offset]
            self.new_context = re.search(r"[A-Za-z]{3}", between) is not None
            if self.new_context:  # the rows of one display share the prose before it
                self.solving = solves_next(between)
                self.supposing = supposes_next(between)
                self.lead_in_at = st.offset
            self.previous = st.offset
            (verdict, reason, example), typeset, assumption = self.isolated_step(reader, st)
            for name in [n for n, v in self.definitions.items() if v == UNREAD]:
                self.definitions.pop(name)
                self.definitions.pop(f"{name}:by-log", None)
                self.definitions.pop(f"{name}:domain", None)
                self.unread_functions.add(name)  # defined anew, perhaps: no later call is read
            if entry and st.relation in ("=", "def"):
                # s_k = f(z_k) read as a claim, not as the entries of s: s is related to z
                # in a way symkl does not apply
                name = name_of(entry.group(1))
                if name and name not in self.definitions:
                    self.described.setdefault(name, (line, None))
            for name, point in self.optimum_points.items():
                # \\hat\\mu = \\arg\\min ...: a point symkl does not work out, sampled as a
                # free letter from here on: what holds for every value holds, nothing fails
                self.described.setdefault(name, (point.line, None))
            repairs = self.isolated_repairs() if verdict == "refuted" and self.repairs else ()
            if not verdict:
                continue  # a prose formula that defines nothing
            scoped = any(a <= st.offset < b for a, b in self.scoped)
            if (st.fresh or scoped) and verdict == "definition":
                called = CALL_DEFINED.fullmatch(st.lhs.text)  # `L(w) = ...`: L
                head = called.group(1) if called else st.lhs.text
                if st.fresh:  # a definition in passing: for its section, whatever its level
                    self.said_in_prose.add(name_of(head) or word_name(head))
                else:  # "In this exercise only, define $\\sigma(x) := ...$": for its part
                    self.scoped_names[name_of(head) or word_name(head)] = self.scope_level(
                        st.offset
                    )
            called = CALL_DEFINED.fullmatch(st.lhs.text)
            cases = st.rhs is not None and _CASES_ENV.search(st.rhs.text)
            defined = _DEFINED_NAME.fullmatch(st.lhs.text.replace("&", " "))
            unread = verdict == "unparsed" and st.relation in ("=", "def") and defined
            if unread and defined.group(1) not in self.definitions:
                # H_2 = <a formula symkl cannot read>: H_2 is not the free letter it samples
                self.described.setdefault(defined.group(1), (line, None))
            if verdict == "unparsed" and st.relation == "def" and called:
                # `\\sigma(z; T) := ...` unread: sigma is the notes' own from here on, not
                # the built-in sigmoid
                self.unread_functions.add(called.group(1).strip())
            if verdict == "unparsed" and st.relation in ("=", "def") and called and cases:
                # r(z) = <cases symkl cannot read>: r is defined, but not as symkl reads it
                name = called.group(1).strip()
                if name_of(name) not in set(self.definitions) | BUILT_IN | MEASURE_NAMES:
                    self.unread_functions.add(name)
            relation = SHOWN.get(st.relation, st.relation)
            audit.steps.append(
                StepAudit(
                    line,
                    relation,
                    st.lhs.source,
                    st.rhs.source,
                    verdict,
                    reason,
                    example,
                    typeset=typeset,
                    assumption=assumption,
                    repairs=repairs,
                )
            )

    def stipulate(self, offset: int, name: str, one_hot: bool) -> None:
        """`$\\sum_k y_k = 1$` in the prose: y is a distribution from here on; one-hot, a
        refutation at a spread-out y may not be meant."""
        if name in self.declared or name in self.definitions:
            return
        self.kinds = {**self.kinds, name: "distribution"}
        self.declared = {**self.declared, name: "distribution"}  # the notes' word, not a guess
        if one_hot:
            self.one_hot[name] = self.lines.line(offset)

    def described_at(self, name: str, line: int) -> bool:
        """Does the prose's description of `name` bear on a step on `line` (in reach, and
        not ended by a later range or introduction before the step)?"""
        start, end = self.described[name]
        return self.in_reach(start, line) and (end is None or line < end)

    def described_here(self, name: str, line: int) -> bool:
        """`described_at`, in the step's own section: a display that defines a name under a
        later heading (`\\log L(\\theta) = ...` after "the loss $L(w) = ...$") defines it anew."""
        if name not in self.described or not self.described_at(name, line):
            return False
        return not any(self.described[name][0] < h <= line for h in self.headings)

    def range_said(self, name: str, line: int) -> int | None:
        """The line of a prose statement of `name`'s range that bears on a step on `line`
        (the last before it, or one after it in its section), or None."""
        said = [at for at in self.ranges.get(name, []) if self.in_reach(at, line)]
        before = [at for at in said if at <= line]
        return before[-1] if before else min(said, default=None)

    def particular_here(self, line: int) -> bool:
        """May the random variables of a step on `line` be particular ones: a table, values or
        independence said before it (or just after it), and no prose since, in its section,
        saying the variables are any ("for arbitrary discrete $X$ and $Y$")?"""
        said = [at for at in self.particular_at if self.in_reach(at, line)]
        if not said:
            return False
        return not any(
            at >= max(said) and at <= line and not any(at < h <= line for h in self.headings)
            for at in self.general_at
        )

    def in_reach(self, stated: int, line: int) -> bool:
        """Does what the prose says on line `stated` bear on a step on `line`: said before
        it, or after it before the next display and heading ("..., where $m = (a+b)/2$")?"""
        if stated <= line:
            return True
        if stated in self.lead_ins:
            return False  # "For $x \\ge 1$ it holds:": of the display after, not this one
        later = self.prose_lines[bisect.bisect_right(self.prose_lines, line) :]
        if later and later[0] < stated:
            return False  # other prose comes between: it speaks of other displays
        return not any(line < h <= stated for h in self.headings)

    def forget_prose(self, offset: int) -> None:
        """A new section: the names a prose formula defined (`fresh`) are free again, and
        the Bernoulli parameters are letters like any other (their range holds on); so are
        the names defined for a part (`scoped_names`) at this heading's level or below."""
        for name in self.said_in_prose:
            self.forget(offset, name)
            self.forget(offset, f"{name}:explicit")
        self.said_in_prose = set()
        self.end_parts(offset, heading_level(self.text, offset))
        self.bernoulli = set()

    def scope_level(self, offset: int) -> int:
        """The level of the part a scoped definition at `offset` is for: the innermost
        heading (or bold label) around it that names the part its words name ("In this
        exercise only" under `## Part (b)` of `# Exercise 1`: level 1; "For Part A only"
        under `### A.1` of `## Part A`: level 2); the part it is in where none does."""
        start = next((a for a, b in self.scoped if a <= offset < b), offset)
        said = scope_noun(self.text, start)
        marks = sorted(
            [(at, heading_level(self.text, at)) for at in self.heading_offsets if at < start]
            + [(m.start(), _LABEL_LEVEL) for m in PART_LABEL.finditer(self.text, 0, start)]
        )
        chain: list[tuple[int, int]] = []  # the headings around `start`, outermost first
        for at, level in marks:
            chain = [(a, lv) for a, lv in chain if lv < level] + [(at, level)]
        if said is not None:
            noun, name = said
            for at, level in reversed(chain):
                title = self.text[at : self.text.find("\n", at)].lower()
                named = name is None or re.search(rf"\b{re.escape(name.lower())}\b", title)
                if noun in title and named:
                    return level
        return self.part_level

    def part_label(self, offset: int) -> None:
        """A bold label opens a part ("**Exercise 4.**"): what was defined for the part
        before it ends (not what a heading's part defined)."""
        self.end_parts(offset, _LABEL_LEVEL)

    def end_parts(self, offset: int, level: int) -> None:
        """A part at `level` opens at `offset`: the names defined for a part at that level
        or below it (`scoped_names`) are free again."""
        ended = [n for n, at in self.scoped_names.items() if level <= at]
        for name in ended:
            self.forget(offset, name)
            self.forget(offset, f"{name}:explicit")
        self.scoped_names = {n: at for n, at in self.scoped_names.items() if n not in ended}
        self.part_level = level

    def law_given(self, offset: int, name: str, named: bool) -> None:
        """A law or entries the prose gives `name` anew: its definition before is not its
        meaning; a law by its name (`\\operatorname{Pois}(\\lambda)`), which symkl does not
        read, describes it (steps through it are not decided on a sampled p)."""
        self.forget(offset, name)
        if named:  # (in its section)
            line = self.lines.line(offset)
            end = next((h for h in self.headings if h > line), None)
            self.described = {**self.described, name: (line, end)}

    def standard_again(self, offset: int) -> None:
        """The words bring back the usual meanings: what the notes defined of the functions
        symkl knows (sigma, softplus, logit, ...) is theirs no longer."""
        for name in [n for n in self.definitions if n.split(":")[0] in _KNOWN_FUNCTIONS]:
            self.forget(offset, name)

    def unread_function(self, offset: int, name: str) -> None:
        """A function the prose names in words symkl does not read: its calls are not read."""
        self.unread_functions.add(name)

    def law_changed(self, offset: int, name: str) -> None:
        """ "the output $p$ has $K$ entries": p is no Bernoulli parameter from here on."""
        self.bernoulli = self.bernoulli - {name}

    def bernoulli_said(self, offset: int, name: str) -> None:
        """`\\mathrm{Ber}(p)`: p ranges over (0, 1), within any range the prose gave it before
        ("with $p \\le 1/2$"), and is a Bernoulli parameter in this section."""
        before = self.bounds_said.get(name) if name in self.ranged else None
        self.bernoulli = self.bernoulli | {name}
        self.in_unit = self.in_unit | {name}
        self.prose_domain(offset, name, before or _UNIT_INTERVAL)

    def redescribed(self, offset: int, name: str) -> None:
        """The prose describes a vector whose entries a display defined before: the
        formula may no longer be what the letter means."""
        if isinstance(self.definitions.get(name), EntryFormula):
            self.forget(offset, name)

    def values_changed(self, offset: int, line: int) -> None:
        """ "Now make the weights uniform instead": the values given before (numbers,
        tuples) may have changed in words; steps that write them get no verdict until a
        definition gives them again; so do the formulas defined after a value, which may
        use it (`H := -\\sum_i p_i \\log p_i` after `p = (1/2, 1/4, 1/4)`)."""
        after_value = False
        for name, value in self.definitions.items():  # in the order they were defined
            after_value = after_value or _given_value(value)
            if after_value and ":" not in name:
                self.changed.setdefault(name, line)
        for name, said in self.prose_values.items():  # "Let $a = 0.25$", "$T = 2$"
            if any(at < line for at, _, _ in said):
                self.changed.setdefault(name, line)

    def forget(self, offset: int, name: str) -> None:
        """ "Now let $p$ be ...": a definition of p before this is no longer p's, nor is p
        a Bernoulli parameter; a formula defined since from its values is stale."""
        self.stale_after(name, self.definitions, self.lines.line(offset))
        self.definitions = {k: v for k, v in self.definitions.items() if k != name}

    def stale_after(self, name: str, definitions: dict, line: int) -> None:
        """`p` given values anew on `line`: the formulas defined after its old values
        (`H := -\\sum_i p_i \\log p_i`) may use them, and are doubted as changed."""
        names = list(definitions)
        if name in names and _given_value(definitions[name]):
            for other in names[names.index(name) + 1 :]:
                if ":" not in other:
                    self.changed.setdefault(other, line)
        self.bernoulli, self.in_unit = self.bernoulli - {name}, self.in_unit - {name}

    def matrices_as_laws(self, lhs, rhs) -> list[str]:
        """Letters symkl reads as distributions (p, q, P, Q) that the notes make matrices
        ("$Q$ an orthogonal matrix", `P \\in \\mathbb{R}^{n \\times n}`): sampled as
        probability tables, their rows would sum to one."""
        kinds = {n: said for n, said in self.kinds_said.items() if said[1]}  # not "denote"
        said = {**{n: (at, "") for n, at in self.matrices.items()}, **kinds}
        return [
            f"{name} is a matrix (line {said[name][0]}), which symkl samples as a probability table"
            for name in sorted(_step_names(lhs, rhs)[1])
            if name in said and said[name][0] <= self.line
            if self.kinds.get(name, DEFAULT_KINDS.get(name)) == "distribution"
        ]

    def kinds_not_applied(self, lhs, rhs) -> list[str]:
        """Letters of the step the prose gives a kind before it ("$L$ is the Laplacian",
        "$\\mathbf{u} \\perp \\mathbf{v}$"): sampled freely, a failure may be one no such
        matrix or vector has."""
        return [
            (
                f"the notes say {name} is {word} (line {at}), which symkl does not apply"
                if word
                else f"the notes give {name} a meaning in words (line {at}) that symkl does "
                "not read"
            )
            for name in sorted(_step_names(lhs, rhs)[2])
            if (said := self.kinds_said.get(name)) and (at := said[0]) <= self.line
            for word in [said[1]]
        ]

    def worded_case(self, st: Statement, lhs, rhs, computed) -> list[str]:
        """A computation with numbers only after prose that states its case in words and
        gives a number the display does not show ("with three dice the chance is $1 -
        (5/6)^4 = 0.518$"): the numbers may not be those of the case the words describe,
        so the arithmetic confirms nothing."""
        closed = all(
            isinstance(e, sp.Expr) and e.is_number and not e.atoms(AppliedUndef, sp.Indexed)
            for e in (lhs, rhs)
        )
        if not (closed and self.supposing and computed is None and not self.in_sentence(st)):
            return []
        if _DISPLAY_CLOSER.search(self.text, self.lead_in_at, st.offset):
            return []  # a later display than the one the words lead into
        said = _numbers_said(_last_paragraph(self.prose, self.lead_in_at, 400))
        # the whole display the words lead into: `\\log 6 &= \\log 2 + \\log 3 \\\\ &= 2.585`
        closer = _DISPLAY_CLOSER.search(self.text, st.offset)
        start = self.text.rfind("\n", 0, self.lead_in_at) + 1
        display = self.text[start : closer.end() if closer else st.offset]
        shown = set(_DIGITS.findall(f"{display} {st.lhs.text} {st.rhs.text}"))
        shown |= {c for n in shown for c in n if c.isdigit()}
        if said <= shown:
            return []  # "if the model puts 0.8 on the true class": the numbers match
        return ["the prose before it states its case in words, which the numbers may not match"]

    @staticmethod
    def mixed_indices(lhs, rhs) -> list[str]:
        """A letter written with one index and with two in one step (`x_{i2}` and `x_4`):
        a vector and a table of one name, which no single reading samples."""
        counts: dict[str, set[int]] = {}
        for e in (lhs, rhs):
            for entry in e.atoms(sp.Indexed) if isinstance(e, sp.Basic) else ():
                counts.setdefault(str(entry.base.label), set()).add(len(entry.indices))
        return [
            f"{name} is written with one index and with two (a vector and a table)"
            for name, sizes in sorted(counts.items())
            if len(sizes) > 1
        ]

    def unlisted_entries(self, lhs, rhs) -> list[str]:
        """`$\\sigma_1, \\sigma_2 > 0$` ranges sigma in the prose: a step with sigma_3 (or
        sigma_i) would rest on a range the notes give only sigma_1 and sigma_2."""
        out = []
        for e in (lhs, rhs):
            for entry in e.atoms(sp.Indexed) if isinstance(e, sp.Basic) else ():
                name = str(entry.base.label)
                listed = self.listed_entries.get(name)
                if listed is None or name not in self.ranged or name in self.stated:
                    continue
                if not all(i.is_Integer and int(i) in listed for i in entry.indices):
                    said = ", ".join(f"{name}_{k}" for k in sorted(listed))
                    out.append(
                        f"the notes state a range of {said} only; the step has {show(entry)}"
                    )
        return sorted(set(out))

    def faded_ranges(self, names) -> list[str]:
        """The letters among `names` whose prose range the prose has moved on from: words
        may have changed it in ways symkl does not read, so no verdict rests on it."""
        return [
            f"the range of {name} the notes state on line {self.ranged[name]} may no longer "
            f"hold here: the prose moves on after it (line {at})"
            for name, at in sorted(self.faded.items())
            if name in names and name in self.ranged
        ]

    def faded_doubts(self, names, result: Check, reader: Reader, st: Statement) -> list[str]:
        """`faded_ranges`, unless the step is confirmed as well with those letters over
        their widest domain (the range was not needed)."""
        faded = {n for n in self.faded if n in names and n in self.ranged}
        if faded and result.verdict in _DECIDED:
            same = _DECIDED[result.verdict]
            if self.decided_without(reader, st, faded) in same:
                return []
        return self.faded_ranges(names)

    def decided_without(self, reader: Reader, st: Statement, names: set[str]) -> Verdict | None:
        """The step's verdict with `names` read as if the prose had not ranged them (a
        refutation there fails on every part of their line), None where it is not read."""
        declared = {k: v for k, v in self.declared.items() if k not in names}
        widest = stated_kinds(declared)
        scalars = {n + AS_SCALAR for n in names}
        kinds = {k: v for k, v in self.kinds.items() if k not in names | scalars}
        # the widest domain: not a count's nor a usual one (m, n, sigma: any real number)
        kinds |= {n: widest.get(n, "real") for n in names if DEFAULT_KINDS.get(n) != "distribution"}
        # p ranged as a number where p is also a distribution: any real number
        kinds |= {k: "real" for k in scalars if k in self.kinds}
        check = self.read_with(reader, st, kinds, declared)
        return check.verdict if check is not None else None

    def read_with(self, reader: Reader, st: Statement, kinds: dict, declared: dict) -> Check | None:
        """The step read and checked with other kinds; None where it is not read, or read
        with a doubt."""
        kept = self.kinds, self.declared
        self.kinds, self.declared = kinds, declared
        try:
            other = replace(reader, doubts=[], notes=[], kinds=kinds)
            lw, lhs = self.read(other, st.lhs)
            rw, rhs = self.read(other, st.rhs)
            lhs, rhs = self.under_settings(
                other, *expand_random_variables([lhs, rhs], self.continuous)
            )
            check = self.verdict(st, lhs, rhs, lw, rw, other)
        except (_Failed, RandomVariablesError, CheckerConflict, SymklError, *SYMPY_FAILURES):
            return None
        finally:
            self.kinds, self.declared = kept
        return None if other.doubts else check

    def count_readings(self, reader: Reader, st: Statement, lhs, rhs, first: Check) -> Check:
        """m read as the notes' usage suggests (a count where they use it as one, else a
        number) and the other way: a guess either way where the step does not bound a sum
        with it (and, in notes that count with it, the prose bounds it too), so a verdict
        needs both readings to agree (`\\sin(\\pi m) = 0` for "a batch of size $m$";
        `1/m \\le 1` for "a margin $m > 0$" in notes that also sum to m)."""
        bounds = {
            str(hi)
            for e in (lhs, rhs)
            if isinstance(e, sp.Basic)
            for agg in e.atoms(sp.Sum, sp.Product)
            for _, _, hi in agg.limits
        }
        # as written: with m a count, SymPy has already made sin(pi m) zero
        written = f"{st.lhs.text} {st.rhs.text}"
        for name in _COUNTS_WHERE_USED + tuple(
            n for n in _COUNTS_UNLESS_SAID if n in self.said_real
        ):
            if not re.search(rf"(?<![A-Za-z\\]){name}(?![A-Za-z])", written):
                continue
            if name in self.declared or name in bounds:
                continue
            kind = self.kinds.get(name, DEFAULT_KINDS.get(name))
            if kind not in ("integer", "real"):
                continue
            words = name in self.excluded or name in self.ranges or name in self.said_real
            if kind == "integer" and not words:
                continue  # notes that count with m and say nothing else of it
            flipped = "real" if kind == "integer" else "integer"
            other = self.read_with(reader, st, {**self.kinds, name: flipped}, self.declared)
            if other is None:
                return decide_doubts(first, [f"{name} may be a count or a number"], [])
            labels = {"integer": f"{name} a count", "real": f"{name} a number"}
            first = decide_readings([(labels[kind], first), (labels[flipped], other)])
        return first

    def counted(self, offset: int, name: str, kind: str) -> None:
        """ "Let $k$ be a positive integer", "an odd integer $m$": k is sampled as one
        (unless declared)."""
        if name in self.stated or name in self.definitions:
            return
        self.faded = {k: v for k, v in self.faded.items() if k != name}
        self.ranged[name] = self.lines.line(offset)
        self.kinds = {**self.kinds, name: kind}
        self.declared = {**self.declared, name: kind}

    def value_bounded(self, offset: int, name: str, bounds: tuple) -> None:
        """`$$a := -2$$`, then in the prose, even in passing, "$a > 0$": a is no longer the
        value it was given."""
        value = self.definitions.get(name)
        if name not in self.stated and _outside(value, bounds):
            self.forget(offset, name)

    def prose_domain(self, offset: int, name: str, bounds: tuple | None) -> None:
        """`$x > -1$` in the prose: x ranges over that interval from here on (until the
        prose ranges it again), unless the front matter or the command line says otherwise;
        a range in words (bounds None) symkl does not read ends the one before; where the
        prose moves on (REACH_END), the range holds on, with its refutations withheld."""
        if bounds == REACH_END:
            if name in self.ranged:
                self.faded = {**self.faded, name: self.lines.line(offset)}
            return
        unread = bounds is None
        if name in self.in_unit and (unread or len(bounds) != 4 or _meets(bounds)):
            # a Bernoulli parameter said to be at most 1/2: in (0, 1/2]; in [0, 1]: there,
            # ends included; a range in words symkl does not read leaves it in (0, 1), its
            # refutations withheld
            bounds = _UNIT_INTERVAL if unread else _narrowed(bounds, _CLOSED_UNIT)
        elif name in self.in_unit:  # "now let $\\theta > 1$ be a rate"
            self.bernoulli, self.in_unit = self.bernoulli - {name}, self.in_unit - {name}
        if name in self.in_unit and unread:
            self.faded = {**self.faded, name: self.lines.line(offset)}
        else:
            self.faded = {k: v for k, v in self.faded.items() if k != name}
        if bounds is not None and len(bounds) == 4:
            self.bounds_said[name] = bounds
        if name in self.said_in_prose:
            # "for an arbitrary $m$": the value a prose formula gave m no longer holds
            self.forget(offset, name)
            self.said_in_prose.discard(name)
        value = self.definitions.get(name)
        variable = value is not None and not isinstance(value, sp.Lambda)
        if variable and name not in self.stated and (bounds is None or len(bounds) == 4):
            # `$$a := -2$$`, then "from now on $a > 0$": a variable again
            self.forget(offset, name)
        if name in self.stated or name in self.definitions:
            return
        scalar = name + AS_SCALAR
        if bounds is None:
            self.kinds = {k: v for k, v in self.kinds.items() if k != scalar}
            if name in self.declared:
                self.declared = {k: v for k, v in self.declared.items() if k != name}
                widest = stated_kinds(self.declared)  # as if the notes had said nothing
                kinds = {k: v for k, v in self.kinds.items() if k != name}
                self.kinds = {**kinds, **({name: widest[name]} if name in widest else {})}
            if self.kinds.get(name, DEFAULT_KINDS.get(name)) == "integer":
                # "for positive $m$": a number ranged in words, not the count its letter
                # usually names (sampled over the line, refutations withheld as for any
                # range in words)
                self.kinds = {**self.kinds, name: "real"}
            return
        if re.search(rf"\\int[^$]*?(?<![A-Za-z\\])d\s*{re.escape(name)}(?![A-Za-z])", self.text):
            return  # "a density on $x > 0$": x is what integrals run over, on their own limits
        self.ranged[name] = self.lines.line(offset)
        kind = kind_of(bounds)
        if "distribution" in (self.kinds.get(name), DEFAULT_KINDS.get(name)):
            # p in (0, 1) for a coin, p a distribution elsewhere: a vector where a step
            # indexes it, the range where a step writes it bare (`pq < p`)
            self.kinds = {**self.kinds, scalar: kind}
            return
        self.kinds = {**self.kinds, name: kind}
        self.declared = {**self.declared, name: kind}

    def isolated_step(
        self, reader: Reader, st: Statement
    ) -> tuple[tuple[str, str, dict | None], tuple[str, str, str] | None, bool]:
        """`step` in the worker process, within the step's CPU time, with the step as
        typeset and whether it is an assumption; the definitions it records come back with
        its result."""
        try:
            result, self.definitions, self.kinds, self.examples, self.optimum_points, changed = (
                self.worker.call(
                    "step",
                    reader,
                    st,
                    self.kinds,
                    self.declared,
                    (
                        self.one_hot,
                        self.ranged,
                        self.described,
                        self.faded,
                        self.changed,
                        self.new_context,
                        self.solving,
                        self.supposing,
                        self.lead_in_at,
                        self.conditions_said,
                        self.measures_said,
                    ),
                    cpu_seconds=self.seconds,
                )
            )
        except BudgetExhausted as e:
            budget_text = f"budget: the step used up its {self.seconds:g} s of CPU time ({e})"
            return ("undecided", budget_text, None), None, False
        except RuntimeError as e:  # one odd step must not end the audit
            reason = f"symkl failed on this step (an internal error, {e}); please report the line"
            return ("undecided", reason, None), None, False
        self.changed = changed
        written = f"{st.lhs.text} = {st.rhs.text}" if st.relation == "=" and st.rhs else ""
        holds = result[0][0] in {"definition", "proved", "holds-numerically"}
        measure = _MEASURE_CALL.match(st.lhs.text) if st.relation == "def" else None
        unclear = self.base_unclear_at(st.offset)
        # (refuted, or refuted as read with a doubt: the notes may mean their own either way)
        if measure and (result[0][0] in ("refuted", "ambiguous") or (unclear and not holds)):
            # `\mathrm{JS}(p, q) := ...` other than the standard one (or not shown to be it
            # where the base is one symkl does not read): the notes' own measure from here
            # on, which symkl does not read (the steps after get no verdict on it)
            self.measures_said = {
                **self.measures_said,
                measure.group("name"): self.lines.line(st.offset),
            }
        if not holds and (letter := condition_letter(written.replace("&", ""))):
            # a display `\\sigma^2 = 4`: a condition on the steps after it, as in prose (one
            # that holds for every value of its letter, `(-1)^m = -1` for odd m, fixes none)
            line = self.lines.line(st.offset)
            self.conditions_said = {
                **self.conditions_said,
                letter: [*self.conditions_said.get(letter, []), (line, written)],
            }
        return result

    def isolated_repairs(self) -> tuple[dict, ...]:
        """`find_repairs` in the worker, on the step it just refuted, within its own CPU
        time (the step's verdict is in already: the search cannot cost it)."""
        try:
            return tuple(self.worker.call("repairs", cpu_seconds=REPAIR_SECONDS + 1))
        except (BudgetExhausted, RuntimeError):
            return ()

    def _task(self, task: str, *args):
        return self._work(*args) if task == "step" else self.find_repairs()

    def find_repairs(self) -> list[dict]:
        """Edits of the refuted step that the policy confirms, checked as the step was."""
        if self.refuted is None:
            return []
        lhs, rhs, relation, kinds = self.refuted
        stated = frozenset(self.declared)
        kept, self.kinds = self.kinds, kinds  # the step's kinds, free entries and all
        try:
            return find_repairs(lhs, rhs, relation, self.checked, stated)
        finally:
            self.kinds = kept

    def _work(self, reader: Reader, st: Statement, kinds: dict, declared: dict, said: tuple):
        # the worker was forked earlier: what the prose stipulated since then comes along
        self.kinds, self.declared = kinds, declared
        self.one_hot, self.ranged, self.described, self.faded, self.changed = said[:5]
        self.new_context, self.solving, self.supposing, self.lead_in_at = said[5:9]
        self.conditions_said, self.measures_said = said[9:11]
        self.definitions = reader.definitions  # as the parent has them (the prose may unset one)
        self.value_sets = reader.value_sets  # the sets in force at the step (`values_at`)
        self.typeset, self.assumption, self.refuted = None, False, None
        result = self.step(reader, st)
        typeset = (result, self.typeset, self.assumption)
        return (
            typeset,
            self.definitions,
            self.kinds,
            self.examples,
            self.optimum_points,
            self.changed,
        )

    def bare(self, audit: FileAudit, reader: Reader, st: Statement, line: int) -> None:
        """An expression without a relation: no verdict, but say what is wrong with it;
        `P: X \\sim \\mathcal{N}(\\mu_1, \\sigma_1^2)` names the law of X, a definition of P."""
        if laws := _named_laws(st.lhs.text):
            for name, law in laws:
                self.name_law(audit, reader, line, name, law)
            return
        try:
            with budget(self.seconds):  # read here, not in the worker: bounded all the same
                _, value = self.read(reader, st.lhs)
        except _Failed as e:
            audit.notes.append((line, f"expression not read: {e.reason}"))
            return
        except BudgetExhausted:
            audit.notes.append((line, f"expression not read in {self.seconds:g} s of CPU time"))
            return
        if isinstance(value, list):
            return
        bound = {v for s in value.atoms(sp.Sum, sp.Product) for v in s.variables}
        loose = {
            str(i.indices[0])
            for i in value.atoms(sp.Indexed)
            if i.indices[0] in bound and i.indices[0] in value.free_symbols
        }
        for index in sorted(loose):
            audit.notes.append(
                (
                    line,
                    f"index {index} is used outside the sum that binds it: missing brackets "
                    f"around the summand? (read as {show(value)})",
                )
            )

    def name_law(
        self, audit: FileAudit, reader: Reader, line: int, name: str, law_source: str
    ) -> None:
        """`P: X \\sim \\mathcal{N}(...)`: P is that distribution from here on (a normal
        distribution only: other laws symkl does not write out)."""
        if name in self.definitions:
            audit.notes.append((line, f"{name} is defined already: this law is not read"))
            return
        try:
            with budget(self.seconds):
                value = reader.parse(expand(law_source, self.macros))
        except (Unreadable, MacroError, BudgetExhausted, RecursionError):
            value = None
        if not _is_normal_law(value):
            audit.notes.append((line, f"the law of {name} is not read: only a normal one is"))
            return
        if self.declare_law_parameters(value):
            reader.kinds = self.kinds
            value = reader.parse(expand(law_source, self.macros))
        self.definitions[name] = value
        audit.steps.append(
            StepAudit(
                line,
                "=",
                name,
                " ".join(law_source.split()),
                "definition",
                f"defined: {name} = {show(value)}",
                None,
            )
        )

    def under_settings(self, reader: Reader, lhs, rhs) -> tuple:
        """The sides with the names of a prose setting (`$\\sigma_1 = \\sigma_2 = \\sigma$`,
        said before the step and in reach of it) equal to its common name, where the step
        writes that name: it is read in the setting the notes made for it."""
        for said, end, names in self.settings:
            if not said < self.offset < end:
                continue
            try:
                values = [reader.parse(expand(n, self.macros)) for n in names]
            except (Unreadable, MacroError):
                continue
            common, others = values[-1], {str(v) for v in values[:-1]}
            sides = [e for e in (lhs, rhs) if isinstance(e, sp.Basic)]
            written = {s for e in sides for s in e.free_symbols}
            named = [s for s in written if isinstance(s, sp.Symbol) and str(s) == str(common)]
            if isinstance(common, sp.Symbol) and named:
                # by name: the step's sigma_1 may carry other assumptions than the prose's
                subs = {
                    a: named[0]
                    for e in sides
                    for a in e.atoms(sp.Symbol, sp.Indexed)
                    if str(a) in others
                }
                lhs, rhs = (_set(e, subs) if isinstance(e, sp.Basic) else e for e in (lhs, rhs))
                reader.notes.append(f"read with {' = '.join(names)} (line {self.lines.line(said)})")
        return lhs, rhs

    def said_of_all(self, st: Statement) -> list[str]:
        """A claim in a sentence that says it of every value ("Every three-symbol source
        has this same entropy, $H(p) = ...$, whatever its weights") about a name given a
        value before: symkl checks it at that value only."""
        if st.rhs is None or not self.in_sentence(st):
            return []
        start = max(self.prose.rfind(". ", 0, st.offset), self.prose.rfind("\n\n", 0, st.offset))
        ends = [
            e
            for e in (self.prose.find(". ", st.offset), self.prose.find("\n\n", st.offset))
            if e >= 0
        ]
        sentence = self.prose[start + 1 : min(ends, default=len(self.prose))]
        if not _SAID_OF_ALL.search(re.sub(r"\$[^$]*\$", " ", sentence)):
            return []
        text = f"{st.lhs.text} {st.rhs.text}"
        given = [name for name, value in self.definitions.items() if _given_value(value)]
        given += [  # values in the prose that still hold here (not one said in passing)
            n
            for n, said in self.prose_values.items()
            if any(at <= self.line and (end is None or self.line < end) for at, end, _ in said)
        ]
        return [
            f"the sentence says it of every {name}, and symkl checks it at the value given before"
            for name in sorted(set(given))
            if _writes(name, text)
        ]

    def changed_doubts(self, st: Statement) -> list[str]:
        """Names the step writes whose given values a sentence may have changed in words
        (read from the text: the values are substituted by now)."""
        text = f"{st.lhs.text} {st.rhs.text}"
        return [
            f"the prose (line {at}) may change {name} in words since its values were given, "
            f"which symkl does not read"
            for name, at in sorted(self.changed.items())
            # a number's letter, not `D(p \\| q)` or `D_{KL}` after `$D = 3$`
            if _writes(name, text, scalar=not isinstance(self.definitions.get(name), sp.Tuple))
        ]

    def unnormalized_here(self, lhs, rhs) -> dict[str, int]:
        """Distribution letters of the step that the prose says do not sum to one, with the
        line that says so."""
        sides = [e for e in (lhs, rhs) if isinstance(e, sp.Basic)]
        letters = {str(i.base.label) for e in sides for i in e.atoms(sp.Indexed)}
        return {
            name: at
            for name, (at, by_formula, _, said) in sorted(self.unnormalized.items())
            if name in letters and self.kinds.get(name, DEFAULT_KINDS.get(name)) == "distribution"
            if not by_formula or at <= self.line  # a formula's entries hold from its line on
            # "Let $q$ be a distribution" between the latest words and the step ends them
            if not any(
                # (or the words themselves: "a distribution ... with all $p_k > 0$")
                max([s for s in said if s <= self.line], default=at) <= called <= self.line
                for called in self.called_laws.get(name, [])
            )
        }

    def free_entries(self, lhs, rhs) -> dict[str, str]:
        """Kinds for the letters the prose says in so many words do not sum to one and
        whose entries it bounds within [0, 1] ("probabilities of $N$ different events, each
        $q_t \\in (0, 1]$, that do not add up to one"): numbers in (0, 1), the step read
        with those entries free. The reading is what the prose says, not a guess: a
        positive vector, or entries said to be positive only, stay a doubt."""
        out = {}
        for name in self.unnormalized_here(lhs, rhs):
            ranged = [line for line in self.entry_ranges.get(name, []) if line <= self.line]
            bounds = self.numeric_ranges.get(name, {}).get(ranged[-1], []) if ranged else []
            said = self.unnormalized[name][3]
            if ranged and _within_unit(bounds) and set(said) & self.totals_denied:
                out[name] = "probability"
        return out

    def argument_ranges(self, st: Statement) -> dict[str, str]:
        """Kinds for the letters the step passes bare to a function the notes define on a
        range (`h(p) = ..., \\quad 0 \\le p \\le 1`, then `h(q) \\le 1`) and range no other
        way: the function's domain, where alone the step means anything."""
        text = " ".join(side.text for side in (st.lhs, st.rhs) if side is not None)
        section = self.section_start(st.offset)
        said = self.prose[section : st.offset]  # "for a nonzero real $s$ of either sign"
        out = {}
        for key, domain in self.definitions.items():
            if not key.endswith(":domain"):
                continue
            name = re.escape(key.removesuffix(":domain"))
            # h(p), h'(p), h^{\prime}(p), \left( ... \right)
            call = rf"(?<![A-Za-z\\]){name}(?:'|\^\{{?\\prime\}}?)*\s*(?:\\left)?\("
            for m in re.finditer(call + r"\s*(\\?[A-Za-z]+)\s*(?:\\right)?\)", text):
                letter = name_of(m.group(1))
                if (
                    letter
                    and letter not in self.declared
                    and self.range_said(letter, self.line) is None
                    and not re.search(rf"\$\s*{re.escape(m.group(1))}\s*\$", said)
                ):
                    out[letter] = range_kind(domain)
        return out

    def restated_doubts(self, lhs, rhs) -> list[str]:
        """Letters of the step that the prose before it ranges beyond what the front matter
        or the command line states of them: symkl samples the statement, the notes may mean
        their prose."""
        return [
            f"the notes range {name} anew on line {said[-1]}, beyond the stated "
            f"'{name}: {self.stated[name]}' that symkl samples"
            for name in sorted(_step_names(lhs, rhs)[0] & set(self.restated))
            if (said := [at for at in self.restated[name] if at <= self.line])
        ]

    def iterates_as_powers(self, text: str) -> list[str]:
        """A letter raised to an iteration's index (`\\theta^{t+1}`, `\\pi^{t}`) in notes
        that speak of iterations: the t-th iterate, or a power? symkl reads a power."""
        if not _ITERATIONS.search(self.prose) or _POWERS_SAID.search(self.prose):
            return []
        return [
            f"{m.group(0).strip()} may be an iterate (the notes speak of iterations), which "
            "symkl reads as a power"
            for m in _ITERATE_POWER.finditer(text)
        ][:1]

    def clause_ranged(self) -> dict[str, str]:
        """Kinds for the letters the step's own condition ranges (`\\ln x \\le x - 1, \\quad
        x > 0`): the step is claimed there only; a distribution letter (p) as a number."""
        out = {}
        for name, kind in self.clause_kinds.items():
            vector = "distribution" in (self.kinds.get(name), DEFAULT_KINDS.get(name))
            out[name + AS_SCALAR if vector else name] = kind
        return out

    def listed_lengths(self) -> dict[str, str]:
        """Lengths of the vectors the prose lists whole before the step (`$p = (p_1, p_2)$`):
        sampled with that many entries where no sum of the step runs to a size letter."""
        return {
            name + LENGTH: str(said[-1][1])
            for name, listed in self.listed_vectors.items()
            if (said := [at for at in listed if at[0] <= self.line])
        }

    def entries_valued(self, lhs, rhs) -> list[str]:
        """A vector of the step one of whose particular entries the prose gives a number
        before it (`$p_{k+1} = 0$`): symkl samples that entry freely, so a failure may be
        one the value excludes."""
        sides = [e for e in (lhs, rhs) if isinstance(e, sp.Basic)]
        labels = {str(i.base.label) for e in sides for i in e.atoms(sp.Indexed)}
        return [
            f"the prose gives {formula} (line {at}), which symkl does not substitute: the step "
            "may hold with it"
            for name in sorted(labels & set(self.entry_values))
            for at, formula in [at for at in self.entry_values[name] if at[0] <= self.line][-1:]
        ]

    def not_distributions(self, lhs, rhs) -> list[str]:
        """Distribution letters of the step that the prose says do not sum to one, with no
        range for their entries that symkl could sample instead."""
        return [
            f"the prose (line {at}) gives {name} entries that need not sum to one, and symkl "
            f"samples it as a distribution"
            for name, at in self.unnormalized_here(lhs, rhs).items()
        ]

    def supposed_case(self, reader: Reader, st: Statement, lhs, rhs) -> "_Case | None":
        """The case the prose supposes before the step that names letters of the step: its
        letters made one (`when $p = q$`, `$s_1 = s_2 = s$`: each side's letter becomes the
        last side's), or a vector's entries given by a formula (`suppose $q_i = 1/n$`). None
        where there is none, or its sides are not what symkl finds in the step."""
        self.case_settled = None
        if st.relation not in _NEGATED and st.relation != "=":
            return None
        names = _step_symbols(lhs, rhs)
        said = [
            (at, formula)
            for name, cases in self.equal_in_words.items()
            for at, end, formula in [c for c in cases if c[0] <= self.line][-1:]
            if end is None or self.line < end
            if name in {_base_name(n) for n in names}
        ]
        # "for the rest of this section take $\\gamma = 2$": a number given a scalar of the
        # step (not a size or index) for what follows (a value said otherwise may be a
        # remark or an exception: `example_values` weighs it)
        said += [
            (at, f"{name} = {value}")
            for name, given in self.prose_values.items()
            if name in names and not names[name].is_integer
            if (bearing := self.value_bearing(given, self.line)) and bearing[0] <= self.line
            for at, value in [bearing]
            if persists(self.prose_rows[at - 1])
        ]
        if not said:
            return None
        at, formula = max(said)
        if any(at < h <= self.line for h in self.headings):
            return None  # said in another section
        sides = re.split(r"(?<![<>!:=\\])=(?!=)", formula)
        after = self.lines.starts[min(at, len(self.lines.starts) - 1)]  # the next line's start
        said_line = self.prose_rows[at - 1]
        rest = said_line[max(said_line.find(formula), 0) :]
        # no prose between, and no sentence after the case's on its line ("... when $p=q$,
        # KL = 0. This is acceptable because ..., with $p$ fixed:")
        right_after = re.search(r"[A-Za-z]{3}", self.prose[after : st.offset]) is None
        right_after = right_after and not re.search(r"[.!?]\s+[A-Z]", rest)
        # "for the rest of this section take ...": every display of the section after it
        right_after = right_after or persists(self.prose_rows[at - 1])
        if (value := _NUMBER.fullmatch(sides[-1].strip())) and (name := sides[0].strip()) in names:
            number = sp.Rational(value.group(0))
            return _Case(
                at, formula, partial(_made_one, {names[name]: number}), {name}, right_after
            )
        written = [_written_name(side) for side in sides]
        if None not in written:
            target = written[-1]
            swap = {
                names[side]: sp.Symbol(target, **names[side].assumptions0)
                for side in written[:-1]
                if side in names and side != target
            }
            if not swap:
                return None
            names = {s.name for s in swap} | {target}
            return _Case(at, formula, partial(_made_one, swap), names, right_after)
        try:
            entry, value = reader.parse(sides[0]), reader.parse(sides[1])
        except Unreadable:
            return None
        if not isinstance(entry, sp.Indexed) or len(entry.indices) != 1:
            return None
        if not isinstance(value, sp.Expr) or value.has(entry.base):
            return None
        label = entry.base.label
        # `q_i = 1/m` where the step sums q to n: the notes' q has m entries, not the q read
        runs = {
            hi
            for e in (lhs, rhs)
            for agg in unfold(e).atoms(sp.Sum)
            for var, _, hi in agg.limits
            if any(i.base.label == label and var in i.indices for i in agg.atoms(sp.Indexed))
        }
        sizes = {s.name for s in value.free_symbols if s.name in _SIZE_NAMES}
        if sizes - {str(hi) for hi in runs}:
            return None
        given = partial(_entries_given, label, entry.indices[0], value)
        return _Case(at, formula, given, {str(label)}, right_after)

    def failed_in_case(self, case: "_Case", lhs, rhs, relation: str, result: Check) -> Check:
        """A step refuted as read, checked in the case the prose supposes before it (not
        right after it, where that case may no longer be meant): a failure in that case is
        a failure whatever the notes mean, and its sentence's doubts are settled."""
        if result.verdict is not Verdict.REFUTED:
            return result
        again = self.checked(case.apply(lhs), case.apply(rhs), relation)
        if again.verdict is not Verdict.REFUTED:
            return result
        self.case_settled = (case.line, case.names)
        return Check(Verdict.REFUTED, f"{case.said}: {again.reason}", again.counterexample)

    def conditioned(self, lhs, rhs, counterexample: dict | None = None) -> list[str]:
        """Letters of the step that the prose fixes before it through an equation symkl
        does not solve ("$\\sigma^2 = 4$", "mean $1/\\lambda = 2$"): sampled freely, a
        failure may be one the condition excludes (unless the condition holds at it)."""
        names = {s.name for e in (lhs, rhs) if isinstance(e, sp.Basic) for s in e.free_symbols}
        out = [
            f"the prose (line {at}) states {formula}, which symkl does not solve for {name}: "
            "the step may hold under it"
            for name, said in sorted(self.conditions_said.items())
            if name in names
            for at, formula in said[-1:]
            if at <= self.line
            if not _holds_at(formula, counterexample)
        ]
        labels = names | {
            str(i.base.label)
            for e in (lhs, rhs)
            if isinstance(e, sp.Basic)
            for i in e.atoms(sp.Indexed)
        }
        return out + [
            f"the prose (line {at}) supposes {formula}, which symkl does not substitute: the "
            "step may be about that case"
            for name, said in sorted(self.equal_in_words.items())
            if name in labels
            for at, end, formula in [s for s in said if s[0] <= self.line][-1:]
            if end is None or self.line < end
            if not self.settled_case(at, name)
        ]

    def labels_in_words(self, lhs, rhs) -> list[str]:
        """A letter sampled over its default range (y a label in [0, 1]) where the prose
        before the step speaks of values, labels or signs in words symkl does not read
        ("plus or minus one", `$y = \\pm 1$`, "instead of"): a failure in [0, 1] may be
        outside the values meant (adversary round 90)."""
        names = {s.name for e in (lhs, rhs) if isinstance(e, sp.Basic) for s in e.free_symbols}
        names |= {
            str(i.base.label)
            for e in (lhs, rhs)
            if isinstance(e, sp.Basic)
            for i in e.atoms(sp.Indexed)
        }
        before = self.prose[: self.offset]
        return [
            f"the prose speaks of the values of {name} in words symkl does not read: "
            f"declare them ('{name}: ...') for a verdict"
            for name in sorted(names)
            if DEFAULT_KINDS.get(name) == "label"
            and name not in self.declared
            and name not in self.value_sets
            and _values_touched(before)
        ]

    def case_after(self, said: int, name: str, line: int) -> bool:
        """Is what the prose says of `name` on line `said`, after the step's `line`, the
        case it supposes there (`when $p = q$`): about the displays after it, not this one."""
        return said > line and any(at == said for at, _, _ in self.equal_in_words.get(name, []))

    def settled_case(self, line: int, name: str) -> bool:
        """Was the step checked in the case the prose supposes on `line`, which names
        `name` (`in_supposed_case`)?"""
        settled = self.case_settled
        return (
            settled is not None
            and settled[0] == line
            and any(_base_name(n) == _base_name(name) for n in settled[1])
        )

    def entries_ranged(self, lhs, rhs, st: Statement) -> list[str]:
        """Distribution letters of the step whose entries the prose ranges as numbers
        (`$p_t \\in (0, 1]$`) and never calls a distribution: a confirmation that rests on
        their summing to one may not be meant, unless the step is confirmed with their
        entries free in (0, 1) as well (a failure at a distribution stays one)."""
        labels = _step_names(lhs, rhs)[1]
        ranged = {
            name: said[-1]
            for name in sorted(labels)
            if (said := [at for at in self.entry_ranges.get(name, []) if at <= self.line])
            if name not in self.declared and name not in self.normalized
            if self.kinds.get(name, DEFAULT_KINDS.get(name)) == "distribution"
            if not any(at <= self.line for at in self.called_laws.get(name, []))
        }
        if not ranged or st.relation not in ("=", "<=", ">=", "<", ">"):
            return []
        free = dict.fromkeys(ranged, "probability")  # entries in (0, 1), no sum
        if self.checked(lhs, rhs, st.relation, free).verdict in _CONFIRMED:
            return []
        return [
            f"the prose (line {at}) gives the entries of {name} a range, not a sum: symkl "
            f"samples {name} as a distribution"
            for name, at in ranged.items()
        ]

    def extremes_said(self, lhs, rhs) -> list[tuple[int, str, str, str]]:
        """(line, vector, index, "max" or "min") for each entry of the step the prose makes
        the largest or smallest of its vector ("for $z_k$ the largest logit")."""
        out = set()
        sides = [e for e in (lhs, rhs) if isinstance(e, sp.Basic)]
        for entry in {i for e in sides for i in e.atoms(sp.Indexed) if len(i.indices) == 1}:
            name, index = str(entry.base.label), str(entry.indices[0])
            said = [
                s
                for s in self.extremes.get(name, [])
                if s[0] <= self.line and (s[1] is None or self.line < s[1])
            ]
            if said and said[-1][3] == index:
                out.add((said[-1][0], name, index, said[-1][2]))
        return sorted(out)

    def extreme_entries(self, lhs, rhs, counterexample: dict | None) -> list[str]:
        """`extremes_said`: sampled freely, so a failure stands only where that entry is the
        largest (smallest) at the point."""
        return [
            f"the prose (line {at}) makes {name}_{index} the {_EXTREMES[which]} entry, which "
            "symkl does not sample"
            for at, name, index, which in self.extremes_said(lhs, rhs)
            if not _at_extreme(counterexample, name, index, which)
        ]

    def labelled_quantities(self, lhs, rhs) -> list[str]:
        """Quantities named with a label (`H_{\\text{bits}}`, `L_{\\text{CE}}`) that no
        display defines: the notes may relate them in words, which sampling them as free
        numbers ignores."""
        names = sorted(
            s.name
            for e in (lhs, rhs)
            if isinstance(e, sp.Basic)
            for s in e.free_symbols
            if re.fullmatch(r"[A-Za-z]+_[A-Za-z]{2,}", s.name)
            and s.name not in self.definitions
            and s.name not in self.declared
        )
        # `H_b = H_n / \\ln 2`: H in bits and in nats, or two entries of a vector H
        free = {
            f"H_{entry.indices[0]}"
            for e in (lhs, rhs)
            if isinstance(e, sp.Basic)
            for entry in e.atoms(sp.Indexed)
            if str(entry.base.label) == "H"
            and isinstance(entry.indices[0], sp.Symbol)
            and entry.indices[0] in e.free_symbols
        }
        if len(free) > 1:
            names += sorted(free)
        if not names:
            return []
        return [f"{', '.join(names)}: named by a label, defined in no display (the prose may)"]

    def set_entries(self, lhs, rhs) -> list[str]:
        """Entries the notes set with `:=` (`sigma_1 := -2`) that the step writes."""
        sides = [e for e in (lhs, rhs) if isinstance(e, sp.Basic)]
        written = {str(i) for e in sides for i in e.atoms(sp.Indexed)}
        set_here = sorted(
            k[:-2] for k in self.definitions if k.endswith(":=") and k[:-2] in written
        )
        if not set_here:
            return []
        return [f"{', '.join(set_here)} set earlier to a value symkl does not substitute"]

    def declare_law_parameters(self, law: sp.Basic) -> bool:
        """A normal law `N(mu_1, sigma_1^2)` says what its letters are: the mean's letters
        are real numbers and sigma_1, whose square is the variance, a standard deviation
        (positive). Declares the families the notes have not; True if it declared one."""
        mean, second = law.args
        stated = {_family(s): "real" for s in _letters(mean)}
        base, exponent = second.as_base_exp()
        if exponent == 2 and isinstance(base, (sp.Symbol, sp.Indexed)):
            stated[_family(base)] = "positive"
        said = set(self.ranges) | set(self.described) | set(self.definitions)
        new = {
            k: v
            for k, v in stated.items()
            if k not in self.declared
            # the notes say something of the letter themselves: that, not the law's reading
            and not any(n == k or n.startswith((k + "_", k + "[")) for n in said)
        }
        if not new:
            return False
        self.kinds = {**self.kinds, **new}
        self.declared = {**self.declared, **new}
        return True

    def step(self, reader: Reader, st: Statement) -> tuple[str, str, dict | None]:
        before = dict(self.definitions)
        result = self._step(reader, st)
        name = _defined_name(st.lhs.text) or (_call_text(st.lhs.text) or [None])[0]
        if result[0] == "definition" and name:
            self.changed.pop(name, None)  # given again
            if self.definitions.get(name) != before.get(name):
                self.stale_after(name, before, self.lines.line(st.offset))
        if result[0] == "definition" and name and _PLAIN_LOG.search(st.rhs.text):
            self.definitions[f"{name}:log"] = sp.true  # its logs were read under one base
        return result

    def _step(self, reader: Reader, st: Statement) -> tuple[str, str, dict | None]:
        self.conditions, self.solved_points, self.clauses = [], set(), []
        self.clause_kinds = {}
        self.line = self.lines.line(st.offset)
        self.offset = st.offset
        if st.relation == "def" and (name := _defined_name(st.lhs.text)):
            # NAME := ... replaces an earlier meaning from here on; the left side is read
            # without it
            self.definitions.pop(name, None)
            reader.definitions.pop(name, None)
        if st.relation == "def" and (logged := _logged_name(st.lhs.text)):
            # "Let $\log L(\theta) = ...$": L defined anew by its log
            for key in (logged, f"{logged}:by-log"):
                self.definitions.pop(key, None)
                reader.definitions.pop(key, None)
        if st.fresh:
            return self.fresh(reader, st)
        st = _unit_blanked(st)
        # a step that differentiates in pi reads pi as a variable on both sides
        reader.pi_varies = st.rhs is not None and pi_varies(f"{st.lhs.text} {st.rhs.text}")
        try:
            lw, lhs = self.read(reader, st.lhs)
        except _Failed as e:
            call = _call_text(st.lhs.text)
            if not (st.relation == "def" and call and "_" in call[0]):
                return "unparsed", f"left side: {e.reason}", None
            lw, lhs = None, None  # H_b(p) := ...: `define` reads it as a function

        if (
            st.relation == "def"
            and isinstance(lhs, sp.Indexed)
            and all(i.is_Integer for i in lhs.indices)
        ):
            # sigma_1 := -2: an entry set to a value, which symkl does not substitute; the
            # steps that write it are not refuted (`set_entries`)
            self.definitions[f"{lhs}:="] = lhs
            return "definition", f"{show(lhs)} is set here; symkl does not substitute it", None
        if st.relation in ("def", "=") and (defined := self.define(lhs, st, reader)):
            return defined
        if lhs is None:
            return "unparsed", "left side: a function definition symkl could not read", None
        if st.relation == "def" and _updated_name(st):
            # w := w + Delta w: an update of w, not a claim that they are equal
            return "definition", "an update: the name is on both sides, not a claim", None
        try:
            rw, rhs = self.read(reader, st.rhs)
        except _Failed as e:
            return "unparsed", f"right side: {e.reason}", None
        self.typeset = step_latex(lhs, st.relation, rhs, lw, rw)
        if (
            st.relation == "="
            and lw is None
            and isinstance(lhs, sp.Indexed)
            and all(i.is_Integer or str(i) == "e" for i in lhs.indices)  # H_2, H_e
            and str(lhs.base) not in {**self.definitions, **self.declared}
            and f"{lhs}:=" not in self.definitions
            and isinstance(rhs, sp.Expr)
            and _constant(rhs)
        ):
            # `H_2 = \\log_2 6` for an H with no value: the value of a quantity so named (as
            # `H = \\log_2 6` is), not a claim about an entry of a free vector
            self.definitions[f"{lhs}:="] = lhs
            return "definition", f"{show(lhs)} is set here; symkl does not substitute it", None
        if isinstance(lhs, list) or isinstance(rhs, list):
            return "unparsed", "a set literal is only read as a definition (NAME = {...})", None
        variables = any(isinstance(e, sp.Basic) and e.has(Measure) for e in (lhs, rhs))
        try:
            lhs, rhs = expand_random_variables([lhs, rhs], self.continuous)
        except RandomVariablesError as e:
            return "unparsed", str(e), None
        lhs, rhs = expand_latent([lhs, rhs])
        try:
            lhs, rhs = expand_vectors([lhs, rhs])
        except VectorsError as e:
            return "unparsed", str(e), None
        if not (
            self.e_otherwise or {"E", "Var", "Cov"} & (set(self.definitions) | set(self.declared))
        ):
            lhs, rhs = expand_moments([lhs, rhs])
        lhs, rhs = self.under_settings(reader, lhs, rhs)
        if (condition := self.condition(lhs, rhs, st.relation)) is not None:
            return condition
        redefined = self.redefined(st)
        as_read = None
        computing = lw is None and rw is None and st.relation in ("=", "approx")
        computed = self.computed_at_values(lhs, rhs) if computing else None
        if computed is not None:  # D(p || q) = 0.1927 after "two coins, $p = 0.2$, $q = 0.5$"
            lhs, rhs = lhs.xreplace(computed[0]), rhs.xreplace(computed[0])
        # (not into an optimum: `\\min_q` binds the q a case `p = q` would replace)
        self.case_settled = None
        case = self.supposed_case(reader, st, lhs, rhs) if lw is None and rw is None else None
        if case is not None and case.right_after:
            # the displays right after "when $p = q$": about that case, checked in it
            lhs, rhs = case.apply(lhs), case.apply(rhs)
            self.case_settled = (case.line, case.names)
        kinds, free = (
            self.kinds,
            {
                **self.free_entries(lhs, rhs),
                **self.argument_ranges(st),
                **self.clause_ranged(),
                **self.listed_lengths(),
                **{
                    name + VALUES: ",".join(str(v) for v in given)
                    for name, given in self.value_sets.items()
                    if name not in self.declared
                },
            },
        )
        self.kinds = reader.kinds = {**kinds, **free}
        # the display's own condition states the range of a letter (this step only: the
        # worker is given the notes' declarations afresh for the next one)
        self.declared = {
            **self.declared,
            **{n: k for n, k in self.clause_ranged().items() if not n.endswith(AS_SCALAR)},
        }
        try:
            result = self.verdict(st, lhs, rhs, lw, rw, reader)
            if self.alternatives or self.notation.readings(reader.notation, st):
                result = self.other_readings(reader, st, lhs, rhs, result)
            if case is not None and case.right_after:
                result = replace(result, reason=f"{case.said}: {result.reason}")
            elif case is not None:
                result = self.failed_in_case(case, lhs, rhs, st.relation, result)
            conditions = list(self.conditions)
            # with a range from the prose in force, a confirmation may rest on that range
            # rather than on the display's own condition: no verdict either way
            ranged = set(_step_names(lhs, rhs)[2]) & (set(self.declared) - set(self.stated))
            guessed = conditions if ranged else []
            result = self.count_readings(reader, st, lhs, rhs, result)
            result = decide_jumps(result, _jumps(lhs, rhs))
            as_read = result.verdict
            result = decide_doubts(
                result,
                list(dict.fromkeys(reader.doubts))
                + self.matrices_read_as_numbers(st.lhs.text, st.rhs.text)
                + _e_notation(f"{st.lhs.text} {st.rhs.text}")
                + self.iterates_as_powers(f"{st.lhs.text} {st.rhs.text}")
                + self.restated_doubts(lhs, rhs)
                + _e_both_ways(reader, f"{st.lhs.text} {st.rhs.text}")
                # p_k is not the p ranged as a number: scalars only
                + self.faded_doubts(_step_names(lhs, rhs)[0], result, reader, st)
                + self.measures_in_words(lhs, rhs)
                + self.densities_read_as_laws(lhs, rhs)
                + self.partial_sums(reader, lhs, rhs)
                + self.changed_doubts(st)
                + self.said_of_all(st)
                # a failure where the lengths are equal stands: confirmations only
                + (_two_lengths(reader, lhs, rhs) if result.verdict in _CONFIRMED else [])
                + (self.entries_ranged(lhs, rhs, st) if result.verdict in _CONFIRMED else [])
                + self.unlisted_entries(lhs, rhs)
                + self.mixed_indices(lhs, rhs)
                + guessed
                + self.not_distributions(lhs, rhs)
                + self.worded_case(st, lhs, rhs, computed)
                + self.matrices_as_laws(lhs, rhs),
                redefined
                + self.entries_valued(lhs, rhs)
                + self.equation_solved(st, lhs, rhs)
                + self.kinds_not_applied(lhs, rhs)
                + (
                    ["the prose before it states a condition in words"]
                    if self.supposing and computed is None and not self.in_sentence(st)
                    else []  # (not for a claim in a sentence: `claims_in_words` chose those)
                )
                + _case_variants(lhs, rhs)
                + _additive_constants(lhs, rhs)
                + _labelled(lhs, rhs, self.solved_points)
                + _means(lhs, rhs, self.definitions)
                + self.set_entries(lhs, rhs)
                + self.conditioned(lhs, rhs, result.counterexample)
                + self.labels_in_words(lhs, rhs)
                + self.extreme_entries(lhs, rhs, result.counterexample)
                + self.labelled_quantities(lhs, rhs)
                + self.ranges_stated(lhs, rhs, result.counterexample, self.lines.line(st.offset))
                + self.undefined_in_words(result.counterexample)
                + self.indices_outside(lhs, rhs, result.counterexample)
                + self.vectors_given(lhs, rhs)
                + self.values_tabled(lhs, rhs)
                + self.particular_measure(lhs, rhs, st.relation, result)
                + (
                    [
                        "the random variables may be particular ones the notes give outside "
                        "display math (a table, values, independence)"
                    ]
                    if variables and self.particular_here(self.lines.line(st.offset))
                    else []
                )
                + (
                    [
                        "a size in the step may be the number of values of a random "
                        "variable, which symkl samples apart"
                    ]
                    if variables and _sizes_beside_variables(lhs, rhs)
                    else []
                )
                + self.example_values(
                    lhs,
                    rhs,
                    self.lines.line(st.offset),
                    {"def": "="}.get(st.relation, st.relation)
                    if result.verdict is Verdict.REFUTED
                    else None,
                    st,
                )
                + (conditions if not ranged else [])
                + (
                    [f"it is {st.joined}, no claim of its own: symkl does not check implications"]
                    if st.role
                    else []
                ),
            )
        except BudgetExhausted:
            raise
        except (CheckerConflict, SymklError) as e:
            result = no_verdict(f"the checker could not decide: {e}")
        except PROGRAMMING_ERRORS as e:  # a bug in symkl: said as one, not as a limit
            result = no_verdict(
                f"symkl failed on this step (an internal error, {type(e).__name__}); "
                f"please report the line"
            )
        except Exception as e:  # a step SymPy cannot handle must not stop the audit
            result = no_verdict(f"no method for this step ({type(e).__name__}: {e})")
        finally:  # the free entries are this step's reading only
            self.kinds = reader.kinds = {
                **{k: v for k, v in self.kinds.items() if k not in free},
                **{k: kinds[k] for k in free if k in kinds},
            }
        reason = result.reason
        if computed is not None:
            reason = f"at the values the prose gives ({computed[1]}): {reason}"
        vectors = isinstance(lhs, sp.MatrixBase) or isinstance(rhs, sp.MatrixBase)
        if result.verdict is Verdict.REFUTED and not vectors and lw is None and rw is None:
            relation = {"def": "="}.get(st.relation, st.relation)
            self.refuted = (lhs, rhs, relation, {**kinds, **free})  # repaired as read
        if result.verdict is Verdict.UNDECIDED and not vectors:
            space = NoteSpace.for_step([lhs, rhs], self.kinds)
            reason += f"; the sides differ by {self.residual(lhs - rhs, space)}"
        if result.verdict is Verdict.REFUTED and (densities := _densities(lhs, rhs, self.kinds)):
            reason += f" ({densities}: normal densities, given as [mean, standard deviation])"
        if reader.notes and result.verdict in (Verdict.REFUTED, Verdict.UNDECIDED):
            reason += "; note: " + "; ".join(dict.fromkeys(reader.notes))
        left = st.lhs.text.replace("&", " ")
        name = (_call_text(left) or [None])[0] or _bare_name(left)
        if redefined and name and as_read not in (Verdict.PROVED, Verdict.HOLDS_NUMERICALLY):
            # a name stated anew and not as it was: which value later steps mean is unclear
            # (a function's calls are not read from here on, nor is a later formula for it
            # taken as its definition)
            function = isinstance(self.definitions.get(name), sp.Lambda)
            self.definitions = {k: v for k, v in self.definitions.items() if k != name}
            if function:
                self.definitions[name] = UNREAD
        return str(result.verdict), reason, result.counterexample

    def other_readings(self, reader: Reader, st: Statement, lhs, rhs, first: Check) -> Check:
        """The step read the other ways the notes leave open (`\\log` to base 2 where they
        speak of bits without a base; `\\sigma(x)` as sigma times x where sigma is also a
        scale; e and N(mu, s) as `Conventions.readings` says): a verdict needs every reading
        that reads differently to agree."""
        alternatives = self.alternatives + self.notation.readings(reader.notation, st)
        natural = _natural_logs(f"{st.lhs.text} {st.rhs.text}")
        if reader.log_stated and reader.log_base != sp.E and natural:
            # "entropy is measured in bits", then `\log(1 + e^z)`: the step's own logs may
            # well be natural
            said = f"logs to base {reader.log_base} (as the notes say)"
            alternatives = [*alternatives, (said, _STEP_NATURAL, {"log_base": sp.E})]
        # a base the notes state in words symkl does not read ("base $10^3$"): natural logs,
        # base 2 and base 10 are guesses, even where the step's logs look natural; a verdict
        # needs the step to hold whatever the base (a letter for it)
        unclear = self.base_unclear_at(st.offset)
        if unclear and _PLAIN_LOG.search(f"{st.lhs.text} {st.rhs.text}"):
            other = "logs to any base (the notes state one symkl does not read)"
            alternatives = [*alternatives, ("natural logs", other, {"log_base": _ANY_BASE})]
        readings, firsts = [("", first)], []
        base_open = False  # a reading with another base was tried
        for first_label, label, changes in alternatives:
            stated = reader.log_stated and label != _STEP_NATURAL
            if "log_base" in changes and stated:
                continue  # the notes said which base \log is to before this step
            # (which base `\log` is to says nothing of `\log_2`: "values in nats", then
            # `H(p) := -\sum_i p_i \log_2 p_i` makes H in bits; both readings stay)
            base_open = base_open or "log_base" in changes or "measure_base" in changes
            if "log_base" in changes and natural and label != _STEP_NATURAL and not unclear:
                continue  # `KL(...) = \ln 2 + ...`, `\log(1 + e^z)`: natural logs, by the step
            if label == _MEASURES_IN_BITS and (not natural or reader.log_stated):
                continue  # (plain logs: read to base 2 above; a base stated: the unit's)
            if label == _H_B_IN_BITS and not _BINARY_ENTROPY_FUNCTION.search(
                f"{st.lhs.text} {st.rhs.text}"
            ):
                continue  # H and D the step writes have the unit of \\log
            if "sigma_product" in changes and st.offset > self.sigmoid_from:
                continue  # the notes said sigma(x) is the sigmoid before this step
            other = replace(reader, doubts=[], notes=[], **changes)
            try:
                lw2, lhs2 = self.read(other, st.lhs)
                rw2, rhs2 = self.read(other, st.rhs)
                lhs2, rhs2 = self.under_settings(
                    other, *expand_random_variables([lhs2, rhs2], self.continuous)
                )
            except (_Failed, RandomVariablesError):
                continue
            computing = lw2 is None and rw2 is None and st.relation in ("=", "approx")
            if computing and (at := self.computed_at_values(lhs2, rhs2)):
                lhs2, rhs2 = lhs2.xreplace(at[0]), rhs2.xreplace(at[0])  # pi = 0.3 in the prose
            if (lhs2, rhs2) != (lhs, rhs):
                readings.append((label, self.verdict(st, lhs2, rhs2, lw2, rw2, other)))
                firsts.append(first_label)
        readings[0] = (", ".join(dict.fromkeys(firsts)), first)
        decided = decide_readings(readings)
        plain_log = _PLAIN_LOG.search(f"{st.lhs.text} {st.rhs.text}") is not None
        if base_open and unclear and plain_log and decided.verdict is Verdict.REFUTED:
            # every reading fails, but none may be the notes' own base ("logs to base b")
            doubt = "the notes speak of a base of \\log symkl does not read, which no reading has"
            return decide_doubts(decided, [], [doubt])
        if base_open and (frozen := self.defined_with_logs(st)):
            # a definition was read once, under one base: the other readings keep its logs,
            # so no reading says what the step means under the other base
            doubt = f"{', '.join(frozen)} was defined with \\log while its base was open"
            return decide_doubts(decided, [doubt], [])
        return decided

    def defined_with_logs(self, st: Statement) -> list[str]:
        """Names the step writes whose definitions hold a log."""
        text = f"{st.lhs.text} {st.rhs.text}"
        return sorted(
            name
            for name, value in self.definitions.items()
            if isinstance(value, sp.Basic)
            and value.has(sp.log)
            and f"{name}:log" in self.definitions  # written with a plain \\log
            and re.search(rf"(?<![A-Za-z\\]){re.escape(name.split('_')[0])}(?![A-Za-z])", text)
        )

    def condition(self, lhs, rhs, relation: str) -> tuple[str, str, None] | None:
        """A stipulation about an undeclared vector rather than a claim: `sum_i theta_i = 1`
        (theta is a distribution from here on) or `theta_i > 0`; None for other steps."""
        if not (isinstance(lhs, sp.Expr) and isinstance(rhs, sp.Expr)):
            return None
        entry, number = (lhs, rhs) if rhs.is_number else (rhs, lhs)
        if not number.is_number:
            return None
        if isinstance(entry, sp.Sum) and isinstance(entry.function, sp.Indexed):
            total = entry.function
            name = str(total.base.label)
            if (
                relation in ("=", "def")
                and number == 1
                and "distribution"
                in (
                    self.kinds.get(name),
                    DEFAULT_KINDS.get(name),
                )
            ):
                self.assumption = True  # what the notes declared p to be, restated
            if (
                relation in ("=", "def")
                and number == 1
                and total.indices == (entry.variables[0],)
                and name not in self.declared
                # what the prose says of the vector may make this a claim about it instead
                and self.range_said(name, self.line) is None
                and not ({name} & (set(self.normalized) | set(self.described)))
                and "distribution" not in (self.kinds.get(name), DEFAULT_KINDS.get(name))
            ):
                self.kinds = {**self.kinds, name: "distribution"}
                self.assumption = True
                return (
                    "definition",
                    f"{name} sums to one: read as a distribution from here on",
                    None,
                )
            return None
        if (
            isinstance(entry, sp.Indexed)
            and relation in ("<", "<=", ">", ">=")
            and str(entry.base.label) not in self.declared
            and all(isinstance(i, sp.Symbol) for i in entry.indices)
        ):
            self.assumption = True
            return "definition", f"a condition on {entry.base.label}, taken as stated", None
        return None

    def computed_at_values(self, lhs, rhs) -> tuple[dict, str] | None:
        """A step that computes a number from letters the prose has just given values (`two
        coins, $p = 0.2$ and $q = 0.5$`, then `D(p \\| q) = 0.2\\ln\\frac{0.2}{0.5} + ...`):
        one side a number, every letter of the other valued where the step stands (the caller
        asks only for `=` and `\\approx`: "for $t$ larger than $t = 1$, $\\log t > 0$" bounds
        t). It is read at those values ({letter: value}, and the values as said); None for any
        other step."""
        if not all(isinstance(e, sp.Expr) for e in (lhs, rhs)):
            return None
        for number, other in ((lhs, rhs), (rhs, lhs)):
            if number.free_symbols or not other.free_symbols:
                continue
            if other.atoms(AppliedUndef, sp.MatrixSymbol):
                return None
            shown, valued = [], other
            if labels := {str(i.base.label) for i in unfold(other).atoms(sp.Indexed)}:
                # `H(p) = 1.0397` after "Take $p = (0.5, 0.25, 0.25)$": at those entries
                vectors = {name: self.said_entries(name) for name in labels}
                if self.counts_from_zero or any(_zero_entry(self.text, n) for n in labels):
                    return None  # the notes count the entries from 0 somewhere
                if None in vectors.values():
                    return None
                if (valued := _at_entries(other, vectors)) is None:
                    return None
                shown += [f"{n} = ({', '.join(map(str, v))})" for n, v in sorted(vectors.items())]
            values = {}
            for letter in valued.free_symbols:
                value = self.said_value(self.prose_values.get(getattr(letter, "name", "")))
                if value is None:
                    return None
                values[letter] = sp.Rational(value.numerator, value.denominator)
            shown += [f"{k} = {v}" for k, v in sorted(values.items(), key=str)]
            return {other: valued.xreplace(values)}, ", ".join(shown)
        return None

    def said_entries(self, name: str) -> tuple | None:
        """The entries the prose gives vector `name` in the sentence that leads into the
        step's display (`vector_values_in_words`), or None."""
        said = self.vector_values.get(name, [])
        line_start, _ = _row(self.text, self.offset)
        # the display's first step: where its block starts (its other steps follow it)
        block = max((s for s in self.block_starts if s <= self.offset), default=line_start)
        led = [v for _, end, v in said if end <= block and leads_into(self.text, end, block)]
        return led[-1] if led else None

    def said_value(self, said: list | None):
        """The value the prose gives a name (`said`: from `values_in_words` or
        `vector_values_in_words`) that the step is right after, or None."""
        line = self.line
        # (the values given in the step's section: another section's are its own)
        said = [
            s
            for s in said or []
            if not any(min(s[0], line) < h <= max(s[0], line) for h in self.headings)
        ]
        if not said or said[0][0] > line:
            return None
        bearing = self.value_bearing(said, self.line)
        if bearing is None or bearing[0] > line:
            return None
        # "for $a = 3$ ... and for $a = 4$ ...": two values since the one nearest before the
        # step (on its line or after it): which one is meant? (one said before, for earlier
        # steps, is not this step's)
        if len({v for at, _, v in said if bearing[0] <= at <= line}) != 1:
            return None
        if bearing[0] == line and len({v for _, _, v in said}) != 1:
            return None  # "Then $c(1-c) = 0.25$. Take $c = 0.5$.": before or after the step?
        if any(a == bearing[0] and e is not None for a, e, _ in said):
            return None  # "at $t = 0$ ...": a value in passing may not be the step's
        if not self.right_after(bearing[0]):
            return None  # "For any bias $0 < p < 1$, ...": the step is not about it
        return bearing[1]

    def values_tabled(self, lhs, rhs) -> list[str]:
        """Letters or vectors of the step that a table before it gives numbers
        (`values_in_tables`): not substituted, a failure elsewhere says nothing of them."""
        names = {_base_name(n) for n in _step_symbols(lhs, rhs)}
        return [
            f"the notes give {name} values in a table (line {at}), which symkl does not "
            "substitute: the step may be about them"
            for name, at in sorted(self.tabled.items())
            if name in names and at <= self.line
        ]

    def vectors_given(self, lhs, rhs) -> list[str]:
        """Vectors of the step whose entries the prose gives as numbers before it (`For the
        data $x = (1, 2, 4)$`), not substituted where no definition was read."""
        names = {
            str(i.base.label)
            for e in (lhs, rhs)
            if isinstance(e, sp.Basic)
            for i in e.atoms(sp.Indexed)
        }
        names |= {  # w^T x: w and x
            part
            for e in (lhs, rhs)
            if isinstance(e, sp.Basic)
            for s in e.free_symbols
            if isinstance(s, sp.Symbol)
            for part in re.findall(r"[A-Za-z]+", s.name)
        }
        return [
            f"the prose gives {name} the entries on line {at}, which symkl does not substitute"
            for name, at in sorted(self.vectors_said.items())
            if name in names and at <= self.line and name not in self.definitions
        ]

    def undefined_in_words(self, counterexample: dict | None) -> list[str]:
        """A failure where a side has no real value (no difference to show), at a point of a
        range the prose states in words ("a coin biased towards tails ($p < 1/2$)"): the
        notes may mean the part of it where the step is defined."""
        if counterexample is None or "difference" in counterexample:
            return []
        ranged = sorted(n for n in counterexample if n in self.ranged and n not in self.stated)
        return (
            [
                f"it fails only where a side has no real value, with {', '.join(ranged)} in a "
                "range the prose states: the notes may mean a narrower one"
            ]
            if ranged
            else []
        )

    def matrices_read_as_numbers(self, lhs: str, rhs: str) -> list[str]:
        """Letters that are matrices in the step's sides as written (before a product of
        numbers cancels: `A^{-1} B A = B`): those the notes make matrices, and capitals in
        bold or times a bold vector. symkl reads them as numbers, so a verdict may rest on
        two matrices that commute, a matrix that moves from one factor to another
        (`(A\\mathbf{u})\\cdot\\mathbf{v} = \\mathbf{u}\\cdot(A\\mathbf{v})` needs A symmetric), a
        power or inverse taken as a number's, or `|A|` as an absolute value. One matrix
        times the same vectors and numbers on both sides (`z = Wx + b`) reads alike."""
        text = f"{lhs} {rhs}"
        said = {n: f"line {at}" for n, at in self.matrices.items() if at <= self.line}
        for m in _MATRIX_HERE.finditer(text):
            name = (m.group("name") or m.group("bare")).lstrip("\\")
            said.setdefault(name, "it is bold or multiplies a vector")
        written = [m for n in said for m in _written(n).finditer(text)]
        several = len({" ".join(m.group(0).split()) for m in written}) > 1
        powered = any(_POWERED.match(text, m.end()) for m in written)
        barred = bool(written) and _DETERMINANT.search(text) is not None  # `|2\\Sigma|`
        if not (several or powered or barred or any(_moved(_written(n), lhs, rhs) for n in said)):
            return []
        return [
            f"{name} is a matrix ({said[name]}), which symkl reads as a number or a table "
            "of free numbers (products of matrices do not commute, a matrix may be "
            "symmetric, |A| may be a determinant)"
            for name in sorted({m.group("name").lstrip("\\") for m in written})
        ]

    def indices_outside(self, lhs, rhs, counterexample: dict | None) -> list[str]:
        """A failure with a free index of a Kronecker delta (`\\sum_k \\delta_{ik}\\delta_{kj} =
        \\delta_{ij}`) outside the range the step's sums run over: the notes mean i, j in
        that range too."""
        if not counterexample:
            return []
        exprs = [e for e in (lhs, rhs) if isinstance(e, sp.Basic)]
        free = {s for e in exprs for d in e.atoms(sp.KroneckerDelta) for s in d.free_symbols}
        free &= {s for e in exprs for s in e.free_symbols}  # not a bound index
        ranges = [
            limit[1:]
            for e in exprs
            for loop in e.atoms(sp.Sum, sp.Product)
            for limit in loop.limits
        ]
        numbers = {k: v for k, v in counterexample.items() if isinstance(v, (int, float))}
        point = {
            s: numbers[s.name]
            for r in ranges
            for b in r
            for s in b.free_symbols
            if s.name in numbers
        }
        outside = set()
        for index in free:
            for low, high in ranges if index.name in numbers else ():
                try:
                    low, high = float(low.xreplace(point)), float(high.xreplace(point))
                except (TypeError, ValueError):
                    continue  # a bound with letters the failure gives no value
                if not low <= numbers[index.name] <= high:
                    outside.add(index.name)
        if not outside:
            return []
        return [
            f"it fails with {', '.join(sorted(outside))} outside the range its sums run over, "
            "which a Kronecker delta's index is meant to lie in"
        ]

    def right_after(self, said: int) -> bool:
        """Does the step follow the prose of line `said` closely (a few words between, as in
        "two coins, $p = 0.2$ and $q = 0.5$. Then $$...$$"), with no word or relation that
        quantifies or ranges (any, every, general, <, \\in) on its line or between?"""
        # (from the line that says it: "Take $p = ...$. Distributions ... always have")
        start = self.lines.starts[said - 1] if said <= len(self.lines.starts) else len(self.text)
        line_start, mine = _row(self.text, self.offset)
        between = self.prose[min(start, line_start) : self.offset]
        words = re.findall(r"[A-Za-z]{2,}", _INLINE_MATH.sub(" ", between))
        around = between + " " + mine
        return len(words) <= 20 and not (_UNIVERSAL.search(around) or _ROLES_CHANGED.search(around))

    def words_around(self) -> str:
        """The words (no formulas) on the step's line and in the prose sentence before it."""
        line_start, row = _row(self.text, self.offset)
        before = self.prose[max(0, line_start - 200) : line_start].rsplit(".", 1)[-1]
        return _INLINE_MATH.sub(" ", before + " " + row)

    def value_bearing(self, said: list, line: int) -> tuple[int, Fraction] | None:
        """(line, value) of the value the prose gives a name (`values_in_words`) that bears on
        a step on `line`: the nearest said before it in its section and not ended since (in
        passing, a value ends at the next prose), else the nearest after it in its section."""
        bearing = [
            (at, value)
            for at, end, value in said
            if self.in_reach(at, line)
            and not any(at < h <= line for h in self.headings)
            and (at > line or end is None or line < end)
        ]
        before = [b for b in bearing if b[0] <= line]
        return max(before) if before else min(bearing, default=None)

    def particular_measure(self, lhs, rhs, relation: str, result: Check) -> list[str]:
        """`H(p) = \\log 4 - \\tfrac34 \\log 3` of an undefined distribution p: no
        distribution of every size has one entropy, so the notes mean a particular p
        (described in words); so may a refuted bound by a number ("for the fair coin, $H(p)
        \\ge \\log 2$") that some distribution meets (not `D(p \\| q) \\le -1`)."""
        compared = relation in ("=", "approx", *_NEGATED)
        if not compared or not all(isinstance(e, sp.Expr) for e in (lhs, rhs)):
            return []
        for number, other in ((lhs, rhs), (rhs, lhs)):
            measures = other.atoms(InformationMeasure, Measure)
            general = [  # not of given tuples (p = (1/2, 1/4, 1/4)) nor Bernoulli parameters
                m  # (a normal's numbers are read under a convention the words may change)
                for m in measures
                if not isinstance(m, InformationMeasure)
                or not all(isinstance(d, sp.Tuple) for d in m.distributions)
            ]
            words = self.words_around()
            if number.free_symbols or not general or _GENERALLY.search(words):
                continue  # "for every distribution $p$", "entropy never exceeds"
            if relation in _NEGATED and (
                SAID_FALSE.search(words) or not _PARTICULAR_LAW.search(words)
            ):
                continue  # a bound by a number with no particular case in sight: general
            if relation in _NEGATED and result.verdict is Verdict.REFUTED:
                never = self.checked(lhs, rhs, _NEGATED[relation]).verdict in CONFIRMED
                if never:
                    return []  # no distribution meets it: false whichever the notes mean
            return ["a measure compared with a number: the notes may mean particular distributions"]
        return []

    def example_values(
        self, lhs, rhs, line: int, refuted: str | None = None, st: Statement | None = None
    ) -> list[str]:
        """Names of the step that the notes gave an example value (read as variables): in a
        display, or in the prose of the step's section before it. A step `refuted` that
        (its relation given) that fails at the prose's value as well is not about it."""
        exprs = [e for e in (lhs, rhs) if isinstance(e, sp.Basic)]
        symbols = {s.name: s for e in exprs for s in e.free_symbols if isinstance(s, sp.Symbol)}
        given = dict(self.examples)
        prose = {
            name: bearing
            for name, said in self.prose_values.items()
            if name not in given and name in symbols
            if (bearing := self.value_bearing(said, line))
        }
        several = any(len({v for _, _, v in self.prose_values[n]}) > 1 for n in prose)
        # "evaluate at $x = \\mu$": a letter set to another of the step
        linked = {
            name: bearing
            for name, said in self.aliases.items()
            if name not in given and name not in prose and name in symbols
            # said before the step (a letter set after it is the step's result, if anything)
            if (bearing := self.value_bearing([s for s in said if s[0] <= line], line))
            and bearing[1] in symbols
        }
        # a size given in words (`let $n = 2$`): substituted, the sums lose the length their
        # distributions are drawn at, so a failure there says nothing of the size meant
        sizes = {str(d) for d in NoteSpace.for_step(exprs, self.kinds).dims} & set(prose)
        if (prose or linked) and refuted is not None and not several and not sizes:
            # all the values at once (m/n = 0.3 with n = 1000 and m = 300)
            at_values = {
                symbols[name]: sp.Rational(value.numerator, value.denominator)
                for name, (_, value) in prose.items()
            }
            at_values |= {symbols[name]: symbols[other] for name, (_, other) in linked.items()}
            again = self.checked(lhs.subs(at_values), rhs.subs(at_values), refuted)
            if st is not None:  # `\\sigma(x) = 0.881` at x = 2: as rounded, like the step
                sides = (lhs.subs(at_values), rhs.subs(at_values))
                again = self.rounded_equality(st, *sides, again) or again
            if again.verdict is Verdict.REFUTED:
                prose = {}  # false at the values the prose gives as well
            else:
                prose |= linked
        given |= {name: at for name, (at, _) in prose.items()}
        return [
            f"{name} was given an example value (line {given[name]}), which symkl "
            f"does not substitute: the step may be about that value"
            for name in sorted(set(symbols) & set(given))
        ]

    def ranges_stated(
        self, lhs, rhs, counterexample: dict | None = None, line: int | None = None
    ) -> list[str]:
        """An undeclared letter of the step whose range the prose states: symkl samples it
        more widely, so a failure may lie outside the range meant."""
        scalars, labels, named = _step_names(lhs, rhs)
        # a vector's entries too: `y_i \in \{0, 1\}` is a range of every y_i
        said = {
            n: at
            for n in (scalars | labels) - set(self.declared)
            if n + AS_SCALAR not in self.kinds  # a distribution letter ranged as a number
            if (at := self.range_said(n, line if line is not None else self.line)) is not None
        }
        doubted = {n for n in said if not self.inside_said(n, said[n], counterexample)}
        out = [
            f"the notes state the range of {name} in words (line {said[name]}), which "
            f"symkl does not read: declare it ('{name}: ...') for a verdict"
            for name in sorted(doubted)
        ]
        reach = line if line is not None else self.line
        parity = {
            n: at
            for n in named - doubted - set(self.declared)
            if (at := [k for k in self.parities.get(n, []) if self.in_reach(k, reach)])
        }
        out += [
            f"the notes say in words that {name} is odd, even or a multiple (line "
            f"{parity[name][-1]}), which symkl does not apply"
            for name in sorted(parity)
        ]
        out += [
            f"{name} is one-hot (line {self.one_hot[name]}), and symkl samples it as any "
            f"distribution"
            for name in sorted(labels & set(self.one_hot))
        ]
        # "we use one-hot targets": about any vector the notes have not declared
        unnamed = self.normalized.get(ANY_VECTOR)
        said_of = {
            name: self.normalized.get(name)
            or (unnamed if name not in self.declared and name not in self.definitions else None)
            for name in labels
        }
        out += [
            f"the notes say in words that {name} sums to one or is one-hot (line "
            f"{said[0]}), which symkl does not apply"
            for name, said in sorted(said_of.items())
            if said is not None
            # a distribution sums to one already; one-hot is more than that
            if said[1] or "distribution" not in (self.kinds.get(name), DEFAULT_KINDS.get(name))
            if line is None or self.in_reach(said[0], line)
        ]
        out += [
            f"the notes define or describe {name} (line {self.described[name][0]}) in a way "
            f"symkl does not read: it samples {name} as a free letter"
            for name in sorted(named & set(self.described) - self.solved_points)
            if name not in self.definitions  # a declared kind is not the formula described
            if line is None or self.described_at(name, line)
            if not self.settled_case(self.described[name][0], name)
            # "When $p = q$ ..." after the step: a case for the displays after it
            if not self.case_after(self.described[name][0], name, line or self.line)
        ]
        out += [
            f"the notes give the number of outcomes of {name} in words (line "
            f"{self.sizes[name]}), which symkl does not read: it samples {name} at any size"
            for name in sorted(labels & set(self.sizes))
            if line is None or self.in_reach(self.sizes[name], line)
            # r = (r_1, r_2, r_3): its length is read, whatever the words say
            if not isinstance(self.definitions.get(name), sp.Tuple)
            and name + LENGTH not in self.kinds
        ]
        for name in sorted(named):
            if name in doubted:
                continue  # doubted above
            for said, op, bound in self.excluded.get(name, []):
                if line is not None and not self.in_reach(said, line):
                    continue  # said in a later section
                if said < self.ranged.get(name, 0) or (
                    said == self.ranged.get(name) and op != "!="
                ):
                    continue  # a range the prose stated since (or there) holds here
                if bound.isalpha() and bound not in (counterexample or {}):
                    continue  # p != q where the step has no q
                if not bound and op != "!=":
                    continue  # a bound symkl cannot evaluate, and no exclusion
                if counterexample is not None and not _respects(counterexample, name, op, bound):
                    out.append(
                        f"the notes state {name} {op} {bound or '...'} in words (line {said}), "
                        f"which symkl does not apply, and the failure may lie outside it"
                    )
        return list(dict.fromkeys(out))

    def measures_in_words(self, lhs, rhs) -> list[str]:
        """A measure in the step whose letter the prose has given a closed form of its own
        (`$H(p) = -p\\log p - (1-p)\\log(1-p)$`): symkl reads the measure, the notes may
        mean their formula."""
        said = {
            n: at
            for n, at in self.measures_said.items()
            if at <= self.line
            and not isinstance(self.definitions.get(n), sp.Lambda)
            # in its section: under a new heading H is the measure again
            and not any(at < h <= self.line for h in self.headings)
        }  # (H(p) := the binary entropy, read: H(q) of a distribution is the measure)
        found = [
            m
            for e in (lhs, rhs)
            if isinstance(e, sp.Basic)
            for m in e.atoms(InformationMeasure, Measure)
        ]
        # H(p) of a Bernoulli parameter p is the binary entropy, whatever the prose wrote
        measures = not all(_of_bernoulli_laws(m) for m in found)
        return [
            f"the notes give {name}(...) a formula of their own (line {at}), "
            f"which symkl does not read: it reads {name} as the information measure"
            for name, at in sorted(said.items())
            if measures
        ]

    def base_unclear_at(self, offset: int) -> bool:
        """Is the base of `\\log` in force at `offset` one the notes state in words symkl does
        not read?"""
        return [b for at, b in self.conventions if at < offset][-1:] == [UNCLEAR_BASE]

    def section_start(self, offset: int) -> int:
        """The offset of the last heading at or before `offset` (0 before any)."""
        return max([0, *(at for at in self.heading_offsets if at <= offset)])

    def densities_read_as_laws(self, lhs, rhs) -> list[str]:
        """Doubts for the letters the prose calls densities that the step writes as a
        discrete law's values (`p(0) \\le 1` after "Let $p$ be a density on the real
        line": a density may exceed 1); not where the step integrates (p a density there)."""
        if any(isinstance(side, sp.Basic) and side.has(sp.Integral) for side in (lhs, rhs)):
            return []
        called = {
            e.func.__name__
            for side in (lhs, rhs)
            if isinstance(side, sp.Basic)
            for e in side.atoms(AppliedUndef)
        }
        called |= {
            str(e.base.label)
            for side in (lhs, rhs)
            if isinstance(side, sp.Basic)
            for e in side.atoms(sp.Indexed)
        }
        return [
            f"the notes call {name} a density (line {line}), whose values symkl samples "
            "as a discrete distribution's"
            for name, line in sorted(self.densities_said.items())
            if name in called | {c.split("_")[0] for c in called}  # p_\\theta(x) for p_\\theta
            and line <= self.line
            and self.kinds.get(base := name.split("_")[0], DEFAULT_KINDS.get(base))
            == "distribution"
        ]

    def values_at(self, offset: int) -> dict[str, list]:
        """The letters the prose gives a set of values before `offset`, in force there (the
        last set said of each): said under a heading, a set holds to the next heading of the
        same level or above (an introduction's, for the whole file); one in another section,
        or after the step, is not about it."""
        out = {}
        for at, name, values in self.value_sets_said:
            if at < offset and not self.closed_between(at, offset):
                out[name] = values
        # Values said again in ways symkl does not read ("plus or minus one", `$y = \\pm 1$`,
        # "instead of ...", a set after the display): a set is in force only where the prose
        # from the end of its sentence to the step, and right after it, says nothing of signs
        # or of values anew (adversary round 90: true steps refuted at y = 0).
        for at, name, _ in self.value_sets_said:
            if name in out and at < offset:
                end = re.compile(r"[.;:!?](?=\s|$)|\n\s*\n").search(self.prose, at)
                said = end.start() if end else len(self.prose)
                around = self.prose[min(said, offset) : offset] + self.prose[offset : offset + 400]
                if _values_touched(around):
                    out.pop(name)
        return out

    def closed_between(self, said: int, offset: int) -> bool:
        """Is there a heading between `said` and `offset` at the level of the one `said` is
        under, or above it (`#` before `##`; `\\section` before `\\subsection`)?"""
        before = [h for h in self.heading_offsets if h <= said]
        level = _heading_level(self.text, before[-1]) if before else 0
        return any(
            _heading_level(self.text, h) <= level for h in self.heading_offsets if said < h < offset
        )

    def inside_said(self, name: str, line: int, counterexample: dict | None) -> bool:
        """Does a counterexample keep every bound the prose last stated for `name` (on
        `line`), where that is all formulas with numbers, and nothing in words before it in
        its section ranges the letter in another way? Then its range holds the failure."""
        bounds = self.numeric_ranges.get(name, {})
        if counterexample is not None and name in self.value_sets and name in counterexample:
            # `$y \\in \\{0, 1\\}$`: a failure at one of those values is inside
            values = (
                counterexample[name]
                if isinstance(counterexample[name], list)
                else [counterexample[name]]
            )
            given = {Fraction(int(v)) for v in self.value_sets[name]}
            return all(_exact(v) in given for v in values)
        if counterexample is None or line not in bounds:
            return False
        section = max([h for h in self.headings if h <= line], default=0)
        earlier = [at for at in self.ranges.get(name, []) if section <= at < line]
        if any(at not in bounds for at in earlier):
            return False
        return all(_respects(counterexample, name, op, bound) for op, bound in bounds[line])

    def inside_prose(self, lhs, rhs) -> Callable[[dict], bool] | None:
        """Points that keep every bound the prose states for the step's names (n > 6,
        x != mu): a counterexample there is preferred, so that no doubt is needed."""
        _, _, named = _step_names(lhs, rhs)
        bounds = [
            (name, op, bound)
            for name in sorted(named)
            for _, op, bound in self.excluded.get(name, [])
            if bound
        ]
        extremes = self.extremes_said(lhs, rhs)
        # `$y_i \\in \\{-1, 1\\}$`: the values the prose gives (`NoteSpace.value_sets`)
        sets = {
            name: {Fraction(int(v)) for v in self.value_sets[name]}
            for name in sorted(named)
            if name in self.value_sets and name not in self.declared
        }
        if not bounds and not extremes and not sets:
            return None
        return lambda point: (
            all(_respects(point, *b) for b in bounds)
            and all(_at_extreme(point, *e[1:]) for e in extremes)
            and all(_among(point, name, given) for name, given in sets.items())
        )

    def partial_sums(self, reader: Reader, lhs, rhs) -> list[str]:
        """A sum over a vector to one of several bounds the file sums it to, or to another
        bound than the length the prose gives it: the sum may be partial, where the
        sum-to-one constraint and the vector's length do not apply."""
        out = []
        sides = [x for x in (lhs, rhs) if isinstance(x, sp.Basic)]
        # (name, axis) -> the bounds sums over that axis of a table run to in this step
        axes: dict[tuple, set[str]] = {}
        for total in (t for e in sides for t in e.atoms(sp.Sum)):
            for var, _, hi in total.limits:
                for entry in total.function.atoms(sp.Indexed):
                    for a, index in enumerate(entry.indices):
                        if index == var:
                            axes.setdefault((str(entry.base.label), a), set()).add(str(hi))
        for e in sides:
            for total in e.atoms(sp.Sum):
                for var, _, hi in total.limits:
                    for entry in total.function.atoms(sp.Indexed):
                        name = str(entry.base.label)
                        counts = Counter(self.bounds.get(name, {}))
                        if name in self.lengths:  # the prose's length outweighs the sums'
                            counts[self.lengths[name]] += 1_000_000
                        if var not in entry.indices or not counts:
                            continue
                        if len(entry.indices) == 2 and self.lengths.get(name) in axes.get(
                            (name, 1 - entry.indices.index(var)), ()
                        ):
                            # the prose's length is the other axis's (x_i in R^d of a
                            # family, or w_1, ..., w_K of vectors): summed there in full
                            continue
                        # `\sum_k q_k`: over all of q, whatever its length is called
                        implied = hi == reader.dim and not reader.dim_written
                        unsummed = name not in self.lengths or implied or not hi.is_Symbol
                        if str(hi) not in counts and unsummed:
                            continue  # (n - 1 beside the length n: read as written)
                        length = full_length(counts)
                        # a length the prose gives is the vector's: another bound is
                        # another count, whatever its letter ("the top $K$" of d outcomes)
                        given = self.lengths.get(name) == length
                        compared = given or frozenset((str(hi), length)) in self.compared
                        if str(hi) != length and (str(hi) not in SIZE_LETTERS or compared):
                            where = "in the prose" if name in self.lengths else "elsewhere"
                            out.append(
                                f"{name} is summed to {hi} here and has length {length} "
                                f"{where}: a partial sum, not over all of {name}?"
                            )
        return list(dict.fromkeys(out))

    def equation_solved(self, st: Statement, lhs, rhs) -> list[str]:
        """An equation that holds at one point the notes mean, not everywhere: set up by
        the prose ("Setting the derivative to zero,"), or a letter with no value on its
        own left (`\\hat y = \\sigma(w^T x)`): sampled freely, it is not its right side
        anywhere, which refutes nothing the notes claim."""
        if st.relation != "=" or not all(isinstance(e, sp.Expr) for e in (lhs, rhs)):
            return []
        if self.solving and (lhs == 0 or rhs == 0):  # "setting ... to zero": `expr = 0`
            return ["the prose before it sets up an equation to solve, not an identity"]
        # a letter, or an entry of one (`z_i = \\sum_k W_{ik} x_k`: z's entries defined)
        name = lhs.base if isinstance(lhs, sp.Indexed) else lhs
        if (
            isinstance(name, (sp.Symbol, sp.IndexedBase))
            and str(name) not in {**self.definitions, **self.optimum_points}
            and not rhs.has(name)
            and rhs.free_symbols
        ):
            return [f"{st.lhs.text.strip()} has no value from the notes: this may define it"]
        base = lhs.base if isinstance(lhs, sp.Pow) and lhs.exp.is_number else None
        if (  # `\hat\sigma^2 = \frac{4 + 0 + 0 + 4}{4}`: a variance worked out, named
            isinstance(base, sp.Symbol)
            and base.name not in {**self.definitions, **self.optimum_points}
            and base not in rhs.free_symbols
        ):
            return [f"{st.lhs.text.strip()} has no value from the notes: this may define it"]
        return []

    def redefined(self, st: Statement) -> list[str]:
        """A bare name on the left that already has a definition: the notes may be
        defining it anew (the same letter in another context) rather than claiming."""
        text = st.lhs.text.replace("&", " ")  # an aligned row's left side
        name = _bare_name(text)
        entry = ENTRY_DEFINED.fullmatch(text)
        if entry and isinstance(self.definitions.get(name_of(entry.group(1))), EntryFormula):
            name = name_of(entry.group(1))  # s_i = ... where s's entries were defined
        if (logged := _logged_name(text)) and f"{logged}:by-log" in self.definitions:
            name = logged  # \\log L(\\mu) = ... where L was defined by its log
        if st.relation == "=" and name is not None and name in self.definitions:
            if self.claimed_after_explicit(name, st):
                return []
            return [f"{name} was defined earlier; this may define it anew"]
        # `\ell(\lambda) = s\log\lambda - n\lambda` where \ell(p) was defined: "for the
        # Poisson model the log-likelihood is" reuses the name
        call = _call_text(text) if st.relation == "=" else None
        function = self.definitions.get(call[0]) if call else None
        if not isinstance(function, sp.Lambda) or not all(name_of(a) for a in call[1]):
            return []  # H(1/2) = 1: a value of H, no definition
        renamed = [str(v) for v in function.variables] != call[1]  # \ell(p), then \ell(\lambda)
        if not renamed and self.claimed_after_explicit(call[0], st):
            return []
        if renamed or self.new_context:
            return [f"{call[0]} was defined earlier; this may define it anew"]
        return []

    def fresh(self, reader: Reader, st: Statement) -> tuple[str, str, None]:
        """A prose formula `NAME = ...` or `f(x) = ...` (`prose.definitions_in_words`): the
        definition of a name (a function) that has no value and no declared kind yet;
        otherwise no step at all (verdict ""), since the prose states it in passing."""
        try:
            _, lhs = self.read(reader, st.lhs)
        except _Failed:
            lhs = None  # `\\ell(p, y) = ...`: ell is no function until this defines it
        call = _call_text(st.lhs.text)
        if call is not None and not (
            call[0] in self.declared or call[0] in self.definitions or call[0] in BUILT_IN
        ):
            # `the log-likelihood is $\\ell(\\theta) = ...$`: a function defined in passing
            return self.define(lhs, st, reader) or ("", "", None)
        if _entry_defined(lhs) and str(lhs.base) not in {*self.declared, *self.definitions}:
            # `$\\hat y_i = \\sigma(w x_i)$`: a vector defined entry by entry in passing
            return self.define(lhs, st, reader) or ("", "", None)
        if not isinstance(lhs, sp.Symbol) or lhs.name in self.declared:
            return "", "", None
        return self.define(lhs, st, reader) or ("", "", None)

    def claimed_after_explicit(self, name: str, st: Statement) -> bool:
        """Did the notes define `name` with `:=` and say nothing since that gives it a new
        meaning ("define", "denote", "now let", "for the Poisson model")? Notes that mark
        their definitions mark a new one too: a plain `=` for it is a claim."""
        at = self.definitions.get(f"{name}:explicit")
        if at is None:
            return False
        return _ANEW.search(self.prose[int(at) : st.offset]) is None

    def define(self, lhs, st: Statement, reader: Reader) -> tuple[str, str, None] | None:
        """Record `NAME := ...` (or `NAME = ...` for a name without a value); None if the
        step is not a definition. A name set to a bare number (`y = 1`, an example value)
        is not substituted into later steps."""
        if _DERIVATIVE_ON_LEFT.search(st.lhs.text):
            return None  # f'(x) = ...: the value of a derivative, not a definition of f
        call = _call_text(st.lhs.text)
        if (
            call
            and "_" in call[0]
            and len(set(call[1])) == len(call[1])
            and (st.relation == "def" or call[0] not in self.definitions)
            # (`H_b(\\epsilon) = ...` is the binary entropy function's value: a claim)
            and (st.relation == "def" or not isinstance(lhs, Entropy))
            and reader.kinds.get(call[0].split("_")[0]) != "distribution"
            and not reader.is_distribution(call[0])
        ):
            # H_b(p) = ...: a function with a subscripted name (not H of a row p_b)
            lhs = sp.Function(call[0])(*[symbol_for(a, self.kinds) for a in call[1]])
        elif isinstance(lhs, InformationMeasure) and call and len(call[1]) == 1:
            return self.define_binary_entropy(call, st, reader)
        elif isinstance(lhs, (InformationMeasure, list)):
            return None
        name = None
        logged = _logged_name(st.lhs.text)
        if logged and f"{logged}:by-log" in self.definitions:
            # `\\log L(\\mu) = ...` where L was defined by its log: perhaps anew; no later
            # step rests on either (`redefined` holds this one)
            self.definitions[logged] = UNREAD
            return None
        if _entry_defined(lhs) and str(lhs.base) not in self.declared:
            return self.define_entries(lhs, st, reader)
        if isinstance(lhs, sp.log) and isinstance(lhs.args[0], AppliedUndef):
            return self.define_by_log(lhs.args[0], st, reader)
        if isinstance(lhs, sp.Symbol) and lhs.name not in {
            **self.definitions,
            **self.optimum_points,
        }:
            name = lhs.name
        elif (
            isinstance(lhs, AppliedUndef)
            and all(isinstance(a, sp.Symbol) for a in lhs.args)
            and len(set(lhs.args)) == len(lhs.args)
        ):
            name = lhs.func.__name__
        elif st.relation == "def" and isinstance(lhs, sp.Expr) and lhs.is_number:
            name = _defined_name(st.lhs.text)  # \pi := 0.2: a constant's name, taken anew
        elif (
            call
            and len(set(call[1])) == len(call[1])
            and call[0] not in ("H", "I")  # H(X) = ...: a value of an entropy, not a new H
            and call[0] not in (set(self.declared) | set(self.definitions))
            # \\sigma(x) := 1/(1 + e^x): the notes' own convention for a known name
            and (call[0] not in BUILT_IN or st.relation == "def")
        ):
            # \phi(z) = ...: read as a product, but a function is being defined
            name = call[0]
            lhs = sp.Function(name)(*[symbol_for(a, self.kinds) for a in call[1]])
        # (an expectation takes one argument: E(w, b) of two letters is an error function)
        own = name == "E" and isinstance(lhs, AppliedUndef) and len(lhs.args) >= 2
        if name is None or (name in _OPERATORS and not isinstance(lhs, sp.Symbol) and not own):
            return None  # Var(X) = sigma_1: a claim about the variance, not its definition
        if st.relation != "def" and any(
            at <= self.line for at, _, _ in self.prose_values.get(name, [])
        ):
            return None  # "let $\\lambda = 3$", then lambda = theta: a claim, not a definition
        if st.relation != "def" and name in reader.unread_functions:
            # defined, then perhaps anew: a formula now is neither its meaning nor a claim
            # about a free letter
            return (
                "undecided",
                f"{name} was defined earlier and perhaps anew since: symkl does not know "
                "which it means here",
                None,
            )
        explicit = st.relation == "def"
        if (
            not explicit
            and not st.fresh  # the prose formula itself defines
            and name in self.described
            and self.described_at(name, self.line)
        ):
            return (
                None  # the prose gave it a meaning first ("$\\theta^* = \\arg\\max ...$"): a claim
            )
        if isinstance(lhs, sp.Symbol) and _lists_own_entries(st.lhs.text, st.rhs.text):
            # p = (p_1, \\dots, p_K): p's entries by name, as symkl reads p already
            return "definition", f"{name} is the vector ({name}_1, ..., {name}_n)", None
        try:
            wrapper, rhs = self.read(reader, st.rhs)
        except _Failed as e:
            if explicit:
                return "unparsed", f"right side of a definition: {e.reason}", None
            return None
        if wrapper is not None:
            if not wrapper.arg or not isinstance(lhs, sp.Symbol) or name in self.declared:
                return None  # m = \max_j z_j: the value of an optimum is not its objective
            if name in wrapper.var.split(",") or st.role:
                return None
            # \hat\mu = \arg\min_\mu ...: the estimator's definition; later steps about
            # \hat\mu are not read (its value would be a guess)
            point = OptimumPoint(self.lines.line(st.offset), wrapper, rhs)
            self.optimum_points = {**self.optimum_points, name: point}
            which = "minimizer" if wrapper.op == "min" else "maximizer"
            return "definition", f"{name} had no value yet: read as the name of the {which}", None
        if st.role and not explicit and not (isinstance(rhs, sp.Expr) and rhs.is_number):
            return None  # `x = y \implies ...`: an assumption there, no meaning from here on
        letter = _entries_letter(rhs) if isinstance(rhs, list) else None
        if letter is not None and letter != name:
            # P = {p_1, ..., p_k}: P's entries are p's (a definition: it comes back from
            # the worker with the others)
            self.definitions[name] = sp.IndexedBase(letter, positive=True)
            return "definition", f"{name} is the distribution ({letter}_1, ..., {letter}_n)", None
        if isinstance(rhs, list):
            try:
                self.definitions[name] = sp.Tuple(*[reader.value(x) for x in rhs])
            except Unreadable:
                self.definitions.pop(name, None)
                return "definition", f"{name} is the vector ({name}_1, ..., {name}_n)", None
            if _lists_itself(name, self.definitions[name]):
                # p = (p_1, p_2, p_3): p has three entries, whatever a sum of it runs to
                self.kinds = {**self.kinds, name + LENGTH: str(len(rhs))}
            self.typeset = step_latex(lhs, st.relation, self.definitions[name])
            return "definition", f"{name} = {show(self.definitions[name])}", None
        if isinstance(rhs, sp.MatrixBase) or rhs.has(Gradient):
            return None
        if name in {str(s) for s in rhs.free_symbols} or rhs.has(
            lhs.func if isinstance(lhs, AppliedUndef) else lhs
        ):
            return None
        family = name.removesuffix("_cond")
        if any(f.func.__name__.removesuffix("_cond") == family for f in rhs.atoms(AppliedUndef)):
            # p(x) = p(x | z) p(z) / p(z | x): one law's marginal, joint and conditionals
            # by their arguments (`latent.py`), related by a claim, not a new function
            return None
        if rhs.is_number and not explicit:
            self.examples = {**self.examples, name: self.lines.line(st.offset)}
            return "definition", f"an example value: {show(lhs)} = {show(rhs)}", None
        if _is_normal_law(rhs) and self.declare_law_parameters(rhs):
            reader.kinds = self.kinds
            _, rhs = self.read(reader, st.rhs)  # again, its letters as the law makes them
        arguments = lhs.args if isinstance(lhs, AppliedUndef) else ()
        ranged = [
            a
            for a in arguments
            if isinstance(a, sp.Symbol) and a != symbol_for(a.name, {a.name: "real"})
        ]
        if ranged:
            # "Throughout, $x > 0$. Let $g(x) = |x|$.": g's variable is any real number (|x|
            # read for a positive x is x, and g(-2) would be -2); read again with it so
            plain = {**self.kinds, **{a.name: "real" for a in ranged}}
            again = self.raw(reader, st, set(), plain)
            if again is None:
                self.definitions[name] = UNREAD
                return "definition", f"{name} is defined where its variable has a range", None
            rhs, arguments = again, tuple(symbol_for(a.name, plain) for a in arguments)
            lhs = lhs.func(*arguments)
        self.definitions.pop(f"{name}:domain", None)
        if self.clauses and (rhs := self.with_clauses(reader, rhs, name, arguments)) is None:
            return "definition", f"{name} is defined with a clause symkl does not read", None
        if _MATRIX_FORMULA.search(st.rhs.text):  # P = X(X^T X)^{-1} X^T is no number
            return "definition", f"{name} is defined with matrices: not applied", None
        if isinstance(lhs, AppliedUndef):
            self.definitions[name] = sp.Lambda(lhs.args, rhs)
        else:
            self.definitions[name] = rhs
        # what it was read through: a derivative in one of those later cannot be taken here
        through = {n for n in reader.expanded if n != name}
        through |= {t for n in through for t in reader.through(n)}
        self.definitions.pop(name + RAW, None)
        if through:
            self.definitions[name + THROUGH] = sp.FiniteSet(*map(sp.Symbol, sorted(through)))
            if not isinstance(lhs, AppliedUndef) and (raw := self.raw(reader, st, through)):
                self.definitions[name + RAW] = raw
        else:
            self.definitions.pop(name + THROUGH, None)
        point = re.fullmatch(r"[^(]*\(([^;()]*);[^()]*\)\s*", st.lhs.text.replace("\\left", ""))
        if point and isinstance(lhs, AppliedUndef):  # sigma(z; T): called sigma(z) after
            self.definitions[f"{name}:point"] = sp.Integer(point.group(1).count(",") + 1)
        if explicit:  # where `:=` defined it: a plain `=` after is a claim (`redefined`)
            self.definitions[f"{name}:explicit"] = sp.Integer(st.offset)
        else:
            self.definitions.pop(f"{name}:explicit", None)
        how = "defined" if explicit else f"{name} had no value yet: read as its definition"
        self.typeset = step_latex(lhs, st.relation, rhs)
        return "definition", f"{how}: {show(lhs)} = {show(rhs)}", None

    def define_by_log(
        self, call: AppliedUndef, st: Statement, reader: Reader
    ) -> tuple[str, str, None] | None:
        """`\\log L(\\theta) = \\sum_i ...` for a function with no value yet: L is the exponential
        of that (a log-likelihood written for its likelihood); None where the step is a
        claim (a distribution's letter, a name the prose or a definition gave first, a
        number, a condition on the row)."""
        name = call.func.__name__
        if st.relation not in ("=", "def") or st.role or name in self.declared:
            return None
        if name in {**self.definitions, **self.optimum_points}:
            return None
        if reader.is_distribution(name) or name in BUILT_IN:
            return None
        if not all(isinstance(a, sp.Symbol) for a in call.args):
            return None
        if len(set(call.args)) < len(call.args):
            return None
        if st.relation != "def" and self.described_here(name, self.line):
            return None
        if _named_in_prose(name).search(self.prose[: st.lhs.start]):
            return None  # "Let $L(\\theta)$ be the likelihood": its log is a claim about it
        try:
            wrapper, rhs = self.read(reader, st.rhs)
        except _Failed:
            return None
        if wrapper is not None or not isinstance(rhs, sp.Expr) or rhs.is_number:
            return None
        if rhs.has(call.func) or self.clauses or self.conditions:
            return None
        self.definitions[name] = sp.Lambda(call.args, sp.exp(rhs))
        self.definitions[f"{name}:by-log"] = sp.true  # defined by its log (`UNREAD` if again)
        self.typeset = step_latex(sp.log(call), st.relation, rhs)
        how = f"{name} had no value yet: read by its log"
        if st.relation == "def":
            how = f"{name} defined by its log"
        return "definition", f"{how}: log {show(call)} = {show(rhs)}", None

    def define_entries(
        self, lhs: sp.Indexed, st: Statement, reader: Reader
    ) -> tuple[str, str, None] | None:
        """`s_i = e^{z_i} / \\sum_k e^{z_k}` for a vector with no value yet: the formula of
        every entry, applied to `s_j` from here on; None where the step is a claim (a
        number, the vector on both sides, a formula in words first, a wrapper or clause)."""
        name, explicit = str(lhs.base), st.relation == "def"
        if st.relation not in ("=", "def") or st.role:
            return None
        if not ENTRY_DEFINED.fullmatch(st.lhs.text.replace("&", " ")):  # `s_i &= ...` too
            return None  # `z^{(i)}`: a label, not an index
        if name in {**self.definitions, **self.optimum_points}:
            return None
        row = self.text.splitlines()[self.line - 1]
        if str(lhs.indices[0]) == "e" or re.search(
            rf"(?<![A-Za-z\\]){re.escape(name)}\s*_\s*\{{?\s*\d", row
        ):
            return None  # `H_2 = ..., H_e = ...`: labels of two quantities, not entries
        if not explicit and (
            any(at <= self.line for at, _, _ in self.prose_values.get(name, []))
            or (self.described_here(name, self.line) and not st.fresh)  # (this describes it)
        ):
            return None
        doubts = len(reader.doubts)
        try:
            wrapper, rhs = self.read(reader, st.rhs)
        except _Failed as e:
            failed = ("unparsed", f"right side of a definition: {e.reason}", None)
            return failed if explicit else None
        if len(reader.doubts) > doubts or self.clauses or self.conditions:
            return None  # read with a guess (`w^T` as a power), or `\\text{for } k \\ne c`
        if wrapper is not None or not isinstance(rhs, sp.Expr) or rhs.is_number:
            return None  # z_i = 2: an example value
        if rhs.has(lhs.base) or rhs.has(Gradient) or _MATRIX_FORMULA.search(st.rhs.text):
            return None
        own = {str(hi) for total in rhs.atoms(sp.Sum) for _, _, hi in total.limits}
        if set(self.bounds.get(name, {})) - own - {str(reader.dim)}:
            return None  # summed to m elsewhere, its formula to K: sums that may be partial
        # bound indices renamed apart, so that no later index (`s_k`, `z_j`) is captured
        self.definitions[name] = EntryFormula(lhs.indices[0], canonical_indices(rhs))
        self.typeset = step_latex(lhs, st.relation, rhs)
        how = "defined" if explicit else f"{name} had no value yet: read as its entries"
        return "definition", f"{how}: {show(lhs)} = {show(rhs)}", None

    def define_binary_entropy(
        self, call: tuple[str, list[str]], st: Statement, reader: Reader
    ) -> tuple[str, str, None] | None:
        """`H(p) := -p\\log_2 p - (1-p)\\log_2(1-p)`: H taken as the binary entropy of a
        number p, so that `H(1/2)` reads as a number. Only where the formula is the binary
        entropy in nats or bits, term by term (then `H(p) = ...` is true as a claim too): any
        other formula leaves H the measure, and the step a claim."""
        name, (arg,) = call
        if st.relation not in ("def", "=") or isinstance(self.definitions.get(name), sp.Lambda):
            return None
        try:
            wrapper, rhs = self.read(reader, st.rhs)
        except _Failed:
            return None
        if wrapper is not None or not isinstance(rhs, sp.Expr):
            return None
        p = next((s for s in rhs.free_symbols if s.name == arg), None)
        if p is None or rhs.free_symbols != {p} or rhs.has(sp.Indexed, sp.Sum, sp.Integral):
            return None
        nats = -p * sp.log(p) - (1 - p) * sp.log(1 - p)
        for unit, scale in (("nats", sp.Integer(1)), ("bits", sp.log(2))):
            gap = sp.expand(sp.expand_log(rhs * scale - nats, force=True))
            if gap == 0:
                self.definitions[name] = sp.Lambda((p,), rhs)
                # p in (0, 1), unless the notes range it (as a number) already
                key = arg + AS_SCALAR if reader.is_distribution(arg) else arg
                if key not in self.kinds and arg not in self.declared:
                    self.kinds = {**self.kinds, key: "probability"}
                    reader.kinds = self.kinds
                self.typeset = step_latex(sp.Function(name)(p), st.relation, rhs)
                return (
                    "definition",
                    f"{name}({arg}) is the binary entropy of a number {arg} in {unit}: "
                    f"{name}({arg}) = {show(rhs)}",
                    None,
                )
        return None

    def with_clauses(
        self, reader: Reader, value: sp.Basic, name: str, arguments: tuple = ()
    ) -> sp.Basic | None:
        """A definition's value with the names its clauses define substituted (`L = -\\log
        \\hat y, \\text{where } \\hat y = \\sigma(z)`), each recorded too; None where a
        clause says anything else (a range, words), which would limit the definition. A
        range of the function's argument outside which its formula has no real value
        (`h(p) = -p\\log p - (1-p)\\log(1-p), \\quad 0 \\le p \\le 1`) limits nothing: it is
        kept as the function's domain (`argument_ranges`)."""
        for clause in self.clauses:
            math = re.sub(r"^\s*(?:\\left)?\(?\s*\\\w+\s*\{[^{}]*\}", " ", clause)
            pieces = re.split(
                r"\\(?:text|textrm|mbox|mathrm)\s*\{\s*(?:and|,)?\s*\}|,|\\quad", math
            )
            for piece in (p for p in pieces if p.strip(" .)")):
                if (domain := _natural_domain(piece.strip(" .)\n"), value, arguments)) is not None:
                    self.definitions[f"{name}:domain"] = domain
                    continue
                left, eq, right = piece.partition("=")
                name = name_of(left.strip()) if eq and "=" not in right else None
                if name is None or name in self.declared:
                    return None
                try:
                    defined = reader.parse(right.strip(" .)\n"))
                except Unreadable:
                    return None
                if not isinstance(defined, sp.Expr) or name in {
                    str(s) for s in defined.free_symbols
                }:
                    return None
                self.definitions[name] = defined
                value = value.xreplace({s: defined for s in value.free_symbols if str(s) == name})
        return value

    def in_sentence(self, st: Statement) -> bool:
        """Is the step a formula inside a sentence, not a display (nor a line that is one
        `$...$`, which notes exported from Obsidian write as displays)?"""
        if self.prose[st.offset] == " ":
            return False
        row = _row(self.text, st.offset)[1].strip(" \t.,;>")
        return not (row.startswith("$") and row.endswith("$") and row.count("$") == 2)

    def rounded_equality(
        self, st: Statement, lhs, rhs, result: Check, reader: Reader | None = None
    ) -> Check | None:
        """`H = -0.25\\log 0.25 - 0.75\\log 0.75 = 0.811`, `... = 0.125 + 0.818`: notes write
        `=` before values rounded to their digits; refuted as exact, the step is within the
        rounding of what it shows: it holds as rounded (with one digit shown, `\\sigma(-2) =
        0.1`, a rounding is as likely as a slip: no verdict). None where it is not so."""
        if result.verdict is not Verdict.REFUTED or st.relation != "=" or st.rhs is None:
            return None
        line_start, row = _row(self.text, self.offset)
        lead = _last_paragraph(self.prose, line_start, 300)
        if _EXACT_WORDS.search(_INLINE_MATH.sub(" ", f"{lead} {row}")):
            return None  # "the slope is exactly": the value shown is claimed exact
        section = self.section_start(line_start)
        if _ALL_EXACT.search(_INLINE_MATH.sub(" ", self.prose[section:line_start])):
            return None  # "every sum and product below is exact": in all the section
        for side, exact, other in ((st.rhs, lhs, st.lhs), (st.lhs, rhs, st.rhs)):
            shown = _rounded_side(_as_shown(side))
            if shown is None or not isinstance(exact, sp.Expr) or exact.free_symbols:
                continue
            if side is st.lhs and _rounded_side(_as_shown(other)) is not None:
                # `1.41 = 1.4149`: a chain of numbers rounds left to right, never back
                continue
            # H(Ber(1/4)) = 0.562: the measure written out as its terms
            exact = unfold(exact)
            total, slack, digits = shown
            try:
                value = ball(exact, APPROXIMATION_BITS)
            except Unsupported:
                continue
            if value is None or value.value is None or not value.rigorous or value.coarse:
                continue
            if abs(value.value - _arb_fraction(total)) <= _arb_fraction(slack):
                said = (
                    f"the exact value {value.value.mid().str(12, radius=False)} is "
                    f"{' '.join(side.text.replace('&', ' ').split()).rstrip('.,;')} rounded to "
                    "the digits shown"
                )
                if digits < 2 and slack >= Fraction(1, 2):
                    continue  # `\\log 3 = 1`: a whole number claimed, no rounding
                if slack >= Fraction(1, 2):
                    # `e^{10} = 22026` is likely rounded, `\\log_2 30000 = 15` likely a slip
                    # (it is 14.87): a whole number with = may be either
                    return no_verdict(f"{said}: a whole number, rounded or claimed exact")
                if digits < 2:  # `= 0.1` for 0.119: a slip as likely as a rounding
                    return no_verdict(f"{said}, one digit: a rounding or a slip")
                return Check(Verdict.HOLDS_NUMERICALLY, f"{said} (written with =)", points=1)
        return self.rounded_inside(st, lhs, rhs, reader)

    def rounded_inside(self, st: Statement, lhs, rhs, reader: Reader | None) -> Check | None:
        """`\\frac{1}{1 + e^{-2}} = \\frac{1}{1.1353}`, `0.5 \\cdot 1.1353`, `1.0986 / 0.6931`:
        numbers rounded inside the later side (decimals of four or more significant digits,
        the last not 0, that the earlier side does not write; at most three; the others, like
        0.5, 0.125 or 3.000, exact). It holds as rounded where the sides agree at values
        within those roundings: the later side is finite over the box of them, and the exact
        side's value lies between its values at two corners (continuous between, it takes
        that value)."""
        if reader is None or not all(
            isinstance(e, sp.Expr) and not e.free_symbols for e in (lhs, rhs)
        ):
            return None
        inputs = {number for _, number, _ in _DECIMAL.findall(st.lhs.text)}
        # (four significant digits or more, the last not 0: `0.125` and `3.000` may well be
        # exact, and a rounding of three digits, multiplied up, would hide a dropped term)
        rounded = [
            m
            for m in _DECIMAL.finditer(st.rhs.text)
            if m.group(2) not in inputs
            and len(m.group(2).replace(".", "").lstrip("0")) >= 4
            and not m.group(2).endswith("0")
        ]
        used = self.definitions.keys() | {str(x) for x in _step_symbols(lhs, rhs)}
        if not 1 <= len(rounded) <= len(_PLACES) or used & set(_PLACES):
            return None
        # the later side read again with a letter for each rounded number: a function of them
        text = st.rhs.text
        for m, letter in reversed(list(zip(rounded, _PLACES, strict=False))):
            text = text[: m.start(2)] + f"\\{letter}".ljust(len(m.group(2))) + text[m.end(2) :]
        try:
            _, later = self.read(replace(reader, doubts=[], notes=[]), replace(st.rhs, text=text))
        except (_Failed, *SYMPY_FAILURES):
            return None
        letters = {str(x): x for x in later.free_symbols} if isinstance(later, sp.Expr) else {}
        if set(letters) != set(_PLACES[: len(rounded)]):
            return None
        boxes = []
        for m, letter in zip(rounded, _PLACES, strict=False):
            shown = Fraction(Decimal(m.group(2)))
            half = Fraction(1, 2 * 10 ** len(m.group(3)))
            boxes.append((letters[letter], shown, half))
        try:
            exact = ball(unfold(lhs), APPROXIMATION_BITS)
            corners = [
                ball(
                    later,
                    APPROXIMATION_BITS,
                    dict(zip([x for x, _, _ in boxes], point, strict=True)),
                )
                for point in itertools.product(*[(v - h, v + h) for _, v, h in boxes])
            ]
            # (every value between: finite over the box, no pole nor branch inside it)
            box = {x: _arb_fraction(v) + flint.arb(0, float(h) * 1.01) for x, v, h in boxes}
            whole = ball(later, APPROXIMATION_BITS, box)
        except Unsupported:
            return None
        if any(b is None or b.value is None or not b.rigorous for b in [exact, whole, *corners]):
            return None  # (a pole or a branch in the box: no value between the corners)
        if not (
            any(c.value < exact.value for c in corners)
            and any(c.value > exact.value for c in corners)
        ):
            return None
        numbers = ", ".join(m.group(2) for m in rounded)
        said = (
            f"the sides agree at values within the rounding of {numbers} (the exact value "
            f"{exact.value.mid().str(12, radius=False)} lies between the later side's values "
            "at the ends of their rounding): numbers rounded in a worked step"
        )
        return Check(Verdict.HOLDS_NUMERICALLY, said, points=1)

    def approximation(self, st: Statement, lhs, rhs) -> Check:
        """`exact \\approx 1.846`: the exact side's value, in ball arithmetic, against the
        number as written (either side); anything else written with `\\approx` is not checked."""
        written = [
            (number, other)
            for side, other in ((st.rhs, lhs), (st.lhs, rhs))
            if side is not None and (number := _written_number(_as_shown(side))) is not None
        ]
        if not written:
            return no_verdict("an approximation (\\approx) is reported, not checked")
        (shown, unit, text), exact = max(written, key=lambda w: w[0][1])  # the coarser one
        if not isinstance(exact, sp.Expr) or exact.free_symbols or exact.atoms(AppliedUndef):
            return no_verdict("an approximation (\\approx) with letters: reported, not checked")
        # D(Ber(1/4) || Ber(1/2)): the measure written out as its terms
        exact = unfold(exact)
        try:
            value = ball(exact, APPROXIMATION_BITS)
        except Unsupported as e:
            return no_verdict(f"an approximation (\\approx) symkl cannot evaluate ({e})")
        if value is None or value.value is None or not value.rigorous or value.coarse:
            return no_verdict("an approximation (\\approx) whose exact side has no certain value")
        return decide_rounded(RoundingEvidence(value.value, shown, unit, text))

    def verdict(self, st: Statement, lhs, rhs, lw, rw, reader: Reader | None = None) -> Check:
        """`exact_verdict`, but a value written with `=` that is the exact one rounded to
        the decimals shown (`\\ln 3 = 1.099`) holds as a rounded value, in every reading of
        the step: no one claims a logarithm is a short decimal."""
        check = self.exact_verdict(st, lhs, rhs, lw, rw)
        rounded = self.rounded_equality(st, lhs, rhs, check, reader)
        return rounded if rounded is not None else check

    def exact_verdict(self, st: Statement, lhs, rhs, lw, rw) -> Check:
        relation = st.relation
        if isinstance(lhs, sp.MatrixBase) or isinstance(rhs, sp.MatrixBase):
            return self.vector(lhs, rhs)
        if relation == "~":
            return self.approximation(st, lhs, rhs)
        prefix = ""
        if relation == "def":
            relation = "="
            if isinstance(lhs, InformationMeasure):
                prefix = "checked against the standard definition: "
        if lw is not None or rw is not None:
            return self.optimum(relation, lhs, rhs, lw, rw)
        if (solved := self.at_optimum_point(relation, lhs, rhs)) is not None:
            return solved
        # a letter the notes declare is a symbol of its own, never "some constant"
        # a letter the notes gave a value is not "some constant" either
        constants = [
            s
            for s in (lhs - rhs).free_symbols
            if s.name in CONSTANTS and s.name not in self.declared and s.name not in self.examples
        ]
        if constants and relation == "=" and self.optimizing(st):
            names = self.variables(st)
            sides = sp.Tuple(lhs, rhs)  # as written: the variable may cancel in lhs - rhs
            written = {str(getattr(s, "base", s)) for s in sides.free_symbols}
            # q(y | x) is read as a function q_cond: it is q written all the same
            written |= {f.func.__name__.split("_")[0] for f in sides.atoms(AppliedUndef)}
            if written & set(names):  # "free of the variable" says nothing of a step without it
                return self.up_to_constant(lhs, rhs, constants, names)
        if relation == "!=":
            equality = self.checked(lhs, rhs, "=")
            stand_ins = _stand_ins(lhs, rhs, self.kinds)
            # the paragraph before the step's display, and the display itself
            near = "\n\n".join(self.text[max(0, st.offset - 600) : st.offset].split("\n\n")[-2:])
            universal = EVERY_POINT.search(near) is not None
            general = not universal and (IN_GENERAL.search(near) or _swapped(lhs, rhs))
            if equality.verdict is not Verdict.REFUTED or general:
                return decide_not_equal(equality, stand_ins, None)
            # "for every x, A != B": the difference keeps one sign, or some x makes them equal
            signs = [self.checked(lhs, rhs, r) for r in ("<", ">")]
            return decide_not_equal(equality, stand_ins, signs)
        result = self.checked(lhs, rhs, relation)
        if dependent := self.maybe_dependent(lhs, rhs):
            # G in d/dtheta log G: a constant, or G(theta) as the notes may say in words
            functions = {s: sp.Function(s.name, real=True)(v) for s, v in dependent.items()}
            alt = self.checked(lhs.xreplace(functions), rhs.xreplace(functions), relation)
            names = ", ".join(sorted(f"{s} as {show(f)}" for s, f in functions.items()))
            called = {f.func.__name__ for f in (lhs - rhs).atoms(AppliedUndef)}
            if called & {s.name for s in functions}:
                result = alt  # dG/dtheta in the same step: G is G(theta) throughout
            else:
                result = decide_readings([("constants", result), (names, alt)])
        space = NoteSpace.for_step([lhs, rhs], self.kinds)
        unnamed = self.undeclared_distributions(space)
        if relation == "=" and unnamed and (_constant(lhs) or _constant(rhs)):
            # D_KL(p || q) = 0.14: a value for particular p, q, perhaps given in prose
            names = ", ".join(unnamed)
            doubt = f"{names} may be particular distributions given outside display math"
            result = decide_doubts(result, [], [doubt])
        elif sizes := _unstated_sizes(space, lhs, rhs, st, self.declared):
            # H(p) <= log K, p of a size the notes give only in words (p_1, ..., p_K)
            result = decide_doubts(result, [], sizes)
        elif unnamed and (others := _parameters(space, unnamed)):
            # KL[P || Q] = (a formula in mu_1, sigma_1, ...): P, Q are given in words
            doubt = (
                f"{', '.join(unnamed)} are neither declared nor defined, and the step relates "
                f"them to {', '.join(others)}, as the notes may do in words"
            )
            result = decide_doubts(result, [], [doubt])
        elif (generic := self.generic_densities(space)) and (
            others := _parameters(space, generic, _arguments(lhs, rhs, generic))
        ):
            # "Let p, q be densities", then `\log\frac{p(x)}{q(x)} = x\log\frac{a}{b} - a + b`
            # "for $p = \operatorname{Pois}(a)$" (in words symkl does not read): particular ones
            doubt = (
                f"{', '.join(generic)} are densities the notes declare but never define, and the "
                f"step relates them to {', '.join(others)}, as the notes may do in words"
            )
            result = decide_doubts(result, [], [doubt])
        return replace(result, reason=prefix + result.reason)

    def maybe_dependent(self, lhs, rhs) -> dict[sp.Symbol, sp.Symbol]:
        """Letters named like functions (L, G, f) that the notes neither declare nor define,
        inside a derivative with respect to another variable: the notes may mean L(theta)."""
        out = {}
        for side in (lhs, rhs):
            for d in side.atoms(sp.Derivative):
                (var, _), *_ = d.variable_count
                for s in d.expr.free_symbols - {var}:
                    if (
                        isinstance(s, sp.Symbol)
                        and s.name in FUNCTION_LIKE
                        and s.name not in self.declared
                        and s.name not in self.definitions
                        and not self.constant_by_formula(s.name, str(var))
                    ):
                        out.setdefault(s, var)
        return out

    def constant_by_formula(self, name: str, variable: str) -> bool:
        """Does the prose give `name` by a formula that uses neither `variable` nor a name
        the prose describes (`$S = \\sum_i x_i$`, then d/dtheta of S log theta), directly or
        through a definition or words ("each $x_i$ equals $\\theta$ times $z_i$")?"""
        used = self.formulas.get(name)
        if used is None:
            return False
        return not self.dependencies(used) & ({variable} | set(self.described))

    def dependencies(self, letters: frozenset[str]) -> frozenset[str]:
        """`letters` with what each is defined by (`\\lambda_i = \\theta x_i`: theta, x) or
        tied to in words, one step on."""
        out = set(letters)
        for letter in letters:
            out |= self.linked.get(letter, frozenset())
            value = self.definitions.get(letter)
            if isinstance(value, EntryFormula):
                value = value.formula
            if isinstance(value, sp.Basic):
                out |= _names(value)
        return frozenset(out)

    def generic_densities(self, space: NoteSpace) -> list[str]:
        """Densities of the step (`p(x)`) that the notes declare but define nowhere."""
        names = {f.__name__ for f in space.densities}
        return sorted(n for n in names if n in self.declared and n not in self.definitions)

    def undeclared_distributions(self, space: NoteSpace) -> list[str]:
        """Distributions in the step that the notes do not declare: a definition symkl
        applied would have left no such name in the step (`p = \\mathcal N(\\mu_1, ...)` is
        recorded, but D_KL(p || q) samples p as a density of its own)."""
        names = {str(b.label) for b, kind, _ in space.vectors if kind == "distribution"}
        names |= {f.__name__ for f in space.densities}
        return sorted(n for n in names if n not in self.declared)

    def checked(self, lhs, rhs, relation: str, kinds: dict | None = None) -> Check:
        """`check` with the domains the notes state; when the step uses letters whose domain
        the notes leave unstated, also with each domain they may have (sigma > 0; gamma in
        (0, 1), > 1 or < 0), and the policy (`decide_domains`) weighs the readings."""
        kinds = {**self.kinds, **(kinds or {})}
        lhs, rhs = _one_symbol_per_name([lhs, rhs], kinds)
        space = NoteSpace.for_step([lhs, rhs], kinds)
        real = partial(self.checked, relation=relation, kinds=kinds)
        if (unit := check_with_imaginary_unit(lhs, rhs, relation, space, real)) is not None:
            return unit  # the imaginary unit: settled symbolically, or no verdict
        stated = self.one_check(lhs, rhs, space, relation)
        if stated.verdict in (Verdict.PROVED, Verdict.HOLDS_NUMERICALLY):
            return stated
        readings = []
        for reading in domain_readings([lhs, rhs], self.declared):
            rlhs, rrhs = reading.exprs
            space = NoteSpace.for_step([rlhs, rrhs], {**kinds, **reading.kinds})
            readings.append(
                (reading.usual, reading.hint, self.one_check(rlhs, rrhs, space, relation))
            )
            if readings[-1][2].verdict is not Verdict.REFUTED:
                break  # one domain where it is not refuted is enough to withhold a verdict
        return decide_domains(stated, readings)

    def one_check(self, lhs, rhs, space: NoteSpace, relation: str) -> Check:
        names = tuple(f.__name__ for f in space.free_functions)
        generic = generic_laws([str(b.label) for b, _, _ in space.vectors])
        # The symbolic stage gets part of what is left, so sampling always gets its turn.
        seconds = min(SYMBOLIC_SHARE * remaining(), self.seconds)
        prefer = self.inside_prose(lhs, rhs)
        return check(
            lhs,
            rhs,
            space,
            relation,
            seconds=seconds,
            stand_ins=names,
            generic=generic,
            prefer=prefer,
        )

    def residual(self, difference, space) -> str:
        try:
            with budget(min(0.5, 0.5 * remaining())):
                form = show(normal_form(difference, space))
        except Exception:  # the residual only illustrates a reason; fall back to the input
            form = show(difference)
        return form if len(form) <= 160 else form[:157] + "..."

    def optimizing(self, st: Statement) -> bool:
        """Do the notes optimize near this step (so `+ C` may mean an unspecified constant)?"""
        return OPTIMIZING.search(self.text[max(0, st.offset - 800) : st.offset + 200]) is not None

    def variables(self, st: Statement) -> tuple[str, ...]:
        """The optimization variable written under a nearby argmin/min, or the model names."""
        near = self.text[max(0, st.offset - 800) : st.offset + 200]
        found = []
        for m in re.finditer(r"\\(?:arg\s*\\)?(?:min|max)\s*_\s*\{?\s*\\?([A-Za-z]+)", near):
            found.append(m.group(1))
        return tuple(dict.fromkeys(found)) or MODEL_NAMES

    def independent(self, expr, names: tuple[str, ...]) -> Check:
        """Is `expr` free of the variables `names`? Checked as the identity
        expr(v) = expr(v') with v' an independent copy of v: shown symbolically when the
        normal form does not mention v, and cross-checked by sampling v and v' apart."""
        copy, kinds = _renamed(expr, names, self.kinds)
        return self.checked(expr, copy, "=", kinds)

    def optimum(self, relation: str, lhs, rhs, lw: Wrapped | None, rw: Wrapped | None) -> Check:
        """Steps between optima: `argmin_v A = argmin_v B` (minimizers) and
        `min_v A REL min_v B` (minimum values), and either against a plain expression."""
        if lw is None or rw is None:
            wrapper = lw or rw
            if lw is None:  # b REL min A  ->  min A REL' b
                lhs, rhs, relation = rhs, lhs, FLIPPED[relation]
            return self.optimum_against(relation, lhs, rhs, wrapper)
        if lw.arg != rw.arg:
            return no_verdict("a minimizer compared with a minimum value")
        if (lw.var, lw.constrained) != (rw.var, rw.constrained):
            return no_verdict("optima over different variables or sets")
        names = tuple(n for n in lw.var.split(",") if n) or self.model_names(lhs, rhs)
        if not names:
            return no_verdict("an optimum whose variable is not written")
        said = {n: self.range_said(n, self.line) for n in names if n not in self.declared}
        if ranged := [n for n in names if said.get(n) is not None]:
            return no_verdict(
                f"the notes state a range of {ranged[0]} in words (line "
                f"{said[ranged[0]]}) that symkl does not apply, and the optima depend "
                f"on it: declare '{ranged[0]}: ...'"
            )
        what = ", ".join(names)
        if lw.arg:
            if relation != "=":
                return no_verdict("an order between minimizers is not checked")
            return self.minimizers(lhs, rhs, lw, rw, names)
        if lw.op != rw.op:
            return no_verdict("a maximum compared with a minimum value")
        # \min is the minimum value: "the same problem" is written \arg\min or "minimize"
        pointwise = self.checked(lhs, rhs, relation)
        constant = values = None
        if pointwise.verdict not in CONFIRMED or relation in ("<", ">"):
            constant = self.independent(lhs - rhs, names)
            if constant.verdict in CONFIRMED:
                values = self.checked(lhs - rhs, sp.Integer(0), relation)
        return decide_optimum_value(lw.op, relation, what, pointwise, constant, values)

    def at_optimum_point(self, relation: str, lhs, rhs) -> Check | None:
        """`\\hat\\mu = b` where the notes define `\\hat\\mu = \\arg\\min_\\mu A`: the claim
        `\\arg\\min_\\mu A = b`, checked against the objective; None for any other step."""
        for point, value in ((lhs, rhs), (rhs, lhs)):
            found = self.optimum_points.get(str(point)) if isinstance(point, sp.Symbol) else None
            if found is None or relation != "=" or point in sp.sympify(value).free_symbols:
                continue
            self.solved_points.add(str(point))
            faded = self.faded_ranges({str(x) for x in found.objective.free_symbols})
            if faded:
                return no_verdict("; ".join(faded))
            return self.optimum_against(relation, found.objective, value, found.wrapper)
        return None

    def optimum_against(self, relation: str, objective, value, wrapper: Wrapped) -> Check:
        """`argmin_v A = b` and `min_v A REL b` (b free of v) for one scalar v, on the real
        line or on the interval its declared kind gives: the stationary point, the second
        derivative on that interval and, on an interval, the point lying inside it are the
        evidence (max mirrored)."""
        v = next((s for s in objective.free_symbols if s.name == wrapper.var), None)
        if objective.has(sp.Abs, sp.Max, sp.Min, sp.Piecewise, sp.sign, sp.floor, sp.ceiling):
            # at a kink an optimum has no zero derivative
            return no_verdict("an optimum of a function with kinks or jumps is not checked")
        if wrapper.constrained:
            # the stationary point may lie outside the set: a restricted optimum is not checked
            return no_verdict("an optimum over a restricted set is not checked")
        if v is None or v in value.free_symbols:
            return no_verdict("an optimum over a variable symkl cannot find")
        if v.is_integer:
            # over whole numbers an optimum need not be stationary
            return no_verdict(f"an optimum over whole numbers {v} is not checked")
        said = self.range_said(v.name, self.line) if v.name not in self.declared else None
        if said is not None:
            # an optimum moves with the set it is taken over, unlike an identity
            return no_verdict(
                f"the notes state a range of {v.name} in words (line {said}) "
                f"that symkl does not apply, and the optimum depends on it: declare "
                f"'{v.name}: ...'"
            )
        interval = interval_of(self.declared.get(v.name) or "real")
        if interval is None:
            return no_verdict("an optimum over a set symkl cannot find")
        op, shape = wrapper.op, (">=" if wrapper.op == "min" else "<=")
        curvature = self.checked(sp.diff(objective, v, 2), sp.Integer(0), shape)
        if not _continuous_on(objective, v, interval):
            # a pole or a gap splits the range: the sign of A'' on each piece makes no
            # stationary point the optimum of the whole
            curvature = no_verdict(
                f"the objective is not continuous wherever {v} ranges, so its curvature "
                f"there decides nothing ({curvature.reason})"
            )
        if wrapper.arg:
            if relation != "=":
                return no_verdict("an order between minimizers is not checked")
            slope = self.checked(sp.diff(objective, v).subs(v, value), sp.Integer(0), "=")
            inside = self.within(value, interval, str(v))
            return decide_stationary(op, str(v), show(value), slope, curvature, shape, inside)
        beyond = {"min": ("=", ">=", ">"), "max": ("=", "<=", "<")}[op]
        passes = self.checked(objective, value, shape) if relation in beyond else None
        root = self.stationary_point(objective, v)
        at = inside = None
        if root is not None:
            at = self.checked(objective.subs(v, root), value, relation)
            inside = self.within(root, interval, str(v))
        shown = show(objective.subs(v, root)) if root is not None else ""
        return decide_optimum_against(op, shape, passes, curvature, at, shown, inside)

    def within(self, point, interval: sp.Interval, v: str) -> Check | None:
        """Does `point` lie inside the interval v ranges over? None on the real line."""
        bounds = [(">", interval.start), ("<", interval.end)]
        checks = [
            (f"{rel} {show(bound)}", self.checked(point, bound, rel))
            for rel, bound in bounds
            if bound.is_finite
        ]
        return decide_within(v, show(point), checks) if checks else None

    def model_names(self, lhs, rhs) -> tuple[str, ...]:
        """Without a written variable, the model's names (q, theta) the objectives mention."""
        present = _names(lhs) | _names(rhs)
        return tuple(n for n in MODEL_NAMES if n in present)

    def stationary_point(self, objective, v) -> sp.Expr | None:
        """The one stationary point of the objective in v, or None (none, several, or not
        found within a share of the step's budget)."""
        try:
            with budget(SYMBOLIC_SHARE * remaining()):
                roots = sp.solve(sp.diff(objective, v), v)
        except (BudgetExhausted, *SYMPY_FAILURES):
            return None
        return roots[0] if len(roots) == 1 else None

    def minimizers(self, lhs, rhs, lw: Wrapped, rw: Wrapped, names) -> Check:
        """The same optimizer: the objectives differ by a term free of the variables, or by
        a positive factor (argmax A = argmin B: A and -B)."""
        other = -rhs if lw.op != rw.op else rhs
        shift = self.independent(lhs - other, names)
        shift_text = scale_text = ""
        scale = None
        if shift.verdict in CONFIRMED:
            shift_text = self.residual(lhs - other, NoteSpace.for_step([lhs - other], self.kinds))
        elif other != 0:
            ratio = sp.simplify(lhs / other)
            if not ratio.free_symbols:  # argmin 2A = argmin A
                scale, scale_text = self.checked(ratio, sp.Integer(0), ">"), show(ratio)
        return decide_minimizer(lw.op, ", ".join(names), shift, shift_text, scale, scale_text)

    def up_to_constant(self, lhs, rhs, constants, names: tuple[str, ...]) -> Check:
        """`A = B + C` where the notes optimize: C may be an unspecified constant."""
        rest = (lhs - rhs).subs({c: 0 for c in constants})
        same = self.independent(rest, names)
        shown = self.residual(rest, NoteSpace.for_step([rest], self.kinds))
        names_text = ", ".join(str(c) for c in constants)
        return decide_constant(names_text, ", ".join(names), same, shown)

    def vector(self, lhs, rhs) -> Check:
        """A gradient against a column vector, row by row (rows of \\vdots skipped)."""
        if isinstance(lhs, sp.MatrixBase) and not isinstance(rhs, sp.MatrixBase):
            lhs, rhs = rhs, lhs
        if not (isinstance(lhs, sp.MatrixBase) or lhs.has(Gradient)):
            return no_verdict("a vector compared with something that is not a gradient")
        rows = []
        # every row written: row k is the derivative in the k-th entry, whatever it shows
        complete = not any(row.has(VDOTS) for row in rhs)
        if complete and not isinstance(lhs, sp.MatrixBase):
            sizes = {hi for s in lhs.atoms(sp.Sum) for _, _, hi in s.limits if hi.is_Integer}
            if sizes and sizes != {len(rhs)}:
                return no_verdict(f"a gradient of {max(sizes)} entries against {len(rhs)} rows")
        for k, row in enumerate(rhs):
            if row.has(VDOTS):
                continue
            if isinstance(lhs, sp.MatrixBase):
                left = lhs[k] if k < len(lhs) else None
            else:
                left = self.component(lhs, row, k + 1 if complete else None)
            if left is None or left.has(VDOTS):
                return no_verdict(f"row {k + 1}: no matching component")
            rows.append((k + 1, self.checked(left, row, "=")))
            if rows[-1][1].verdict is Verdict.REFUTED:
                break
        return decide_rows(rows)

    def component(self, gradient, row, position: int | None = None):
        """The row of nabla_q f at `position`, or, where rows are elided (\\vdots), the one
        that matches `row`: d f / d q_k for the q_k in the row."""
        grad = next(iter(gradient.atoms(Gradient)))
        f, base = grad.args
        label = str(base.label)
        if position is not None:
            entry = sp.IndexedBase(label, positive=True)[position]
            return gradient.xreplace({grad: sp.Derivative(f, entry)})
        bound = {lim[0] for agg in row.atoms(sp.Sum, sp.Product) for lim in agg.limits}
        bound |= {m.limits[0] for m in row.atoms(InformationMeasure) if m.limits}
        indices = [
            i.indices[0]
            for i in row.atoms(sp.Indexed)
            if str(i.base.label) == label and i.indices[0] not in bound
        ]
        if not indices:
            return None
        entry = sp.IndexedBase(label, positive=True)[indices[0]]
        return gradient.xreplace({grad: sp.Derivative(f, entry)})


#: names with a meaning of their own when called (the sigmoid)
#: the left side of a display that gives a vector's entries (`s_k`, `\\hat y_{k}`)
_CASES_ENV = re.compile(r"\\begin\{(?:cases|array)\}")
#: names of measures: a failed definition of one leaves the measure as it is
MEASURE_NAMES = frozenset({"H", "I", "D", "KL", "JS", "h"})


#: words that may say a letter's values anew
_VALUE_WORDS = re.compile(
    r"\\pm|\u00b1|\bplus\s+or\s+minus\b|\bsigned\b|\binstead\b|\{\s*-\s*1\s*,",
    re.IGNORECASE,
)


def _values_touched(prose: str) -> bool:
    """Does `prose` speak of signs or of values anew (`\\pm`, "plus or minus", "signed",
    "instead", `\\{-1, ...`)?"""
    return _VALUE_WORDS.search(prose) is not None


def _heading_level(text: str, offset: int) -> int:
    """1 for `#` and `\\section`, 2 for `##` and `\\subsection`, ..."""
    head = text[offset : offset + 40].lstrip()
    if head.startswith("#"):
        return len(head) - len(head.lstrip("#"))
    return 1 + head.count("sub")


#: `f(x) = ...`, `p(y \mid x) = ...`: a function defined by a call on the left
CALL_DEFINED = re.compile(r"\s*((?:\\[A-Za-z]+\s*\{?\s*)?\\?[A-Za-z]+\}?)\s*\(.*\)\s*", re.S)
ENTRY_DEFINED = re.compile(
    r"\s*((?:\\[A-Za-z]+\s*\{?\s*)?\\?[A-Za-z]+\}?)\s*_\s*(?:[a-z]|\{\s*[a-z](?:\s*,?\s*[a-z])*\s*\})\s*"
)

BUILT_IN = frozenset(
    {"sigma", "exp", "log", "ln", "lg", "tanh", "sinh", "cosh", "sin", "cos", "tan", "arctan"}
    | {"arcsin", "arccos", "erf", "sqrt", "max", "min", "Gamma"}
    | KNOWN_WORDS
)


#: a derivative written on the left (`f'(x)`, `\\frac{d}{dx} f`), not `\\sigma'`, a name
_DERIVATIVE_ON_LEFT = re.compile(
    r"(?:'|\\prime\s*\}?)+\s*(?:\(|\\left)|\\partial|\\nabla|\\[dt]?frac\s*\{\s*d"
)


def _call_text(text: str) -> tuple[str, list[str]] | None:
    """(name, [argument names]) for `NAME(a, b)` with bare names as arguments."""
    m = re.fullmatch(
        r"\s*(?:\\(?:operatorname|mathrm|textrm|text)\s*\{\s*([A-Za-z]+)\s*\}|\\?([A-Za-z]+))"
        r"(?:_\{?([A-Za-z0-9]+)\}?)?\s*(?:\\left)?\("
        r"\s*(\\?[A-Za-z]+(?:\s*,\s*\\?[A-Za-z]+)*)\s*(?:\\right)?\)\s*",
        text,
    )
    if m is None:
        return None
    name = (m.group(1) or m.group(2)) + (f"_{m.group(3)}" if m.group(3) else "")
    return name, [a.strip().lstrip("\\") for a in m.group(4).split(",")]


def _parameters(
    space: NoteSpace, unnamed: list[str], arguments: set[str] = frozenset()
) -> list[str]:
    """The step's scalars and non-distribution vectors, other than `unnamed` (and the
    `arguments` their densities are called at)."""
    names = {str(s) for s, _ in space.scalars}
    names |= {str(b.label) for b, kind, _ in space.vectors if kind != "distribution"}
    return sorted(names - set(unnamed) - set(arguments))


def _arguments(lhs, rhs, functions: list[str]) -> set[str]:
    """The names the step calls `functions` at (`x` of `p(x)`)."""
    return {
        str(s)
        for e in (lhs, rhs)
        if isinstance(e, sp.Basic)
        for call in e.atoms(AppliedUndef)
        if call.func.__name__ in functions
        for s in call.free_symbols
    }


def _sizes_beside_variables(lhs, rhs) -> bool:
    """Integer letters in a step about random variables, other than their own sizes."""
    exprs = [e for e in (lhs, rhs) if isinstance(e, sp.Basic)]
    return any(
        s.is_integer and not s.name.startswith("m_") and not s.name.endswith("_rv")
        for e in exprs
        for s in e.free_symbols
        if isinstance(s, sp.Symbol)
    )


@dataclass(frozen=True)
class _Case:
    """A case the prose supposes (`supposed_case`): the line and formula that say it, what
    it does to a side, the names it speaks of, and whether the step is among the displays
    right after it."""

    line: int
    formula: str
    apply: Callable[[sp.Basic], sp.Basic]
    names: set[str]
    right_after: bool

    @property
    def said(self) -> str:
        return f"in the case {self.formula} the prose supposes (line {self.line})"


def _made_one(swap: dict, expr: sp.Basic) -> sp.Basic:
    return expr.xreplace(swap)


#: a paragraph that starts a numbered problem: "**2.**", "**Problem 2.**", "Problem 2.",
#: "Exercise 3:" (not a numbered list's "2.")
_PROBLEM_START = re.compile(
    r"^[ \t]*(?:\*\*\s*(?:(?:Problem|Exercise|Question|Q)\s*)?\d+[a-z]?\s*[.:)]?\s*\*\*"
    r"|(?:Problem|Exercise|Question)\s+\d+[a-z]?\s*[.:)])",
    re.MULTILINE,
)
#: letters that stand for a worked step's rounded numbers (`rounded_inside`)
_PLACES = ("xi", "nu", "chi")
#: the level of a part a bold label opens (below every heading's)
_LABEL_LEVEL = 7
#: functions with a usual meaning, which "back to the standard one" brings back
_KNOWN_FUNCTIONS = frozenset(
    {"sigma", "softplus", "logit", "softmax", "relu", "tanh", "sigmoid", "expit", "logsumexp"}
)


#: counting from 0 in words ("the values zero, one and two", "starting at 0", "0-based")
_ZERO_BASED_WORDS = re.compile(
    r"\bzero\s*,\s*one\b|\b(?:start|begin|count|index|number)\w*\s+(?:\w+\s+){0,2}?"
    r"(?:at|from|with)\s+(?:0|zero)\b|\b(?:zero|0)[- ](?:based|indexed)\b",
    re.IGNORECASE,
)


def _counts_from_zero(text: str) -> bool:
    """Do the notes count from 0 (a set `\\{0, 1, ...\\}`, `\\sum_{i=0}`, "starting at 0")?"""
    return bool(
        # (`\\{0, 1\\}` alone is a binary label's values, not an index range)
        re.search(r"_\s*\{\s*[a-z]\s*=\s*0\s*\}|(?<![\d.])0\s*,\s*(?:1\s*,|\\[lc]?dots)", text)
        or _ZERO_BASED_WORDS.search(text)
    )


def _zero_entry(text: str, name: str) -> bool:
    """Do the notes write vector `name`'s entry 0 (`p_0`)?"""
    return re.search(rf"(?<![A-Za-z\\]){re.escape(name)}\s*_\s*\{{?\s*0\b", text) is not None


def _at_entries(expr: sp.Expr, vectors: dict[str, tuple]) -> sp.Expr | None:
    """`expr` with its measures unfolded, its sums written out over every entry of the
    `vectors` (name -> entries, all of one length) and the entries put in; None where a sum
    does not run over exactly those entries, or an entry's place is unclear."""
    lengths = {len(v) for v in vectors.values()}
    if len(lengths) != 1:
        return None
    (length,) = lengths
    expr, lows, sizes = unfold(expr), set(), {}
    for total in sorted(expr.atoms(sp.Sum), key=sp.count_ops):
        if len(total.limits) != 1 or not total.limits[0][1].is_Integer:
            return None
        _, low, high = total.limits[0]
        count = high - low + 1
        free = count.free_symbols
        if len(free) > 1 or (not free and count != length):
            return None  # `\\sum_{i=1}^{2}` of three entries: not all of them
        if free:
            (size,) = free
            solved = sp.solve(sp.Eq(count, length), size)
            if len(solved) != 1 or sizes.setdefault(size, solved[0]) != solved[0]:
                return None
        lows.add(int(low))
    if lows != {1}:
        return None  # entries listed in order are p_1, p_2, ...; a sum from 0 (or none) may
        # count them from 0 ("$p_i = P(X = i)$, $X \\in \\{0, 1, 2\\}$")
    low = 1
    expr = expr.subs(sizes).doit()
    places = {}
    for entry in expr.atoms(sp.Indexed):
        name, index = str(entry.base.label), entry.indices
        if name not in vectors:
            continue
        if len(index) != 1 or not index[0].is_Integer or not 0 <= index[0] - low < length:
            return None
        value = vectors[name][int(index[0]) - low]
        places[entry] = sp.Rational(value.numerator, value.denominator)
    expr = expr.xreplace(places)
    return None if expr.atoms(sp.Indexed, sp.Sum) else expr


def _entries_given(label: sp.Symbol, index: sp.Symbol, value: sp.Expr, expr: sp.Basic):
    """`expr` with every entry of `label` given by `value` at its index (`q_i = 1/n`); its
    measures written out first, so that their entries are there to give."""
    return unfold(expr).replace(
        lambda e: isinstance(e, sp.Indexed) and e.base.label == label and len(e.indices) == 1,
        lambda e: value.xreplace({index: e.indices[0]}),
    )


#: a value as `values_in_words` gives it: an integer or a fraction
_NUMBER = re.compile(r"-?\d+(?:/\d+)?")
#: letters that name a size where they stand alone
_SIZE_NAMES = frozenset({"n", "m", "N", "M", "K", "k", "C", "d", "D", "V", "T"})


def _step_symbols(lhs, rhs) -> dict[str, sp.Symbol]:
    """Name -> symbol for the letters of the step (a vector's label too: `p` of `p_i`)."""
    exprs = [e for e in (lhs, rhs) if isinstance(e, sp.Basic)]
    return {s.name: s for e in exprs for s in e.free_symbols if type(s) is sp.Symbol}


def _base_name(name: str) -> str:
    """`s_1` -> s: the letter a prose formula's name (`name_of`) is compared by."""
    return name.split("_")[0]


def _written_name(side: str) -> str | None:
    """The symbol name for a name written in a prose formula (`\\sigma_{1}` -> sigma_1,
    `\\hat y` -> yhat), or None where the side is no name."""
    m = re.fullmatch(r"\s*(.+?)\s*(?:_\s*\{?\s*([A-Za-z0-9]+)\s*\}?)?\s*", side)
    base = name_of(m.group(1)) if m else None
    if base is None:
        return None
    return f"{base}_{m.group(2)}" if m.group(2) else base


def _step_names(lhs, rhs) -> tuple[set[str], set[str], set[str]]:
    """The step's scalar names (not sizes, labels or integers), its vectors' labels, and
    every name it samples: those and its sums' upper bounds."""
    exprs = [e for e in (lhs, rhs) if isinstance(e, sp.Basic)]
    labels = {i.base.label for e in exprs for i in e.atoms(sp.Indexed)}
    sizes = {hi for e in exprs for t in e.atoms(sp.Sum, sp.Product) for _, _, hi in t.limits}
    symbols = {s for e in exprs for s in e.free_symbols - labels if isinstance(s, sp.Symbol)}
    # sizes and integers are sampled as sizes: only a bound in words restricts them
    scalars = {s.name for s in symbols - sizes if not s.is_integer}
    names = {str(b) for b in labels}
    return scalars, names, {s.name for s in symbols} | names | {str(d) for d in sizes}


#: a verdict under a range the prose moved on from, and the verdicts that, had over the
#: letters' widest domain, show that the range was not needed
_DECIDED = {
    Verdict.PROVED: (Verdict.PROVED, Verdict.HOLDS_NUMERICALLY),
    Verdict.HOLDS_NUMERICALLY: (Verdict.PROVED, Verdict.HOLDS_NUMERICALLY),
    Verdict.REFUTED: (Verdict.REFUTED,),
}


def _bare_name(text: str) -> str | None:
    """The name a side that is only a name reads as (`L`, `\\mathcal{L}`, `\\hat y`)."""
    if m := re.fullmatch(r"\s*\\?([A-Za-z]+)\s*", text):
        return m.group(1)
    # `\mathrm{PPL}`, `\operatorname{CE}`: a name of several letters
    if m := re.fullmatch(
        r"\s*\\(?:mathrm|text|textrm|textit|mathit|mathsf|operatorname)\s*\{\s*([A-Za-z]+)\s*\}\s*",
        text,
    ):
        return m.group(1)
    return name_of(text.strip())


_EXTREMES = {"max": "largest", "min": "smallest"}


def _at_extreme(counterexample: dict | None, name: str, index: str, which: str) -> bool:
    """Is `name[index]` the largest (smallest) entry of `name` at the counterexample, as
    far as its exact values tell?"""
    entries, at = (counterexample or {}).get(name), (counterexample or {}).get(index)
    if not isinstance(entries, list) or not isinstance(at, int) or not 1 <= at <= len(entries):
        return False
    values = [_exact(v) for v in entries]
    if any(v is None for v in values):
        return False
    pick = max if which == "max" else min
    return values[at - 1] == pick(values)


def _natural_domain(clause: str, value: sp.Basic, arguments: tuple) -> sp.Interval | None:
    """The range `clause` states of a function's one argument (`0 \\le p \\le 1`) where it
    holds wherever the function's formula `value` has a real value: it says where the formula
    is defined, and limits nothing. None for any other clause."""
    ranged = formula_range(re.sub(r"^\s*(?:\\q?quad|\\[,;:!> ]|~|\s)+", "", clause))
    if ranged is None or not isinstance(value, sp.Expr) or len(arguments) != 1:
        return None
    name, (lo, lo_open, hi, hi_open) = ranged
    (variable,) = [a for a in arguments if isinstance(a, sp.Symbol) and a.name == name] or [None]
    if variable is None or value.free_symbols != {variable}:
        return None
    ends = [sp.Rational(b) if math.isfinite(b) else (sp.oo if b > 0 else -sp.oo) for b in (lo, hi)]
    stated = sp.Interval(*ends, lo_open, hi_open)
    try:
        with budget(min(0.5, remaining())):
            # a plain real letter: SymPy takes log(p) of a positive p as real everywhere
            x = sp.Dummy("x", real=True)
            real = continuous_domain(value.xreplace({variable: x}), x, sp.S.Reals)
    except (BudgetExhausted, *SYMPY_FAILURES):
        return None
    return stated if real.is_subset(stated.closure) is True else None


#: the binary entropy function, written H_b (`\\mathrm{H}_b`, `H_{\\text{b}}`)
_BINARY_ENTROPY_FUNCTION = re.compile(
    r"H\s*\}?\s*_\s*(?:\{\s*(?:\\(?:text|mathrm)\s*\{\s*)?(?:b|bin)\s*\}?\s*\}|b(?![A-Za-z]))"
)
#: the base of `\\log` as a letter: any base, where the notes state one symkl cannot read
_ANY_BASE = sp.Symbol("base", positive=True)
#: the reading of H, D and I in bits for a step whose own logs are natural (`\\ln`)
_MEASURES_IN_BITS = "H, D and I in bits (the notes speak of bits)"
#: the reading of H_b in bits where the notes state no unit for it
_H_B_IN_BITS = "H_b in bits (the binary entropy function is often in bits)"
#: the notes' own formula for it (`H_b(p) = -p\\log p - ...`): its logs say its unit
_BINARY_ENTROPY_FORMULA = re.compile(
    r"H\s*_\s*\{?\s*b\s*\}?\s*(?:\\left)?\(\s*\\?[A-Za-z]+\s*(?:\\right)?\)\s*"
    r"(?::=|=|\\coloneqq|\\triangleq|\\equiv)[^$\n]*\\log"
)
#: the measure a definition's left side calls: `\\mathrm{JS}(p, q)`, `D_{\\mathrm{KL}}(p \\| q)`
_MEASURE_CALL = re.compile(MEASURE_HEAD)


def _lists_itself(name: str, value: sp.Basic) -> bool:
    """Is `value` the tuple of `name`'s own entries, 1 to k (`p = (p_1, p_2, p_3)`)?"""
    return isinstance(value, sp.Tuple) and all(
        isinstance(e, sp.Indexed) and str(e.base.label) == name and e.indices == (k,)
        for k, e in enumerate(value.args, start=1)
    )


def _within_unit(bounds: list[tuple[str, str]]) -> bool:
    """Do a letter's bounds keep it within [0, 1] (`0 < q \\le 1`), or are there none (the
    entries were called probabilities in words)?"""
    if not bounds:
        return True
    values = [(op, _exact(bound)) for op, bound in bounds]
    return any(op in ("<", "<=") and v is not None and v <= 1 for op, v in values) and all(
        v is not None and (v >= 0 if op in (">", ">=") else v <= 1) for op, v in values
    )


#: `symkl.sampling.shown` of a value next to a whole number: `1 - 1e-300`
_NEAR_WHOLE_SHOWN = re.compile(r"(-?\d+) ([+-]) (\d[\d.e+-]*)")


def _exact(value) -> Fraction | None:
    """A sampled value or a bound as an exact number (`1e-1000` is no 0.0 here; `1 - 1e-300`,
    a value shown beside the whole number it is near, to the float of its gap), or None (an
    interval, infinity)."""
    if isinstance(value, str) and (near := _NEAR_WHOLE_SHOWN.fullmatch(value.strip())):
        gap = Fraction(Decimal(near[3]))
        return Fraction(int(near[1])) + (gap if near[2] == "+" else -gap)
    try:
        if isinstance(value, sp.Basic):
            if not value.is_Number or not value.is_finite:
                return None
            exact = sp.Rational(value)  # a Float's binary value, exactly
            return Fraction(int(exact.p), int(exact.q))
        if isinstance(value, (int, float, Fraction)):
            return Fraction(value)
        return Fraction(Decimal(str(value).strip()))  # `1.0e-1000`; mpmath's numbers
    except (TypeError, ValueError, ArithmeticError):
        return None


def _holds_at(formula: str, counterexample: dict | None) -> bool:
    """Does an equation the prose states (`y^2 = 1`, `y_i^2 = 1`) hold exactly at a
    counterexample, for every entry of a vector it names? False where that cannot be told."""
    if counterexample is None or formula.count("=") != 1:
        return False
    left, right = formula.split("=")
    try:
        reader = _block_reader(formula, {}, {})
        difference = reader.parse(left) - reader.parse(right)
    except Exception:  # an equation symkl does not read: the doubt stays
        return False
    if not isinstance(difference, sp.Expr):
        return False
    entries = difference.atoms(sp.Indexed)
    if len({e.base for e in entries}) > 1 or len({e.indices for e in entries}) > 1:
        return False
    cases = [{}]
    if entries:
        (entry,) = {e.base[e.indices] for e in entries}
        given = counterexample.get(str(entry.base.label))
        if not isinstance(given, list):
            return False
        cases = [{entry: v} for v in given]
    scalars = {s for s in difference.free_symbols if not any(s in e.free_symbols for e in entries)}
    # `y^2 = 1` said of a y the step writes by its entries y_i: of each entry
    listed = [s for s in scalars if isinstance(counterexample.get(s.name), list)]
    if listed and (entries or len(listed) > 1):
        return False
    if listed:
        cases = [{listed[0]: v} for v in counterexample[listed[0].name]]
        scalars -= set(listed)
    at = {}
    for s in scalars:
        value = _exact(counterexample.get(s.name)) if s.name in counterexample else None
        if value is None:
            return False
        at[s] = sp.Rational(value.numerator, value.denominator)
    for case in cases:
        values = {k: _exact(v) for k, v in case.items()}
        if any(v is None for v in values.values()):
            return False
        point = at | {k: sp.Rational(v.numerator, v.denominator) for k, v in values.items()}
        try:
            if difference.xreplace(point) != 0:
                return False
        except Exception:  # (a derivative at a number, a value SymPy cannot form): untold
            return False
    return True


def _among(point: dict, name: str, given: set[Fraction]) -> bool:
    """Are the values of `name` at a sampled point (every entry, for a vector) among
    `given`? True where the point does not hold the name."""
    if name not in point:
        return True
    values = point[name] if isinstance(point[name], list) else [point[name]]
    return all(_exact(v) in given for v in values)


def _respects(counterexample: dict, name: str, op: str, bound: str) -> bool:
    """Does a counterexample keep `name OP bound` (every entry, for a vector)? False when it
    cannot be told."""
    if name not in counterexample or not bound:
        return False
    value = counterexample[name]
    if bound in counterexample:
        limit = counterexample[bound]
    else:
        try:
            limit = float(Fraction(bound))
        except (ValueError, ZeroDivisionError):
            return False
    if op == "!=" and isinstance(value, list) and isinstance(limit, list):
        return value != limit
    if op == "!=" and isinstance(limit, list) and not isinstance(value, list):
        return value not in limit  # x != mu where mu has entries: x differs from each
    if isinstance(limit, list):
        return False
    values = value if isinstance(value, list) else [value]
    pairs = [(_exact(v), _exact(limit)) for v in values]
    if any(a is None or b is None for a, b in pairs):
        return False
    keeps = {
        "!=": lambda a, b: a != b,  # sampled values are exact: equal only at a tie
        "<": lambda a, b: a < b,
        "<=": lambda a, b: a <= b,
        ">": lambda a, b: a > b,
        ">=": lambda a, b: a >= b,
    }[op]
    return all(keeps(a, b) for a, b in pairs)


def _given_value(value) -> bool:
    """Is a definition a value given outright (a tuple, a number), not a formula?"""
    return isinstance(value, sp.Tuple) or (isinstance(value, sp.Expr) and value.is_number)


def _writes(name: str, text: str, scalar: bool = False) -> bool:
    """Does `text` write the name (`mu` as `\\mu` too), not inside a longer one? A `scalar`
    not as a function or with a subscript either (`D(p \\| q)`, `D_{KL}`)."""
    after = r"(?![A-Za-z])(?!\s*(?:\(|_|\\left\b))" if scalar else r"(?![A-Za-z])"
    head, _, label = name.partition("_")
    if label and len(label) > 1:  # `H_bits` as `H_{\\text{bits}}`, `H_\\mathrm{bits}`, `H_{bits}`
        written = rf"{re.escape(head)}\s*_\s*\{{?\s*(?:\\[A-Za-z]+\s*\{{)?\s*{re.escape(label)}"
    else:
        written = re.escape(name)
    return re.search(rf"(?<![A-Za-z\\])\\?{written}{after}", text) is not None


def _updated_name(st: Statement) -> bool:
    """`NAME := ... NAME ...`: the right side uses the name being (re)defined."""
    name = _defined_name(st.lhs.text)
    if name is None or st.rhs is None:
        return False
    return re.search(rf"(?<![A-Za-z])\\?{re.escape(name)}(?![A-Za-z])", st.rhs.text) is not None


#: words and relations that make a step general, or range its letters
#: words that change what letters stand for besides their values ("swapping the roles",
#: "with p and q exchanged"): the step's letters may not be what the values were given to
_ROLES_CHANGED = re.compile(
    r"\b(?:swap\w*|exchang\w*|interchang\w*|revers\w*|roles?|instead|other\s+way)\b", re.I
)
_UNIVERSAL = re.compile(
    r"\b(?:any|every|all|arbitrary|general|generally|each|whenever|always)\b"
    r"|<|>|\\(?:le|ge|leq|geq|in|lt|gt)(?![A-Za-z])",
    re.IGNORECASE,
)
_INLINE_MATH = re.compile(r"\$[^$]*\$")
#: words that describe a particular law ("for the fair coin", "a point mass", "e.g.")
_PARTICULAR_LAW = re.compile(
    r"\b(?:fair|uniform|point\s+mass|degenerate|deterministic|dice?|coins?|this|these)\b|"
    + PARTICULAR_CASE.pattern,
    re.IGNORECASE,
)
#: words that say a claim holds in every case
_GENERALLY = re.compile(
    r"\b(?:any|every|all|arbitrary|general|generally|each|always|never)\b", re.IGNORECASE
)
#: a `\\log` written without a base
_PLAIN_LOG = re.compile(r"\\log(?![A-Za-z])(?!\s*_)")
#: the reading of a step's own logs as natural where the notes state another base
_STEP_NATURAL = "natural logs (the step writes \\ln, an exponential or the sigmoid)"
#: the range of a Bernoulli parameter: (lo, lo_open, hi, hi_open)
_UNIT_INTERVAL = (Fraction(0), True, Fraction(1), True)
#: what a range the notes state for one may reach
_CLOSED_UNIT = (Fraction(0), False, Fraction(1), False)


def _narrowed(bounds: tuple, within: tuple) -> tuple:
    """The part of `bounds` inside `within` (both (lo, lo_open, hi, hi_open), `bounds`
    itself where it is not a plain interval); empty where lo >= hi."""
    if len(bounds) != 4:
        return bounds
    lo, lo_open = max((bounds[0], bounds[1]), (within[0], within[1]), key=lambda e: (e[0], e[1]))
    hi, hi_open = min((bounds[2], not bounds[3]), (within[2], not within[3]))
    return (lo, lo_open, hi, not hi_open)


def _meets(bounds: tuple) -> bool:
    """Do (lo, lo_open, hi, hi_open) and (0, 1) overlap?"""
    lo, _, hi, _ = _narrowed(bounds, _CLOSED_UNIT)
    return lo < hi


#: after a matrix: a power or inverse (not a transpose), or the bar of a determinant
_POWERED = re.compile(
    r"\s*(?:\^\s*(?!\{?\s*(?:T|\\top|\\intercal|\\mathsf\s*\{?\s*T|\())|\|)"
)  # (`^{(2)}` labels a layer)


def _written(name: str) -> re.Pattern:
    """A matrix letter as written in a step (`A`, `W_1`, `\\Sigma_0`, `\\mathbf{B}`)."""
    letter = re.escape(name) if len(name) == 1 else rf"\\{re.escape(name)}"
    return re.compile(  # (`AB`: two capitals side by side are a product)
        rf"(?:\\(?:mathbf|boldsymbol|bm)\s*\{{\s*)?(?<![a-z\\])(?P<name>{letter})(?![a-z])"
        r"\s*\}?(?:\s*_\s*(?:\{[^{}]*\}|\w))?"
    )


#: a capital that is a matrix in the step itself: in bold, or times a bold vector
#: bars or a determinant, which a matrix inside them would make a determinant
_DETERMINANT = re.compile(r"\\det(?![A-Za-z])|\||\\[lr]?vert(?![A-Za-z])|\\[lr]?Vert(?![A-Za-z])")
_MATRIX_HERE = re.compile(
    r"\\(?:mathbf|boldsymbol|bm)\s*\{\s*(?P<name>[A-Z]|\\(?:Sigma|Lambda|Gamma|Phi|Psi|Omega))\s*\}"
    r"|(?<![A-Za-z\\])(?P<bare>[A-Z])(?:\s*_\s*(?:\{[^{}]*\}|\w))?\s*\\(?:mathbf|boldsymbol|bm|vec)\s*\{?\s*[a-z]"
)
#: tokens around a matrix: what it multiplies (`\\mathbf`, `(`, `^\\top` are skipped)
_TOKEN = re.compile(r"\\[A-Za-z]+|\^\s*\{?\s*(?:T|\\top|\\intercal)\s*\}?|[A-Za-z0-9]|\S")
_SKIPPED = frozenset(
    [
        "\\mathbf",
        "\\boldsymbol",
        "\\bm",
        "\\vec",
        "\\left",
        "\\right",
        "(",
        ")",
        "{",
        "}",
        "\\,",
        "\\;",
        "\\!",
    ]
)


#: an entry of a matrix: two indices (`A_{ij}`, `W_{i1}`, `A_{i,j}`), or any index after
#: a layer's label (`W^{(2)}_{i}`)
_ENTRY = re.compile(r"_\s*\{\s*[a-z]\s*,?\s*\w\s*\}")
_LABELLED_ENTRY = re.compile(r"\s*\^\s*\{\s*\(\s*\w+\s*\)\s*\}\s*_")


def _neighbour(tokens: list[str]) -> str | None:
    """The first factor in `tokens` (read away from a matrix), or None at a sum's sign."""
    for t in tokens:
        if t in _SKIPPED or t.startswith("^"):
            continue
        return None if t in "+-=,<>" or t == "\\cdot" else t  # `\\cdot`: a scalar product
    return None


def _moved(name: re.Pattern, lhs: str, rhs: str) -> bool:
    """Does a matrix multiply other factors on one side than on the other (both sides
    have it)? Entries (`A_{ij}`, `W^{(1)}_{i}`) are numbers and do not count."""

    def around(side: str) -> Counter:
        pairs = Counter()
        for m in name.finditer(side):
            if _ENTRY.search(m.group(0)) or _LABELLED_ENTRY.match(side, m.end()):
                continue
            before = _TOKEN.findall(side[: m.start()])[::-1]
            pairs[(_neighbour(before), _neighbour(_TOKEN.findall(side[m.end() :])))] += 1
        return pairs

    left, right = around(lhs), around(rhs)
    return bool(left) and bool(right) and left != right


#: `\\(` and `\\)`, LaTeX's (and MathJax's) inline math: read as `$` (offsets kept)
_DOLLARS = re.compile(r"(?<!\\)\\[()]")


def _dollar(m: re.Match) -> str:
    return " $" if m.group(0).endswith("(") else "$ "


def _row(text: str, offset: int) -> tuple[int, str]:
    """Where the line of `offset` starts, and its text."""
    start = text.rfind("\n", 0, offset) + 1
    return start, text[start : text.find("\n", offset) % (len(text) + 1)]


#: a side that is decimals added and subtracted (`0.125 + 0.818`, `0.811`)
_DECIMAL_SUM = re.compile(r"\s*-?\s*\d*\.\d+(?:\s*[-+]\s*\d*\.\d+)*\s*[.,;]?\s*")
_DECIMAL = re.compile(r"([-+]?)\s*(\d*\.(\d+))")
#: a whole number (`22026`), or one in scientific notation (`1.8 \\times 10^{19}`)
_WHOLE = re.compile(r"\s*(-?)\s*(\d+)\s*[.,;]?\s*")
_SCIENTIFIC = re.compile(
    r"\s*(-?)\s*(\d+)(?:\.(\d+))?\s*\\(?:times|cdot)\s*10\s*\^\s*(?:\{\s*([-+]?\d{1,4})\s*\}|(\d))"
    r"\s*[.,;]?\s*"
)


def _rounded_side(source: str) -> tuple[Fraction, Fraction, int] | None:
    """A side written as a rounded number: (its value, half a unit of its finest digit, the
    fewest significant digits of a number in it),
    for decimals added and subtracted (`0.125 + 0.818`), a whole number (`22026`) or
    scientific notation (`2.22 \\times 10^{-16}`); None for any other side."""
    if _DECIMAL_SUM.fullmatch(source):
        total, places, digits = Fraction(0), 0, 10**9
        for sign, number, after in _DECIMAL.findall(source):
            total += (-1 if sign == "-" else 1) * Fraction(Decimal(number))
            places = max(places, len(after))
            digits = min(digits, len(number.replace(".", "").lstrip("0")))
        # half a unit of the finest place: rounded terms that drift apart (seven 0.14 for
        # seven sevenths) are not the value rounded
        return total, Fraction(1, 2 * 10**places) * (1 + Fraction(1, 10**9)), digits
    if m := _WHOLE.fullmatch(source):  # (`10` counts its zero: rounded to the unit)
        value = int(m[2]) * (-1 if m[1] else 1)
        return Fraction(value), Fraction(1, 2), len(m[2].lstrip("0"))
    if m := _SCIENTIFIC.fullmatch(source):
        after, power = m[3] or "", int(m[4] or m[5])
        mantissa = Fraction(Decimal(f"{m[2]}.{after}" if after else m[2]))
        scale = Fraction(10) ** power
        value = (-1 if m[1] else 1) * mantissa * scale
        return value, Fraction(1, 2 * 10 ** len(after)) * scale, len((m[2] + after).lstrip("0"))
    return None


#: `3.3e2`, `1e-3`: a number in E notation, or a number times e times a number
_E_NOTATION = re.compile(r"(?<![A-Za-z\\.\d])\d+(?:\.\d+)?e[-+]?\d")


#: words that say a claim of every value ("whatever its weights", "for any", "every source")
_SAID_OF_ALL = re.compile(
    r"\b(?:every|whatever|whichever|regardless|for\s+(?:any|all)|any\s+(?:weights|values?|choice))\b",
    re.IGNORECASE,
)
#: a name on the left of a definition, maybe with a label or index (`H_2`, `L_{\\text{CE}}`)
_DEFINED_NAME = re.compile(r"\s*\\?([A-Za-z]+)\s*(?:_\s*(?:\{[^{}]*\}|\\?\w+))?\s*")
#: e where it can only be Euler's number: `\\log_2 e`, `\\ln e` (`e^{x}` is read as the
#: exponential even where e is an index)
_EULER = re.compile(r"\\(?:log|ln)\s*(?:_\s*(?:\{[^{}]*\}|\w)\s*)?e(?![A-Za-z])")


def _e_both_ways(reader: Reader, text: str) -> list[str]:
    """A block that writes e as a subscript (`q_e`, `H_e`) reads a bare e as that index; a
    step that also writes Euler's number (`\\log_2 e`) is read one way only, and one that
    writes the same name with e and with a number (`H_e = H_2 \\ln 2`) may mean labels
    (nats, bits) rather than entries."""
    if not reader.e_is_index:
        return []
    if _EULER.search(text):
        return ["e is a subscript in this display and also Euler's number; symkl reads it one way"]
    for name in _E_SUBSCRIPTED.findall(text):
        if re.search(rf"(?<![A-Za-z\\]){re.escape(name)}\s*_\s*\{{?\s*\d", text):
            return [f"{name}_e beside {name} with a number may be labels, not entries of {name}"]
    return []


#: a name with the subscript e (`H_e`, `q_{e}`)
_E_SUBSCRIPTED = re.compile(r"(?<![A-Za-z\\])(\\?[A-Za-z]+)\s*_\s*\{?\s*e(?![A-Za-z])")


#: prose about iterations, where a superscript may index the iterate
_ITERATIONS = re.compile(
    r"\b(?:iterat\w*|epochs?|(?:time\s+)?steps?\s+\$\s*[tk]\s*\$|superscripts?\s+(?:index|denote|mark|count))",
    re.IGNORECASE,
)
#: prose that says superscripts are powers ("Powers below are honest powers")
_POWERS_SAID = re.compile(
    r"\b(?:honest|genuine|true|ordinary|actual|plain)\s+(?:powers|exponents)\b"
    r"|\bsuperscripts?\s+(?:are|denote|mean)\s+(?:exponents|powers)\b"
    r"|\bpowers,?\s+not\s+(?:iterates|indices|labels)\b",
    re.IGNORECASE,
)
#: a letter raised to an iteration index: `\\theta^{t+1}`, `\\pi^t`, `w^{k-1}` (not e^t)
_ITERATE_POWER = re.compile(
    r"(?:\\(?!right|left|big|Big|exp)[A-Za-z]+|(?<![A-Za-z\\])(?!e\s*\^)[A-Za-z])\s*\^\s*(?:\{\s*[tk]\s*(?:[+-]\s*1\s*)?\}|[tk](?![A-Za-z]))"
)


def _e_notation(text: str) -> list[str]:
    """The doubt for a number written in E notation, which LaTeX reads as a product."""
    return [
        f"{m.group(0)} may be E notation (a power of ten) or a product with e"
        for m in _E_NOTATION.finditer(text)
    ][:1]


#: words that claim a value exact ("the slope is exactly", "precisely")
_EXACT_WORDS = re.compile(
    r"(?<!almost )(?<!nearly )(?<!not )(?<!approximately )\b(?:exact(?:ly)?|precisely)\b",
    re.IGNORECASE,
)
#: a sentence that makes every value of its section exact ("every sum and product is
#: exact", "all values below are exact")
_ALL_EXACT = re.compile(
    r"\b(?:every|all|each)\b[^.;]*\b(?:is|are)\s+(?:all\s+)?exact\b", re.IGNORECASE
)
#: a formula with a transposed or inverted capital (`X^T X`, `(X^\\top X)^{-1}`): matrices
_MATRIX_FORMULA = re.compile(
    r"[A-Z]\s*\}?\s*\^\s*\{?\s*(?:T\b|\\top|\\intercal|-1)|\)\s*\^\s*\{\s*-1\s*\}"
)
#: numbers as written, and counts in words ("three dice")
_DIGITS = re.compile(r"\d+(?:\.\d+)?")
_COUNT_WORDS = {
    w: str(k)
    for k, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
        ]
    )
}


def _last_paragraph(prose: str, end: int, reach: int) -> str:
    """The last paragraph of the prose within `reach` characters before `end` (displays
    are blank there, so this is the prose that leads into a display), or ""."""
    paragraphs = [p for p in re.split(r"\n\s*\n", prose[max(0, end - reach) : end]) if p.strip()]
    return paragraphs[-1] if paragraphs else ""


def _numbers_said(words: str) -> set[str]:
    """The numbers a lead-in gives, in digits or in words ("with three dice": {"3"})."""
    counted = re.findall(r"\b(" + "|".join(_COUNT_WORDS) + r")\b", words, re.IGNORECASE)
    return set(_DIGITS.findall(words)) | {_COUNT_WORDS[w.lower()] for w in counted}


#: the end of a display (`$$`, `\\]`, an environment's end)
_DISPLAY_CLOSER = re.compile(r"\$\$|\\\]|\\end\{")


def _arb_fraction(x: Fraction):
    """A Fraction as an exact ball."""
    return flint.arb(x.numerator) / x.denominator


#: an inequality -> the one that holds where it fails
_NEGATED = {"<": ">=", "<=": ">", ">": "<=", ">=": "<"}


#: the words of a condition a step is claimed under (not "unless", "otherwise", "at")
_CONDITION_WORD = re.compile(
    r"^\s*,?\s*(?:(?:\\left)?\(\s*)?(?:\\(?:text|textrm|mbox|mathrm)\s*\{\s*,?\s*"
    r"(?:if|for(?:\s+all|\s+every|\s+any)?|when|whenever|where|with|provided(?:\s+that)?|given)"
    r"\s*\}|\\q?quad|\\forall)"
)


_RELATION_IN = re.compile(r"[<>=]|\\(?:[lg]eq?|in|neq?|lt|gt)(?![A-Za-z])")


def _clause_ranges(clause: str) -> tuple[dict[str, tuple], bool]:
    """Letter -> (lo, lo_open, hi, hi_open) for each letter a condition after a step bounds
    by numbers (`\\quad x > 0`, `\\text{for } 0 < p < 1 \\text{ and } t \\ge 1`), and
    whether that is all it says (not `|u| \\le c`, words, `\\text{unless}`)."""
    opening = _CONDITION_WORD.match(clause)
    if opening is None:
        return {}, False
    body = re.sub(r"\\(?:q?quad|forall|[ ;:,!])|~", " ", clause[opening.end() :])
    body = body.strip(" .\n)")
    split = re.split(
        r"\\(?:text|textrm|mbox|mathrm)\s*\{\s*(?:and|,)?\s*\}|,(?![^()\[\]]*[)\]])", body
    )
    pieces, letters = [], ""
    for piece in split:  # `a, b \\ge 2`: the letters before a relation are its own
        if _RELATION_IN.search(piece):
            pieces.append(letters + piece)
            letters = ""
        else:
            letters += piece + ","
    out: dict[str, tuple] = {}
    whole = not letters.strip(" ,.")
    for piece in (p.strip(" .") for p in pieces):
        found = formula_ranges(piece) if piece else None
        if found is None:
            whole = False
            continue
        for name, (lo, lo_open, hi, hi_open) in found.items():
            if name in out:  # `x > -1 \\text{ and } x < 5`: both
                lo_, lo_open_, hi_, hi_open_ = out[name]
                lo, lo_open = (
                    (lo, lo_open) if lo > lo_ else (lo_, lo_open_ or (lo == lo_ and lo_open))
                )
                hi, hi_open = (
                    (hi, hi_open) if hi < hi_ else (hi_, hi_open_ or (hi == hi_ and hi_open))
                )
                if lo >= hi:
                    return {}, False
            out[name] = (lo, lo_open, hi, hi_open)
    return out, whole


def _lists_own_entries(lhs: str, rhs: str) -> bool:
    """Is `rhs` the entries of the name `lhs` with dots between (`(p_1, \\dots, p_K)`,
    `[z_1, z_2, \\ldots, z_n]`)?"""
    name = re.escape(lhs.strip())
    entry = rf"{name}\s*_\s*(?:\w|\{{[^{{}}]*\}})"
    dots = r"\\(?:[lc]?dots|dotsc)"
    entries = rf"{entry}\s*,(?:\s*{entry}\s*,)*\s*{dots}\s*,\s*{entry}"
    listing = rf"\s*(?:\\left)?[(\[]\s*{entries}\s*(?:\\right)?[)\]]\s*"
    return re.fullmatch(listing, rhs) is not None


def _of_bernoulli_laws(measure: sp.Basic) -> bool:
    """Is a measure one of laws (theta, 1 - theta) only (`H(p)`, `D(p || q)` of Bernoulli
    parameters)?"""
    if not isinstance(measure, InformationMeasure):
        return False
    laws = measure.args[: measure.n_distributions]
    return all(
        isinstance(d, sp.Tuple) and len(d) == 2 and sp.expand(d[0] + d[1]) == 1 for d in laws
    )


def _natural_logs(text: str) -> bool:
    """Does a step say its logs are natural: written `\\ln` (or `\\log_e`) and no other
    way, or beside an exponential or the sigmoid (`\\log(1 + e^z)`, `\\log\\sigma(z)`)?"""
    natural = re.search(r"\\ln(?![A-Za-z])|\\log\s*_\s*\{?\s*e(?![A-Za-z])", text)
    other = re.search(r"\\lg(?![A-Za-z])|\\log(?![A-Za-z])(?!\s*_\s*\{?\s*e(?![A-Za-z]))", text)
    exponential = re.search(
        r"(?<![A-Za-z\\])e\s*\^|\\exp(?![A-Za-z])|\\mathrm\s*\{\s*e\s*\}\s*\^|\\sigma\s*(?:\\left)?\(",
        text,
    )
    return (natural is not None and other is None) or exponential is not None


#: a softmax the notes define (to the end of its line), or a temperature
_SOFTMAX_DEFINED = re.compile(
    r"softmax\}?\s*(?:\\left)?\([^()]*(?:\\right)?\)\s*(?:_\s*\{?\s*\w\s*\}?)?\s*"
    r"(?:=|:=|\\coloneqq)(?P<rest>[^\n]*)|\btemperature\b",
    re.IGNORECASE,
)
#: an exponent in a softmax's formula other than an entry (`e^{z_i/T}`, `e^{2z_i}`)
_SCALED_EXPONENT = re.compile(
    r"(?:e\^\{|\\exp\s*\()(?!\s*\\?[A-Za-z]+\s*_\s*\{?\s*\w\s*\}?\s*[})])"
)


def _own_softmax(text: str) -> bool:
    """Do the notes mean another softmax than e^{z_i} / \\sum_k e^{z_k}: a temperature, or a
    definition of their own with a scaled exponent?"""
    return any(
        m.group("rest") is None or _SCALED_EXPONENT.search(m.group("rest"))
        for m in _SOFTMAX_DEFINED.finditer(text)
    )


#: `p \\in \\mathbb{R}^K`: a letter made a vector of real numbers
_REAL_VECTOR = re.compile(
    r"(?<![A-Za-z\\])([pqPQ])\s*\\in\s*\\mathbb\s*\{?\s*R\s*\}?\s*\^\s*(?:\{[^{}\\]*\}|\w)"
)
#: a function a step redefines by its log no later step reads (`define_by_log`)
UNREAD = sp.Symbol("_unread_function")
#: `\\log L(\\theta)`: the log of a call, on the left of a definition
_LOG_OF_CALL = re.compile(
    r"\s*\\(?:log|ln)\s*(?:\\mathcal\s*\{\s*([A-Z])\s*\}|\\?([A-Za-z]+))\s*"
    r"(?:\\left)?\([^()]*(?:\\right)?\)\s*"
)


def _logged_name(text: str) -> str | None:
    """L for `\\log L(\\theta)`, Lcal for `\\log\\mathcal{L}(\\theta)` (as the reader names
    it), else None."""
    m = _LOG_OF_CALL.fullmatch(text)
    if m is None:
        return None
    return f"{m.group(1)}cal" if m.group(1) else m.group(2)


def _named_in_prose(name: str) -> re.Pattern:
    """A prose formula that writes `name` bare or called (`$L$`, `$L(\\theta)$`)."""
    return re.compile(rf"\$[^$]*(?<![A-Za-z\\]){re.escape(name)}\s*[($]")


def _entry_defined(lhs) -> bool:
    """Is a left side an entry at one letter (`s_i`, `\\hat y_k`): a vector's entries?"""
    return (
        isinstance(lhs, sp.Indexed)
        and len(lhs.indices) == 1
        and isinstance(lhs.indices[0], sp.Symbol)
    )


def _defined_name(text: str) -> str | None:
    """NAME in `NAME` or `NAME(args)` on the left of a definition (`\\mathbf{w}` is w,
    `\\bar x` xbar)."""
    text = re.sub(r"\\(?:mathbf|boldsymbol|bm|vec|mathrm|mathit)\s*\{([^{}]*)\}", r"\1", text)
    m = re.fullmatch(r"\s*\\?([A-Za-z]+)\s*(?:\\left)?(?:\([^()]*(?:\\right)?\))?\s*", text)
    return m.group(1) if m else name_of(text.strip())  # \bar x: xbar


def _constant(expr: sp.Basic) -> bool:
    """A number that involves no distribution (0.14, log 2 - log 3 / 2)."""
    return bool(expr.is_number) and not expr.atoms(AppliedUndef, sp.Indexed, InformationMeasure)


#: words that give a name a new meaning: after them, a formula for it may define it anew
_ANEW = re.compile(
    r"\b(?:(?:re)?defin\w*|denot\w*|stands?\s+for|let|call\w*|write|becomes?|anew|new|"
    r"switch\w*|replac\w*|models?|another|rather|place|instead\s+of|from\s+now\s+on|"
    r"henceforth|reus\w*)\b",
    re.IGNORECASE,
)


def _one_symbol_per_name(exprs: list, kinds: dict[str, str]) -> list:
    """`exprs` with one symbol for each name. A definition made while the prose gave its
    letter a range (`T > 0`) keeps that symbol in its body; a step after the range ends
    writes the letter anew. Sampled apart, the two T would take two values at one point,
    shown as one: a counterexample that is none. The step's kind for the name decides;
    without one, the widest of the symbols."""
    groups: dict[str, set] = {}
    for expr in exprs:
        for s in expr.free_symbols:
            if type(s) is sp.Symbol:
                groups.setdefault(s.name, set()).add(s)
    swap = {}
    for name, group in groups.items():
        if len(group) > 1:
            one = (
                symbol_for(name, kinds)
                if name in kinds
                else min(group, key=lambda s: (len(s.assumptions0), sorted(s.assumptions0.items())))
            )
            swap |= {s: one for s in group if s != one}
    return [expr.xreplace(swap) for expr in exprs] if swap else list(exprs)


def _names(expr: sp.Basic) -> set[str]:
    found = {s.name for s in expr.free_symbols if isinstance(s, sp.Symbol)}
    found |= {str(i.base.label) for i in expr.atoms(sp.Indexed)}
    found |= {f.func.__name__ for f in expr.atoms(AppliedUndef)}
    for m in expr.atoms(InformationMeasure):
        found |= set().union(*(_names(d) for d in m.distributions))
    return {n.split("_")[0] for n in found}


def _unstated_sizes(space: NoteSpace, lhs, rhs, st: Statement, declared) -> list[str]:
    """A distribution whose number of outcomes the step does not write (H(p): n by
    default), beside a free size letter (K): the notes may mean K as that number."""
    text = f"{st.lhs.text} {st.rhs.text}"
    implicit = sorted(
        {
            str(base)
            for (base, _), d in space.vector_dims
            if re.search(rf"(?<![A-Za-z]){re.escape(str(split_dimension(d)[0]))}(?![A-Za-z])", text)
            is None
        }
    )
    dims = {d.name for d in space.dims}
    letters = sorted(
        s.name
        for e in (lhs, rhs)
        if isinstance(e, sp.Basic)
        for s in e.free_symbols
        if isinstance(s, sp.Symbol)
        and s.name in SIZE_LETTERS
        and s.name not in dims
        and s.name not in declared
    )
    if not (implicit and letters):
        return []
    return [
        f"{', '.join(letters)} may be the number of outcomes of {', '.join(implicit)}, which "
        f"the step does not write"
    ]


def _swapped(lhs, rhs) -> bool:
    """Is one side the other with two of its names exchanged (H(p, q) != H(q, p))? Such a
    step says the expression is not symmetric: not equal as functions."""
    if not (isinstance(lhs, sp.Basic) and isinstance(rhs, sp.Basic)):
        return False
    names = sorted(lhs.atoms(sp.IndexedBase, sp.Symbol), key=str)
    return any(
        lhs.xreplace({a: b, b: a}) == rhs
        for k, a in enumerate(names)
        for b in names[k + 1 :]
        if type(a) is type(b)
    )


def _case_variants(lhs, rhs) -> list[str]:
    """P and p (X and x, L and l) in one step: notes often write one object both ways."""
    if isinstance(lhs, sp.MatrixBase) or isinstance(rhs, sp.MatrixBase):
        return []
    names = _names(lhs) | _names(rhs)
    pairs = sorted(n for n in names if n.isupper() and n.lower() in names and len(n) == 1)
    return [f"{n} and {n.lower()} may name one object, which the step reads as two" for n in pairs]


#: letters that notes add to one side for "some constant" (`\log p = -x^2/2 + C`; a
#: lower-case c is as often a parameter: `(t - c)^2`)
_CONSTANT_NAME = re.compile(r"C(?:_\w+)?|const\w*")


def _additive_constants(lhs, rhs) -> list[str]:
    """`f = g + C` with C in no other place: C may be some constant the notes leave open
    (the step then says f - g is constant), not every number."""
    out = []
    for side, other in ((lhs, rhs), (rhs, lhs)):
        if not isinstance(side, sp.Add) or not isinstance(other, sp.Basic):
            continue
        for term in side.args:
            c = term.as_coeff_Mul()[1]
            if (
                isinstance(c, sp.Symbol)
                and _CONSTANT_NAME.fullmatch(c.name)
                and not (side - term).has(c)
                and not other.has(c)
            ):
                out.append(f"{c.name} may be some constant the notes leave open, not any number")
    return out


def _stand_ins(lhs, rhs, kinds) -> tuple[str, ...]:
    return tuple(f.__name__ for f in NoteSpace.for_step([lhs, rhs], kinds).free_functions)


def _densities(lhs, rhs, kinds) -> str:
    return ", ".join(f.__name__ for f in NoteSpace.for_step([lhs, rhs], kinds).densities)


def _matches(name: str, names: tuple[str, ...]) -> bool:
    return any(part in names for part in re.split(r"[_(,|)\s]+", name) if part)


def _renamed(
    expr: sp.Basic, names: tuple[str, ...], kinds: dict[str, str]
) -> tuple[sp.Basic, dict[str, str]]:
    """`expr` with every symbol, vector and function named after one of `names` (q, q_theta,
    theta_1, ...) replaced by an independent copy (`q_alt`, ...), and the stated kinds of
    the copies (a copy of a distribution is a distribution)."""
    copies: dict[str, str] = {}

    def alt(name: str) -> str:
        copies[name] = f"{name}_alt"
        return copies[name]

    mapping: dict = {}
    for s in expr.free_symbols:
        if isinstance(s, sp.Symbol) and _matches(s.name, names):
            mapping[s] = sp.Symbol(alt(s.name), **s.assumptions0)
    for i in expr.atoms(sp.Indexed):
        label = i.base.label
        if _matches(str(label), names):
            mapping[i.base] = sp.IndexedBase(alt(str(label)), **label.assumptions0)
    for f in expr.atoms(AppliedUndef):
        if _matches(f.func.__name__, names):
            copy = sp.Function(alt(f.func.__name__), **getattr(f.func, "_kwargs", {}))
            mapping[f] = copy(*f.args)
    stated = {copy: kinds[name] for name, copy in copies.items() if name in kinds}
    return expr.xreplace(mapping), stated


def audit_text(
    text: str,
    path: str = "<text>",
    kinds: dict[str, str] | None = None,
    seconds: float = DEFAULT_SECONDS,
    repairs: bool = False,
) -> FileAudit:
    """Audit the display math of a notes file's contents.

    Args:
        text: the file's contents.
        path: shown in messages; `.tex` selects LaTeX scanning.
        kinds: assumptions from the command line (name -> kind), over the file's own.
        seconds: time limit of each step's symbolic check.
        repairs: also search edits that make each refuted step hold (`StepAudit.repairs`).
    """
    return _Auditor(text, path, kinds or {}, seconds, repairs).run()


def audit_file(
    path: str | Path,
    kinds: dict[str, str] | None = None,
    seconds: float = DEFAULT_SECONDS,
    repairs: bool = False,
) -> FileAudit:
    """Audit one file (`audit_text` says what the arguments mean).

    Raises:
        SymklError: the file cannot be read as UTF-8 text (`symkl.safeio.read_notes`).
    """
    p = Path(path)
    text = read_notes(p)
    if p.suffix.lower() != ".ipynb":
        return audit_text(text, str(path), kinds, seconds, repairs)
    cells, where = notebook_text(text, str(path))
    audit = audit_text(cells, str(path), kinds, seconds, repairs)
    audit.text, audit.displays = "", []  # lines of the joined cells, not of the notebook
    audit.steps = [
        replace(step, cell=where[step.line - 1][0], line=where[step.line - 1][1])
        for step in audit.steps
    ]
    audit.notes = [
        (where[line - 1][1], f"cell {where[line - 1][0]}: {note}") for line, note in audit.notes
    ]
    return audit
