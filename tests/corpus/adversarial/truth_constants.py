"""Truth of constants.md: minimum values and minimisers with additive constants.

Each minimiser is found analytically (stated in a comment), corroborated numerically by
`local_min` (no nearby point is lower), and the minimum value is the objective evaluated
there. theta ranges over R, beta over (0, 1); alpha in (0, 1) and c in R are fixed."""

from mpmath import log, mpf
from truthlib import S, local_min

FILE = "constants.md"
DOMAIN = {"alpha": "probability", "beta": "probability", "c": "real", "theta": "real"}


def at_min(f, x, lo=None, hi=None):
    """(minimiser, minimum value) for the analytic minimiser x of f, corroborated."""
    local_min(f, x, lo, hi)
    return x, f(x)


# (theta - c)^2 + k is a parabola with vertex theta = c, minimum k, for every constant k.
def quad(v, k):
    return at_min(lambda th: (th - v["c"]) ** 2 + k, v["c"])


# theta^2 + c theta = (theta + c/2)^2 - c^2/4: minimiser -c/2.
def lin(v):
    return at_min(lambda th: th**2 + v["c"] * th, -v["c"] / 2)


# (theta - 1)^2 + (theta + 1)^2 = 2 theta^2 + 2: minimiser 0; (theta -+ 1)^2: minimiser +-1.
def pair(v):
    return at_min(lambda th: (th - 1) ** 2 + (th + 1) ** 2, mpf(0))


def single(sign):
    return at_min(lambda th: (th - sign) ** 2, mpf(sign))


# ce(alpha, b) = -alpha log b - (1 - alpha) log(1 - b) has derivative (b - alpha)/(b(1 - b)):
# minimiser b = alpha; k * ce + c for k > 0 has the same minimiser; -ce is maximised there.
def ce(a, b):
    return -a * log(b) - (1 - a) * log(1 - b)


def ce_min(v, k=1, add=0):
    a = v["alpha"]
    return at_min(lambda b: k * ce(a, b) + add, a, lo=0, hi=1)


def loglik_max(v):
    a = v["alpha"]
    best, neg = at_min(lambda b: -(a * log(b) + (1 - a) * log(1 - b)), a, lo=0, hi=1)
    return best, -neg


def h(a):
    return -a * log(a) - (1 - a) * log(1 - a)


STEPS = [
    # false: c is one fixed number, alpha + c = 2c only if c = alpha
    S(22, r"\alpha + c = 2c$$", "=", lambda v: v["alpha"] + v["c"], lambda v: 2 * v["c"]),
    S(
        24,
        r"c + \alpha - c = \alpha$$",
        "=",
        lambda v: v["c"] + v["alpha"] - v["c"],
        lambda v: v["alpha"],
        scale=lambda v: abs(v["c"]),
    ),
    S(28, r"+ 1\right] = c$$", "=", lambda v: quad(v, 1)[0], lambda v: v["c"]),
    S(30, r"+ 1\right] = 1$$", "=", lambda v: quad(v, 1)[1], lambda v: mpf(1)),
    # false: the minimum value is 1
    S(32, r"+ 1\right] = 0$$", "=", lambda v: quad(v, 1)[1], lambda v: mpf(0)),
    S(34, r"\min_{\theta}\,(\theta - c)^2 = 0$$", "=", lambda v: quad(v, 0)[1], lambda v: mpf(0)),
    S(
        36,
        r"+ \alpha\right] = \alpha$$",
        "=",
        lambda v: quad(v, v["alpha"])[1],
        lambda v: v["alpha"],
    ),
    S(40, r"+ c\right] = c$$", "=", lambda v: quad(v, v["c"])[1], lambda v: v["c"]),
    # false as values unless c = 0: c versus 0
    S(
        42,
        r"+ c\right] = \min_{\theta}\,(\theta - c)^2$$",
        "=",
        lambda v: quad(v, v["c"])[1],
        lambda v: quad(v, 0)[1],
    ),
    S(
        44,
        r"+ c\right] = \arg\min_{\theta}\,(\theta - c)^2$$",
        "=",
        lambda v: quad(v, v["c"])[0],
        lambda v: quad(v, 0)[0],
    ),
    # false: 0 <= -1
    S(
        48,
        r"\min_{\theta}\,(\theta - c)^2 \le \min_{\theta}\left[",
        "<=",
        lambda v: quad(v, 0)[1],
        lambda v: quad(v, -1)[1],
    ),
    S(
        50,
        r"- 1\right] \le \min_{\theta}\,(\theta - c)^2$$",
        "<=",
        lambda v: quad(v, -1)[1],
        lambda v: quad(v, 0)[1],
    ),
    S(54, r"= -\frac{c^2}{4}$$", "=", lambda v: lin(v)[1], lambda v: -(v["c"] ** 2) / 4),
    # false unless c = 0
    S(56, r"= -\frac{c^2}{2}$$", "=", lambda v: lin(v)[1], lambda v: -(v["c"] ** 2) / 2),
    # false: 2 versus 0 + 0
    S(
        61,
        r"\right] = \min_{\theta}\,(\theta - 1)^2 + \min_{\theta}",
        "=",
        lambda v: pair(v)[1],
        lambda v: single(1)[1] + single(-1)[1],
    ),
    S(
        63,
        r"\right] \ge \min_{\theta}\,(\theta - 1)^2 + \min_{\theta}",
        ">=",
        lambda v: pair(v)[1],
        lambda v: single(1)[1] + single(-1)[1],
    ),
    S(65, r"(\theta + 1)^2\right] = 2$$", "=", lambda v: pair(v)[1], lambda v: mpf(2)),
    S(67, r"(\theta + 1)^2\right] = 0$$", "=", lambda v: pair(v)[0], lambda v: mpf(0)),
    S(71, r"+ c\right] = \alpha$$", "=", lambda v: ce_min(v, add=v["c"])[0], lambda v: v["alpha"]),
    S(
        73,
        r"= -\alpha\log\alpha - (1-\alpha)\log(1-\alpha) + c$$",
        "=",
        lambda v: ce_min(v, add=v["c"])[1],
        lambda v: h(v["alpha"]) + v["c"],
        scale=lambda v: abs(v["c"]) + 1,
    ),
    # false as values unless c = 0
    S(
        75,
        r"+ c\right] = \min_{\beta}\left[",
        "=",
        lambda v: ce_min(v, add=v["c"])[1],
        lambda v: ce_min(v)[1],
    ),
    S(
        79,
        r"\right)\right] = 2\min_{\beta}",
        "=",
        lambda v: ce_min(v, k=2)[1],
        lambda v: 2 * ce_min(v)[1],
    ),
    S(
        81,
        r"\right)\right] = \arg\min_{\beta}",
        "=",
        lambda v: ce_min(v, k=2)[0],
        lambda v: ce_min(v)[0],
    ),
    S(85, r"\right] = -\min_{\beta}", "=", lambda v: loglik_max(v)[1], lambda v: -ce_min(v)[1]),
    # false: the maximum log-likelihood is -h(alpha) < 0 < h(alpha)
    S(
        87,
        r"\right] = \min_{\beta}\left[-\alpha",
        "=",
        lambda v: loglik_max(v)[1],
        lambda v: ce_min(v)[1],
    ),
    S(89, r"\arg\max_{\beta}", "=", lambda v: loglik_max(v)[0], lambda v: v["alpha"]),
]
