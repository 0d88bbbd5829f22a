"""With alpha fixed, H((alpha, 1 - alpha), (beta, 1 - beta)) is minimized exactly at beta = alpha.

Variants:
- `stationary`: the gradient vanishes at beta = alpha;
- `sign`:       (beta - alpha) dH/dbeta = (beta - alpha)^2 / (beta (1 - beta)) >= 0, so the
                gradient has the sign of beta - alpha: it vanishes only at beta = alpha, where
                H turns from decreasing to increasing;
- `second_derivative`: d2H/dbeta2 at beta = alpha is 1/(alpha (1 - alpha)) > 0.
"""

import sympy as sp

from symkl import Chain, Derivation, bernoulli_space

VARIANTS = ("stationary", "sign", "second_derivative")


def derive(variant: str | None = None) -> Derivation:
    variant = variant or VARIANTS[0]
    space = bernoulli_space()
    alpha, beta = space.p[0], space.q[0]
    grad = sp.Derivative(space.cross_entropy(), beta)
    name, title = (
        "binary_cross_entropy_argmin",
        "The binary cross-entropy is minimized at beta = alpha",
    )
    if variant == "stationary":
        chain = Chain(name, title, space, sp.Subs(grad, beta, alpha))
        chain.apply("rewrite with", result="binary_cross_entropy_grad")
        chain.apply("evaluate substitutions")
    elif variant == "sign":
        chain = Chain(name, title, space, (beta - alpha) * grad)
        chain.apply("rewrite with", result="binary_cross_entropy_grad")
        chain.apply("simplify")
        chain.apply("compare with zero", ">=")
    else:
        chain = Chain(
            name,
            title,
            space,
            sp.Subs(sp.Derivative(space.cross_entropy(), (beta, 2)), beta, alpha),
        )
        chain.apply("unfold definitions")
        chain.apply("differentiate")
        chain.apply("evaluate substitutions")
        chain.apply("combine fractions")
        chain.apply("compare with zero", ">")
    return chain.derivation()
