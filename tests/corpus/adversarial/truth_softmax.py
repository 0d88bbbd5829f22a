"""Truth of softmax.md: softmax, log-sum-exp, log-softmax and the cross-entropy gradient.

z is a real vector of n logits, y a distribution over the n classes, c a real shift. Entry
k of the notes (1-based) is z[k - 1] here. Derivatives are numerical (mpmath)."""

from mpmath import exp, log, mpf
from truthlib import S, d_dx, ssum

FILE = "softmax.md"
DOMAIN = {"n": "integer", "z": ("real", "n"), "y": ("distribution", "n"), "c": "real"}


def Z(v, scale=1, shift=0):
    """sum_j e^{scale * z_j - shift}"""
    return ssum(lambda j: exp(scale * v["z"][j - 1] - shift), 1, v["n"])


def soft(v, k):
    return exp(v["z"][k - 1]) / Z(v)


def soft_sum(v, f):
    """sum_k f(k, softmax_k), with the normaliser computed once"""
    z = Z(v)
    return ssum(lambda k: f(k, exp(v["z"][k - 1]) / z), 1, v["n"])


def terms(v):
    """The size of the terms that cancel (z_1, c, the log-sum-exp, the y_i z_i)."""
    return (
        abs(v["z"][0])
        + abs(v["c"])
        + abs(lse(v))
        + ssum(lambda i: abs(v["y"][i - 1] * v["z"][i - 1]), 1, v["n"])
    )


def lse(v):
    return log(Z(v))


def yz(v):
    return ssum(lambda i: v["y"][i - 1] * v["z"][i - 1], 1, v["n"])


def with_z1(v, t):
    """the point v with z_1 replaced by t"""
    return {**v, "z": [t, *v["z"][1:]]}


def loss(v):
    return lse(v) - yz(v)


def shifted_soft(v):
    c = v["c"]
    return exp(v["z"][0] - c) / Z(v, shift=c)


def factored(v):
    c = v["c"]
    return exp(-c) * exp(v["z"][0]) / (exp(-c) * Z(v))


def ce_soft(v):
    return -soft_sum(v, lambda i, s: v["y"][i - 1] * log(s))


def ce_split(v):
    L = lse(v)
    return -yz(v) + ssum(lambda i: v["y"][i - 1] * L, 1, v["n"])


def grad_loss(v):
    return d_dx(lambda t: loss(with_z1(v, t)), v["z"][0])


def grad_lse(v):
    return d_dx(lambda t: lse(with_z1(v, t)), v["z"][0])


STEPS = [
    S(21, r"e^{z_j}} = 1$$", "=", lambda v: soft_sum(v, lambda k, s: s), lambda v: mpf(1)),
    S(
        25,
        r"= \frac{1}{n}$$",
        "=",
        lambda v: soft_sum(v, lambda k, s: s) / v["n"],
        lambda v: mpf(1) / v["n"],
    ),
    S(34, r"&= \frac{e^{-c}\, e^{z_1}}", "=", shifted_soft, factored),
    S(35, r"&= \frac{e^{z_1}}{\sum_{j=1}^{n} e^{z_j}}", "=", factored, lambda v: soft(v, 1)),
    S(
        40,
        r"= c + \log\sum_{j=1}^{n} e^{z_j - c}$$",
        "=",
        lse,
        lambda v: v["c"] + log(Z(v, shift=v["c"])),
        scale=terms,
    ),
    # false for n >= 2 and c != 0: the shift comes out once, not n times
    S(
        44,
        r"= \log\sum_{j=1}^{n} e^{z_j} - nc$$",
        "=",
        lambda v: log(Z(v, shift=v["c"])),
        lambda v: lse(v) - v["n"] * v["c"],
    ),
    # false: temperature 1/2 changes the softmax unless the logits are equal
    S(
        48,
        r"\frac{e^{2 z_1}}{\sum_{j=1}^{n} e^{2 z_j}}",
        "=",
        lambda v: exp(2 * v["z"][0]) / Z(v, scale=2),
        lambda v: soft(v, 1),
    ),
    S(
        54,
        r"&= z_1 - \log\sum_{j=1}^{n} e^{z_j} \\",
        "=",
        lambda v: log(soft(v, 1)),
        lambda v: v["z"][0] - lse(v),
        scale=terms,
    ),
    S(
        55,
        r"&= z_1 - c - \log\sum_{j=1}^{n} e^{z_j - c} \\",
        "=",
        lambda v: v["z"][0] - lse(v),
        lambda v: v["z"][0] - v["c"] - log(Z(v, shift=v["c"])),
        scale=terms,
    ),
    S(
        56,
        r"&\le 0",
        "<=",
        lambda v: v["z"][0] - v["c"] - log(Z(v, shift=v["c"])),
        lambda v: mpf(0),
        scale=terms,
    ),
    # false for n >= 2: log of a sum is not a sum of logs
    S(61, r"= \sum_{j=1}^{n} z_j$$", "=", lse, lambda v: ssum(lambda j: v["z"][j - 1], 1, v["n"])),
    S(66, r"\ge z_1$$", ">=", lse, lambda v: v["z"][0]),
    # false when z_1 is not the largest logit
    S(68, r"\le z_1 + \log n$$", "<=", lse, lambda v: v["z"][0] + log(v["n"])),
    S(
        70,
        r"\ge \frac{1}{n}\sum_{j=1}^{n} z_j + \log n$$",
        ">=",
        lse,
        lambda v: ssum(lambda j: v["z"][j - 1], 1, v["n"]) / v["n"] + log(v["n"]),
    ),
    # false: Jensen goes the other way (equality only for equal logits)
    S(
        72,
        r"\le \frac{1}{n}\sum_{j=1}^{n} z_j + \log n$$",
        "<=",
        lse,
        lambda v: ssum(lambda j: v["z"][j - 1], 1, v["n"]) / v["n"] + log(v["n"]),
    ),
    S(
        74,
        r"\le \sum_{j=1}^{n} \log\left(1 + e^{z_j}\right)$$",
        "<=",
        lse,
        lambda v: ssum(lambda j: log(1 + exp(v["z"][j - 1])), 1, v["n"]),
    ),
    # scale 1: the left side is 1 minus a number in (0, 1]; the right side may be e^-1600
    S(
        79,
        r"= \frac{\sum_{j=2}^{n} e^{z_j}}",
        "=",
        lambda v: 1 - soft(v, 1),
        lambda v: ssum(lambda j: exp(v["z"][j - 1]), 2, v["n"]) / Z(v),
        scale=1,
    ),
    S(
        85,
        r"&= -\sum_{i=1}^{n} y_i z_i + \sum_{i=1}^{n} y_i \log",
        "=",
        ce_soft,
        ce_split,
        scale=terms,
    ),
    S(
        86,
        r"&= \log\sum_{j=1}^{n} e^{z_j} - \sum_{i=1}^{n} y_i z_i \\",
        "=",
        ce_split,
        loss,
        scale=terms,
    ),
    S(87, r"&\ge 0", ">=", loss, lambda v: mpf(0), scale=terms),
    # false for n >= 2: the factor n
    S(92, r"= n \log\sum_{j=1}^{n} e^{z_j}", "=", ce_soft, lambda v: v["n"] * lse(v) - yz(v)),
    S(
        96,
        r"\right) = \frac{e^{z_1}}{\sum_{j=1}^{n} e^{z_j}} - y_1$$",
        "=",
        grad_loss,
        lambda v: soft(v, 1) - v["y"][0],
        scale=1,
    ),
    S(100, r"\right) = y_1 - \frac{e^{z_1}}", "=", grad_loss, lambda v: v["y"][0] - soft(v, 1)),
    # false for n >= 2 (then y_1 < 1)
    S(102, r"e^{z_j}} - 1$$", "=", grad_loss, lambda v: soft(v, 1) - 1),
    S(
        106,
        r"- y_k\right) = 0$$",
        "=",
        lambda v: soft_sum(v, lambda k, s: s - v["y"][k - 1]),
        lambda v: mpf(0),
        scale=1,
    ),
    S(
        110,
        r"= \frac{e^{z_1}}{\sum_{j=1}^{n} e^{z_j}}$$",
        "=",
        grad_lse,
        lambda v: soft(v, 1),
        scale=1,
    ),
    S(112, r"= \frac{1}{\sum_{j=1}^{n} e^{z_j}}$$", "=", grad_lse, lambda v: 1 / Z(v)),
    # scale 1 in the derivatives: the softmax entries are at most 1, and the numerical
    # derivative of a function of size 800 is only accurate to ~1e-700 at 700 digits
    S(
        116,
        r"\frac{\partial^2}{\partial z_1^2}",
        "=",
        lambda v: d_dx(lambda t: lse(with_z1(v, t)), v["z"][0], n=2),
        lambda v: soft(v, 1) * (1 - soft(v, 1)),
        scale=1,
    ),
]
