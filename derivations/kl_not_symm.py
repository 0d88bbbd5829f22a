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


def asymmetry(name: str, title: str, measure: str) -> Derivation:
    """measure(p, q) - measure(q, p) > 0 at the fixed p, q, exactly: `measure` names a
    space method ("kl" or "cross_entropy")."""
    space = counterexample_space()
    swap = getattr(space, measure)
    chain = Chain(name, title, space, swap(P, Q) - swap(Q, P))
    chain.apply("unfold definitions")
    chain.apply("expand logarithms")
    chain.apply("compare with zero", ">")
    return chain.derivation()


def derive(variant: str | None = None) -> Derivation:
    return asymmetry("kl_not_symm", "KL divergence is not symmetric", "kl")
