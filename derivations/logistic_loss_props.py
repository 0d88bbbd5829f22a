"""Properties of the logistic loss L(eta, y) = H((y, 1 - y), (sigma(eta), 1 - sigma(eta))).

Variants, each starting from the cross-entropy and the proved form -y eta + log(1 + e^eta):
- `grad`:          dL/deta = sigma(eta) - y;
- `hessian`:       d2L/deta2 = sigma(eta) - sigma(eta)^2 = sigma(1 - sigma) > 0, so L is convex;
- `asymptote_pos`: L - (1 - y) eta -> 0 as eta -> +oo (a linear loss for confident positives);
- `asymptote_neg`: L - (-y eta) -> 0 as eta -> -oo.
"""

import sympy as sp

from symkl import Chain, Derivation, logistic_space

VARIANTS = ("grad", "hessian", "asymptote_pos", "asymptote_neg")
TITLES = {
    "grad": "Gradient of the logistic loss",
    "hessian": "The logistic loss is convex",
    "asymptote_pos": "Asymptote of the logistic loss as eta -> +oo",
    "asymptote_neg": "Asymptote of the logistic loss as eta -> -oo",
}


def derive(variant: str | None = None) -> Derivation:
    variant = variant or VARIANTS[0]
    space = logistic_space()
    eta, y = (symbol for symbol, _ in space.intervals)
    loss = space.cross_entropy()
    start = {
        "grad": sp.Derivative(loss, eta),
        "hessian": sp.Derivative(loss, (eta, 2)),
        "asymptote_pos": sp.Limit(loss - (1 - y) * eta, eta, sp.oo),
        "asymptote_neg": sp.Limit(loss + y * eta, eta, -sp.oo),
    }[variant]
    chain = Chain("logistic_loss_props", TITLES[variant], space, start)
    chain.apply("rewrite with", result="logistic_loss")
    if variant.startswith("asymptote"):
        chain.apply("evaluate limits")
        return chain.derivation()
    chain.apply("differentiate")
    if variant == "hessian":
        chain.apply("combine fractions")
        chain.apply("compare with zero", ">")
    return chain.derivation()
