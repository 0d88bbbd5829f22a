"""Linearity of sums and integrals: split, merge, pull out constants, separate products,
rename indices.

These are the operations a lecturer does silently ("the sum of a difference is the
difference of the sums"). They are sound for finite sums, and for integrals whose parts
are integrable, which `DensitySpace` states as an assumption. A sum may run over several
indices at once (SymPy writes a nested sum as one `Sum` with several limits).
"""

import sympy as sp

__all__ = ["AGGREGATES", "split", "merge", "separate", "canonical_indices"]

AGGREGATES = (sp.Sum, sp.Integral)


def _is_aggregate(e: sp.Basic) -> bool:
    return isinstance(e, AGGREGATES)


def _bound(agg: sp.Expr) -> list[sp.Symbol]:
    return [limit[0] for limit in agg.limits]


def _split_one(agg: sp.Expr, deep: bool = True) -> sp.Expr:
    terms = sp.Add.make_args(sp.expand(agg.function, deep=deep))
    out = []
    for term in terms:
        constant, rest = term.as_independent(*_bound(agg), as_Add=False)
        out.append(constant * agg.func(rest, *agg.limits))
    return sp.Add(*out)


def split(expr: sp.Basic, deep: bool = True) -> sp.Basic:
    """Sum(a + c*b) -> Sum(a) + c*Sum(b), for constants c, everywhere in `expr`.

    `deep=False` multiplies out only the top level of each summand, keeping factors such
    as exp(-(x - mu)^2) whole, as a person would."""
    return expr.replace(_is_aggregate, lambda agg: _split_one(agg, deep))


def merge(expr: sp.Expr) -> sp.Expr:
    """c1*Sum(a) + c2*Sum(b) -> Sum(c1*a + c2*b) for sums with the same limits."""
    groups: dict[tuple, list[sp.Expr]] = {}
    rest = []
    for term in sp.Add.make_args(expr):
        constant, agg = term.as_independent(*AGGREGATES, as_Add=False)
        if _is_aggregate(agg):
            groups.setdefault((agg.func, agg.limits), []).append(constant * agg.function)
        else:
            rest.append(term)
    merged = [func(sp.Add(*parts), *limits) for (func, limits), parts in groups.items()]
    return sp.Add(*rest, *merged)


def _separate_one(s: sp.Sum) -> sp.Expr:
    variables = _bound(s)
    if len(variables) < 2 or any(b.has(*variables) for _, *ends in s.limits for b in ends):
        return s  # one index, or a range that depends on another index
    factors: dict[sp.Symbol, list[sp.Expr]] = {v: [] for v in variables}
    constant = []
    for f in sp.Mul.make_args(s.function):
        used = f.free_symbols & set(variables)
        if len(used) > 1:
            return s
        (factors[used.pop()] if used else constant).append(f)
    return sp.Mul(*constant, *(sp.Sum(sp.Mul(*factors[v]), (v, *ends)) for v, *ends in s.limits))


def separate(expr: sp.Basic) -> sp.Basic:
    """sum_i sum_j a_i b_j -> (sum_i a_i)(sum_j b_j): a multiple sum over fixed ranges
    whose summand is a product of factors each of one index."""
    return expr.replace(lambda e: isinstance(e, sp.Sum), _separate_one)


def _depth(expr: sp.Basic) -> int:
    """How deeply sums and integrals nest inside `expr`."""
    return max((_depth(a.function) + 1 for a in expr.atoms(*AGGREGATES)), default=0)


def canonical_indices(expr: sp.Basic) -> sp.Basic:
    """Rename each bound variable to a canonical one, so equal sums compare equal."""

    def rename(agg: sp.Expr) -> sp.Expr:
        # Named by nesting depth and position, so an inner index never captures an outer one.
        depth = _depth(agg.function)
        names = {
            var: sp.Symbol(f"_k{depth}_{k}", **var.assumptions0)
            for k, var in enumerate(_bound(agg))
        }
        bound_symbols = {s for _, *bounds in agg.limits for b in bounds for s in b.free_symbols}
        if set(names.values()) & (agg.free_symbols | bound_symbols):
            return agg
        # A later (outer) range may depend on an earlier index: rename it there too.
        limits = [(names[v], *(b.xreplace(names) for b in bounds)) for v, *bounds in agg.limits]
        return agg.func(agg.function.xreplace(names), *limits)

    return expr.replace(_is_aggregate, rename)
