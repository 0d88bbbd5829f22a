"""The KL divergence between two Bernoulli distributions, Bern(alpha) and Bern(beta):
D_KL = alpha log(alpha/beta) + (1 - alpha) log((1 - alpha)/(1 - beta)) >= 0, and = 0
exactly when beta = alpha.

Variants:
- `closed_form`: the definition's two terms;
- `nonneg`:      log u >= 1 - 1/u in each term leaves (alpha - beta) + (beta - alpha) = 0;
- `iff`:         the headline D_KL = 0 <=> beta = alpha, from the two implications below;
- `only_if`:     D_KL = 0 => beta = alpha: by `log_gaps`, D_KL is a positive combination of
                 g(beta/alpha) and g((1 - beta)/(1 - alpha)), where g(t) = t - 1 - log t is
                 >= 0 and 0 only at its minimizer t = 1 (kl_eq_zero_iff's `log_gap_argmin`
                 and `log_gap_min`); beta/alpha = 1 is solved for beta;
- `if`:          beta = alpha => D_KL = 0, from D_KL(Bern(alpha) || Bern(alpha)) = 0;
- `log_gaps`:    D_KL = alpha g(beta/alpha) + (1 - alpha) g((1 - beta)/(1 - alpha)).
"""

import sympy as sp

from symkl import Chain, Derivation, bernoulli_space, registry
from symkl.measures import LogGap
from symkl.optima import by_substitution, iff, zero_only_at_minimizer
from symkl.solving import zero_set

VARIANTS = ("closed_form", "nonneg", "iff", "only_if", "if", "log_gaps")
NAME, TITLE = "bernoulli_kl", "KL divergence between two Bernoulli distributions"
UNIT = sp.Interval.open(0, 1)
RULES = {
    "closed_form": ("unfold definitions",),
    "log_gaps": ("unfold definitions", "introduce the log gap", "collect by functions"),
}


def _chain(start: sp.Basic, *rules: str) -> Chain:
    chain = Chain(NAME, TITLE, bernoulli_space(), start)
    for rule in rules:
        chain.apply(rule)
    return chain


def _only_if() -> Derivation:
    gaps = derive("log_gaps")
    minimizer = registry.derive("kl_eq_zero_iff", "log_gap_argmin")
    # one gap's argument (either will do) at the minimizer t* = 1, solved for beta
    u = min((g.args[0] for g in gaps.result.atoms(LogGap)), key=sp.default_sort_key)
    beta = gaps.space.q[0]
    solved = _chain(zero_set(u - minimizer.result, beta, UNIT), "solve")
    value = registry.derive("kl_eq_zero_iff", "log_gap_min")
    return zero_only_at_minimizer(NAME, TITLE, gaps, minimizer, value, solved.derivation())


def derive(variant: str | None = None) -> Derivation:
    variant = variant or VARIANTS[0]
    space = bernoulli_space()
    if variant in RULES:
        return _chain(space.kl(), *RULES[variant]).derivation()
    if variant == "nonneg":
        chain = _chain(space.kl(), "unfold definitions")
        chain.apply("bound logarithms below", ">=")
        chain.apply("combine fractions")
        return chain.derivation()
    only_if = _only_if()
    if variant == "only_if":
        return only_if
    premise = only_if.conclusion.rhs  # beta = alpha, solved
    kl = only_if.conclusion.lhs.lhs
    same = _chain(kl.subs(*premise.args), "unfold definitions")
    if_ = by_substitution(NAME, TITLE, premise, kl, same.derivation())
    return if_ if variant == "if" else iff(NAME, TITLE, only_if, if_)
