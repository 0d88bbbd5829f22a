"""Headline conclusions (symkl.optima): argmin and iff composed from proved parts, each
with a numeric twin, and refused when the parts do not fit."""

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
import sympy as sp
from scipy import optimize
from scipy.special import rel_entr

from symkl.errors import SymklError
from symkl.optima import (
    ArgMax,
    ArgMin,
    between,
    by_substitution,
    drop_nonnegative,
    iff,
    optimum,
    same_optimizer,
    zero_only_at_minimizer,
)
from symkl.provenance import typed_targets
from symkl.registry import Library
from tests.conftest import built

RNG = np.random.default_rng(13)
TYPED = Library((Path(__file__).resolve().parent / "typed_derivations",))


def test_binary_argmin_against_an_optimizer():
    d = built("binary_cross_entropy_argmin", "argmin")
    assert isinstance(d.conclusion.lhs, ArgMin) and d.conclusion.kind == "argmin"
    alpha = d.space.p[0]
    minimizer = sp.lambdify((alpha,), d.conclusion.rhs)
    for a in RNG.uniform(0.02, 0.98, 10):
        best = optimize.minimize_scalar(
            lambda b, a=a: -a * np.log(b) - (1 - a) * np.log1p(-b),
            bounds=(1e-12, 1 - 1e-12),
            method="bounded",
            options={"xatol": 1e-12},
        )
        assert minimizer(a) == pytest.approx(best.x, abs=1e-6)


def test_cross_entropy_argmin_against_an_optimizer():
    d = built("cross_entropy_argmin", "argmin")
    s = d.space
    entry = sp.lambdify((s.p.base[s.free_index],), d.conclusion.rhs)
    p = RNG.dirichlet(np.ones(5))

    def ce(logits):
        q = np.exp(logits - logits.max())
        return -(p * np.log(q / q.sum())).sum()

    best = optimize.minimize(ce, np.zeros(5), method="BFGS", options={"gtol": 1e-10}).x
    q = np.exp(best - best.max())
    np.testing.assert_allclose([entry(x) for x in p], q / q.sum(), atol=1e-6)


def test_log_gap_argmin_against_an_optimizer():
    d = built("kl_eq_zero_iff", "log_gap_argmin")
    best = optimize.minimize_scalar(
        lambda t: t - 1 - np.log(t), bounds=(1e-9, 50), method="bounded"
    )
    assert float(d.conclusion.rhs) == pytest.approx(best.x, abs=1e-5)


def test_kl_eq_zero_iff_numeric_twin():
    d = built("kl_eq_zero_iff", "iff")
    assert d.conclusion.kind == "iff" and d.conclusion.relation == "<=>"
    kl, same = d.conclusion.lhs, d.conclusion.rhs
    s = d.space
    assert kl == sp.Eq(s.kl(), 0) and same == sp.Eq(s.q, s.p)
    for size in (1, 3, 6):
        p = RNG.dirichlet(np.ones(size))
        assert rel_entr(p, p).sum() == 0  # q = p: D = 0
        q = RNG.dirichlet(np.ones(size))
        assert (rel_entr(p, q).sum() > 0) == (not np.allclose(p, q))  # q != p: D > 0


def test_composed_derivations_are_guarded_part_by_part():
    for name, variant in [("kl_eq_zero_iff", "iff"), ("cross_entropy_argmin", "argmin")]:
        assert typed_targets(built(name, variant)) == []
    typed = TYPED.derive("gradient_typed_by_claim")
    parent = replace(built("kl_eq_zero_iff", "iff"), parts=(typed,))
    assert typed_targets(parent) == typed_targets(typed) != []  # found through its parent


def _parts():
    return (
        built("binary_cross_entropy_argmin", "stationary"),
        built("binary_cross_entropy_argmin", "convexity"),
        built("binary_cross_entropy_argmin", "second_derivative"),
    )


def test_optimum_refuses_parts_that_do_not_fit():
    stationary, convexity, at_point = _parts()
    s = stationary.space
    objective, beta, unit = s.cross_entropy(), s.q[0], sp.Interval.open(0, 1)
    ok = optimum("x", "x", objective, beta, unit, stationary=stationary, second_order=convexity)
    assert ok.conclusion.rhs == s.p[0]
    alone = optimum("x", "x", objective, beta, unit, stationary=stationary, second_order=at_point)
    assert alone.verdict.value == "proved"  # one complete stationary point with f'' > 0 there
    with pytest.raises(SymklError, match="d2f/dx2 <"):  # a minimum is no maximum
        optimum(
            "x",
            "x",
            objective,
            beta,
            unit,
            stationary=stationary,
            second_order=convexity,
            kind="argmax",
        )
    with pytest.raises(SymklError, match="not d/d"):  # another objective
        optimum("x", "x", 2 * objective, beta, unit, stationary=stationary, second_order=convexity)
    with pytest.raises(SymklError, match="does not solve"):  # another variable
        optimum("x", "x", objective, s.p[0], unit, stationary=stationary, second_order=convexity)
    with pytest.raises(SymklError, match="no second-order"):  # a convexity of something else
        optimum(
            "x",
            "x",
            objective,
            beta,
            unit,
            stationary=stationary,
            second_order=built("cross_entropy_argmin", "convexity"),
        )
    assert ArgMax(objective, beta, unit).plain().func.__name__ == "argmax"


def test_iff_and_substitution_refuse_what_does_not_fit():
    only_if, if_ = built("kl_eq_zero_iff", "only_if"), built("kl_eq_zero_iff", "if")
    with pytest.raises(SymklError, match="not"):
        iff("x", "x", only_if, only_if)
    s = only_if.space
    same = built("kl_eq_zero_iff", "if").parts[0]
    with pytest.raises(SymklError, match="does not start"):
        by_substitution("x", "x", sp.Eq(s.q, s.p), s.cross_entropy(), same)
    assert iff("x", "x", only_if, if_).verdict.value == "proved"


def test_zero_only_at_minimizer_needs_positive_weights_on_every_term():
    only_if = built("bernoulli_kl", "only_if")
    gaps, minimizer, value, solved = only_if.parts
    assert only_if.conclusion.rhs == sp.Eq(gaps.space.q[0], gaps.space.p[0])
    alpha = gaps.space.p[0]
    for rhs in (gaps.result - alpha, gaps.result.args[0] * (alpha - 1)):
        broken = replace(gaps, steps=(replace(gaps.steps[-1], expr=rhs),))
        with pytest.raises(SymklError, match="w > 0"):
            zero_only_at_minimizer("x", "x", broken, minimizer, value, solved)


def test_drop_nonnegative_needs_a_term_shown_nonnegative():
    gap, nonneg = built("entropy_le_log_n", "gap"), built("entropy_le_log_n", "kl_to_uniform")
    bound = drop_nonnegative("x", "x", gap, nonneg)
    assert bound.conclusion.relation == ">=" and bound.conclusion.rhs == gap.space.entropy()
    with pytest.raises(SymklError, match="no a = b \\+ c"):
        drop_nonnegative("x", "x", nonneg, gap)
    with pytest.raises(SymklError, match="is not a term"):
        drop_nonnegative("x", "x", gap, built("kl_nonneg"))


def test_same_optimizer_needs_an_equation_through_a_monotone_function():
    loss = built("mle_eq_min_cross_entropy", "cross_entropy")
    decreasing = built("mle_eq_min_cross_entropy", "decreasing")
    theta, where = sp.symbols("theta Theta")
    d = same_optimizer("x", "x", loss, decreasing, theta, where)
    assert isinstance(d.conclusion.lhs, ArgMin) and isinstance(d.conclusion.rhs, ArgMax)
    with pytest.raises(SymklError, match="is not h"):  # kl's result is no -log of a product
        same_optimizer("x", "x", built("mle_eq_min_cross_entropy", "kl"), decreasing, theta, where)
    with pytest.raises(SymklError, match="no sign of a derivative"):
        same_optimizer("x", "x", loss, built("kl_nonneg"), theta, where)


def test_between_needs_a_lower_and_an_upper_bound_of_one_expression():
    lower, upper = built("js_divergence_bounds", "lower"), built("js_divergence_bounds", "upper")
    assert between("x", "x", lower, upper).conclusion.rhs == sp.Interval(0, sp.log(2))
    with pytest.raises(SymklError, match="do not bound one"):
        between("x", "x", upper, lower)
    with pytest.raises(SymklError, match="do not bound one"):
        between("x", "x", built("kl_nonneg"), upper)
