"""Truth of gaussian_kl.md: the KL divergence between two univariate normals.

Expectations under x ~ N(m, s^2) are taken as E over z ~ N(0, 1) of g(m + s z). Every
integrand here (log-densities of normals and their differences, (x - mu)^2) is a polynomial
of degree at most 2 in z, and the 3-point Gauss-Hermite rule for the standard normal (nodes
0, +-sqrt(3), weights 2/3, 1/6, 1/6) is exact for polynomials of degree <= 5, so the
expectation is computed exactly without using any closed form of the divergence.
"""

from mpmath import e, exp, log, mpf, pi, sqrt
from truthlib import S

FILE = "gaussian_kl.md"
DOMAIN = {
    "x": "real",
    "mu": "real",
    "mu_1": "real",
    "mu_2": "real",
    "sigma": "positive",
    "sigma_1": "positive",
    "sigma_2": "positive",
}


def expect(g, m, s):
    """E[g(x)] for x ~ N(m, s^2), g a polynomial of degree <= 5 in x."""
    r = sqrt(3)
    return mpf(2) / 3 * g(m) + (g(m + s * r) + g(m - s * r)) / 6


def log_density(x, m, s):
    return log(1 / (sqrt(2 * pi) * s) * exp(-((x - m) ** 2) / (2 * s**2)))


def kl(m1, s1, m2, s2):
    """D_KL(N(m1, s1^2) || N(m2, s2^2)) = E_P[log p(x) - log q(x)], from the definition."""
    return expect(lambda x: log_density(x, m1, s1) - log_density(x, m2, s2), m1, s1)


def kl12(v):
    return kl(v["mu_1"], v["sigma_1"], v["mu_2"], v["sigma_2"])


def terms(v):
    """The size of the terms that cancel in the closed forms."""
    m1, m2, s1, s2 = v["mu_1"], v["mu_2"], v["sigma_1"], v["sigma_2"]
    return 1 + abs(log(s2 / s1)) + s1**2 / s2**2 + (m1 - m2) ** 2 / s2**2


# Section 1: the log-ratio chain.
def ratio(v):
    x, m1, m2, s1, s2 = v["x"], v["mu_1"], v["mu_2"], v["sigma_1"], v["sigma_2"]
    num = 1 / (sqrt(2 * pi) * s1) * exp(-((x - m1) ** 2) / (2 * s1**2))
    den = 1 / (sqrt(2 * pi) * s2) * exp(-((x - m2) ** 2) / (2 * s2**2))
    return log(num / den)


def bracket(v, x=None):
    x = v["x"] if x is None else x
    m1, m2, s1, s2 = v["mu_1"], v["mu_2"], v["sigma_1"], v["sigma_2"]
    return log(s2 / s1) - (x - m1) ** 2 / (2 * s1**2) + (x - m2) ** 2 / (2 * s2**2)


def ratio2(v):
    x, m1, m2, s1, s2 = v["x"], v["mu_1"], v["mu_2"], v["sigma_1"], v["sigma_2"]
    return log(s2) - log(s1) + (x - m2) ** 2 / (2 * s2**2) - (x - m1) ** 2 / (2 * s1**2)


def ratio3(v):  # false: log(sigma_1 / sigma_2) has the wrong sign
    x, m1, m2, s1, s2 = v["x"], v["mu_1"], v["mu_2"], v["sigma_1"], v["sigma_2"]
    return log(s1 / s2) + (x - m2) ** 2 / (2 * s2**2) - (x - m1) ** 2 / (2 * s1**2)


# Section 2: the closed form, row by row.
def c1(v):
    m1, m2, s1, s2 = v["mu_1"], v["mu_2"], v["sigma_1"], v["sigma_2"]
    return log(s2 / s1) - s1**2 / (2 * s1**2) + (s1**2 + (m1 - m2) ** 2) / (2 * s2**2)


def c2(v):
    m1, m2, s1, s2 = v["mu_1"], v["mu_2"], v["sigma_1"], v["sigma_2"]
    return log(s2 / s1) + (s1**2 + (m1 - m2) ** 2) / (2 * s2**2) - mpf(1) / 2


def c3(v):
    m1, m2, s1, s2 = v["mu_1"], v["mu_2"], v["sigma_1"], v["sigma_2"]
    return (log(s2**2 / s1**2) + s1**2 / s2**2 + (m1 - m2) ** 2 / s2**2 - 1) / 2


def c4(v):
    m1, m2, s1, s2 = v["mu_1"], v["mu_2"], v["sigma_1"], v["sigma_2"]
    return (s1**2 / s2**2 - 1 - log(s1**2 / s2**2)) / 2 + (m2 - m1) ** 2 / (2 * s2**2)


def c5(v):
    return (v["mu_1"] - v["mu_2"]) ** 2 / (2 * v["sigma_2"] ** 2)


def swapped(v):  # the divergence in the other direction
    m1, m2, s1, s2 = v["mu_1"], v["mu_2"], v["sigma_1"], v["sigma_2"]
    return log(s1 / s2) + (s2**2 + (m1 - m2) ** 2) / (2 * s1**2) - mpf(1) / 2


def no_two(v):  # false: the 2 of 2 sigma_2^2 dropped
    m1, m2, s1, s2 = v["mu_1"], v["mu_2"], v["sigma_1"], v["sigma_2"]
    return log(s2 / s1) + (s1**2 + (m1 - m2) ** 2) / s2**2 - mpf(1) / 2


def scale_term(v):
    s1, s2 = v["sigma_1"], v["sigma_2"]
    return log(s2 / s1) + s1**2 / (2 * s2**2) - mpf(1) / 2


def entropy_integral(v):
    m, s = v["mu"], v["sigma"]
    return -expect(lambda x: log_density(x, m, s), m, s)


def cross_integral(v):
    m1, m2, s1, s2 = v["mu_1"], v["mu_2"], v["sigma_1"], v["sigma_2"]
    return -expect(lambda x: log_density(x, m2, s2), m1, s1)


def cross_closed(v):
    m1, m2, s1, s2 = v["mu_1"], v["mu_2"], v["sigma_1"], v["sigma_2"]
    return log(2 * pi * s2**2) / 2 + (s1**2 + (m1 - m2) ** 2) / (2 * s2**2)


def entropy_plus_kl(v):
    s1 = v["sigma_1"]
    return log(2 * pi * e * s1**2) / 2 + c2(v)


STEPS = [
    S(27, r"&= \log\frac{\sigma_2}{\sigma_1} - \frac{(x-\mu_1)^2}", "=", ratio, bracket),
    S(28, r"&= \ln\sigma_2 - \ln\sigma_1", "=", bracket, ratio2),
    S(29, r"&= \ln\frac{\sigma_1}{\sigma_2}", "=", ratio2, ratio3),
    S(
        37,
        r"\right] = \sigma_1^2 + (\mu_1-\mu_2)^2$$",
        "=",
        lambda v: expect(lambda x: (x - v["mu_2"]) ** 2, v["mu_1"], v["sigma_1"]),
        lambda v: v["sigma_1"] ** 2 + (v["mu_1"] - v["mu_2"]) ** 2,
    ),
    S(
        41,
        r"= \mathbb{E}_{x\sim\mathcal{N}(\mu_1,\sigma_1^2)}\left[\log",
        "=",
        kl12,
        lambda v: expect(lambda x: bracket(v, x), v["mu_1"], v["sigma_1"]),
        scale=terms,
    ),
    S(
        46,
        r"&= \log\frac{\sigma_2}{\sigma_1} - \frac{\sigma_1^2}{2\sigma_1^2}",
        "=",
        kl12,
        c1,
        scale=terms,
    ),
    S(
        47,
        r"&= \log\frac{\sigma_2}{\sigma_1} + \frac{\sigma_1^2 + (\mu_1-\mu_2)^2}",
        "=",
        c1,
        c2,
        scale=terms,
    ),
    S(48, r"&= \frac{1}{2}\left[\log\frac{\sigma_2^2}{\sigma_1^2}", "=", c2, c3, scale=terms),
    S(49, r"&= \frac{1}{2}\left[\frac{\sigma_1^2}{\sigma_2^2} - 1", "=", c3, c4, scale=terms),
    S(50, r"&\ge \frac{(\mu_1-\mu_2)^2}{2\sigma_2^2} \\", ">=", c4, c5, scale=terms),
    S(51, r"&\ge 0", ">=", c5, lambda v: mpf(0)),
    S(59, r"= \log\frac{\sigma_1}{\sigma_2} + \frac{\sigma_2^2", "=", kl12, swapped),
    S(63, r"+ \frac{\sigma_1^2 + (\mu_1-\mu_2)^2}{\sigma_2^2} - \frac{1}{2}$$", "=", kl12, no_two),
    S(
        67,
        r"D_{\mathrm{KL}}\left(\mathcal{N}(\mu_2,\sigma_2^2)",
        "=",
        lambda v: kl(v["mu_2"], v["sigma_2"], v["mu_1"], v["sigma_1"]),
        swapped,
        scale=terms,
    ),
    S(
        74,
        r"\right) = \frac{(\mu_1-\mu_2)^2}{2\sigma^2}$$",
        "=",
        lambda v: kl(v["mu_1"], v["sigma"], v["mu_2"], v["sigma"]),
        lambda v: (v["mu_1"] - v["mu_2"]) ** 2 / (2 * v["sigma"] ** 2),
    ),
    S(
        76,
        r"\right) = \frac{(\mu_1-\mu_2)^2}{\sigma^2}$$",
        "=",
        lambda v: kl(v["mu_1"], v["sigma"], v["mu_2"], v["sigma"]),
        lambda v: (v["mu_1"] - v["mu_2"]) ** 2 / v["sigma"] ** 2,
    ),
    S(
        78,
        r"= D_{\mathrm{KL}}\left(\mathcal{N}(\mu_2,\sigma^2)",
        "=",
        lambda v: kl(v["mu_1"], v["sigma"], v["mu_2"], v["sigma"]),
        lambda v: kl(v["mu_2"], v["sigma"], v["mu_1"], v["sigma"]),
    ),
    S(
        83,
        r"= \log\frac{\sigma_2}{\sigma_1} + \frac{\sigma_1^2}{2\sigma_2^2} - \frac{1}{2}$$",
        "=",
        lambda v: kl(v["mu"], v["sigma_1"], v["mu"], v["sigma_2"]),
        scale_term,
        scale=terms,
    ),
    S(
        85,
        r"= D_{\mathrm{KL}}\left(\mathcal{N}(\mu,\sigma_2^2)",
        "=",
        lambda v: kl(v["mu"], v["sigma_1"], v["mu"], v["sigma_2"]),
        lambda v: kl(v["mu"], v["sigma_2"], v["mu"], v["sigma_1"]),
    ),
    S(90, r"- \frac{1}{2} \ge 0$$", ">=", scale_term, lambda v: mpf(0), scale=terms),
    S(
        92,
        r"\ge \frac{(\sigma_1-\sigma_2)^2}{2\sigma_2^2}$$",
        ">=",
        scale_term,
        lambda v: (v["sigma_1"] - v["sigma_2"]) ** 2 / (2 * v["sigma_2"] ** 2),
        scale=terms,
    ),
    S(
        94,
        r"\le \frac{(\sigma_1-\sigma_2)^2}{2\sigma_2^2}$$",
        "<=",
        scale_term,
        lambda v: (v["sigma_1"] - v["sigma_2"]) ** 2 / (2 * v["sigma_2"] ** 2),
    ),
    S(
        101,
        r"= \frac{1}{2}\log\left(2\pi e\sigma^2\right)$$",
        "=",
        entropy_integral,
        lambda v: log(2 * pi * e * v["sigma"] ** 2) / 2,
    ),
    S(
        103,
        r"= \frac{1}{2}\log\left(2\pi\sigma^2\right)$$",
        "=",
        entropy_integral,
        lambda v: log(2 * pi * v["sigma"] ** 2) / 2,
    ),
    S(
        105,
        r"= \frac{1}{2}\log\left(2\pi\sigma_2^2\right) + \frac{\sigma_1^2",
        "=",
        cross_integral,
        cross_closed,
        scale=terms,
    ),
    S(
        109,
        r"= \frac{1}{2}\log\left(2\pi e\sigma_1^2\right) + \log\frac{\sigma_2}{\sigma_1}",
        "=",
        cross_closed,
        entropy_plus_kl,
        scale=terms,
    ),
]
