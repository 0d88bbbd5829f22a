"""D_KL(p || q) = 0 exactly when q = p.

Variants:
- `iff`:      the headline D_KL(p || q) = 0 <=> q_i = p_i, from the two implications below;
- `only_if`:  D_KL(p || q) = 0 => q_i = p_i: by `log_gaps` D_KL is a sum of p_i > 0 times
              g(q_i/p_i); g has its one minimum at t = 1 (`log_gap_argmin`) where it is 0
              (`log_gap_min`), so the sum vanishes only where each q_i/p_i = 1, solved for q_i;
- `if`:       q_i = p_i => D_KL(p || q) = 0, by D_KL(p || p) = 0;
- `log_gaps`: D_KL(p || q) = sum_i p_i g(q_i/p_i) with g(t) = t - 1 - log t;
- `log_gap_argmin`: arg min over t > 0 of g(t) is 1 (g' = 1 - 1/t solved, g'' = 1/t^2 > 0);
- `log_gap_min`: g at that minimizer is 0.
"""

import sympy as sp

from symkl import Chain, Derivation, IndexedSpace, ScalarSpace
from symkl.measures import LogGap
from symkl.optima import by_substitution, iff, optimum, zero_only_at_minimizer
from symkl.solving import zero_set

VARIANTS = ("iff", "only_if", "if", "log_gaps", "log_gap_argmin", "log_gap_min")
NAME, TITLE = "kl_eq_zero_iff", "KL divergence vanishes exactly when p = q"
POSITIVE = sp.Interval.open(0, sp.oo)
T = sp.Symbol("t", positive=True)
#: where g(t) = t - 1 - log t is studied
HALF_LINE = ScalarSpace(
    description="t > 0",
    assumptions=("t > 0",),
    p=sp.Tuple(),
    q=sp.Tuple(),
    intervals=((T, POSITIVE),),
)


def _chain(space: IndexedSpace, start: sp.Basic, *rules: str) -> Chain:
    chain = Chain(NAME, TITLE, space, start)
    for rule in rules:
        chain.apply(rule)
    return chain


def _log_gap_argmin() -> Derivation:
    space, g = HALF_LINE, LogGap(T)
    grad = zero_set(sp.Derivative(g, T), T, POSITIVE)
    stationary = _chain(space, grad, "unfold definitions", "differentiate", "solve")
    convexity = _chain(space, sp.Derivative(g, (T, 2)), "unfold definitions", "differentiate")
    convexity.apply("compare with zero", ">")
    return optimum(
        NAME,
        TITLE,
        g,
        T,
        POSITIVE,
        stationary=stationary.derivation(),
        second_order=convexity.derivation(),
    )


def _log_gap_min() -> Derivation:
    start = sp.Subs(LogGap(T), T, derive("log_gap_argmin").result)
    return _chain(HALF_LINE, start, "evaluate substitutions", "unfold definitions").derivation()


def derive(variant: str | None = None) -> Derivation:
    variant = variant or VARIANTS[0]
    space = IndexedSpace.make()
    if variant == "log_gaps":
        rules = (
            "unfold definitions",
            "introduce the log gap",
            "expand products",
            "split sums",
            "substitute constraints",
        )
        return _chain(space, space.kl(), *rules).derivation()
    if variant == "log_gap_argmin":
        return _log_gap_argmin()
    if variant == "log_gap_min":
        return _log_gap_min()
    if variant == "only_if":
        gaps = derive("log_gaps")
        (u,) = gaps.result.function.atoms(LogGap).pop().args
        minimizer = derive("log_gap_argmin")
        solved = _chain(space, zero_set(u - minimizer.result, space.q, POSITIVE), "solve")
        return zero_only_at_minimizer(
            NAME, TITLE, gaps, minimizer, derive("log_gap_min"), solved.derivation()
        )
    only_if = derive("only_if")
    premise = only_if.conclusion.rhs  # q_i = p_i
    same = _chain(space, space.kl(space.p, space.p), "unfold definitions", "simplify")
    if_ = by_substitution(NAME, TITLE, premise, only_if.conclusion.lhs.lhs, same.derivation())
    return if_ if variant == "if" else iff(NAME, TITLE, only_if, if_)
