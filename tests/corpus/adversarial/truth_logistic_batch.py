"""Truth of logistic_batch.md: the logistic loss averaged over n examples with logits t_i
(real) and labels y_i in [0, 1]. Entry i of the notes is index i - 1 here."""

from mpmath import exp, fprod, log, mpf
from truthlib import S, d_dx, one_minus_sigmoid, sigmoid, softplus, ssum

FILE = "logistic_batch.md"
DOMAIN = {"n": "integer", "t": ("real", "n"), "y": ("label", "n")}


def T(v, i):
    return v["t"][i - 1]


def Y(v, i):
    return v["y"][i - 1]


def total(v, f):
    return ssum(lambda i: f(T(v, i), Y(v, i)), 1, v["n"])


def nll_term(t, y):
    return -y * log(sigmoid(t)) - (1 - y) * log(one_minus_sigmoid(t))


def mean_t(v):
    return total(v, lambda t, y: t) / v["n"]


def mean_yt(v):
    return total(v, lambda t, y: y * t) / v["n"]


def mean_softplus(v):
    return total(v, lambda t, y: softplus(t)) / v["n"]


def risk_with_t1(v, t1):
    w = {**v, "t": [t1, *v["t"][1:]]}
    return total(w, lambda t, y: softplus(t) - y * t) / v["n"]


def centred(v):
    """(1/n) sum_i (y_i - mean of y), with the mean computed once."""
    mean = total(v, lambda t, y: y) / v["n"]
    return total(v, lambda t, y: y - mean) / v["n"]


def terms(v):
    """The size of the terms that cancel (softplus and y t of every example)."""
    return total(v, lambda t, y: softplus(t) + abs(y * t)) / v["n"]


STEPS = [
    S(
        20,
        r"&= \frac{1}{n}\sum_{i=1}^{n}\left[\log\left(1+e^{t_i}\right) - y_i t_i\right] \\",
        "=",
        lambda v: total(v, nll_term) / v["n"],
        lambda v: total(v, lambda t, y: softplus(t) - y * t) / v["n"],
        scale=terms,
    ),
    S(
        21,
        r"- \frac{1}{n}\sum_{i=1}^{n} y_i t_i \\",
        "=",
        lambda v: total(v, lambda t, y: softplus(t) - y * t) / v["n"],
        lambda v: mean_softplus(v) - mean_yt(v),
        scale=terms,
    ),
    S(
        22,
        r"&\ge \log\left(1+e^{\frac{1}{n}",
        ">=",
        lambda v: mean_softplus(v) - mean_yt(v),
        lambda v: softplus(mean_t(v)) - mean_yt(v),
        scale=terms,
    ),
    # false unless the logits are all equal
    S(
        28,
        r"\right) = \log\left(1+e^{\frac{1}{n}",
        "=",
        mean_softplus,
        lambda v: softplus(mean_t(v)),
    ),
    S(
        32,
        r"= \sum_{i=1}^{n}\left[y_i t_i - \log\left(1+e^{t_i}\right)\right]$$",
        "=",
        lambda v: total(v, lambda t, y: y * log(sigmoid(t)) + (1 - y) * log(sigmoid(-t))),
        lambda v: total(v, lambda t, y: y * t - softplus(t)),
        scale=terms,
    ),
    S(
        36,
        r"= \log\prod_{i=1}^{n}\sigma(t_i)$$",
        "=",
        lambda v: total(v, lambda t, y: log(sigmoid(t))),
        lambda v: log(fprod(sigmoid(T(v, i)) for i in range(1, v["n"] + 1))),
    ),
    # false for n >= 2
    S(
        38,
        r"\log\sum_{i=1}^{n}\sigma(t_i) = \sum_{i=1}^{n}\log\sigma(t_i)$$",
        "=",
        lambda v: log(total(v, lambda t, y: sigmoid(t))),
        lambda v: total(v, lambda t, y: log(sigmoid(t))),
    ),
    S(
        40,
        r"y_i\log\sigma(t_i) \le 0$$",
        "<=",
        lambda v: total(v, lambda t, y: y * log(sigmoid(t))),
        lambda v: mpf(0),
    ),
    S(
        42,
        r"\ge -\sum_{i=1}^{n} e^{-t_i}$$",
        ">=",
        lambda v: total(v, lambda t, y: log(sigmoid(t))),
        lambda v: -total(v, lambda t, y: exp(-t)),
    ),
    S(
        48,
        r"= \frac{\sigma(t_1) - y_1}{n}$$",
        "=",
        lambda v: d_dx(lambda s: risk_with_t1(v, s), T(v, 1)),
        lambda v: (sigmoid(T(v, 1)) - Y(v, 1)) / v["n"],
        scale=lambda v: mpf(1) / v["n"],
    ),
    # false for n >= 2 (unless sigma(t_1) = y_1): the 1/n is lost
    S(
        50,
        r"\right] = \sigma(t_1) - y_1$$",
        "=",
        lambda v: d_dx(lambda s: risk_with_t1(v, s), T(v, 1)),
        lambda v: sigmoid(T(v, 1)) - Y(v, 1),
    ),
    S(
        54,
        r"\right) \le n$$",
        "<=",
        lambda v: total(v, lambda t, y: sigmoid(t) - y),
        lambda v: mpf(v["n"]),
    ),
    S(
        56,
        r"\right) \le 1$$",
        "<=",
        lambda v: total(v, lambda t, y: sigmoid(t) - y),
        lambda v: mpf(1),
    ),
    S(
        58,
        r"\le \frac{n}{4}$$",
        "<=",
        lambda v: total(v, lambda t, y: sigmoid(t) * (1 - sigmoid(t))),
        lambda v: mpf(v["n"]) / 4,
    ),
    S(
        60,
        r"\right) \le \frac{1}{4}$$",
        "<=",
        lambda v: total(v, lambda t, y: sigmoid(t) * (1 - sigmoid(t))),
        lambda v: mpf(1) / 4,
    ),
    # false: e.g. t = (0, -100) gives 1/4 on the left and sigma(-50) on the right
    S(
        65,
        r"\le \sigma\left(\frac{1}{n}",
        "<=",
        lambda v: total(v, lambda t, y: sigmoid(t)) / v["n"],
        lambda v: sigmoid(mean_t(v)),
    ),
    S(69, r"\right) = 0$$", "=", centred, lambda v: mpf(0), scale=1),
]
