"""symkl export and symkl.functions: accuracy against mpmath on the adversarial grids,
conventions, validation, dtypes and shapes, and the module file itself."""

import doctest
import itertools
import subprocess
import sys
from pathlib import Path

import mpmath
import numpy as np
import pytest
import scipy.special as sc
import scipy.stats
import sympy as sp

import symkl.functions as f
from symkl import export, logit_runtime, numeric_runtime
from symkl.cli import main
from tests.accuracy import (
    REFERENCES,
    grid,
    row_grid,
    row_references,
    row_ulp_errors,
    softmax_grad_condition,
    ulp_errors,
)

ROOT = Path(__file__).resolve().parent.parent
NAMES = [s.name for s in export.SPECS]


def _call_each(name, args):
    """Each point alone (so ordinary points take the fast path)."""
    return np.concatenate(
        [np.ravel(_call(name, [a[k : k + 1] for a in args])) for k in range(len(args[0]))]
    )


def _call(name, args):
    """Sums take each grid point as a one-entry distribution (axis of length 1)."""
    if REFERENCES[name][1]:
        return getattr(f, name)(*(a[:, None] for a in args))
    return getattr(f, name)(*args)


@pytest.mark.parametrize("name", NAMES)
def test_accuracy_on_adversarial_grid(name):
    args = grid(name)
    # whole grid at once (edge points send their block down the careful path) and each
    # point alone (so ordinary points take the fast path)
    each = _call_each(name, args)
    errors = np.maximum(ulp_errors(name, _call(name, args), args), ulp_errors(name, each, args))
    # 4 ULP (of the smallest subnormal for a subnormal value); inf/nan where the true value
    # is finite gives inf
    worst = np.argmax(errors)
    point = [float(a[worst]) for a in args]
    assert errors[worst] <= 4, f"{name}{point}: {errors[worst]:.3g} ULP"


@pytest.mark.parametrize("name", NAMES)
def test_fast_path_is_accurate_or_hands_over(name):
    """The fast kernel alone, on the whole grid: where it returns a finite value, that
    value meets the bound (elsewhere the drivers rerun the block in careful mode)."""
    args = grid(name)
    kernel = getattr(f, f"_{name}_terms")
    out = np.empty(len(args[0]))
    scratch = [np.empty(len(out)) for _ in range(kernel.scratch + 1)]
    with np.errstate(all="ignore"):
        kernel(*args, out, scratch, False)
    out *= export.formula(name).sign
    finite = np.isfinite(out)
    inside = np.all([a >= 0 for a in args[1 if name.startswith("logistic") else 0 :]], axis=0)
    assert finite[inside].mean() > 0.7, "the fast path should handle most points"
    points = tuple(a[finite] for a in args)
    assert (ulp_errors(name, out[finite], points) <= 4).all()


@pytest.mark.parametrize("name", NAMES)
def test_a_value_does_not_depend_on_its_neighbours(name):
    """Each grid point alone, in the whole grid, and beside a nan (which sends its block
    down the careful path): the same float, bit for bit."""
    args = grid(name)
    whole = _call(name, args)
    beside_nan = _call(name, [np.append(a, np.nan) for a in args])[:-1]
    np.testing.assert_array_equal(whole, _call_each(name, args))
    np.testing.assert_array_equal(whole, beside_nan)


def test_tiny_probabilities_are_exact():
    for p in (5e-324, 1e-320, 1e-310, 1e-305):
        exact = -mpmath.mpf(p) * mpmath.log(mpmath.mpf(p))
        assert ulp_errors("entropy", np.array([f.entropy([p])]), (np.array([p]),))[0] <= 1, p
        assert f.entropy([p, 1.0]) == pytest.approx(float(exact), rel=4e-16)


@pytest.mark.parametrize("name", ["entropy", "cross_entropy", "kl_divergence"])
def test_sums_over_random_distributions(name):
    rng = np.random.default_rng(1)
    p = rng.dirichlet(np.ones(7), 30)
    q = rng.dirichlet(np.ones(7), 30)
    p[::3, 2] = 0.0
    p[1::4, 0] = 1e-310
    args = (p,) if name == "entropy" else (p, q)
    got = getattr(f, name)(*args)
    reference, _ = REFERENCES[name]
    with mpmath.workdps(60):
        for row, value in enumerate(got):
            terms = [reference(*(mpmath.mpf(float(a[row, k])) for a in args)) for k in range(7)]
            exact, size = sum(terms), sum(abs(t) for t in terms)
            # summing costs up to ~n eps of the sum of |terms|
            assert abs(mpmath.mpf(float(value)) - exact) <= 8 * 2.0**-53 * size


def test_generated_code_equals_the_conclusion_it_came_from():
    rng = np.random.default_rng(2)
    for name in NAMES:
        form = export.formula(name)
        textbook = sp.lambdify(form.symbols, form.sign * form.textbook, "mpmath")
        lows = {"eta": -30.0}
        points = [
            [
                rng.uniform(lows.get(str(s), 0.01), 30.0 if str(s) == "eta" else 0.99)
                for s in form.symbols
            ]
            for _ in range(20)
        ]
        args = [np.array(column) for column in zip(*points, strict=True)]
        got = _call(name, args)
        with mpmath.workdps(50):
            for value, point in zip(got, points, strict=True):
                exact = float(textbook(*(mpmath.mpf(v) for v in point)))
                assert value == pytest.approx(exact, rel=1e-13), (name, point)


def test_zero_log_zero_and_infinite_divergence():
    assert f.entropy([0.0, 1.0]) == 0.0
    assert f.kl_divergence([0.0, 1.0], [0.0, 1.0]) == 0.0
    assert f.kl_divergence([0.5, 0.5], [1.0, 0.0]) == np.inf
    assert f.cross_entropy([0.5, 0.5], [1.0, 0.0]) == np.inf
    assert f.cross_entropy([0.0, 1.0], [0.0, 1.0]) == 0.0
    assert f.cross_entropy_grad(0.0, 0.0) == 0.0
    assert f.cross_entropy_grad(0.5, 0.0) == -np.inf
    assert f.binary_cross_entropy(0.0, 0.0) == 0.0
    assert f.binary_cross_entropy(1.0, 0.0) == np.inf
    np.testing.assert_array_equal(f.binary_cross_entropy_grad([0, 1], [0, 1]), [1.0, -1.0])


#: inputs scipy.special gives a value for: negatives, nan, inf, zeros, beside ordinary ones
_ODD = np.array([-1.0, -0.0, 0.0, 1e-310, 0.3, 1.0, 2.0, np.inf, np.nan])
#: the exported sums and the scipy.special function whose sum they are
_SCIPY = {
    "entropy": lambda p: sc.entr(p),
    "kl_divergence": lambda p, q: sc.rel_entr(p, q),
    "cross_entropy": lambda p, q: -sc.xlogy(p, q),
}


@pytest.mark.parametrize("name", list(_SCIPY))
def test_sums_follow_scipy_special_outside_the_domain(name):
    """Every pair of odd inputs, one term at a time: the value scipy.special's function
    gives (nan where it gives nan)."""
    arity = 1 if name == "entropy" else 2
    points = np.array(list(itertools.product(_ODD, repeat=arity)))
    args = [points[:, k] for k in range(arity)]
    with np.errstate(all="ignore"):
        expected = _SCIPY[name](*args)
    for got in (getattr(f, name)(*(a[:, None] for a in args)), _call_each(name, args)):
        np.testing.assert_allclose(got, expected, rtol=1e-15, atol=0)


@pytest.mark.parametrize(
    "call",
    [
        lambda: f.binary_cross_entropy(1.5, 0.5),
        lambda: f.binary_cross_entropy_grad(0.5, -0.5),
        lambda: f.cross_entropy_grad(-0.5, 0.5),
        lambda: f.logistic_loss(3.0, -0.5),
        lambda: f.logistic_loss_grad(3.0, 1.5),
        lambda: f.logistic_loss(np.nan, 0.5),
        lambda: f.kl_divergence([0.5, 0.5], [np.nan, 1.0]),
    ],
)
def test_functions_scipy_lacks_give_nan_outside_the_domain(call):
    assert np.isnan(call())


def test_nan_stays_where_it_is():
    got = f.binary_cross_entropy_grad([0.2, np.nan, 0.4], [0.5, 0.5, 0.5])
    assert np.isnan(got[1]) and np.isfinite(got[[0, 2]]).all()


def test_validate_names_the_argument_and_index():
    with pytest.raises(ValueError, match=r"argument 'q' at index \(1, 0\) is -0\.5"):
        f.kl_divergence([[0.5, 0.5], [0.5, 0.5]], [[0.5, 0.5], [-0.5, 1.5]], validate=True)
    with pytest.raises(ValueError, match=r"argument 'p' at index \(0, 1\) is -0\.1"):
        f.entropy([[0.5, -0.1], [0.5, 1.1]], axis=0, validate=True)
    with pytest.raises(ValueError, match=r"argument 'y' at index \(2,\) .* in \[0, 1\]"):
        f.logistic_loss([0.0, 1.0, 2.0], [0.0, 1.0, 1.5], validate=True)
    with pytest.raises(ValueError, match=r"argument 'p' at index \(\) .* sums to 0\.9"):
        f.entropy([0.4, 0.5], validate=True)
    assert f.entropy([0.4, 0.5]) == pytest.approx(-(0.4 * np.log(0.4) + 0.5 * np.log(0.5)))


def test_shapes_dtypes_and_axis():
    rng = np.random.default_rng(3)
    p = rng.dirichlet(np.ones(4), (3, 5))
    q = rng.dirichlet(np.ones(4), 5)
    assert f.kl_divergence(p, q).shape == (3, 5)
    np.testing.assert_allclose(
        f.kl_divergence(
            np.moveaxis(p, -1, 0), np.moveaxis(np.broadcast_to(q, p.shape), -1, 0), axis=0
        ),
        f.kl_divergence(p, q),
        rtol=1e-15,
    )
    assert f.logistic_loss([[1.0], [2.0]], [0.0, 1.0, 0.3]).shape == (2, 3)
    assert f.entropy(p.astype(np.float32)).dtype == np.float32
    assert f.logistic_loss(np.float32(2.0), np.float32(1.0)).dtype == np.float32
    assert f.logistic_loss(2, 1).dtype == np.float64
    assert isinstance(f.logistic_loss(2.0, 1.0), np.floating)
    with pytest.raises(TypeError, match="argument 'eta' must be real numbers"):
        f.logistic_loss("a", 1.0)


def test_long_distribution_spans_blocks():
    rng = np.random.default_rng(4)
    p = rng.dirichlet(np.ones(3 * 2**15 + 7))
    q = rng.dirichlet(np.ones(p.size))
    p[5] = 0.0
    expected = np.sum(p[p > 0] * np.log(p[p > 0] / q[p > 0]))
    assert f.kl_divergence(p, q) == pytest.approx(expected, rel=1e-12)


def test_module_is_reproducible_and_committed():
    source = export.module_source()
    assert source == export.module_source()
    committed = export.module_source(package=True)
    assert (ROOT / "symkl" / "functions.py").read_text() == committed, (
        "symkl/functions.py is stale: run python -c 'from pathlib import Path; from symkl import "
        'export; export.write_module(Path("symkl/functions.py"), package=True)\''
    )


def test_cli_writes_a_standalone_ruff_clean_module(tmp_path):
    out = tmp_path / "kl_numeric.py"
    assert main(["export", "-o", str(out)]) == 0
    first = out.read_bytes()
    assert main(["export", "-o", str(out)]) == 0
    assert out.read_bytes() == first
    ruff = Path(sys.executable).parent / "ruff"
    # ruff's default rules, and the formatting of this project (line length 100)
    for command in (["check", "--no-cache"], ["format", "--check", "--line-length", "100"]):
        run = subprocess.run(
            [ruff, *command, str(out)], capture_output=True, text=True, cwd=tmp_path
        )
        assert run.returncode == 0, run.stdout + run.stderr
    # import without sympy (and without symkl) on the path
    script = (
        "import sys; sys.modules['sympy'] = None; sys.path.insert(0, sys.argv[1]);"
        "import kl_numeric as k; print(k.kl_divergence([0.5, 0.5], [0.9, 0.1]))"
    )
    run = subprocess.run(
        [sys.executable, "-I", "-c", script, str(tmp_path)], capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    assert float(run.stdout) == pytest.approx(0.5 * np.log(0.5 / 0.9) + 0.5 * np.log(5))


def test_cli_selects_functions_and_rejects_unknown(tmp_path, capsys):
    out = tmp_path / "some.py"
    assert main(["export", "-o", str(out), "logistic_loss", "cross_entropy_grad"]) == 0
    text = out.read_text()
    assert "def logistic_loss(" in text and "def cross_entropy_grad(" in text
    assert "def logistic_loss_grad(" not in text and "def entropy(" not in text
    assert main(["export", "-o", str(out), "nope"]) == 2
    assert "nothing to export for 'nope'" in capsys.readouterr().err
    assert out.read_text() == text
    assert main(["export", "-o", str(tmp_path / "missing" / "x.py")]) == 2
    assert list(tmp_path.iterdir()) == [out]


def test_source_for():
    source = export.source_for("binary_cross_entropy_grad")
    assert "def binary_cross_entropy_grad(" in source and "def binary_cross_entropy(" in source
    assert "guard(out, (alpha == 0.0) & (beta == 0.0), 1.0)" in source
    assert export.source_for("no_such_derivation") is None


#: (shape, axis, keepdims): every kind of reduction numpy's sum takes, empty ones included
_REDUCTIONS = [
    ((3, 4, 5), -1, False),
    ((3, 4, 5), 0, True),
    ((3, 4, 5), (0, 2), False),
    ((3, 4, 5), (-1, 0), True),
    ((3, 4, 5), None, False),
    ((3, 4, 5), None, True),
    ((3, 0), -1, False),
    ((3, 0), 0, True),
    ((0, 4), -1, True),
    ((0, 4), None, False),
    ((5,), 0, False),
]


@pytest.mark.parametrize("name", list(_SCIPY))
@pytest.mark.parametrize("shape, axis, keepdims", _REDUCTIONS)
def test_axes_keepdims_and_empty_axes_as_numpy_sum(name, shape, axis, keepdims):
    rng = np.random.default_rng(5)
    args = [rng.random(shape) for _ in range(1 if name == "entropy" else 2)]
    expected = _SCIPY[name](*args).sum(axis=axis, keepdims=keepdims)
    got = getattr(f, name)(*args, axis=axis, keepdims=keepdims)
    assert np.shape(got) == np.shape(expected)
    np.testing.assert_allclose(got, expected, rtol=1e-13, atol=0)


def test_bad_axes_raise_as_numpy_does():
    with pytest.raises(np.exceptions.AxisError):
        f.entropy(np.ones((2, 3)), axis=2)
    with pytest.raises(ValueError, match="repeated axis"):
        f.entropy(np.ones((2, 3)), axis=(1, -1))
    with pytest.raises(TypeError, match="axis must be an int"):
        f.entropy(np.ones((2, 3)), axis=1.0)


@pytest.mark.parametrize("base", [2, 10, np.e, 0.5])
def test_base_matches_scipy_stats(base):
    rng = np.random.default_rng(6)
    p, q = rng.dirichlet(np.ones(6), 4), rng.dirichlet(np.ones(6), 4)
    for got, expected in (
        (f.entropy(p, base=base), scipy.stats.entropy(p, base=base, axis=-1)),
        (f.kl_divergence(p, q, base=base), scipy.stats.entropy(p, q, base=base, axis=-1)),
        (f.cross_entropy(p, q, base=base), -sc.xlogy(p, q).sum(axis=-1) / np.log(base)),
    ):
        np.testing.assert_allclose(got, expected, rtol=1e-13)
    for bad in (1, 0, -2, np.inf, np.nan):
        with pytest.raises(ValueError, match="base must be positive"):
            f.entropy(p, base=bad)


def test_masked_entries_are_left_out_as_numpy_ma_does():
    rng = np.random.default_rng(7)
    data = rng.random((4, 5))
    data[0, 1] = -3.0  # masked, so neither nan nor -inf
    mask = np.zeros((4, 5), bool)
    mask[0, 1] = mask[2, :] = True
    p = np.ma.masked_array(data, mask=mask)
    got = f.entropy(p, validate=False)
    expected = np.ma.masked_array(sc.entr(np.where(mask, 0.5, data)), mask=mask).sum(axis=-1)
    assert isinstance(got, np.ma.MaskedArray)
    np.testing.assert_array_equal(got.mask, expected.mask)
    np.testing.assert_allclose(got.compressed(), expected.compressed(), rtol=1e-14)
    loss = f.logistic_loss(np.ma.masked_array([1.0, 2.0], mask=[0, 1]), 0.5)
    np.testing.assert_array_equal(loss.mask, [False, True])
    # validate=True looks only at unmasked entries
    with pytest.raises(ValueError, match=r"argument 'p' at index \(1, 0\)"):
        f.entropy(
            np.ma.masked_array([[-1.0, 1.0], [-1.0, 2.0]], mask=[[1, 0], [0, 0]]), validate=True
        )


def test_docstring_examples_hold():
    for module in (f, logit_runtime):
        failures, tried = doctest.testmod(module, extraglobs={"np": np})
        assert tried > 0 and failures == 0, module.__name__


LOGIT_NAMES = list(export.LOGIT_FUNCTIONS)


def _within_bound(name, got, args, exact, condition):
    """4 ULP; for the gradient, where its two terms cancel by more than 2^8 (the
    longdouble redo's reach), an error below 4 ULP of the larger term instead."""
    errors = row_ulp_errors(name, got, args, exact)
    return errors if condition is None else np.where(condition > 2**8, errors / condition, errors)


@pytest.mark.parametrize("name", LOGIT_NAMES)
def test_logit_functions_on_adversarial_grids(name):
    """Rows of logits to +-1e5 and -inf, labels one ULP from one-hot, zq within 1e-8 and
    2^-52 of zp: the whole grid at once and each row alone."""
    fn = getattr(f, name)
    for args in row_grid(name):
        exact = row_references(name, args)
        condition = softmax_grad_condition(args) if name.endswith("_grad") else None
        each = [fn(*(a[k] for a in args)) for k in range(len(args[0]))]
        for got in (fn(*args), each):
            errors = _within_bound(name, got, args, exact, condition)
            worst = int(np.argmax(errors))
            assert errors[worst] <= 4, f"{name}: {errors[worst]:.3g} ULP (flat index {worst})"


def test_logit_gaps_past_the_range_of_exp():
    assert f.softmax_cross_entropy([0.0, 800.0], [1.0, 0.0]) == 800.0
    assert f.softmax_cross_entropy([0.0, 1e5], [1.0, 0.0]) == 1e5
    assert f.softmax_cross_entropy([0.0, 1e5], [0.0, 1.0]) == 0.0
    np.testing.assert_array_equal(f.log_softmax([0.0, 1e5]), [-1e5, 0.0])
    assert f.kl_divergence_logits([0.0, 1e5], [1e5, 0.0]) == 1e5
    np.testing.assert_array_equal(f.softmax_cross_entropy_grad([0.0, 1e5], [1.0, 0.0]), [-1, 1])


@pytest.mark.parametrize("seed", range(3))
def test_logit_functions_agree_with_the_probability_ones(seed):
    """Numeric twins: through softmax, the logit functions are the cross-entropy and the KL
    divergence of symkl.functions; the gradient is the central difference of the loss."""
    rng = np.random.default_rng(seed)
    z, zq = rng.normal(0, 3, (2, 5, 6))
    y = rng.dirichlet(np.ones(6), 5)
    softmax = np.exp(f.log_softmax(z))
    np.testing.assert_allclose(softmax.sum(axis=-1), 1, rtol=1e-15)
    np.testing.assert_allclose(
        f.softmax_cross_entropy(z, y), f.cross_entropy(y, softmax), rtol=1e-14
    )
    np.testing.assert_allclose(
        f.kl_divergence_logits(z, zq),
        f.kl_divergence(softmax, np.exp(f.log_softmax(zq))),
        rtol=1e-12,
    )
    grad = f.softmax_cross_entropy_grad(z, y)
    np.testing.assert_allclose(grad.sum(axis=-1), 0, atol=1e-15)
    h = 1e-6
    for i in range(6):
        step = np.zeros(6)
        step[i] = h
        slope = (f.softmax_cross_entropy(z + step, y) - f.softmax_cross_entropy(z - step, y)) / (
            2 * h
        )
        np.testing.assert_allclose(grad[:, i], slope, atol=1e-8)


def test_logit_conventions():
    np.testing.assert_array_equal(f.log_softmax([0.0, -np.inf]), [0.0, -np.inf])
    assert f.softmax_cross_entropy([0.0, -np.inf], [1.0, 0.0]) == 0.0
    assert f.softmax_cross_entropy([0.0, -np.inf], [0.0, 1.0]) == np.inf
    assert f.kl_divergence_logits([0.0, -np.inf], [0.0, 0.0]) == pytest.approx(np.log(2))
    assert f.kl_divergence_logits([0.0, 0.0], [0.0, -np.inf]) == np.inf
    for bad in (np.nan, np.inf):
        assert np.isnan(f.log_softmax([0.0, bad])).all()
        assert np.isnan(f.softmax_cross_entropy([0.0, bad], [1.0, 0.0]))
        assert np.isnan(f.softmax_cross_entropy_grad([0.0, bad], [1.0, 0.0])).all()
        assert np.isnan(f.kl_divergence_logits([0.0, 0.0], [0.0, bad]))
    assert np.isnan(f.log_softmax([-np.inf, -np.inf])).all()
    assert np.isnan(f.softmax_cross_entropy([0.0, 1.0], [-0.5, 1.5]))
    assert np.isnan(f.softmax_cross_entropy_grad([0.0, 1.0], [-0.5, 1.5])[0])
    with pytest.raises(TypeError, match="masked arrays"):
        f.log_softmax(np.ma.masked_array([0.0, 1.0], mask=[0, 1]))


def test_logit_axes_shapes_and_dtypes():
    rng = np.random.default_rng(8)
    z, y = rng.normal(0, 3, (4, 3, 5)), rng.dirichlet(np.ones(4), (3, 5))
    y0 = np.moveaxis(y, -1, 0)
    np.testing.assert_array_equal(
        f.log_softmax(z, axis=0), np.moveaxis(f.log_softmax(np.moveaxis(z, 0, -1)), -1, 0)
    )
    assert f.softmax_cross_entropy(z, y0, axis=0).shape == (3, 5)
    assert f.softmax_cross_entropy_grad(z, y0, axis=0).shape == (4, 3, 5)
    assert f.kl_divergence_logits(z, z[::-1], axis=1).shape == (4, 5)
    assert f.softmax_cross_entropy(z[..., :0], y0[..., :0]).shape == (4, 3)
    assert f.log_softmax(np.zeros((2, 0))).shape == (2, 0)
    assert f.log_softmax(np.float32([1.0, 2.0])).dtype == np.float32
    assert f.softmax_cross_entropy([1.0, 2.0], [0.5, 0.5]).dtype == np.float64
    assert f.log_softmax(3.0) == 0.0
    with pytest.raises(np.exceptions.AxisError):
        f.log_softmax(z, axis=3)


def test_cli_exports_a_logit_function(tmp_path):
    out = tmp_path / "logits.py"
    assert main(["export", "-o", str(out), "softmax_cross_entropy"]) == 0
    text = out.read_text()
    assert '"softmax_cross_entropy",' in text and '"entropy",' not in text
    assert "def softmax_cross_entropy(" in text and "def entropy(" not in text


#: each gradient, the sum it differentiates (as a function of the argument varied), and
#: the argument it varies: numeric twins by central differences
_GRADIENTS = {
    "entropy_grad": (lambda p, q: f.entropy(p), 0),
    "cross_entropy_grad_p": (lambda p, q: f.cross_entropy(p, q), 0),
    "cross_entropy_grad": (lambda p, q: f.cross_entropy(p, q), 1),
    "kl_divergence_grad_p": (lambda p, q: f.kl_divergence(p, q), 0),
    "kl_divergence_grad_q": (lambda p, q: f.kl_divergence(p, q), 1),
}


@pytest.mark.parametrize("name", list(_GRADIENTS))
def test_gradients_are_central_differences_of_their_sums(name):
    """Each exported gradient against the central difference of the exported sum in one
    coordinate at a time (the coordinates independent, no renormalization)."""
    rng = np.random.default_rng(9)
    p, q = rng.dirichlet(np.ones(5), (2, 4))
    total, varied = _GRADIENTS[name]
    args = (q,) if name == "cross_entropy_grad_p" else (p,) if name == "entropy_grad" else (p, q)
    grad = getattr(f, name)(*args)
    h = 1e-6
    for i in range(5):
        step = np.zeros(5)
        step[i] = h
        up = [p + step, q] if varied == 0 else [p, q + step]
        down = [p - step, q] if varied == 0 else [p, q - step]
        slope = (total(*up) - total(*down)) / (2 * h)
        np.testing.assert_allclose(grad[:, i], slope, rtol=1e-7, atol=1e-8)


def test_gradient_conventions():
    assert f.entropy_grad(0.0) == np.inf  # -log p - 1 as p -> 0+
    np.testing.assert_array_equal(f.cross_entropy_grad_p([1.0, 0.0]), [0.0, np.inf])
    np.testing.assert_array_equal(
        f.kl_divergence_grad_p([0.5, 0.0, 0.5, 0.0], [0.5, 0.5, 0.0, 0.0]),
        [1.0, -np.inf, np.inf, np.nan],  # no limit at p = q = 0
    )
    np.testing.assert_array_equal(f.kl_divergence_grad_q([0.0, 0.5], [0.0, 0.0]), [0.0, -np.inf])
    for name in ("entropy_grad", "cross_entropy_grad_p"):
        assert np.isnan(getattr(f, name)(-0.5))
    assert f.kl_divergence_grad_p(0.7, 5e-324) == pytest.approx(np.log(0.7) - np.log(5e-324) + 1)


def test_log1p_by_twosum_is_within_one_ulp():
    """numeric_runtime._log1p (one np.log and a TwoSum correction, for rel_entr and
    log_ratio_plus) against mpmath, from subnormals to 1e5, and exact at 0 and inf."""
    rng = np.random.default_rng(0)
    x = np.concatenate([10.0 ** rng.uniform(-300, 5, 2000), [0.0, 5e-324, 2**-53, 1.0, np.inf]])
    out = np.empty_like(x)
    with np.errstate(all="ignore"):
        numeric_runtime._log1p(x.copy(), out, np.empty_like(x))
    assert out[-5] == 0.0 and out[-4] == 5e-324 and out[-1] == np.inf
    with mpmath.workdps(40):
        exact = [mpmath.log1p(mpmath.mpf(v)) for v in x[:-1]]
        pairs = zip(out[:-1], exact, strict=True)
        errors = [abs(mpmath.mpf(o) - e) / np.spacing(float(e)) for o, e in pairs]
    assert max(errors) <= 1.0
