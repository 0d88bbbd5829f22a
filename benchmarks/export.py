"""Time the exported functions on 10^7 float64 elements against, in the same run, naive
`lambdify` of the textbook formula and the best library form; print the ratios.

    python benchmarks/export.py [--size 10000000] [--classes 100] [--repeat 9] [NAME ...]

Reductions (entropy, cross_entropy, kl_divergence) run over rows of `--classes` entries.
A ratio below 1 means the exported function is faster. Not a test: timings vary by machine.
"""

import argparse
import time

import numpy as np
import scipy.special as sc
import sympy as sp

import symkl.functions as f
from symkl.export import formula


def _interleaved(candidates: dict, repeat: int) -> dict[str, float]:
    """Best time of each candidate, running them in turn so that a busy machine slows
    all of them alike."""
    best = dict.fromkeys(candidates, float("inf"))
    for fn in candidates.values():
        fn()
    for _ in range(repeat):
        for label, fn in candidates.items():
            start = time.perf_counter()
            fn()
            best[label] = min(best[label], time.perf_counter() - start)
    return best


def _naive(name: str):
    """lambdify of the textbook formula, summed along the last axis for the measures."""
    form = formula(name)
    elementwise = sp.lambdify(form.symbols, form.sign * form.textbook, "numpy")
    if form.summed:
        return lambda *a: elementwise(*a).sum(axis=-1)
    return elementwise


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10**7)
    parser.add_argument("--classes", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("names", nargs="*", help="functions to time (default: all)")
    opts = parser.parse_args()
    rng = np.random.default_rng(0)
    rows = opts.size // opts.classes
    p = rng.dirichlet(np.ones(opts.classes), rows)
    q = rng.dirichlet(np.ones(opts.classes), rows)
    a, b = rng.random(opts.size), rng.uniform(0.001, 0.999, opts.size)
    eta = rng.normal(0, 5, opts.size)
    y = rng.integers(0, 2, opts.size).astype(float)

    cases = {
        "entropy": ((p,), {"scipy entr(p).sum": lambda: sc.entr(p).sum(axis=-1)}),
        "cross_entropy": (
            (p, q),
            {"scipy -xlogy(p, q).sum": lambda: -sc.xlogy(p, q).sum(axis=-1)},
        ),
        "kl_divergence": (
            (p, q),
            {"scipy rel_entr(p, q).sum": lambda: sc.rel_entr(p, q).sum(axis=-1)},
        ),
        "cross_entropy_grad": ((p, q), {"numpy -p / q": lambda: -p / q}),
        "binary_cross_entropy": (
            (a, b),
            {"scipy -xlogy - xlog1py": lambda: -sc.xlogy(a, b) - sc.xlog1py(1 - a, -b)},
        ),
        "binary_cross_entropy_grad": (
            (a, b),
            {"numpy (b - a) / (b (1 - b))": lambda: (b - a) / (b * (1 - b))},
        ),
        "logistic_loss": (
            (eta, y),
            {
                "numpy logaddexp(0, x) - x y": lambda: np.logaddexp(0, eta) - eta * y,
                "torch-style max(x,0) - x y + log1p(e^-|x|)": lambda: (
                    np.maximum(eta, 0) - eta * y + np.log1p(np.exp(-np.abs(eta)))
                ),
            },
        ),
        "logistic_loss_grad": ((eta, y), {"scipy expit(x) - y": lambda: sc.expit(eta) - y}),
    }
    print(f"{opts.size:.0e} float64 elements, best of {opts.repeat} interleaved runs;")
    print("ratio = exported time / other time (below 1: exported is faster)")
    print(f"{'function':27s} {'exported':>9s} {'naive':>9s} {'ratio':>6s}  best library form")
    for name, (args, library) in cases.items():
        if opts.names and name not in opts.names:
            continue
        naive_fn = _naive(name)
        candidates = {
            "exported": lambda name=name, args=args: getattr(f, name)(*args),
            "naive": lambda naive_fn=naive_fn, args=args: naive_fn(*args),
            **library,
        }
        with np.errstate(all="ignore"):
            best = _interleaved(candidates, opts.repeat)
        ours, naive = best.pop("exported"), best.pop("naive")
        line = f"{name:27s} {ours * 1e3:7.1f}ms {naive * 1e3:7.1f}ms {ours / naive:6.2f}"
        line += "  " + "; ".join(
            f"{label} {t * 1e3:.1f}ms ratio {ours / t:.2f}" for label, t in best.items()
        )
        print(line, flush=True)


if __name__ == "__main__":
    main()
