"""Truth of sigmoid.md: identities of the logistic sigmoid for every real t.

sigma(t) is computed straight from its definition 1 / (1 + e^{-t}); derivatives are
numerical (mpmath), so no identity of the notes is used to check another."""

from mpmath import exp, log, mpf, tanh
from truthlib import S, d_dx, sigmoid

FILE = "sigmoid.md"
DOMAIN = {"t": "real"}


def sg(v, sign=1):
    return sigmoid(sign * v["t"])


def dsg(v):
    return d_dx(sigmoid, v["t"])


STEPS = [
    S(
        19,
        r"1 - \sigma(t) &= 1 - \frac{1}{1+e^{-t}}",
        "=",
        lambda v: 1 - sg(v),
        lambda v: 1 - 1 / (1 + exp(-v["t"])),
    ),
    S(
        20,
        r"&= \frac{e^{-t}}{1+e^{-t}} \\",
        "=",
        lambda v: 1 - 1 / (1 + exp(-v["t"])),
        lambda v: exp(-v["t"]) / (1 + exp(-v["t"])),
    ),
    S(
        21,
        r"&= \frac{1}{e^{t} + 1} \\",
        "=",
        lambda v: exp(-v["t"]) / (1 + exp(-v["t"])),
        lambda v: 1 / (exp(v["t"]) + 1),
    ),
    S(22, r"&= \sigma(-t)", "=", lambda v: 1 / (exp(v["t"]) + 1), lambda v: sg(v, -1)),
    S(28, r"= e^{-t}\,\sigma(t)$$", "=", lambda v: 1 - sg(v), lambda v: exp(-v["t"]) * sg(v)),
    S(30, r"= e^{t}\,\sigma(t)$$", "=", lambda v: 1 - sg(v), lambda v: exp(v["t"]) * sg(v)),
    S(32, r"\sigma(t) + \sigma(-t) = 1$$", "=", lambda v: sg(v) + sg(v, -1), lambda v: mpf(1)),
    S(
        34,
        r"= \frac{1}{2 + e^{t} + e^{-t}}$$",
        "=",
        lambda v: sg(v) * sg(v, -1),
        lambda v: 1 / (2 + exp(v["t"]) + exp(-v["t"])),
    ),
    S(
        38,
        r"\tanh\left(\tfrac{t}{2}\right)$$",
        "=",
        lambda v: sg(v) - mpf(1) / 2,
        lambda v: tanh(v["t"] / 2) / 2,
    ),
    # false: the argument of tanh is t / 2
    S(40, r"\tanh(t)$$", "=", sg, lambda v: mpf(1) / 2 + tanh(v["t"]) / 2),
    S(
        42,
        r"= \tanh\left(\frac{t}{2}\right)$$",
        "=",
        lambda v: 1 / (1 + exp(-v["t"])) - 1 / (1 + exp(v["t"])),
        lambda v: tanh(v["t"] / 2),
    ),
    S(46, r"= e^{t}$$", "=", lambda v: sg(v) / (1 - sg(v)), lambda v: exp(v["t"])),
    S(
        48,
        r"\ln\frac{\sigma(t)}{1 - \sigma(t)} = t$$",
        "=",
        lambda v: log(sg(v) / (1 - sg(v))),
        lambda v: v["t"],
    ),
    S(
        53,
        r"\frac{d}{dt}\sigma(t) &= \frac{e^{-t}}",
        "=",
        dsg,
        lambda v: exp(-v["t"]) / (1 + exp(-v["t"])) ** 2,
    ),
    S(
        54,
        r"\cdot \frac{e^{-t}}{1+e^{-t}} \\",
        "=",
        lambda v: exp(-v["t"]) / (1 + exp(-v["t"])) ** 2,
        lambda v: 1 / (1 + exp(-v["t"])) * (exp(-v["t"]) / (1 + exp(-v["t"]))),
    ),
    S(
        55,
        r"&= \sigma(t)\left(1 - \sigma(t)\right) \\",
        "=",
        lambda v: 1 / (1 + exp(-v["t"])) * (exp(-v["t"]) / (1 + exp(-v["t"]))),
        lambda v: sg(v) * (1 - sg(v)),
    ),
    S(
        56,
        r"&= \sigma(t)\,\sigma(-t)",
        "=",
        lambda v: sg(v) * (1 - sg(v)),
        lambda v: sg(v) * sg(v, -1),
    ),
    S(61, r"= \sigma(t)^2 e^{-t}$$", "=", dsg, lambda v: sg(v) ** 2 * exp(-v["t"])),
    S(65, r"= \sigma(t)^2 e^{t}$$", "=", dsg, lambda v: sg(v) ** 2 * exp(v["t"])),
    # false: 1 - sigma(-t) is sigma(t), so this is sigma(t)^2
    S(67, r"= \sigma(t)\left(1 - \sigma(-t)\right)$$", "=", dsg, lambda v: sg(v) * (1 - sg(v, -1))),
    S(71, r"\le \frac{1}{4}$$", "<=", dsg, lambda v: mpf(1) / 4),
    # false near t = 0, where the slope is 1/4
    S(73, r"\le \frac{1}{8}$$", "<=", dsg, lambda v: mpf(1) / 8),
    S(75, r"\le e^{-|t|}$$", "<=", dsg, lambda v: exp(-abs(v["t"]))),
    S(82, r"1 - \sigma(t) \le e^{-t}$$", "<=", lambda v: 1 - sg(v), lambda v: exp(-v["t"])),
    S(
        84,
        r"\ge e^{-t} - e^{-2t}$$",
        ">=",
        lambda v: 1 - sg(v),
        lambda v: exp(-v["t"]) - exp(-2 * v["t"]),
    ),
]
