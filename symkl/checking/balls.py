"""Ball arithmetic: a SymPy number expression as an interval that certainly holds its value.

## Main definitions
- `Ball`: an `arb` ball and whether its radius is rigorous.
- `ball(expr, bits)`: evaluate a closed SymPy expression (no free symbols) in python-flint's
  `arb` at `bits` of working precision; `None` where the value is undefined or not real.

Why balls: a value computed at 40 digits does not know how many of them are right (at large
logits `1 - sigma(t)` cancels completely), and evaluating again at 80 digits repeats the same
cancellation. An `arb` ball carries a rigorous error radius through every operation, so a
difference whose ball excludes 0 is certainly non-zero: a counterexample can be certified.
Operations are a table (`_UNARY`, `_BINARY`); an expression outside it is not evaluated
(`Unsupported`) rather than guessed.
"""

import functools
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

import flint
import sympy as sp

from symkl.estimates import Enclosure, Estimate

__all__ = ["Ball", "Unsupported", "ball", "MAX_INTEGER_BITS"]

#: integers and exponents larger than this are not evaluated: the work is unbounded
MAX_INTEGER_BITS = 4096
#: terms a numeric Sum may have before it is refused
MAX_TERMS = 5000


class Unsupported(Exception):
    """An expression that ball arithmetic here cannot evaluate."""


@dataclass(frozen=True)
class Ball:
    """A value as a ball (`rigorous`: its radius is a bound, not an estimate); `value` None
    when the expression certainly has no real value here (`not_real` says why)."""

    value: flint.arb | None
    rigorous: bool
    not_real: str = ""
    spread: int = 0  # the largest ratio, in bits, between terms added together
    #: bits an evaluation may not show: lost to cancellation in a sum, held by an exact
    #: number's digits, or between a function's value and an integer (tanh 200 = 1)
    hidden: int = 0
    #: a value of fixed accuracy went in (an enclosed or estimated integral): agreement
    #: shows only that accuracy, whatever the working precision
    coarse: bool = False


class _Context:
    """What an evaluation carries: whether it is still rigorous, and the values of symbols
    (`env`) and of vector entries (`entries`, by label and integer indices)."""

    def __init__(self, env: dict, entries: dict):
        self.rigorous = True
        self.env = env
        self.entries = entries
        #: sums already evaluated with the same values of their free symbols (an inner sum
        #: that does not depend on the outer index is computed once, not n times)
        self.sums: dict = {}
        #: the largest ratio (in bits) between terms added together: a difference of the
        #: sides can hide below it (t + e^-10000 - t), so agreement needs more bits than it
        self.spread = 0
        self.hidden = 0
        self.coarse = False

    def add(self, terms: list[flint.arb]) -> flint.arb:
        sizes = [_magnitude(t) for t in terms]
        sizes = [m for m in sizes if m is not None]
        total = sum(terms, flint.arb(0))
        if len(sizes) > 1:
            self.spread = max(self.spread, max(sizes) - min(sizes))
            result = _magnitude(total)
            if result is not None:  # a sum that came out as a ball around 0: x - x, exactly
                self.hidden = max(self.hidden, max(sizes) - result)
        return total

    def near_integer(self, value: flint.arb) -> flint.arb:
        """A function's value close to an integer (tanh 200 = 1 - 4e-174, cos e^-100): the
        bits to its distance can hide a difference, as in a cancellation."""
        size = _magnitude(value)
        if value.is_exact() or not value.is_finite() or (size is not None and size > 64):
            return value  # exact, or so large that integers are below its rounding anyway
        mid = value.mid()
        whole = flint.arb(flint.fmpz(int(mid.floor().unique_fmpz() or 0)))
        gaps = [abs(value - whole), abs(value - whole - 1)]
        gap = min(gaps, key=lambda g: g.mid())
        if gap.contains(0):
            self.hidden = max(self.hidden, flint.ctx.prec)
        else:
            size = _magnitude(gap)
            if size is not None and size < 0:
                self.hidden = max(self.hidden, -size)
        return value

    def exact(self, *numbers: int) -> None:
        self.hidden = max(self.hidden, *(abs(n).bit_length() for n in numbers))


def _magnitude(x: flint.arb) -> int | None:
    """log2 |x| to within one; None for a ball that contains 0 (its size is rounding)."""
    if not x.is_finite() or x.contains(0):
        return None
    man, exp = x.mid().man_exp()
    return None if man == 0 else int(exp) + int(man).bit_length()


def _integer(n: int) -> flint.arb:
    if abs(n).bit_length() > MAX_INTEGER_BITS:
        raise Unsupported(f"an integer of {abs(n).bit_length()} bits")
    return flint.arb(flint.fmpz(n))


def _rational(r: sp.Rational, ctx: "_Context | None" = None) -> flint.arb:
    if ctx is not None:
        ctx.exact(int(r.p), int(r.q))
    return _integer(int(r.p)) / _integer(int(r.q))


def _float(f: sp.Float) -> flint.arb:
    # A decimal Float is not exact in binary: its own precision is its radius.
    sign, man, exp, _ = f._mpf_
    if not man:
        if exp:  # mpmath's encoding of inf and nan
            raise Unsupported("an infinite or undefined number")
        return flint.arb(0)
    if abs(exp).bit_length() > 40:
        raise Unsupported("a float too large or too small to evaluate")
    value = flint.arb(flint.fmpz(-man if sign else man)) * flint.arb(2) ** exp
    return flint.arb(value.mid(), abs(value).mid() * flint.arb(2) ** (-f._prec + 1))


def _power(base: flint.arb, exponent: sp.Expr, ctx: _Context, bits: int) -> flint.arb:
    if exponent.is_Integer:
        e = int(exponent)
        if abs(e).bit_length() > 64:
            raise Unsupported(f"the exponent {exponent}")
        if e < 0 and base.contains(0):
            raise _Undefined  # a pole, or a denominator not resolved: not a domain failure
        return base**e
    if base < 0:
        raise _NotReal("a fractional power of a negative number")
    if exponent == sp.S.Half:
        return _check(base.sqrt())
    return _check(base ** _eval(exponent, ctx, bits))


class _Undefined(Exception):
    """No value at this point that can be told apart: a pole, an unresolved branch."""


class _NotReal(_Undefined):
    """Certainly no real value here: the log or a fractional power of a negative number."""


def _check(v: flint.arb) -> flint.arb:
    if not v.is_finite():
        raise _Undefined
    return v


def _log(args, ctx, bits):
    x = _eval(args[0], ctx, bits)
    if x < 0:
        raise _NotReal("the log of a negative number")
    if len(args) == 2:
        b = _eval(args[1], ctx, bits)
        return _check(x.log() / b.log())
    return _check(x.log())


def _sign(x: flint.arb) -> flint.arb:
    if x > 0:
        return flint.arb(1)
    if x < 0:
        return flint.arb(-1)
    if x.is_zero():
        return flint.arb(0)
    raise _Undefined  # the sign is not resolved at this precision


def _heaviside(x: flint.arb) -> flint.arb:
    if x > 0:
        return flint.arb(1)
    if x < 0:
        return flint.arb(0)
    raise _Undefined


#: SymPy function -> the arb operation on its one (evaluated) argument
_UNARY: dict[type, Callable[[flint.arb], flint.arb]] = {
    sp.exp: flint.arb.exp,
    sp.sin: flint.arb.sin,
    sp.cos: flint.arb.cos,
    sp.tan: flint.arb.tan,
    sp.sinh: flint.arb.sinh,
    sp.cosh: flint.arb.cosh,
    sp.tanh: flint.arb.tanh,
    sp.atan: flint.arb.atan,
    sp.asin: flint.arb.asin,
    sp.acos: flint.arb.acos,
    sp.asinh: flint.arb.asinh,
    sp.acosh: flint.arb.acosh,
    sp.atanh: flint.arb.atanh,
    sp.erf: flint.arb.erf,
    sp.erfc: flint.arb.erfc,
    sp.gamma: flint.arb.gamma,
    sp.loggamma: flint.arb.lgamma,
    sp.digamma: flint.arb.digamma,
    sp.Abs: abs,
    sp.sign: _sign,
    sp.Heaviside: _heaviside,
    sp.floor: flint.arb.floor,
    sp.ceiling: flint.arb.ceil,
    sp.factorial: lambda x: (x + 1).gamma(),
    sp.harmonic: lambda x: (x + 1).digamma() + flint.arb.const_euler(),
}


def _harmonic(expr: sp.harmonic, ctx, bits) -> flint.arb:
    """H(n, m) = zeta(m) - zeta(m, n + 1) (Hurwitz); H(n) as digamma(n + 1) + gamma."""
    n, m = (_eval(a, ctx, bits) for a in expr.args)
    if m == 1:
        return (n + 1).digamma() + flint.arb.const_euler()
    return m.zeta() - m.zeta(n + 1)


#: SymPy constants -> arb constants
_CONSTANTS = {
    sp.pi: flint.arb.pi,
    sp.E: flint.arb.const_e,
    sp.EulerGamma: flint.arb.const_euler,
}


def _integer_value(expr: sp.Expr, ctx: _Context) -> int:
    """A bound or an index: an exact integer at this point."""
    if expr.is_Integer:
        return int(expr)
    if expr.is_Symbol and getattr(ctx.env.get(expr), "is_Integer", False):
        return int(ctx.env[expr])  # a summation index: the common case, kept cheap
    value = _eval(expr, ctx, 64)
    exact = value.unique_fmpz() if value.is_exact() else None
    if exact is None:
        raise Unsupported(f"the bound or index {expr} is not an integer here")
    return int(exact)


@functools.lru_cache(maxsize=4096)
def _outer(expr: sp.Sum | sp.Product) -> tuple:
    """(outer limits, the body the outer index runs over): built once per expression."""
    body = type(expr)(expr.function, *expr.limits[:-1]) if len(expr.limits) > 1 else expr.function
    return expr.limits[-1], body


@functools.lru_cache(maxsize=4096)
def _free(expr: sp.Basic) -> tuple:
    """The free symbols of an expression, in a fixed order (SymPy recomputes them)."""
    return tuple(sorted(expr.free_symbols, key=str))


def _sum(expr: sp.Sum | sp.Product, ctx: _Context, bits: int) -> flint.arb:
    # Sum(f, inner..., outer): the outer index runs over the sum of the inner ones.
    (var, lo, hi), body = _outer(expr)
    lo, hi = _integer_value(lo, ctx), _integer_value(hi, ctx)
    if hi - lo + 1 > MAX_TERMS:
        raise Unsupported(f"a sum of {hi - lo + 1} terms")
    product = isinstance(expr, sp.Product)
    terms = []
    saved = ctx.env.get(var)
    try:
        for k in range(lo, hi + 1):
            ctx.env[var] = sp.Integer(k)
            terms.append(_eval(body, ctx, bits))
        if not product:
            return ctx.add(terms)
        total = flint.arb(1)
        for term in terms:
            total *= term
        return total
    finally:
        if saved is None:
            ctx.env.pop(var, None)
        else:
            ctx.env[var] = saved


def _given(value, ctx: _Context, bits: int) -> flint.arb:
    """A value from `values`: a Fraction (exact, cheap) or a SymPy number."""
    if isinstance(value, Fraction):
        return _integer(value.numerator) / _integer(value.denominator)
    if isinstance(value, flint.arb):
        return value  # a point given as a ball (2^-4096 is exact; its size is not a risk)
    return _eval(value, ctx, bits)


def _symbol(expr: sp.Symbol, ctx: _Context, bits: int) -> flint.arb:
    if expr not in ctx.env:
        raise Unsupported(f"no value for the symbol {expr}")
    return _given(ctx.env[expr], ctx, bits)


def _indexed(expr: sp.Indexed, ctx: _Context, bits: int) -> flint.arb:
    key = (expr.base.label.name, tuple(_integer_value(i, ctx) for i in expr.indices))
    if key not in ctx.entries:
        raise _Undefined  # an index outside the sampled vector
    return _given(ctx.entries[key], ctx, bits)


def _piecewise(expr: sp.Piecewise, ctx: _Context, bits: int) -> flint.arb:
    for value, cond in expr.args:
        if cond is sp.true:
            return _eval(value, ctx, bits)
        if not isinstance(cond, sp.core.relational.Relational):
            raise Unsupported(f"the condition {cond}")
        d = _eval(cond.lhs, ctx, bits) - _eval(cond.rhs, ctx, bits)
        holds = {
            "<": d < 0,
            "<=": d <= 0,
            ">": d > 0,
            ">=": d >= 0,
            "==": d.is_zero(),
        }.get(cond.rel_op)
        fails = {
            "<": d >= 0,
            "<=": d > 0,
            ">": d <= 0,
            ">=": d < 0,
            "==": not d.contains(0),
        }.get(cond.rel_op)
        if holds:
            return _eval(value, ctx, bits)
        if not fails:
            raise _Undefined  # which branch applies is not resolved at this precision
    raise _Undefined


def _eval(expr: sp.Basic, ctx: _Context, bits: int) -> flint.arb:
    if expr.is_Integer:
        ctx.exact(int(expr))
        return _integer(int(expr))
    if expr.is_Rational:
        return _rational(expr, ctx)
    if expr.is_Float:
        ctx.hidden = max(ctx.hidden, expr._prec)
        return _float(expr)
    if expr in _CONSTANTS:
        return _CONSTANTS[expr]()
    if expr.is_Add:
        return ctx.add([_eval(a, ctx, bits) for a in expr.args])
    if expr.is_Mul:
        out = flint.arb(1)
        for a in expr.args:
            out *= _eval(a, ctx, bits)
        return out
    if expr.is_Pow:
        return _power(_eval(expr.base, ctx, bits), expr.exp, ctx, bits)
    if isinstance(expr, sp.log):
        return _log(expr.args, ctx, bits)
    if isinstance(expr, Enclosure):
        ctx.coarse = True
        mid, radius = (_float(sp.Float(a, 50)) for a in expr.args)
        return flint.arb(mid.mid(), mid.rad() + radius.upper())
    if isinstance(expr, Estimate):
        ctx.rigorous = False
        ctx.coarse = True
        mid = _float(sp.Float(expr.args[0], 30))
        return flint.arb(mid.mid(), _float(sp.Float(expr.args[1], 30)).upper())
    if isinstance(expr, (sp.Max, sp.Min)):
        values = [_eval(a, ctx, bits) for a in expr.args]
        out = values[0]
        for v in values[1:]:
            out = out.max(v) if isinstance(expr, sp.Max) else out.min(v)
        return out
    if isinstance(expr, sp.KroneckerDelta):
        d = _eval(expr.args[0], ctx, bits) - _eval(expr.args[1], ctx, bits)
        if d.is_zero():
            return flint.arb(1)
        if not d.contains(0):
            return flint.arb(0)
        raise _Undefined
    if isinstance(expr, sp.Symbol):
        return _symbol(expr, ctx, bits)
    if isinstance(expr, sp.Indexed):
        return _indexed(expr, ctx, bits)
    if isinstance(expr, (sp.Sum, sp.Product)):
        key = (expr, tuple(ctx.env.get(s) for s in _free(expr)))
        if key not in ctx.sums:
            ctx.sums[key] = _sum(expr, ctx, bits)
        return ctx.sums[key]
    if isinstance(expr, sp.Piecewise):
        return _piecewise(expr, ctx, bits)
    if isinstance(expr, sp.Integral):
        raise Unsupported("an integral not reduced to a number by the sampler")
    if isinstance(expr, sp.harmonic) and len(expr.args) == 2:
        return _check(_harmonic(expr, ctx, bits))
    if isinstance(expr, sp.binomial):  # C(n, k) = Gamma(n + 1) / (Gamma(k + 1) Gamma(n - k + 1))
        n, k = (_eval(a, ctx, bits) for a in expr.args)
        return _check((n + 1).gamma() / ((k + 1).gamma() * (n - k + 1).gamma()))
    op = _UNARY.get(type(expr))
    if op is not None and len(expr.args) == 1:
        return ctx.near_integer(_check(op(_eval(expr.args[0], ctx, bits))))
    if expr is sp.I:
        raise _NotReal("the imaginary unit")
    if expr in (sp.nan, sp.zoo, sp.oo, -sp.oo):
        raise _Undefined
    raise Unsupported(f"{type(expr).__name__} is not in the ball-arithmetic table")


def ball(expr: sp.Expr, bits: int, values: dict | None = None) -> Ball | None:
    """`expr` as a ball at `bits` of working precision, its symbols and vector entries
    given by `values` (Symbol -> number; Indexed with integer indices, or the pair
    (label, indices), -> number; numbers SymPy's or Fractions).

    Returns a Ball without a value where the expression certainly has no real value (a
    log or fractional power of a negative number), and None where it is undefined in a way
    that tells nothing (a pole, a branch the precision does not resolve).

    Raises:
        Unsupported: an operation outside the table, a symbol without a value, or numbers
            too large to evaluate within bounds.
    """
    env: dict = {}
    entries: dict = {}
    for key, value in (values or {}).items():
        if isinstance(key, sp.Indexed):
            entries[(str(key.base.label), tuple(int(i) for i in key.indices))] = value
        elif isinstance(key, tuple):
            entries[key] = value
        else:
            env[key] = value
    ctx = _Context(env, entries)
    saved = flint.ctx.prec
    flint.ctx.prec = bits
    try:
        value = _eval(expr, ctx, bits)
    except _NotReal as e:
        return Ball(None, ctx.rigorous, str(e), ctx.spread, ctx.hidden, ctx.coarse)
    except _Undefined:
        return None
    except (ZeroDivisionError, ValueError, OverflowError, TypeError) as e:
        raise Unsupported(str(e)) from None
    finally:
        flint.ctx.prec = saved
    if not value.is_finite():
        return None
    return Ball(value, ctx.rigorous, spread=ctx.spread, hidden=ctx.hidden, coarse=ctx.coarse)
