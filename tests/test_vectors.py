"""Gradients through scalar products (`symkl.notes.vectors`): each entry of the gradient
symkl writes out against central differences of the function of the vectors, and the
steps with no one reading refused."""

import numpy as np
import pytest
import sympy as sp

from symkl.notes.products import VectorDerivative, product_value
from symkl.notes.vectors import VectorsError, expand

W = sp.Symbol("w", real=True)
X = sp.Symbol("x", real=True)
IX = sp.Symbol("i", integer=True)
N = sp.Symbol("n", integer=True, positive=True)
Y = sp.IndexedBase("y", real=True)


def sigmoid(t):
    return 1 / (1 + sp.exp(-t))


def at(expr: sp.Expr, values: dict, sizes: dict) -> float:
    """`expr` at concrete sizes (d, j, n) and entries (w[1], x[2, 3], ...)."""
    concrete = expr.subs(sizes).doit()
    return float(concrete.xreplace(values).evalf(30))


def entries(name: str, array: np.ndarray) -> dict:
    base = sp.IndexedBase(name, real=True)
    if array.ndim == 1:
        return {base[a + 1]: sp.Float(v, 30) for a, v in enumerate(array)}
    return {base[a + 1, b + 1]: sp.Float(v, 30) for (a, b), v in np.ndenumerate(array)}


def sizes_of(expr: sp.Expr, **given) -> dict:
    """The fresh dimension and entry index symkl chose, by name, at the given values."""
    named = {s.name: s for s in expr.free_symbols if isinstance(s, sp.Symbol)}
    return {named[k]: v for k, v in given.items() if k in named}


def central(f, w: np.ndarray, j: int, h: float = 1e-6) -> float:
    up, down = w.copy(), w.copy()
    up[j] += h
    down[j] -= h
    return (f(up) - f(down)) / (2 * h)


@pytest.mark.parametrize("seed", range(3))
def test_gradient_of_log_sigmoid_of_a_product_matches_central_differences(seed):
    rng = np.random.default_rng(seed)
    d = 4
    w, x = rng.normal(size=d), rng.normal(size=d)
    body = sp.log(sigmoid(product_value(("w", None), ("x", None))))
    (gradient, zero) = expand([VectorDerivative(body, W), sp.S.Zero])
    assert zero == 0
    for j in range(d):
        value = at(gradient, entries("w", w) | entries("x", x), sizes_of(gradient, d=d, j=j + 1))
        expected = central(lambda v: -np.log1p(np.exp(-v @ x)), w, j)
        assert value == pytest.approx(expected, rel=1e-6, abs=1e-9)


def test_gradient_of_the_logistic_loss_over_a_family_matches_central_differences():
    rng = np.random.default_rng(7)
    n, d = 3, 2
    w, x, y = rng.normal(size=d), rng.normal(size=(n, d)), rng.uniform(size=n)
    s = sigmoid(product_value(("w", None), ("x", IX)))
    loss = -sp.Sum(Y[IX] * sp.log(s) + (1 - Y[IX]) * sp.log(1 - s), (IX, 1, N))
    (gradient,) = expand([VectorDerivative(loss, W)])
    values = entries("w", w) | entries("x", x) | entries("y", y)

    def f(v):
        p = 1 / (1 + np.exp(-(x @ v)))
        return -np.sum(y * np.log(p) + (1 - y) * np.log(1 - p))

    for j in range(d):
        value = at(gradient, values, sizes_of(gradient, d=d, j=j + 1, n=n))
        assert value == pytest.approx(central(f, w, j), rel=1e-6, abs=1e-9)


def test_a_vector_is_read_at_the_entry_of_the_gradient():
    rng = np.random.default_rng(3)
    d = 3
    w, x = rng.normal(size=d), rng.normal(size=d)
    square = product_value(("w", None), ("x", None)) ** 2
    gradient, right = expand(
        [VectorDerivative(square, W), 2 * product_value(("w", None), ("x", None)) * X]
    )
    values = entries("w", w) | entries("x", x)
    for j in range(1, d + 1):
        sizes = sizes_of(gradient, d=d, j=j)
        assert at(gradient, values, sizes) == pytest.approx(at(right, values, sizes))
        assert at(right, values, sizes) == pytest.approx(2 * (w @ x) * x[j - 1])


@pytest.mark.parametrize(
    "sides, reason",
    [
        ([VectorDerivative(product_value(("w", None), ("x", None)), W), sp.S.One], "a number"),
        ([VectorDerivative(product_value(("w", None), ("x", None)), W), X + 1], "added"),
        ([VectorDerivative(product_value(("w", None), ("x", None)), W), X * W], "two vectors"),
        ([VectorDerivative(product_value(("w", None), ("x", None)), W), sp.log(X)], "function"),
        ([VectorDerivative(product_value(("w", None), ("x", None)) * X, W), X], "Jacobian"),
    ],
)
def test_steps_with_no_one_reading_are_refused(sides, reason):
    with pytest.raises(VectorsError, match=reason):
        expand(sides)


def test_steps_without_a_derivative_in_a_vector_come_back_unchanged():
    sides = [product_value(("w", None), ("x", None)), sp.S.Zero]
    assert expand(sides) is sides


def test_gradient_of_a_squared_norm_beside_products_matches_central_differences():
    rng = np.random.default_rng(11)
    n, d = 3, 4
    w, x, y = rng.normal(size=d), rng.normal(size=(n, d)), rng.normal(size=n)
    k = sp.Symbol("_k0_0", integer=True)  # the index the parser gives a norm's sum
    lam = sp.Rational(3, 10)
    base = sp.IndexedBase("w", real=True)
    # the parser sums a norm to the notes' count of outcomes (n here): one vector, one length
    loss = sp.Sum((product_value(("w", None), ("x", IX)) - Y[IX]) ** 2, (IX, 1, N)) / 2 + (
        lam / 2
    ) * sp.Sum(base[k] ** 2, (k, 1, N))
    (gradient,) = expand([VectorDerivative(loss, W)])
    values = entries("w", w) | entries("x", x) | entries("y", y)

    def f(v):
        return np.sum((x @ v - y) ** 2) / 2 + 0.3 / 2 * np.sum(v**2)

    for j in range(d):
        value = at(gradient, values, sizes_of(gradient, d=d, j=j + 1, n=n))
        assert value == pytest.approx(central(f, w, j), rel=1e-6, abs=1e-9)


def test_a_sum_the_notes_write_over_a_vectors_entries_may_be_partial():
    k = sp.Symbol("k", integer=True)
    base = sp.IndexedBase("w", real=True)
    partial = sp.Sum(base[k] ** 2, (k, 1, 3)) / 2 + product_value(("w", None), ("x", None))
    with pytest.raises(VectorsError, match="does not differentiate"):
        expand([VectorDerivative(partial, W), W + X])
