"""Shifting the logits of log-sum-exp by a constant shifts its value:
log sum_i e^(z_i - c) = log sum_i e^(z_i) - c, for n logits z_i and any real c.

e^(z_i - c) = e^(-c) e^(z_i); the constant factor leaves the sum, and the log of the
product splits (both factors are positive). With c = max_i z_i this is the stable way to
compute log-sum-exp: no exponential overflows.
"""

import sympy as sp

from symkl import Chain, Derivation, IndexedSpace


def derive(variant: str | None = None) -> Derivation:
    c = sp.Symbol("c", real=True)
    space = IndexedSpace.make(parameters=((c, sp.Interval(-sp.oo, sp.oo)),), reals=("z",))
    (z,) = space.reals
    chain = Chain(
        "log_sum_exp_shift",
        "Log-sum-exp is shifted by a constant shift of its arguments",
        space,
        sp.log(sp.Sum(sp.exp(z[space.index] - c), space.limits)),
    )
    for rule in ("expand products", "split sums", "expand logarithms"):
        chain.apply(rule)
    return chain.derivation()
