"""The chain rule of entropy: H(X, Y) = H(X) + H(Y | X), for a joint distribution
p(x_i, y_j) over n x m outcomes with marginal p_x(x_i) = sum_j p(x_i, y_j).

H(Y | X) = -sum_ij p(x_i, y_j) log p(y_j | x_i) is the average entropy of the conditionals
p(y_j | x_i) = p(x_i, y_j) / p_x(x_i). Read backwards from H(X) + H(Y | X): unfold, split
log p(y | x) = log p(x, y) - log p_x(x); the sum over j of the joint in front of
log p_x(x_i) is the marginal, so the H(X) terms cancel, leaving the definition of H(X, Y).
"""

from symkl import Chain, Derivation, Entropy, JointSpace

#: a sum of entropies of the joint and its marginals, as measures again: the logs split,
#: each sum over the joint that a marginal's log does not depend on summed out
BY_MARGINALS = (
    "unfold definitions",
    "expand logarithms",
    "expand products",
    "split sums",
    "sum out the marginals",
    "fold into measures",
)


def derive(variant: str | None = None) -> Derivation:
    space = JointSpace.make()
    (i, _, n), _ = space.limits
    chain = Chain(
        "joint_entropy_chain_rule",
        "Chain rule of entropy: H(X, Y) = H(X) + H(Y | X)",
        space,
        Entropy(space.marginal[i], limits=(i, 1, n)) + space.conditional_entropy(),
    )
    return chain.apply_all(*BY_MARGINALS).derivation(reverse=True)
