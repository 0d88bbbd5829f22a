"""Rules: each rewrite on its own, and the errors for rules that cannot apply."""

import pytest
import sympy as sp

from symkl import Chain, DomainError, IndexedSpace, SymklError, bernoulli_space
from symkl.rules import RULES
from symkl.sums import canonical_indices, merge, separate, split

IND = IndexedSpace.make()
BER = bernoulli_space()


def apply(rule, expr, space=IND):
    return RULES[rule].apply(expr, space)


def test_split_and_merge_are_inverse():
    p, q, lim = IND.p, IND.q, IND.limits
    joined = sp.Sum(2 * p * sp.log(p) - p * sp.log(q), lim)
    parts = split(joined)
    assert parts == 2 * sp.Sum(p * sp.log(p), lim) - sp.Sum(p * sp.log(q), lim)
    assert sp.expand(merge(parts).function) == sp.expand(joined.function)


def test_nested_sums_split_and_keep_their_indices_apart():
    i, j = sp.symbols("i j", integer=True)
    n, m = sp.symbols("n m", integer=True, positive=True)
    p = sp.IndexedBase("p", positive=True)
    double = sp.Sum(p[i, j] + p[j, i], (j, 1, m), (i, 1, n))
    assert split(double) == sp.Sum(p[i, j], (j, 1, m), (i, 1, n)) + sp.Sum(
        p[j, i], (j, 1, m), (i, 1, n)
    )
    renamed = canonical_indices(double)
    assert len(renamed.variables) == 2 and len(set(renamed.variables)) == 2


def test_canonical_indices_identify_renamed_sums():
    j = sp.Symbol("j", integer=True)
    a = sp.Sum(IND.p, IND.limits)
    b = sp.Sum(IND.p.base[j], (j, 1, IND.n))
    assert a != b and canonical_indices(a) == canonical_indices(b)


def test_substitute_constraints():
    expr = 3 * sp.Sum(IND.p, IND.limits) + sp.Sum(IND.q, IND.limits)
    assert apply("substitute constraints", expr) == 4


def test_kronecker_delta_needs_a_free_index():
    delta_sum = sp.Sum(sp.KroneckerDelta(IND.index, IND.free_index) * IND.p, IND.limits)
    assert apply("evaluate Kronecker delta", delta_sum) == IND.p.base[IND.free_index]
    with pytest.raises(DomainError, match="knows to lie in the range"):
        apply("evaluate Kronecker delta", delta_sum, BER)


def test_expand_logs_respects_positivity():
    x = sp.Symbol("x", real=True)
    assert apply("expand logarithms", sp.log(x**2)) == sp.log(x**2)
    assert apply("expand logarithms", sp.log(IND.p / IND.q)) == sp.log(IND.p) - sp.log(IND.q)


def test_rule_that_changes_nothing_is_an_error():
    chain = Chain("noop", "No-op", BER, BER.entropy())
    with pytest.raises(SymklError, match="changed nothing"):
        chain.apply("split sums")
    with pytest.raises(SymklError, match="unknown rule"):
        chain.apply("magic")


def test_every_rule_is_described():
    for name, rule in RULES.items():
        assert rule.name == name and rule.description


def test_combine_logarithms_only_combines_logs_with_number_coefficients():
    s = sp.Symbol("s", positive=True)
    p = IND.p
    expr = sp.log(s) + sp.log(2) / 2 + sp.Rational(1, 2) + p * sp.log(s)
    combined = apply("combine logarithms", expr)
    assert combined == sp.log(sp.sqrt(2) * s) + sp.Rational(1, 2) + p * sp.log(s)
    assert apply("combine logarithms", sp.log(p) - sp.log(IND.q)) == sp.log(p / IND.q)


def test_collect_by_functions_keeps_arguments_and_combines_coefficients():
    alpha, beta = BER.p[0], BER.q[0]
    u = (1 - beta) / (1 - alpha)
    expr = (1 - alpha) * (sp.log(u) + 1 - u) + alpha * sp.log(beta)
    collected = apply("collect by functions", expr, BER)
    assert collected.has(sp.log(u)) and collected.has(sp.log(beta))
    assert sp.simplify(collected - expr) == 0
    assert collected.coeff(sp.log(u)) == 1 - alpha


def test_evaluate_sums_closes_sums_of_constants_only():
    constant = sp.Sum(sp.log(IND.n) / IND.n, IND.limits)
    assert apply("evaluate sums", constant + sp.Sum(IND.p, IND.limits)) == sp.log(IND.n) + sp.Sum(
        IND.p, IND.limits
    )


def test_bounds_and_drops_keep_numbers_and_signs():
    p, q = IND.p, IND.q
    assert apply("bound logarithms above", sp.log(2) + p * sp.log(p)) == sp.log(2) + p * (p - 1)
    assert apply("take numbers out of logarithms", sp.log(2 * p / (p + q))) == sp.log(2) + sp.log(
        p / (p + q)
    )
    with pytest.raises(SymklError, match="changed nothing"):
        Chain("x", "t", IND, sp.log(p / q)).apply("take numbers out of logarithms")
    kept = sp.log(2) + sp.Sum(p * q, IND.limits)
    assert apply("drop nonpositive terms", kept - sp.Sum(p * q, IND.limits)) == sp.log(2)
    assert apply("drop nonpositive terms", kept) == kept


def test_sum_out_the_marginals_whatever_the_index_is_called():
    from symkl import JointSpace

    s = JointSpace.make()
    (i, _, n), (j, _, m) = s.limits
    k = sp.Symbol("k", integer=True)
    p = s.p.base
    expr = sp.Sum(p[i, k], (k, 1, m)) + sp.Sum(p[k, j], (k, 1, n)) + sp.Sum(p[i, k], (k, 1, n))
    assert apply("sum out the marginals", expr, s) == (
        s.marginal[i] + s.marginal_y[j] + sp.Sum(p[i, k], (k, 1, n))  # wrong range: kept
    )


def test_separate_sums_of_products_only_where_each_factor_has_one_index():
    i, j = sp.symbols("i j", integer=True)
    n, m = sp.symbols("n m", integer=True, positive=True)
    a, b, p = (sp.IndexedBase(name) for name in "abp")
    assert separate(sp.Sum(2 * a[i] * b[j], (j, 1, m), (i, 1, n))) == 2 * sp.Sum(
        a[i], (i, 1, n)
    ) * sp.Sum(b[j], (j, 1, m))
    joint = sp.Sum(a[i] * p[i, j], (j, 1, m), (i, 1, n))
    dependent = sp.Sum(a[i] * b[j], (j, 1, i), (i, 1, n))
    assert separate(joint) == joint and separate(dependent) == dependent
