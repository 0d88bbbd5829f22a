"""D_KL(p || q) = 0 exactly when p = q.

Variants:
- `if`:      D_KL(p || p) = 0;
- `only_if`: D_KL(p || q) = sum_i p_i g(q_i/p_i) with g(t) = t - 1 - log t. Every term is
             p_i > 0 times g >= 0, and g vanishes only at t = 1 (symkl.lemmas.log_le_sub_one),
             so D_KL(p || q) = 0 forces q_i = p_i for every i.
"""

from symkl import Chain, Derivation, IndexedSpace

VARIANTS = ("only_if", "if")


def derive(variant: str | None = None) -> Derivation:
    variant = variant or VARIANTS[0]
    space = IndexedSpace.make()
    title = "KL divergence vanishes exactly when p = q"
    if variant == "if":
        chain = Chain("kl_eq_zero_iff", title, space, space.kl(space.p, space.p))
        chain.apply("unfold definitions")
        chain.apply("simplify")
        return chain.derivation()
    chain = Chain("kl_eq_zero_iff", title, space, space.kl())
    for rule in (
        "unfold definitions",
        "introduce the log gap",
        "expand products",
        "split sums",
        "substitute constraints",
    ):
        chain.apply(rule)
    return chain.derivation()
