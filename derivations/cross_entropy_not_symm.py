"""H(p, q) != H(q, p) in general: an exact counterexample at p = (1/2, 1/2),
q = (1/4, 3/4)."""

from symkl import Derivation

from .kl_not_symm import asymmetry


def derive(variant: str | None = None) -> Derivation:
    return asymmetry("cross_entropy_not_symm", "Cross-entropy is not symmetric", "cross_entropy")
