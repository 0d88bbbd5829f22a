"""The generic law of `symkl/notes/moments.py`, checked at numbers apart from the checker:
its expectations are the weighted sums of the values, and a variable's marginal is the
joint law's."""

import random

import sympy as sp

from symkl.notes import moments
from symkl.notes.latent import MASS

X, Y = sp.symbols("X Y", real=True)
E, Var, Cov = sp.Function("E"), sp.Function("Var"), sp.Function("Cov")


def _law(seed: int, m: int, n: int) -> tuple[list, list, list[list]]:
    rng = random.Random(seed)
    px = [rng.random() + 0.01 for _ in range(m)]
    px = [w / sum(px) for w in px]
    rows = []
    for _ in range(m):
        row = [rng.random() + 0.01 for _ in range(n)]
        rows.append([w / sum(row) for w in row])
    xs = [rng.uniform(-3, 3) for _ in range(m)]
    ys = [rng.uniform(-3, 3) for _ in range(n)]
    return px, rows, [xs, ys]


def _at(expr: sp.Expr, seed: int, m: int = 3, n: int = 4) -> float:
    px, rows, (xs, ys) = _law(seed, m, n)
    sizes = {s: (m if s.name == "m_X" else n) for s in expr.free_symbols if s.name.startswith("m_")}
    expr = expr.xreplace(sizes).doit()
    subs = {}
    for e in expr.atoms(sp.Indexed):
        label, idx = str(e.base.label), [int(i) for i in e.indices]
        if label.startswith(MASS) and "|" in label:
            subs[e] = rows[idx[0] - 1][idx[1] - 1]
        elif label.startswith(MASS):
            subs[e] = px[idx[0] - 1]
        else:
            subs[e] = (xs if label.endswith("X}") else ys)[idx[0] - 1]
    return float(expr.xreplace(subs))


def test_expectations_are_weighted_sums():
    mean, variance, covariance = moments.expand([E(X), Var(X), Cov(X, Y)])
    for seed in range(10):
        px, rows, (xs, ys) = _law(seed, 3, 4)
        ex = sum(p * x for p, x in zip(px, xs, strict=True))
        ex2 = sum(p * x * x for p, x in zip(px, xs, strict=True))
        joint = [[px[i] * rows[i][j] for j in range(4)] for i in range(3)]
        exy = sum(joint[i][j] * xs[i] * ys[j] for i in range(3) for j in range(4))
        ey = sum(joint[i][j] * ys[j] for i in range(3) for j in range(4))
        assert abs(_at(mean, seed) - ex) < 1e-12
        assert abs(_at(variance, seed) - (ex2 - ex**2)) < 1e-12
        assert abs(_at(covariance, seed) - (exy - ex * ey)) < 1e-12


def test_other_steps_are_left_as_they_are():
    f = sp.Function("f")
    for exprs in ([E(X), X], [E(f(X)), f(E(X))], [E(sp.Integer(3)), sp.Integer(3)]):
        assert moments.expand(exprs) == exprs
