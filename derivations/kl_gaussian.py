"""KL divergence between two normal densities, from the integral definition:
D_KL(N(mu1, s1^2) || N(mu2, s2^2)) = log(s2/s1) + (s1^2 + (mu1 - mu2)^2)/(2 s2^2) - 1/2.

The log of the ratio of densities is a quadratic in x; after x = mu1 + sigma1 z its
integral against the first density needs only the standard normal's mass, mean and second
moment.
"""

import sympy as sp

from symkl import Chain, Derivation, KLDivergence, ScalarSpace


def normal_pdf(x: sp.Symbol, mu: sp.Symbol, sigma: sp.Symbol) -> sp.Expr:
    return sp.exp(-((x - mu) ** 2) / (2 * sigma**2)) / (sigma * sp.sqrt(2 * sp.pi))


def derive(variant: str | None = None) -> Derivation:
    x = sp.Symbol("x", real=True)
    mu1, mu2 = sp.symbols("mu1 mu2", real=True)
    s1, s2 = sp.symbols("sigma1 sigma2", positive=True)
    # Sampling stays where the quadrature's breakpoints are valid (symkl.spaces).
    near, spread = sp.Interval(-2, 2), sp.Interval(sp.Rational(1, 2), 2)
    space = ScalarSpace(
        description="normal densities p = N(mu1, sigma1^2), q = N(mu2, sigma2^2) on the real line",
        assumptions=(
            "mu1, mu2 real; sigma1, sigma2 > 0",
            "sampled at |mu| <= 2, 1/2 <= sigma <= 2",
        ),
        p=normal_pdf(x, mu1, s1),
        q=normal_pdf(x, mu2, s2),
        limits=(x, -sp.oo, sp.oo),
        intervals=((mu1, near), (mu2, near), (s1, spread), (s2, spread)),
    )
    chain = Chain(
        "kl_gaussian",
        "KL divergence between two normal densities",
        space,
        KLDivergence(space.p, space.q, limits=space.limits),
    )
    z = sp.Symbol("z", real=True)
    chain.apply("unfold definitions")
    chain.apply("expand logarithms")
    # Checking a change of variables means integrating both sides: allow it more time.
    chain.apply("change variable", old=x, new=mu1 + s1 * z, var=z, seconds=30)
    for rule in ("expand products", "split sums", "evaluate integrals"):
        chain.apply(rule)
    return chain.derivation()
