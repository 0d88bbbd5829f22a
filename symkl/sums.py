"""Linearity of sums and integrals: split, merge, pull out constants, rename indices.

These are the operations a lecturer does silently ("the sum of a difference is the
difference of the sums"). They are sound for finite sums, and for integrals whose parts
are integrable, which `DensitySpace` states as an assumption.
"""

import sympy as sp

__all__ = ["AGGREGATES", "split", "merge", "canonical_indices"]

AGGREGATES = (sp.Sum, sp.Integral)


def _is_aggregate(e: sp.Basic) -> bool:
    return isinstance(e, AGGREGATES) and len(e.limits) == 1


def _split_one(agg: sp.Expr) -> sp.Expr:
    var = agg.limits[0][0]
    terms = sp.Add.make_args(sp.expand(agg.function))
    out = []
    for term in terms:
        constant, rest = term.as_independent(var, as_Add=False)
        out.append(constant * agg.func(rest, *agg.limits))
    return sp.Add(*out)


def split(expr: sp.Basic) -> sp.Basic:
    """Sum(a + c*b) -> Sum(a) + c*Sum(b), for constants c, everywhere in `expr`."""
    return expr.replace(_is_aggregate, _split_one)


def merge(expr: sp.Expr) -> sp.Expr:
    """c1*Sum(a) + c2*Sum(b) -> Sum(c1*a + c2*b) for sums with the same limits."""
    groups: dict[tuple, list[sp.Expr]] = {}
    rest = []
    for term in sp.Add.make_args(canonical_indices(expr)):
        constant, agg = term.as_independent(*AGGREGATES, as_Add=False)
        if _is_aggregate(agg):
            groups.setdefault((agg.func, agg.limits), []).append(constant * agg.function)
        else:
            rest.append(term)
    merged = [func(sp.Add(*parts), *limits) for (func, limits), parts in groups.items()]
    return sp.Add(*rest, *merged)


def canonical_indices(expr: sp.Basic) -> sp.Basic:
    """Rename each bound variable to a canonical one, so equal sums compare equal."""

    def rename(agg: sp.Expr) -> sp.Expr:
        var, *bounds = agg.limits[0]
        new = sp.Symbol("_k", **var.assumptions0)
        # `has`, not `free_symbols`: an inner sum already bound to _k would capture it
        if agg.has(new):
            return agg
        return agg.func(agg.function.xreplace({var: new}), (new, *bounds))

    return expr.replace(_is_aggregate, rename)
