"""dH(p)/dp_e = -log p_e - 1 for a distribution over a symbolic number n of outcomes.

The partial derivative treats the p_i as independent (no constraint sum_i p_i = 1 is
imposed, as automatic differentiation does). Differentiating the sum termwise gives
d(p_i log p_i)/dp_e = (log p_i + 1) delta_ie; the Kronecker delta picks out i = e.
"""

from symkl import Derivation, IndexedSpace

from ._gradients import entry, gradient


def derive(variant: str | None = None) -> Derivation:
    space = IndexedSpace.make()
    return gradient(
        "entropy_grad",
        "Gradient of the entropy with respect to p",
        space,
        space.entropy(),
        entry(space, "p"),
        "differentiate",
        "split sums",
        "evaluate Kronecker delta",
    )
