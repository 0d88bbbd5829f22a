"""Headline conclusions composed from proved parts: an argmin (argmax), and an iff.

A chain proves one relation between expressions. "beta = alpha minimizes H" or
"D_KL(p || q) = 0 iff q = p" are statements about chains: the minimizer is the one
solution of a solved stationary condition, a minimizer because a second chain proves the
second-order condition; an iff is an implication each way. The functions here check that
the parts fit together (the right derivative of the right objective, one solution, the
sign of the curvature) and build a derivation whose one step states the headline, with
the weakest verdict of its parts.

## Main definitions
- `ArgMin`, `ArgMax`: arg min_{x in S} f and arg max, unevaluated.
- `optimum`: `ArgMin(f, x, S) = x*` from a `solve` chain for x*, the chains that solved
  for its Lagrange multipliers, and a second-order chain.
- `by_substitution`: `x = v => lhs = rhs` from a chain starting at lhs with x = v put in.
- `zero_only_at_minimizer`: `sum_k w_k g(u_k) = 0 => x = x*`, for w_k > 0 and g >= 0
  vanishing only at its unique minimizer t*, with one u_k = t* solved for x.
- `iff`: `A <=> B` from a derivation of each direction.
- `drop_nonnegative`: `a >= b` from `a = b + c` and `c >= 0` (a bound from an identity).
- `same_optimizer`: `ArgMin(F, x, S) = ArgMax(G, x, S)` from `F = h(G)` and `h' < 0`.
- `between`: `X in [a, b]` from `X >= a` and `X <= b`.
"""

import sympy as sp

from symkl.checking import Check, weakest
from symkl.derivation import Derivation, Step
from symkl.errors import SymklError
from symkl.measures import unfold

__all__ = [
    "ArgMin",
    "ArgMax",
    "optimum",
    "by_substitution",
    "zero_only_at_minimizer",
    "iff",
    "drop_nonnegative",
    "same_optimizer",
    "between",
]


class _Optimizer(sp.Function):
    """arg opt_{x in S} f, or arg opt_{x : g = 0} f; never evaluated."""

    nargs = 3
    word = ""

    @classmethod
    def eval(cls, f, x, where):
        return None

    def plain(self) -> sp.Basic:
        """The same as an undefined SymPy function, arg<word>(f, x, where)."""
        return sp.Function(f"arg{self.word}")(*self.args)

    def _latex(self, printer) -> str:
        f, x, where = self.args
        name = printer._print(x.base.label if isinstance(x, sp.Indexed) else x)
        given = (
            rf"{name} \in {printer._print(where)}"
            if isinstance(where, (sp.Set, sp.Symbol))  # a Symbol names a set: Theta
            else rf"{name} \,:\, {printer._print(where)}"
        )
        body = rf"\operatorname*{{arg\,{self.word}}}_{{{given}}} {printer._print(f)}"
        if isinstance(x, sp.Indexed):  # the entry of the optimal vector
            return rf"\left({body}\right)_{{{printer._print(x.indices[0])}}}"
        return body

    def _sympystr(self, printer) -> str:
        f, x, where = (printer._print(a) for a in self.args)
        return f"arg{self.word}[{x} in {where}]({f})"


class ArgMin(_Optimizer):
    word = "min"


class ArgMax(_Optimizer):
    word = "max"


def _solution(d: Derivation, variable: sp.Basic) -> sp.Expr:
    """The one solution of the zero set over `variable` that `d` solved."""
    if not isinstance(d.start, sp.ConditionSet) or d.start.sym != variable:
        raise SymklError(f"{d.name}: does not solve for {variable}")
    if not isinstance(d.result, sp.FiniteSet) or len(d.result) != 1:
        raise SymklError(f"{d.name}: solves for {variable} with {d.result}, not one solution")
    (value,) = d.result
    return value


def _separable(objective: sp.Expr, variable: sp.Indexed) -> bool:
    """Each term of `objective`'s sums holds one entry of the variable, so its Hessian is
    diagonal: the second derivatives in each entry decide convexity."""
    sums = unfold(objective).atoms(sp.Sum)
    base = variable.base
    for s in sums:
        (index, _, _), *_ = s.limits
        if {a for a in s.function.atoms(sp.Indexed) if a.base == base} != {base[index]}:
            return False
    return bool(sums)


def _lagrangian_fits(
    stationary: Derivation, objective: sp.Expr, variable, where, multipliers
) -> bool:
    f = stationary.start.condition.lhs
    if not (isinstance(f, sp.Derivative) and f.variable_count == ((variable, 1),)):
        return False
    if not multipliers:
        return f.expr == objective
    (lam,) = multipliers
    return isinstance(where, sp.Eq) and f.expr == objective + lam * (where.lhs - where.rhs)


def optimum(
    name: str,
    title: str,
    objective: sp.Expr,
    variable: sp.Basic,
    where: sp.Basic,
    *,
    stationary: Derivation,
    second_order: Derivation,
    multipliers: tuple[Derivation, ...] = (),
    kind: str = "argmin",
) -> Derivation:
    """The derivation `ArgMin(objective, variable, where) = x*` (or ArgMax).

    Args:
        where: an interval, or one affine constraint g = 0 (for a Lagrangian).
        stationary: solves {x : dL/dx = 0} with L the objective, or objective + lambda g.
        second_order: d2f/dx2 > 0 (< 0 for argmax) on the whole domain, which makes the
            stationary point the optimum; or at the stationary point, for a scalar x
            without constraint (a complete set of solutions has no other critical point).
        multipliers: for a Lagrangian, the chain that solved for lambda.

    Raises:
        SymklError: the parts do not fit (another objective or variable, no single
            solution, a wrong sign or an unproved separability).
    """
    lams = tuple(m.start.sym for m in multipliers)
    point = _solution(stationary, variable)
    if not _lagrangian_fits(stationary, objective, variable, where, lams):
        raise SymklError(f"{stationary.name}: its condition is not d/d{variable} of the objective")
    for m, lam in zip(multipliers, lams, strict=True):
        point = point.subs(lam, _solution(m, lam))
    c, sign = second_order.conclusion, {"argmin": ">", "argmax": "<"}[kind]
    curvature = sp.Derivative(objective, (variable, 2))
    if c.relation != sign or c.rhs != 0:
        raise SymklError(f"{second_order.name}: {kind} needs d2f/dx2 {sign} 0, not {c.latex()}")
    if c.lhs == curvature and (isinstance(variable, sp.Symbol) or _separable(objective, variable)):
        why = f"the stationary point of a strictly {'convex' if kind == 'argmin' else 'concave'} f"
    elif c.lhs == sp.Subs(curvature, variable, point) and not multipliers:
        why = "the only stationary point, with f'' of that sign there"
    else:
        raise SymklError(f"{second_order.name}: {c.latex()} is no second-order condition here")
    parts = (stationary, *multipliers, second_order)
    reason = f"{why}; " + "; ".join(
        f"{d.name}: {d.conclusion.latex()} ({d.verdict})" for d in parts
    )
    start = (ArgMin if kind == "argmin" else ArgMax)(objective, variable, where)
    check = Check(weakest(d.verdict for d in parts), reason)
    step = Step(f"{kind}: {why}", point, "=", check)
    return Derivation(name, title, stationary.space, start, (step,), parts=parts)


def _implication(name, title, premise, claim, because, parts) -> Derivation:
    reason = f"{because}; " + "; ".join(
        f"{d.name}: {d.conclusion.latex()} ({d.verdict})" for d in parts
    )
    step = Step(because, claim, "=>", Check(weakest(d.verdict for d in parts), reason))
    return Derivation(name, title, parts[0].space, premise, (step,), parts=tuple(parts))


def by_substitution(
    name: str, title: str, premise: sp.Eq, lhs: sp.Expr, chain: Derivation
) -> Derivation:
    """`premise => lhs = rhs`: with the premise x = v, `chain` starts from lhs at x = v
    and proves it equal to rhs, which does not depend on x.

    Raises:
        SymklError: the chain starts elsewhere, is no equation, or rhs depends on x.
    """
    x, v = premise.args
    c = chain.conclusion
    if c.relation != "=" or c.rhs.has(x):
        raise SymklError(f"{chain.name}: {c.latex()} is no equation free of {x}")
    if chain.start != lhs.subs(x, v):
        raise SymklError(f"{chain.name}: does not start from {lhs} at {x} = {v}")
    claim = sp.Eq(lhs, c.rhs, evaluate=False)
    return _implication(name, title, premise, claim, f"put {x} = {v} into {lhs}", (chain,))


def _weighted(combination: Derivation, g: sp.Basic) -> list[sp.Expr]:
    """The arguments u_k of F = sum_k w_k g(u_k), each w_k > 0 (under the space's facts);
    F a `Sum` of one such term, or a sum of several."""
    c = combination.conclusion
    terms = [c.rhs.function] if isinstance(c.rhs, sp.Sum) else sp.Add.make_args(c.rhs)
    arguments = []
    for t in terms:
        weight, term = t.as_independent(g.func)
        if not (combination.space.facts(weight).is_positive and isinstance(term, g.func)):
            raise SymklError(f"{combination.name}: the term {t} is not w {g} with w > 0")
        arguments.append(term.args[0])
    return arguments


def zero_only_at_minimizer(
    name: str,
    title: str,
    combination: Derivation,
    minimizer: Derivation,
    value: Derivation,
    solved: Derivation,
) -> Derivation:
    """`F = 0 => x = x*`, where `combination` proves F = sum_k w_k g(u_k) with weights
    w_k > 0 (a `Sum` over i, or a sum of terms), `minimizer` proves arg min g = t*,
    `value` proves g(t*) = 0 (so g >= 0 and g = 0 only at t*: the minimizer is unique),
    and `solved` solves one of the u_k = t* for x = x* (each must hold).

    Raises:
        SymklError: the parts do not fit together.
    """
    c, m = combination.conclusion, minimizer.conclusion
    if not (c.relation == "=" and m.kind == "argmin"):
        raise SymklError(f"{combination.name}: {c.latex()} is no sum of a function to minimize")
    g, t, _ = m.lhs.args
    arguments = _weighted(combination, g)
    if value.start != sp.Subs(g, t, m.rhs) or value.result != 0:
        raise SymklError(f"{value.name}: does not show {g} = 0 at {t} = {m.rhs}")
    x, equation, _ = solved.start.args
    found = [u for u in arguments if equation.lhs - equation.rhs == u - m.rhs]
    if not found or len(solved.result) != 1:
        raise SymklError(f"{solved.name}: does not solve any u = {m.rhs} for one {x}")
    (solution,) = solved.result
    premise = sp.Eq(c.lhs, 0, evaluate=False)
    because = (
        f"positive weights times {g} >= 0 sum to 0 only where each {g} = 0, "
        f"that is {found[0]} = {m.rhs}"
    )
    parts = (combination, minimizer, value, solved)
    return _implication(name, title, premise, sp.Eq(x, solution), because, parts)


def iff(name: str, title: str, only_if: Derivation, if_: Derivation) -> Derivation:
    """The derivation `A <=> B` from `only_if` (concluding A => B) and `if_` (B => A).

    Raises:
        SymklError: the two implications are not each other's converse.
    """
    a, b = only_if.conclusion.lhs, only_if.conclusion.rhs
    for part, (lhs, rhs) in ((only_if, (a, b)), (if_, (b, a))):
        c = part.conclusion
        if c.relation != "=>" or (c.lhs, c.rhs) != (lhs, rhs):
            raise SymklError(f"{part.name}: concludes {c.latex()}, not {lhs} => {rhs}")
    parts = (only_if, if_)
    reason = "; ".join(f"{d.name}: {d.conclusion.latex()} ({d.verdict})" for d in parts)
    step = Step("both implications", b, "<=>", Check(weakest(d.verdict for d in parts), reason))
    return Derivation(name, title, only_if.space, a, (step,), parts=parts)


def drop_nonnegative(
    name: str, title: str, equation: Derivation, nonnegative: Derivation, reverse: bool = False
) -> Derivation:
    """`a >= b` from `equation` (a = b + c, c a term of the right side, or all of it) and
    `nonnegative` (c >= 0); `reverse` states it as b <= a.

    Raises:
        SymklError: the equation has no such term, or c is not shown >= 0 (or > 0).
    """
    e, n = equation.conclusion, nonnegative.conclusion
    if e.relation != "=" or n.relation not in (">=", ">") or n.rhs != 0:
        raise SymklError(f"{equation.name}, {nonnegative.name}: no a = b + c with c >= 0")
    if n.lhs not in sp.Add.make_args(e.rhs):
        raise SymklError(f"{equation.name}: {n.lhs} is not a term of {e.rhs}")
    parts = (equation, nonnegative)
    reason = "; ".join(f"{d.name}: {d.conclusion.latex()} ({d.verdict})" for d in parts)
    check = Check(weakest(d.verdict for d in parts), reason)
    step = Step(f"drop {n.lhs} >= 0", e.rhs - n.lhs, ">=", check)
    return Derivation(name, title, equation.space, e.lhs, (step,), reverse, parts=parts)


def same_optimizer(
    name: str,
    title: str,
    equation: Derivation,
    monotone: Derivation,
    variable: sp.Basic,
    where: sp.Basic,
) -> Derivation:
    """`ArgMin(F, x, S) = ArgMax(G, x, S)` (ArgMin of G where h increases) from `equation`
    (F = h(G) wherever x lies) and `monotone` (h'(u) < 0, or > 0, for all u > 0), with
    G > 0: a strictly monotone h keeps (decreasing: reverses) the order of the values
    of G, so F and G have the same optimizers, whatever F and G depend on x through.

    Raises:
        SymklError: the equation is not F = h(G), h' has no proved sign, or G is not > 0.
    """
    e, m = equation.conclusion, monotone.conclusion
    h = monotone.start
    if not (isinstance(h, sp.Derivative) and len(h.variables) == 1) or m.rhs != 0:
        raise SymklError(f"{monotone.name}: {m.latex()} is no sign of a derivative h'(u)")
    if m.relation not in (">", "<") or m.lhs != h:
        raise SymklError(f"{monotone.name}: {m.latex()} shows no strict monotonicity")
    (u,) = h.variables
    inner = sp.Wild("inner")
    found = e.rhs.match(h.expr.subs(u, inner)) if e.relation == "=" else None
    if not found or not u.is_positive or not equation.space.facts(found[inner]).is_positive:
        raise SymklError(f"{equation.name}: {e.latex()} is not h(G) with h = {h.expr}, G > 0")
    kind = ArgMax if m.relation == "<" else ArgMin
    parts = (equation, monotone)
    reason = "h strictly monotone on u > 0; " + "; ".join(
        f"{d.name}: {d.conclusion.latex()} ({d.verdict})" for d in parts
    )
    check = Check(weakest(d.verdict for d in parts), reason)
    step = Step(
        "same optimizer: F = h(G), h monotone", kind(found[inner], variable, where), "=", check
    )
    start = ArgMin(e.lhs, variable, where)
    return Derivation(name, title, equation.space, start, (step,), parts=parts)


def between(name: str, title: str, lower: Derivation, upper: Derivation) -> Derivation:
    """`X in [a, b]` from `lower` (X >= a) and `upper` (X <= b).

    Raises:
        SymklError: the two are not bounds on the same X from below and above.
    """
    lo, hi = lower.conclusion, upper.conclusion
    if lo.relation != ">=" or hi.relation != "<=" or lo.lhs != hi.lhs:
        raise SymklError(f"{lower.name}: {lo.latex()} and {hi.latex()} do not bound one X")
    parts = (lower, upper)
    reason = "; ".join(f"{d.name}: {d.conclusion.latex()} ({d.verdict})" for d in parts)
    step = Step(
        "both bounds",
        sp.Interval(lo.rhs, hi.rhs),
        "in",
        Check(weakest(d.verdict for d in parts), reason),
    )
    return Derivation(name, title, lower.space, lo.lhs, (step,), parts=parts)
