"""Forward vs reverse KL: mode-covering vs mode-seeking (seed 002), shown numerically.

p is an equal mixture of N(-2, 0.6^2) and N(2, 0.6^2). A single normal q = N(mu, s^2) is
fitted twice by minimizing, with quadrature on a grid and scipy's Nelder-Mead:
- `forward`: D_KL(p || q): q must cover wherever p has mass, so it sits between the modes
  and is wide (its variance exceeds a mode's: sigma_fwd^2 - sigma_mode^2 > 0);
- `reverse`: D_KL(q || p): q may ignore a mode, so it sits on one of them and is narrow
  (its mean lies within one mode standard deviation of the nearer mode, whichever the
  optimizer found: min_m |mu_rev - m| - sigma_mode < 0).

Neither inequality is derived: both are the statement evaluated at the fitted numbers,
which an optimizer measured. The fitting step is `holds-numerically` and says so, and
`data["measured"]` names the measured quantities; only the comparison of those numbers
with zero is exact. (A derivation would solve the stationary conditions of each
divergence: for the forward one they are moment matching, sigma_fwd^2 = 0.6^2 + 4.)
"""

import functools

import numpy as np
import sympy as sp
from scipy.optimize import minimize

from symkl import Chain, Derivation, ScalarSpace

VARIANTS = ("forward", "reverse")
MODES, MODE_SD = (-2.0, 2.0), 0.6
GRID = np.linspace(-12.0, 12.0, 24_001)


def _log_normal(x: np.ndarray, mu: float, sd: float) -> np.ndarray:
    return -0.5 * ((x - mu) / sd) ** 2 - np.log(sd * np.sqrt(2 * np.pi))


def log_p(x: np.ndarray) -> np.ndarray:
    """Log density of the mixture, by logaddexp so the tails do not underflow."""
    a, b = (_log_normal(x, m, MODE_SD) for m in MODES)
    return np.logaddexp(a, b) + np.log(0.5)


def kl(log_f: np.ndarray, log_g: np.ndarray) -> float:
    """D_KL(f || g) on GRID by the trapezoidal rule, from log densities."""
    return float(np.trapezoid(np.exp(log_f) * (log_f - log_g), GRID))


@functools.cache
def fit(direction: str) -> tuple[float, float, float]:
    """(mu, sigma, divergence) of the best normal in `direction` ("forward"/"reverse")."""

    def objective(theta: np.ndarray) -> float:
        log_q = _log_normal(GRID, theta[0], np.exp(theta[1]))
        lp = log_p(GRID)
        return kl(lp, log_q) if direction == "forward" else kl(log_q, lp)

    result = minimize(
        objective,
        x0=[1.0, 0.0],
        method="Nelder-Mead",
        options={"xatol": 1e-8, "fatol": 1e-12, "maxiter": 4000},
    )
    mu, sd = result.x[0], float(np.exp(result.x[1]))
    return round(float(mu), 4), round(sd, 4), round(float(result.fun), 6)


def derive(variant: str | None = None) -> Derivation:
    variant = variant or VARIANTS[0]
    mu = sp.Symbol("mu_fit", real=True)
    sd, s_mode = sp.symbols("sigma_fit sigma_mode", positive=True)
    space = ScalarSpace(
        description="p = (N(-2, 0.6^2) + N(2, 0.6^2))/2; q = N(mu_fit, sigma_fit^2) fitted",
        assumptions=(
            "quadrature: trapezoidal rule on 24001 points of [-12, 12]",
            "optimizer: scipy Nelder-Mead from mu = 1, sigma = 1",
        ),
        p=sp.Tuple(),
        q=sp.Tuple(),
    )
    fitted_mu, fitted_sd, divergence = fit(variant)
    if variant == "forward":
        start, relation = sd**2 - s_mode**2, ">"
        label = "fit q by minimizing D_KL(p || q)"
    else:
        nearest = sp.Min(*(sp.Abs(mu - m) for m in MODES))  # no mode presumed
        start, relation = nearest - s_mode, "<"
        label = "fit q by minimizing D_KL(q || p)"
    title = "Forward KL covers the modes, reverse KL seeks one"
    chain = Chain("forward_reverse_kl", title, space, start)
    values = {mu: sp.Float(fitted_mu, 6), sd: sp.Float(fitted_sd, 6), s_mode: sp.Float(MODE_SD, 6)}
    chain.measure(
        label,
        values,
        f"mu = {fitted_mu}, sigma = {fitted_sd}, divergence {divergence} at the optimum",
    )
    chain.apply("compare with zero", relation)
    data = {
        "mu": fitted_mu,
        "sigma": fitted_sd,
        "divergence": divergence,
        "modes": list(MODES),
        "mode_sd": MODE_SD,
        "measured": ["mu", "sigma", "divergence"],
    }
    return chain.derivation(data=data)


def values(derivation: Derivation) -> dict:
    """The fitted normal and the divergence it reaches, for the report's table."""
    d = derivation.data
    return {
        "fitted mean mu": d["mu"],
        "fitted sigma": d["sigma"],
        "divergence at the optimum": d["divergence"],
        "mode sigma": d["mode_sd"],
    }


def figures(derivation: Derivation) -> dict:
    """The mixture p with this variant's fitted normal (both fits drawn in each, so the
    two reports compare them)."""
    from symkl.figures import figure

    fig, (ax,) = figure(width=5.6, height=3.0)
    x = GRID[(GRID > -6) & (GRID < 6)]
    ax.plot(x, np.exp(log_p(x)), color="black", label="p: mixture of N(-2, 0.6²), N(2, 0.6²)")
    for direction, style in (("forward", "--"), ("reverse", ":")):
        m, s, _ = fit(direction)
        label = f"{direction} fit: N({m:.2f}, {s:.2f}²)"
        ax.plot(x, np.exp(_log_normal(x, m, s)), style, label=label)
    ax.set(xlabel="x", ylabel="density")
    ax.legend(loc="upper left")
    return {"The two-mode p with the normals fitted by forward and reverse KL": fig}
