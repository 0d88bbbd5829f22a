"""The chain rule of entropy: H(X, Y) = H(X) + H(Y | X), for a joint distribution
p(x_i, y_j) over n x m outcomes with marginal p_x(x_i) = sum_j p(x_i, y_j).

H(Y | X) = sum_i p_x(x_i) H(Y | X = x_i) is the average entropy of the conditionals
p(y_j | x_i) = p(x_i, y_j) / p_x(x_i). Read backwards from H(X) + H(Y | X): unfold, split
log p(y | x) = log p(x, y) - log p_x(x); the p_x(x_i) in front cancels the one in the
conditional, the sum over j of the joint is the marginal, and the H(X) terms cancel,
leaving the definition of H(X, Y).
"""

import sympy as sp

from symkl import Chain, Derivation, Entropy, JointSpace


def derive(variant: str | None = None) -> Derivation:
    space = JointSpace.make()
    (i, _, n), (j, _, m) = space.limits
    p_x = space.marginal[i]
    given_x = Entropy(space.p / p_x, limits=(j, 1, m))  # H(Y | X = x_i)
    chain = Chain(
        "joint_entropy_chain_rule",
        "Chain rule of entropy: H(X, Y) = H(X) + H(Y | X)",
        space,
        Entropy(p_x, limits=(i, 1, n)) + sp.Sum(p_x * given_x, (i, 1, n)),
    )
    for rule in (
        "unfold definitions",
        "expand logarithms",
        "expand products",
        "split sums",
        "sum out the marginals",
        "fold into measures",
    ):
        chain.apply(rule)
    return chain.derivation(reverse=True)
