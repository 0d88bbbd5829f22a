"""The differential entropy of a normal density, from the integral definition:
h(N(mu, sigma^2)) = -int p log p dx = 1/2 log(2 pi e sigma^2).

log p(x) = -log(sigma sqrt(2 pi)) - (x - mu)^2 / (2 sigma^2) is a quadratic in x; after
x = mu + sigma z the integral against the density needs only the standard normal's mass
and second moment (the integral of z^2 e^(-z^2/2) is sqrt(2 pi): a variance of 1).
"""

import sympy as sp

from symkl import Chain, Derivation, Entropy, ScalarSpace

from .kl_gaussian import normal_pdf


def derive(variant: str | None = None) -> Derivation:
    x, z = sp.Symbol("x", real=True), sp.Symbol("z", real=True)
    mu, sigma = sp.Symbol("mu", real=True), sp.Symbol("sigma", positive=True)
    # Sampling stays where the quadrature's breakpoints are valid (symkl.spaces).
    space = ScalarSpace(
        description="a normal density p = N(mu, sigma^2) on the real line",
        assumptions=("mu real; sigma > 0", "sampled at |mu| <= 2, 1/2 <= sigma <= 2"),
        p=normal_pdf(x, mu, sigma),
        q=sp.Tuple(),
        limits=(x, -sp.oo, sp.oo),
        intervals=((mu, sp.Interval(-2, 2)), (sigma, sp.Interval(sp.Rational(1, 2), 2))),
    )
    chain = Chain(
        "gaussian_entropy",
        "Differential entropy of a normal density",
        space,
        Entropy(space.p, limits=space.limits),
    )
    chain.apply("unfold definitions")
    chain.apply("expand logarithms")
    # Checking a change of variables means integrating both sides: allow it more time.
    chain.apply("change variable", old=x, new=mu + sigma * z, var=z, seconds=30)
    for rule in ("expand products", "split sums", "evaluate integrals", "combine logarithms"):
        chain.apply(rule)
    return chain.derivation()
