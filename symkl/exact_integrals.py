"""Integrals at a point (numbers only) that have an exact value cheaply.

## Main definitions
- `exact_integral(integral)`: the exact value, or None: a polynomial over a finite
  interval, or (`gaussian_integral`) a sum of terms c * x^k * exp(-a x^2 + b x), a > 0,
  over the real line (its logs expanded first).

Why: the expectations and KL divergences of normal densities are such integrals. At a point
(numbers for mu and sigma) quadrature only estimates them, and fails unnoticed at
sigma = 50 (E[e^x] peaks at x = 2500) or 1e12; SymPy's `integrate` takes seconds. The
moments of a normal distribution give them in closed form, in a few operations:
integral x^k e^{-a x^2 + b x} dx = sqrt(pi/a) e^{b^2/(4a)} E[Y^k], Y ~ N(b/(2a), 1/(2a)).
"""

import sympy as sp

__all__ = ["exact_integral", "gaussian_integral", "MAX_DEGREE"]

#: the largest power of x a term may have
MAX_DEGREE = 12


def _normal_moment(k: int, mean: sp.Expr, variance: sp.Expr) -> sp.Expr:
    """E[Y^k] for Y ~ N(mean, variance): sum_j C(k, j) mean^(k-j) variance^(j/2) E[Z^j]."""
    total = sp.S.Zero
    for j in range(0, k + 1, 2):  # odd moments of a standard normal vanish
        total += sp.binomial(k, j) * mean ** (k - j) * variance ** (j // 2) * sp.factorial2(j - 1)
    return total


def _term(term: sp.Expr, x: sp.Symbol) -> sp.Expr | None:
    """integral of one term c * x^k * exp(q(x)) over the real line, or None."""
    coefficient, exponent, degree = sp.S.One, sp.S.Zero, 0
    for factor in sp.Mul.make_args(term):
        if not factor.has(x):
            coefficient *= factor
        elif isinstance(factor, sp.exp):
            exponent += factor.args[0]
        elif factor == x:
            degree += 1
        elif factor.is_Pow and factor.base == x and factor.exp.is_Integer and factor.exp > 0:
            degree += int(factor.exp)
        else:
            return None
    if degree > MAX_DEGREE or not coefficient.is_number:
        return None
    try:
        q = sp.Poly(sp.expand(exponent), x)
    except sp.PolynomialError:
        return None
    if q.degree() != 2 or not all(c.is_number for c in q.all_coeffs()):
        return None
    minus_a, b, c = q.all_coeffs()
    a = -minus_a
    if not a.is_positive:
        return None  # not integrable over the real line
    scale = sp.sqrt(sp.pi / a) * sp.exp(c + b**2 / (4 * a))
    return coefficient * scale * _normal_moment(degree, b / (2 * a), 1 / (2 * a))


def gaussian_integral(integral: sp.Integral) -> sp.Expr | None:
    """The exact value of a one-variable integral over the real line whose integrand is
    a sum of polynomial-times-Gaussian terms (after expanding logs of products of
    exponentials), or None."""
    if len(integral.limits) != 1:
        return None
    var, lo, hi = integral.limits[0]
    if lo != -sp.oo or hi != sp.oo or integral.function.free_symbols - {var}:
        return None
    x = sp.Dummy("x", real=True)  # real: log(exp(q(x))) is q(x), and logs of products split
    body = integral.function.xreplace({var: x})
    body = sp.expand(sp.powsimp(sp.expand_log(body, force=False), combine="exp"))
    if body == 0:
        return sp.S.Zero
    total = sp.S.Zero
    for term in sp.Add.make_args(body):
        value = _term(sp.powsimp(term, combine="exp"), x)
        if value is None:
            return None
        total += value
    return total


def exact_integral(integral: sp.Integral) -> sp.Expr | None:
    """The exact value of a one-variable integral with numbers only, where it is a
    polynomial over a finite interval or a Gaussian moment; None otherwise."""
    if len(integral.limits) != 1:
        return None
    var, lo, hi = integral.limits[0]
    if integral.function.free_symbols - {var}:
        return None
    if lo.is_finite and hi.is_finite and lo.is_number and hi.is_number:
        try:
            poly = sp.Poly(integral.function, var)
        except sp.PolynomialError:
            return None
        if poly.degree() > MAX_DEGREE or not all(c.is_number for c in poly.all_coeffs()):
            return None
        antiderivative = poly.integrate()
        return antiderivative.eval(hi) - antiderivative.eval(lo)
    return gaussian_integral(integral)
