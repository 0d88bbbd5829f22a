"""Truth of log_sum.md: the log-sum inequality, logs of sums and products, AM-GM and
Cauchy-Schwarz for positive vectors a, b of length n (not normalised), c > 0."""

from mpmath import fprod, log, mpf
from truthlib import S, ssum

FILE = "log_sum.md"
DOMAIN = {"n": "integer", "a": ("positive", "n"), "b": ("positive", "n"), "c": "positive"}


def tot(v, f):
    return ssum(lambda i: f(v["a"][i - 1], v["b"][i - 1]), 1, v["n"])


def A(v):
    return tot(v, lambda a, b: a)


def B(v):
    return tot(v, lambda a, b: b)


def lsum(v):
    return tot(v, lambda a, b: a * log(a / b))


def bound(v):
    return A(v) * log(A(v) / B(v))


def terms(v):
    """The size of the terms that cancel in the difference of the two sides."""
    return tot(v, lambda a, b: abs(a * log(a / b))) + abs(bound(v))


def row1(v):
    sa, sb = A(v), B(v)
    return tot(v, lambda a, b: a * log(a / b * (sb / sa)))


def row2(v):
    sa, sb = A(v), B(v)
    return sa * tot(v, lambda a, b: a / sa * log((a / sa) / (b / sb)))


def prod_a(v):
    return fprod(v["a"][: v["n"]])


STEPS = [
    S(19, r"\ge \left(\sum_{i=1}^{n} a_i\right)\log\frac", ">=", lsum, bound, scale=terms),
    # false unless a is proportional to b: the log-sum inequality reversed
    S(21, r"\le \left(\sum_{i=1}^{n} a_i\right)\log\frac", "<=", lsum, bound),
    S(
        27,
        r"\cdot\frac{\sum_{j=1}^{n} b_j}{\sum_{j=1}^{n} a_j}\right) \\",
        "=",
        lambda v: lsum(v) - bound(v),
        row1,
        scale=terms,
    ),
    S(
        28,
        r"&= \left(\sum_{j=1}^{n} a_j\right)\sum_{i=1}^{n}\frac{a_i}",
        "=",
        row1,
        row2,
        scale=terms,
    ),
    S(29, r"&\ge 0", ">=", row2, lambda v: mpf(0), scale=terms),
    S(
        35,
        r"= c\sum_{i=1}^{n} a_i\log\frac{a_i}{b_i}$$",
        "=",
        lambda v: tot(v, lambda a, b: v["c"] * a * log(v["c"] * a / (v["c"] * b))),
        lambda v: v["c"] * lsum(v),
        scale=lambda v: v["c"] * terms(v),
    ),
    # false: log(a/b) = log a - log b, but the weight of log b is a_i, not b_i
    S(
        37,
        r"= \sum_{i=1}^{n} a_i\log a_i - \sum_{i=1}^{n} b_i\log b_i$$",
        "=",
        lsum,
        lambda v: tot(v, lambda a, b: a * log(a)) - tot(v, lambda a, b: b * log(b)),
    ),
    S(
        41,
        r"\log\left(\frac{1}{n}\sum_{i=1}^{n} a_i\right)$$",
        ">=",
        lambda v: tot(v, lambda a, b: a * log(a)),
        lambda v: A(v) * log(A(v) / v["n"]),
        scale=lambda v: tot(v, lambda a, b: abs(a * log(a))) + abs(A(v) * log(A(v) / v["n"])),
    ),
    # false for n >= 2: each log a_i < log of the total
    S(
        45,
        r"\right)\log\sum_{i=1}^{n} a_i$$",
        ">=",
        lambda v: tot(v, lambda a, b: a * log(a)),
        lambda v: A(v) * log(A(v)),
    ),
    S(
        49,
        r"\log\prod_{i=1}^{n} a_i = \sum_{i=1}^{n}\log a_i$$",
        "=",
        lambda v: log(prod_a(v)),
        lambda v: tot(v, lambda a, b: log(a)),
        scale=lambda v: tot(v, lambda a, b: abs(log(a))),
    ),
    S(
        51,
        r"\ge \frac{1}{n}\sum_{i=1}^{n}\log a_i + \log n$$",
        ">=",
        lambda v: log(A(v)),
        lambda v: tot(v, lambda a, b: log(a)) / v["n"] + log(v["n"]),
        scale=lambda v: tot(v, lambda a, b: abs(log(a))) + log(v["n"]),
    ),
    # false when the a_i are small, e.g. a = (0.1, 0.1)
    S(
        53,
        r"\log\sum_{i=1}^{n} a_i \le \sum_{i=1}^{n}\log a_i$$",
        "<=",
        lambda v: log(A(v)),
        lambda v: tot(v, lambda a, b: log(a)),
    ),
    S(55, r"\ge \log a_1$$", ">=", lambda v: log(A(v)), lambda v: log(v["a"][0])),
    S(
        57,
        r"\le \sum_{i=1}^{n}\log\left(1 + a_i\right)$$",
        "<=",
        lambda v: log(1 + A(v)),
        lambda v: tot(v, lambda a, b: log(1 + a)),
    ),
    S(59, r"\right) \le \sum_{i=1}^{n} a_i$$", "<=", lambda v: tot(v, lambda a, b: log(1 + a)), A),
    S(
        61,
        r"\ge \sum_{i=1}^{n}\frac{a_i}{1 + a_i}$$",
        ">=",
        lambda v: tot(v, lambda a, b: log(1 + a)),
        lambda v: tot(v, lambda a, b: a / (1 + a)),
    ),
    S(
        65,
        r"\ge \left(\prod_{i=1}^{n} a_i\right)^{1/n}$$",
        ">=",
        lambda v: A(v) / v["n"],
        lambda v: prod_a(v) ** (mpf(1) / v["n"]),
    ),
    # false unless all a_i are equal: AM-GM reversed
    S(
        67,
        r"\le \left(\prod_{i=1}^{n} a_i\right)^{1/n}$$",
        "<=",
        lambda v: A(v) / v["n"],
        lambda v: prod_a(v) ** (mpf(1) / v["n"]),
    ),
    S(
        69,
        r"\le n\sum_{i=1}^{n} a_i^2$$",
        "<=",
        lambda v: A(v) ** 2,
        lambda v: v["n"] * tot(v, lambda a, b: a**2),
    ),
    # false for n >= 2: the cross terms a_i a_j are positive
    S(
        71,
        r"\right)^2 \le \sum_{i=1}^{n} a_i^2$$",
        "<=",
        lambda v: A(v) ** 2,
        lambda v: tot(v, lambda a, b: a**2),
    ),
    S(
        73,
        r"\left(\sum_{i=1}^{n} b_i^2\right)$$",
        "<=",
        lambda v: tot(v, lambda a, b: a * b) ** 2,
        lambda v: tot(v, lambda a, b: a**2) * tot(v, lambda a, b: b**2),
    ),
    S(
        75,
        r"a_i b_i \le \left(\sum_{i=1}^{n} a_i\right)",
        "<=",
        lambda v: tot(v, lambda a, b: a * b),
        lambda v: A(v) * B(v),
    ),
]
