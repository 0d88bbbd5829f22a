"""Deliberately typed (a fixture of tests/test_provenance.py): the binary cross-entropy's
gradient is substituted in as a value, not derived. Every step is true, so the checker
proves it; only the guard sees that the result was typed."""

import sympy as sp

from symkl import Chain, Derivation, bernoulli_space


def derive(variant: str | None = None) -> Derivation:
    space = bernoulli_space()
    alpha, beta = space.p[0], space.q[0]
    grad = sp.Derivative(space.cross_entropy(), beta)
    chain = Chain("gradient_typed_by_substitute", "Typed gradient", space, grad)
    chain.apply("substitute", values={grad: (beta - alpha) / (beta * (1 - beta))})
    return chain.derivation()
