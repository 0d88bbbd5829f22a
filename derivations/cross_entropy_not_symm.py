"""H(p, q) != H(q, p) in general: an exact counterexample at p = (1/2, 1/2),
q = (1/4, 3/4)."""

from derivations.kl_not_symm import P, Q, counterexample_space
from symkl import Chain, Derivation


def derive(variant: str | None = None) -> Derivation:
    space = counterexample_space()
    chain = Chain(
        "cross_entropy_not_symm",
        "Cross-entropy is not symmetric",
        space,
        space.cross_entropy(P, Q) - space.cross_entropy(Q, P),
    )
    chain.apply("unfold definitions")
    chain.apply("expand logarithms")
    chain.apply("compare with zero", ">")
    return chain.derivation()
