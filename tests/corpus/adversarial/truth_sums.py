"""Truth of sums.md: finite sums over different ranges, with p a distribution over n
outcomes, r a distribution over m outcomes (n, m independent), x, c real. Every sum is
evaluated literally, term by term over its stated range (an empty range gives 0)."""

from mpmath import log, mpf
from truthlib import S, ssum

FILE = "sums.md"
DOMAIN = {
    "n": "integer",
    "m": "integer",
    "p": ("distribution", "n"),
    "r": ("distribution", "m"),
    "x": "real",
    "c": "real",
}


def P(v, i):
    return v["p"][i - 1]


def R(v, j):
    return v["r"][j - 1]


def sp(v, f, lo=1, hi=None):
    return ssum(lambda i: f(P(v, i)), lo, v["n"] if hi is None else hi)


def double(v, f):
    """sum_{i=1}^{n} sum_{j=1}^{m} f(i, j)"""
    return ssum(lambda i: ssum(lambda j: f(i, j), 1, v["m"]), 1, v["n"])


def sq(v):
    return sp(v, lambda p: p**2)


STEPS = [
    S(23, r"$$\sum_{i=1}^{n} p_i = 1$$", "=", lambda v: sp(v, lambda p: p), lambda v: mpf(1)),
    S(
        25,
        r"$$\sum_{i=1}^{n} 1 = n$$",
        "=",
        lambda v: ssum(lambda i: 1, 1, v["n"]),
        lambda v: mpf(v["n"]),
    ),
    # false: i = 0..n has n + 1 terms
    S(
        27,
        r"$$\sum_{i=0}^{n} 1 = n$$",
        "=",
        lambda v: ssum(lambda i: 1, 0, v["n"]),
        lambda v: mpf(v["n"]),
    ),
    S(
        29,
        r"$$\sum_{i=2}^{n} 1 = n - 1$$",
        "=",
        lambda v: ssum(lambda i: 1, 2, v["n"]),
        lambda v: mpf(v["n"] - 1),
    ),
    S(
        31,
        r"= \frac{n(n+1)}{2}$$",
        "=",
        lambda v: ssum(lambda i: i, 1, v["n"]),
        lambda v: mpf(v["n"]) * (v["n"] + 1) / 2,
    ),
    S(
        33,
        r"= \frac{n^2}{2}$$",
        "=",
        lambda v: ssum(lambda i: i, 1, v["n"]),
        lambda v: mpf(v["n"]) ** 2 / 2,
    ),
    S(
        35,
        r"\frac{1}{m}\sum_{j=1}^{m} r_j = \frac{1}{m}$$",
        "=",
        lambda v: ssum(lambda j: R(v, j), 1, v["m"]) / v["m"],
        lambda v: mpf(1) / v["m"],
    ),
    S(39, r"1 = nm$$", "=", lambda v: double(v, lambda i, j: 1), lambda v: mpf(v["n"] * v["m"])),
    S(
        41,
        r"\frac{1}{n}\sum_{i=1}^{n} 1 = 1$$",
        "=",
        lambda v: ssum(lambda i: 1, 1, v["n"]) / mpf(v["n"]),
        lambda v: mpf(1),
    ),
    # false unless m = n
    S(
        45,
        r"\frac{1}{n}\sum_{j=1}^{m} 1 = 1$$",
        "=",
        lambda v: ssum(lambda j: 1, 1, v["m"]) / mpf(v["n"]),
        lambda v: mpf(1),
    ),
    S(47, r"p_i = m$$", "=", lambda v: double(v, lambda i, j: P(v, i)), lambda v: mpf(v["m"])),
    # false unless m = n
    S(49, r"p_i = n$$", "=", lambda v: double(v, lambda i, j: P(v, i)), lambda v: mpf(v["n"])),
    S(
        51,
        r"p_i\, r_j = 1$$",
        "=",
        lambda v: double(v, lambda i, j: P(v, i) * R(v, j)),
        lambda v: mpf(1),
    ),
    S(
        55,
        r"&= \sum_{i=1}^{n}\left(m\, p_i + \sum_{j=1}^{m} r_j\right) \\",
        "=",
        lambda v: double(v, lambda i, j: P(v, i) + R(v, j)),
        lambda v: ssum(lambda i: v["m"] * P(v, i) + ssum(lambda j: R(v, j), 1, v["m"]), 1, v["n"]),
    ),
    S(
        56,
        r"&= m + n",
        "=",
        lambda v: ssum(lambda i: v["m"] * P(v, i) + ssum(lambda j: R(v, j), 1, v["m"]), 1, v["n"]),
        lambda v: mpf(v["m"] + v["n"]),
    ),
    # false unless n = m = 1
    S(
        59,
        r"\left(p_i + r_j\right) = 2$$",
        "=",
        lambda v: double(v, lambda i, j: P(v, i) + R(v, j)),
        lambda v: mpf(2),
    ),
    S(
        63,
        r"\left(p_i - \frac{1}{n}\right) = 0$$",
        "=",
        lambda v: sp(v, lambda p: p - mpf(1) / v["n"]),
        lambda v: mpf(0),
        scale=1,
    ),
    S(
        65,
        r"= \sum_{i=1}^{n} p_i^2 - \frac{1}{n}$$",
        "=",
        lambda v: sp(v, lambda p: (p - mpf(1) / v["n"]) ** 2),
        lambda v: sq(v) - mpf(1) / v["n"],
        scale=1,
    ),
    # false for n >= 2
    S(
        67,
        r"= \sum_{i=1}^{n} p_i^2 - \frac{1}{n^2}$$",
        "=",
        lambda v: sp(v, lambda p: (p - mpf(1) / v["n"]) ** 2),
        lambda v: sq(v) - mpf(1) / v["n"] ** 2,
    ),
    # false for n >= 2: the cross terms are missing
    S(
        69,
        r"\left(\sum_{i=1}^{n} p_i\right)^2 = \sum_{i=1}^{n} p_i^2$$",
        "=",
        lambda v: sp(v, lambda p: p) ** 2,
        sq,
    ),
    S(
        71,
        r"= 1 - \sum_{i=1}^{n} p_i^2$$",
        "=",
        lambda v: sp(v, lambda p: p * (1 - p)),
        lambda v: 1 - sq(v),
        scale=1,
    ),
    S(73, r"p_i\, x = x$$", "=", lambda v: sp(v, lambda p: p * v["x"]), lambda v: v["x"]),
    S(
        75,
        r"p_i = \frac{1}{n}$$",
        "=",
        lambda v: sp(v, lambda p: p) / v["n"],
        lambda v: mpf(1) / v["n"],
    ),
    # false for n >= 2
    S(
        77,
        r"\frac{1}{n}\sum_{i=1}^{n} p_i = 1$$",
        "=",
        lambda v: sp(v, lambda p: p) / v["n"],
        lambda v: mpf(1),
    ),
    S(
        79,
        r"\log\frac{1}{n} = -\log n$$",
        "=",
        lambda v: ssum(lambda i: mpf(1) / v["n"] * log(mpf(1) / v["n"]), 1, v["n"]),
        lambda v: -log(v["n"]),
        scale=1,
    ),
    S(
        83,
        r"= 1 + nc$$",
        "=",
        lambda v: sp(v, lambda p: p + v["c"]),
        lambda v: 1 + v["n"] * v["c"],
        scale=lambda v: 1 + v["n"] * abs(v["c"]),
    ),
    # false unless n = 1 or c = 0
    S(85, r"= 1 + c$$", "=", lambda v: sp(v, lambda p: p + v["c"]), lambda v: 1 + v["c"]),
    S(
        89,
        r"= 1 - p_n$$",
        "=",
        lambda v: sp(v, lambda p: p, hi=v["n"] - 1),
        lambda v: 1 - P(v, v["n"]),
        scale=1,
    ),
    # false: the last term is missing (for n = 1 the sum is empty)
    S(
        91,
        r"\sum_{i=1}^{n-1} p_i = 1$$",
        "=",
        lambda v: sp(v, lambda p: p, hi=v["n"] - 1),
        lambda v: mpf(1),
    ),
]
