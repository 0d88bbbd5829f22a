"""The checker: proofs, numeric fallbacks, refutations with counterexamples, time limits."""

from fractions import Fraction

import flint
import pytest
import sympy as sp

from symkl import (
    Chain,
    DensitySpace,
    FiniteSpace,
    IndexedSpace,
    StepRefuted,
    Verdict,
    bernoulli_space,
    check,
    logistic_space,
    unfold,
)
from symkl.checking import RoundingEvidence, decide_rounded, weakest
from symkl.rules import RULES, Rule

IND = IndexedSpace.make()
BER = bernoulli_space()


@pytest.mark.parametrize(
    "space", [IND, FiniteSpace.make(3), DensitySpace.make(), BER], ids=lambda s: s.description
)
def test_identity_is_proved_in_every_space(space):
    result = check(space.cross_entropy(), space.entropy() + space.kl(), space)
    assert result.verdict is Verdict.PROVED, result.reason


@pytest.mark.parametrize(
    "space", [IND, FiniteSpace.make(2), DensitySpace.make(), BER], ids=lambda s: s.description
)
def test_wrong_sign_is_refuted_with_a_counterexample(space):
    result = check(space.cross_entropy(), space.entropy() - space.kl(), space)
    assert result.verdict is Verdict.REFUTED
    assert result.counterexample is not None
    assert result.counterexample["before"] != pytest.approx(result.counterexample["after"])


def test_counterexample_is_a_real_point_of_the_space():
    result = check(BER.cross_entropy(), BER.entropy(), BER)
    assert result.verdict is Verdict.REFUTED
    alpha, beta = result.counterexample["alpha"], result.counterexample["beta"]
    assert 0 < alpha < 1 and 0 < beta < 1
    a, b = sp.Rational(alpha), sp.Rational(beta)
    value = BER.cross_entropy().unfold().subs(
        {BER.p[0]: a, BER.q[0]: b}
    ) - BER.entropy().unfold().subs(BER.p[0], a)
    assert abs(sp.N(value)) > 1e-12


def test_sum_to_one_constraint_is_used():
    s = FiniteSpace.make(2)
    assert check(s.p[0] + s.p[1], sp.Integer(1), s).verdict is Verdict.PROVED
    assert check(sp.Sum(IND.p, IND.limits), sp.Integer(1), IND).verdict is Verdict.PROVED


def test_positivity_is_needed_for_log_rules():
    # log(x*y) = log x + log y is false for negative x, y: with eta real it cannot be proved
    # symbolically, and sampling finds eta < 0.
    eta = logistic_space().intervals[0][0]
    result = check(sp.log(eta**2), 2 * sp.log(eta), logistic_space())
    assert result.verdict is Verdict.REFUTED


def test_timeout_falls_back_to_sampling():
    # no CPU time at all: a tiny one may suffice where SymPy's caches are warm
    result = check(BER.cross_entropy(), BER.entropy() + BER.kl(), BER, seconds=0)
    assert result.verdict is Verdict.HOLDS_NUMERICALLY
    assert "ran out of CPU time" in result.reason


def test_inequalities_are_sampled_when_not_proved():
    gibbs = check(IND.kl(), sp.Integer(0), IND, ">=")
    assert gibbs.verdict in (Verdict.PROVED, Verdict.HOLDS_NUMERICALLY)
    assert check(IND.kl(), sp.Integer(0), IND, "<").verdict is Verdict.REFUTED


def test_unknown_relation_is_rejected():
    with pytest.raises(ValueError, match="unknown relation"):
        check(sp.Integer(1), sp.Integer(1), BER, "~")


def test_weakest_verdict_orders_refuted_lowest():
    assert weakest([Verdict.PROVED, Verdict.HOLDS_NUMERICALLY]) is Verdict.HOLDS_NUMERICALLY
    assert weakest([Verdict.UNDECIDED, Verdict.REFUTED]) is Verdict.REFUTED
    assert weakest([]) is Verdict.PROVED


def test_false_rule_makes_the_chain_fail_naming_the_step(monkeypatch):
    monkeypatch.setitem(
        RULES, "drop a term", Rule("drop a term", "wrong on purpose", lambda e, s: e.args[0])
    )
    chain = Chain("broken", "A broken chain", BER, BER.entropy() + BER.kl())
    chain.apply("unfold definitions")
    with pytest.raises(StepRefuted, match=r"step 1 \(drop a term\) is refuted") as info:
        chain.apply("drop a term")
    assert info.value.derivation.verdict is Verdict.REFUTED
    assert len(info.value.derivation.steps) == 2


def test_sign_after_the_log_lemma_collects_the_gaps():
    alpha, beta = BER.p[0], BER.q[0]
    bound = alpha * (1 - beta / alpha) + (1 - alpha) * (1 - (1 - beta) / (1 - alpha))
    result = check(BER.kl(), bound, BER, ">=")
    assert result.verdict is Verdict.PROVED and "collected by the gaps" in result.reason
    assert check(BER.kl(), bound + sp.Rational(1, 10), BER, ">=").verdict is Verdict.REFUTED


def test_sums_over_one_range_are_merged_before_they_are_compared():
    p, q, lim = IND.p, IND.q, IND.limits
    halves = sp.Sum((p / (p + q) - 1) * p, lim) / 2 + sp.Sum((q / (p + q) - 1) * q, lim) / 2
    result = check(halves, -sp.Sum(p * q / (p + q), lim), IND)
    assert result.verdict is Verdict.PROVED and "merged" in result.reason
    assert check(halves, -2 * sp.Sum(p * q / (p + q), lim), IND).verdict is Verdict.REFUTED


def test_the_joint_marginals_and_separable_sums_are_facts_of_the_checker():
    from symkl import JointSpace

    s = JointSpace.make()
    (i, _, n), (j, _, m) = s.limits
    px, py = s.marginal, s.marginal_y
    joint = sp.Sum(s.p * sp.log(py[j]), (i, 1, n), (j, 1, m))
    assert check(joint, sp.Sum(py[j] * sp.log(py[j]), (j, 1, m)), s).verdict is Verdict.PROVED
    assert check(sp.Sum(px[i] * py[j], (j, 1, m), (i, 1, n)), sp.S.One, s).verdict is Verdict.PROVED


def test_a_side_shared_by_two_steps_is_prepared_once_per_point(monkeypatch):
    # issue 12: step k's `after` is step k + 1's `before`, at the same sampled points
    from symkl.checking import evidence

    prepared = []
    real = evidence._prepared

    def counting(point, expr):
        prepared.append(expr)
        return real(point, expr)

    monkeypatch.setattr(evidence, "_prepared", counting)
    monkeypatch.setattr(evidence, "_prepare", type(evidence._prepare)())  # nothing kept yet
    space = IND
    middle = space.entropy() + space.kl()
    first = check(space.cross_entropy(), middle, space, keep_points=True)
    second = check(middle, space.kl() + space.entropy(), space, keep_points=True)
    assert first.verdict is second.verdict is Verdict.PROVED
    shared = evidence._calculus(unfold(middle))
    assert prepared.count(shared) == first.points  # not again for the second step
    check(middle, space.kl() + space.entropy(), space)  # a notes step keeps nothing
    assert prepared.count(shared) > first.points


def test_sums_are_written_out_at_a_point_as_doit_writes_them():
    from symkl.spaces import written_out

    i, j = sp.symbols("i j", integer=True)
    n = sp.Symbol("n", integer=True, positive=True)
    p = sp.IndexedBase("p", positive=True)
    single = sp.Sum(p[i] * sp.log(p[i]), (i, 1, 3))
    double = sp.Sum(p[i, j] * sp.KroneckerDelta(i, 2), (j, 1, 2), (i, 1, 3))
    for s in (single, double, sp.Sum(sp.Sum(p[i, j], (j, 1, i)), (i, 1, 3))):
        assert written_out(s) == s.doit()
    symbolic = sp.Sum(p[i], (i, 1, n))
    assert written_out(symbolic) == symbolic  # no size yet: left as it is


def test_a_long_sampled_vector_is_shown_briefly_in_a_failure():
    """n = 40 entries in a counterexample's sentence are a wall of numbers: its first
    entries, the last and the length (the counterexample itself keeps them all)."""
    from symkl.checking.verdict import _brief

    assert _brief([0.5] * 40) == "[0.5, 0.5, 0.5, 0.5, ..., 0.5] (40 entries)"
    assert _brief([["1 - 1e-300"], [0.25]]) == "[['1 - 1e-300'], [0.25]]"  # as before
    assert _brief("1 - 1e-300") == "1 - 1e-300"


def test_a_rounded_number_is_judged_by_its_last_digit():
    def judged(value: str, shown: str, unit: str) -> Verdict:
        evidence = RoundingEvidence(flint.arb(value), Fraction(shown), Fraction(unit), shown)
        return decide_rounded(evidence).verdict

    assert judged("1.8464", "1.846", "0.001") is Verdict.HOLDS_NUMERICALLY  # rounded
    assert judged("1.8469", "1.846", "0.001") is Verdict.UNDECIDED  # cut, not rounded
    assert judged("-0.223144", "-0.2231", "0.0001") is Verdict.HOLDS_NUMERICALLY
    assert judged("-0.223144", "-0.2232", "0.0001") is Verdict.UNDECIDED
    assert judged("2.302585", "3", "1") is Verdict.UNDECIDED  # rounded up
    assert judged("2.302585", "2.4", "0.1") is Verdict.UNDECIDED  # neither rounded nor cut
    assert judged("0.0010005", "0.0011", "0.0001") is Verdict.UNDECIDED
    assert judged("1.8480", "1.846", "0.001") is Verdict.UNDECIDED  # 2 units: loose
    assert judged("1.8600", "1.846", "0.001") is Verdict.REFUTED  # 14 units and 0.8%
    assert judged("1.8500", "1.846", "0.001") is Verdict.UNDECIDED  # 4 units: loose
    assert judged("0.610864", "0.6190", "0.0001") is Verdict.REFUTED  # 81 units and 1.3%
    assert judged("1.5850", "1.75", "0.01") is Verdict.REFUTED  # 16 units and 9%
    assert judged("0.215222", "0.2252", "0.0001") is Verdict.REFUTED  # 100 units and 4%
    assert judged("22026.47", "22000", "1") is Verdict.UNDECIDED  # 26 units but 0.1%
