"""Checking one step: is `after` related to `before` as claimed, in a space?

## Main definitions
- `Verdict`: proved > holds-numerically > undecided > refuted (weakest last).
- `Check`:   a verdict with its reason and, when refuted, the counterexample.
- `check(before, after, space, relation)`: the checker every derivation step goes through.

Order of methods: a symbolic argument under the space's assumptions and constraints
(time-limited) gives `proved`, and is then cross-checked at a few sampled points, so a
bug in the symbolic path raises `CheckerConflict` instead of printing a wrong `proved`.
Otherwise sampling at high precision gives `holds-numerically`, or `refuted` with a
counterexample that was re-evaluated at twice the precision before it is reported.
"""

import enum
import signal
import threading
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import sympy as sp
from sympy.core.function import AppliedUndef

from symkl.errors import SYMPY_FAILURES, CheckerConflict
from symkl.lemmas import LOG_FORMS, apply_log_form, log_le_sub_one
from symkl.measures import unfold
from symkl.spaces import Space
from symkl.sums import canonical_indices, split

__all__ = ["Verdict", "Check", "check", "weakest", "normal_form", "RELATIONS"]

DIGITS = 40
#: numeric agreement needed, relative to the size of the values
TOLERANCE = {"exact": sp.Float("1e-25", DIGITS), "quadrature": sp.Float("1e-9", DIGITS)}
SAMPLES = 24
CROSS_CHECK_SAMPLES = 4
SYMBOLIC_SECONDS = 5.0


class Verdict(enum.Enum):
    PROVED = "proved"
    HOLDS_NUMERICALLY = "holds-numerically"
    UNDECIDED = "undecided"
    REFUTED = "refuted"

    def __str__(self) -> str:
        return self.value


_STRENGTH = [Verdict.REFUTED, Verdict.UNDECIDED, Verdict.HOLDS_NUMERICALLY, Verdict.PROVED]


def weakest(verdicts) -> Verdict:
    """The weakest verdict of a chain (proved if the chain is empty)."""
    return min(verdicts, key=_STRENGTH.index, default=Verdict.PROVED)


@dataclass(frozen=True)
class Check:
    """A verdict with its reason; `points` sampled points evaluated (including the
    cross-check of a proof), with `max_error` the largest relative difference seen."""

    verdict: Verdict
    reason: str
    counterexample: dict | None = None
    points: int = 0
    max_error: float = 0.0


#: relation -> symbolic test on the difference d = before - after
RELATIONS = {
    "=": lambda d: d.is_zero,
    ">=": lambda d: d.is_nonnegative,
    "<=": lambda d: d.is_nonpositive,
    ">": lambda d: d.is_positive,
    "<": lambda d: d.is_negative,
}


def _compare(d: sp.Expr, tol: sp.Expr, relation: str) -> bool | None:
    """Does `before - after = d` satisfy the relation at this point? None: too close to
    call at this precision (a margin below the tolerance, but not exactly zero)."""
    if relation == "=":
        return bool(abs(d) <= tol)
    if d == 0:
        sign = 0
    elif d > tol:
        sign = 1
    elif d < -tol:
        sign = -1
    else:
        return None
    return {">": sign > 0, ">=": sign >= 0, "<": sign < 0, "<=": sign <= 0}[relation]


class TimedOut(Exception):
    """A computation ran past its time limit."""


def within(seconds: float, fn: Callable, *args):
    """`fn(*args)`, or TimedOut after `seconds` (main thread only; elsewhere unbounded).

    One frame holds the whole alarm's life, so no alarm, however early or late it fires,
    outlives the call."""
    if threading.current_thread() is not threading.main_thread():
        return fn(*args)
    expired = []

    def expire(signum, frame):
        expired.append(True)
        raise TimedOut

    previous = signal.signal(signal.SIGALRM, expire)
    try:
        # The alarm repeats every 0.1 s after it first expires: an exception raised where
        # Python swallows it (a garbage-collector callback, say) does not end the limit.
        signal.setitimer(signal.ITIMER_REAL, seconds, 0.1)
        result = fn(*args)
    finally:
        # A repeat of the alarm can interrupt this clean-up itself: retry until the
        # timer is off and the old handler is back.
        while True:
            try:
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, previous)
                break
            except TimedOut:
                continue
    if expired:
        raise TimedOut
    return result


def _evaluate_calculus(expr: sp.Expr) -> sp.Expr:
    """Carry out derivatives, limits and substitutions (SymPy computes them exactly)."""
    return expr.replace(lambda e: isinstance(e, (sp.Derivative, sp.Limit, sp.Subs)), _doit)


def _doit(e: sp.Expr) -> sp.Expr:
    return e.doit()


def normal_form(expr: sp.Expr, space: Space) -> sp.Expr:
    """A canonical form of `expr`: definitions unfolded, logs expanded, sums split,
    constants pulled out, constraints applied. Equal expressions often meet here."""
    expr = space.facts(_evaluate_calculus(space.model(unfold(expr))))
    expr = sp.expand(sp.expand_log(expr, force=False))
    expr = canonical_indices(split(expr))
    constraints = {canonical_indices(k): v for k, v in space.constraints().items()}
    return sp.expand(expr.xreplace(constraints))


def _symbolic(difference: sp.Expr, space: Space, relation: str) -> str | None:
    """The method that settles the relation symbolically, or None."""
    decide = RELATIONS[relation]
    form = normal_form(difference, space)
    if decide(form):
        return "normal form (definitions, log rules, linearity, constraints)"
    if relation != "=":
        return _symbolic_sign(difference, form, space, decide)
    if form.has(sp.Integral) and not form.atoms(AppliedUndef):
        # Integrate before expanding: expanded exponentials are much harder to integrate.
        parts = split(sp.expand_log(unfold(difference), force=False), deep=False)
        evaluated = normal_form(parts.doit(), space)
        if decide(evaluated) or decide(sp.simplify(evaluated)):
            return "integrals evaluated in closed form"
    simplified = sp.simplify(form)
    if decide(simplified):
        return "simplify after normal form"
    constrained = sp.simplify(simplified.subs(space.constraints()))
    if constrained != simplified and decide(constrained):
        return "simplify with the sum-to-one constraints"
    return None


def _symbolic_sign(difference: sp.Expr, form: sp.Expr, space: Space, decide) -> str | None:
    """Sign arguments for inequalities: probabilities at most 1, then the log lemma."""
    if decide(sp.factor(sp.together(form))):
        return "sign of the factored normal form"
    if decide(_bounded(form, space)):
        return "sign of the normal form, with probabilities in (0, 1]"
    log_le_sub_one()  # re-proved once per process; raises if it cannot be
    unfolded = space.facts(_evaluate_calculus(space.model(unfold(difference))))
    for log_form in LOG_FORMS:
        rewritten = normal_form(apply_log_form(unfolded, log_form), space)
        if decide(rewritten) or decide(_bounded(rewritten, space)):
            return f"sign after {log_form.name}"
    return None


def _bounded(form: sp.Expr, space: Space) -> sp.Expr:
    return sp.expand(sp.expand_log(space.bounded(form), force=False))


def _show(value: sp.Expr) -> str:
    """17 significant digits; SymPy's decimal conversion can fail on huge exponents."""
    try:
        return str(sp.N(value, 17))
    except ArithmeticError:
        return str(value)


def _plain(value: sp.Expr) -> float | list[float]:
    """A float, or [real, imaginary] for a complex value, for JSON counterexamples."""
    re, im = value.as_real_imag()
    return float(re) if im == 0 else [float(re), float(im)]


def _numeric(
    before: sp.Expr, after: sp.Expr, space: Space, relation: str, count: int, seed: int
) -> Check:
    b, a = unfold(before), unfold(after)
    quadrature = b.has(sp.Integral) or a.has(sp.Integral)
    tol = TOLERANCE["quadrature" if quadrature else "exact"]
    # Re-evaluation at twice the digits must agree to a tolerance that shrinks with them,
    # except for quadrature, whose accuracy is its own.
    fine = tol if quadrature else tol**2
    digits = 20 if quadrature else DIGITS
    valid, worst = 0, 0.0
    for point in space.points(np.random.default_rng(seed), count):
        vb, va = point.evaluate(b, digits), point.evaluate(a, digits)
        # A complex value where the other side is real is a discrepancy for "=";
        # an order between complex values means nothing, so such points are skipped.
        if vb is None or va is None or (relation != "=" and not (vb.is_real and va.is_real)):
            continue
        scale = 1 + max(abs(vb), abs(va))
        verdict = _compare(vb - va, tol * scale, relation)
        if verdict is not False:
            valid += verdict is True
            worst = max(worst, float(abs(vb - va) / scale)) if relation == "=" else 0.0
            continue
        vb, va = point.evaluate(b, 2 * digits), point.evaluate(a, 2 * digits)
        if vb is not None and va is not None and _compare(vb - va, fine * scale, relation) is False:
            return Check(
                Verdict.REFUTED,
                f"fails at {point.description}: before = {_show(vb)}, after = {_show(va)}",
                {**point.description, "before": _plain(vb), "after": _plain(va)},
                valid,
                float(abs(vb - va) / scale),
            )
    if valid < count // 2:
        reason = f"only {valid} of {count} sampled points evaluate decisively"
        return Check(Verdict.UNDECIDED, reason, None, valid, worst)
    return Check(
        Verdict.HOLDS_NUMERICALLY,
        f"holds at {valid} sampled points ({digits} digits); no symbolic proof found",
        None,
        valid,
        worst,
    )


def check(
    before: sp.Expr,
    after: sp.Expr,
    space: Space,
    relation: str = "=",
    *,
    seconds: float = SYMBOLIC_SECONDS,
    seed: int = 0,
) -> Check:
    """Check `before RELATION after` under the assumptions and constraints of `space`.

    Raises:
        CheckerConflict: a symbolic proof that sampling contradicts (a symkl bug).
    """
    if relation not in RELATIONS:
        raise ValueError(f"unknown relation {relation!r}; use one of {', '.join(RELATIONS)}")
    before, after = sp.sympify(before), sp.sympify(after)
    timed_out = False
    try:
        method = within(seconds, _symbolic, before - after, space, relation)
    except TimedOut:
        method, timed_out = None, True
    except SYMPY_FAILURES:
        method = None  # SymPy could not handle it: sampling decides
    if method is not None:
        cross = _numeric(before, after, space, relation, CROSS_CHECK_SAMPLES, seed)
        if cross.verdict is Verdict.REFUTED:
            raise CheckerConflict(f"proved by {method} but {cross.reason}")
        if cross.points == 0:
            # A proof no sampled point corroborates is not trusted: it may rest on a bug.
            reason = f"{method}, but no sampled point could corroborate it"
            return Check(Verdict.UNDECIDED, reason)
        return Check(Verdict.PROVED, method, None, cross.points, cross.max_error)
    numeric = _numeric(before, after, space, relation, SAMPLES, seed)
    if timed_out and numeric.verdict is not Verdict.REFUTED:
        reason = f"symbolic check timed out after {seconds:g} s; {numeric.reason}"
        return Check(numeric.verdict, reason, None, numeric.points, numeric.max_error)
    return numeric
