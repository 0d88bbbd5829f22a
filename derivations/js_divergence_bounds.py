"""The Jensen-Shannon divergence is bounded: 0 <= D_JS(p || q) <= log 2, where
D_JS(p || q) = 1/2 D_KL(p || m) + 1/2 D_KL(q || m) and m = (p + q)/2.

Variants:
- `bounds`: the headline D_JS(p || q) in [0, log 2], from the two below;
- `upper`: D_JS <= log 2: log(2 p_i/(p_i + q_i)) = log 2 + log(p_i/(p_i + q_i)); the
           log 2 terms sum to log 2, and log u <= u - 1 bounds the rest by
           -sum_i p_i q_i/(p_i + q_i) <= 0;
- `lower`: D_JS >= 0: log u >= 1 - 1/u term by term leaves sum_i (p_i + q_i)/2 -
           (p_i + q_i)/2 = 0 (the mixture's masses cancel), as in kl_nonneg.
"""

from symkl import Chain, Derivation, IndexedSpace, JSDivergence
from symkl.optima import between

VARIANTS = ("bounds", "upper", "lower")
NAME, TITLE = "js_divergence_bounds", "The Jensen-Shannon divergence lies between 0 and log 2"
RULES = {
    "upper": (
        "unfold definitions",
        "take numbers out of logarithms",
        "split sums",
        "split sums",  # once for each half, once for each term of the halves
        "substitute constraints",
        ("bound logarithms above", "<="),
        "combine fractions",
        ("drop nonpositive terms", "<="),
    ),
    "lower": (
        "unfold definitions",
        ("bound logarithms below", ">="),
        "expand products",
        "evaluate sums",
    ),
}


def derive(variant: str | None = None) -> Derivation:
    variant = variant or VARIANTS[0]
    if variant == "bounds":
        return between(NAME, TITLE, derive("lower"), derive("upper"))
    space = IndexedSpace.make()
    chain = Chain(NAME, TITLE, space, JSDivergence(space.p, space.q, limits=space.limits))
    chain.apply_all(*RULES[variant])
    return chain.derivation()
