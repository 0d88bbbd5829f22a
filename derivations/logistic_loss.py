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
