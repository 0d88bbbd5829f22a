"""Measures: definitions, printing, folding back, bases and bad arguments."""

import numpy as np
import pytest
import sympy as sp
from scipy.special import rel_entr
from scipy.stats import entropy as scipy_entropy

from symkl import (
    ConditionalEntropy,
    CrossEntropy,
    DensitySpace,
    Entropy,
    FiniteSpace,
    IndexedSpace,
    JointSpace,
    JSDivergence,
    KLDivergence,
    bernoulli_space,
    latex,
    text,
    unfold,
)
from symkl.rules import fold

SPACES = {
    "indexed": IndexedSpace.make(),
    "finite": FiniteSpace.make(3),
    "bernoulli": bernoulli_space(),
    "density": DensitySpace.make(),
}


def test_indexed_definitions():
    s = SPACES["indexed"]
    i, n = s.index, s.n
    p, q = s.p, s.q
    assert s.entropy().unfold() == -sp.Sum(p * sp.log(p), (i, 1, n))
    assert s.cross_entropy().unfold() == -sp.Sum(p * sp.log(q), (i, 1, n))
    assert s.kl().unfold() == sp.Sum(p * sp.log(p / q), (i, 1, n))


def test_density_definitions():
    s = SPACES["density"]
    x = s.variable
    assert s.kl().unfold() == sp.Integral(s.p * sp.log(s.p / s.q), (x, -sp.oo, sp.oo))


def test_bernoulli_definition():
    s = SPACES["bernoulli"]
    a, b = s.p[0], s.q[0]
    assert s.cross_entropy().unfold() == -a * sp.log(b) - (1 - a) * sp.log(1 - b)


@pytest.mark.parametrize("space", SPACES.values(), ids=SPACES.keys())
@pytest.mark.parametrize("measure", ["entropy", "cross_entropy", "kl"])
def test_fold_inverts_unfold(space, measure):
    m = getattr(space, measure)()
    assert fold(m.unfold(), space) == m
    assert fold(3 * m.unfold() + 1, space) == 3 * m + 1


@pytest.mark.parametrize(
    ("space", "expected"),
    [
        ("indexed", (r"H\left(p, q\right)", r"D_{\mathrm{KL}}\left(p \,\|\, q\right)")),
        ("density", (r"H\left(p, q\right)", r"D_{\mathrm{KL}}\left(p \,\|\, q\right)")),
    ],
)
def test_latex_notation(space, expected):
    s = SPACES[space]
    assert (latex(s.cross_entropy()), latex(s.kl())) == expected
    assert latex(s.entropy()) == r"H\left(p\right)"
    assert sp.latex(s.kl()) == expected[1]  # SymPy's own entry point too


def test_text_notation():
    s = SPACES["indexed"]
    assert text(s.entropy() + s.kl()) == "H(p) + D_KL(p || q)"
    assert str(s.cross_entropy()) == "H(p, q)"
    assert text(SPACES["bernoulli"].cross_entropy()) == "H((alpha, 1 - alpha), (beta, 1 - beta))"


def test_base_two_divides_by_log_two():
    s = SPACES["bernoulli"]
    a = s.p[0]
    h2 = Entropy(s.p, base=2)
    assert h2.unfold() == (-a * sp.log(a) - (1 - a) * sp.log(1 - a)) / sp.log(2)
    assert sp.simplify(h2.unfold().subs(a, sp.Rational(1, 2))) == 1
    assert latex(h2) == r"H_{2}\left(\left( \alpha, \  1 - \alpha\right)\right)"
    assert latex(KLDivergence(s.p, s.q, base=2)).startswith(r"D_{\mathrm{KL},2}")


def test_derivative_goes_through_the_definition():
    s = SPACES["bernoulli"]
    b = s.q[0]
    assert sp.simplify(sp.diff(s.cross_entropy(), b) - s.cross_entropy().unfold().diff(b)) == 0


def test_free_symbols_exclude_the_bound_index():
    s = SPACES["indexed"]
    assert s.index not in s.kl().free_symbols
    assert s.n in s.kl().free_symbols


def test_bad_arguments_are_explained():
    p = sp.IndexedBase("p")[sp.Symbol("i")]
    with pytest.raises(TypeError, match="needs limits"):
        Entropy(p)
    with pytest.raises(TypeError, match="different lengths"):
        CrossEntropy((1, 0), (sp.Rational(1, 3),) * 3)
    with pytest.raises(TypeError, match="takes 2 distributions"):
        KLDivergence((1, 0), (1, 0), (1, 0))


@pytest.mark.parametrize("name", ["finite", "bernoulli"])
def test_js_divergence_is_the_mean_kl_to_the_mixture(name):
    s = SPACES[name]
    js = JSDivergence(s.p, s.q, limits=s.limits)
    assert text(js) == "D_JS(p || q)" or text(js).startswith("D_JS((")
    assert latex(js).startswith(r"D_{\mathrm{JS}}\left(")
    m = sp.Tuple(*((a + b) / 2 for a, b in zip(s.p, s.q, strict=True)))
    mean_kl = (KLDivergence(s.p, m) + KLDivergence(s.q, m)) / 2
    point = {x: sp.Rational(k + 1, 10) for k, x in enumerate(sorted(js.free_symbols, key=str))}
    assert sp.N(js.doit().subs(point) - mean_kl.doit().subs(point), 30) == 0


JOINT = JointSpace.make()


def _joint_values(joint: np.ndarray) -> dict:
    """The entries of a joint law p[i, j] and of its marginals p_x, p_y, 1-based."""
    s = JOINT
    values = {s.p.base[a + 1, b + 1]: joint[a, b] for a, b in np.ndindex(joint.shape)}
    values |= {s.marginal[a + 1]: joint[a].sum() for a in range(joint.shape[0])}
    return values | {s.marginal_y[b + 1]: joint[:, b].sum() for b in range(joint.shape[1])}


def _at(expr: sp.Expr, joint: np.ndarray) -> float:
    sizes = {JOINT.n: joint.shape[0], JOINT.m: joint.shape[1]}
    return float(expr.doit().subs(sizes).doit().xreplace(_joint_values(joint)))


def test_conditional_entropy_and_mutual_information_notation():
    s = JOINT
    (_, _, _), (j, _, _) = s.limits
    given_y = ConditionalEntropy(s.p, s.marginal_y[j], limits=s.limits)
    assert text(s.conditional_entropy()) == "H(Y | X)" and text(given_y) == "H(X | Y)"
    assert latex(s.conditional_entropy()) == r"H\left(Y \mid X\right)"
    assert text(s.mutual_information()) == "I(X; Y)"
    assert latex(s.mutual_information()) == r"I\left(X; Y\right)"
    assert {s.m, s.n} <= s.mutual_information().free_symbols
    assert not {*(var for var, _, _ in s.limits)} & s.mutual_information().free_symbols


def test_conditional_entropy_and_mutual_information_rewrite_as_entropies():
    s = JOINT
    (i, _, n), (j, _, m) = s.limits
    h_x, h_y = Entropy(s.marginal[i], limits=(i, 1, n)), Entropy(s.marginal_y[j], limits=(j, 1, m))
    assert s.conditional_entropy().rewrite(Entropy) == s.entropy() - h_x
    assert s.mutual_information().rewrite(Entropy) == h_x + h_y - s.entropy()
    assert s.mutual_information().doit() == unfold(h_x + h_y - s.entropy())
    assert fold(s.mutual_information().unfold(), s) == s.mutual_information()
    assert fold(s.conditional_entropy().unfold(), s) == s.conditional_entropy()


@pytest.mark.parametrize("shape", [(1, 1), (2, 3), (4, 2)])
def test_conditional_entropy_and_mutual_information_numeric_twin(shape):
    rng = np.random.default_rng(12)
    for joint in rng.dirichlet(np.ones(shape[0] * shape[1]), 4):
        joint = joint.reshape(shape)
        px, py = joint.sum(axis=1), joint.sum(axis=0)
        # H(Y | X) as the average entropy of the rows' conditionals p(y | x)
        conditional = sum(px[a] * scipy_entropy(joint[a] / px[a]) for a in range(shape[0]))
        assert _at(JOINT.conditional_entropy(), joint) == pytest.approx(conditional, abs=1e-12)
        mi = rel_entr(joint, np.outer(px, py)).sum()
        assert _at(JOINT.mutual_information(), joint) == pytest.approx(mi, abs=1e-12)
