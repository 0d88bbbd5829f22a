"""Maximum likelihood, minimum cross-entropy and minimum KL pick the same model (seeds 000, 001).

For a dataset {(x_i, y_i)} with one-hot p_i(k) = delta(k, Y_i) and a model
q[i, k] = q_theta(k | x_i):
- `cross_entropy`: sum_i H(p_i, q_i) = -log prod_i q_theta(y_i | x_i), minus the log-likelihood;
- `kl`:            sum_i D_KL(p_i || q_i) = -sum_i log q_theta(y_i | x_i), the same function
                   of theta;
- `entropy`:       sum_i H(p_i) = 0: one-hot targets have no entropy, so nothing in the
                   difference depends on theta;
- `binary`:        the averaged binary log loss
                   -1/n sum_i [y_i log yhat_i + (1 - y_i) log(1 - yhat_i)]
                   is 1/n sum_i H((y_i, 1 - y_i), (yhat_i, 1 - yhat_i)).
Since -log is strictly decreasing, maximizing the likelihood prod_i q_theta(y_i | x_i) and
minimizing any of these sums have the same maximizer/minimizer theta.
"""

import sympy as sp

from symkl import Chain, CrossEntropy, DatasetSpace, Derivation, Entropy, KLDivergence

VARIANTS = ("cross_entropy", "kl", "entropy", "binary")
TITLES = {
    "cross_entropy": "Summed cross-entropy with one-hot targets is the negative log-likelihood",
    "kl": "Summed KL divergence with one-hot targets is the negative log-likelihood",
    "entropy": "One-hot targets have zero entropy",
    "binary": "The averaged binary log loss is an average cross-entropy",
}


def derive(variant: str | None = None) -> Derivation:
    variant = variant or VARIANTS[0]
    space = DatasetSpace.make()
    i = sp.Symbol("i", integer=True)
    samples = (i, 1, space.n)
    onehot, q = space.p, space.q
    if variant == "binary":
        y, yhat = (base[i] for base in space.binary)
        per_sample = CrossEntropy((y, 1 - y), (yhat, 1 - yhat))
        chain = Chain(
            "mle_eq_min_cross_entropy",
            TITLES[variant],
            space,
            sp.Sum(per_sample, samples) / space.n,
        )
        chain.apply("unfold definitions")
        return chain.derivation()
    measure = {
        "cross_entropy": CrossEntropy(onehot, q, limits=space.limits),
        "kl": KLDivergence(onehot, q, limits=space.limits),
        "entropy": Entropy(onehot, limits=space.limits),
    }[variant]
    chain = Chain("mle_eq_min_cross_entropy", TITLES[variant], space, sp.Sum(measure, samples))
    chain.apply("unfold definitions")
    chain.apply("evaluate Kronecker delta")
    if variant == "cross_entropy":
        chain.apply("log of a sum as log of a product")
    elif variant == "kl":
        chain.apply("expand logarithms")
    else:
        chain.apply("simplify")
    return chain.derivation()
