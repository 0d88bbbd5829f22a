"""The gradients of the cross-entropy H(p, q) = -sum_i p_i log q_i for distributions over a
symbolic number n of outcomes.

Variants (partial derivatives that treat the p_i and q_i as independent, as automatic
differentiation does):
- `q` (the default): dH(p, q)/dq_e = -p_e / q_e;
- `p`: dH(p, q)/dp_e = -log q_e.

Differentiating the sum termwise gives dq_i/dq_e = delta_ie (or dp_i/dp_e); the Kronecker
delta picks out the term i = e, which lies in the range of the sum because 1 <= e <= n.
"""

from symkl import Derivation, IndexedSpace

from ._gradients import entry, gradient

VARIANTS = ("q", "p")


def derive(variant: str | None = None) -> Derivation:
    space = IndexedSpace.make()
    return gradient(
        "cross_entropy_grad",
        "Gradients of the cross-entropy with respect to q and p",
        space,
        space.cross_entropy(),
        entry(space, variant or VARIANTS[0]),
        "differentiate",
        "evaluate Kronecker delta",
    )
