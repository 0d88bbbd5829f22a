"""symkl.numeric: every rewrite keeps the value; kernels match their textbook forms; each
derivation's conclusion holds numerically through the stable forms."""

import mpmath
import numpy as np
import pytest
import sympy as sp

from symkl import numeric
from symkl.errors import SymklError
from symkl.numeric import REWRITES, stable, unstable, vectorize
from tests.conftest import built

x, y, eta = sp.symbols("x y eta", real=True)

#: textbook expressions, each needing one row of the table, with sample points in their domain
CASES = [
    (x * sp.log(x), (x,), [(0.3,), (1e-5,), (0.9,)]),
    (-x * sp.log(y), (x, y), [(0.3, 0.6), (1e-5, 0.2)]),
    (x * sp.log(x / y), (x, y), [(0.3, 0.6), (0.5, 0.5 + 1e-9), (1e-5, 0.9)]),
    ((1 - x) * sp.log(1 - y), (x, y), [(0.3, 0.6), (0.5, 1e-12)]),
    (-eta * y + sp.log(1 + sp.exp(eta)), (eta, y), [(3.0, 0.3), (-40.0, 1.0), (40.0, 1.0)]),
    (sp.exp(eta) / (1 + sp.exp(eta)) - y, (eta, y), [(3.0, 0.3), (-2.0, 1.0), (0.5, 0.0)]),
    ((y - x) / (y * (1 - y)), (x, y), [(0.3, 0.6), (0.9, 0.1)]),
    (-sp.log(x) - 1, (x,), [(0.3,), (0.37,), (1e-300,)]),
    (sp.log(x / y) + 1, (x, y), [(0.3, 0.9), (0.5, 0.5 + 1e-9), (0.7, 5e-324)]),
]


def _mp(expr, symbols, point):
    with mpmath.workdps(60):
        f = sp.lambdify(symbols, expr, "mpmath")
        return f(*(mpmath.mpf(v) for v in point))


@pytest.mark.parametrize("expr, symbols, points", CASES, ids=[str(c[0]) for c in CASES])
def test_stable_form_has_the_same_value(expr, symbols, points):
    rewritten = stable(expr)
    assert rewritten != expr, "no rewrite applied"
    back = unstable(rewritten)
    f = vectorize(expr, list(symbols))
    for point in points:
        exact = _mp(expr, symbols, point)
        assert abs(_mp(back, symbols, point) - exact) <= 1e-40 * max(1, abs(exact))
        assert float(f(*point)) == pytest.approx(float(exact), rel=1e-14, abs=1e-300)


def test_every_rewrite_is_exercised():
    used = set()
    for expr, _, _ in CASES:
        for rewrite in REWRITES:
            if rewrite.apply(expr) != expr:
                used.add(rewrite.name)
    assert used == {r.name for r in REWRITES}


def test_guard_limits_follow_zero_log_zero():
    a, b = sp.symbols("a b", real=True)
    guarded = stable((b - a) / (b * (1 - b)))
    assert isinstance(guarded, numeric.Guarded)
    limits = {tuple(tuple(c) for c in cond): v for cond, v in guarded.args[1]}
    assert limits == {((a, 0), (b, 0)): 1, ((a, 1), (b, 1)): -1}
    f = vectorize((b - a) / (b * (1 - b)), [a, b])
    np.testing.assert_array_equal(f([0.0, 1.0, 0.5], [0.0, 1.0, 0.0]), [1.0, -1.0, -np.inf])


def test_kernel_for_textbook_overflow():
    f = vectorize(-eta * y + sp.log(1 + sp.exp(eta)), [eta, y])
    got = f([800.0, -800.0, 36.7], [1.0, 0.0, 1.0])
    assert got[0] == 0.0 and got[1] == 0.0
    assert got[2] == pytest.approx(float(mpmath.log1p(mpmath.exp(-36.7))), rel=1e-15)


def test_unsupported_expression_is_an_error():
    with pytest.raises(SymklError, match="no stable numpy form"):
        vectorize(sp.gamma(x), [x])


#: derivations whose conclusions the stable forms must cover at every point
COVERED = {
    "binary_cross_entropy_grad",
    "cross_entropy_eq_entropy_add_kl",
    "cross_entropy_grad",
    "logistic_loss",
}


def test_conclusion_holds_through_stable_forms(derivation):
    result = numeric.check_conclusion(derivation, count=6)
    if derivation.name in COVERED:
        assert result.points > 0 and result.unsupported == 0
    assert result.max_rel_error < 1e-12


def test_a_false_conclusion_is_caught():
    d = built("cross_entropy_grad")
    step = d.steps[-1]
    bad = type(step)(step.rule, 2 * step.expr, step.relation, step.check)
    wrong = type(d)(d.name, d.title, d.space, d.start, (*d.steps[:-1], bad), d.reverse)
    assert numeric.check_conclusion(wrong, count=4).max_rel_error > 0.5


def test_a_false_interval_is_caught():
    d = built("js_divergence_bounds", "bounds")
    (step,) = d.steps
    assert numeric.check_conclusion(d, count=6).max_rel_error == 0
    narrow = type(step)(step.rule, sp.Interval(0, sp.log(2) / 100), step.relation, step.check)
    wrong = type(d)(d.name, d.title, d.space, d.start, (narrow,), d.reverse)
    assert numeric.check_conclusion(wrong, count=6).max_rel_error > 0
