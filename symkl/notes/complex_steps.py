"""Steps with the imaginary unit in them: settled symbolically, or given no verdict.

Ball arithmetic (`symkl.checking.balls`) evaluates real numbers only, and reads a side with
the imaginary unit as having "no real value here", which refutes a true step about complex
numbers (`\\log(-1) = i\\pi`). Where a side has the imaginary unit, it is settled here:

- integrals, derivatives and the unit itself are worked out symbolically; where the unit
  cancels (`|e^{it}| = 1`, `e^{i\\pi} = -1`, `E[e^{itZ}] = e^{-t^2/2}`), the real step left
  is checked as any other;
- otherwise an equality is proved when its difference simplifies to zero (and is zero at a
  point, evaluated exactly), and refuted at a point of the step's domain where the
  difference, evaluated exactly to 30 digits, is not zero;
- an order between values that are not real is never proved nor refuted: no verdict.

## Main definitions
- `check_with_imaginary_unit(lhs, rhs, relation, space, real_check)`: the check of such a
  step, or None for a step without the imaginary unit.
"""

from collections.abc import Callable

import mpmath
import sympy as sp
from sympy.core.function import AppliedUndef

from symkl.checking import BudgetExhausted, Check, Verdict, budget, no_verdict, remaining
from symkl.errors import SYMPY_FAILURES
from symkl.estimates import MPMATH
from symkl.notes.context import NoteSpace
from symkl.printing import text as show

__all__ = ["check_with_imaginary_unit"]

#: share of the step's remaining CPU time the symbolic work here may take
SHARE = 0.4
#: digits a difference is evaluated to at a point
DIGITS = 30
#: values tried for each scalar, in order, where its interval allows them
CANDIDATES = tuple(sp.Rational(v) for v in ("1/2", "1", "2", "1/3", "-1", "-1/2", "3", "7/5"))
#: what cannot be evaluated exactly at a point
_OPAQUE = (sp.Integral, sp.Sum, sp.Product, sp.Derivative, sp.Subs, sp.Limit, sp.Indexed)


def _has_unit(*exprs) -> bool:
    return any(isinstance(e, sp.Basic) and e.has(sp.I) for e in exprs)


def _worked_out(expr: sp.Expr) -> sp.Expr:
    """Integrals and derivatives carried out, then simplified (`expr` where an integral is
    left, or holds only under conditions)."""
    done = expr.doit()
    if done.has(sp.Integral, sp.Piecewise):
        return expr
    return sp.simplify(done)


def _trusted(expr: sp.Expr, closed: sp.Expr, space: NoteSpace) -> sp.Expr:
    """`closed`, the worked-out form of `expr`, where `expr` has no integral or quadrature
    agrees with it at a point (to 8 digits); `expr` otherwise."""
    if closed is expr or not expr.has(sp.Integral):
        return closed
    point = _choose(sorted(expr.free_symbols | closed.free_symbols, key=str), space, 0)
    if point is None:
        return expr
    try:
        with budget(min(1.0, SHARE * remaining())):
            at = expr.xreplace(point).replace(lambda e: isinstance(e, sp.Integral), _quadrature)
            by_quadrature, exact = complex(sp.N(at, 15)), complex(sp.N(closed.xreplace(point), 15))
    except (BudgetExhausted, *SYMPY_FAILURES):
        return expr
    return closed if abs(by_quadrature - exact) <= 1e-8 * max(1.0, abs(exact)) else expr


def _quadrature(integral: sp.Integral) -> sp.Expr:
    """A closed integral of one variable by mpmath's quadrature (complex values too)."""
    ((variable, lo, hi),) = integral.limits
    f = sp.lambdify(variable, integral.function, MPMATH)
    a, b = (mpmath.mpf(float(end)) for end in (lo, hi))  # real ends; float(oo) is inf
    value = mpmath.quad(f, [a, 0, b] if a < 0 < b else [a, b])
    return sp.Float(value.real, 15) + sp.I * sp.Float(value.imag, 15)


def check_with_imaginary_unit(
    lhs: sp.Basic,
    rhs: sp.Basic,
    relation: str,
    space: NoteSpace,
    real_check: Callable[[sp.Expr, sp.Expr], Check],
) -> Check | None:
    """The check of a step with the imaginary unit, or None for a step without it.

    Args:
        space: the step's symbols and their intervals (points are taken inside them).
        real_check: checks a real step (once the imaginary unit is worked out).
    """
    if not _has_unit(lhs, rhs) or not all(isinstance(e, sp.Expr) for e in (lhs, rhs)):
        return None
    try:
        with budget(SHARE * remaining()):
            left, right = _worked_out(lhs), _worked_out(rhs)
    except (BudgetExhausted, *SYMPY_FAILURES):
        left, right = lhs, rhs
    left, right = _trusted(lhs, left, space), _trusted(rhs, right, space)
    if not _has_unit(left, right) and not left.has(sp.Integral) and not right.has(sp.Integral):
        real = real_check(left, right)
        shown = f"{show(left)} {relation} {show(right)}"
        return Check(
            real.verdict,
            f"with the imaginary unit worked out, {shown}: {real.reason}",
            real.counterexample,
            real.points,
            real.max_error,
        )
    if relation != "=":
        return no_verdict(
            "an order between values that are not real as written (the imaginary unit): "
            "symkl orders real numbers only"
        )
    return _equality(left, right, space)


def _equality(left: sp.Expr, right: sp.Expr, space: NoteSpace) -> Check:
    """Complex sides equal: a simplified difference of zero that a point confirms, or a
    point where the difference is certainly not zero."""
    difference = left - right
    points = _points(difference, space)
    zero = False
    try:
        with budget(SHARE * remaining()):
            zero = any(
                sp.simplify(form) == 0
                for form in (difference, sp.expand_complex(difference), difference.rewrite(sp.exp))
            )
    except (BudgetExhausted, *SYMPY_FAILURES):
        zero = False
    for point in points:
        value = _value_at(difference, point)
        if value is None:
            continue
        described = {str(s): float(v) for s, v in point.items()}
        if value != 0 and not zero:
            return Check(
                Verdict.REFUTED,
                f"fails{_at(described)}: the sides differ by {sp.N(value, 12)} "
                f"(evaluated exactly to {DIGITS} digits; the imaginary unit is read as i)",
                {**described, "difference": str(sp.N(value, 12))},
            )
        if value == 0 and zero:
            return Check(
                Verdict.PROVED,
                f"the difference simplifies to 0 (the imaginary unit read as i), and is 0"
                f"{_at(described)}",
                None,
                1,
            )
        if value != 0:
            return no_verdict("a simplification to 0 that a point contradicts: no verdict")
    return no_verdict(
        "the step has the imaginary unit, which symkl does not sample (its numbers are "
        "real), and no symbolic argument settles it"
    )


def _at(described: dict) -> str:
    return " at " + ", ".join(f"{k} = {v}" for k, v in described.items()) if described else ""


def _points(expr: sp.Expr, space: NoteSpace) -> list[dict]:
    """A few points inside the intervals of the step's scalars; none where the expression
    has something else to choose (a vector, a size, an unknown function, an integral)."""
    if expr.has(*_OPAQUE) or expr.atoms(AppliedUndef):
        return []
    symbols = sorted(expr.free_symbols, key=str)
    points = [_choose(symbols, space, k) for k in range(3)]
    return [p for p in points if p is not None]


def _choose(symbols: list, space: NoteSpace, k: int) -> dict | None:
    """The k-th point for scalars `symbols`, inside their intervals; None where one of them
    is not a scalar of the space, or no candidate lies in its interval."""
    intervals = dict(space.scalars)
    point = {}
    for s in symbols:
        inside = [v for v in CANDIDATES if s in intervals and v in intervals[s]]
        if not inside:
            return None
        point[s] = inside[k % len(inside)]
    return point


def _value_at(expr: sp.Expr, point: dict) -> sp.Expr | None:
    """The exact value at a point to DIGITS digits: 0 where it vanishes exactly, None where
    it cannot be had to that accuracy (or is not finite)."""
    at = expr.xreplace(point)
    try:
        with budget(min(1.0, SHARE * remaining())):
            if sp.simplify(at) == 0:
                return sp.Integer(0)
            value = sp.N(at, DIGITS, strict=True)
    except (BudgetExhausted, *SYMPY_FAILURES, sp.core.evalf.PrecisionExhausted):
        return None
    if not value.is_number or not value.is_finite or value.has(sp.nan, sp.zoo):
        return None
    return value if value != 0 else None
