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


def test_a_sum_that_leaves_a_term_out_weights_it_out():
    r = Reader()
    value = r.parse(r"\sum_{j=1, j \neq m}^{n} a_j")
    j, m = sp.Symbol("j", integer=True), sp.Symbol("m", integer=True)
    assert value.has(sp.KroneckerDelta(j, m)), value
    with pytest.raises(Unreadable):
        Reader().parse(r"\sum_{j=1, k \neq m}^{n} a_j")  # another index left out


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (r"w^T x", "w^T x"),
        (r"x^T w", "w^T x"),  # one name for both orders
        (r"y_i w^{T}x_{i}", "w^T x_"),  # x_ is the indexed one: x_i
        (r"u_k^\top v_c", "u_^T v_"),
    ],
)
def test_scalar_products_are_one_number(text, name):
    r = Reader()
    value = r.parse(text)
    names = {str(s) for s in value.free_symbols} | {
        str(i.base.label) for i in value.atoms(sp.Indexed)
    }
    assert name in names and not r.doubts, (value, r.doubts)


@pytest.mark.parametrize(
    ("text", "doubted"),
    [
        (r"\log ab", True),  # log(a) b or log(ab)
        (r"\frac12 \log 2\pi\sigma^2", True),
        (r"\log(a) b", False),
        (r"p_i \log p_i", False),
        (r"W^T x", True),  # a matrix's transpose or a power
        (r"w^T", True),  # a row vector alone, or a power
        (r"w^T x", False),  # a scalar product
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


@pytest.mark.parametrize(
    "text, bracketed",
    [
        (r"\mathbb{E}_P \log \frac{1}{q(X)} - H", r"\mathbb{E}_P[\log \frac{1}{q(X)}] - H"),
        (r"\log \mathbb{E}_P \frac{1}{p(X)}", r"\log \mathbb{E}_P[\frac{1}{p(X)}]"),
        (
            r"-\mathbb{E}_{q_\lambda(z)} \log p(x|z) + 1",
            r"-\mathbb{E}_{q_\lambda(z)}[\log p(x|z)] + 1",
        ),
        (r"\mathbb{E}_{x \sim p}[f(x)] + 1", r"\mathbb{E}_{x \sim p}[f(x)] + 1"),
        (r"\mathbb{E}(X) \le c", r"\mathbb{E}[(X)] \le c"),
        (r"\mathbb{E}_{p(x)} (x-\mu)^2", r"\mathbb{E}_{p(x)}[(x-\mu)^2]"),
    ],
)
def test_an_unbracketed_expectation_takes_the_term_after_it(text, bracketed):
    from symkl.notes.parse import normalize

    assert normalize(text).rstrip() == bracketed


def test_angle_brackets_are_an_expectation():
    x = sp.Symbol("x", real=True)
    value = read(r"\left\langle x^2 \right\rangle_{p(x)}", mode="density")
    assert value == read(r"\mathbb{E}_{p(x)}\left[x^2\right]", mode="density")
    assert value.has(sp.Integral) and x not in value.free_symbols


def test_a_name_defined_as_a_normal_law_is_its_density():
    mu, s = sp.IndexedBase("mu", real=True), sp.IndexedBase("sigma", positive=True)
    law = sp.Function("N")(mu[1], s[1] ** 2)
    reader = Reader(definitions={"P": law}, kinds={"mu": "real", "sigma": "positive"})
    integral = reader.parse(r"\mathbb{E}_P[(x - \mu_1)^2]")
    assert isinstance(integral, sp.Integral)
    assert sp.simplify(integral.doit() - s[1] ** 2) == 0
    # p is P's density unless the notes say otherwise of p
    x = sp.Symbol("x", real=True)
    density = reader.parse("p(x)")
    assert sp.simplify(sp.integrate(density, (x, -sp.oo, sp.oo))) == 1
    reader.described = frozenset({"p"})
    assert isinstance(reader.parse("p(x)"), sp.core.function.AppliedUndef)


def test_an_expectation_of_another_letter_is_not_guessed():
    mu, s = sp.IndexedBase("mu", real=True), sp.IndexedBase("sigma", positive=True)
    reader = Reader(definitions={"P": sp.Function("N")(mu[1], s[1] ** 2)})
    with pytest.raises(Unreadable, match="letters other than"):
        reader.parse(r"\mathbb{E}_P[t^2]")


@pytest.mark.parametrize(
    "left, right",
    [
        (r"W^{(2)}_{i}", r"W^{(2)}_i"),  # x^a_b is x_b^a
        (r"a^{(1)}_j", r"a_j^{(1)}"),
        (r"\theta^*", r"\theta^{*}"),
        (r"\theta^\star_i", r"\theta_i^{\star}"),
        (r"\sum p_i \log p_i", r"\sum_i p_i \log p_i"),
        (r"f(x; \theta)", r"f(x, \theta)"),
        (r"p(x; \theta)", r"p(x, \theta)"),
        (r"e^{(x)}", r"\exp(x)"),
        (r"\sum^{n}_{i=1} p_i", r"\sum_{i=1}^{n} p_i"),
    ],
)
def test_notations_that_mean_the_same(left, right):
    assert read(left) == read(right)


@pytest.mark.parametrize(
    "text, not_equal",
    [
        (r"W^{(2)}", r"W^2"),  # a layer's W, not W squared
        (r"a^{(1)}_j", r"a^{(2)}_j"),
        (r"\lambda^*", r"\lambda"),
    ],
)
def test_superscript_names_are_not_powers(text, not_equal):
    assert read(text) != read(not_equal)
    assert not read(text).is_Pow


def test_a_sum_without_an_index_needs_exactly_one():
    with pytest.raises(Unreadable, match="without an index"):
        read(r"\sum p_i \log q_j")
    with pytest.raises(Unreadable, match="without an index"):
        read(r"\sum 1")


def test_an_expectation_over_z_integrates_over_z_not_over_x():
    # E_{q(z)}[log p(x, z)] in notes with integrals: x stays free, z is integrated
    value = read(r"\mathbb{E}_{q(z)}\left[\log p(x, z)\right]", mode="density")
    (integral,) = value.atoms(sp.Integral)
    z = integral.variables[0]
    assert z.name == "z" and {s.name for s in value.free_symbols} == {"x"}


def test_bold_differentials_and_mathop():
    plain = read(r"\int q(z) \log q(z) dz", mode="density")
    assert read(r"\int q(z) \log q(z) \mathop{}\!\mathrm{d}\mathbf{z}", mode="density") == plain


def test_the_outcomes_count_is_one_letter():
    k = sp.Symbol("k", integer=True, positive=True)
    reader = Reader(dim=k)
    assert reader.parse(r"\sum_{i=1}^k 1").doit() == reader.parse("k") == k


@pytest.mark.parametrize(
    "text, value",
    [
        (r"2(3)!", 12),  # 2 times 3!, not (2 * 3)!
        (r"2(3)!^2", 72),  # the power binds to 3!
        (r"\frac{4!}{2!(4-2)!}", 6),
    ],
)
def test_factorials_bind_to_what_they_follow(text, value):
    assert read(text) == value


@pytest.mark.parametrize(
    "text",
    [
        r"k!!",  # the double factorial, or (k!)!
        r"f^{(2)}(x)",  # the second derivative, or a name
        r"\mathrm{Var}_P[X]",  # an operator symkl does not know
        r"\underbrace{a + b}_{=: u} + 1",  # the note names u
        r"\mathbb{E}^2[x]",
    ],
)
def test_readings_that_are_not_guessed(text):
    with pytest.raises(Unreadable):
        read(text)


def test_a_power_after_angle_brackets_is_kept():
    square = read(r"\left\langle x \right\rangle_{q(x)}^2", mode="density")
    assert square == read(r"\left\langle x \right\rangle_{q(x)}", mode="density") ** 2


def test_an_index_in_a_layer_label_is_an_index():
    assert read(r"\sum_{i=1}^{2} x^{(i)}").doit() == read(r"x^{(1)} + x^{(2)}")


def test_a_large_factorial_is_not_computed():
    with pytest.raises(Unreadable, match="factorial"):
        read("99999999!")
