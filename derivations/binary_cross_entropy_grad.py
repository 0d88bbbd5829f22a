"""dH(p, q)/dbeta = (beta - alpha) / (beta (1 - beta)) for the Bernoulli pair
p = (alpha, 1 - alpha), q = (beta, 1 - beta)."""

import sympy as sp

from symkl import Derivation, bernoulli_space

from ._gradients import gradient


def derive(variant: str | None = None) -> Derivation:
    space = bernoulli_space()
    return gradient(
        "binary_cross_entropy_grad",
        "Gradient of the binary cross-entropy",
        space,
        space.cross_entropy(),
        space.q[0],
        "differentiate",
        "combine fractions",
        "expand numerator",
    )


def figures(derivation: Derivation) -> dict:
    """The binary cross-entropy and its derived gradient against beta for a few alpha;
    dots mark where the derived gradient vanishes."""
    import numpy as np

    from symkl.figures import curve, figure
    from symkl.measures import unfold

    alpha, beta = derivation.space.p[0], derivation.space.q[0]
    loss, gradient = unfold(derivation.start.expr), derivation.result
    b = np.linspace(0.005, 0.995, 199)
    fig, (left, right) = figure(ncols=2, width=6.4, height=2.8)
    for k, a in enumerate((0.1, 0.3, 0.5, 0.8)):
        colour = f"C{k}"
        left.plot(b, curve(loss, beta, alpha=a)(b), color=colour, label=rf"$\alpha = {a}$")
        right.plot(b, curve(gradient, beta, alpha=a)(b), color=colour)
        for zero in sp.solve(gradient.subs(alpha, a), beta):
            left.plot([float(zero)], curve(loss, beta, alpha=a)(float(zero)), "o", color=colour)
            right.plot([float(zero)], [0.0], "o", color=colour)
    left.set(xlabel=r"$\beta$", ylabel=r"$H(p, q)$", ylim=(0, 3))
    right.set(xlabel=r"$\beta$", ylabel=r"$\partial H / \partial \beta$", ylim=(-12, 12))
    left.legend()
    return {"Binary cross-entropy (left) and its gradient (right) against beta": fig}
