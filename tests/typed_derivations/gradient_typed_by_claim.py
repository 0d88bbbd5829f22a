"""Deliberately typed (a fixture of tests/test_provenance.py): after one rule, the author
claims the gradient; true, proved, and typed."""

import sympy as sp

from symkl import Chain, Derivation, bernoulli_space


def derive(variant: str | None = None) -> Derivation:
    space = bernoulli_space()
    beta = space.q[0]
    grad = sp.Derivative(space.cross_entropy(), beta)
    chain = Chain("gradient_typed_by_claim", "Claimed gradient", space, grad)
    chain.apply("unfold definitions")
    chain.claim("(beta - alpha) / (beta * (1 - beta))", because="I know the answer")
    return chain.derivation()
