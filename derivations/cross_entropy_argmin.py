"""With p fixed, q = p minimizes H(p, q) over the simplex.

Variants, for the Lagrangian L(q, lambda) = H(p, q) + lambda (sum_i q_i - 1):
- `stationarity`: dL/dq_e = lambda - p_e/q_e, which vanishes exactly at q_e = p_e/lambda;
- `multiplier`:   at that point sum_i q_i = sum_i p_i/lambda = 1/lambda, so the constraint
                  sum_i q_i = 1 forces lambda = 1, i.e. q = p;
- `convexity`:    d2H/dq_e^2 = p_e/q_e^2 > 0 while mixed second derivatives vanish (each
                  term of H involves one q_i), so the Hessian diag(p_e/q_e^2) is positive
                  definite: H is strictly convex in q and the stationary point is the minimum.
"""

import sympy as sp

from symkl import Chain, Derivation, IndexedSpace

VARIANTS = ("stationarity", "multiplier", "convexity")


def derive(variant: str | None = None) -> Derivation:
    variant = variant or VARIANTS[0]
    lam = sp.Symbol("lambda", positive=True)
    space = IndexedSpace.make(parameters=((lam, sp.Interval.open(0, sp.oo)),))
    q_e = space.q.base[space.free_index]
    name, title = "cross_entropy_argmin", "Cross-entropy H(p, q) is minimized at q = p"
    if variant == "stationarity":
        lagrangian = space.cross_entropy() + lam * (sp.Sum(space.q, space.limits) - 1)
        chain = Chain(name, title, space, sp.Derivative(lagrangian, q_e))
        for rule in ("unfold definitions", "differentiate", "evaluate Kronecker delta"):
            chain.apply(rule)
    elif variant == "multiplier":
        chain = Chain(name, title, space, sp.Sum(space.p / lam, space.limits))
        chain.apply("split sums")
        chain.apply("substitute constraints")
    else:
        chain = Chain(name, title, space, sp.Derivative(space.cross_entropy(), (q_e, 2)))
        for rule in ("unfold definitions", "differentiate", "evaluate Kronecker delta"):
            chain.apply(rule)
        chain.apply("compare with zero", ">")
    return chain.derivation()
