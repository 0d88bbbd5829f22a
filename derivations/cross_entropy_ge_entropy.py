"""H(p, q) >= H(p): cross-entropy is entropy plus a nonnegative divergence."""

from symkl import Chain, Derivation, IndexedSpace, proved


def derive(variant: str | None = None) -> Derivation:
    space = IndexedSpace.make()
    chain = Chain(
        "cross_entropy_ge_entropy",
        "Cross-entropy is at least the entropy",
        space,
        space.cross_entropy(),
    )
    chain.apply("rewrite with", result=proved("cross_entropy_eq_entropy_add_kl"))
    chain.apply("drop divergences", ">=")
    return chain.derivation()
