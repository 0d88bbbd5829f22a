"""The gradients of the KL divergence D_KL(p || q) = sum_i p_i log(p_i / q_i) over a symbolic
number n of outcomes, with respect to each argument.

Variants (partial derivatives that treat the p_i and q_i as independent, as automatic
differentiation does; no constraint sum_i p_i = 1 is imposed):
- `p`: dD_KL/dp_e = log(p_e / q_e) + 1;
- `q`: dD_KL/dq_e = -p_e / q_e.
Differentiating the sum termwise gives a Kronecker delta delta_ie in each term, which
picks out i = e.
"""

from symkl import Derivation, IndexedSpace

from ._gradients import entry, gradient

VARIANTS = ("p", "q")


def derive(variant: str | None = None) -> Derivation:
    variant = variant or VARIANTS[0]
    space = IndexedSpace.make()
    # d/dp_e gives two terms under the sum (log(p_i/q_i) delta_ie + delta_ie): split first
    split = ("split sums",) if variant == "p" else ()
    return gradient(
        "kl_divergence_grad",
        "Gradients of the KL divergence with respect to p and q",
        space,
        space.kl(),
        entry(space, variant),
        "differentiate",
        *split,
        "evaluate Kronecker delta",
    )
