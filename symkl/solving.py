"""Stationary points: the set {x in S : f(x) = 0} solved by a rule, and the answer checked.

A chain about stationary points starts from `zero_set(f, x, S)` (a SymPy `ConditionSet`);
rules rewrite f inside it (`inside`), and the rule `solve` turns the set into the finite
set of its solutions. The solver is not trusted: `check_solutions` substitutes each
solution back, checks that it lies in S, and calls the set complete only when it can
count the roots (f = N/D with N a polynomial in x of degree equal to the number found).

## Main definitions
- `zero_set(f, x, domain)`: {x in domain : f = 0}, unevaluated.
- `inside(expr, rewrite)`:   apply `rewrite` to f in a zero set (to expr itself otherwise).
- `solve(expr, space)`:      the rule: a zero set -> the finite set of its solutions.
- `check_solutions(before, after, space, seconds)`: the `Check` of a `solve` step.
"""

from collections.abc import Callable

import sympy as sp
from sympy.polys.polyerrors import BasePolynomialError

from symkl.checking import Check, Verdict, check, weakest
from symkl.errors import SYMPY_FAILURES, DomainError
from symkl.spaces import Space

__all__ = ["zero_set", "inside", "solve", "check_solutions"]


def zero_set(f: sp.Expr, x: sp.Symbol, domain: sp.Set) -> sp.ConditionSet:
    """{x in domain : f = 0}, e.g. the stationary points of L when f = dL/dx."""
    return sp.ConditionSet(x, sp.Eq(f, 0, evaluate=False), domain)


def _parts(s: sp.ConditionSet) -> tuple[sp.Basic, sp.Expr, sp.Set]:
    return s.sym, s.condition.lhs - s.condition.rhs, s.base_set


def inside(expr: sp.Basic, rewrite: Callable[[sp.Expr], sp.Expr]) -> sp.Basic:
    """`rewrite` applied to f of a zero set {x : f = 0}, or to `expr` when it is no set."""
    if not isinstance(expr, sp.ConditionSet):
        return rewrite(expr)
    x, f, domain = _parts(expr)
    return zero_set(rewrite(f), x, domain)


def solve(expr: sp.Basic, space: Space) -> sp.FiniteSet:
    """The finite set of solutions of a zero set, by `sympy.solveset`.

    Raises:
        DomainError: no zero set here, or solveset gives no finite set.
    """
    if not isinstance(expr, sp.ConditionSet):
        raise DomainError(f"solve needs a set {{x : f = 0}}, not {expr}")
    x, f, domain = _parts(expr)
    found = sp.solveset(sp.together(f), x, domain)
    finite = [a for a in getattr(found, "args", ()) if isinstance(a, sp.FiniteSet)]
    if isinstance(found, sp.Intersection) and finite:
        # {alpha} & (0, 1) where solveset cannot place alpha: the check must show it inside
        found = sp.FiniteSet(*(s for s in finite[0] if domain.contains(s) is not sp.false))
    if not isinstance(found, sp.FiniteSet):
        raise DomainError(f"solveset gives no finite set of solutions of {f} = 0: {found}")
    return found


def _in_domain(s: sp.Expr, domain: sp.Set, space: Space, seconds: float) -> list[Check]:
    if domain.contains(s) is sp.true:
        return [Check(Verdict.PROVED, f"{s} lies in {domain}")]
    if not isinstance(domain, sp.Interval):
        return [Check(Verdict.UNDECIDED, f"{s} in {domain} is not shown")]
    bounds = [
        (domain.start, "<" if domain.left_open else "<="),
        (domain.end, ">" if domain.right_open else ">="),
    ]
    return [check(end, s, space, rel, seconds=seconds) for end, rel in bounds if end.is_finite]


def _root_count(f: sp.Expr, x: sp.Basic) -> int | None:
    """The degree of f's numerator in x when it is a polynomial there whose leading
    coefficient the assumptions show nonzero, else None."""
    numerator, _ = sp.fraction(sp.together(f))
    try:
        poly = sp.Poly(numerator, x)
    except (*SYMPY_FAILURES, BasePolynomialError):
        return None
    return poly.degree() if poly.LC().is_nonzero else None


def check_solutions(
    before: sp.ConditionSet, after: sp.FiniteSet, space: Space, seconds: float
) -> Check:
    """Check `{x in S : f = 0} = {s_1, ..., s_k}`: each s_j gives f = 0 and lies in S
    (by `symkl.checking.check`), and the set is complete: f's numerator is a polynomial
    in x of degree k, so it has no other root. Without that count the verdict is
    `undecided`, saying the solutions are checked but the set is not shown complete."""
    x, f, domain = _parts(before)
    checks = [check(f.subs(x, s), sp.S.Zero, space, seconds=seconds) for s in after]
    checks += [c for s in after for c in _in_domain(s, domain, space, seconds)]
    solutions = weakest(c.verdict for c in checks)
    if solutions is not Verdict.PROVED:
        failed = next(c for c in checks if c.verdict is solutions)
        return Check(solutions, f"a solution is not shown: {failed.reason}")
    degree = _root_count(f, x)
    if degree != len(after):
        return Check(
            Verdict.UNDECIDED,
            f"each solution gives 0 and lies in the domain, but the set is not shown complete "
            f"(numerator of degree {degree} in {x}, {len(after)} solutions)",
        )
    return Check(
        Verdict.PROVED,
        f"each solution gives 0 and lies in the domain; complete: the numerator has degree "
        f"{degree} in {x}",
    )
