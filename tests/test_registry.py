"""The registry's cache and rules as pure rewrites (issues 12 and 13): each (name, variant)
is derived once per process, and a rule that uses a proved result is given its conclusion
instead of running a derivation."""

import subprocess
import sys
from pathlib import Path

import pytest
import sympy as sp

from symkl import IndexedSpace, Proved, SymklError, registry
from symkl.rules import RULES

ROOT = Path(__file__).resolve().parent.parent


def test_rules_import_no_registry_and_no_derivation():
    # the cycle derivation -> rules -> registry -> derivation is gone
    code = (
        "import sys, symkl.rules, symkl.derivation; "
        "print(sorted(m for m in sys.modules if m in ('symkl.registry', 'symkl.report')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"


def test_rewrite_with_is_a_pure_rewrite_by_a_given_equation():
    space = IndexedSpace.make()
    x = sp.Symbol("x")
    given = Proved("made_up", space.entropy(), x)
    rewritten = RULES["rewrite with"].apply(2 * space.entropy() + 1, space, result=given)
    assert rewritten == 2 * x + 1
    assert str(given) == "made_up"  # the step's label names the result


def test_proved_gives_the_conclusion_of_the_cached_derivation():
    result = registry.proved("cross_entropy_eq_entropy_add_kl")
    conclusion = registry.derive("cross_entropy_eq_entropy_add_kl").conclusion
    assert (result.name, result.lhs, result.rhs) == (
        "cross_entropy_eq_entropy_add_kl",
        conclusion.lhs,
        conclusion.rhs,
    )


def test_proved_refuses_an_inequality():
    with pytest.raises(SymklError, match="not a proved equation"):
        registry.proved("cross_entropy_nonneg")


def test_each_variant_is_derived_once_also_inside_its_file():
    argmin = registry.derive("binary_cross_entropy_argmin")
    assert registry.derive("binary_cross_entropy_argmin", "argmin") is argmin
    stationary = registry.derive("binary_cross_entropy_argmin", "stationary")
    assert any(part is stationary for part in argmin.parts)
    # the file's call to its neighbour goes through the same cache
    bernoulli = registry.derive("bernoulli_kl", "only_if")
    minimizer = registry.derive("kl_eq_zero_iff", "log_gap_argmin")
    assert any(part is minimizer for part in bernoulli.parts)


def test_a_chain_that_rewrites_with_a_result_records_no_typed_parameter():
    d = registry.derive("cross_entropy_ge_entropy")
    first = d.steps[0]
    assert first.rule == "rewrite with cross_entropy_eq_entropy_add_kl"
    assert first.typed == ()


def test_report_workers_get_the_results_a_derivation_uses_with_it():
    from symkl import report

    groups = report._groups(registry.names())
    assert sorted(name for group in groups for name in group) == registry.names()
    (together,) = [g for g in groups if "cross_entropy_nonneg" in g]
    assert {"cross_entropy_eq_entropy_add_kl", "cross_entropy_ge_entropy"} <= set(together)
    (together,) = [g for g in groups if "logistic_loss_props" in g]
    assert "logistic_loss" in together
