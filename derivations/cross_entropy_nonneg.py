"""H(p, q) >= 0: entropy plus divergence, both nonnegative."""

from symkl import Chain, Derivation, IndexedSpace, proved


def derive(variant: str | None = None) -> Derivation:
    space = IndexedSpace.make()
    chain = Chain(
        "cross_entropy_nonneg", "Cross-entropy is nonnegative", space, space.cross_entropy()
    )
    chain.apply("rewrite with", result=proved("cross_entropy_eq_entropy_add_kl"))
    chain.apply("drop divergences", ">=")
    chain.apply("drop entropies", ">=")
    return chain.derivation()
