"""Numeric twins of the seeds' theory (issue 7): each conclusion against numpy/scipy.

The derivations' conclusions are evaluated at concrete points and compared with direct
numeric computations written here independently of symkl's checker.
"""

import numpy as np
import pytest
import sympy as sp
from scipy import integrate, optimize
from scipy.special import expit, rel_entr

from symkl import registry, unfold
from tests.conftest import built

RNG = np.random.default_rng(7)
frk = registry.module("forward_reverse_kl")


def at(expr, ints: dict, values: dict) -> float:
    """An expression (measures unfolded) at concrete sizes and values."""
    concrete = unfold(expr).subs(ints).doit()
    return float(concrete.xreplace(values).xreplace(values).doit())


def indexed_values(space, p, q):
    values = {space.p.base[k + 1]: p[k] for k in range(len(p))}
    return values | {space.q.base[k + 1]: q[k] for k in range(len(q))}


@pytest.mark.parametrize("size", [1, 2, 5])
def test_gibbs_inequality_and_corollaries(size):
    for name in ("kl_nonneg", "cross_entropy_ge_entropy", "cross_entropy_nonneg"):
        assert built(name).conclusion.relation == ">="
    d = built("kl_nonneg")
    assert d.conclusion.rhs == 0
    for _ in range(20):
        p, q = RNG.dirichlet(np.ones(size)), RNG.dirichlet(np.ones(size))
        kl = at(d.conclusion.lhs, {d.space.n: size}, indexed_values(d.space, p, q))
        assert kl == pytest.approx(rel_entr(p, q).sum(), rel=1e-10, abs=1e-14)
        assert kl >= -1e-15
        ce, h = -(p * np.log(q)).sum(), -(p * np.log(p)).sum()
        assert ce >= h - 1e-12 and ce >= 0


def test_asymmetry_counterexamples_match_numpy():
    p, q = np.array([0.5, 0.5]), np.array([0.25, 0.75])
    kl = built("kl_not_symm").conclusion
    assert kl.relation == ">" and kl.rhs == 0
    assert float(unfold(kl.lhs)) == pytest.approx(rel_entr(p, q).sum() - rel_entr(q, p).sum())
    ce = built("cross_entropy_not_symm").conclusion
    assert float(unfold(ce.lhs)) == pytest.approx(-(p * np.log(q)).sum() + (q * np.log(p)).sum())
    assert float(unfold(ce.lhs)) > 0 and float(unfold(kl.lhs)) > 0


def test_kl_as_a_sum_of_log_gaps():
    d = built("kl_eq_zero_iff", "log_gaps")
    for size in (1, 3, 6):
        p, q = RNG.dirichlet(np.ones(size)), RNG.dirichlet(np.ones(size))
        t = q / p
        gaps = (p * (t - 1 - np.log(t))).sum()
        value = at(d.conclusion.rhs, {d.space.n: size}, indexed_values(d.space, p, q))
        assert value == pytest.approx(gaps, rel=1e-10)
        assert value == pytest.approx(rel_entr(p, q).sum(), rel=1e-9)
    assert built("kl_eq_zero_iff", "if").conclusion.rhs.rhs == 0


def test_cross_entropy_argmin_numerically():
    p = RNG.dirichlet(np.ones(4))

    def ce(logits):
        q = np.exp(logits - logits.max())
        q /= q.sum()
        return -(p * np.log(q)).sum()

    best = optimize.minimize(ce, np.zeros(4), method="BFGS", options={"gtol": 1e-10})
    q = np.exp(best.x - best.x.max())
    np.testing.assert_allclose(q / q.sum(), p, atol=1e-6)
    # The solved stationary point p_e/lambda at the solved multiplier is the optimizer's q.
    d, m = (
        built("cross_entropy_argmin", "stationarity"),
        built("cross_entropy_argmin", "multiplier"),
    )
    s = d.space
    ((point,), (lam,)) = d.result, m.result
    at = sp.lambdify((s.p.base[s.free_index],), point.subs(m.start.sym, lam))
    np.testing.assert_allclose([at(x) for x in p], q / q.sum(), atol=1e-6)
    gradient = sp.lambdify(
        (m.start.sym, s.p.base[s.free_index], s.q.base[s.free_index]),
        d.steps[-2].expr.condition.lhs,
    )
    assert gradient(float(lam), p[2], p[2]) == pytest.approx(0.0, abs=1e-15)
    conv = built("cross_entropy_argmin", "convexity")
    assert conv.conclusion.relation == ">"
    qv = RNG.dirichlet(np.ones(4))
    h = 1e-4 * qv[1]
    f = lambda x: -(p[1] * np.log(x))  # noqa: E731  the q_1 term of H(p, q)
    second = (f(qv[1] + h) - 2 * f(qv[1]) + f(qv[1] - h)) / h**2
    assert second == pytest.approx(p[1] / qv[1] ** 2, rel=1e-5)


def test_binary_cross_entropy_is_minimized_at_alpha():
    for variant in ("stationary", "convexity", "second_derivative"):
        assert built("binary_cross_entropy_argmin", variant).verdict.value == "proved"
    d = built("binary_cross_entropy_argmin", "stationary")
    (point,) = d.result
    a, b = d.space.p[0], d.space.q[0]
    minimizer = sp.lambdify((a,), point)
    convexity = built("binary_cross_entropy_argmin", "convexity")
    curvature = sp.lambdify((a, b), convexity.steps[-2].expr)
    for alpha in (0.05, 0.3, 0.5, 0.9):
        best = optimize.minimize_scalar(
            bce, args=(alpha,), bounds=(1e-9, 1 - 1e-9), method="bounded", options={"xatol": 1e-12}
        )
        assert best.x == pytest.approx(minimizer(alpha), abs=1e-6)
        for beta in (0.01, alpha, 0.99):  # d2H/dbeta2 by central differences
            h = 1e-4 * min(beta, 1 - beta)
            second = (bce(beta + h, alpha) - 2 * bce(beta, alpha) + bce(beta - h, alpha)) / h**2
            assert curvature(alpha, beta) == pytest.approx(second, rel=1e-5) and second > 0
        h = 1e-4
        second = (bce(alpha + h, alpha) - 2 * bce(alpha, alpha) + bce(alpha - h, alpha)) / h**2
        assert second == pytest.approx(1 / (alpha * (1 - alpha)), rel=1e-5)


def bce(beta: float, alpha: float) -> float:
    return -alpha * np.log(beta) - (1 - alpha) * np.log1p(-beta)


def test_logistic_loss_gradient_hessian_and_asymptotes():
    d = built("logistic_loss_props", "grad")
    eta, y = (sym for sym, _ in d.space.intervals)
    grad = sp.lambdify((eta, y), d.conclusion.rhs, "numpy")
    loss = lambda e, t: np.logaddexp(0, e) - t * e  # noqa: E731
    e, t = RNG.normal(0, 3, 200), RNG.uniform(0, 1, 200)
    h = 1e-5
    np.testing.assert_allclose(grad(e, t), expit(e) - t, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose((loss(e + h, t) - loss(e - h, t)) / (2 * h), expit(e) - t, atol=1e-7)
    second = (loss(e + h, t) - 2 * loss(e, t) + loss(e - h, t)) / h**2
    np.testing.assert_allclose(second, expit(e) * (1 - expit(e)), atol=1e-4)
    assert built("logistic_loss_props", "hessian").conclusion.relation == ">"
    for label in (0.0, 0.3, 1.0):
        assert loss(60.0, label) - (1 - label) * 60.0 == pytest.approx(0, abs=1e-20)
        assert loss(-60.0, label) - label * 60.0 == pytest.approx(0, abs=1e-20)
    # The asymptotes are found by limits, not typed: compare with the loss far out.
    for variant, far in (("asymptote_pos", 60.0), ("asymptote_neg", -60.0)):
        line = sp.lambdify((eta, y), built("logistic_loss_props", variant).conclusion.rhs)
        for label in (0.0, 0.3, 1.0):
            assert loss(far, label) - line(far, label) == pytest.approx(0, abs=1e-20)
            assert abs(loss(far / 2, label) - line(far / 2, label)) > 0  # approached, not met
    assert built("logistic_loss_props", "asymptote_pos").conclusion.rhs == (1 - y) * eta
    assert built("logistic_loss_props", "asymptote_neg").conclusion.rhs == -y * eta


def test_kl_chain_rule_with_the_model_joint():
    d = built("kl_chain_rule", "chain")
    c = built("kl_chain_rule", "constant")
    s = d.space
    for rows, cols in ((1, 2), (2, 3), (3, 3)):
        joint = RNG.dirichlet(np.ones(rows * cols)).reshape(rows, cols)
        cond = RNG.dirichlet(np.ones(cols), size=rows)
        px = joint.sum(axis=1)
        values = {s.marginal[a + 1]: px[a] for a in range(rows)}
        for a in range(rows):
            for b in range(cols):
                values[s.p.base[a + 1, b + 1]] = joint[a, b]
                values[s.conditional[a + 1, b + 1]] = cond[a, b]
        ints = {s.n: rows, s.m: cols}
        model = cond * px[:, None]
        assert at(d.conclusion.rhs, ints, values) == pytest.approx(rel_entr(joint, model).sum())
        conditional_entropy = -(joint * np.log(joint / px[:, None])).sum()
        assert at(c.conclusion.rhs, ints, values) == pytest.approx(-conditional_entropy)
    assert not (c.conclusion.rhs.free_symbols & {s.q.base.label, s.conditional.label})
    # C is read off the chain: the chain's result minus C is the one term with the model
    rest = sp.Add.make_args(d.result - c.start)
    assert len(rest) == 1 and rest[0].has(s.conditional) and not c.start.has(s.conditional)


def test_kl_gaussian_against_quadrature():
    d = built("kl_gaussian")
    rhs = d.conclusion.rhs
    symbols = sorted(rhs.free_symbols, key=lambda sym: sym.name)  # mu1 mu2 sigma1 sigma2
    f = sp.lambdify(symbols, rhs, "numpy")
    for m1, m2, s1, s2 in [(0.0, 0.0, 1.0, 1.0), (0.3, -1.2, 0.7, 1.9), (5.0, -3.0, 3.0, 0.4)]:
        numeric, _ = integrate.quad(gaussian_kl_integrand, -np.inf, np.inf, args=(m1, m2, s1, s2))
        closed = np.log(s2 / s1) + (s1**2 + (m1 - m2) ** 2) / (2 * s2**2) - 0.5
        assert f(m1, m2, s1, s2) == pytest.approx(numeric, rel=1e-8, abs=1e-12)
        assert f(m1, m2, s1, s2) == pytest.approx(closed, rel=1e-12, abs=1e-15)


def gaussian_kl_integrand(x: float, m1: float, m2: float, s1: float, s2: float) -> float:
    density = np.exp(-((x - m1) ** 2) / (2 * s1**2)) / (s1 * np.sqrt(2 * np.pi))
    log_ratio = np.log(s2 / s1) - (x - m1) ** 2 / (2 * s1**2) + (x - m2) ** 2 / (2 * s2**2)
    return density * log_ratio


def test_forward_kl_covers_and_reverse_kl_seeks():
    forward, reverse = (built("forward_reverse_kl", v) for v in ("forward", "reverse"))
    assert forward.data["sigma"] ** 2 > forward.data["mode_sd"] ** 2
    # Moment matching: the forward fit has the mixture's mean and variance.
    assert forward.data["mu"] == pytest.approx(0.0, abs=1e-3)
    assert forward.data["sigma"] ** 2 == pytest.approx(4 + frk.MODE_SD**2, rel=1e-3)
    nearest = min(frk.MODES, key=lambda m: abs(m - reverse.data["mu"]))
    assert abs(reverse.data["mu"] - nearest) < reverse.data["mode_sd"]
    assert reverse.data["sigma"] < forward.data["sigma"]
    assert len(frk.figures(forward)) == 1
    # the inequalities are measured, and say so; the reverse one presumes no mode
    assert forward.data["measured"] == reverse.data["measured"] == ["mu", "sigma", "divergence"]
    mu = next(x for x in reverse.start.free_symbols if x.name == "mu_fit")
    assert reverse.start.subs(mu, -mu) == reverse.start
    assert frk.values(reverse)["fitted mean mu"] == reverse.data["mu"]


def test_mle_objectives_agree_on_a_dataset():
    d = built("mle_eq_min_cross_entropy", "cross_entropy")
    kl = built("mle_eq_min_cross_entropy", "kl")
    s = d.space
    size, classes = 5, 3
    labels = RNG.integers(1, classes + 1, size)
    q = RNG.dirichlet(np.ones(classes), size=size)
    values = {s.labels[a + 1]: int(labels[a]) for a in range(size)}
    values |= {s.q.base[a + 1, b + 1]: q[a, b] for a in range(size) for b in range(classes)}
    ints = {s.n: size, s.classes: classes}
    nll = -np.log(q[np.arange(size), labels - 1]).sum()
    assert at(d.conclusion.rhs, ints, values) == pytest.approx(nll)
    assert at(kl.conclusion.rhs, ints, values) == pytest.approx(nll)
    assert built("mle_eq_min_cross_entropy", "entropy").conclusion.rhs == 0
    b = built("mle_eq_min_cross_entropy", "binary")
    y, yhat = b.space.binary
    ys, ps = RNG.integers(0, 2, size).astype(float), RNG.uniform(0.01, 0.99, size)
    bvalues = {y[a + 1]: ys[a] for a in range(size)} | {yhat[a + 1]: ps[a] for a in range(size)}
    log_loss = -np.mean(ys * np.log(ps) + (1 - ys) * np.log1p(-ps))
    assert at(b.conclusion.rhs, {s.n: size}, bvalues) == pytest.approx(log_loss)
