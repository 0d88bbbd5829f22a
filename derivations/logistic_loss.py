"""The binary cross-entropy of a label y against q = sigma(eta) = e^eta / (1 + e^eta)
is the logistic loss -y eta + log(1 + e^eta)."""

from symkl import Chain, Derivation, logistic_space


def derive(variant: str | None = None) -> Derivation:
    space = logistic_space()
    chain = Chain(
        "logistic_loss",
        "Binary cross-entropy of a sigmoid is the logistic loss",
        space,
        space.cross_entropy(),
    )
    for rule in (
        "unfold definitions",
        "combine fractions in logarithms",
        "expand logarithms",
        "expand products",
    ):
        chain.apply(rule)
    return chain.derivation()


def figures(derivation: Derivation) -> dict:
    """The derived loss against eta for y = 0 and y = 1, with the lines it approaches
    as eta -> -oo and eta -> +oo (found by limits of the derived expression)."""
    import numpy as np
    import sympy as sp

    from symkl.figures import asymptote, curve, figure

    eta, y = (symbol for symbol, _ in derivation.space.intervals)
    x = np.linspace(-6, 6, 241)
    fig, (ax,) = figure(width=5.6, height=3.2)
    for label, colour in ((0, "C0"), (1, "C1")):
        loss = derivation.result.subs(y, label)
        ax.plot(x, curve(loss, eta)(x), color=colour, label=f"$y = {label}$: ${sp.latex(loss)}$")
        for direction, side in ((-sp.oo, x <= 0), (sp.oo, x >= 0)):
            line = asymptote(loss, eta, direction)
            if line is not None:
                ax.plot(x[side], curve(line, eta)(x[side]), color=colour, ls="--", lw=1)
    ax.set(xlabel=r"$\eta$", ylabel=r"loss $L(\eta, y)$", ylim=(-0.3, 6.3))
    ax.legend(loc="upper center", title="dashed: asymptotes as $\\eta \\to \\pm\\infty$")
    return {"The logistic loss against the logit eta; dashed, its asymptotes": fig}
