"""Asymptotes as SymPy objects: the line an expression approaches, found by limits.

## Main definitions
- `line(expr, x, direction)`: a * x + b with a = lim expr/x and b = lim (expr - a x) as
  x -> direction (oo or -oo), or None when either limit is infinite.
- `Asymptote(expr, x, direction)`: that line, unevaluated; `doit()` computes it, so a
  chain can state "the asymptote of L is ..." and a rule (`evaluate asymptotes`) finds
  the line instead of the author typing it.
"""

import functools

import sympy as sp

__all__ = ["line", "Asymptote"]


@functools.lru_cache(maxsize=256)
def line(expr: sp.Expr, x: sp.Symbol, direction: sp.Expr) -> sp.Expr | None:
    """The line a * x + b that `expr` approaches as x -> direction, or None; each once per
    process (a chain, its checks at every sampled point and its figures ask alike)."""
    slope = sp.limit(expr / x, x, direction)
    if not slope.is_finite:
        return None
    intercept = sp.limit(expr - slope * x, x, direction)
    return slope * x + intercept if intercept.is_finite else None


class Asymptote(sp.Function):
    """The asymptote of `expr` as `x` -> `direction`; stays unevaluated until `doit`."""

    nargs = 3

    @classmethod
    def eval(cls, expr, x, direction):
        return None  # computing limits is a step of its own, never automatic

    @property
    def free_symbols(self) -> set[sp.Basic]:
        # The line is a function of x, so x stays free (unlike in a limit).
        return self.args[0].free_symbols

    def doit(self, deep: bool = True, **hints) -> sp.Expr:
        expr, x, direction = self.args
        if deep:
            expr = expr.doit(deep=deep, **hints)
        found = line(expr, x, direction)
        return self.func(expr, x, direction) if found is None else found

    def _eval_evalf(self, prec: int) -> sp.Expr | None:
        # The sampler evaluates the line at a point: compute it, then evaluate.
        value = self.doit()
        return None if isinstance(value, Asymptote) else value._eval_evalf(prec)

    def _latex(self, printer) -> str:
        from symkl.printing import latex_asymptote  # printing imports the measures

        return latex_asymptote(self, printer)

    def _sympystr(self, printer) -> str:
        from symkl.printing import str_asymptote

        return str_asymptote(self, printer)
