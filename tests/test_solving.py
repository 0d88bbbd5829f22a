"""The `solve` step: solutions substituted back, placed in the domain, and counted."""

import numpy as np
import pytest
import sympy as sp

from symkl import Chain, Verdict, bernoulli_space
from symkl.errors import DomainError
from symkl.solving import check_solutions, inside, solve, zero_set

SPACE = bernoulli_space()
ALPHA, BETA = SPACE.p[0], SPACE.q[0]
UNIT = sp.Interval.open(0, 1)


def test_solve_finds_the_stationary_point_and_counts_it():
    chain = Chain("t", "t", SPACE, zero_set(sp.Derivative(SPACE.cross_entropy(), BETA), BETA, UNIT))
    for rule in ("unfold definitions", "differentiate", "combine fractions", "solve"):
        chain.apply(rule)
    step = chain.steps[-1]
    assert step.verdict is Verdict.PROVED and "complete" in step.check.reason
    (point,) = step.expr
    # numeric twin: the gradient by central differences vanishes at the solution
    bce = lambda a, b: -a * np.log(b) - (1 - a) * np.log1p(-b)  # noqa: E731
    for a in np.random.default_rng(3).uniform(0.05, 0.95, 20):
        b, h = float(point.subs(ALPHA, a)), 1e-6
        assert (bce(a, b + h) - bce(a, b - h)) / (2 * h) == pytest.approx(0, abs=1e-8)


def test_a_set_not_shown_complete_is_undecided():
    # (beta - alpha)(beta + 1): solveset keeps alpha in (0, 1); the degree-2 numerator
    # has a root the step cannot place, so completeness is not claimed
    before = zero_set((BETA - ALPHA) * (BETA + 1), BETA, UNIT)
    found = solve(before, SPACE)
    assert found == sp.FiniteSet(ALPHA)
    result = check_solutions(before, found, SPACE, seconds=5)
    assert result.verdict is Verdict.UNDECIDED and "not shown complete" in result.reason


def test_a_wrong_solution_is_not_proved():
    before = zero_set(BETA - ALPHA, BETA, UNIT)
    result = check_solutions(before, sp.FiniteSet(ALPHA**2), SPACE, seconds=5)
    assert result.verdict is not Verdict.PROVED


def test_a_solution_outside_the_domain_is_not_proved():
    before = zero_set(BETA - ALPHA - 1, BETA, sp.Interval.open(0, sp.oo))
    result = check_solutions(before, sp.FiniteSet(ALPHA + 1), SPACE, seconds=5)
    assert result.verdict is Verdict.PROVED
    before = zero_set(BETA - ALPHA - 1, BETA, UNIT)
    result = check_solutions(before, sp.FiniteSet(ALPHA + 1), SPACE, seconds=5)
    assert result.verdict is not Verdict.PROVED


def test_a_leading_coefficient_that_may_vanish_leaves_the_count_open():
    c = sp.Symbol("c", real=True)
    before = zero_set(c * (BETA - ALPHA), BETA, UNIT)
    result = check_solutions(before, sp.FiniteSet(ALPHA), SPACE, seconds=5)
    assert result.verdict is Verdict.UNDECIDED


def test_solve_needs_a_zero_set_and_rules_act_inside_one():
    with pytest.raises(DomainError):
        solve(BETA - ALPHA, SPACE)
    s = zero_set(2 * (BETA - ALPHA), BETA, UNIT)
    assert inside(s, sp.expand) == zero_set(2 * BETA - 2 * ALPHA, BETA, UNIT)
    assert inside(BETA, lambda e: e + 1) == BETA + 1
