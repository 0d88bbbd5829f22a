"""Deliberately typed (a fixture of tests/test_provenance.py): the factor (beta - alpha),
which holds the minimizer beta = alpha, is written into the start, as
binary_cross_entropy_argmin's `sign` variant once did."""

import sympy as sp

from symkl import Chain, Derivation, bernoulli_space


def derive(variant: str | None = None) -> Derivation:
    space = bernoulli_space()
    alpha, beta = space.p[0], space.q[0]
    start = (beta - alpha) * sp.Derivative(space.cross_entropy(), beta)
    chain = Chain("minimizer_typed_in_start", "Typed minimizer", space, start)
    for rule in ("unfold definitions", "differentiate", "simplify"):
        chain.apply(rule)
    chain.apply("compare with zero", ">=")
    return chain.derivation()
