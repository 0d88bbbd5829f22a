"""The entropy of a distribution over n outcomes is at most log n, with equality at the
uniform distribution u_i = 1/n.

Variants:
- `bound`:   the headline H(p) <= log n: `gap` writes log n as H(p) + D_KL(p || u), and
             `kl_to_uniform` shows the divergence is >= 0;
- `gap`:     H(p) + D_KL(p || u) = log n: log(p_i / (1/n)) = log n + log p_i, and the
             sum of p_i is 1;
- `kl_to_uniform`: D_KL(p || u) >= 0, as in kl_nonneg (log u >= 1 - 1/u term by term),
             the u_i summing to n (1/n) = 1;
- `uniform`: H(u) = log n: the bound is attained.
"""

from symkl import Chain, Derivation, Entropy, IndexedSpace
from symkl.optima import drop_nonnegative

VARIANTS = ("bound", "gap", "kl_to_uniform", "uniform")
NAME, TITLE = "entropy_le_log_n", "Entropy is at most log n, attained by the uniform distribution"
RULES = {
    "gap": (
        "unfold definitions",
        "expand logarithms",
        "expand products",
        "split sums",
        "substitute constraints",
    ),
    "kl_to_uniform": (
        "unfold definitions",
        ("bound logarithms below", ">="),
        "expand products",
        "split sums",
        "substitute constraints",
        "evaluate sums",
    ),
    "uniform": ("unfold definitions", "expand logarithms", "split sums", "evaluate sums"),
}


def derive(variant: str | None = None) -> Derivation:
    variant = variant or VARIANTS[0]
    space = IndexedSpace.make()
    uniform = 1 / space.n  # u_i = 1/n: the premise of the statement, not its result
    if variant == "bound":
        gap, nonneg = derive("gap"), derive("kl_to_uniform")
        return drop_nonnegative(NAME, TITLE, gap, nonneg, reverse=True)
    start = {
        "gap": space.entropy() + space.kl(space.p, uniform),
        "kl_to_uniform": space.kl(space.p, uniform),
        "uniform": Entropy(uniform, limits=space.limits),
    }[variant]
    chain = Chain(NAME, TITLE, space, start)
    chain.apply_all(*RULES[variant])
    return chain.derivation(reverse=variant == "gap")
