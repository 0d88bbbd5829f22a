"""The guard: no derivation types its result (or a piece of it) before a rule produced it
(issue 13). It must fail on deliberately typed examples, kept in tests/typed_derivations/,
and pass on every derivation symkl ships."""

from pathlib import Path

import pytest
import sympy as sp

from symkl import Chain, Verdict, bernoulli_space
from symkl.provenance import pieces, targets, typed_targets
from symkl.registry import Library
from tests.conftest import CASES, built

TYPED = Library((Path(__file__).resolve().parent / "typed_derivations",))


@pytest.mark.parametrize("case", CASES, ids=[f"{n}[{v}]" for n, v in CASES])
def test_no_derivation_types_its_target(case):
    assert typed_targets(built(*case)) == []


@pytest.mark.parametrize("name", TYPED.names())
def test_the_guard_fails_on_a_typed_example(name):
    d = TYPED.derive(name)
    assert d.verdict is Verdict.PROVED  # the checker cannot see it: every step is true
    found = typed_targets(d)
    assert found, f"{name}: the guard missed the typed target"
    alpha, beta = d.space.p[0], d.space.q[0]
    assert {f.piece for f in found} & {beta - alpha, alpha - beta}


def test_the_typed_examples_say_where():
    where = {name: {f.where for f in typed_targets(TYPED.derive(name))} for name in TYPED.names()}
    assert where["minimizer_typed_in_start"] == {"the start"}
    assert where["gradient_typed_by_claim"] == {"step 2 (claim: I know the answer)"}
    (step,) = where["gradient_typed_by_substitute"]
    assert step.startswith("step 1 (substitute")


def test_what_rules_produced_may_be_written_again_but_not_a_typed_simplification():
    space = bernoulli_space()
    alpha, beta = space.p[0], space.q[0]
    chain = Chain("later", "t", space, sp.Derivative(space.cross_entropy(), beta))
    for rule in ("unfold definitions", "differentiate", "combine fractions", "expand numerator"):
        chain.apply(rule)
    chain.claim((beta - alpha) / (beta * (1 - beta)), because="the same, written again")
    assert typed_targets(chain.derivation()) == []
    # The numerator simplified by hand and substituted is typed: no rule produced it.
    chain = Chain("typed", "t", space, sp.Derivative(space.cross_entropy(), beta))
    for rule in ("unfold definitions", "differentiate", "combine fractions"):
        chain.apply(rule)
    numerator = sp.fraction(chain.current)[0]
    chain.apply("substitute", values={numerator: beta - alpha})
    (found,) = typed_targets(chain.derivation())
    assert found.piece in {beta - alpha, alpha - beta} and found.where.startswith("step 4")


def test_pieces_and_targets():
    a, b = sp.symbols("a b", positive=True)
    assert pieces(a) == set() and pieces(-a) == set()
    assert {b - a, a - b, (b - a) / b} <= pieces((b - a) / b)
    d = built("binary_cross_entropy_argmin", "second_derivative")
    assert targets(d)[0] == 0 and targets(d)[1] != 0  # the sign of d2H/dbeta2 is stated
