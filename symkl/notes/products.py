"""Scalar products `w^T x` in notes, read as one real number each.

A product is a name of its own, `w^T x` (a vector with an index is marked, `w^T x_` for
`w^T x_i`, so a substitution knows which index is whose), indexed as its vectors are:
`u_k^T v_c` is entry (k, c) of the family `u_^T v_`. An identity true for every value of
these numbers is true for vectors; a counterexample is one only where the values are
those of vectors (`symkl.notes.audit` decides that). Nothing may integrate, sum or
optimize over one of its vectors: the number would be a constant there. A derivative in
one is kept as a `VectorDerivative`, which nothing evaluates: `symkl.notes.vectors` writes
the step out over the vectors' entries, or leaves it unread.

Main functions: `product_value`, `applied` (a defined function at its arguments),
`scalar_product_vectors`, `refuse_over_vectors`, `product_parts`, `VectorDerivative`.
"""

import sympy as sp
from sympy.core.function import AppliedUndef

from symkl.notes.unreadable import Unreadable

__all__ = [
    "product_value",
    "applied",
    "scalar_product_vectors",
    "refuse_over_vectors",
    "product_parts",
    "is_product",
    "VectorDerivative",
]

#: a vector as written: its letter, and its index (None for none)
Vector = tuple[str, sp.Expr | None]


class VectorDerivative(sp.Function):
    """d/dw of a value through a scalar product of w (w a vector, or one entry w_j of it),
    unevaluated: as a number it has no value, so no verdict rests on it until
    `symkl.notes.vectors` writes it over the entries."""

    nargs = 2


def product_value(left: Vector, right: Vector) -> sp.Expr:
    """`w^T x` as a real number of its own; u^T v = v^T u, one name for both orders."""
    left, right = sorted((left, right), key=lambda v: (v[0], str(v[1])))
    name = "^T ".join(
        letter + ("_" if index is not None else "") for letter, index in (left, right)
    )
    indices = tuple(index for _, index in (left, right) if index is not None)
    if not indices:
        return sp.Symbol(name, real=True)
    return sp.IndexedBase(name, real=True)[indices]


def applied(lam: sp.Lambda, args: list) -> sp.Expr:
    """A function the notes define, at `args`; its scalar products follow their vectors
    (`w^T x` in p(y | x; w) becomes `w^T x_i` at x_i), and a variable its formula integrates
    or sums over is renamed where an argument holds it (p(x) = \\int p(x | t) r(t) dt at t)."""
    lam = _without_capture(lam, args)
    moved = {}
    entries = lam.expr.atoms(sp.Indexed)
    labels = {e.base.label for e in entries}
    for e in entries | (lam.expr.atoms(sp.Symbol) - labels):
        name = str(e.base.label) if isinstance(e, sp.Indexed) else str(e)
        if "^T " not in name:
            continue
        vectors = []
        for letter, index in zip(_letters(name), _indices(e), strict=True):
            at = [k for k, v in enumerate(lam.variables) if str(v) == letter]
            arg = args[at[0]] if at else None
            if arg is None:
                vectors.append((letter, index))
            elif index is None and isinstance(arg, sp.Symbol) and arg.name.isalpha():
                vectors.append((arg.name, None))
            elif index is None and isinstance(arg, sp.Indexed) and len(arg.indices) == 1:
                vectors.append((str(arg.base.label), arg.indices[0]))
            else:
                raise Unreadable(f"{name} at {letter} = {arg}: not one scalar product")
        moved[e] = product_value(*vectors)
    return lam(*args).xreplace(moved) if moved else lam(*args)


def _without_capture(lam: sp.Lambda, args: list) -> sp.Lambda:
    free = set().union(*(a.free_symbols for a in args if isinstance(a, sp.Basic)))
    bound = {v for agg in lam.expr.atoms(sp.Integral, sp.Sum, sp.Product) for v in agg.variables}
    clash = bound & free
    if not clash:
        return lam
    renamed = {v: sp.Dummy(v.name, **v.assumptions0) for v in clash}
    return sp.Lambda(lam.variables, lam.expr.xreplace(renamed))


def scalar_product_vectors(value: sp.Basic) -> set[str]:
    """The letters of the vectors of the scalar products in a value."""
    return {letter for name in _names(value) for letter in _letters(name)}


def refuse_over_vectors(value: sp.Basic, variables: set[str] | None = None) -> None:
    """Raise `Unreadable` where `value` has a scalar product of a vector in `variables`
    (None: any), which a derivative, integral, sum or optimum over it would take as a
    constant."""
    for name in _names(value):
        if variables is None or variables & set(_letters(name)):
            raise Unreadable(
                f"a derivative, integral or sum in a vector of {name}, which symkl reads as "
                "one number (a scalar product)"
            )


def is_product(e: sp.Basic) -> bool:
    """Is `e` a scalar product (`w^T x`) or an entry of a family of them (`w^T x_i`)?"""
    if isinstance(e, sp.Indexed):
        return "^T " in str(e.base.label)
    # (the label of a family, `w^T x_`, is no product: an indexed vector is marked)
    return (
        isinstance(e, sp.Symbol)
        and "^T " in e.name
        and not any(v.endswith("_") for v in e.name.split("^T "))
    )


def product_parts(e: sp.Basic) -> list[Vector]:
    """The two vectors of a scalar product, each with its index: `w^T x_i` -> [("w", None),
    ("x", i)]."""
    name = str(e.base.label if isinstance(e, sp.Indexed) else e)
    return list(zip(_letters(name), _indices(e), strict=True))


def _names(value: sp.Basic) -> list[str]:
    """The names of the scalar products in a value (symbols, entries, functions of them)."""
    names = (
        {str(s) for s in value.free_symbols}
        | {str(e.base.label) for e in value.atoms(sp.Indexed)}
        | {e.func.__name__ for e in value.atoms(AppliedUndef)}
    )
    return sorted(n for n in names if "^T " in n)


def _letters(name: str) -> list[str]:
    return [v.rstrip("_") for v in name.split("^T ")]


def _indices(e) -> list:
    """The index of each vector of a scalar product's entry (None where it has none)."""
    marks = str(e.base.label if isinstance(e, sp.Indexed) else e).split("^T ")
    indices = iter(e.indices if isinstance(e, sp.Indexed) else ())
    return [next(indices) if v.endswith("_") else None for v in marks]
