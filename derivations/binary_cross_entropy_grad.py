"""dH(p, q)/dbeta = (beta - alpha) / (beta (1 - beta)) for the Bernoulli pair
p = (alpha, 1 - alpha), q = (beta, 1 - beta)."""

import sympy as sp

from symkl import Chain, Derivation, bernoulli_space


def derive(variant: str | None = None) -> Derivation:
    space = bernoulli_space()
    beta = space.q[0]
    chain = Chain(
        "binary_cross_entropy_grad",
        "Gradient of the binary cross-entropy",
        space,
        sp.Derivative(space.cross_entropy(), beta),
    )
    for rule in ("unfold definitions", "differentiate", "combine fractions", "expand numerator"):
        chain.apply(rule)
    return chain.derivation()
