"""Shared pieces of the truth modules of the adversarial corpus (see truth.py).

A truth module `truth_NAME.py` describes one notes file `NAME.md` with three names:

- `FILE`: the notes file;
- `DOMAIN`: every symbol the keyed steps use, with the kind the file states in its front
  matter: `"real"`, `"positive"`, `"probability"` (open interval (0, 1)), `"label"` ([0, 1]),
  `"integer"` (a positive integer), or for a vector indexed 1..n a pair `(KIND, SIZE)` such as
  `("distribution", "n")` (positive entries summing to one) or `("real", "n")`;
- `STEPS`: one `Step` per keyed line: the 1-based line of the relation symbol, a piece of
  that line's text (checked, so that a line number cannot drift), the relation, and both
  sides as Python functions of a point `v` (a dict: scalar name -> mpf, vector name -> list
  of mpf, entry i of the notes is `v[name][i - 1]`), written by hand from the mathematics.

Nothing here reads the notes' mathematics: the sides are typed from the derivation.
"""

from collections.abc import Callable
from dataclasses import dataclass

from mpmath import mp, mpf

__all__ = [
    "Step",
    "S",
    "ssum",
    "sigmoid",
    "one_minus_sigmoid",
    "softplus",
    "local_min",
    "d_dx",
]


@dataclass(frozen=True)
class Step:
    """One keyed step: `lhs(v) REL rhs(v)` on the line `line` of the notes.

    `scale` (a number or a function of the point) is the size of the terms that cancel in a
    side whose value may be exactly 0, so that rounding noise there is measured against it;
    `dps` is the working precision (digits) of the first evaluation.
    """

    line: int
    text: str
    rel: str
    lhs: Callable
    rhs: Callable
    scale: Callable | float = 0
    dps: int = 80


def S(line: int, text: str, rel: str, lhs: Callable, rhs: Callable, **kw) -> Step:
    """Shorthand for `Step(...)`."""
    assert rel in {"=", "<=", ">=", "<", ">"}, rel
    return Step(line, text, rel, lhs, rhs, **kw)


def ssum(f: Callable, lo: int, hi: int):
    """The sum of f(i) for i = lo..hi (empty when hi < lo), as the notes' \\sum_{i=lo}^{hi}."""
    return mp.fsum(f(i) for i in range(int(lo), int(hi) + 1))


def sigmoid(t):
    """The logistic function 1 / (1 + e^{-t})."""
    return 1 / (1 + mp.exp(-t))


def one_minus_sigmoid(t):
    """1 - sigma(t) as written, with enough extra working precision (about 1.45 bits per unit
    of t) that the subtraction does not cancel when t is large and positive."""
    with mp.extraprec(int(1.45 * max(mpf(t), 0)) + 10):
        value = 1 - 1 / (1 + mp.exp(-t))
    return +value


def softplus(t):
    """log(1 + e^t), straight from the definition."""
    return mp.log(1 + mp.exp(t))


def d_dx(f: Callable, x, relative: bool = False, n: int = 1):
    """The n-th derivative of f at x by mpmath's central difference at (n+1)-fold precision.

    The step is 2^-(prec + 10) times max(|x|, 1), or times |x| when `relative` (for a
    function that varies on the scale of x itself, such as log s + c / s^2 near s = 0).
    """
    size = abs(x) if relative else max(abs(x), 1)
    return mp.diff(f, x, n, h=mp.ldexp(size, -mp.prec - 10))


def local_min(f: Callable, x0, lo=None, hi=None) -> None:
    """Corroborate a minimizer found analytically: f(x0) <= f(x) at points around x0
    (relative and absolute offsets over many scales, kept inside (lo, hi)).

    Raises AssertionError when some nearby point is lower by more than the tolerance.
    """
    f0 = f(x0)
    for k in (1, 3, 6, 10, 20):
        for h in (abs(x0) * mpf(10) ** -k, mpf(10) ** -k):
            for x in (x0 - h, x0 + h):
                if h == 0 or (lo is not None and x <= lo) or (hi is not None and x >= hi):
                    continue
                fx = f(x)
                assert fx - f0 >= -(mpf(10) ** (-40)) * max(abs(f0), abs(fx), 1), (x0, x, f0, fx)
