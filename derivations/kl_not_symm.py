"""D_KL(p || q) != D_KL(q || p) in general: an exact counterexample.

At p = (1/2, 1/2), q = (1/4, 3/4) the difference is a combination of log 2 and log 3
whose sign SymPy settles with guaranteed precision.
"""

import sympy as sp

from symkl import Chain, Derivation, ScalarSpace

P = sp.Tuple(sp.Rational(1, 2), sp.Rational(1, 2))
Q = sp.Tuple(sp.Rational(1, 4), sp.Rational(3, 4))


def counterexample_space() -> ScalarSpace:
    """No free symbols: the two distributions are fixed rationals."""
    return ScalarSpace(
        description="p = (1/2, 1/2), q = (1/4, 3/4)",
        assumptions=("exact rational probabilities",),
        p=P,
        q=Q,
    )


def derive(variant: str | None = None) -> Derivation:
    space = counterexample_space()
    chain = Chain(
        "kl_not_symm",
        "KL divergence is not symmetric",
        space,
        space.kl(P, Q) - space.kl(Q, P),
    )
    chain.apply("unfold definitions")
    chain.apply("expand logarithms")
    chain.apply("compare with zero", ">")
    return chain.derivation()
