"""The verdict policy: the one place where evidence becomes a verdict.

## Main definitions
- `Verdict`: proved > holds-numerically > undecided > ambiguous > refuted (weakest last).
- `Certificate`: a symbolic argument (its method and the assumptions it rests on).
- `StepEvidence`: everything a check of one relation found: the certificate (or that the
  symbolic budget ran out), the numeric evidence, and which functions were stand-ins.
- `Check`: a verdict with its reason and, when refuted, the certified counterexample.
- `decide(evidence)`: the policy for one relation.
- `decide_readings(...)`, `decide_domains(...)`, `decide_not_equal(...)`: the policy where a
  step has several readings, an unstated domain, or claims that two sides differ.
- `decide_rounded(evidence)`: a number written with `\\approx` against the exact value.

Rules (docs/checking.md, "What a verdict means"):
- `refuted` needs a point inside the sampled domain where the difference of the two sides is
  certified non-zero (on the wrong side) by its error bound; a failure that rests on a
  stand-in for a function the notes never define refutes nothing, nor does one that rests
  on a quadrature (whose error is only estimated) unless the integrals in closed form,
  bounded in ball arithmetic, confirm it.
- `proved` needs a symbolic certificate that sampling corroborates at one point at least; a
  certificate that a certified point contradicts is a symkl bug (`CheckerConflict`).
- `holds-numerically` needs agreement at `MIN_AGREEING` points, and at half of those tried.
- Everything else is `undecided`, with the reason; readings that disagree are `ambiguous`.
"""

import enum
from dataclasses import dataclass
from fractions import Fraction

import flint

from symkl.checking.evidence import NumericEvidence, Outcome, PointResult
from symkl.errors import CheckerConflict

__all__ = [
    "Verdict",
    "Certificate",
    "StepEvidence",
    "Check",
    "decide",
    "decide_readings",
    "decide_domains",
    "decide_not_equal",
    "decide_doubts",
    "decide_jumps",
    "decide_minimizer",
    "decide_optimum_value",
    "decide_stationary",
    "decide_within",
    "decide_optimum_against",
    "decide_constant",
    "decide_rows",
    "decide_rounded",
    "RoundingEvidence",
    "no_verdict",
    "weakest",
    "MIN_AGREEING",
]

#: agreeing points needed for `holds-numerically`
MIN_AGREEING = 8


class Verdict(enum.Enum):
    PROVED = "proved"
    HOLDS_NUMERICALLY = "holds-numerically"
    UNDECIDED = "undecided"
    AMBIGUOUS = "ambiguous"
    REFUTED = "refuted"

    def __str__(self) -> str:
        return self.value


_STRENGTH = [
    Verdict.REFUTED,
    Verdict.AMBIGUOUS,
    Verdict.UNDECIDED,
    Verdict.HOLDS_NUMERICALLY,
    Verdict.PROVED,
]
_CONFIRMED = (Verdict.PROVED, Verdict.HOLDS_NUMERICALLY)


def weakest(verdicts) -> Verdict:
    """The weakest verdict of a chain (proved if the chain is empty)."""
    return min(verdicts, key=_STRENGTH.index, default=Verdict.PROVED)


@dataclass(frozen=True)
class Certificate:
    method: str
    assumptions: tuple[str, ...] = ()


@dataclass(frozen=True)
class StepEvidence:
    relation: str
    certificate: Certificate | None
    numeric: NumericEvidence
    symbolic_exhausted: bool = False
    stand_ins: tuple[str, ...] = ()  # functions sampled as stand-ins for unknown ones
    #: density letters read as any density (`notes/latent.py`): what holds for every such
    #: law holds for the notes' densities, but one that fails may not be the notes' own
    generic: tuple[str, ...] = ()


@dataclass(frozen=True)
class Check:
    """A verdict with its reason; `points` agreeing points, `max_error` the largest bound on
    the relative difference of the sides among them (for `=`)."""

    verdict: Verdict
    reason: str
    counterexample: dict | None = None
    points: int = 0
    max_error: float = 0.0
    #: sampled on every branch of its kinks and jumps (`NumericEvidence.pieces`)
    pieces: bool = False


def _show(x: flint.arb) -> str:
    """A ball's midpoint to 12 significant digits (arb keeps huge exponents exact)."""
    return x.mid().str(12, radius=False)


def _plain(x: flint.arb | None) -> float | str | None:
    if x is None:
        return None
    value = float(x.mid())
    return value if abs(value) != float("inf") else _show(x)


def _counterexample(r: PointResult) -> dict:
    out = {**r.point, "bits": r.bits}
    if r.before is None or r.after is None:
        return out | {"before": _plain(r.before), "after": _plain(r.after), "why": r.why}
    d = r.before - r.after
    return out | {
        "before": _plain(r.before),
        "after": _plain(r.after),
        "difference": _show(d),
        "error_bound": float(d.rad().upper()) if d.rad().upper() < 1e300 else _show(d.rad()),
    }


#: entries of a sampled vector shown in a failure's text (the counterexample keeps all)
SHOWN_ENTRIES = 6


def _brief(value, entry: bool = False) -> str:
    """A sampled value for a sentence: a long vector (n = 40) as its first entries, an
    ellipsis, its last entry and its length, not a wall of numbers (entries as Python
    prints a list's)."""
    if isinstance(value, list) and len(value) > SHOWN_ENTRIES:
        head = ", ".join(_brief(v, True) for v in value[: SHOWN_ENTRIES - 2])
        return f"[{head}, ..., {_brief(value[-1], True)}] ({len(value)} entries)"
    if isinstance(value, list):
        return "[" + ", ".join(_brief(v, True) for v in value) + "]"
    return repr(value) if entry else str(value)


def _failure_text(r: PointResult) -> str:
    where = " at " + ", ".join(f"{k} = {_brief(v)}" for k, v in r.point.items()) if r.point else ""
    if r.before is None or r.after is None:
        defined = _show(r.before if r.before is not None else r.after)
        return f"fails{where}: {r.why}, while the other side is {defined}"
    d = r.before - r.after
    how = "" if r.rigorous else " (quadrature: the error is estimated)"
    if r.why:
        how += f" ({r.why})"
    return (
        f"fails{where}: before = {_show(r.before)}, after = {_show(r.after)}, "
        f"difference {_show(d)} +/- {d.rad().upper().str(2, radius=False)}{how}"
    )


def _max_error(numeric: NumericEvidence) -> float:
    worst = 0.0
    for r in numeric.results:
        if r.outcome is Outcome.HOLDS and numeric.relation == "=":
            d = abs(r.before - r.after).upper()
            scale = 1 + max(abs(r.before).upper(), abs(r.after).upper())
            worst = max(worst, float((d / scale).upper()))
    return worst


def _tally(numeric: NumericEvidence) -> str:
    parts = [f"{numeric.holds} of {len(numeric.results)} sampled points agree"]
    for outcome, text in (
        (Outcome.UNDEFINED, "a side undefined"),
        (Outcome.UNRESOLVED, "a difference its error bound does not resolve"),
        (Outcome.EQUAL, "the sides equal to the working precision"),
        (Outcome.UNEVALUABLE, "not evaluable"),
    ):
        if k := numeric.count(outcome):
            parts.append(f"{k} with {text}")
    if numeric.exhausted:
        parts.append("the CPU budget ran out")
    return ", ".join(parts)


def decide(evidence: StepEvidence) -> Check:
    """The verdict for one relation from its evidence.

    Raises:
        CheckerConflict: a symbolic certificate that a certified point contradicts.
    """
    numeric = evidence.numeric
    failure = numeric.failure
    agreeing, worst = numeric.holds, _max_error(numeric)
    if failure is not None:
        text = _failure_text(failure)
        if evidence.certificate is not None and failure.rigorous:
            raise CheckerConflict(f"proved by {evidence.certificate.method} but {text}")
        estimated = sum(r.outcome is Outcome.FAILS for r in numeric.results)
        if evidence.certificate is not None and 4 * estimated <= agreeing >= MIN_AGREEING:
            # A quadrature's error is estimated, not bounded (mpmath's estimate misses a
            # narrow peak): a few such disagreements do not outweigh a proof that most
            # points corroborate.
            method = evidence.certificate.method
            return Check(
                Verdict.PROVED,
                f"{method}; {_tally(numeric)}; the quadrature's estimate disagrees at "
                f"{estimated} (first: it {text}), but its error is estimated, not bounded",
                None,
                agreeing,
                worst,
            )
        if not failure.rigorous:
            # A quadrature's error is estimated, not bounded: it cannot refute.
            return Check(
                Verdict.UNDECIDED,
                f"{text}: not a certified counterexample (the quadrature's error is only "
                f"estimated, and no closed form of the integrals was found to confirm it)",
            )
        if evidence.stand_ins:
            names = ", ".join(evidence.stand_ins)
            return Check(
                Verdict.UNDECIDED,
                f"{text}, with {names} sampled as functions of their own: the step holds only "
                f"if {names} relate to the rest in a way the notes do not state",
            )
        if evidence.generic:
            names = ", ".join(evidence.generic)
            return Check(
                Verdict.UNDECIDED,
                f"{text}, with the laws of {names} read as any laws (drawn at random): the "
                f"step fails for such a law, and may hold only for the particular one the "
                f"notes mean",
            )
        return Check(Verdict.REFUTED, text, _counterexample(failure), agreeing)
    if evidence.certificate is not None:
        method = evidence.certificate.method
        if agreeing == 0:
            return Check(
                Verdict.UNDECIDED,
                f"{method}, but no sampled point could corroborate it ({_tally(numeric)})",
            )
        return Check(Verdict.PROVED, method, None, agreeing, worst)
    budget = "symbolic check ran out of CPU time; " if evidence.symbolic_exhausted else ""
    tried = len(numeric.results)
    tie = next((r for r in numeric.results if r.outcome is Outcome.EQUAL), None)
    if tie is not None:
        # A strict relation between sides equal to every digit computed: it may fail there.
        where = ", ".join(f"{k} = {v}" for k, v in tie.point.items()) or "a point"
        return Check(
            Verdict.UNDECIDED,
            f"{budget}at {where} the sides agree to {tie.bits} bits and are not shown to "
            f"differ: the strict relation may fail there ({_tally(numeric)})",
            None,
            agreeing,
            worst,
        )
    if evidence.relation in ("<", ">") and numeric.count(Outcome.UNEVALUABLE):
        # `D(N(mu, 1) || N(0, 1)) > 0` at mu = 0: a point not evaluated may be where the
        # sides are equal and the strict relation fails, so it is not left out (a point
        # evaluated but not resolved, `\log(1 + e^s) > s` at s = 1e5, shows a margin below
        # the precision, which the sampling's other points bound)
        return Check(
            Verdict.UNDECIDED,
            f"{budget}{_tally(numeric)}: at a point not evaluated the sides may be equal, "
            "where the strict relation fails",
            None,
            agreeing,
            worst,
        )
    enough = 1 if numeric.closed else MIN_AGREEING  # numbers, not a sample of a domain
    coarse = sum(r.outcome is Outcome.HOLDS and r.coarse for r in numeric.results)
    if agreeing >= enough and agreeing - coarse < enough and evidence.relation == "=":
        # an integral known to a fixed accuracy: a difference below it cannot be seen
        return Check(
            Verdict.UNDECIDED,
            f"{budget}{_tally(numeric)}, but only to the accuracy of the integrals' values "
            f"(enclosed or estimated): a smaller difference would not show",
            None,
            agreeing,
            worst,
        )
    if agreeing >= enough and 2 * agreeing >= tried:
        if evidence.stand_ins and evidence.relation != "=":
            names = ", ".join(evidence.stand_ins)
            return Check(
                Verdict.UNDECIDED,
                f"{names} are unknown functions; an order between stand-ins says nothing "
                f"about them ({_tally(numeric)})",
            )
        pieces = "; every branch of its cases and kinks sampled" if numeric.pieces else ""
        return Check(
            Verdict.HOLDS_NUMERICALLY,
            f"{budget}{_tally(numeric)} in ball arithmetic{pieces}; no symbolic proof found",
            None,
            agreeing,
            worst,
            numeric.pieces,
        )
    return Check(Verdict.UNDECIDED, f"{budget}{_tally(numeric)}", None, agreeing, worst)


def decide_not_equal(
    equality: Check, stand_ins: tuple[str, ...], signs: list[Check] | None = None
) -> Check:
    """`A != B` from the check of `A = B`. Read as "not equal in general" (`signs` None),
    a certified point where they differ proves it. Read as "at every point" as well, it
    also needs `signs`, the checks of A < B and A > B, to confirm that the difference keeps
    one sign; where neither does, the two readings part: ambiguous."""
    if equality.verdict is Verdict.REFUTED and not stand_ins:
        general = Check(
            Verdict.PROVED,
            f"not equal in general: {equality.reason}",
            equality.counterexample,
        )
        if signs is None:
            return general
        held = [c for c in signs if c.verdict in _CONFIRMED]
        if held:
            return Check(held[0].verdict, f"different at every point: {held[0].reason}")
        return Check(
            Verdict.AMBIGUOUS,
            f"not equal in general ({equality.reason}); but read as 'at every point', "
            f"undecided: neither side is shown to stay above the other",
        )
    if equality.verdict is Verdict.PROVED:
        return Check(Verdict.REFUTED, f"the sides are equal ({equality.reason})")
    return Check(Verdict.UNDECIDED, f"no point found where the sides differ; {equality.reason}")


def decide_readings(readings: list[tuple[str, Check]]) -> Check:
    """A step with several plausible readings: a verdict only where every reading agrees
    (all confirmed, or all refuted); otherwise `ambiguous`, showing each."""
    if len(readings) == 1:
        return readings[0][1]
    verdicts = [c.verdict for _, c in readings]
    shown = "; ".join(f"read as {label}: {c.verdict} ({c.reason})" for label, c in readings)
    if all(v in _CONFIRMED for v in verdicts):
        strength = weakest(verdicts)
        first = next(c for _, c in readings if c.verdict is strength)
        pieces = all(c.pieces or c.verdict is Verdict.PROVED for _, c in readings)
        return Check(
            strength,
            f"every reading agrees: {shown}",
            None,
            first.points,
            first.max_error,
            pieces,
        )
    if all(v is Verdict.REFUTED for v in verdicts):
        return Check(
            Verdict.REFUTED, f"every reading fails: {shown}", readings[0][1].counterexample
        )
    if all(v is Verdict.UNDECIDED for v in verdicts):
        return Check(Verdict.UNDECIDED, shown)
    return Check(Verdict.AMBIGUOUS, shown)


def decide_domains(stated: Check, readings: list[tuple[str, str, Check]]) -> Check:
    """A step whose letters' domains the notes do not all state.

    `stated` checks it with each such letter over the widest domain its notation allows;
    `readings` (text, hint, check) with the letters in domains they may have (the usual one,
    or candidates). Confirmed on the widest domain, or refuted in every reading, is a
    verdict; a step that some reading saves, or that only fails outside every reading, is
    undecided, naming what to state."""
    if not readings or stated.verdict in _CONFIRMED:
        return stated
    if all(c.verdict is Verdict.REFUTED for _, _, c in readings):
        text, _, first = readings[0]
        others = "; ".join(t for t, _, _ in readings)
        return Check(
            Verdict.REFUTED,
            f"{first.reason} (and with {others})",
            first.counterexample,
            first.points,
        )
    saving = next(((t, h, c) for t, h, c in readings if c.verdict in _CONFIRMED), None)
    if saving is not None:
        text, hint, c = saving
        return Check(
            Verdict.UNDECIDED,
            f"holds for {text} ({c.verdict}); without it: {stated.reason}: state {hint}",
        )
    text, hint, c = next(r for r in readings if r[2].verdict is not Verdict.REFUTED)
    if stated.verdict is Verdict.REFUTED:
        # The point may lie outside what the notes mean: only a stated domain could refute.
        return Check(
            Verdict.UNDECIDED,
            f"{stated.reason}; for {text}: {c.verdict} ({c.reason}); state {hint}",
        )
    return stated


def decide_doubts(check: Check, reading: list[str], naming: list[str]) -> Check:
    """A step whose reading is a guess (`reading`: `w^T` read as a power) gets no verdict
    but `undecided`; a step whose names may be related in ways the notes do not write
    (`naming`: P and p, a name defined twice) is not refuted, nor proved by a point where
    its sides differ (A != B), since the literal reading (unrelated, the latest
    definition) is the most general one and may not be meant."""
    if reading and check.verdict is Verdict.UNDECIDED:
        return Check(Verdict.UNDECIDED, f"{check.reason}; also, {'; '.join(reading)}")
    if reading:
        return Check(
            Verdict.AMBIGUOUS,
            f"as read: {check.verdict} ({check.reason}); but {'; '.join(reading)}",
        )
    # a refutation, or a proof that rests on a point where the sides differ (A != B)
    if naming and (check.verdict is Verdict.REFUTED or check.counterexample is not None):
        return Check(
            Verdict.AMBIGUOUS,
            f"as read: {check.verdict} ({check.reason}); but {'; '.join(naming)}",
            check.counterexample,
        )
    return check


def decide_jumps(check: Check, jumps: list[str]) -> Check:
    """A step with functions that jump (cases, floor, ceiling, sign: `jumps` names them)
    may be false only at points no sampling reaches (a row at z = 0, an integer): sampled
    agreement confirms nothing there, unless every branch was sampled at and between its
    ends (`Check.pieces`); a proof or a refutation stands."""
    if jumps and check.verdict is Verdict.HOLDS_NUMERICALLY and not check.pieces:
        return Check(
            Verdict.UNDECIDED,
            f"{check.reason}; but {', '.join(jumps)} may jump where no sampled point falls: "
            "sampling confirms nothing",
            check.counterexample,
        )
    return check


def no_verdict(reason: str) -> Check:
    """A step no method applies to: undecided, with the reason."""
    return Check(Verdict.UNDECIDED, reason)


def _confirmed(c: Check | None) -> bool:
    return c is not None and c.verdict in _CONFIRMED


def decide_minimizer(
    op: str, what: str, shift: Check, shift_text: str, scale: Check | None, scale_text: str
) -> Check:
    """`argmin_v A = argmin_v B`: the same point when A - B is free of v (`shift`: the check
    of A - B = (A - B) with v copied), or when A / B is a positive constant (`scale`). Other
    objectives may still share a minimizer: never refuted."""
    if _confirmed(shift):
        return Check(
            shift.verdict,
            f"same {op}imizer: the objectives differ by {shift_text}, "
            f"which does not depend on {what} ({shift.reason})",
        )
    if _confirmed(scale):
        return Check(
            scale.verdict,
            f"same {op}imizer: the objectives differ by the positive "
            f"factor {scale_text} ({scale.reason})",
        )
    return Check(
        Verdict.UNDECIDED,
        f"the objectives differ by something that may depend on "
        f"{what} ({shift.reason}): no argument that the {op}imizer is the same",
    )


def decide_optimum_value(
    op: str,
    relation: str,
    what: str,
    pointwise: Check,
    constant: Check | None,
    values: Check | None,
) -> Check:
    """`min_v A REL min_v B`. A REL B at every point gives it (not for strict relations);
    when A - B is free of v (`constant`), the optima differ by exactly A - B, so the check of
    `A - B REL 0` (`values`) decides, refutation included."""
    if _confirmed(pointwise) and relation not in ("<", ">"):
        return Check(
            pointwise.verdict,
            f"the objectives satisfy {relation} at every point, so "
            f"their {op}ima do ({pointwise.reason})",
        )
    if not _confirmed(constant) or values is None:
        return Check(
            Verdict.UNDECIDED,
            f"the {op}imum values are not computed, and the "
            f"objectives differ by something that may depend on {what}",
        )
    return Check(
        values.verdict,
        f"the objectives differ by a term that does not depend on "
        f"{what}, so the {op}imum values differ by it: {values.reason}",
        values.counterexample,
    )


def decide_within(v: str, shown: str, bounds: list[tuple[str, Check]]) -> Check:
    """The point `shown` lies inside the interval v ranges over: every bound confirmed."""
    if all(_confirmed(c) for _, c in bounds):
        return Check(
            weakest([c.verdict for _, c in bounds]),
            f"{shown} lies inside the range of {v}",
        )
    failed = next((text, c) for text, c in bounds if not _confirmed(c))
    return Check(
        Verdict.UNDECIDED,
        f"{shown} {failed[0]} (the range of {v}): {failed[1].verdict}",
        failed[1].counterexample,
    )


def decide_stationary(
    op: str,
    v: str,
    shown: str,
    slope: Check,
    curvature: Check,
    shape: str,
    inside: Check | None = None,
) -> Check:
    """`argmin_v A = b`: b is the minimizer when A' = 0 there, A'' has the sign of a
    minimum everywhere v ranges and b lies inside that range (`inside`, None on the real
    line); a certified A'(b) != 0 refutes it where b is proved interior."""
    interior = inside is None or inside.verdict is Verdict.PROVED
    if slope.verdict is Verdict.REFUTED and interior:
        return Check(
            Verdict.REFUTED,
            f"the objective's derivative in {v} is not 0 there, so "
            f"{shown} is not the {op}imizer: {slope.reason}",
            slope.counterexample,
        )
    if _confirmed(slope) and _confirmed(curvature) and (inside is None or _confirmed(inside)):
        where = f"; {inside.reason}" if inside is not None else ""
        return Check(
            weakest([slope.verdict, curvature.verdict, *([inside.verdict] if inside else [])]),
            f"the derivative in {v} "
            f"vanishes there ({slope.reason}) and the second derivative is {shape} 0 "
            f"everywhere ({curvature.reason}){where}",
        )
    where = f"; inside the range of {v}: {inside.reason}" if inside is not None else ""
    return Check(
        Verdict.UNDECIDED,
        f"stationary point: {slope.verdict}; second derivative "
        f"{shape} 0: {curvature.verdict} ({curvature.reason}){where}",
    )


def decide_optimum_against(
    op: str,
    shape: str,
    passes: Check | None,
    curvature: Check,
    at: Check | None,
    shown: str,
    inside: Check | None = None,
) -> Check:
    """`min_v A REL b`. A point where A passes b (`passes` refuted: A < b somewhere for a
    min) refutes a claim that the minimum does not; otherwise the objective at its one
    stationary point (`at`, the check of A(v*) REL b) decides when A'' has the sign of a
    minimum (`curvature`) and v* lies inside the range of v (`inside`, None on the real
    line): confirmed if all are, refuted only if the sign and the inside are proved."""
    if passes is not None and passes.verdict is Verdict.REFUTED:
        return Check(
            Verdict.REFUTED,
            f"the objective passes the claimed {op}imum: {passes.reason}",
            passes.counterexample,
        )
    if at is None or not _confirmed(curvature):
        return Check(
            Verdict.UNDECIDED,
            f"the {op}imum is not found: one stationary point and "
            f"a second derivative {shape} 0 are needed ({curvature.reason})",
        )
    if inside is not None and not _confirmed(inside):
        return Check(Verdict.UNDECIDED, f"the stationary point may lie outside: {inside.reason}")
    extra = [inside.verdict] if inside is not None else []
    if _confirmed(at):
        return Check(
            weakest([at.verdict, curvature.verdict, *extra]),
            f"the {op}imum is at the one "
            f"stationary point, where the objective is {shown} ({at.reason}; second "
            f"derivative: {curvature.reason})",
        )
    proved = all(v is Verdict.PROVED for v in [curvature.verdict, *extra])
    if at.verdict is Verdict.REFUTED and proved:
        return Check(
            Verdict.REFUTED,
            f"the {op}imum is {shown} (the one stationary point; "
            f"second derivative proved {shape} 0): {at.reason}",
            at.counterexample,
        )
    return Check(Verdict.UNDECIDED, f"the {op}imum {shown}: {at.reason}")


def decide_constant(names: str, what: str, same: Check, shown: str) -> Check:
    """`A = B + C`, C an unspecified constant where the notes optimize: true when A - B is
    free of the optimization variables (`same`: A - B checked against a copy with them
    renamed). Never refuted: the notes may mean a constant of another kind."""
    if _confirmed(same):
        return Check(
            same.verdict,
            f"{names} read as an unspecified constant: it is {shown}, "
            f"which does not depend on {what} ({same.reason})",
        )
    return Check(
        Verdict.UNDECIDED,
        f"{names} would have to be a term that may depend on {what} ({same.reason})",
    )


def decide_rows(rows: list[tuple[int, Check]]) -> Check:
    """A vector equation row by row: refuted by any refuted row, else the weakest row."""
    for k, c in rows:
        if c.verdict is Verdict.REFUTED:
            return Check(Verdict.REFUTED, f"row {k}: {c.reason}", c.counterexample)
    if not rows:
        return Check(Verdict.UNDECIDED, "no row to compare")
    text = "; ".join(f"row {k} {c.verdict}: {c.reason}" for k, c in rows)
    return Check(weakest([c.verdict for _, c in rows]), text)


#: a number written after `\\approx` is wrong when it is off by more than this many units
#: of its last digit and by more than this fraction of itself (`\\log_2 3 \\approx 1.75`,
#: `0.6109 \\approx 0.6190`); off by less, but not rounded, it may be a loose
#: rounding of rounded intermediate values: undecided
WRONG_BY_UNITS = 10
WRONG_BY_FRACTION = Fraction(1, 200)
#: how close to a whole number shown (or to 1, for 0) a value must be to be "about" it
WHOLE_FRACTION = Fraction(1, 20)
#: slack on half a unit, so that a value a hair past a tie still counts as rounded
_TIE = Fraction(1, 2) * (1 + Fraction(1, 10**9))


@dataclass(frozen=True)
class RoundingEvidence:
    """An exact value (a rigorous ball) and the number the notes write for it: `shown`,
    one `unit` of its last digit, `text` as written."""

    value: flint.arb
    shown: Fraction
    unit: Fraction
    text: str


def _arb(x: Fraction) -> flint.arb:
    return flint.arb(x.numerator) / x.denominator


def decide_rounded(e: RoundingEvidence) -> Check:
    """As `_rounded`, its arithmetic at a precision the digits shown need (arb rounds every
    operation to the context's precision: at the default 53 bits, a 25-digit number shown
    was "off by 1.25e9 units")."""
    digits = len(str(e.unit.denominator)) + len(str(abs(e.shown.numerator)))
    saved = flint.ctx.prec
    flint.ctx.prec = max(256, 4 * digits + 64)
    try:
        return _rounded(e)
    finally:
        flint.ctx.prec = saved


def _rounded(e: RoundingEvidence) -> Check:
    """The number shown holds numerically where it is the exact value rounded to its digits
    (within half a unit of the last); a gap certified past `WRONG_BY_UNITS` units and
    `WRONG_BY_FRACTION` of the number refutes; anything between (`\\log 10 \\approx 2.4`,
    or a value cut rather than rounded, `\\ln 2 \\approx 0.6`) is undecided."""
    gap = abs(e.value - _arb(e.shown))
    value = _show(e.value)
    # a whole number shown (`\sigma(-1) \approx 0`, `e^{-1} \approx 0`) says "close to it",
    # which rounding alone does not make so: also within `WHOLE_FRACTION` of it (or of 1)
    whole = e.unit >= 1 and gap > _arb(WHOLE_FRACTION * max(abs(e.shown), 1))
    if gap <= _arb(e.unit * _TIE) and whole:
        return Check(
            Verdict.UNDECIDED,
            f"the exact value {value} rounds to {e.text} but is not close to it (within "
            f"{float(WHOLE_FRACTION):.0%}, or {float(WHOLE_FRACTION)} of 0): a loose "
            "approximation or a slip, symkl does not say which",
        )
    if gap <= _arb(e.unit * _TIE):
        return Check(
            Verdict.HOLDS_NUMERICALLY,
            f"the exact value {value} +/- {float(e.value.rad()):.1e} is {e.text} rounded to "
            "the digits shown",
            points=1,
        )
    units = float((gap / _arb(e.unit)).mid())
    wrong = max(WRONG_BY_UNITS * e.unit, WRONG_BY_FRACTION * abs(e.shown))
    if gap > _arb(wrong):
        d = e.value - _arb(e.shown)
        return Check(
            Verdict.REFUTED,
            f"the exact value is {value} +/- {float(e.value.rad()):.1e}, not {e.text}: "
            f"off by {units:.3g} units of the last digit shown",
            {
                "before": _plain(e.value),
                "after": float(e.shown),
                "difference": _show(d),
                "error_bound": float(d.rad().upper()),
            },
        )
    return Check(
        Verdict.UNDECIDED,
        f"the exact value {value} is off {e.text} by {units:.3g} units of the last digit shown:"
        " a loose rounding or a slip, symkl does not say which",
    )
