"""H(p, q) = H(p) + D_KL(p || q), for discrete distributions over n outcomes or densities.

Read backwards from H(p) + D_KL(p || q): unfold both, split log(p/q), and the entropy
terms cancel, leaving the definition of the cross-entropy.
"""

from symkl import Chain, DensitySpace, Derivation, IndexedSpace

VARIANTS = ("discrete", "density")


def derive(variant: str | None = None) -> Derivation:
    space = DensitySpace.make() if variant == "density" else IndexedSpace.make()
    chain = Chain(
        "cross_entropy_eq_entropy_add_kl",
        "Cross-entropy is entropy plus KL divergence",
        space,
        space.entropy() + space.kl(),
    )
    for rule in (
        "unfold definitions",
        "expand logarithms",
        "expand products",
        "split sums",
        "fold into measures",
    ):
        chain.apply(rule)
    return chain.derivation(reverse=True)
