"""Numeric twins of the results beyond the seeds (issue 13): each conclusion, lambdified or
evaluated at random points, against an independent numpy/scipy/mpmath computation.

The targets are written here from the issue's statements; the derivations never see them.
"""

import mpmath
import numpy as np
import pytest
import sympy as sp
from scipy import integrate, optimize
from scipy.spatial.distance import jensenshannon
from scipy.special import logsumexp, rel_entr
from scipy.stats import entropy

from symkl import Entropy, KLDivergence, unfold
from symkl.optima import ArgMax
from tests.conftest import built

RNG = np.random.default_rng(13)


def test_gaussian_entropy_against_quadrature():
    d = built("gaussian_entropy")
    (mu, _), (sigma, _) = d.space.intervals
    c = d.conclusion
    assert c.relation == "=" and c.rhs.free_symbols == {sigma}
    assert sp.simplify(c.rhs - sp.log(2 * sp.pi * sp.E * sigma**2) / 2) == 0
    h = sp.lambdify((mu, sigma), c.rhs, "numpy")
    for m, s in zip(RNG.uniform(-5, 5, 6), RNG.uniform(0.1, 4, 6), strict=True):

        def integrand(x, m=m, s=s):
            log_density = -((x - m) ** 2) / (2 * s**2) - np.log(s * np.sqrt(2 * np.pi))
            return -np.exp(log_density) * log_density

        numeric, _ = integrate.quad(integrand, -np.inf, np.inf)
        assert h(m, s) == pytest.approx(numeric, rel=1e-9, abs=1e-12)


def test_log_sum_exp_shift_against_scipy():
    d = built("log_sum_exp_shift")
    s, c = d.space, d.conclusion
    ((shift, _),), (z,) = s.parameters, s.reals
    assert c.relation == "=" and c.rhs == sp.log(sp.Sum(sp.exp(z[s.index]), s.limits)) - shift
    for size in (1, 2, 7, 30):
        logits, by = RNG.normal(0, 20, size), RNG.normal(0, 20)
        values = {z[k + 1]: logits[k] for k in range(size)} | {shift: by}
        lhs, rhs = (float(side.subs(s.n, size).doit().xreplace(values)) for side in (c.lhs, c.rhs))
        assert lhs == pytest.approx(logsumexp(logits - by), rel=1e-12, abs=1e-12)
        assert rhs == pytest.approx(logsumexp(logits) - by, rel=1e-12, abs=1e-12)


def test_indexed_space_samples_real_vectors():
    space = built("log_sum_exp_shift").space
    points = list(space.points(np.random.default_rng(0), 8))
    entries = [x for point in points for x in point.description["z"]]
    assert len(entries) == sum(point.description["n"] for point in points)
    assert min(entries) < 0 < max(entries)


def test_bernoulli_kl_against_scipy():
    d = built("bernoulli_kl", "closed_form")
    s = d.space
    alpha, beta = s.p[0], s.q[0]
    closed = sp.lambdify((alpha, beta), d.conclusion.rhs, "numpy")
    gaps = sp.lambdify((alpha, beta), unfold(built("bernoulli_kl", "log_gaps").result), "numpy")
    a, b = RNG.uniform(1e-6, 1 - 1e-6, 500), RNG.uniform(1e-6, 1 - 1e-6, 500)
    direct = rel_entr(a, b) + rel_entr(1 - a, 1 - b)
    np.testing.assert_allclose(closed(a, b), direct, rtol=1e-9, atol=1e-15)
    np.testing.assert_allclose(gaps(a, b), direct, rtol=1e-6, atol=1e-12)
    assert (direct >= 0).all()


def test_bernoulli_kl_nonneg_and_zero_exactly_at_alpha():
    nonneg = built("bernoulli_kl", "nonneg").conclusion
    assert nonneg.relation == ">=" and nonneg.rhs == 0
    d = built("bernoulli_kl", "iff")
    s, c = d.space, d.conclusion
    alpha, beta = s.p[0], s.q[0]
    assert c.kind == "iff" and c.lhs == sp.Eq(s.kl(), 0) and c.rhs == sp.Eq(beta, alpha)
    kl = sp.lambdify((alpha, beta), unfold(s.kl()), "mpmath")
    with mpmath.workdps(50):
        for a in RNG.uniform(0.01, 0.99, 20):
            assert kl(mpmath.mpf(a), mpmath.mpf(a)) == 0
            for b in (a * (1 + 1e-9), a / 2, (1 + a) / 2):  # off the diagonal: positive
                assert kl(mpmath.mpf(a), mpmath.mpf(b)) > 0


def at(expr: sp.Expr, sizes: dict, values: dict) -> float:
    """An expression, measures unfolded, at concrete sizes and entries."""
    return float(unfold(expr).subs(sizes).doit().xreplace(values).doit())


@pytest.mark.parametrize("size", [1, 2, 3, 10, 40])
def test_entropy_le_log_n_against_scipy(size):
    d = built("entropy_le_log_n", "bound")
    s, c = d.space, d.conclusion
    assert c.relation == "<=" and c.lhs == s.entropy() and c.rhs == sp.log(s.n)
    gap = built("entropy_le_log_n", "gap").conclusion
    uniform = built("entropy_le_log_n", "uniform").conclusion
    assert uniform.rhs == sp.log(s.n)
    for p in RNG.dirichlet(np.full(size, 0.5), 10):
        values = {s.p.base[k + 1]: p[k] for k in range(size)}
        h = at(c.lhs, {s.n: size}, values)
        assert h == pytest.approx(entropy(p), rel=1e-10, abs=1e-13)
        assert h <= at(c.rhs, {s.n: size}, values) + 1e-12
        assert at(gap.rhs, {s.n: size}, values) == pytest.approx(np.log(size), abs=1e-10)
    assert at(uniform.lhs, {s.n: size}, {}) == pytest.approx(entropy(np.full(size, 1 / size)))


@pytest.mark.parametrize("size", [1, 2, 5, 20])
def test_js_divergence_bounds_against_scipy(size):
    upper, lower = built("js_divergence_bounds", "upper"), built("js_divergence_bounds", "lower")
    s = upper.space
    assert (upper.conclusion.relation, upper.conclusion.rhs) == ("<=", sp.log(2))
    assert (lower.conclusion.relation, lower.conclusion.rhs) == (">=", 0)
    assert upper.conclusion.lhs == lower.conclusion.lhs
    both = built("js_divergence_bounds").conclusion
    assert (both.lhs, both.relation, both.rhs) == (
        upper.conclusion.lhs,
        "in",
        sp.Interval(0, sp.log(2)),
    )
    for p, q in zip(
        RNG.dirichlet(np.ones(size), 10), RNG.dirichlet(np.ones(size), 10), strict=True
    ):
        values = {s.p.base[k + 1]: p[k] for k in range(size)}
        values |= {s.q.base[k + 1]: q[k] for k in range(size)}
        js = at(upper.conclusion.lhs, {s.n: size}, values)
        assert js == pytest.approx(jensenshannon(p, q) ** 2, rel=1e-9, abs=1e-14)
        # the bound the chain reached before dropping -sum p q/(p + q)
        bound = at(upper.steps[-2].expr, {s.n: size}, values)
        assert bound == pytest.approx(np.log(2) - (p * q / (p + q)).sum(), rel=1e-12)
        assert -1e-15 <= js <= bound + 1e-15 <= np.log(2) + 1e-15


def test_js_divergence_upper_bound_is_attained_in_the_limit_of_disjoint_supports():
    d = built("js_divergence_bounds", "upper")
    s = d.space
    eps = 1e-12
    p, q = (eps, 1 - eps), (1 - eps, eps)
    values = {s.p.base[k + 1]: p[k] for k in range(2)} | {s.q.base[k + 1]: q[k] for k in range(2)}
    assert at(d.conclusion.lhs, {s.n: 2}, values) == pytest.approx(np.log(2), rel=1e-9)


def joint_values(space, joint: np.ndarray) -> dict:
    """The entries of a joint distribution and of both its marginals."""
    rows, cols = joint.shape
    values = {space.p.base[a + 1, b + 1]: joint[a, b] for a in range(rows) for b in range(cols)}
    values |= {space.marginal[a + 1]: joint[a].sum() for a in range(rows)}
    return values | {space.marginal_y[b + 1]: joint[:, b].sum() for b in range(cols)}


@pytest.mark.parametrize("shape", [(1, 1), (2, 3), (4, 2), (5, 5)])
def test_joint_entropy_chain_rule_against_scipy(shape):
    d = built("joint_entropy_chain_rule")
    s, c = d.space, d.conclusion
    (i, _, n), _ = s.limits
    assert c.relation == "=" and c.lhs == s.entropy()
    assert c.rhs == Entropy(s.marginal[i], limits=(i, 1, n)) + s.conditional_entropy()
    for joint in RNG.dirichlet(np.ones(shape[0] * shape[1]), 5):
        joint = joint.reshape(shape)
        px = joint.sum(axis=1)
        conditional = sum(px[a] * entropy(joint[a] / px[a]) for a in range(shape[0]))
        sizes, values = {s.n: shape[0], s.m: shape[1]}, joint_values(s, joint)
        assert at(c.lhs, sizes, values) == pytest.approx(entropy(joint.ravel()), rel=1e-10)
        assert at(c.rhs, sizes, values) == pytest.approx(entropy(px) + conditional, rel=1e-10)


@pytest.mark.parametrize("shape", [(1, 2), (2, 2), (3, 4)])
def test_mutual_information_eq_kl_against_numpy(shape):
    d, nonneg = (
        built("mutual_information_eq_kl", "eq_kl"),
        built("mutual_information_eq_kl", "nonneg"),
    )
    s, c = d.space, d.conclusion
    assert c.relation == "=" and isinstance(c.rhs, KLDivergence)
    assert c.lhs == s.mutual_information()
    assert nonneg.conclusion.lhs == c.lhs and nonneg.conclusion.relation == ">="
    sizes = {s.n: shape[0], s.m: shape[1]}
    rows, cols = RNG.dirichlet(np.ones(shape[0])), RNG.dirichlet(np.ones(shape[1]))
    joints = [*RNG.dirichlet(np.ones(shape[0] * shape[1]), 4), np.outer(rows, cols).ravel()]
    for joint in joints:
        joint = joint.reshape(shape)
        product = np.outer(joint.sum(axis=1), joint.sum(axis=0))
        values = joint_values(s, joint)
        mi = entropy(joint.sum(axis=1)) + entropy(joint.sum(axis=0)) - entropy(joint.ravel())
        assert at(c.lhs, sizes, values) == pytest.approx(mi, abs=1e-12)
        assert at(c.rhs, sizes, values) == pytest.approx(rel_entr(joint, product).sum(), abs=1e-12)
        assert at(c.rhs, sizes, values) >= -1e-15
    assert at(c.rhs, sizes, values) == pytest.approx(0, abs=1e-12)  # independent: I = 0


def test_mle_and_min_cross_entropy_pick_the_same_model():
    """A categorical model q_theta(k) = softmax(theta)_k: the theta minimizing the
    conclusion's left side and the theta maximizing its right side give the same
    distribution, the labels' frequencies."""
    d = built("mle_eq_min_cross_entropy", "same_optimizer")
    s, c = d.space, d.conclusion
    assert c.kind == "argmin" and isinstance(c.rhs, ArgMax)
    assert c.lhs.args[1:] == c.rhs.args[1:]  # the same variable and set
    size, classes = 12, 3
    labels = RNG.integers(1, classes + 1, size)
    entries = [s.q.base[a + 1, b + 1] for a in range(size) for b in range(classes)]
    sizes, given = (
        {s.n: size, s.classes: classes},
        {s.labels[a + 1]: int(labels[a]) for a in range(size)},
    )

    def function(side):
        concrete = unfold(side.args[0]).subs(sizes).doit().xreplace(given).doit()
        return sp.lambdify([entries], concrete, "numpy")

    loss, likelihood = function(c.lhs), function(c.rhs)

    def model(theta):
        q = np.exp(theta - theta.max())
        return np.tile(q / q.sum(), size)

    fits = [
        optimize.minimize(lambda t: loss(model(t)), np.zeros(classes), method="BFGS").x,
        optimize.minimize(
            lambda t: -likelihood(model(t)),
            np.zeros(classes),
            method="Nelder-Mead",
            options={"xatol": 1e-10, "fatol": 1e-14, "maxiter": 4000},
        ).x,
    ]
    frequencies = np.bincount(labels - 1, minlength=classes) / size
    for theta in fits:
        np.testing.assert_allclose(model(theta)[:classes], frequencies, atol=1e-4)
