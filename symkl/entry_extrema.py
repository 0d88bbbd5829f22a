"""The largest or smallest entry of a vector expression over an index range.

## Main definitions
- `EntryMax(body, (i, lo, hi))`: max over i = lo..hi of body (`\\max_i x_i`, `\\max_j \\log c_j`).
- `EntryMin(body, (i, lo, hi))`: min over the same.

Why a class of its own: SymPy's `Max` takes a fixed list of arguments, while notes take the
maximum over a vector of symbolic length n. Like a `Sum`, these bind their index (its free
symbols are the body's without it, plus the bounds'); at numeric bounds `doit` writes the
terms out, and ball arithmetic (`symkl.checking.balls`) evaluates them term by term.
"""

import sympy as sp
from sympy.concrete.expr_with_intlimits import ExprWithIntLimits

__all__ = ["EntryMax", "EntryMin", "EntryExtremum", "MAX_TERMS"]

#: terms written out by `doit` at most (beyond, it stays unevaluated)
MAX_TERMS = 5000


class EntryExtremum(ExprWithIntLimits):
    """max or min of `function` over one integer index range."""

    __slots__ = ()
    combine: type = sp.Max

    def __new__(cls, function, *symbols, **assumptions):
        return super().__new__(cls, sp.sympify(function), *symbols, **assumptions)

    def _eval_is_real(self):
        return self.function.is_real

    @property
    def _word(self) -> str:
        return "max" if self.combine is sp.Max else "min"

    def _sympystr(self, printer) -> str:
        ((var, lo, hi),) = self.limits
        bounds = f"{printer._print(var)}={printer._print(lo)}..{printer._print(hi)}"
        return f"{self._word}_{{{bounds}}} {printer._print(self.function)}"

    def _latex(self, printer) -> str:
        ((var, lo, hi),) = self.limits
        return (
            rf"\{self._word}_{{{printer._print(var)}={printer._print(lo)}}}^{{{printer._print(hi)}}}"
            rf" {printer._print(self.function)}"
        )

    def doit(self, **hints):
        function = self.function.doit(**hints) if hints.get("deep", True) else self.function
        ((var, lo, hi),) = self.limits
        if not (lo.is_Integer and hi.is_Integer) or not 0 < hi - lo + 1 <= MAX_TERMS:
            return self.func(function, (var, lo, hi))
        return self.combine(*[function.subs(var, k) for k in range(int(lo), int(hi) + 1)])


class EntryMax(EntryExtremum):
    combine = sp.Max


class EntryMin(EntryExtremum):
    combine = sp.Min
