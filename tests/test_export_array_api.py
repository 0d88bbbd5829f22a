"""symkl export --target array-api: the module on numpy, torch and jax inputs, against mpmath
on the adversarial grids (4 ULP), under jax.jit, and differentiated by torch.autograd and
jax.grad against the derived gradients of symkl.functions."""

import importlib.util
import subprocess
import sys
from pathlib import Path

import mpmath
import numpy as np
import pytest

import symkl.functions as f
from symkl import export_array_api
from symkl.cli import main
from symkl.errors import SymklError
from tests.accuracy import _OF_ONE, DIGITS, REFERENCES, _mp, _ulps, grid

pytest.importorskip("array_api_compat")

NAMES = [name for name in REFERENCES if name != "logistic_loss_grad"]
#: where sigma(eta) and y cancel by ~2^5 (eta = +-36.7, y one ULP from 0 or 1) the array
#: API form is 5.1 ULP off: the numpy target redoes those points in np.longdouble, which
#: torch and jax lack
LOGISTIC_GRAD_ULP = 5.5
#: XLA on CPU flushes subnormals to zero: jax is held to the grid above this magnitude
#: (inputs, values and the differences the forms take)
JAX_FLOOR = 1e-290


@pytest.fixture(scope="module")
def module(tmp_path_factory):
    out = tmp_path_factory.mktemp("export") / "kl_array_api.py"
    assert main(["export", "--target", "array-api", "-o", str(out)]) == 0
    spec = importlib.util.spec_from_file_location("kl_array_api", out)
    loaded = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(loaded)
    return loaded


def _backends():
    """name -> (to the backend, back to numpy), for the libraries installed."""
    found = {"numpy": (np.asarray, np.asarray)}
    try:
        import torch

        found["torch"] = (torch.from_numpy, lambda t: t.detach().numpy())
    except ImportError:
        pass
    try:
        import jax
        import jax.numpy as jnp

        jax.config.update("jax_enable_x64", True)
        found["jax"] = (jnp.asarray, np.asarray)
    except ImportError:
        pass
    return found


BACKENDS = _backends()


@pytest.fixture(scope="module")
def exact():
    """mpmath values of every function on its grid, computed once."""
    cache = {}

    def values(name):
        if name not in cache:
            args = grid(name)
            with mpmath.workdps(DIGITS):
                cache[name] = [
                    REFERENCES[name][0](*(_mp(x) for x in p)) for p in zip(*args, strict=True)
                ]
        return cache[name]

    return values


def _call(module, name, args, to):
    fn = getattr(module, name)
    if REFERENCES[name][1]:  # a sum: each grid point is a distribution's one entry
        return fn(*(to(np.ascontiguousarray(a[:, None])) for a in args))
    return fn(*(to(a) for a in args))


@pytest.mark.parametrize("backend", list(BACKENDS))
@pytest.mark.parametrize("name", [*NAMES, "logistic_loss_grad"])
def test_grids_within_4_ulp(module, exact, name, backend):
    to, back = BACKENDS[backend]
    args = grid(name)
    got = back(_call(module, name, args, to))
    with mpmath.workdps(DIGITS):
        errors = np.array([_ulps(float(v), e) for v, e in zip(got, exact(name), strict=True)])
        keep = np.ones(len(errors), bool)
        if backend == "jax":
            for a in args:
                keep &= (a == 0) | (np.abs(a) > JAX_FLOOR)
            if len(args) == 2:
                keep &= (args[0] == args[1]) | (np.abs(args[0] - args[1]) > JAX_FLOOR)
            keep &= np.array([e == 0 or abs(e) > JAX_FLOOR for e in exact(name)])
    bound = LOGISTIC_GRAD_ULP if name == "logistic_loss_grad" else 4
    worst = errors[keep].max()
    assert worst <= bound, (name, backend, worst)


@pytest.mark.parametrize("backend", list(BACKENDS))
def test_results_have_the_callers_type_and_dtype(module, backend):
    to, _ = BACKENDS[backend]
    rows = np.array([[0.5, 0.5], [0.9, 0.1]], dtype=np.float32)
    p = to(rows)
    out = module.kl_divergence(p, to(rows[::-1].copy()))
    assert type(out) is type(p) and out.dtype == p.dtype and tuple(out.shape) == (2,)
    assert module.entropy(p, axis=None, keepdims=True).shape == (1, 1)
    assert float(module.entropy(p[:1], base=2)[0]) == pytest.approx(1.0)


def test_the_same_values_as_the_numpy_target(module):
    rng = np.random.default_rng(0)
    p, q = rng.dirichlet(np.ones(5), 4), rng.dirichlet(np.ones(5), 4)
    eta, y = rng.normal(0, 5, 20), rng.random(20)
    for name in NAMES:
        args = (eta, y) if name.startswith("logistic") else (p,) if name in _OF_ONE else (p, q)
        np.testing.assert_allclose(
            getattr(module, name)(*args), getattr(f, name)(*args), rtol=1e-15, atol=0
        )


def test_jax_jit_gives_the_same_values(module):
    jax = pytest.importorskip("jax")
    jnp = jax.numpy
    for name in NAMES:
        args = [jnp.asarray(a) for a in grid(name)]
        if REFERENCES[name][1]:
            args = [a[:, None] for a in args]
        fn = getattr(module, name)
        # XLA fuses the jitted expression: the same values to an ULP or two
        np.testing.assert_allclose(np.asarray(jax.jit(fn)(*args)), np.asarray(fn(*args)), 4e-16)


#: function, argument differentiated, the derived gradient (symkl.functions) as a function
#: of all the arguments
GRADIENTS = [
    ("entropy", 0, lambda p: f.entropy_grad(p)),
    ("cross_entropy", 0, lambda p, q: f.cross_entropy_grad_p(q)),
    ("cross_entropy", 1, f.cross_entropy_grad),
    ("kl_divergence", 0, f.kl_divergence_grad_p),
    ("kl_divergence", 1, f.kl_divergence_grad_q),
    ("binary_cross_entropy", 1, f.binary_cross_entropy_grad),
    ("logistic_loss", 0, f.logistic_loss_grad),
]


def _interior(name):
    """Grid points where every argument is inside the open domain and normal."""
    args = grid(name)
    keep = np.ones(len(args[0]), bool)
    for a in args[1:] if name.startswith("logistic") else args:
        keep &= (a > 1e-290) & (a < 1)
    if name.startswith("logistic"):
        keep &= np.abs(args[0]) < 700
    return [a[keep] for a in args]


def _close(auto, derived):
    # the derived forms are accurate to a few ULP; autodiff of the stable form loses digits
    # where its terms cancel (log(p/q) + 1 near p/q = 1/e): relative to the terms' size
    np.testing.assert_allclose(auto, derived, rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize(("name", "wrt", "derived"), GRADIENTS)
def test_jax_grad_matches_the_derived_gradient(module, name, wrt, derived):
    jax = pytest.importorskip("jax")
    args = _interior(name)
    fn = getattr(module, name)
    summed = REFERENCES[name][1]

    def total(*a):
        value = fn(*a)
        return value.sum() if not summed else value

    columns = [jax.numpy.asarray(a[:, None] if summed else a) for a in args]
    auto = np.ravel(
        jax.grad(lambda x: total(*columns[:wrt], x, *columns[wrt + 1 :]).sum())(columns[wrt])
    )
    _close(auto, derived(*args))


@pytest.mark.parametrize(("name", "wrt", "derived"), GRADIENTS)
def test_torch_autograd_matches_the_derived_gradient(module, name, wrt, derived):
    torch = pytest.importorskip("torch")
    args = _interior(name)
    tensors = [torch.tensor(a, requires_grad=k == wrt) for k, a in enumerate(args)]
    fn = getattr(module, name)
    value = fn(*(t[:, None] for t in tensors)) if REFERENCES[name][1] else fn(*tensors)
    value.sum().backward()
    _close(tensors[wrt].grad.numpy(), derived(*args))


@pytest.mark.parametrize("name", NAMES)
def test_torch_gradcheck(module, name):
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(1)
    if name.startswith("logistic"):
        args = (rng.normal(0, 3, 6), rng.uniform(0.1, 0.9, 6))
    else:
        args = tuple(rng.uniform(0.05, 0.95, 6) for _ in range(1 if name in _OF_ONE else 2))
    tensors = tuple(torch.tensor(a, requires_grad=True) for a in args)
    assert torch.autograd.gradcheck(getattr(module, name), tensors)


@pytest.mark.parametrize("backend", [b for b in ("torch", "jax") if b in BACKENDS])
@pytest.mark.parametrize("name", [n for n in NAMES if not n.endswith(("_grad", "_grad_p", "_q"))])
def test_gradients_are_never_nan_where_the_value_is_finite(module, name, backend):
    """The double where: at the guarded points (p = 0, q = 0, eta = 0) and at every grid
    point, a finite value has a gradient that is not nan, in each argument."""
    args = grid(name)
    finite = np.isfinite(np.ravel(_call(module, name, args, np.asarray)))
    args = [a[finite] for a in args]
    fn = getattr(module, name)
    summed = REFERENCES[name][1]
    for wrt in range(len(args)):
        if backend == "torch":
            import torch

            tensors = [torch.tensor(a, requires_grad=k == wrt) for k, a in enumerate(args)]
            value = fn(*(t[:, None] for t in tensors)) if summed else fn(*tensors)
            value.sum().backward()
            grad = tensors[wrt].grad.numpy()
        else:
            import jax

            columns = [jax.numpy.asarray(a[:, None] if summed else a) for a in args]

            def total(x, w=wrt, columns=columns):
                return fn(*columns[:w], x, *columns[w + 1 :]).sum()

            grad = np.asarray(jax.grad(total)(columns[wrt]))
        assert not np.isnan(grad).any(), (name, backend, wrt)


def test_cli_writes_a_ruff_clean_module_without_sympy(tmp_path):
    out = tmp_path / "kl_api.py"
    assert main(["export", "--target", "array-api", "-o", str(out), "kl_divergence"]) == 0
    ruff = Path(sys.executable).parent / "ruff"
    run = subprocess.run([ruff, "check", "--no-cache", str(out)], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout
    script = (
        "import sys; sys.modules['sympy'] = None; sys.path.insert(0, sys.argv[1]);"
        "import kl_api; print(kl_api.kl_divergence([0.5, 0.5], [0.5, 0.5]))"
    )
    run = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path)], capture_output=True, text=True
    )
    assert run.stdout.strip() == "0.0", run.stderr
    assert export_array_api.module_source(["kl_divergence"]) == out.read_text()


def test_logit_functions_are_refused_with_one_line(capsys, tmp_path):
    with pytest.raises(SymklError, match="no array-API form"):
        export_array_api.module_source(["log_softmax"])
    out = str(tmp_path / "x.py")
    assert main(["export", "--target", "array-api", "-o", out, "log_softmax"]) == 2
    assert capsys.readouterr().err.count("\n") == 1
