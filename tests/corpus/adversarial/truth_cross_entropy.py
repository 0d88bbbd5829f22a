"""Truth of cross_entropy.md: H(p), H(p, q) and D_KL(p || q) for distributions p, q over n
outcomes, with the standard definitions typed below, and the minimisation over q."""

from mpmath import log, mp, mpf
from truthlib import S, d_dx, ssum

FILE = "cross_entropy.md"
DOMAIN = {"n": "integer", "p": ("distribution", "n"), "q": ("distribution", "n")}


def tot(v, f):
    return ssum(lambda i: f(v["p"][i - 1], v["q"][i - 1]), 1, v["n"])


def ce(p, q):
    return -sum(a * log(b) for a, b in zip(p, q, strict=True))


def kl(p, q):
    return sum(a * log(a / b) for a, b in zip(p, q, strict=True))


def H(v):
    return ce(v["p"], v["p"])


def CE(v):
    return ce(v["p"], v["q"])


def KL(v):
    return kl(v["p"], v["q"])


def terms(v):
    """The size of the terms that cancel: the two cross-entropies."""
    return abs(CE(v)) + abs(ce(v["q"], v["p"])) + 1


# Minimisation over the simplex. Gibbs' inequality: ce(p, q) - ce(p, p) = kl(p, q) >= 0 with
# equality only at q = p, so argmin_q ce(p, q) = p, min = H(p); min_q kl(p, q) = kl(p, p) = 0.
# The check below corroborates this numerically: moving q from p towards other distributions
# (uniform, p reversed) never lowers the cross-entropy.
_CHECKED: set = set()


def argmin_q(v):
    p, n = v["p"], v["n"]
    key = (id(p), mp.prec)
    if key in _CHECKED:
        return list(p)
    best = ce(p, p)
    for r in ([mpf(1) / n] * n, p[::-1]):
        for eps in (mpf(10) ** -6, mpf(10) ** -2, mpf(1) / 2):
            q = [(1 - eps) * a + eps * b for a, b in zip(p, r, strict=True)]
            assert ce(p, q) - best >= -(mpf(10) ** -40) * (abs(best) + 1)
    _CHECKED.add(key)
    return list(p)


def min_ce(v):
    return ce(v["p"], argmin_q(v))


def min_kl(v):
    return kl(v["p"], argmin_q(v))


def l1(v):
    return tot(v, lambda a, b: abs(a - b))


def grad_q1(v):
    """d/dq_1 of -sum_i p_i log q_i, numerically. The terms i >= 2 do not contain q_1 and are
    left out of the difference quotient (they only add rounding noise of their size)."""
    return d_dx(lambda t: -v["p"][0] * log(t), v["q"][0], relative=True)


STEPS = [
    S(
        20,
        r"+ \sum_{i=1}^{n} p_i\log\frac{p_i}{q_i}$$",
        "=",
        CE,
        lambda v: H(v) + KL(v),
        scale=terms,
    ),
    # false: D_KL(q || p) in place of D_KL(p || q)
    S(
        24,
        r"+ \sum_{i=1}^{n} q_i\log\frac{q_i}{p_i}$$",
        "=",
        CE,
        lambda v: H(v) + kl(v["q"], v["p"]),
    ),
    S(
        29,
        r"&= \sum_{i=1}^{n} p_i\log p_i - \sum_{i=1}^{n} p_i\log q_i \\",
        "=",
        KL,
        lambda v: tot(v, lambda a, b: a * log(a)) - tot(v, lambda a, b: a * log(b)),
        scale=terms,
    ),
    S(
        30,
        r"&= H(p, q) - H(p) \\",
        "=",
        lambda v: tot(v, lambda a, b: a * log(a)) - tot(v, lambda a, b: a * log(b)),
        lambda v: CE(v) - H(v),
        scale=terms,
    ),
    S(31, r"&\ge 0", ">=", lambda v: CE(v) - H(v), lambda v: mpf(0), scale=terms),
    S(36, r"$$H(p, q) \ge H(p)$$", ">=", CE, H, scale=terms),
    # false: e.g. p = (0.99, 0.01), q = (0.9, 0.1) gives 0.127 < 0.325
    S(38, r"$$H(p, q) \ge H(q)$$", ">=", CE, lambda v: ce(v["q"], v["q"])),
    # false unless p = q
    S(42, r"= D_{\mathrm{KL}}(q\,\|\,p)$$", "=", KL, lambda v: kl(v["q"], v["p"])),
    S(
        44,
        r"\left(p_i - q_i\right)\log\frac{p_i}{q_i}$$",
        "=",
        lambda v: KL(v) + kl(v["q"], v["p"]),
        lambda v: tot(v, lambda a, b: (a - b) * log(a / b)),
        scale=terms,
    ),
    S(
        48,
        r"\frac{p_i^2}{q_i} - 1$$",
        "<=",
        KL,
        lambda v: tot(v, lambda a, b: a**2 / b) - 1,
        scale=terms,
    ),
    S(
        50,
        r"\le \log\sum_{i=1}^{n}\frac{p_i^2}{q_i}$$",
        "<=",
        KL,
        lambda v: log(tot(v, lambda a, b: a**2 / b)),
        scale=terms,
    ),
    S(
        54,
        r"\ge \sum_{i=1}^{n}\left(p_i - q_i\right)$$",
        ">=",
        KL,
        lambda v: tot(v, lambda a, b: a - b),
        scale=terms,
    ),
    S(
        56,
        r"\ge \frac{1}{2}\left(\sum_{i=1}^{n}\left|p_i - q_i\right|\right)^2$$",
        ">=",
        KL,
        lambda v: l1(v) ** 2 / 2,
        scale=terms,
    ),
    # false: Pinsker's constant is 1/2 (p = (0.9, 0.1), q = (0.1, 0.9): 1.76 < 2.56)
    S(
        58,
        r"\ge \left(\sum_{i=1}^{n}\left|p_i - q_i\right|\right)^2$$",
        ">=",
        KL,
        lambda v: l1(v) ** 2,
    ),
    S(
        62,
        r"p_i\log\frac{1}{n} = \log n$$",
        "=",
        lambda v: -tot(v, lambda a, b: a * log(mpf(1) / v["n"])),
        lambda v: log(v["n"]),
    ),
    S(66, r"= -\frac{p_1}{q_1}$$", "=", grad_q1, lambda v: -v["p"][0] / v["q"][0]),
    # false for n >= 2 (then p_1 < 1)
    S(68, r"= -\frac{1}{q_1}$$", "=", grad_q1, lambda v: -1 / v["q"][0]),
    S(73, r"\right) = p$$", "=", argmin_q, lambda v: list(v["p"])),
    S(75, r"\right) = -\sum_{i=1}^{n} p_i\log p_i$$", "=", min_ce, H),
    S(
        77,
        r"\min_{q} H(p, q) = \min_{q}\left[D_{\mathrm{KL}}",
        "=",
        min_ce,
        lambda v: min_kl(v) + H(v),
    ),
    # false as minimum values for n >= 2: 0 versus H(p) > 0
    S(79, r"\min_{q} D_{\mathrm{KL}}(p\,\|\,q) = \min_{q} H(p, q)$$", "=", min_kl, min_ce),
    S(81, r"\min_{q} H(p, q) \le \log n$$", "<=", min_ce, lambda v: log(v["n"]), scale=terms),
]
