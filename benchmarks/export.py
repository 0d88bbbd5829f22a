"""The exported functions against their peers, in one run: accuracy against mpmath on the
adversarial grids (float64 and float32), then time and peak memory against naive numpy
(the textbook formula), scipy.special and torch (one thread, if installed) at each size
and dtype. Prints ratios; not a test (timings vary by machine and load).

    python benchmarks/export.py [--sizes 1e3 1e5 1e7] [--dtypes float64 float32]
                                [--repeat 5] [--classes 100] [--no-accuracy] [NAME ...]

A ratio is exported / peer: below 1, the exported function is faster or takes less memory.
Times are the best of `--repeat` interleaved runs (peers take turns, so load slows them
alike), each run long enough (~2 ms) to be timed; memory is tracemalloc's peak during one
call, result included (torch allocates outside tracemalloc: no memory ratio for it). Sums
run over rows of `--classes` entries.
"""

import argparse
import time
import tracemalloc
from collections.abc import Callable

import numpy as np
import scipy.special as sc
import sympy as sp

import symkl.functions as f
from symkl.export import LOGIT_FUNCTIONS, SPECS, formula
from tests.accuracy import (
    REFERENCES,
    ROW_REFERENCES,
    grid,
    row_grid,
    row_ulp_errors,
    single_grid,
    softmax_grad_condition,
    ulp_errors,
)

try:
    import torch
    import torch.nn.functional as F
except ImportError:  # torch is an optional peer
    torch = None


def _naive(name: str) -> Callable:
    """lambdify of the textbook formula, summed along the last axis for the measures."""
    form = formula(name)
    elementwise = sp.lambdify(form.symbols, form.sign * form.textbook, "numpy")
    if form.summed:
        return lambda *a: elementwise(*a).sum(axis=-1)
    return elementwise


def _naive_log_softmax(z):
    return z - np.log(np.exp(z).sum(axis=-1, keepdims=True))


def _naive_softmax(z):
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


#: the textbook numpy forms of the logit functions (no formula to lambdify)
_NAIVE_LOGIT = {
    "log_softmax": _naive_log_softmax,
    "softmax_cross_entropy": lambda z, y: -(y * _naive_log_softmax(z)).sum(axis=-1),
    "softmax_cross_entropy_grad": lambda z, y: _naive_softmax(z) * y.sum(-1, keepdims=True) - y,
    "kl_divergence_logits": lambda zp, zq: (
        _naive_softmax(zp) * (_naive_log_softmax(zp) - _naive_log_softmax(zq))
    ).sum(axis=-1),
}

#: function -> scipy.special's form (numpy arrays in)
_SCIPY = {
    "entropy": lambda p: sc.entr(p).sum(axis=-1),
    "cross_entropy": lambda p, q: -sc.xlogy(p, q).sum(axis=-1),
    "kl_divergence": lambda p, q: sc.rel_entr(p, q).sum(axis=-1),
    "binary_cross_entropy": lambda a, b: -sc.xlogy(a, b) - sc.xlog1py(1 - a, -b),
    "logistic_loss_grad": lambda x, y: sc.expit(x) - y,
    "log_softmax": lambda z: sc.log_softmax(z, axis=-1),
    "softmax_cross_entropy": lambda z, y: -(y * sc.log_softmax(z, axis=-1)).sum(axis=-1),
    "softmax_cross_entropy_grad": lambda z, y: (
        sc.softmax(z, axis=-1) * y.sum(-1, keepdims=True) - y
    ),
    "kl_divergence_logits": lambda zp, zq: sc.rel_entr(
        sc.softmax(zp, axis=-1), sc.softmax(zq, axis=-1)
    ).sum(axis=-1),
}

#: function -> torch's form (tensors in)
_TORCH = {
    "entropy": lambda p: torch.special.entr(p).sum(-1),
    "cross_entropy": lambda p, q: -torch.special.xlogy(p, q).sum(-1),
    "kl_divergence": lambda p, q: F.kl_div(q.log(), p, reduction="none").sum(-1),
    "cross_entropy_grad": lambda p, q: -p / q,
    "cross_entropy_grad_p": lambda q: -torch.log(q),
    "entropy_grad": lambda p: -torch.log(p) - 1,
    "kl_divergence_grad_p": lambda p, q: torch.log(p / q) + 1,
    "kl_divergence_grad_q": lambda p, q: -p / q,
    "binary_cross_entropy": lambda a, b: F.binary_cross_entropy(b, a, reduction="none"),
    "logistic_loss": lambda x, y: F.binary_cross_entropy_with_logits(x, y, reduction="none"),
    "logistic_loss_grad": lambda x, y: torch.sigmoid(x) - y,
    "log_softmax": lambda z: torch.log_softmax(z, -1),
    "softmax_cross_entropy": lambda z, y: F.cross_entropy(z, y, reduction="none"),
    "softmax_cross_entropy_grad": lambda z, y: torch.softmax(z, -1) * y.sum(-1, keepdim=True) - y,
    "kl_divergence_logits": lambda zp, zq: F.kl_div(
        torch.log_softmax(zq, -1), torch.log_softmax(zp, -1), reduction="none", log_target=True
    ).sum(-1),
}


def _inputs(size: int, classes: int, rng: np.random.Generator) -> dict[str, tuple]:
    """float64 arguments of each function: distributions in rows of `classes`, labels,
    logits."""
    rows = max(1, size // classes)
    p, q = rng.dirichlet(np.ones(classes), rows), rng.dirichlet(np.ones(classes), rows)
    a, b = rng.random(size), rng.uniform(0.001, 0.999, size)
    eta, y = rng.normal(0, 5, size), rng.integers(0, 2, size).astype(float)
    z, zq = rng.normal(0, 3, (2, rows, classes))
    pair = (p, q)
    return {
        "entropy": (p,),
        "cross_entropy": pair,
        "kl_divergence": pair,
        "cross_entropy_grad": pair,
        "cross_entropy_grad_p": (q,),
        "entropy_grad": (p,),
        "kl_divergence_grad_p": pair,
        "kl_divergence_grad_q": pair,
        "binary_cross_entropy": (a, b),
        "binary_cross_entropy_grad": (a, b),
        "logistic_loss": (eta, y),
        "logistic_loss_grad": (eta, y),
        "log_softmax": (z,),
        "softmax_cross_entropy": (z, p),
        "softmax_cross_entropy_grad": (z, p),
        "kl_divergence_logits": (z, zq),
    }


def _time(candidates: dict[str, Callable], repeat: int) -> dict[str, float]:
    """Best time per call of each candidate, in turns; each run loops until ~2 ms."""
    loops = {}
    for label, fn in candidates.items():
        start, count = time.perf_counter(), 0
        while time.perf_counter() - start < 2e-3 or count == 0:
            fn()
            count += 1
        loops[label] = count
    best = dict.fromkeys(candidates, float("inf"))
    for _ in range(repeat):
        for label, fn in candidates.items():
            start = time.perf_counter()
            for _ in range(loops[label]):
                fn()
            best[label] = min(best[label], (time.perf_counter() - start) / loops[label])
    return best


def _peak(fn: Callable) -> int:
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _candidates(name: str, args: tuple) -> dict[str, Callable]:
    naive = _NAIVE_LOGIT[name] if name in _NAIVE_LOGIT else _naive(name)
    found = {
        "exported": lambda: getattr(f, name)(*args),
        "naive": lambda: naive(*args),
    }
    if name in _SCIPY:
        found["scipy"] = lambda: _SCIPY[name](*args)
    if torch is not None and name in _TORCH:
        tensors = [torch.from_numpy(np.ascontiguousarray(a)) for a in args]
        found["torch"] = lambda: _TORCH[name](*tensors)
    return found


def _speed_line(name: str, args: tuple, repeat: int) -> str:
    candidates = _candidates(name, args)
    with np.errstate(all="ignore"):
        best = _time(candidates, repeat)
        memory = {k: _peak(fn) for k, fn in candidates.items() if k != "torch"}
    ours = best.pop("exported")
    mine = memory.pop("exported")
    times = "  ".join(f"{k} {ours / t:5.2f}" for k, t in best.items())
    memories = "  ".join(f"{k} {mine / m:5.2f}" for k, m in memory.items())
    return f"{name:27s} {ours * 1e6:10.1f}us  time x {times:40s} memory x {memories}"


def _accuracy_lines() -> list[str]:
    lines = [f"{'function':27s} {'float64':>9s} {'float32':>9s}  worst ULP against mpmath"]
    for name in REFERENCES:
        worst = []
        for args in (grid(name), single_grid(name)):
            fn = getattr(f, name)
            got = fn(*(a[:, None] for a in args)) if REFERENCES[name][1] else fn(*args)
            worst.append(ulp_errors(name, got, args).max())
        lines.append(f"{name:27s} {worst[0]:9.2f} {worst[1]:9.2f}")
    for name in ROW_REFERENCES:
        worst = []
        for dtype in (np.float64, np.float32):
            errors = []
            for args in row_grid(name):
                args = [a.astype(dtype) for a in args]
                e = row_ulp_errors(name, getattr(f, name)(*args), args)
                if name.endswith("_grad"):  # beyond a 2^8 cancellation: ULP of the larger term
                    condition = softmax_grad_condition(args)
                    e = np.where(condition > 2**8, e / condition, e)
                errors.append(e.max())
            worst.append(max(errors))
        lines.append(f"{name:27s} {worst[0]:9.2f} {worst[1]:9.2f}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", type=float, default=[1e3, 1e5, 1e7])
    parser.add_argument("--dtypes", nargs="+", default=["float64", "float32"])
    parser.add_argument("--classes", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-accuracy", action="store_true", help="skip the mpmath grids")
    parser.add_argument("names", nargs="*", help="functions to time (default: all)")
    opts = parser.parse_args()
    names = opts.names or [s.name for s in SPECS] + list(LOGIT_FUNCTIONS)
    if torch is not None:
        torch.set_num_threads(1)
    if not opts.no_accuracy:
        print("\n".join(_accuracy_lines()), flush=True)
    peers = "naive numpy, scipy.special" + (", torch (1 thread)" if torch else " (no torch)")
    print(f"\ntime and peak memory, exported / peer ({peers}); best of {opts.repeat}")
    rng = np.random.default_rng(0)
    for size in opts.sizes:
        inputs = _inputs(int(size), opts.classes, rng)
        for dtype in opts.dtypes:
            print(f"N = {size:.0e} {dtype}", flush=True)
            for name in names:
                args = tuple(a.astype(dtype) for a in inputs[name])
                print(_speed_line(name, args, opts.repeat), flush=True)


if __name__ == "__main__":
    main()
