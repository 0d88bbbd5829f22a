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

from symkl.entry_extrema import EntryExtremum, EntryMax, EntryMin
from symkl.estimates import Enclosure, Estimate, Held

__all__ = ["Ball", "Diverges", "NoValue", "Unsupported", "ball", "MAX_INTEGER_BITS"]

#: integers and exponents larger than this are not evaluated: the work is unbounded
MAX_INTEGER_BITS = 4096
#: terms a numeric Sum may have before it is refused
MAX_TERMS = 5000


class Unsupported(Exception):
    """An expression that ball arithmetic here cannot evaluate."""


class NoValue(sp.Function):
    """No value: a derivative where its function has a kink (`NoValue(z)` at z = 0 in the
    derivative of |z|). Evaluated, the side is undefined there."""

    nargs = 1


class Diverges(sp.Function):
    """`Diverges(series)`: an infinite sum whose terms do not tend to 0 at this point
    (`symkl.notes.context`), so it has no value: as certainly no real number as the log of
    a negative one, which makes a side with it false where the other side has a value."""

    nargs = 1


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


class _Undefined(Exception):
    """No value at this point that can be told apart: a pole, an unresolved branch."""


class _NotReal(_Undefined):
    """Certainly no real value here: the log or a fractional power of a negative number."""


def _check(v: flint.arb) -> flint.arb:
    if not v.is_finite():
        raise _Undefined
    return v


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
    sp.floor: flint.arb.floor,
    sp.ceiling: flint.arb.ceil,
    sp.factorial: lambda x: (x + 1).gamma(),
    sp.harmonic: lambda x: (x + 1).digamma() + flint.arb.const_euler(),
}

#: SymPy constants -> arb constants
_CONSTANTS = {
    sp.pi: flint.arb.pi,
    sp.E: flint.arb.const_e,
    sp.EulerGamma: flint.arb.const_euler,
}

#: an expression compiled once: evaluate it in a context at a working precision
Node = Callable[[_Context, int], flint.arb]


def _eval(expr: sp.Basic, ctx: _Context, bits: int) -> flint.arb:
    return _compile(expr)(ctx, bits)


@functools.lru_cache(maxsize=8192)
def _compile(expr: sp.Basic) -> Node:
    """`expr` as a tree of closures: the dispatch on SymPy types is done once per expression,
    not once per node per point. Nothing is evaluated or refused here; every failure is
    raised when the node runs, in the order a direct walk would meet it."""
    if expr.is_Rational or expr.is_Float:
        return lambda ctx, bits: _number(expr, ctx)
    if expr in _CONSTANTS:
        constant = _CONSTANTS[expr]
        return lambda ctx, bits: constant()
    for kind, build in _BUILDERS:
        if isinstance(expr, kind):
            return build(expr)
    op = _UNARY.get(type(expr))
    if op is not None and len(expr.args) == 1:
        return _unary(op, _compile(expr.args[0]))
    return _failure(expr)


def _number(expr: sp.Number, ctx: _Context) -> flint.arb:
    if expr.is_Integer:
        ctx.exact(int(expr))
        return _integer(int(expr))
    if expr.is_Rational:
        return _rational(expr, ctx)
    ctx.hidden = max(ctx.hidden, expr._prec)
    return _float(expr)


def _unary(op: Callable, arg: Node) -> Node:
    return lambda ctx, bits: ctx.near_integer(_check(op(arg(ctx, bits))))


def _failure(expr: sp.Basic) -> Node:
    def node(ctx, bits):
        if expr is sp.I:
            raise _NotReal("the imaginary unit")
        if expr in (sp.nan, sp.zoo, sp.oo, -sp.oo):
            raise _Undefined
        raise Unsupported(f"{type(expr).__name__} is not in the ball-arithmetic table")

    return node


def _add(expr: sp.Add) -> Node:
    terms = [_compile(a) for a in expr.args]
    return lambda ctx, bits: ctx.add([t(ctx, bits) for t in terms])


def _mul(expr: sp.Mul) -> Node:
    factors = [_compile(a) for a in expr.args]

    def node(ctx, bits):
        out = flint.arb(1)
        for f in factors:
            out *= f(ctx, bits)
        return out

    return node


def _pow(expr: sp.Pow) -> Node:
    base, exponent = _compile(expr.base), expr.exp
    if exponent.is_Integer:
        e = int(exponent)

        def integer_power(ctx, bits):
            b = base(ctx, bits)
            if abs(e).bit_length() > 64:
                raise Unsupported(f"the exponent {exponent}")
            if e < 0 and b.contains(0):
                raise _Undefined  # a pole, or a denominator not resolved: not a domain failure
            return b**e

        return integer_power
    power = _compile(exponent)
    integer = exponent.is_integer is True  # (-1)^k, x^n: k, n integers (a sum's index, a size)
    odd_root = exponent.is_Rational and exponent.q % 2 == 1

    def node(ctx, bits):
        b = base(ctx, bits)
        if exponent == sp.S.Half:
            if b < 0:
                raise _NotReal("a fractional power of a negative number")
            return _check(b.sqrt())
        e = power(ctx, bits)
        whole = integer or (e.is_exact() and e.is_finite())
        if whole and (size := _magnitude(e)) is not None and size > 64:
            # x^(2^(2^40)), as a search toward an edge tries: no integer of that many bits
            # is written out; a positive base takes it as a real power, any other is unknown
            if b > 0:
                return _check(b**e)
            raise Unsupported(f"the exponent {exponent} at a value of {size} bits")
        # an exponent that is an integer here: (-1)^k at k = 3 is -1, not "no real value"
        k = e.unique_fmpz() if whole else None
        if k is not None and (integer or e == k):
            if abs(int(k)).bit_length() > 64:
                raise Unsupported(f"the exponent {exponent}")
            if k < 0 and b.contains(0):
                raise _Undefined
            return _check(b ** int(k))
        if integer and not b > 0:
            raise _Undefined  # an integer power whose exponent this precision does not pin
        if b < 0 and odd_root:
            raise _Undefined  # (-8)^(1/3): -2 as a real cube root, complex as a principal one
        if b < 0:
            raise _NotReal("a fractional power of a negative number")
        return _check(b**e)

    return node


def _log(expr: sp.log) -> Node:
    args = [_compile(a) for a in expr.args]

    def node(ctx, bits):
        x = args[0](ctx, bits)
        if x < 0:
            raise _NotReal("the log of a negative number")
        if len(args) == 2:
            return _check(x.log() / args[1](ctx, bits).log())
        return _check(x.log())

    return node


def _enclosure(expr: Enclosure) -> Node:
    def node(ctx, bits):
        ctx.coarse = True
        mid, radius = (_float(sp.Float(a, 50)) for a in expr.args)
        return flint.arb(mid.mid(), mid.rad() + radius.upper())

    return node


def _estimate(expr: Estimate) -> Node:
    def node(ctx, bits):
        ctx.rigorous = False
        ctx.coarse = True
        mid = _float(sp.Float(expr.args[0], 30))
        return flint.arb(mid.mid(), _float(sp.Float(expr.args[1], 30)).upper())

    return node


def _extremum(expr: sp.Max | sp.Min) -> Node:
    args = [_compile(a) for a in expr.args]
    larger = isinstance(expr, sp.Max)

    def node(ctx, bits):
        values = [a(ctx, bits) for a in args]
        out = values[0]
        for v in values[1:]:
            out = out.max(v) if larger else out.min(v)
        return out

    return node


def _kronecker(expr: sp.KroneckerDelta) -> Node:
    i, j = (_compile(a) for a in expr.args)

    def node(ctx, bits):
        d = i(ctx, bits) - j(ctx, bits)
        if d.is_zero():
            return flint.arb(1)
        if not d.contains(0):
            return flint.arb(0)
        raise _Undefined

    return node


def _symbol(expr: sp.Symbol) -> Node:
    def node(ctx, bits):
        if expr not in ctx.env:
            raise Unsupported(f"no value for the symbol {expr}")
        return _given(ctx.env[expr], ctx, bits)

    return node


def _given(value, ctx: _Context, bits: int) -> flint.arb:
    """A value from `values`: an int or a Fraction (exact, cheap), a ball, or a SymPy number."""
    if isinstance(value, int):
        ctx.exact(value)
        return _integer(value)
    if isinstance(value, Fraction):
        return _integer(value.numerator) / _integer(value.denominator)
    if isinstance(value, flint.arb):
        return value  # a point given as a ball (2^-4096 is exact; its size is not a risk)
    if value.is_Rational or value.is_Float:
        return _number(value, ctx)  # not compiled: sampled numbers would crowd out the cache
    return _eval(value, ctx, bits)


def _index(expr: sp.Expr) -> Callable[[_Context], int]:
    """A bound or an index: an exact integer at this point."""
    if expr.is_Integer:
        return lambda ctx: int(expr)
    value = _compile(expr)

    def node(ctx):
        if expr.is_Symbol:  # a summation index: the common case, kept cheap
            given = ctx.env.get(expr)
            if isinstance(given, int) or getattr(given, "is_Integer", False):
                return int(given)
        v = value(ctx, 64)
        exact = v.unique_fmpz() if v.is_exact() else None
        if exact is None:
            raise Unsupported(f"the bound or index {expr} is not an integer here")
        return int(exact)

    return node


def _indexed(expr: sp.Indexed) -> Node:
    if not isinstance(expr.base.label, sp.Symbol):  # a letter that is also a sampled size
        raise Unsupported(f"the vector {expr.base} is a number here")
    label = expr.base.label.name
    indices = [_index(i) for i in expr.indices]

    def node(ctx, bits):
        key = (label, tuple(i(ctx) for i in indices))
        if key not in ctx.entries:
            raise _Undefined  # an index outside the sampled vector
        return _given(ctx.entries[key], ctx, bits)

    return node


def _sum(expr: sp.Sum | sp.Product | EntryExtremum) -> Node:
    # Sum(f, inner..., outer): the outer index runs over the sum of the inner ones.
    var, lo, hi = expr.limits[-1]
    inner = type(expr)(expr.function, *expr.limits[:-1]) if len(expr.limits) > 1 else None
    body = _compile(expr.function if inner is None else inner)
    lo, hi = _index(lo), _index(hi)
    free = tuple(sorted(expr.free_symbols, key=str))
    product = isinstance(expr, sp.Product)
    extremum = {EntryMax: "max", EntryMin: "min"}.get(type(expr))

    def evaluate(ctx, bits):
        first, last = lo(ctx), hi(ctx)
        if last - first + 1 > MAX_TERMS:
            raise Unsupported(f"a sum of {last - first + 1} terms")
        terms = []
        saved = ctx.env.get(var)
        try:
            for k in range(first, last + 1):
                ctx.env[var] = k
                terms.append(body(ctx, bits))
        finally:
            if saved is None:
                ctx.env.pop(var, None)
            else:
                ctx.env[var] = saved
        if extremum is not None:
            if not terms:
                raise Unsupported("the largest entry of none")
            out = terms[0]
            for term in terms[1:]:
                out = getattr(out, extremum)(term)
            return out
        if not product:
            return ctx.add(terms)
        total = flint.arb(1)
        for term in terms:
            total *= term
        return total

    def node(ctx, bits):
        # a sum met again with the same values of its free symbols is not recomputed
        key = (expr, tuple(ctx.env.get(s) for s in free))
        if key not in ctx.sums:
            ctx.sums[key] = evaluate(ctx, bits)
        return ctx.sums[key]

    return node


_HOLDS = {
    "<": lambda d: d < 0,
    "<=": lambda d: d <= 0,
    ">": lambda d: d > 0,
    ">=": lambda d: d >= 0,
    "==": lambda d: d.is_zero(),
    "!=": lambda d: not d.contains(0),
}
_FAILS = {
    "<": lambda d: d >= 0,
    "<=": lambda d: d > 0,
    ">": lambda d: d <= 0,
    ">=": lambda d: d < 0,
    "==": lambda d: not d.contains(0),
    "!=": lambda d: d.is_zero(),
}


def _condition(cond: sp.Basic) -> Callable[[_Context, int], bool]:
    """A condition of cases (comparisons joined by and, or, not) as a test at a point;
    the test raises `_Undefined` where the precision does not resolve it."""
    if cond is sp.true or cond is sp.false:
        return lambda ctx, bits: bool(cond)
    if isinstance(cond, (sp.And, sp.Or)):
        parts = [_condition(c) for c in cond.args]
        join = all if isinstance(cond, sp.And) else any
        return lambda ctx, bits: join([p(ctx, bits) for p in parts])
    if isinstance(cond, sp.Not):
        inner = _condition(cond.args[0])
        return lambda ctx, bits: not inner(ctx, bits)
    if not isinstance(cond, sp.core.relational.Relational) or cond.rel_op not in _HOLDS:
        raise Unsupported(f"the condition {cond}")
    lhs, rhs = _compile(cond.lhs), _compile(cond.rhs)
    holds, fails = _HOLDS[cond.rel_op], _FAILS[cond.rel_op]

    def test(ctx, bits):
        d = lhs(ctx, bits) - rhs(ctx, bits)
        if holds(d):
            return True
        if fails(d):
            return False
        raise _Undefined  # which branch applies is not resolved at this precision

    return test


def _piecewise(expr: sp.Piecewise) -> Node:
    branches = [(_compile(value), _condition(cond)) for value, cond in expr.args]

    def node(ctx, bits):
        for value, cond in branches:
            if cond(ctx, bits):
                return value(ctx, bits)
        raise _Undefined

    return node


def _no_value(expr: NoValue) -> Node:
    def node(ctx, bits):
        raise _Undefined

    return node


def _diverges(expr: Diverges) -> Node:
    def node(ctx, bits):
        raise _NotReal("a series that diverges here")

    return node


def _integral(expr: sp.Integral) -> Node:
    def node(ctx, bits):
        raise Unsupported("an integral not reduced to a number by the sampler")

    return node


def _harmonic(expr: sp.harmonic) -> Node:
    """H(n, m) = zeta(m) - zeta(m, n + 1) (Hurwitz); H(n) as digamma(n + 1) + gamma."""
    if len(expr.args) == 1:
        return _unary(_UNARY[sp.harmonic], _compile(expr.args[0]))
    n, m = (_compile(a) for a in expr.args)

    def node(ctx, bits):
        nv, mv = n(ctx, bits), m(ctx, bits)
        if mv == 1:
            return _check((nv + 1).digamma() + flint.arb.const_euler())
        return _check(mv.zeta() - mv.zeta(nv + 1))

    return node


def _binomial(expr: sp.binomial) -> Node:
    n, k = (_compile(a) for a in expr.args)

    def node(ctx, bits):  # C(n, k) = Gamma(n + 1) / (Gamma(k + 1) Gamma(n - k + 1))
        nv, kv = n(ctx, bits), k(ctx, bits)
        return _check((nv + 1).gamma() / ((kv + 1).gamma() * (nv - kv + 1).gamma()))

    return node


#: SymPy class -> how to compile it (in order: Enclosure and Estimate before Function)
_BUILDERS: tuple[tuple[type, Callable[[sp.Basic], Node]], ...] = (
    (sp.Add, _add),
    (sp.Mul, _mul),
    (sp.Pow, _pow),
    (sp.log, _log),
    (Enclosure, _enclosure),
    (Held, lambda expr: _compile(expr.args[0])),
    (Estimate, _estimate),
    ((sp.Max, sp.Min), _extremum),
    (sp.KroneckerDelta, _kronecker),
    (sp.Symbol, _symbol),
    (sp.Indexed, _indexed),
    ((sp.Sum, sp.Product, EntryExtremum), _sum),
    (sp.Piecewise, _piecewise),
    (NoValue, _no_value),
    (Diverges, _diverges),
    # Heaviside(x, 1/2): SymPy's value at 0 as a second argument; here none there
    (sp.Heaviside, lambda expr: _unary(_heaviside, _compile(expr.args[0]))),
    (sp.Integral, _integral),
    (sp.harmonic, _harmonic),
    (sp.binomial, _binomial),
)


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
