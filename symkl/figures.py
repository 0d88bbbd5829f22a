"""Figures for reports: byte-reproducible SVG and PDF from matplotlib (Agg, no pyplot).

A derivation module may define ``figures(derivation) -> dict[str, Figure]``: caption ->
matplotlib Figure, drawn from the derived expressions (use `curve` to evaluate one).
Build figures with `figure()` or `matplotlib.figure.Figure`, not pyplot: no global
state, no GUI backend, and nothing left open between reports.
`symkl report` calls it inside `STYLE`, so figures built with `figure()` share one look,
and saves each as SVG (for Markdown) and PDF (for LaTeX) with fixed metadata.

## Main definitions
- `STYLE`:    rcParams for every report figure (fonts, sizes, reproducibility).
- `rc_context`: `STYLE` in force, for drawing and saving.
- `figure`:   a new Figure with `ncols` axes side by side.
- `curve`:    a derived expression as a numpy function of one variable, others fixed.
- `asymptote`: the line a * x + b that `expr` approaches as x -> +oo or -oo, by limits.
- `render`:   a Figure as {"svg": bytes, "pdf": bytes}, identical on every run.
"""

import contextlib
import io
from collections.abc import Callable

import matplotlib
import numpy as np
import sympy as sp
from matplotlib.figure import Figure

from symkl.asymptotes import line

__all__ = ["STYLE", "rc_context", "figure", "curve", "asymptote", "render"]

STYLE = {
    "font.size": 9,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "legend.frameon": False,
    "lines.linewidth": 1.6,
    "figure.dpi": 100,
    # reproducible bytes: fixed SVG ids, text as paths, embedded TrueType in PDF
    "svg.hashsalt": "symkl",
    "svg.fonttype": "path",
    "pdf.fonttype": 42,
    "pdf.compression": 6,
}

#: metadata None means "leave the key out": no dates, no version strings
METADATA = {
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "ModDate": None, "Creator": None, "Producer": None},
}


def rc_context() -> contextlib.AbstractContextManager:
    """A context in which `STYLE` holds; figures read some rcParams when they are made."""
    return matplotlib.rc_context(STYLE)


def figure(ncols: int = 1, width: float = 6.4, height: float = 3.0) -> tuple[Figure, list]:
    """A Figure (not registered with pyplot) and its `ncols` axes, laid out tightly."""
    fig = Figure(figsize=(width, height), layout="constrained")
    return fig, list(np.atleast_1d(fig.subplots(1, ncols)))


def curve(expr: sp.Expr, variable: sp.Symbol, **fixed: float) -> Callable[[np.ndarray], np.ndarray]:
    """`expr` as a vectorized numpy function of `variable`, other symbols set by name."""
    values = {s: fixed[s.name] for s in expr.free_symbols if s.name in fixed}
    rest = expr.free_symbols - set(values) - {variable}
    if rest:
        names = ", ".join(sorted(s.name for s in rest))
        raise ValueError(f"curve of {expr}: give a value for {names}")
    f = sp.lambdify(variable, expr.subs(values), "numpy")
    return lambda x: np.broadcast_to(np.asarray(f(x), dtype=float), np.shape(x))


def asymptote(expr: sp.Expr, variable: sp.Symbol, direction: sp.Expr) -> sp.Expr | None:
    """The line a * x + b with expr - (a * x + b) -> 0 as x -> direction (oo or -oo),
    or None when there is none (`symkl.asymptotes.line`, which derivations use too)."""
    return line(expr, variable, direction)


def render(fig: Figure) -> dict[str, bytes]:
    """`fig` as SVG and PDF bytes; the same figure gives the same bytes on every run."""
    out = {}
    with rc_context():
        for fmt, metadata in METADATA.items():
            buffer = io.BytesIO()
            fig.savefig(buffer, format=fmt, metadata=metadata)
            out[fmt] = buffer.getvalue()
    return out
