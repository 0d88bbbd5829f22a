"""Lemmas the checker may use, each proved by computation when first needed.

## Main statements
- `log_le_sub_one`: log t <= t - 1 for t > 0, with equality only at t = 1. Proof: the gap
  g(t) = t - 1 - log t has g'(t) = 1 - 1/t, whose only zero on t > 0 is t = 1, and
  g''(t) = 1/t^2 > 0, so g is strictly convex with its minimum g(1) = 0.

The checker applies it as two exact identities with a nonnegative remainder G:
log u = u - 1 - G(u) and log u = 1 - 1/u + G(1/u), for u > 0 (the second is the first
at 1/u). Replacing log u this way changes nothing; the inequality lives in G >= 0.
"""

import functools
from dataclasses import dataclass

import sympy as sp

from symkl.errors import SymklError

__all__ = ["LogForm", "LOG_FORMS", "GAP", "log_le_sub_one", "apply_log_form"]


class GAP(sp.Function):
    """The lemma's gap t - 1 - log t as an opaque function known to be nonnegative.

    A class of its own, so it can never be confused with a user's function named g."""

    nargs = 1
    is_nonnegative = True

    def _sympystr(self, printer) -> str:
        return f"g({printer._print(self.args[0])})"


@dataclass(frozen=True)
class LogForm:
    name: str
    rewrite: object  # u -> expression equal to log(u), for u > 0


LOG_FORMS = (
    LogForm("log u = u - 1 - g(u), g >= 0 (log_le_sub_one)", lambda u: u - 1 - GAP(u)),
    LogForm("log u = 1 - 1/u + g(1/u), g >= 0 (log_le_sub_one)", lambda u: 1 - 1 / u + GAP(1 / u)),
)


@functools.cache
def log_le_sub_one() -> tuple[str, ...]:
    """Prove g(t) = t - 1 - log t >= 0 on t > 0 with equality only at t = 1.

    Returns the proof's steps as text. Raises SymklError if SymPy cannot redo the proof,
    in which case the checker must not use the lemma.
    """
    t = sp.Symbol("t", positive=True)
    g = t - 1 - sp.log(t)
    g1, g2 = sp.diff(g, t), sp.diff(g, t, 2)
    critical = sp.solveset(g1, t, sp.Interval.open(0, sp.oo))
    if critical != sp.FiniteSet(1) or g2.is_positive is not True or g.subs(t, 1) != 0:
        raise SymklError("the lemma log t <= t - 1 could not be re-proved")
    return (
        f"g(t) = {g}",
        f"g'(t) = {g1}, zero on t > 0 only at t = 1",
        f"g''(t) = {g2} > 0: g strictly convex",
        "g(1) = 0 is the minimum, so g(t) >= 0 with equality only at t = 1",
    )


def apply_log_form(expr: sp.Expr, form: LogForm) -> sp.Expr:
    """Rewrite every log(u) with u > 0 in `expr` by `form` (an identity)."""
    return expr.replace(
        lambda e: isinstance(e, sp.log) and e.args[0].is_positive, lambda e: form.rewrite(e.args[0])
    )
