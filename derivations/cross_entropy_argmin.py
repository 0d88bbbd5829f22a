"""With p fixed, q = p minimizes H(p, q) over the simplex.

Variants, for the Lagrangian L(q, lambda) = H(p, q) + lambda (sum_i q_i - 1):
- `argmin`:       the headline, arg min of H(p, q) over q with sum_i q_i = 1 is p: the
                  stationary point (`stationarity`) at the solved multiplier (`multiplier`)
                  of a strictly convex function (`convexity`);
- `stationarity`: {q_e > 0 : dL/dq_e = 0} = {p_e/lambda}, solved from the derived gradient
                  lambda - p_e/q_e (its numerator has degree 1 in q_e: no other solution);
- `multiplier`:   the constraint sum_i q_i = 1 at that stationary point (read off the
                  `stationarity` chain) is sum_i p_i/lambda = 1/lambda = 1: solved, lambda = 1;
- `convexity`:    d2H/dq_e^2 = p_e/q_e^2 > 0 while mixed second derivatives vanish (each
                  term of H involves one q_i), so the Hessian diag(p_e/q_e^2) is positive
                  definite: H is strictly convex in q and the stationary point is the minimum.
"""

import sympy as sp

from symkl import Chain, Derivation, IndexedSpace
from symkl.optima import optimum
from symkl.solving import zero_set

VARIANTS = ("argmin", "stationarity", "multiplier", "convexity")
NAME, TITLE = "cross_entropy_argmin", "Cross-entropy H(p, q) is minimized at q = p"
POSITIVE = sp.Interval.open(0, sp.oo)


def _space() -> IndexedSpace:
    lam = sp.Symbol("lambda", positive=True)
    return IndexedSpace.make(parameters=((lam, POSITIVE),))


def multiplier_symbol(space: IndexedSpace) -> sp.Symbol:
    """The Lagrange multiplier lambda of the constraint sum_i q_i = 1."""
    (lam, _), *_ = space.parameters
    return lam


def _stationarity(space: IndexedSpace) -> Derivation:
    q_e = space.q.base[space.free_index]
    constraint = sp.Sum(space.q, space.limits) - 1
    lagrangian = space.cross_entropy() + multiplier_symbol(space) * constraint
    chain = Chain(NAME, TITLE, space, zero_set(sp.Derivative(lagrangian, q_e), q_e, POSITIVE))
    for rule in ("unfold definitions", "differentiate", "evaluate Kronecker delta", "solve"):
        chain.apply(rule)
    return chain.derivation()


def derive(variant: str | None = None) -> Derivation:
    variant = variant or VARIANTS[0]
    space = _space()
    q_e = space.q.base[space.free_index]
    if variant == "argmin":
        return optimum(
            NAME,
            TITLE,
            space.cross_entropy(),
            q_e,
            sp.Eq(sp.Sum(space.q, space.limits), 1),
            stationary=derive("stationarity"),
            multipliers=(derive("multiplier"),),
            second_order=derive("convexity"),
        )
    if variant == "stationarity":
        return _stationarity(space)
    if variant == "multiplier":
        # the constraint at the stationary point the other chain solved for (not typed)
        (point,) = derive("stationarity").result
        constraint = sp.Sum(point.subs(space.free_index, space.index), space.limits) - 1
        chain = Chain(NAME, TITLE, space, zero_set(constraint, multiplier_symbol(space), POSITIVE))
        for rule in ("split sums", "substitute constraints", "solve"):
            chain.apply(rule)
        return chain.derivation()
    chain = Chain(NAME, TITLE, space, sp.Derivative(space.cross_entropy(), (q_e, 2)))
    for rule in ("unfold definitions", "differentiate", "evaluate Kronecker delta"):
        chain.apply(rule)
    chain.apply("compare with zero", ">")
    return chain.derivation()
