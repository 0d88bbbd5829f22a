"""The generic joint laws of `symkl/notes/latent.py`, checked at numbers apart from the
checker: the written-out densities integrate to one and relate as a joint law's do."""

import random

import sympy as sp
from sympy.core.function import AppliedUndef

from symkl.notes import latent

x, z = sp.symbols("x z", real=True)
p, q = sp.Function("p"), sp.Function("q")
p_cond = sp.Function("p_cond")


def _at_numbers(expr: sp.Expr, seed: int) -> float:
    """`expr` with its sizes, masses (normalized as laws) and widths drawn at random."""
    rng = random.Random(seed)
    sizes = {s: rng.randint(1, 5) for s in expr.free_symbols if s.name.startswith("m_")}
    expr = expr.xreplace(sizes).doit()
    values = {}
    for e in expr.atoms(sp.Indexed):
        values.setdefault(e.base, {})[e.indices] = None
    subs = {}
    for base, entries in values.items():
        label = str(base.label)
        rows = {}
        for index in entries:
            rows.setdefault(index[:-1], []).append(index)
        for row in rows.values():
            if label.startswith(latent.MASS):
                # a law's masses: a whole row on its simplex (entries the step does not use too)
                letter = label.rstrip("}").split(";")[-1].split("|")[0]
                size = {str(k): v for k, v in sizes.items()}.get(f"m_{letter}")
                n = size or int(max(i[-1] for i in row)) + rng.randint(0, 3)
                mass = [rng.random() + 0.01 for _ in range(n)]
                total = sum(mass)
                subs |= {base[i]: sp.Float(mass[int(i[-1]) - 1] / total, 30) for i in row}
            else:
                subs |= {base[i]: sp.Float(rng.uniform(0.01, 3), 30) for i in row}
    return float(expr.xreplace(subs))


def test_conditional_integrates_to_one_and_bayes_holds():
    total, bayes_left, bayes_right = latent.expand(
        [
            sp.Integral(p_cond(z, x), (z, -sp.oo, sp.oo)),
            p_cond(z, x) * p(x),
            p(x, z),
        ]
    )
    for seed in range(20):
        assert abs(_at_numbers(total, seed) - 1) < 1e-12
        assert abs(_at_numbers(bayes_left - bayes_right, seed)) < 1e-12


def test_marginal_is_the_integral_of_the_joint():
    joint, marginal = latent.expand([sp.Integral(p(x, z), (z, -sp.oo, sp.oo)), p(x)])
    for seed in range(20):
        assert abs(_at_numbers(joint - marginal, seed)) < 1e-12


def test_other_steps_are_left_as_they_are():
    one_letter = [sp.Integral(q(z) * sp.log(q(z)), (z, -sp.oo, sp.oo)), sp.Integer(0)]
    values_of_z = [sp.Integral(z * p(x, z), (z, -sp.oo, sp.oo)), p(x)]
    derivative = [sp.Derivative(p(x, z), x), p(x)]
    for exprs in (one_letter, values_of_z, derivative):
        assert latent.expand(exprs) == exprs


def test_written_out_steps_name_their_laws():
    (e,) = latent.expand([sp.Integral(q(z) * sp.log(p(x, z)), (z, -sp.oo, sp.oo))])
    assert not e.atoms(AppliedUndef)
    labels = [str(i.base.label) for i in e.atoms(sp.Indexed)]
    assert latent.generic_laws(labels) == ("p", "q")
