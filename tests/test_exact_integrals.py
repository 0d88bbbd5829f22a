"""Exact integrals (Gaussian moments, polynomials on intervals) against mpmath quadrature at
40 digits (numeric twins)."""

import mpmath
import pytest
import sympy as sp

from symkl.exact_integrals import exact_integral, gaussian_integral

x = sp.Symbol("x", real=True)


def normal(mu, s):
    return sp.exp(-((x - mu) ** 2) / (2 * s**2)) / (s * sp.sqrt(2 * sp.pi))


R = sp.Rational
INTEGRANDS = [
    normal(R(1, 3), R(7, 5)),
    normal(R(1, 3), R(7, 5)) * x**3,
    normal(R(-2), R(1, 2)) * (x - 5) ** 4,
    normal(R(1, 2), R(9, 10)) * sp.log(normal(R(-11, 6), R(1, 2))),
    normal(R(1, 2), R(9, 10)) * sp.log(normal(R(1, 2), R(9, 10)) / normal(R(-1), R(3))),
    normal(R(1, 3), R(3)) * sp.exp(x),  # the mean shifts by sigma^2: a peak at x = 9
    sp.exp(-(x**2) + 3 * x) * (2 * x + 1),
]


@pytest.mark.parametrize("f", INTEGRANDS, ids=range(len(INTEGRANDS)))
def test_closed_form_matches_quadrature(f):
    exact = gaussian_integral(sp.Integral(f, (x, -sp.oo, sp.oo)))
    assert exact is not None
    g = sp.lambdify(x, f, "mpmath")
    with mpmath.workdps(40):
        numeric = mpmath.quad(g, [-mpmath.inf, -20, -5, 0, 5, 9, 20, mpmath.inf])
        assert abs(sp.N(exact, 40) - numeric) <= mpmath.mpf(10) ** -30 * (1 + abs(numeric))


def test_a_wide_normal_is_exact_where_quadrature_is_not():
    # E[(x - 5)^2] under N(0, 1e24) is 1e24 + 25 exactly; quadrature is off by 3e16
    f = normal(0, 10**12) * (x - 5) ** 2
    assert gaussian_integral(sp.Integral(f, (x, -sp.oo, sp.oo))) == 10**24 + 25


@pytest.mark.parametrize(
    "f",
    [
        normal(0, 1) * sp.log(1 + sp.exp(x)),  # not a polynomial times a Gaussian
        sp.exp(x**2),  # not integrable
        normal(0, 1) * x**13,  # beyond MAX_DEGREE
    ],
)
def test_other_integrands_are_left_to_quadrature(f):
    assert gaussian_integral(sp.Integral(f, (x, -sp.oo, sp.oo))) is None


@pytest.mark.parametrize(
    "f",
    [
        sp.exp(x**2) * (x - 1),
        normal(1, 2) ** 2 / normal(0, 1),  # p^2 / q with q narrower than p: grows
        sp.exp(x) * normal(0, 1) / normal(0, 1),  # exp(x): no x^2 term, grows at +oo
        x**2 + normal(0, 1),  # a polynomial does not decay
    ],
)
def test_divergent_integrals_have_no_value(f):
    with pytest.raises(ArithmeticError, match="diverges"):
        exact_integral(sp.Integral(f, (x, -sp.oo, sp.oo)))


@pytest.mark.parametrize(
    "f",
    [
        normal(0, 1) ** 2 / normal(0, 2),  # p^2 / q with q wider: integrable
        sp.exp(x**2) * x - sp.exp(x**2) * x + normal(0, 1),  # the growing terms cancel
        sp.exp(-x) * normal(0, 1),  # exp(-x) alone would diverge at -oo; times a Gaussian not
    ],
)
def test_integrable_sums_are_not_called_divergent(f):
    value = exact_integral(sp.Integral(f, (x, -sp.oo, sp.oo)))
    numeric = sp.Integral(f, (x, -sp.oo, sp.oo)).evalf(20)
    assert value is not None and abs(sp.N(value - numeric, 20)) < 1e-12


def test_finite_limits_are_left_to_quadrature():
    assert exact_integral(sp.Integral(normal(0, 1), (x, 0, 1))) is None


@pytest.mark.parametrize(
    ("f", "lo", "hi"), [(1 + R(1, 10**15) * x, 0, 1), ((x - R(1, 3)) ** 5 * 7, -2, R(9, 4))]
)
def test_polynomials_on_intervals_are_exact(f, lo, hi):
    exact = exact_integral(sp.Integral(f, (x, lo, hi)))
    g = sp.lambdify(x, f, "mpmath")
    with mpmath.workdps(50):
        assert abs(sp.N(exact, 50) - mpmath.quad(g, [lo, hi])) < mpmath.mpf(10) ** -40


def test_an_integrand_that_raises_gives_no_enclosure(monkeypatch):
    """arb's integration reports an exception in the integrand as a SystemError: the CPU
    budget's is raised as itself, any other means no enclosure (it once reached a verdict's
    reason as "SystemError: <cyfunction acb.integral>")."""
    import symkl.exact_integrals as exact
    from symkl.checking.budget import BudgetExhausted

    x = sp.Symbol("x", real=True)
    integral = sp.Integral(sp.exp(-x), (x, 0, 1))
    assert exact.enclosed_integral(integral) is not None
    for raised, expected in (
        (KeyError("arb"), None),
        (BudgetExhausted("CPU time"), BudgetExhausted),
    ):

        def failing(z, analytic, raised=raised):
            raise raised

        monkeypatch.setattr(exact, "_acb", lambda function, var, failing=failing: failing)
        if expected is None:
            assert exact.enclosed_integral(integral) is None
        else:
            with pytest.raises(expected):
                exact.enclosed_integral(integral)
