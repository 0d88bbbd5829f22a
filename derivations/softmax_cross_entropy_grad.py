"""dH(y, softmax(z))/dz_e = softmax(z)_e sum_i y_i - y_e for labels y over n classes and
logits z, softmax(z)_i = e^(z_i) / sum_j e^(z_j); softmax(z)_e - y_e when y sums to 1.

log softmax(z)_i = z_i - log sum_j e^(z_j) splits the cross-entropy into
log(sum_j e^(z_j)) sum_i y_i - sum_i y_i z_i; differentiating termwise and evaluating the
Kronecker deltas gives the result. The chain stops before sum_i y_i = 1 is substituted:
the exported softmax_cross_entropy_grad computes this form, which also holds for labels
that do not sum to 1 (and the checker does not prove that last substitution).
"""

import sympy as sp

from symkl import CrossEntropy, Derivation, IndexedSpace

from ._gradients import gradient


def derive(variant: str | None = None) -> Derivation:
    space = IndexedSpace.make(p="y", q="q")
    i, j, n = space.index, sp.Symbol("j", integer=True), space.n
    z = sp.IndexedBase("z", real=True)
    softmax = sp.exp(z[i]) / sp.Sum(sp.exp(z[j]), (j, 1, n))
    return gradient(
        "softmax_cross_entropy_grad",
        "Gradient of the softmax cross-entropy with respect to the logits",
        space,
        CrossEntropy(space.p, softmax, limits=space.limits),
        z[space.free_index],
        "expand logarithms",
        "expand products",
        "split sums",
        "differentiate",
        "evaluate Kronecker delta",
    )
