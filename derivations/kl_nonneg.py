"""Gibbs' inequality: D_KL(p || q) >= 0.

Term by term, log(p_i/q_i) >= 1 - q_i/p_i (the lemma log t <= t - 1 at t = q_i/p_i, proved
in symkl.lemmas); weighted by p_i > 0 and summed, this leaves sum p_i - sum q_i = 1 - 1 = 0.
"""

from symkl import Chain, Derivation, IndexedSpace


def derive(variant: str | None = None) -> Derivation:
    space = IndexedSpace.make()
    chain = Chain("kl_nonneg", "Gibbs' inequality: KL divergence is nonnegative", space, space.kl())
    chain.apply("unfold definitions")
    chain.apply("bound logarithms below", ">=")
    for rule in ("expand products", "split sums", "substitute constraints"):
        chain.apply(rule)
    return chain.derivation()
