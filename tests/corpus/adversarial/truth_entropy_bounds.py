"""Truth of entropy_bounds.md: bounds on the entropy of a distribution p over n outcomes."""

from mpmath import log, mpf, sqrt
from truthlib import S, ssum

FILE = "entropy_bounds.md"
DOMAIN = {"n": "integer", "p": ("distribution", "n")}


def P(v, i):
    return v["p"][i - 1]


def tot(v, f):
    return ssum(lambda i: f(P(v, i)), 1, v["n"])


def H(v):
    return -tot(v, lambda p: p * log(p))


def sq(v):
    return tot(v, lambda p: p**2)


def terms(v):
    """log n bounds every term that cancels in the gap log n - H(p)."""
    return log(v["n"]) + 1


def gap(v):
    return log(v["n"]) - H(v)


STEPS = [
    S(
        19,
        r"= \sum_{i=1}^{n} p_i \log\frac{1}{p_i}$$",
        "=",
        H,
        lambda v: tot(v, lambda p: p * log(1 / p)),
    ),
    S(21, r"\log p_i \ge 0$$", ">=", H, lambda v: mpf(0)),
    S(23, r"\log p_i \le \log n$$", "<=", H, lambda v: log(v["n"]), scale=terms),
    # false for n > 6: the uniform distribution has entropy log n
    S(28, r"\log p_i \le \log 6$$", "<=", H, lambda v: log(6)),
    S(
        34,
        r"&= \sum_{i=1}^{n} p_i \log n + \sum_{i=1}^{n} p_i \log p_i \\",
        "=",
        gap,
        lambda v: tot(v, lambda p: p * log(v["n"])) + tot(v, lambda p: p * log(p)),
        scale=terms,
    ),
    S(
        35,
        r"&= \sum_{i=1}^{n} p_i \log\left(n\, p_i\right) \\",
        "=",
        lambda v: tot(v, lambda p: p * log(v["n"])) + tot(v, lambda p: p * log(p)),
        lambda v: tot(v, lambda p: p * log(v["n"] * p)),
        scale=terms,
    ),
    S(
        36,
        r"&= \sum_{i=1}^{n} p_i \log\frac{p_i}{1/n} \\",
        "=",
        lambda v: tot(v, lambda p: p * log(v["n"] * p)),
        lambda v: tot(v, lambda p: p * log(p / (mpf(1) / v["n"]))),
        scale=terms,
    ),
    S(
        37,
        r"&\ge 0",
        ">=",
        lambda v: tot(v, lambda p: p * log(p / (mpf(1) / v["n"]))),
        lambda v: mpf(0),
        scale=terms,
    ),
    # false: the divergence enters with a minus sign
    S(
        42,
        r"= \log n + \sum_{i=1}^{n} p_i \log\left(n\, p_i\right)$$",
        "=",
        H,
        lambda v: log(v["n"]) + tot(v, lambda p: p * log(v["n"] * p)),
        scale=terms,
    ),
    S(
        46,
        r"\le \log n - \frac{1}{2}\sum_{i=1}^{n}",
        "<=",
        H,
        lambda v: log(v["n"]) - tot(v, lambda p: (p - mpf(1) / v["n"]) ** 2) / 2,
        scale=terms,
    ),
    S(52, r"p_i^2 \ge \frac{1}{n}$$", ">=", sq, lambda v: mpf(1) / v["n"]),
    # false for n > 6 (uniform p gives 1/n)
    S(54, r"p_i^2 \ge \frac{1}{6}$$", ">=", sq, lambda v: mpf(1) / 6),
    S(56, r"p_i^2 \le 1$$", "<=", sq, lambda v: mpf(1)),
    S(60, r"p_i^2 \le -\sum_{i=1}^{n} p_i \log p_i$$", "<=", lambda v: -log(sq(v)), H, scale=terms),
    # false unless p is uniform
    S(62, r"p_i^2 \ge -\sum_{i=1}^{n} p_i \log p_i$$", ">=", lambda v: -log(sq(v)), H, scale=terms),
    S(66, r"\le \sqrt{n}$$", "<=", lambda v: tot(v, sqrt), lambda v: sqrt(v["n"])),
    S(68, r"\sqrt{p_i} \ge 1$$", ">=", lambda v: tot(v, sqrt), lambda v: mpf(1)),
    # false for large n (uniform p gives sqrt(n))
    S(70, r"\sqrt{p_i} \le 2$$", "<=", lambda v: tot(v, sqrt), lambda v: mpf(2)),
    S(
        77,
        r"\le \sum_{i=1}^{n} \left(1 - p_i\right)$$",
        "<=",
        H,
        lambda v: tot(v, lambda p: 1 - p),
        scale=1,
    ),
    S(
        79,
        r"\left(1 - p_i\right) = n - 1$$",
        "=",
        lambda v: tot(v, lambda p: 1 - p),
        lambda v: mpf(v["n"] - 1),
        scale=lambda v: v["n"],
    ),
    S(81, r"\ge 1 - \sum_{i=1}^{n} p_i^2$$", ">=", H, lambda v: 1 - sq(v), scale=1),
    # false for n >= 2: the inequality goes the other way (strictly)
    S(83, r"\le 1 - \sum_{i=1}^{n} p_i^2$$", "<=", H, lambda v: 1 - sq(v), scale=1),
    S(
        89,
        r"= \frac{-\sum_{i=1}^{n} p_i \ln p_i}{\ln 2}$$",
        "=",
        lambda v: -tot(v, lambda p: p * log(p, 2)),
        lambda v: H(v) / log(2),
    ),
    # false: multiplies by ln 2 instead of dividing
    S(
        91,
        r"= \ln 2 \cdot \left(-\sum_{i=1}^{n} p_i \ln p_i\right)$$",
        "=",
        lambda v: -tot(v, lambda p: p * log(p, 2)),
        lambda v: log(2) * H(v),
    ),
    S(
        93,
        r"\log_2 p_i \le \log_2 n$$",
        "<=",
        lambda v: -tot(v, lambda p: p * log(p, 2)),
        lambda v: log(v["n"], 2),
        scale=terms,
    ),
]
