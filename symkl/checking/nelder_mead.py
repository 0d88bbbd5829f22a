"""Nelder-Mead minimization of a few scalars, in plain Python.

## Main definitions
- `nelder_mead(f, x0, iterations, xatol, fatol)`: the best point found and its value.

The refutation search moves two or three scalars towards where a step nearly fails. The
algorithm and its coefficients are those of scipy's default Nelder-Mead (reflection 1,
expansion 2, contraction 1/2, shrink 1/2; first simplex 5% from x0), written here because
importing scipy.optimize costs a `symkl verify` process more CPU time than the search does.
The result only proposes a point: whether the step fails there is decided in ball arithmetic.
"""

from collections.abc import Callable, Sequence

__all__ = ["nelder_mead"]

_REFLECT, _EXPAND, _CONTRACT, _SHRINK = 1.0, 2.0, 0.5, 0.5
_STEP, _ZERO_STEP = 0.05, 0.00025


def _along(a: list[float], b: list[float], t: float) -> list[float]:
    """(1 + t) a - t b: a point on the line through a and b."""
    return [(1 + t) * x - t * y for x, y in zip(a, b, strict=True)]


def nelder_mead(
    f: Callable[[list[float]], float],
    x0: Sequence[float],
    iterations: int,
    xatol: float,
    fatol: float,
) -> tuple[list[float], float]:
    """Minimize `f` from `x0` for at most `iterations` steps, stopping once the simplex is
    within `xatol` in every coordinate and its values within `fatol`."""
    n = len(x0)
    simplex = [[float(x) for x in x0]]
    for k in range(n):
        y = list(simplex[0])
        y[k] = (1 + _STEP) * y[k] if y[k] != 0 else _ZERO_STEP
        simplex.append(y)
    values = [f(x) for x in simplex]
    for _ in range(iterations - 1):
        order = sorted(range(n + 1), key=values.__getitem__)
        simplex, values = [simplex[i] for i in order], [values[i] for i in order]
        best, worst = simplex[0], simplex[-1]
        spread = max(abs(a - b) for x in simplex[1:] for a, b in zip(x, best, strict=True))
        if spread <= xatol and max(abs(values[0] - v) for v in values[1:]) <= fatol:
            break
        centre = [sum(x[i] for x in simplex[:-1]) / n for i in range(n)]
        reflected = _along(centre, worst, _REFLECT)
        fr = f(reflected)
        if fr < values[0]:
            expanded = _along(centre, worst, _REFLECT * _EXPAND)
            fe = f(expanded)
            simplex[-1], values[-1] = (expanded, fe) if fe < fr else (reflected, fr)
        elif fr < values[-2]:
            simplex[-1], values[-1] = reflected, fr
        else:
            if fr < values[-1]:  # outside contraction
                point = _along(centre, worst, _CONTRACT * _REFLECT)
                fc = f(point)
                accept = fc <= fr
            else:  # inside contraction
                point = _along(centre, worst, -_CONTRACT)
                fc = f(point)
                accept = fc < values[-1]
            if accept:
                simplex[-1], values[-1] = point, fc
            else:
                for j in range(1, n + 1):
                    simplex[j] = _along(best, simplex[j], -_SHRINK)
                    values[j] = f(simplex[j])
    i = min(range(n + 1), key=values.__getitem__)
    return simplex[i], values[i]
