"""Numbers known only to an estimated error.

## Main definitions
- `Estimate(value, error, integral)`: a number from a numeric method (a quadrature of
  `integral`) with its error estimate, which is not a rigorous bound. SymPy evaluates it to
  `value`; ball arithmetic (`symkl.checking.balls`) gives it the radius `error` and marks
  what rests on it as estimated; `integral` lets a second method verify it.
- `Enclosure(mid, radius)`: a number known to lie within `radius` of `mid`.
- `Held(expr)`: a number SymPy would take long to work out (an exact power of a million
  bits, 100000!): SymPy leaves it alone (no value, no `doit`), ball arithmetic bounds it.
- `MPMATH`: the `lambdify` modules that evaluate these in mpmath (an `Estimate` is its
  value, an `Enclosure` its midpoint, a `Held` number is worked out in floating point).
"""

import sympy as sp

__all__ = ["Estimate", "Enclosure", "Held", "MPMATH"]


class Estimate(sp.Function):
    nargs = 3

    @classmethod
    def _should_evalf(cls, arg) -> int:
        return -1  # stays an Estimate: SymPy would turn it into a bare Float

    def _eval_evalf(self, prec):
        return self.args[0]._eval_evalf(prec)


class Enclosure(sp.Function):
    """A number known to lie in [mid - radius, mid + radius] (a rigorous integral):
    `Enclosure(mid, radius)`; ball arithmetic takes it as that ball, still rigorous."""

    nargs = 2

    @classmethod
    def _should_evalf(cls, arg) -> int:
        return -1

    def _eval_evalf(self, prec):
        return self.args[0]._eval_evalf(prec)


class Held(sp.Function):
    """`Held(expr)`, `expr` a number built unevaluated: SymPy asks it nothing (an
    assumption or a sign would evaluate it exactly, which is what is being avoided)."""

    nargs = 1

    @classmethod
    def _should_evalf(cls, arg) -> int:
        return -1

    def _eval_evalf(self, prec):
        return None

    def doit(self, **hints):
        return self


# Without these names a lambdified integrand that holds one raises NameError.
MPMATH = [
    {
        "Estimate": lambda value, error, integral: value,
        "Enclosure": lambda mid, radius: mid,
        "Held": lambda value: value,
    },
    "mpmath",
]
