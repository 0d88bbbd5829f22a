"""Gradients through scalar products: `\\nabla_w J(w)`, `\\frac{\\partial}{\\partial w} \\log
\\sigma(w^T x)`, written out over the vectors' entries.

## Main definitions
- `expand(exprs)`: a step with a derivative in a vector (`VectorDerivative`, from the
  parser), read at one entry: each scalar product `w^T x_i` is the sum of `w[k] x[i, k]` over
  k = 1..d; the gradient in w is the derivative in the entry `w[j]`; a vector where a
  vector stands (`x_i` on the right of `\\nabla_w J = \\sum_i (\\sigma(w^T x_i) - y_i) x_i`)
  is its entry j. Steps with no such derivative come back unchanged.
- `VectorsError`: the step mixes vectors and numbers in a way with no one reading.

Why entries: two vectors are equal when every entry is, whichever way the notes lay them
out (a gradient as a row or a column), and the entries are numbers the checker samples: d
and j vary between sampled points like any size and index (j within 1..d). Only what has
one reading is read: a sum of a number and a vector, a product of two vectors (inner,
outer or entrywise?), a function of a vector, a derivative of a vector in a vector (a
Jacobian, laid out either way) and a letter that is one vector here and a family of
vectors there are `VectorsError`, so no verdict rests on a guess.
"""

import sympy as sp
from sympy.core.function import AppliedUndef

from symkl.notes.products import VectorDerivative, is_product, product_parts, product_value

#: functions with kinks or jumps: no derivative through them here
_NOT_SMOOTH = (sp.Piecewise, sp.Max, sp.Min, sp.Abs, sp.floor, sp.ceiling, sp.sign, sp.Heaviside)

__all__ = ["expand", "VectorsError"]

#: names for the entry index and the index of a scalar product's sum, first unused first
_INDEX_NAMES = ("j", "k", "l", "r", "s", "t", "u", "v")
#: names for the vectors' dimension, first unused first
_DIMENSION_NAMES = ("d", "D", "m", "K")


class VectorsError(Exception):
    """The step's vectors and numbers have no one reading (the reason is the message)."""


def expand(exprs: list) -> list:
    """`exprs` (a step's sides) written over the entries of their vectors, where a side
    differentiates in a vector; else unchanged."""
    if not any(isinstance(e, sp.Basic) and e.has(VectorDerivative) for e in exprs):
        return exprs
    reading = _Entries(exprs)
    sides = [reading.entry(reading.lengths(e)) for e in exprs]
    numbers = [value for value, vector in sides if not vector]
    if len(numbers) not in (0, len(sides)) and any(value != 0 for value in numbers):
        # (a vector equal to 0 is every entry 0)
        raise VectorsError("a vector on one side and a number on the other")
    return [value for value, _ in sides]


def _products(e: sp.Basic) -> list:
    """The scalar products in `e` (`w^T x`, and entries `w^T x_i` of families of them)."""
    return [a for a in e.atoms(sp.Symbol, sp.Indexed) if is_product(a)]


def _names(exprs: list) -> set[str]:
    """Every name a step uses: symbols, indices, bounds, vectors (so new ones differ)."""
    names = set()
    for e in exprs:
        names |= {s.name for s in e.atoms(sp.Symbol)}
        for i in e.atoms(sp.Indexed):
            names.add(str(i.base.label))
            for x in i.indices:
                names |= {str(s) for s in x.free_symbols}
        names |= {f.func.__name__ for f in e.atoms(AppliedUndef)}
        names |= {letter for product in _products(e) for letter, _ in product_parts(product)}
    return names


def _fresh(choices: tuple[str, ...], used: set[str]) -> str:
    name = next((c for c in choices if c not in used), None)
    if name is None:
        raise VectorsError("no free letter for the vectors' entries")
    used.add(name)
    return name


class _Entries:
    """The vectors of one step: each letter a vector (`w`, `x` in `w^T x`) or a family of
    vectors (`x` in `w^T x_i`), their dimension d and the entry j the step is read at."""

    def __init__(self, exprs: list):
        basics = [e for e in exprs if isinstance(e, sp.Basic)]
        # letter -> True for a family of vectors (written with an index), else False
        self.family: dict[str, bool] = {}
        self.bases: dict[str, sp.IndexedBase] = {}
        for e in basics:
            for i in e.atoms(sp.Indexed):
                if not is_product(i):
                    self.bases.setdefault(str(i.base.label), i.base)
            for product in _products(e):
                for letter, index in product_parts(product):
                    self._letter(letter, index is not None)
            for d in e.atoms(VectorDerivative):
                var = d.args[1]
                if isinstance(var, sp.Symbol):
                    self._letter(var.name, False)
        used = _names(basics)
        self.dim = sp.Symbol(_fresh(_DIMENSION_NAMES, used), integer=True, positive=True)
        self.j = sp.Symbol(_fresh(_INDEX_NAMES, used), integer=True)
        self.k = sp.Symbol(_fresh(_INDEX_NAMES, used), integer=True)

    def _letter(self, letter: str, family: bool) -> None:
        if self.family.setdefault(letter, family) != family:
            raise VectorsError(f"{letter} is one vector and, with an index, a family of vectors")

    def lengths(self, e: sp.Basic) -> sp.Basic:
        """`e` with each sum over a vector's entries (`\\|w\\|^2`, `\\sum_k w_k^2`) run over
        1..d, the vectors' dimension: one vector has one length, and the bound the parser
        gives a norm is the notes' count of outcomes, which may be the examples' n."""

        def over_entries(total: sp.Sum) -> bool:
            # only the parser's own sum of a norm (its index a name no note writes, `_k0_0`):
            # a sum the notes write to a bound (`\\sum_{k=1}^{3} w_k^2`) may be partial
            if not str(total.variables[0]).startswith("_"):
                return False
            return len(total.limits) == 1 and any(
                self.family.get(str(x.base.label)) is False and x.indices == (total.variables[0],)
                for x in total.function.atoms(sp.Indexed)
            )

        def run(total: sp.Sum) -> sp.Sum:
            var, lo, _ = total.limits[0]
            if lo != 1:
                raise VectorsError("a sum over a vector's entries from other than 1")
            return sp.Sum(total.function, (var, 1, self.dim))

        if not isinstance(e, sp.Basic):
            return e
        return e.replace(lambda x: isinstance(x, sp.Sum) and over_entries(x), run)

    def base(self, letter: str) -> sp.IndexedBase:
        return self.bases.setdefault(letter, sp.IndexedBase(letter, real=True))

    def product(self, e: sp.Basic) -> sp.Expr:
        """`w^T x_i` as the sum over k of w[k] x[i, k]."""
        factors = [
            self.base(letter)[(index, self.k) if index is not None else self.k]
            for letter, index in product_parts(e)
        ]
        return sp.Sum(sp.Mul(*factors), (self.k, 1, self.dim))

    def entry(self, e: sp.Basic) -> tuple[sp.Basic, bool]:
        """(e at entry j, is e a vector?)."""
        if not isinstance(e, sp.Basic) or e.is_number:
            return e, False
        if is_product(e):
            return self.product(e), False
        if isinstance(e, sp.Derivative) and any(is_product(v) for v in e.variables):
            # f'(w^T x), written as a derivative in the product: at the sum, not in it
            stand = {v: sp.Dummy(real=True) for v in e.variables if is_product(v)}
            counts = [(stand.get(v, v), k) for v, k in e.variable_count]
            inner = sp.Derivative(e.expr.xreplace(stand), *counts)
            return self.entry(sp.Subs(inner, tuple(stand.values()), tuple(stand)))
        if isinstance(e, sp.Symbol):
            if e.name in self.family:
                if self.family[e.name]:
                    raise VectorsError(f"{e.name} without an index, where it names a family")
                return self.base(e.name)[self.j], True
            return e, False
        if isinstance(e, sp.Indexed):
            letter = str(e.base.label)
            if self.family.get(letter) and len(e.indices) == 1:
                return self.base(letter)[(e.indices[0], self.j)], True  # x_i: its entry j
            return e, False
        if isinstance(e, VectorDerivative):
            return self.derivative(*e.args)
        if isinstance(e, (sp.Sum, sp.Add, sp.Mul)):
            return self.combined(e)
        parts = [self.entry(a) for a in e.args]
        if any(vector for _, vector in parts):
            raise VectorsError(f"a function of a vector ({type(e).__name__}): entrywise?")
        return (e.func(*[a for a, _ in parts]) if parts else e), False

    def combined(self, e: sp.Basic) -> tuple[sp.Basic, bool]:
        if isinstance(e, sp.Sum):
            body, vector = self.entry(e.function)
            for _, lo, hi in e.limits:
                if self.entry(lo)[1] or self.entry(hi)[1]:
                    raise VectorsError("a vector in a sum's bounds")
            return sp.Sum(body, *e.limits), vector
        parts = [self.entry(a) for a in e.args]
        vectors = sum(vector for _, vector in parts)
        if isinstance(e, sp.Mul) and vectors > 1:
            raise VectorsError("a product of two vectors: inner, outer or entrywise?")
        if isinstance(e, sp.Add) and 0 < vectors < len(parts):
            raise VectorsError("a number added to a vector")
        return e.func(*[a for a, _ in parts]), vectors > 0

    def derivative(self, body: sp.Basic, var: sp.Basic) -> tuple[sp.Expr, bool]:
        """d body / d var: in the entry j of a vector w (a vector), or in an entry w_i
        written (a number); of a number only (of a vector it is a Jacobian). Carried out
        here by the chain rule through each scalar product (d(w^T x_i)/dw_j = x[i, j]), so
        the checker gets the formula a person would write, not a derivative of sums."""
        if self.entry(body)[1]:
            raise VectorsError("a derivative of a vector in a vector (a Jacobian: laid out how?)")
        if body.has(VectorDerivative):
            raise VectorsError("a second derivative in a vector")
        if isinstance(var, sp.Symbol):
            target, vector = (var.name, None, self.j), True
        elif self.family.get(str(var.base.label)) and len(var.indices) == 1:
            target, vector = (str(var.base.label), var.indices[0], self.j), True
        elif len(var.indices) == 1:
            target, vector = (str(var.base.label), None, var.indices[0]), False
        else:
            raise VectorsError("a derivative in an entry of a family of vectors")
        return self.entry(self.chain(body, target))[0], vector

    def chain(self, e: sp.Basic, target: tuple) -> sp.Expr:
        """d e / d (entry `at` of vector `letter`, of the family member `member`)."""
        letter, member, at = target
        if not self.depends(e, letter):
            return sp.S.Zero
        if is_product(e):
            parts = product_parts(e)
            return sp.Add(
                *[
                    self.other(parts, k, at)
                    for k, (name, index) in enumerate(parts)
                    if name == letter and self.same(index, member)
                ]
            )
        if isinstance(e, sp.Indexed):
            if str(e.base.label) == letter and member is None and e.indices == (at,):
                return sp.S.One  # w_j itself, written beside w's scalar products
            raise VectorsError(f"{letter} written by its entries beside its scalar products")
        if isinstance(e, sp.Sum):
            if any(self.depends(x, letter) for lim in e.limits for x in lim[1:]):
                raise VectorsError("a sum whose bounds depend on a vector")
            return self.chain_sum(e, target)
        if isinstance(e, sp.Add):
            return sp.Add(*[self.chain(a, target) for a in e.args])
        if isinstance(e, (sp.Derivative, sp.Integral, sp.Product, *_NOT_SMOOTH)):
            raise VectorsError(f"a derivative in a vector of a {type(e).__name__.lower()}")
        # any other function of its arguments: the chain rule through each
        stand = [sp.Dummy(real=True) for _ in e.args]
        at_stand = e.func(*stand)
        total = sp.S.Zero
        for u, arg in zip(stand, e.args, strict=True):
            inner = self.chain(arg, target)
            if inner != 0:
                outer = sp.diff(at_stand, u)
                if outer.has(sp.Derivative):  # f'(w^T x) of an f the notes do not write out
                    outer = sp.Subs(outer, tuple(stand), tuple(e.args))
                else:
                    outer = outer.xreplace(dict(zip(stand, e.args, strict=True)))
                total += outer * inner
        return total

    def chain_sum(self, total: sp.Sum, target: tuple) -> sp.Expr:
        """d/dw_j of a sum: term by term; where the sum runs over w's own entries (k =
        1..d, `\\sum_k w_k^2`), its terms in w_k give their derivative at k = j, the one
        term that holds w_j."""
        letter, member, at = target
        var = total.variables[0]
        if member is not None and self.indexes_family(total, letter):
            return self.chain_family_sum(total, target)
        own = sp.IndexedBase(letter)  # (compared by label below)
        entries = {
            x
            for x in total.function.atoms(sp.Indexed)
            if str(x.base.label) == letter and var in x.indices
        }
        if not entries:
            return sp.Sum(self.chain(total.function, target), *total.limits)
        if (
            member is not None
            or len(total.limits) != 1
            or total.limits[0][1:] != (1, self.dim)
            or {x.indices for x in entries} != {(var,)}
        ):
            raise VectorsError(
                f"a sum over {own.label}'s entries that symkl does not differentiate"
            )
        (entry,) = entries
        stand = sp.Dummy(real=True)
        body = total.function.xreplace({entry: stand})
        direct = sp.diff(body, stand).xreplace({stand: entry}).xreplace({var: at})
        rest = sp.Sum(self.chain(body, target).xreplace({stand: entry}), *total.limits)
        return direct + rest

    @staticmethod
    def indexes_family(total: sp.Sum, letter: str) -> bool:
        """Does the sum run over the family `letter` (`\\sum_c e^{w_c^T x}`)?"""
        var = total.variables[0]
        return any(
            name == letter and index == var
            for a in _products(total.function)
            for name, index in product_parts(a)
        )

    def chain_family_sum(self, total: sp.Sum, target: tuple) -> sp.Expr:
        """d/dw_{k, j} of a sum over the family's c = 1..K: the terms through w_c give
        their derivative at c = k (only there is w_c the w_k differentiated in); the terms
        through other vectors, their own derivatives, summed."""
        letter, member, at = target
        var, lo, _ = total.limits[0]
        if len(total.limits) != 1 or lo != 1:
            raise VectorsError(f"a sum over the family {letter} from other than 1")
        mark = letter + "'"
        marked = {}
        for a in _products(total.function):
            parts = product_parts(a)
            if any(name == letter and index == var for name, index in parts):
                if len({i for n, i in parts if n == letter}) > 1:
                    raise VectorsError(f"a product of two vectors of the family {letter}")
                renamed = [(mark if n == letter else n, i) for n, i in parts]
                marked[a] = product_value(*renamed)
        body = total.function.xreplace(marked)
        back = {v: k for k, v in marked.items()}
        direct = self.chain(body, (mark, var, at)).xreplace(back)
        # (w_c^T w_c: the other vector of the product is w_c too)
        direct = direct.xreplace({self.base(mark): self.base(letter)}).xreplace({var: member})
        # only a sum whose range holds the member has a term in it (w_3 in a sum to 2: none)
        hi = total.limits[0][2]
        inside = sp.And(sp.Le(lo, member), sp.Le(member, hi))
        if isinstance(member, sp.Symbol) and isinstance(hi, sp.Symbol) and member != hi:
            # w_s beside a sum to K: s one of the K, as an index of a vector is among its
            # entries (the sampler draws it so)
            inside = sp.true
        if inside is sp.false:
            direct = sp.S.Zero
        elif inside is not sp.true:
            direct = sp.Piecewise((direct, inside), (0, True))
        rest = sp.Sum(self.chain(body, target).xreplace(back), *total.limits)
        return direct + rest

    def depends(self, e: sp.Basic, letter: str) -> bool:
        """Does `e` hold the vector `letter` (in a product, or by its entries)?"""
        if not isinstance(e, sp.Basic):
            return False
        return any(
            (is_product(a) and letter in [name for name, _ in product_parts(a)])
            or (isinstance(a, sp.Indexed) and str(a.base.label) == letter)
            for a in e.atoms(sp.Symbol, sp.Indexed)
        )

    @staticmethod
    def same(index, member) -> bool:
        """Is the vector `index` names the one differentiated in (`member` of its family)?"""
        if index is None or member is None:
            return index is None and member is None
        if index.is_Integer and member.is_Integer and index != member:
            return False  # w_2 beside a derivative in w_1: another vector
        if index != member:
            raise VectorsError("a derivative in one vector of a family, beside the others")
        return True

    def other(self, parts: list, k: int, at: sp.Expr) -> sp.Expr:
        """Entry `at` of the vector multiplying part k of a scalar product."""
        name, index = parts[1 - k]
        return self.base(name)[(index, at) if index is not None else at]
