"""Truth of gaussian_log_density.md: the Gaussian log-density, completing the square, and
maximum likelihood in mu and sigma (one observation)."""

from mpmath import exp, log, mpf, pi, sqrt
from truthlib import S, d_dx, local_min

FILE = "gaussian_log_density.md"
DOMAIN = {
    "x": "real",
    "mu": "real",
    "sigma": "positive",
    "mu_1": "real",
    "mu_2": "real",
    "sigma_1": "positive",
    "sigma_2": "positive",
}


# Section 1: the log-density chain, row by row.
def r0(v):  # log( 1/(sqrt(2 pi) sigma) * exp(-(x-mu)^2 / (2 sigma^2)) ), straight
    x, mu, s = v["x"], v["mu"], v["sigma"]
    return log(1 / (sqrt(2 * pi) * s) * exp(-((x - mu) ** 2) / (2 * s**2)))


def r1(v):
    x, mu, s = v["x"], v["mu"], v["sigma"]
    return -log(sqrt(2 * pi) * s) - (x - mu) ** 2 / (2 * s**2)


def r2(v):
    x, mu, s = v["x"], v["mu"], v["sigma"]
    return -log(2 * pi) / 2 - log(s) - (x - mu) ** 2 / (2 * s**2)


def r3(v):
    x, mu, s = v["x"], v["mu"], v["sigma"]
    return -log(2 * pi * s**2) / 2 - (x - mu) ** 2 / (2 * s**2)


def r4(v):  # false: the 1/2 kept in front of log sigma (should be log sigma^2 / 2 = log sigma)
    x, mu, s = v["x"], v["mu"], v["sigma"]
    return -log(2 * pi) / 2 - log(s) / 2 - (x**2 - 2 * mu * x + mu**2) / (2 * s**2)


def precision_form(v):
    x, mu, s = v["x"], v["mu"], v["sigma"]
    return log(1 / (2 * pi * s**2)) / 2 - (x - mu) ** 2 / (2 * s**2)


def peak(v):
    return -log(2 * pi * v["sigma"] ** 2) / 2


def density(v):
    x, mu, s = v["x"], v["mu"], v["sigma"]
    return 1 / (sqrt(2 * pi) * s) * exp(-((x - mu) ** 2) / (2 * s**2))


# Section 2: completing the square.
def two_quadratics(v):
    x, m1, m2, s1, s2 = v["x"], v["mu_1"], v["mu_2"], v["sigma_1"], v["sigma_2"]
    return (x - m1) ** 2 / s1**2 + (x - m2) ** 2 / s2**2


def expanded(v):
    x, m1, m2, s1, s2 = v["x"], v["mu_1"], v["mu_2"], v["sigma_1"], v["sigma_2"]
    return (
        (1 / s1**2 + 1 / s2**2) * x**2
        - 2 * (m1 / s1**2 + m2 / s2**2) * x
        + m1**2 / s1**2
        + m2**2 / s2**2
    )


def completed(v, swap=False):
    x, m1, m2, s1, s2 = v["x"], v["mu_1"], v["mu_2"], v["sigma_1"], v["sigma_2"]
    a, b = (s1**2, s2**2) if swap else (s2**2, s1**2)  # true weights: mu_1 s2^2 + mu_2 s1^2
    m = (m1 * a + m2 * b) / (s1**2 + s2**2)
    return (s1**2 + s2**2) / (s1**2 * s2**2) * (x - m) ** 2 + (m1 - m2) ** 2 / (s1**2 + s2**2)


def remainder(v):
    return (v["mu_1"] - v["mu_2"]) ** 2 / (v["sigma_1"] ** 2 + v["sigma_2"] ** 2)


def equal_var_lhs(v):
    x, m1, m2, s = v["x"], v["mu_1"], v["mu_2"], v["sigma"]
    return ((x - m1) ** 2 + (x - m2) ** 2) / s**2


def equal_var_rhs(v):
    x, m1, m2, s = v["x"], v["mu_1"], v["mu_2"], v["sigma"]
    return 2 / s**2 * (x - (m1 + m2) / 2) ** 2 + (m1 - m2) ** 2 / (2 * s**2)


# Section 3: one observation. f(m) = (x - m)^2 / (2 sigma^2) + log sigma is a convex
# parabola in m with f'(m) = (m - x) / sigma^2, so its only minimiser is m = x and the
# minimum value is log sigma; (x - m)^2 / (2 sigma^2) has the same minimiser, minimum 0.
def nll(v, m, const=True):
    return (v["x"] - m) ** 2 / (2 * v["sigma"] ** 2) + (log(v["sigma"]) if const else 0)


def argmin_nll(v, const=True):
    local_min(lambda m: nll(v, m, const), v["x"])
    return v["x"]


def min_nll(v, const=True):
    return nll(v, argmin_nll(v, const), const)


def scale_objective(v, s):
    return log(s) + (v["x"] - v["mu"]) ** 2 / (2 * s**2)


STEPS = [
    S(28, r"&= -\log\left(\sqrt{2\pi}", "=", r0, r1),
    S(29, r"&= -\frac{1}{2}\log(2\pi) - \log\sigma", "=", r1, r2),
    S(30, r"&= -\frac{1}{2}\log\left(2\pi\sigma^2\right)", "=", r2, r3),
    S(31, r"- \frac{1}{2}\log\sigma -", "=", r3, r4),
    S(36, r"\frac{1}{2}\ln\frac{1}{2\pi\sigma^2}", "=", r3, precision_form),
    S(40, r"\le -\frac{1}{2}\ln\left(2\pi\sigma^2\right)$$", "<=", r3, peak),
    # false: the peak value exceeds 0 where sigma < 1/sqrt(2 pi)
    S(46, r"\right) \le 0$$", "<=", peak, lambda v: mpf(0)),
    S(
        50,
        r"\le \frac{1}{\sqrt{2\pi}\,\sigma}$$",
        "<=",
        density,
        lambda v: 1 / (sqrt(2 * pi) * v["sigma"]),
    ),
    S(
        56,
        r"x^2 - 2\mu x = (x-\mu)^2 - \mu^2",
        "=",
        lambda v: v["x"] ** 2 - 2 * v["mu"] * v["x"],
        lambda v: (v["x"] - v["mu"]) ** 2 - v["mu"] ** 2,
    ),
    S(
        60,
        r"= 2(x-1)^2 + 5",
        "=",
        lambda v: 2 * v["x"] ** 2 - 4 * v["x"] + 7,
        lambda v: 2 * (v["x"] - 1) ** 2 + 5,
    ),
    S(
        62,
        r"= 2(x-1)^2 + 6",
        "=",
        lambda v: 2 * v["x"] ** 2 - 4 * v["x"] + 7,
        lambda v: 2 * (v["x"] - 1) ** 2 + 6,
    ),
    S(
        64,
        r"x^2 + 6x + 5 = (x+3)^2 - 4",
        "=",
        lambda v: v["x"] ** 2 + 6 * v["x"] + 5,
        lambda v: (v["x"] + 3) ** 2 - 4,
    ),
    S(71, r"&= \left(\frac{1}{\sigma_1^2}", "=", two_quadratics, expanded),
    S(72, r"\frac{\mu_1\sigma_2^2 + \mu_2\sigma_1^2}", "=", expanded, completed),
    S(73, r"&\ge \frac{(\mu_1 - \mu_2)^2}", ">=", completed, remainder),
    S(
        78,
        r"\frac{\mu_1\sigma_1^2 + \mu_2\sigma_2^2}",
        "=",
        two_quadratics,
        lambda v: completed(v, swap=True),
    ),
    # false: at the minimising x the sum equals (mu1-mu2)^2/(s1^2+s2^2) < (mu1-mu2)^2/s1^2
    S(
        82,
        r"\ge \frac{(\mu_1 - \mu_2)^2}{\sigma_1^2}$$",
        ">=",
        two_quadratics,
        lambda v: (v["mu_1"] - v["mu_2"]) ** 2 / v["sigma_1"] ** 2,
    ),
    S(
        87,
        r"\frac{2}{\sigma^2}\left(x - \frac{\mu_1+\mu_2}{2}\right)^2",
        "=",
        equal_var_lhs,
        equal_var_rhs,
    ),
    S(95, r"\right] = x$$", "=", argmin_nll, lambda v: v["x"]),
    S(97, r"\right] = \log\sigma$$", "=", min_nll, lambda v: log(v["sigma"])),
    # false as values: the minima are log sigma and 0
    S(
        103,
        r"= \min_{\mu} \frac{(x-\mu)^2}{2\sigma^2}$$",
        "=",
        min_nll,
        lambda v: min_nll(v, const=False),
    ),
    S(
        105,
        r"= \arg\min_{\mu} \frac{(x-\mu)^2}{2\sigma^2}$$",
        "=",
        argmin_nll,
        lambda v: argmin_nll(v, const=False),
    ),
    S(
        110,
        r"= \frac{1}{\sigma} - \frac{(x-\mu)^2}{\sigma^3}$$",
        "=",
        lambda v: d_dx(lambda s: scale_objective(v, s), v["sigma"], relative=True),
        lambda v: 1 / v["sigma"] - (v["x"] - v["mu"]) ** 2 / v["sigma"] ** 3,
    ),
    S(
        112,
        r"= \frac{1}{\sigma} - \frac{(x-\mu)^2}{2\sigma^3}$$",
        "=",
        lambda v: d_dx(lambda s: scale_objective(v, s), v["sigma"], relative=True),
        lambda v: 1 / v["sigma"] - (v["x"] - v["mu"]) ** 2 / (2 * v["sigma"] ** 3),
    ),
]
