"""Entropies of random variables: H(X), H(X, Y), H(Y | X), I(X; Y) over one joint
distribution of the step's variables (each identity's truth in its comment)."""

import pytest

from symkl.notes.audit import audit_text

CONFIRMED = {"proved", "holds-numerically"}

STEPS = [
    (r"H(X, Y) = H(X) + H(Y \mid X)", CONFIRMED),  # the chain rule
    (r"H(X, Y) \le H(X) + H(Y)", CONFIRMED),  # subadditivity
    (r"H(Y \mid X) \le H(Y)", CONFIRMED),  # conditioning reduces entropy
    (r"I(X; Y) = I(Y; X)", CONFIRMED),
    (r"I(X; Y) = H(X) + H(Y) - H(X, Y)", CONFIRMED),
    (r"I(X; Y) \ge 0", CONFIRMED),
    (r"H(X) \ge 0", CONFIRMED),
    (r"H(X, Y) = H(X) + H(Y)", {"refuted"}),  # only for independent X, Y
    (r"H(Y \mid X) = H(X \mid Y)", {"refuted"}),  # not symmetric
    (r"H(X, Y) \ge H(X) + H(Y)", {"refuted"}),
    (r"I(X; Y) \le H(X) - H(Y)", {"refuted"}),
]


@pytest.mark.parametrize(("step", "allowed"), STEPS, ids=[s for s, _ in STEPS])
def test_identities_of_two_random_variables(step, allowed):
    text = f"Let $X$ and $Y$ be discrete random variables.\n\n$${step}$$\n"
    (found,) = audit_text(text, "case.md").steps
    assert found.verdict in allowed, found.reason


def test_particular_variables_are_not_refuted_in_general():
    """A table (or independence) may make H(X, Y) = H(X) + H(Y) true for these X, Y."""
    text = (
        "| $p(x, y)$ | $y = 0$ | $y = 1$ |\n|---|---|---|\n| $x = 0$ | 1/4 | 1/4 |\n"
        "| $x = 1$ | 1/4 | 1/4 |\n\n$$H(X, Y) = H(X) + H(Y)$$\n\n"
        "$$H(X, Y) = H(X) + H(Y \\mid X)$$\n"
    )
    independent, chain = audit_text(text, "case.md").steps
    assert independent.verdict == "ambiguous", independent.reason
    assert chain.verdict in CONFIRMED, chain.reason


def test_random_variables_beside_other_distributions_or_sizes_are_not_guessed():
    text = (
        "$$H(X) = -\\sum_{i=1}^n p_i \\log p_i$$\n\n$$H(X) \\le \\log n$$\n\n"
        "$$H(X, Y, Z) = H(X) + H(Y, Z \\mid X)$$\n"
    )
    against_p, against_n, three = audit_text(text, "case.md").steps
    assert against_p.verdict == "unparsed", against_p.reason
    assert against_n.verdict != "refuted", against_n.reason  # n may be X's alphabet size
    assert three.verdict == "unparsed", three.reason


@pytest.mark.parametrize(
    "said",
    [
        "$Y$ is a deterministic function of $X$.",
        "Let $Y = X$.",
        "$X$ and $Y$ are i.i.d. fair bits.",
        "$X \\to Y \\to Z$ is a Markov chain.",
    ],
)
def test_what_the_prose_says_about_the_variables_withholds_refutation(said):
    text = f"Let $X$ and $Y$ be random variables. {said}\n\n$$H(Y \\mid X) = H(Y)$$\n"
    (found,) = audit_text(text, "case.md").steps
    assert found.verdict != "refuted", found.reason


@pytest.mark.parametrize(
    "step",
    [
        r"I(X; Y) \le \log 2",  # Y = X uniform on 3 values: ln 3
        r"H(X \mid Y) + H(Y \mid X) \ge \frac{1}{10} I(X; Y)",  # 0 against H/10 at Y = X
    ],
)
def test_bounds_that_fail_where_one_variable_determines_the_other(step):
    text = f"Let $X$ and $Y$ be random variables.\n\n$${step}$$\n"
    (found,) = audit_text(text, "case.md").steps
    assert found.verdict == "refuted", found.reason
