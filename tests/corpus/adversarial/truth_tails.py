"""Truth of tails.md: claims that hold for typical values but (some of them) fail for tiny
x, for alpha near 0, or for small or large n. x real, alpha in (0, 1), n >= 1, u > 0."""

from mpmath import e, exp, log, mpf, sqrt
from truthlib import S, ssum

FILE = "tails.md"
DOMAIN = {"x": "real", "alpha": "probability", "n": "integer", "u": "positive"}


def X(v):
    return v["x"]


def harmonic(v, power=1):
    return ssum(lambda i: mpf(1) / mpf(i) ** power, 1, v["n"])


def log_fact(v):
    return ssum(lambda i: log(i), 1, v["n"])


def nlogn(v):
    return v["n"] * log(v["n"])


def lse2(v):
    return log(exp(X(v)) + exp(-X(v)))


STEPS = [
    # false where |x| is small: the relative difference e^-100 / |x| exceeds the tolerance
    S(21, r"$$x + e^{-100} = x$$", "=", lambda v: X(v) + exp(-100), X),
    # false for x near 0 or very negative
    S(23, r"e^{-100}\right) = x$$", "=", lambda v: log(exp(X(v)) + exp(-100)), X),
    S(25, r"$$\sqrt{x^2} = |x|$$", "=", lambda v: sqrt(X(v) ** 2), lambda v: abs(X(v))),
    # false for small |x|
    S(
        27,
        r"$$\sqrt{x^2 + e^{-100}} = |x|$$",
        "=",
        lambda v: sqrt(X(v) ** 2 + exp(-100)),
        lambda v: abs(X(v)),
    ),
    S(29, r"\right) \ge |x|$$", ">=", lse2, lambda v: abs(X(v))),
    S(31, r"\right) \le |x| + \log 2$$", "<=", lse2, lambda v: abs(X(v)) + log(2)),
    # false for moderate |x| (the difference is log(1 + e^{-2|x|}))
    S(33, r"e^{-x}\right) = |x|$$", "=", lse2, lambda v: abs(X(v))),
    S(37, r"$$e^{-800} > 0$$", ">", lambda v: exp(-800), lambda v: mpf(0)),
    S(39, r"$$e^{-800} = 0$$", "=", lambda v: exp(-800), lambda v: mpf(0)),
    S(41, r"$$1 - e^{-50} < 1$$", "<", lambda v: 1 - exp(-50), lambda v: mpf(1)),
    S(43, r"\le e^{-800}$$", "<=", lambda v: log(1 + exp(-800)), lambda v: exp(-800)),
    # false for alpha < e^-600 = 2.6e-261
    S(47, r"$$\log\alpha \ge -600$$", ">=", lambda v: log(v["alpha"]), lambda v: mpf(-600)),
    S(49, r"\ge -\frac{1}{e}$$", ">=", lambda v: v["alpha"] * log(v["alpha"]), lambda v: -1 / e),
    S(
        51,
        r"\le \sqrt{\alpha}$$",
        "<=",
        lambda v: -v["alpha"] * log(v["alpha"]),
        lambda v: sqrt(v["alpha"]),
    ),
    # false for alpha in about (2.9e-16, 0.327), e.g. alpha = 0.1: 0.230 > 0.126
    S(
        53,
        r"\le \alpha^{0.9}$$",
        "<=",
        lambda v: -v["alpha"] * log(v["alpha"]),
        lambda v: v["alpha"] ** (mpf(9) / 10),
    ),
    S(57, r"\le 1 + \log n$$", "<=", harmonic, lambda v: 1 + log(v["n"])),
    S(59, r"\ge \log(n + 1)$$", ">=", harmonic, lambda v: log(v["n"] + 1)),
    # false for n < 22 (the gap H_n - log n decreases to Euler's 0.5772)
    S(61, r"\le \log n + 0.6$$", "<=", harmonic, lambda v: log(v["n"]) + mpf(6) / 10),
    S(63, r"\le 2 - \frac{1}{n}$$", "<=", lambda v: harmonic(v, 2), lambda v: 2 - mpf(1) / v["n"]),
    S(65, r"\frac{1}{i^2} \le 2$$", "<=", lambda v: harmonic(v, 2), lambda v: mpf(2)),
    # false for n >= 22 (the limit is pi^2 / 6 = 1.645)
    S(67, r"\le 1.6$$", "<=", lambda v: harmonic(v, 2), lambda v: mpf(16) / 10),
    S(69, r"\right)^{n} \le e$$", "<=", lambda v: (1 + mpf(1) / v["n"]) ** v["n"], lambda v: e),
    S(
        71,
        r"\right)^{n} \ge 2$$",
        ">=",
        lambda v: (1 + mpf(1) / v["n"]) ** v["n"],
        lambda v: mpf(2),
    ),
    # false for n >= 3 (e - (1 + 1/n)^n is about e / (2n))
    S(
        73,
        r"\ge e - \frac{1}{n}$$",
        ">=",
        lambda v: (1 + mpf(1) / v["n"]) ** v["n"],
        lambda v: e - mpf(1) / v["n"],
    ),
    S(77, r"\log i \le n\log n$$", "<=", log_fact, nlogn, scale=lambda v: nlogn(v) + 1),
    S(
        79,
        r"\ge n\log n - n + \frac{1}{2}\log n$$",
        ">=",
        log_fact,
        lambda v: nlogn(v) - v["n"] + log(v["n"]) / 2,
    ),
    # false: Stirling's remainder (1/2) log(2 pi) + ... is positive
    S(
        81,
        r"\le n\log n - n + \frac{1}{2}\log n$$",
        "<=",
        log_fact,
        lambda v: nlogn(v) - v["n"] + log(v["n"]) / 2,
    ),
    S(85, r"$$\log(1 + u) \le u$$", "<=", lambda v: log(1 + v["u"]), lambda v: v["u"]),
    S(
        87,
        r"\ge u - \frac{u^2}{2}$$",
        ">=",
        lambda v: log(1 + v["u"]),
        lambda v: v["u"] - v["u"] ** 2 / 2,
    ),
    # false for every u > 0 (the next Taylor term -u^4/4 is negative, and for large u the
    # cubic dominates)
    S(
        89,
        r"+ \frac{u^3}{3}$$",
        ">=",
        lambda v: log(1 + v["u"]),
        lambda v: v["u"] - v["u"] ** 2 / 2 + v["u"] ** 3 / 3,
    ),
]
