"""With alpha fixed, H((alpha, 1 - alpha), (beta, 1 - beta)) is minimized exactly at beta = alpha.

Variants:
- `argmin`:     the headline, arg min over beta in (0, 1) of H = alpha: the one stationary
                point (`stationary`) of a strictly convex function (`convexity`);
- `stationary`: the stationary points {beta in (0, 1) : dH/dbeta = 0}, solved from the
                derived gradient: {alpha}, and no other (the numerator has degree 1);
- `convexity`:  d2H/dbeta2 = alpha/beta^2 + (1 - alpha)/(1 - beta)^2 > 0 on all of (0, 1),
                so the gradient increases: it has the sign of beta - alpha;
- `second_derivative`: d2H/dbeta2 at the solved stationary point is 1/(alpha (1 - alpha)) > 0.
"""

import sympy as sp

from symkl import Chain, Derivation, bernoulli_space, proved
from symkl.optima import optimum
from symkl.solving import zero_set

VARIANTS = ("argmin", "stationary", "convexity", "second_derivative")
UNIT = sp.Interval.open(0, 1)
NAME, TITLE = "binary_cross_entropy_argmin", "The binary cross-entropy is minimized at beta = alpha"


def _stationary(space) -> Derivation:
    beta = space.q[0]
    grad = sp.Derivative(space.cross_entropy(), beta)
    chain = Chain(NAME, TITLE, space, zero_set(grad, beta, UNIT))
    chain.apply("rewrite with", result=proved("binary_cross_entropy_grad"))
    chain.apply("solve")
    return chain.derivation()


def derive(variant: str | None = None) -> Derivation:
    variant = variant or VARIANTS[0]
    space = bernoulli_space()
    beta = space.q[0]
    curvature = sp.Derivative(space.cross_entropy(), (beta, 2))
    if variant == "argmin":
        return optimum(
            NAME,
            TITLE,
            space.cross_entropy(),
            beta,
            UNIT,
            stationary=derive("stationary"),
            second_order=derive("convexity"),
        )
    if variant == "stationary":
        return _stationary(space)
    if variant == "convexity":
        chain = Chain(NAME, TITLE, space, curvature)
    else:
        (point,) = derive("stationary").result
        chain = Chain(NAME, TITLE, space, sp.Subs(curvature, beta, point))
    chain.apply("unfold definitions")
    chain.apply("differentiate")
    if variant == "second_derivative":
        chain.apply("evaluate substitutions")
        chain.apply("combine fractions")
    chain.apply("compare with zero", ">")
    return chain.derivation()
