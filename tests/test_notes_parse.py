"""The notation reader: each construct of the seeds, readings that must not be guessed,
and hypothesis fuzzing (never an exception other than `Unreadable`)."""

import contextlib

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from symkl.measures import CrossEntropy, Entropy, KLDivergence
from symkl.notes.parse import Reader, Unreadable, strip_wrapper

alpha, beta = sp.symbols("alpha beta", positive=True)
eta = sp.Symbol("eta", real=True)
i = sp.Symbol("i", integer=True)
n = sp.Symbol("n", integer=True, positive=True)
p, q = sp.IndexedBase("p", positive=True), sp.IndexedBase("q", positive=True)


def read(text, **kw):
    return Reader(**kw).parse(text)


@pytest.mark.parametrize(
    "text, value",
    [
        (r"\beta(1-\beta)", beta * (1 - beta)),
        (r"e^{\eta}", sp.exp(eta)),
        (r"\frac{1}{1+\exp(\eta)}", 1 / (1 + sp.exp(eta))),
        (r"\sigma(\eta)", sp.exp(eta) / (1 + sp.exp(eta))),
        (r"\log\left( \frac{1}{\beta} \right)", sp.log(1 / beta)),
        (r"-\frac{\cancel{\alpha} - \cancel{\alpha}}{\beta}", 0),
        (r"\sum_{i=1}^n p_i \log q_i + 1", sp.Sum(p[i] * sp.log(q[i]), (i, 1, n)) + 1),
        (r"\alpha \cdot \beta,", alpha * beta),
        (r"\ln \alpha", sp.log(alpha)),
    ],
)
def test_constructs(text, value):
    assert sp.simplify(read(text) - value) == 0


def test_measures():
    assert isinstance(read(r"H(p)"), Entropy)
    assert isinstance(read(r"H(p, q)"), CrossEntropy)
    for kl in (
        r"D_{KL}(p||q)",
        r"D_{\text{KL}}(p \| q)",
        r"\mathrm{KL}(P\|Q)",
        r"K(p||q)",
        r"KL(p \parallel q)",
    ):
        assert isinstance(read(kl), KLDivergence), kl
    assert read(r"H(p)", mode="density").limits[0].name == "x"


def test_expectation_is_a_sum_or_an_integral():
    assert read(r"\mathbb{E}_p[-\log q]") == sp.Sum(-p[i] * sp.log(q[i]), (i, 1, n))
    assert isinstance(read(r"\mathbb{E}_{X \sim P}[\log P(X)]", mode="density"), sp.Integral)


def test_derivatives():
    d = read(r"\frac{\partial}{\partial q_e} H(p,q)")
    assert isinstance(d, sp.Derivative) and str(d.variables[0]) == "q[e]"
    assert read(r"\frac{\partial H(p, q)}{\partial \beta}").variables == (beta,)


def test_e_is_an_index_when_used_as_one():
    assert read(r"e^{1}") == sp.E
    assert read(r"q_e", e_is_index=True).indices[0].name == "e"


def test_wrappers():
    wrapper, rest = strip_wrapper(r"\arg\min_\theta L")
    assert (wrapper.op, wrapper.var, rest.strip()) == ("min", "theta", "L")
    assert strip_wrapper(r"\text{minimize } H(p, q)")[0].var == ""


@pytest.mark.parametrize(
    "text, reason, offset",
    [
        (r"-\frac{2}{\partial \beta}", "partial", 10),
        (r"x + \foo{y}", "macro \\foo", 4),
        (r"\frac{1}{2", "ends too early", 10),
        (r"\begin{cases} 1 \end{cases}", "cases", 0),
        (r"f(x) dx", "differential", 0),
        (r"\{a, \dots, b\} + 1", "set or list", 0),
    ],
)
def test_unreadable_with_reason_and_offset(text, reason, offset):
    with pytest.raises(Unreadable) as e:
        read(text)
    assert reason in e.value.reason
    assert e.value.offset == offset


def test_log_of_a_quotient_without_brackets_is_a_doubt():
    r = Reader()
    r.parse(r"\log P / Q")
    assert r.doubts and "log(P)" in r.doubts[0]


@pytest.mark.parametrize(
    ("text", "doubted"),
    [
        (r"\log ab", True),  # log(a) b or log(ab)
        (r"\frac12 \log 2\pi\sigma^2", True),
        (r"\log(a) b", False),
        (r"p_i \log p_i", False),
        (r"w^T x", True),  # transpose or power
        (r"x^2", False),
    ],
)
def test_guessed_readings_are_doubts(text, doubted):
    r = Reader()
    r.parse(text)
    assert bool(r.doubts) is doubted, r.doubts


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (r"\sin^2 t", "sin(t)**2"),
        (r"\exp(t)^2", "exp(2*t)"),
        (r"\log_e x", "log(x)"),
        (r"2(x-1)^2", "2*(x - 1)**2"),
        (r"\frac12", "1/2"),
        (r"|x|", "Abs(x)"),
    ],
)
def test_notation_reads_as_people_mean(text, expected):
    assert str(Reader().parse(text)) == expected


TOKENS = [
    r"\frac",
    r"\log",
    r"\sum_{i=1}^n",
    "p_i",
    "q",
    "(",
    ")",
    "{",
    "}",
    "[",
    "]",
    "+",
    "-",
    "^",
    "_",
    r"\partial",
    r"\beta",
    "e",
    "x",
    "1",
    r"\mathbb{E}_p",
    "H(p,q)",
    r"\int",
    "dx",
    "|",
    "||",
    ",",
    r"\cancel{",
    r"\left(",
    r"\right)",
    r"\\",
    "&",
    "\x00",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=14))
def test_fuzz_reader_raises_only_unreadable(tokens):
    try:
        value = read(" ".join(tokens))
    except Unreadable as e:
        assert isinstance(e.reason, str) and e.offset >= 0
    else:
        assert isinstance(value, (sp.Basic, list))


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=60))
def test_fuzz_reader_on_arbitrary_text(text):
    with contextlib.suppress(Unreadable):
        read(text)
