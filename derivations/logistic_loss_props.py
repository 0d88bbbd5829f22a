"""Properties of the logistic loss L(eta, y) = H((y, 1 - y), (sigma(eta), 1 - sigma(eta))).

Variants, each starting from the cross-entropy and the proved form -y eta + log(1 + e^eta):
- `grad`:          dL/deta = sigma(eta) - y;
- `hessian`:       d2L/deta2 = sigma(eta) - sigma(eta)^2 = sigma(1 - sigma) > 0, so L is convex;
- `asymptote_pos`: as eta -> +oo, L approaches the line (1 - y) eta (linear for confident
                   positives); the line comes from the limits of L/eta and L - slope eta;
- `asymptote_neg`: as eta -> -oo, the same limits give the line -y eta.
"""

import sympy as sp

from symkl import Chain, Derivation, logistic_space, proved
from symkl.asymptotes import Asymptote

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
    eta = space.intervals[0][0]
    loss = space.cross_entropy()
    start = {
        "grad": sp.Derivative(loss, eta),
        "hessian": sp.Derivative(loss, (eta, 2)),
        "asymptote_pos": Asymptote(loss, eta, sp.oo),
        "asymptote_neg": Asymptote(loss, eta, -sp.oo),
    }[variant]
    chain = Chain("logistic_loss_props", TITLES[variant], space, start)
    chain.apply("rewrite with", result=proved("logistic_loss"))
    if variant.startswith("asymptote"):
        chain.apply("evaluate asymptotes")
        return chain.derivation()
    chain.apply("differentiate")
    if variant == "hessian":
        chain.apply("combine fractions")
        chain.apply("compare with zero", ">")
    return chain.derivation()
