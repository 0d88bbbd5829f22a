"""Truth of logistic_loss.md: logs of the sigmoid, the softplus and the logistic loss, for
every real logit t and every label y in [0, 1].

The loss is computed in its original form -y log sigma(t) - (1 - y) log(1 - sigma(t)), with
sigma from its definition; derivatives are numerical (mpmath)."""

from mpmath import exp, log, mpf
from truthlib import S, d_dx, one_minus_sigmoid, sigmoid, softplus

FILE = "logistic_loss.md"
DOMAIN = {"t": "real", "y": "label"}


def sg(v, sign=1):
    return sigmoid(sign * v["t"])


def sp(v):
    return softplus(v["t"])


def loss_at(t, y):
    return -y * log(sigmoid(t)) - (1 - y) * log(one_minus_sigmoid(t))


def loss(v):
    return loss_at(v["t"], v["y"])


def log1pexp_neg(v):
    return log(1 + exp(-v["t"]))


def grad_loss(v):
    return d_dx(lambda t: loss_at(t, v["y"]), v["t"])


def softplus_obj(v, t):
    return softplus(t) - v["y"] * t


STEPS = [
    S(
        17,
        r"\log\sigma(t) = -\log\left(1 + e^{-t}\right)$$",
        "=",
        lambda v: log(sg(v)),
        lambda v: -log1pexp_neg(v),
    ),
    S(
        19,
        r"= -t - \log\left(1 + e^{-t}\right)$$",
        "=",
        lambda v: log(1 - sg(v)),
        lambda v: -v["t"] - log1pexp_neg(v),
    ),
    # false: the -t is missing
    S(
        21,
        r"\right) = -\log\left(1 + e^{-t}\right)$$",
        "=",
        lambda v: log(1 - sg(v)),
        lambda v: -log1pexp_neg(v),
    ),
    S(23, r"= \log\sigma(t) - t$$", "=", lambda v: log(1 - sg(v)), lambda v: log(sg(v)) - v["t"]),
    S(28, r"= t + \log\left(1 + e^{-t}\right)$$", "=", sp, lambda v: v["t"] + log1pexp_neg(v)),
    S(30, r"= -\log\sigma(-t)$$", "=", sp, lambda v: -log(sg(v, -1))),
    # false: log sigma(t) + t = t - log(1 + e^{-t}), the log term has the wrong sign
    S(32, r"= \log\sigma(t) + t$$", "=", sp, lambda v: log(sg(v)) + v["t"]),
    S(36, r"\right) \ge t$$", ">=", sp, lambda v: v["t"]),
    S(38, r"\right) > 0$$", ">", sp, lambda v: mpf(0)),
    S(40, r"\right) \le e^{t}$$", "<=", sp, lambda v: exp(v["t"])),
    S(42, r"\right) \le t + e^{-t}$$", "<=", sp, lambda v: v["t"] + exp(-v["t"])),
    S(44, r"\le \ln 2 + |t|$$", "<=", sp, lambda v: log(2) + abs(v["t"])),
    S(46, r"\ge \ln 2 + \frac{t}{2}$$", ">=", sp, lambda v: log(2) + v["t"] / 2),
    S(
        51,
        r"\le \log 2 + \frac{t}{2} + \frac{t^2}{8}$$",
        "<=",
        sp,
        lambda v: log(2) + v["t"] / 2 + v["t"] ** 2 / 8,
    ),
    # false for every t != 0
    S(
        53,
        r"\ge \log 2 + \frac{t}{2} + \frac{t^2}{8}$$",
        ">=",
        sp,
        lambda v: log(2) + v["t"] / 2 + v["t"] ** 2 / 8,
    ),
    S(
        59,
        r"&= y\log\left(1 + e^{-t}\right) + (1-y)\left(t +",
        "=",
        loss,
        lambda v: v["y"] * log1pexp_neg(v) + (1 - v["y"]) * (v["t"] + log1pexp_neg(v)),
    ),
    S(
        60,
        r"&= (1-y)\,t + \log\left(1 + e^{-t}\right) \\",
        "=",
        lambda v: v["y"] * log1pexp_neg(v) + (1 - v["y"]) * (v["t"] + log1pexp_neg(v)),
        lambda v: (1 - v["y"]) * v["t"] + log1pexp_neg(v),
    ),
    S(
        61,
        r"&= \log\left(1 + e^{t}\right) - y\,t",
        "=",
        lambda v: (1 - v["y"]) * v["t"] + log1pexp_neg(v),
        lambda v: sp(v) - v["y"] * v["t"],
    ),
    # false: log(1 + e^{-t}) - y t is the loss of the flipped logit with the label (1 - y)
    S(
        66,
        r"= \log\left(1 + e^{-t}\right) - y\,t$$",
        "=",
        loss,
        lambda v: log1pexp_neg(v) - v["y"] * v["t"],
    ),
    S(70, r"\right) \ge 0$$", ">=", loss, lambda v: mpf(0)),
    S(
        75,
        r"= \log 2$$",
        "=",
        lambda v: -v["y"] * log(mpf(1) / 2) - (1 - v["y"]) * log(mpf(1) / 2),
        lambda v: log(2),
    ),
    S(
        77,
        r"= y\log 2$$",
        "=",
        lambda v: -v["y"] * log(mpf(1) / 2) - (1 - v["y"]) * log(mpf(1) / 2),
        lambda v: v["y"] * log(2),
    ),
    S(
        81,
        r"- y\,t\right] = \sigma(t) - y$$",
        "=",
        lambda v: d_dx(lambda t: softplus_obj(v, t), v["t"]),
        lambda v: sg(v) - v["y"],
    ),
    S(
        85,
        r"= -y\left(1 - \sigma(t)\right) + (1-y)\,\sigma(t)$$",
        "=",
        grad_loss,
        lambda v: -v["y"] * (1 - sg(v)) + (1 - v["y"]) * sg(v),
    ),
    S(89, r"\right] = y - \sigma(t)$$", "=", grad_loss, lambda v: v["y"] - sg(v)),
    S(
        91,
        r"\left(\sigma(t) - y\right)$$",
        "=",
        grad_loss,
        lambda v: sg(v) * (1 - sg(v)) * (sg(v) - v["y"]),
    ),
    S(
        96,
        r"\frac{\partial^2}{\partial t^2}",
        "=",
        lambda v: d_dx(lambda t: softplus_obj(v, t), v["t"], n=2),
        lambda v: sg(v) * (1 - sg(v)),
    ),
    S(98, r"\right)^2 \le 1$$", "<=", lambda v: (sg(v) - v["y"]) ** 2, lambda v: mpf(1)),
    S(
        100,
        r"\right)^2 \le \frac{1}{4}$$",
        "<=",
        lambda v: (sg(v) - v["y"]) ** 2,
        lambda v: mpf(1) / 4,
    ),
]
