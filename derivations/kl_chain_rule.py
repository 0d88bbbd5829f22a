"""Seed 000's rewriting of KL for a model of y given x, with its hidden assumption explicit:
D_KL(p(x, y) || q(x, y)) = C - sum_ij p(x_i, y_j) log q(y_j | x_i).

The seed replaces q(x, y) by q(y | x) p(x): that holds only for a model that keeps the data's
marginal of x, which the space states and the step "apply the model assumption" uses.
Variants:
- `chain`:    the rewriting, ending in sum p log p - sum p log p_x - sum p log q(y|x);
- `constant`: C, the terms of the `chain` variant's result free of q (read off it, not
              copied), is sum p log p - sum p log p_x = sum p log(p / p_x)
              = sum p(x, y) log p(y | x), which is -H_p(Y | X) and contains no q:
              minimizing over the model leaves it alone.
"""

import sympy as sp

from symkl import Chain, Derivation, JointSpace

VARIANTS = ("chain", "constant")


def derive(variant: str | None = None) -> Derivation:
    variant = variant or VARIANTS[0]
    space = JointSpace.make()
    name = "kl_chain_rule"
    if variant == "chain":
        chain = Chain(
            name, "KL of a conditional model: a constant minus a log loss", space, space.kl()
        )
        for rule in (
            "unfold definitions",
            "expand logarithms",
            "apply the model assumption",
            "expand logarithms",
            "expand products",
            "split sums",
        ):
            chain.apply(rule)
        return chain.derivation()
    # C is read off the `chain` variant's result: its terms that do not involve the model
    terms = sp.Add.make_args(derive("chain").result)
    constant = sp.Add(*(t for t in terms if not t.has(space.conditional, space.q.base)))
    chain = Chain(
        name,
        "The constant is minus the conditional entropy of Y given X",
        space,
        constant,
    )
    for rule in ("merge sums", "factor out common factors", "combine logarithms"):
        chain.apply(rule)
    return chain.derivation()
