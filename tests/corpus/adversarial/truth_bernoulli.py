"""Truth of bernoulli.md: binary entropy, cross-entropy and KL of two coins with
alpha, beta in (0, 1), and the minimisation over beta."""

from mpmath import e, log, mpf
from truthlib import S, d_dx, local_min

FILE = "bernoulli.md"
DOMAIN = {"alpha": "probability", "beta": "probability"}


def h(a):
    return -a * log(a) - (1 - a) * log(1 - a)


def ce(a, b):
    return -a * log(b) - (1 - a) * log(1 - b)


def kl(a, b):
    return a * log(a / b) + (1 - a) * log((1 - a) / (1 - b))


def H(v):
    return h(v["alpha"])


def CE(v):
    return ce(v["alpha"], v["beta"])


def KL(v):
    return kl(v["alpha"], v["beta"])


def h_bits(v):
    a = v["alpha"]
    return -a * log(a, 2) - (1 - a) * log(1 - a, 2)


# Minimisation over beta in (0, 1). d/db ce(a, b) = (b - a) / (b (1 - b)) is negative for
# b < a and positive for b > a, so b = a is the unique minimiser of ce(a, .), with value h(a);
# kl(a, b) = ce(a, b) - h(a) has the same minimiser and minimum value kl(a, a) = 0.
def argmin_beta(f, a):
    local_min(f, a, lo=0, hi=1)
    return a


def min_ce(v):
    a = v["alpha"]
    return ce(a, argmin_beta(lambda b: ce(a, b), a))


def min_kl(v):
    a = v["alpha"]
    return kl(a, argmin_beta(lambda b: kl(a, b), a))


STEPS = [
    S(
        21,
        r"\log\left(1-(1-\alpha)\right)$$",
        "=",
        H,
        lambda v: (
            -(1 - v["alpha"]) * log(1 - v["alpha"])
            - (1 - (1 - v["alpha"])) * log(1 - (1 - v["alpha"]))
        ),
    ),
    S(23, r"\log(1-\alpha) \ge 0$$", ">=", H, lambda v: mpf(0)),
    S(25, r"\le \log 2$$", "<=", H, lambda v: log(2)),
    S(27, r"\log(1-\alpha) \le 1$$", "<=", H, lambda v: mpf(1)),
    # false: the maximum is log 2 = 0.693 at alpha = 1/2
    S(29, r"\le \frac{1}{2}$$", "<=", H, lambda v: mpf(1) / 2),
    S(31, r"\log_2(1-\alpha) \le 1$$", "<=", h_bits, lambda v: mpf(1)),
    S(
        35,
        r"\log_2(1-\alpha) \ge 4\alpha(1-\alpha)$$",
        ">=",
        h_bits,
        lambda v: 4 * v["alpha"] * (1 - v["alpha"]),
    ),
    # false: at alpha = 1/2 the left side is log 2 < 1
    S(
        37,
        r"\ln(1-\alpha) \ge 4\alpha(1-\alpha)$$",
        ">=",
        H,
        lambda v: 4 * v["alpha"] * (1 - v["alpha"]),
    ),
    S(
        41,
        r"= \log\frac{1-\alpha}{\alpha}$$",
        "=",
        lambda v: d_dx(h, v["alpha"], relative=True),
        lambda v: log((1 - v["alpha"]) / v["alpha"]),
    ),
    S(
        43,
        r"= \log\frac{\alpha}{1-\alpha}$$",
        "=",
        lambda v: d_dx(h, v["alpha"], relative=True),
        lambda v: log(v["alpha"] / (1 - v["alpha"])),
    ),
    S(
        47,
        r"-\alpha\log\alpha \le \frac{1}{e}$$",
        "<=",
        lambda v: -v["alpha"] * log(v["alpha"]),
        lambda v: 1 / e,
    ),
    # false near alpha = 1/e, where -alpha log alpha = 1/e = 0.368
    S(
        49,
        r"-\alpha\log\alpha \le \frac{1}{3}$$",
        "<=",
        lambda v: -v["alpha"] * log(v["alpha"]),
        lambda v: mpf(1) / 3,
    ),
    S(
        51,
        r"\alpha\log\alpha \ge \alpha - 1$$",
        ">=",
        lambda v: v["alpha"] * log(v["alpha"]),
        lambda v: v["alpha"] - 1,
    ),
    S(
        55,
        r"\alpha(1-\alpha) \le \frac{1}{4}$$",
        "<=",
        lambda v: v["alpha"] * (1 - v["alpha"]),
        lambda v: mpf(1) / 4,
    ),
    S(
        57,
        r"\le -2\log 2$$",
        "<=",
        lambda v: log(v["alpha"]) + log(1 - v["alpha"]),
        lambda v: -2 * log(2),
    ),
    S(
        59,
        r"\log(\alpha\beta) = \log\alpha + \log\beta$$",
        "=",
        lambda v: log(v["alpha"] * v["beta"]),
        lambda v: log(v["alpha"]) + log(v["beta"]),
    ),
    S(
        61,
        r"\log(\alpha + \beta) = \log\alpha + \log\beta$$",
        "=",
        lambda v: log(v["alpha"] + v["beta"]),
        lambda v: log(v["alpha"]) + log(v["beta"]),
    ),
    # false for alpha < e^-25 = 1.4e-11
    S(66, r"\log\alpha \ge -25$$", ">=", lambda v: log(v["alpha"]), lambda v: mpf(-25)),
    S(72, r"(1-\alpha)\log\frac{1-\alpha}{1-\beta} \\", "=", CE, lambda v: H(v) + KL(v)),
    S(73, r"&\ge -\alpha\log\alpha - (1-\alpha)\log(1-\alpha)", ">=", lambda v: H(v) + KL(v), H),
    S(80, r"\ge 2(\alpha-\beta)^2$$", ">=", KL, lambda v: 2 * (v["alpha"] - v["beta"]) ** 2),
    # false: e.g. alpha = 0.3, beta = 0.7 gives 0.339 < 0.64
    S(82, r"\ge 4(\alpha-\beta)^2$$", ">=", KL, lambda v: 4 * (v["alpha"] - v["beta"]) ** 2),
    S(
        84,
        r"\le \frac{(\alpha-\beta)^2}{\beta(1-\beta)}$$",
        "<=",
        KL,
        lambda v: (v["alpha"] - v["beta"]) ** 2 / (v["beta"] * (1 - v["beta"])),
    ),
    S(88, r"= \beta\log\frac{\beta}{\alpha}", "=", KL, lambda v: kl(v["beta"], v["alpha"])),
    S(
        94,
        r"= \frac{\beta-\alpha}{\beta(1-\beta)}$$",
        "=",
        lambda v: d_dx(lambda b: ce(v["alpha"], b), v["beta"], relative=True),
        lambda v: (v["beta"] - v["alpha"]) / (v["beta"] * (1 - v["beta"])),
    ),
    S(
        96,
        r"= \frac{\alpha-\beta}{\beta(1-\beta)}$$",
        "=",
        lambda v: d_dx(lambda b: ce(v["alpha"], b), v["beta"], relative=True),
        lambda v: (v["alpha"] - v["beta"]) / (v["beta"] * (1 - v["beta"])),
    ),
    S(
        100,
        r"\right] = \alpha$$",
        "=",
        lambda v: argmin_beta(lambda b: ce(v["alpha"], b), v["alpha"]),
        lambda v: v["alpha"],
    ),
    S(102, r"\right] = -\alpha\log\alpha - (1-\alpha)\log(1-\alpha)$$", "=", min_ce, H),
    # false as minimum values: 0 versus h(alpha) > 0
    S(107, r"\right] = \min_{\beta}\left[-\alpha\log\beta", "=", min_kl, min_ce),
    S(109, r"\right] \le \min_{\beta}\left[-\alpha\log\beta", "<=", min_kl, min_ce),
    # false: h(alpha) <= 0 fails for every alpha in (0, 1)
    S(111, r"\right] \le \min_{\beta}\left[\alpha\log\frac{\alpha}{\beta}", "<=", min_ce, min_kl),
]
