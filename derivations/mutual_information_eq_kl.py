"""Mutual information is the KL divergence from the product of the marginals, and so is
nonnegative: I(X; Y) = H(X) + H(Y) - H(X, Y) = D_KL(p(x, y) || p_x(x) p_y(y)) >= 0.

Variants:
- `eq_kl`:  read back from D_KL(p || p_x p_y): log(p / (p_x p_y)) splits into three logs;
            the terms in log p_x(x_i) sum out y, those in log p_y(y_j) sum out x, and what
            remains is -H(X, Y) + H(X) + H(Y), the definition of I(X; Y);
- `nonneg`: the headline I(X; Y) >= 0: `eq_kl` with `kl_nonneg`;
- `kl_nonneg`: D_KL(p || p_x p_y) >= 0, as in kl_nonneg: log u >= 1 - 1/u term by term
            leaves sum_ij p - (sum_i p_x)(sum_j p_y) = 1 - 1 = 0.
"""

from symkl import Chain, Derivation, JointSpace, KLDivergence
from symkl.optima import drop_nonnegative

from .joint_entropy_chain_rule import BY_MARGINALS

VARIANTS = ("eq_kl", "nonneg", "kl_nonneg")
NAME, TITLE = "mutual_information_eq_kl", "Mutual information is a KL divergence, so it is >= 0"
RULES = {
    "eq_kl": BY_MARGINALS,
    "kl_nonneg": (
        "unfold definitions",
        ("bound logarithms below", ">="),
        "expand products",
        "split sums",
        "separate sums of products",
        "substitute constraints",
    ),
}


def derive(variant: str | None = None) -> Derivation:
    variant = variant or VARIANTS[0]
    if variant == "nonneg":
        return drop_nonnegative(NAME, TITLE, derive("eq_kl"), derive("kl_nonneg"))
    space = JointSpace.make()
    (i, _, _), (j, _, _) = space.limits
    product = space.marginal[i] * space.marginal_y[j]  # p_x(x_i) p_y(y_j)
    chain = Chain(NAME, TITLE, space, KLDivergence(space.p, product, limits=space.limits))
    chain.apply_all(*RULES[variant])
    return chain.derivation(reverse=variant == "eq_kl")
