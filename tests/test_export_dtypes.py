"""symkl.functions across dtypes and array sizes: float32 accuracy against mpmath measured in
float32 ULP, the dtypes results come back in, the extra memory a call takes, and the same
value from the small-array path and the block path."""

import tracemalloc

import numpy as np
import pytest

import symkl.functions as f
from symkl import export, numeric_runtime
from tests.accuracy import (
    REFERENCES,
    row_grid,
    row_ulp_errors,
    single_grid,
    softmax_grad_condition,
    ulp_errors,
)
from tests.accuracy import grid as double_grid

NAMES = [s.name for s in export.SPECS]


def _call(name, args):
    """Sums take each grid point as a one-entry distribution (axis of length 1)."""
    if REFERENCES[name][1]:
        return getattr(f, name)(*(a[:, None] for a in args))
    return getattr(f, name)(*args)


@pytest.mark.parametrize("name", NAMES)
def test_float32_accuracy_on_adversarial_grid(name):
    """float32 in, float32 out, within 4 float32 ULP of mpmath: the whole grid (whose edge
    points send it down the general path) and each point alone (the small-array path)."""
    args = single_grid(name)
    whole = _call(name, args)
    each = np.concatenate(
        [np.ravel(_call(name, [a[k : k + 1] for a in args])) for k in range(len(args[0]))]
    )
    assert whole.dtype == each.dtype == np.float32
    errors = np.maximum(ulp_errors(name, whole, args), ulp_errors(name, each, args))
    worst = int(np.argmax(errors))
    point = [float(a[worst]) for a in args]
    assert errors[worst] <= 4, f"{name}{point}: {errors[worst]:.3g} float32 ULP"


@pytest.mark.parametrize("name", list(export.LOGIT_FUNCTIONS))
def test_float32_logit_functions_on_adversarial_grids(name):
    fn = getattr(f, name)
    for args in row_grid(name):
        args = [a.astype(np.float32) for a in args]
        got = fn(*args)
        assert got.dtype == np.float32
        errors = row_ulp_errors(name, got, args)
        if name.endswith("_grad"):  # as in test_export: beyond 2^8, ULP of the larger term
            condition = softmax_grad_condition(args)
            errors = np.where(condition > 2**8, errors / condition, errors)
        assert errors.max() <= 4, f"{name}: {errors.max():.3g} float32 ULP"


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_small_and_block_paths_give_the_same_values(name, dtype):
    """The grid tiled past one block (the block path, per-block conversion for float32)
    against each tile's first copy alone (the small-array path): the same floats."""
    args = double_grid(name) if dtype == np.float64 else single_grid(name)
    copies = numeric_runtime.SMALL // len(args[0]) + 2
    small = _call(name, args)
    large = _call(name, [np.tile(a, copies) for a in args])
    np.testing.assert_array_equal(large, np.tile(small, copies))


@pytest.mark.parametrize(
    "inputs, dtype",
    [
        ((np.float32([0.5, 0.5]), np.float32([0.9, 0.1])), np.float32),
        ((np.float16([0.5, 0.5]), np.float16([0.9, 0.1])), np.float16),
        ((np.float32([0.5, 0.5]), np.float64([0.9, 0.1])), np.float64),
        ((np.float16([0.5, 0.5]), np.float32([0.9, 0.1])), np.float32),
        ((np.float32([0.5, 0.5]), 0.5), np.float32),  # a Python number does not promote
        (([1, 0], [0.5, 0.5]), np.float64),  # lists and integers: float64
        ((np.array([1, 0]), np.array([1, 1])), np.float64),
    ],
)
def test_the_result_has_the_arguments_dtype(inputs, dtype):
    for name in ("kl_divergence", "cross_entropy_grad", "binary_cross_entropy"):
        got = getattr(f, name)(*inputs)
        assert np.asarray(got).dtype == dtype, name
    big = [a if isinstance(a, float) else np.resize(a, numeric_runtime.SMALL + 3) for a in inputs]
    assert f.cross_entropy_grad(*big).dtype == dtype  # the block path too


def test_float16_is_rounded_once_from_float64():
    p = np.float16([0.1, 0.2, 0.7])
    exact = -np.sum(p.astype(np.float64) * np.log(p.astype(np.float64)))
    assert f.entropy(p) == np.float16(exact)


def test_longdouble_is_refused_in_one_line():
    with pytest.raises(TypeError, match=r"argument 'q' is float128.*q\.astype\(np\.float64\)"):
        f.kl_divergence([0.5, 0.5], np.array([0.5, 0.5], np.longdouble))
    with pytest.raises(TypeError, match=r"argument 'z' is float128"):
        f.log_softmax(np.zeros(3, np.longdouble))


def _extra_memory(call):
    """Peak memory traced during `call()`, less the size of its result."""
    tracemalloc.start()
    try:
        result = call()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return peak - np.asarray(result).nbytes


#: elements: far past the small path, so that the fixed cost of the block buffers (up to
#: ~6 MB where most elements of logistic_loss_grad are redone in np.longdouble) is below
#: one float32 input
_N = 1 << 22


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("name", NAMES)
def test_extra_memory_is_within_one_input(name, dtype):
    """Peak memory a call takes beyond its result: at most one input's size (float32 is
    converted a block at a time; sums over the first axis copy a block at a time)."""
    rng = np.random.default_rng(0)
    arity = len(export.formula(name).symbols)
    args = [rng.uniform(0.01, 0.99, (_N // 64, 64)).astype(dtype) for _ in range(arity)]
    function = getattr(f, name)
    extra = _extra_memory(lambda: function(*args))
    assert extra <= args[0].nbytes, f"{extra / args[0].nbytes:.2f} inputs"
    if export.formula(name).summed:
        extra = _extra_memory(lambda: function(*args, axis=0))
        assert extra <= args[0].nbytes, f"axis=0: {extra / args[0].nbytes:.2f} inputs"
