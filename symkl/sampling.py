"""One sampler for declared domains: values that find the cases a few random draws miss.

## Main definitions
- `draw(rng, interval, k, order)`: the k-th value for a symbol ranging over `interval`: the
  edges and tails of `EDGES` first (in the symbol's own `order`), then random draws spread
  over many scales.
- `simplex(rng, n)`: an exact probability vector with, sometimes, entries down to 1e-300.
- `shown(value)`: a sampled value for people, exact where a float is not.
- `substitute(expr, values)`: a point's values put in, without exact arithmetic that would
  take SymPy long (huge powers, high roots, large factorials).
- `size(k, group)`: the k-th size of a symbolic dimension: small (1..6) and large (up to
  `LARGE_SIZES[-1]`), different for each group of dimensions.

Domains are data: what is tried first for each shape of interval is the table `EDGES`.
"""

import math
from fractions import Fraction

import numpy as np
import sympy as sp

from symkl.estimates import Held

__all__ = [
    "EDGES",
    "LARGE_SIZES",
    "draw",
    "edge_order",
    "simplex",
    "simplex_fractions",
    "size",
    "rational",
    "substitute",
    "shown",
]

_TINY = sp.Rational(1, 10**300)
#: shape of interval -> values tried first: offsets from the finite end(s) of the interval
#: (negative: from the upper end), or, on the real line, the values themselves
EDGES = {
    "bounded": (
        _TINY,
        sp.Rational(1, 2),
        sp.Rational(1, 10**12),
        -sp.Rational(1, 10**15),
        sp.Rational(1, 10**1000),
        -sp.Rational(1, 10**300),
    ),
    "half-line": (
        _TINY,
        sp.Rational(1, 10**9),
        sp.Rational(1, 2),
        sp.Integer(1),
        sp.Integer(50),
        sp.Integer(10**8),
        sp.Integer(10**12),
    ),
    "real": (
        sp.Rational(-13, 10),
        sp.Integer(800),
        -sp.Rational(1, 10**12),
        sp.Integer(-50),
        sp.Rational(7, 3),
        sp.Integer(-800),
        sp.Integer(10**5),
        -sp.Integer(10**5),
    ),
}
#: positive integers tried first (small, around common thresholds, huge)
INTEGER_EDGES = (1, 2, 3, 7, 13, 100, 10**6)
#: large sizes for symbolic dimensions (bounds like sum_i p_i^2 >= 1/6 fail only there)
LARGE_SIZES = (300, 7, 40, 13, 120)
#: entries a probability vector may get at its edge
EDGE_PROBABILITIES = (
    Fraction(1, 10**300),
    Fraction(1, 10**30),
    Fraction(1, 10**12),
    Fraction(1, 10**6),
    Fraction(1, 2),
)


def shown(value: sp.Expr | Fraction) -> float | str:
    """A sampled value for people: the nearest float, but `k - d` where that float is an
    integer k the value is not (1 - 1e-300 shown as 1.0 would put a counterexample where
    the step may not even be defined), and 12 digits as text where a float cannot hold it
    (1e-1000)."""
    if isinstance(value, sp.Rational):
        value = Fraction(int(value.p), int(value.q))  # Fractions: cheap for every entry
    elif not isinstance(value, Fraction):
        return float(value)  # an algebraic number from a solver: the float is what there is
    try:
        rounded = float(value)
    except OverflowError:  # beyond a float: shown as text below
        rounded = math.inf if value > 0 else -math.inf
    if math.isfinite(rounded) and Fraction(rounded) == value:
        return rounded
    if rounded == 0 or not math.isfinite(rounded):
        return str(sp.N(sp.Rational(value.numerator, value.denominator), 12))
    if rounded != int(rounded):
        return rounded
    gap = float(value - int(rounded))  # the float is an integer the value is not
    return f"{int(rounded)} {'-' if gap < 0 else '+'} {abs(gap)!r}"


def rational(x: float) -> sp.Rational:
    """A float as a short exact rational (15 significant digits kept)."""
    if x == 0:
        return sp.Integer(0)
    return (
        sp.Rational(Fraction(x).limit_denominator(10**15))
        if abs(x) >= 1e-6
        else sp.Rational(Fraction(f"{x:.15e}"))
    )


def _shape(interval: sp.Interval) -> str:
    lo, hi = interval.inf, interval.sup
    if lo.is_finite and hi.is_finite:
        return "bounded"
    if lo.is_finite or hi.is_finite:
        return "half-line"
    return "real"


def _edge(interval: sp.Interval, offset: sp.Rational) -> sp.Rational:
    lo, hi = interval.inf, interval.sup
    shape = _shape(interval)
    if shape == "bounded":
        width = hi - lo
        return hi + width * offset if offset < 0 else lo + width * offset
    if shape == "half-line":
        return lo + offset if lo.is_finite else hi - offset
    return offset


def _random(rng: np.random.Generator, interval: sp.Interval) -> sp.Rational:
    lo, hi = interval.inf, interval.sup
    shape = _shape(interval)
    if shape == "bounded":
        if rng.random() < 0.25:  # near one end, on a logarithmic scale, exactly
            tiny = sp.Rational(1, 10 ** int(rng.integers(3, 300)))
            return lo + (hi - lo) * tiny if rng.random() < 0.5 else hi - (hi - lo) * tiny
        value = lo + (hi - lo) * rational(rng.uniform(0.001, 0.999))
        return value if lo < value < hi else lo + (hi - lo) / 2
    magnitude = rational(abs(rng.standard_normal()) * 10.0 ** rng.uniform(-3, 3) + 1e-9)
    if shape == "half-line":
        return lo + magnitude if lo.is_finite else hi - magnitude
    return magnitude if rng.random() < 0.5 else -magnitude


def edge_order(rng: np.random.Generator, interval: sp.Interval) -> tuple[int, ...]:
    """A symbol's own order of its interval's edges, so that symbols do not all sit at the
    same edge at the same point."""
    return tuple(int(i) for i in rng.permutation(len(EDGES[_shape(interval)])))


def draw(
    rng: np.random.Generator, interval: sp.Interval, k: int, order: tuple[int, ...] = ()
) -> sp.Rational:
    """The k-th value in `interval`: closed ends, then edges and tails, then random draws."""
    fixed = [interval.inf] if not interval.left_open and interval.inf.is_finite else []
    if not interval.right_open and interval.sup.is_finite:
        fixed.append(interval.sup)
    edges = EDGES[_shape(interval)]
    order = tuple(i for i in order if i < len(edges)) or tuple(range(len(edges)))
    if k < len(fixed):
        return fixed[k]
    k -= len(fixed)
    if k < len(order):
        value = _edge(interval, edges[order[k]])
        if value in interval:
            return value
    return _random(rng, interval)


def draw_integer(rng: np.random.Generator, k: int) -> sp.Integer:
    """The k-th positive integer: `INTEGER_EDGES` first, then log-uniform up to 10^4."""
    if k < len(INTEGER_EDGES):
        return sp.Integer(INTEGER_EDGES[k])
    return sp.Integer(int(10 ** rng.uniform(0, 4)))


def simplex_fractions(rng: np.random.Generator, n: int) -> list[Fraction]:
    """An exact probability vector: Dirichlet, sometimes uniform, sometimes with an entry at
    the edge (down to 1e-300)."""
    if rng.random() < 0.15:
        return [Fraction(1, n)] * n  # the uniform distribution, where many bounds are tight
    weights = [
        Fraction(w).limit_denominator(10**9) or Fraction(1, 10**9)
        for w in rng.dirichlet(np.ones(n))
    ]
    if n > 1 and rng.random() < 0.4:
        weights[int(rng.integers(n))] = EDGE_PROBABILITIES[
            int(rng.integers(len(EDGE_PROBABILITIES)))
        ]
    total = sum(weights)
    return [w / total for w in weights]


def simplex(rng: np.random.Generator, n: int) -> list[sp.Rational]:
    """`simplex_fractions` as SymPy rationals."""
    return [sp.Rational(w.numerator, w.denominator) for w in simplex_fractions(rng, n)]


def size(k: int, group: int = 0) -> int:
    """The k-th size of dimension group `group`: mostly 1..6, every fourth point large;
    groups are shifted against each other so that their sizes differ."""
    j = k + 3 * group
    if j % 4 == 3:
        return LARGE_SIZES[(j // 4) % len(LARGE_SIZES)]
    return 1 + (j + group) % 6


#: bits an exact power may have before it is left for the ball evaluator to bound
EXACT_POWER_BITS = 4096
#: the largest n whose factorial is worked out exactly
EXACT_FACTORIAL = 1000


def _costly(e: sp.Basic, args: tuple) -> bool:
    """Whether SymPy would spend long on `e.func(*args)` with numbers for arguments: an
    exact power of many bits, a root of high degree (it looks for perfect powers), a large
    factorial."""
    if not all(isinstance(a, sp.Number) for a in args):
        return False
    if isinstance(e, sp.Pow):
        base, exponent = args
        if exponent.is_Integer:
            size = math.log2(abs(base.p) + 1) + math.log2(base.q + 1) if base.is_Rational else 64
            return abs(int(exponent)) * size > EXACT_POWER_BITS
        return exponent.is_Rational and (exponent.q > 2 or abs(exponent.p) > 64)
    if isinstance(e, (sp.factorial, sp.gamma)):
        return abs(args[0]) > EXACT_FACTORIAL
    return False


def substitute(expr: sp.Expr, values: dict) -> sp.Expr:
    """`expr.xreplace(values)`, with powers and factorials that would take SymPy long to
    work out exactly (100000^(-1/10^12), 100000!) `Held` for the ball evaluator; the rest
    evaluates as usual (1 - (1 - 10^-300) is 10^-300 exactly)."""
    if expr in values:
        return values[expr]
    if not expr.args:
        return expr
    args = tuple(substitute(a, values) for a in expr.args)
    if args == expr.args:
        return expr
    if _costly(expr, args):
        return Held(expr.func(*args, evaluate=False))
    return expr.func(*args)
