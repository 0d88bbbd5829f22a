"""Integrals at a point (numbers only) that have an exact value cheaply.

## Main definitions
- `exact_integral(integral)`: the exact value, or None: a polynomial over a finite
  interval, or (`gaussian_integral`) a sum of terms c * x^k * exp(-a x^2 + b x), a > 0,
  over the real line (its logs expanded first).
- `enclosed_integral(integral)`: over a finite interval, a rigorous enclosure by arb's
  integration (`acb.integral`), as an `Enclosure`; None where the integrand has an
  operation outside its table or the enclosure is not tight.

Why: the expectations and KL divergences of normal densities are such integrals. At a point
(numbers for mu and sigma) quadrature only estimates them, and fails unnoticed at
sigma = 50 (E[e^x] peaks at x = 2500) or 1e12; SymPy's `integrate` takes seconds. The
moments of a normal distribution give them in closed form, in a few operations:
integral x^k e^{-a x^2 + b x} dx = sqrt(pi/a) e^{b^2/(4a)} E[Y^k], Y ~ N(b/(2a), 1/(2a)).
"""

import functools
from collections.abc import Callable

import flint
import sympy as sp

from symkl.estimates import Enclosure

__all__ = ["exact_integral", "gaussian_integral", "enclosed_integral", "MAX_DEGREE"]

#: the largest power of x a term may have
MAX_DEGREE = 12


def _normal_moment(k: int, mean: sp.Expr, variance: sp.Expr) -> sp.Expr:
    """E[Y^k] for Y ~ N(mean, variance): sum_j C(k, j) mean^(k-j) variance^(j/2) E[Z^j]."""
    total = sp.S.Zero
    for j in range(0, k + 1, 2):  # odd moments of a standard normal vanish
        total += sp.binomial(k, j) * mean ** (k - j) * variance ** (j // 2) * sp.factorial2(j - 1)
    return total


def _parts(term: sp.Expr, x: sp.Symbol) -> tuple[sp.Expr, int, sp.Expr, sp.Expr, sp.Expr] | None:
    """A term c * x^k * exp(-a x^2 + b x + c0) as (c, k, a, b, c0), or None."""
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
    if degree > MAX_DEGREE:
        return None
    try:
        q = sp.Poly(sp.expand(exponent), x)
    except sp.PolynomialError:
        return None
    if q.degree() > 2:
        return None
    minus_a, b, c = [sp.S.Zero] * (3 - len(q.all_coeffs())) + q.all_coeffs()
    return coefficient, degree, -minus_a, b, c


def _term(parts: tuple[sp.Expr, int, sp.Expr, sp.Expr, sp.Expr]) -> sp.Expr | None:
    """integral of one term c * x^k * exp(-a x^2 + b x + c0) over the real line, or None."""
    coefficient, degree, a, b, c = parts
    if not a.is_positive:
        return None  # not integrable over the real line, or not known to be
    scale = sp.sqrt(sp.pi / a) * sp.exp(c + b**2 / (4 * a))
    return coefficient * scale * _normal_moment(degree, b / (2 * a), 1 / (2 * a))


#: digits at which `_diverges` compares the numbers of its terms
_DIVERGENCE_DIGITS = 50


def _nonzero(v: sp.Expr, scale: sp.Expr) -> bool:
    """`v` is not zero: exactly for rationals, else at 50 digits, far above the rounding."""
    if v.is_Rational:
        return v != 0
    return abs(sp.N(v, _DIVERGENCE_DIGITS)) > sp.Float(10) ** -40 * (1 + abs(sp.N(scale, 20)))


def _diverges(terms: tuple[tuple[sp.Expr, int, sp.Expr, sp.Expr, sp.Expr], ...]) -> bool:
    """Whether a sum of terms c * x^k * exp(-a x^2 + b x + c0) with numbers for c, a, b, c0
    is not integrable over the real line: at one end the terms that grow fastest (least a,
    then b of that end's sign) do not decay, and their sum is not zero there."""
    if not terms or not all(v.is_number for t in terms for v in (t[0], t[2], t[3], t[4])):
        return False

    def equal(u: sp.Expr, v: sp.Expr) -> bool:
        return not _nonzero(u - v, abs(u) + abs(v))

    for end in (1, -1):
        a = min(t[2] for t in terms)
        b = max(end * t[3] for t in terms if equal(t[2], a))
        if a > 0 or (equal(a, 0) and b < 0):
            continue  # every term decays at this end
        top = [t for t in terms if equal(t[2], a) and equal(end * t[3], b)]
        for k in range(MAX_DEGREE + 1):
            parts = [c * sp.exp(c0) for c, degree, _, _, c0 in top if degree == k]
            if parts and _nonzero(sp.Add(*parts), sp.Add(*(abs(v) for v in parts))):
                return True
    return False


def _gaussian_terms(integral: sp.Integral) -> tuple | None:
    """The integrand of a one-variable integral over the real line as terms
    c * x^k * exp(-a x^2 + b x + c0) (`_parts`, logs of products of exponentials expanded
    first), or None."""
    if len(integral.limits) != 1:
        return None
    var, lo, hi = integral.limits[0]
    if lo != -sp.oo or hi != sp.oo:
        return None
    return _terms_in_x(integral.function.xreplace({var: _X}))


#: the variable of every integrand whose terms are worked out; real: log(exp(q(x))) is
#: q(x), and logs of products split
_X = sp.Dummy("x", real=True)


@functools.lru_cache(maxsize=512)
def _terms_in_x(body: sp.Expr) -> tuple | None:
    """`_gaussian_terms` of an integrand in `_X`. Cached: the expansion is most of an
    integral's cost, and a notes step meets the integrals of the one before it at the same
    sampled points (over x in one and z in the other, the same integrand in `_X`)."""
    # With numbers only (a sampled point), an exponential is left whole: splitting
    # exp(a + b + c) into a product and merging it again per term gave the same terms for
    # each of the 234 integrals the test notes meet, at three quarters of the cost. With
    # other symbols (a symbolic proof), the split form the proofs were written against.
    numbers_only = body.free_symbols <= {_X}
    body = sp.powsimp(sp.expand_log(body, force=False), combine="exp")
    body = sp.expand(body, power_exp=not numbers_only)
    terms = [_parts(sp.powsimp(term, combine="exp"), _X) for term in sp.Add.make_args(body)]
    return None if None in terms else tuple(t for t in terms if t[0] != 0)


def gaussian_integral(integral: sp.Integral) -> sp.Expr | None:
    """The exact value of a one-variable integral over the real line whose integrand is
    a sum of polynomial-times-Gaussian terms (after expanding logs of products of
    exponentials), or None. Other symbols may appear where their assumptions make each
    Gaussian's x^2 coefficient negative (sigma > 0 in exp(-x^2 / (2 sigma^2)))."""
    return _sum_of_terms(_gaussian_terms(integral))


def _sum_of_terms(terms: tuple | None) -> sp.Expr | None:
    values = [_term(t) for t in terms] if terms is not None else [None]
    return None if None in values else sp.Add(*values)


def exact_integral(integral: sp.Integral) -> sp.Expr | None:
    """The exact value of a one-variable integral with numbers only, where it is a
    polynomial over a finite interval or a Gaussian moment; None otherwise.

    Raises ArithmeticError when the integrand is a sum of such terms that does not
    decay at an end of the real line (the integral diverges: no value to sample)."""
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
    terms = _gaussian_terms(integral)
    if terms is not None and _diverges(terms):
        raise ArithmeticError(f"the integral diverges: {integral}")
    return _sum_of_terms(terms)


#: working precision of an enclosed integral, and the relative radius it must reach
ENCLOSURE_BITS = 128
ENCLOSURE_ACCURACY = 2.0**-90

#: the relative rounding of a 60-digit decimal, with room to spare
_DECIMAL = flint.arb(10) ** -58
#: SymPy function -> its acb counterpart, given the analytic flag (branch cuts checked)
_ACB: dict[type, Callable] = {
    sp.exp: lambda z, a: z.exp(),
    sp.log: lambda z, a: z.log(analytic=a),
    sp.sin: lambda z, a: z.sin(),
    sp.cos: lambda z, a: z.cos(),
    sp.tanh: lambda z, a: z.tanh(),
    sp.erf: lambda z, a: z.erf(),
    sp.Abs: lambda z, a: z.real_abs(analytic=a),
}


def _acb(expr: sp.Expr, var: sp.Symbol) -> Callable:
    """`expr` as a function of (z, analytic) -> acb; raises ValueError outside the table."""
    if expr == var:
        return lambda z, a: z
    if expr.is_number:
        if not expr.is_real:
            raise ValueError("a complex constant")
        # a 60-digit decimal, widened by its own rounding: the ball holds the exact value
        value = flint.arb(str(sp.N(expr, 60)))
        ball = flint.acb(flint.arb(value.mid(), value.rad() + abs(value).upper() * _DECIMAL))
        return lambda z, a: ball
    parts = [_acb(arg, var) for arg in expr.args]
    if expr.is_Add:
        return lambda z, a: sum((f(z, a) for f in parts), flint.acb(0))
    if expr.is_Mul:

        def product(z, a):
            out = flint.acb(1)
            for f in parts:
                out *= f(z, a)
            return out

        return product
    if expr.is_Pow:
        base, exponent = parts
        if expr.exp.is_Integer:
            k = int(expr.exp)
            return lambda z, a: base(z, a) ** k
        if expr.exp == sp.S.Half:
            return lambda z, a: base(z, a).sqrt(analytic=a)
        return lambda z, a: base(z, a).pow(exponent(z, a), analytic=a)
    op = _ACB.get(type(expr))
    if op is not None and len(parts) == 1:
        inner = parts[0]
        return lambda z, a: op(inner(z, a), a)
    raise ValueError(f"{type(expr).__name__} is not in the enclosure table")


def enclosed_integral(integral: sp.Integral) -> sp.Expr | None:
    """A rigorous enclosure of a one-variable integral over a finite interval with
    numbers only, or None."""
    if len(integral.limits) != 1:
        return None
    var, lo, hi = integral.limits[0]
    if integral.function.free_symbols - {var} or not (lo.is_finite and hi.is_finite):
        return None
    if not (lo.is_number and hi.is_number):
        return None
    saved = flint.ctx.prec
    flint.ctx.prec = ENCLOSURE_BITS
    try:
        f = _acb(integral.function, var)
        a, b = (flint.arb(str(sp.N(v, 60))) for v in (lo, hi))
        if not (a.is_exact() and b.is_exact()):
            return None  # the limits must be exact for the enclosure to be of this integral
        value = flint.acb.integral(f, a, b, eval_limit=200000)
    except SystemError as e:
        # an exception in the integrand (the CPU budget's, or arb's) reaches Python from
        # C as a SystemError: the budget's is raised as itself, the rest mean no enclosure
        from symkl.checking.budget import BudgetExhausted  # (symkl.checking imports this)

        raised = e.__cause__ or e.__context__
        if isinstance(raised, BudgetExhausted):
            raise raised from None
        return None
    except (ValueError, TypeError, ZeroDivisionError, ArithmeticError):
        return None
    finally:
        flint.ctx.prec = saved
    real, imag = value.real, value.imag
    if not (real.is_finite() and imag.contains(0)):
        return None
    if real.rad() > abs(real).upper() * flint.arb(ENCLOSURE_ACCURACY) + flint.arb(2) ** -200:
        return None
    mid = sp.Float(real.mid().str(50, radius=False), 50)
    radius = sp.Float(real.rad().upper().str(5, radius=False), 5) * 2
    return Enclosure(mid, radius)
