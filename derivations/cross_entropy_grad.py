"""dH(p, q)/dq_e = -p_e / q_e for distributions over a symbolic number n of outcomes.

Differentiating the sum termwise gives dq_i/dq_e = delta_ie; the Kronecker delta picks
out the term i = e, which lies in the range of the sum because 1 <= e <= n.
"""

import sympy as sp

from symkl import Chain, Derivation, IndexedSpace


def derive(variant: str | None = None) -> Derivation:
    space = IndexedSpace.make()
    q_e = space.q.base[space.free_index]
    chain = Chain(
        "cross_entropy_grad",
        "Gradient of the cross-entropy with respect to q",
        space,
        sp.Derivative(space.cross_entropy(), q_e),
    )
    for rule in ("unfold definitions", "differentiate", "evaluate Kronecker delta"):
        chain.apply(rule)
    return chain.derivation()
