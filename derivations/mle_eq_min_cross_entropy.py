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
                   is 1/n sum_i H((y_i, 1 - y_i), (yhat_i, 1 - yhat_i));
- `decreasing`:    the outer function of `cross_entropy`'s result, h(u) = -log u (read off
                   it, not typed), has h'(u) = -1/u < 0 for u > 0;
- `same_optimizer`: the headline arg min over theta of sum_i H(p_i, q_i) = arg max over
                   theta of the likelihood prod_i q_theta(y_i | x_i): a strictly decreasing
                   h reverses the order of the likelihoods (`symkl.optima.same_optimizer`).
By `kl` and `entropy`, sum_i D_KL(p_i || q_i) is the same function of theta, so it too
has that minimizer.
"""

import sympy as sp

from symkl import Chain, CrossEntropy, DatasetSpace, Derivation, Entropy, KLDivergence, ScalarSpace
from symkl.optima import same_optimizer

VARIANTS = ("same_optimizer", "cross_entropy", "kl", "entropy", "binary", "decreasing")
#: the model's parameters theta in Theta; q[i, k] = q_theta(k | x_i) depends on them
THETA, PARAMETERS = sp.Symbol("theta"), sp.Symbol("Theta")
TITLES = {
    "same_optimizer": "Maximum likelihood and minimum cross-entropy choose the same model",
    "decreasing": "-log is strictly decreasing",
    "cross_entropy": "Summed cross-entropy with one-hot targets is the negative log-likelihood",
    "kl": "Summed KL divergence with one-hot targets is the negative log-likelihood",
    "entropy": "One-hot targets have zero entropy",
    "binary": "The averaged binary log loss is an average cross-entropy",
}


def _decreasing(likelihood_loss: Derivation) -> Derivation:
    u = sp.Symbol("u", positive=True)
    (likelihood,) = likelihood_loss.result.atoms(sp.Product)
    outer = likelihood_loss.result.xreplace({likelihood: u})  # h(u), read off the chain
    space = ScalarSpace(
        description="u > 0",
        assumptions=("u > 0",),
        p=sp.Tuple(),
        q=sp.Tuple(),
        intervals=((u, sp.Interval.open(0, sp.oo)),),
    )
    chain = Chain("mle_eq_min_cross_entropy", TITLES["decreasing"], space, sp.Derivative(outer, u))
    chain.apply("differentiate")
    chain.apply("compare with zero", "<")
    return chain.derivation()


def derive(variant: str | None = None) -> Derivation:
    variant = variant or VARIANTS[0]
    if variant in ("same_optimizer", "decreasing"):
        loss = derive("cross_entropy")
        if variant == "decreasing":
            return _decreasing(loss)
        return same_optimizer(
            "mle_eq_min_cross_entropy",
            TITLES[variant],
            loss,
            derive("decreasing"),
            THETA,
            PARAMETERS,
        )
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
