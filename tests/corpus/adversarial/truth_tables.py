"""Truth of tables.md: entropies computed directly from the joint tables stated in the
notes (table A in bits, table B with parameter alpha in nats), and KL between two explicit
coins. Conditional entropies are computed from the joint table as
H(Y | X) = sum_x p(x) H(Y | X = x), never from the chain rule."""

from mpmath import log, mpf
from truthlib import S

FILE = "tables.md"
DOMAIN = {"alpha": "probability"}

F = mpf


def ent(probs, base=None):
    total = -sum(p * log(p) for p in probs)
    return total / log(base) if base else total


def joint_a():
    """p(x, y) of table A, rows x = 0, 1 and columns y = 0, 1."""
    return [[F(1) / 2, F(1) / 4], [F(1) / 8, F(1) / 8]]


def joint_b(a):
    return [[a / 2, (1 - a) / 2], [F(1) / 4, F(1) / 4]]


def marg_rows(t):
    return [sum(r) for r in t]


def marg_cols(t):
    return [sum(r[j] for r in t) for j in range(len(t[0]))]


def H_joint(t, base=None):
    return ent([p for r in t for p in r], base)


def H_cond_col_given_row(t, base=None):
    """H(column variable | row variable)"""
    return sum(sum(r) * ent([p / sum(r) for p in r], base) for r in t)


def H_cond_row_given_col(t, base=None):
    cols = list(zip(*t, strict=True))
    return H_cond_col_given_row([list(c) for c in cols], base)


A = {
    "HXY": lambda: H_joint(joint_a(), 2),
    "HX": lambda: ent(marg_rows(joint_a()), 2),
    "HY": lambda: ent(marg_cols(joint_a()), 2),
    "HYgX": lambda: H_cond_col_given_row(joint_a(), 2),
    "HXgY": lambda: H_cond_row_given_col(joint_a(), 2),
}


def a(name):
    return lambda v: A[name]()


def lg2(x):
    return log(x, 2)


def kl(p, q):
    return sum(x * log(x / y) for x, y in zip(p, q, strict=True))


P2 = [F(1) / 2, F(1) / 2]
Q2 = [F(1) / 4, F(3) / 4]


def hb(v):
    al = v["alpha"]
    return -al * log(al) - (1 - al) * log(1 - al)


def HUV(v):
    return H_joint(joint_b(v["alpha"]))


def HV(v):
    return ent(marg_cols(joint_b(v["alpha"])))


def HVgU(v):
    return H_cond_col_given_row(joint_b(v["alpha"]))


def t(x, y):
    return F(x) / y


STEPS = [
    S(
        24,
        r"H(X, Y) &= -\tfrac12\log_2\tfrac12",
        "=",
        a("HXY"),
        lambda v: -t(1, 2) * lg2(t(1, 2)) - t(1, 4) * lg2(t(1, 4)) - 2 * t(1, 8) * lg2(t(1, 8)),
    ),
    S(
        25,
        r"&= \tfrac12 + \tfrac12 + \tfrac38 + \tfrac38 \\",
        "=",
        lambda v: -t(1, 2) * lg2(t(1, 2)) - t(1, 4) * lg2(t(1, 4)) - 2 * t(1, 8) * lg2(t(1, 8)),
        lambda v: t(1, 2) + t(1, 2) + t(3, 8) + t(3, 8),
    ),
    S(26, r"&= \tfrac74", "=", lambda v: t(1, 2) + t(1, 2) + t(3, 8) + t(3, 8), lambda v: t(7, 4)),
    S(
        29,
        r"$$H(X) = -\tfrac34\log_2\tfrac34",
        "=",
        a("HX"),
        lambda v: -t(3, 4) * lg2(t(3, 4)) - t(1, 4) * lg2(t(1, 4)),
    ),
    S(
        31,
        r"= 2 - \tfrac34\log_2 3$$",
        "=",
        lambda v: -t(3, 4) * lg2(t(3, 4)) - t(1, 4) * lg2(t(1, 4)),
        lambda v: 2 - t(3, 4) * lg2(3),
    ),
    # false: the sign of the whole right side is flipped
    S(
        33,
        r"= \tfrac34\log_2 3 - 2$$",
        "=",
        lambda v: -t(3, 4) * lg2(t(3, 4)) - t(1, 4) * lg2(t(1, 4)),
        lambda v: t(3, 4) * lg2(3) - 2,
    ),
    S(
        35,
        r"$$H(Y) = -\tfrac58\log_2\tfrac58",
        "=",
        a("HY"),
        lambda v: -t(5, 8) * lg2(t(5, 8)) - t(3, 8) * lg2(t(3, 8)),
    ),
    S(
        37,
        r"$$H(Y \mid X) = \tfrac34\left(",
        "=",
        a("HYgX"),
        lambda v: (
            t(3, 4) * (-t(2, 3) * lg2(t(2, 3)) - t(1, 3) * lg2(t(1, 3)))
            + t(1, 4) * (-t(1, 2) * lg2(t(1, 2)) - t(1, 2) * lg2(t(1, 2)))
        ),
    ),
    S(
        39,
        r"+ \tfrac14 = \tfrac34\log_2 3 - \tfrac14$$",
        "=",
        lambda v: t(3, 4) * (-t(2, 3) * lg2(t(2, 3)) - t(1, 3) * lg2(t(1, 3))) + t(1, 4),
        lambda v: t(3, 4) * lg2(3) - t(1, 4),
    ),
    S(43, r"$$H(X, Y) = H(X) + H(Y \mid X)$$", "=", a("HXY"), lambda v: A["HX"]() + A["HYgX"]()),
    S(
        45,
        r"$$\tfrac74 = 2 - \tfrac34\log_2 3",
        "=",
        lambda v: t(7, 4),
        lambda v: 2 - t(3, 4) * lg2(3) + t(3, 4) * lg2(3) - t(1, 4),
    ),
    # false: X and Y are dependent (1.75 versus 1.7657)
    S(49, r"$$H(X, Y) = H(X) + H(Y)$$", "=", a("HXY"), lambda v: A["HX"]() + A["HY"]()),
    S(53, r"$$H(X, Y) \le H(X) + H(Y)$$", "<=", a("HXY"), lambda v: A["HX"]() + A["HY"]()),
    S(55, r"$$H(Y \mid X) \le H(Y)$$", "<=", a("HYgX"), a("HY")),
    # false: 0.9387 versus 0.7956
    S(59, r"$$H(Y \mid X) = H(X \mid Y)$$", "=", a("HYgX"), a("HXgY")),
    S(
        61,
        r"= H(X) - H(X \mid Y)$$",
        "=",
        lambda v: A["HY"]() - A["HYgX"](),
        lambda v: A["HX"]() - A["HXgY"](),
    ),
    # false: the mutual information is 0.0157 bits
    S(63, r"$$H(Y) - H(Y \mid X) = 0$$", "=", lambda v: A["HY"]() - A["HYgX"](), lambda v: mpf(0)),
    S(
        65,
        r"$$H(Y) - H(Y \mid X) \ge 0$$",
        ">=",
        lambda v: A["HY"]() - A["HYgX"](),
        lambda v: mpf(0),
    ),
    S(
        71,
        r"= \tfrac12\ln 2 + \tfrac12\ln\tfrac23$$",
        "=",
        lambda v: kl(P2, Q2),
        lambda v: log(2) / 2 + log(t(2, 3)) / 2,
    ),
    S(
        73,
        r"= \ln 2 - \tfrac12\ln 3$$",
        "=",
        lambda v: log(2) / 2 + log(t(2, 3)) / 2,
        lambda v: log(2) - log(3) / 2,
    ),
    # false: that is D_KL(p || q); D_KL(q || p) = (3/4) ln 3 - ln 2
    S(
        75,
        r"D_{\mathrm{KL}}(q\,\|\,p) = \ln 2 - \tfrac12\ln 3$$",
        "=",
        lambda v: kl(Q2, P2),
        lambda v: log(2) - log(3) / 2,
    ),
    S(
        77,
        r"D_{\mathrm{KL}}(q\,\|\,p) = \tfrac34\ln 3 - \ln 2$$",
        "=",
        lambda v: kl(Q2, P2),
        lambda v: t(3, 4) * log(3) - log(2),
    ),
    S(
        87,
        r"H(U, V) &= -\frac{\alpha}{2}\log\frac{\alpha}{2}",
        "=",
        HUV,
        lambda v: (
            -v["alpha"] / 2 * log(v["alpha"] / 2)
            - (1 - v["alpha"]) / 2 * log((1 - v["alpha"]) / 2)
            - 2 * t(1, 4) * log(t(1, 4))
        ),
    ),
    S(
        88,
        r"&= \log 2 + \frac12\left(",
        "=",
        lambda v: (
            -v["alpha"] / 2 * log(v["alpha"] / 2)
            - (1 - v["alpha"]) / 2 * log((1 - v["alpha"]) / 2)
            - 2 * t(1, 4) * log(t(1, 4))
        ),
        lambda v: log(2) + hb(v) / 2 + log(2) / 2,
    ),
    S(
        91,
        r"$$H(U, V) = \frac32\log 2 + \frac12\left(",
        "=",
        HUV,
        lambda v: t(3, 2) * log(2) + hb(v) / 2,
    ),
    # false: the binary entropy is weighted by P(U = 0) = 1/2
    S(93, r"$$H(U, V) = \frac32\log 2 + \left(", "=", HUV, lambda v: t(3, 2) * log(2) + hb(v)),
    S(95, r"$$H(U, V) \le 2\log 2$$", "<=", HUV, lambda v: 2 * log(2)),
    # false unless alpha = 1/2
    S(97, r"$$H(U, V) \ge 2\log 2$$", ">=", HUV, lambda v: 2 * log(2)),
    S(99, r"$$H(V \mid U) = \frac12\left(", "=", HVgU, lambda v: hb(v) / 2 + log(2) / 2),
    S(
        101,
        r"$$H(V) = -\left(\frac{\alpha}{2} + \frac14\right)",
        "=",
        HV,
        lambda v: (
            -(v["alpha"] / 2 + t(1, 4)) * log(v["alpha"] / 2 + t(1, 4))
            - (t(3, 4) - v["alpha"] / 2) * log(t(3, 4) - v["alpha"] / 2)
        ),
    ),
    S(103, r"$$H(V) \ge H(V \mid U)$$", ">=", HV, HVgU),
]
