"""What the symbols of a note range over, as a `symkl.spaces.Space` the checker can use.

## Main definitions
- `NoteSpace.for_step(exprs, kinds, dim)`: a space for the symbols that one step uses.
- `parse_assumption(text)`: `"alpha: probability"` -> ("alpha", "probability").
- `front_matter(text)`: kinds set by YAML front matter or a `symkl:` comment.

Defaults (issue 6): p, q, P, Q are distributions (positive, summing to one) over n
outcomes, or densities when the note integrates; alpha, beta are probabilities in (0, 1);
eta, x are real; y is a label in [0, 1]; any other letter is real. Vectors are sampled
like `IndexedSpace` (n from 1 to 6, a free index e in 1..n), densities like `DensitySpace`
(normal densities, quadrature).
"""

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
import sympy as sp
from sympy.core.function import AppliedUndef

from symkl import sampling
from symkl.checking.balls import Diverges
from symkl.checking.budget import BudgetExhausted, budget, remaining
from symkl.entry_extrema import EntryExtremum
from symkl.errors import SYMPY_FAILURES, SymklError
from symkl.measures import InformationMeasure, unfold
from symkl.notes import latent, moments
from symkl.notes.frontmatter import load_front_matter
from symkl.notes.parse import (
    AS_SCALAR,
    DEFAULT_KINDS,
    KINDS,
    assumptions,
    range_interval,
    range_kind,
)
from symkl.notes.prose import formula_range
from symkl.spaces import Point, Space, integral_value, open_interval_facts

__all__ = [
    "kind_of",
    "NoteSpace",
    "INTERVALS",
    "interval_of",
    "DomainReadings",
    "domain_readings",
    "stated_kinds",
    "USUAL_SCALARS",
    "parse_assumption",
    "front_matter",
    "split_dimension",
    "LENGTH",
    "VALUES",
]

#: `kinds[name + LENGTH]`: the number of entries the notes list for vector `name`
LENGTH = ":length"
#: `kinds[name + VALUES]`: the values the prose gives a letter (`y \\in \\{-1, 1\\}`), "-1,1"
VALUES = ":values"

#: kind -> the interval a scalar (or each entry of a vector) of that kind is drawn from
INTERVALS = {
    "probability": sp.Interval.open(0, 1),
    "label": sp.Interval(0, 1),
    "real": sp.Interval(-sp.oo, sp.oo),
    "positive": sp.Interval.open(0, sp.oo),
    "negative": sp.Interval.open(-sp.oo, 0),
    "above-one": sp.Interval.open(1, sp.oo),
}


def interval_of(kind: str) -> sp.Interval:
    """The interval a scalar (or each entry of a vector) of a kind is drawn from."""
    return INTERVALS.get(kind) or range_interval(kind) or INTERVALS["real"]


#: letters with a usual domain (sigma > 0, alpha in (0, 1)) that notes often leave unstated:
#: used only as a second reading of a step (`domain_readings`), never as the first
USUAL_SCALARS = {
    name: kind
    for name, kind in DEFAULT_KINDS.items()
    if kind in ("probability", "positive", "label")
}
_USUAL_TEXT = {
    "probability": "in (0, 1)",
    "positive": "> 0",
    "label": "in [0, 1]",
    "negative": "< 0",
    "above-one": "> 1",
}
#: the candidate domains of a letter with no usual one: a step refuted on all of them is
#: false wherever the letter lives; one that holds on any may be meant there
CANDIDATES = ("probability", "above-one", "negative")


def stated_kinds(kinds: dict[str, str]) -> dict[str, str]:
    """The kinds to read a note with: what it states, and every letter with a usual domain
    that it does not state as real (the widest domain its notation allows)."""
    return {**{name: "real" for name in USUAL_SCALARS if name not in kinds}, **kinds}


@dataclass(frozen=True)
class DomainReadings:
    """The step read with each letter the notes do not declare in a domain it may have."""

    exprs: tuple[sp.Basic, ...]
    kinds: dict  # the kind each such letter has in this reading
    usual: str  # "sigma > 0, gamma in (0, 1)"
    hint: str  # what to state: "'sigma: positive', 'gamma: probability'"


def domain_readings(exprs: list[sp.Basic], kinds: dict[str, str]) -> list[DomainReadings]:
    """Readings of a step read with `stated_kinds(kinds)` in which each real letter whose
    domain the notes (`kinds`) do not state gets a domain it may have: its usual one
    (sigma > 0, alpha in (0, 1)), or, for a letter without one, each of `CANDIDATES` in
    turn. Empty when there is no such letter.

    Narrowing a real symbol by substitution is sound (SymPy rebuilds the expression under
    the new assumptions); widening after reading would not be, since `sqrt(mu**2)` is
    already `mu` once mu is read as positive."""
    bounds = {
        hi
        for e in exprs
        for agg in e.atoms(sp.Sum, sp.Product, EntryExtremum)
        for _, _, hi in agg.limits
    }
    letters = sorted(
        {
            s
            for e in exprs
            for s in e.free_symbols
            if isinstance(s, sp.Symbol)
            and not s.is_integer
            and s not in bounds
            and s.name not in kinds
            and _kind(s.name, kinds) != "distribution"
        },
        key=str,
    )
    if not letters:
        return []
    unknown = any(s.name not in USUAL_SCALARS for s in letters)
    readings = []
    for candidate in CANDIDATES if unknown else CANDIDATES[:1]:
        chosen = {s.name: USUAL_SCALARS.get(s.name, candidate) for s in letters}
        narrowing = {s: sp.Symbol(s.name, **assumptions(chosen[s.name])) for s in letters}
        readings.append(
            DomainReadings(
                tuple(e.xreplace(narrowing) for e in exprs),
                chosen,
                ", ".join(f"{n} {_USUAL_TEXT[k]}" for n, k in chosen.items()),
                ", ".join(f"'{n}: {k}'" for n, k in chosen.items())
                + " (front matter, a symkl: comment or --assume)",
            )
        )
    return readings


def kind_of(bounds: tuple) -> str:
    """The kind of a letter ranging over (lo, lo_open, hi, hi_open), ends Fractions or
    infinite floats (as `symkl.notes.prose` reads them): a named kind where one is that
    interval, a `range_kind` otherwise."""
    lo, lo_open, hi, hi_open = bounds
    ends = [
        sp.Rational(e.numerator, e.denominator)
        if isinstance(e, Fraction)
        else (sp.oo if e > 0 else -sp.oo)
        for e in (lo, hi)
    ]
    interval = sp.Interval(ends[0], ends[1], lo_open, hi_open)
    return next((k for k, i in INTERVALS.items() if i == interval), None) or range_kind(interval)


def parse_assumption(text: str) -> tuple[str, str]:
    """`"alpha: probability"` or `"alpha=probability"` -> ("alpha", "probability").

    Raises:
        SymklError: not NAME: KIND, or an unknown kind.
    """
    m = re.fullmatch(r"\s*\\?([A-Za-z][A-Za-z0-9_]*)\s*[:=]\s*([a-z]+)\s*", text)
    if m is None and (ranged := formula_range(text)) is not None:
        # `sigma > 0`, `0 < p < 1`: the kind of that interval
        name, bounds = ranged
        return name, kind_of(bounds)
    if m is None:
        raise SymklError(
            f"cannot read the assumption {text!r}: write NAME: KIND (e.g. 'x: real') or a "
            "range (e.g. 'sigma > 0', '0 < p < 1')"
        )
    name, kind = m.groups()
    if kind not in KINDS:
        raise SymklError(f"unknown kind {kind!r} in assumption {text!r}; kinds: {', '.join(KINDS)}")
    return name, kind


def front_matter(text: str, path: str = "<text>") -> dict[str, str]:
    """Kinds a file sets for itself: YAML front matter `symkl: {assume: {x: positive}}`
    or a comment line `symkl: x=positive, alpha=real` (in `<!-- -->` or after `%`).

    Raises:
        SymklError: malformed front matter or assumption (the message names `path`).
    """
    kinds: dict[str, str] = {}
    m = re.match(r"\A---\n(.*?)\n---\s*\n", text, re.S)
    if m is not None:
        data = load_front_matter(m.group(1), path)
        assume = (data or {}).get("symkl", {}) if isinstance(data, dict) else {}
        assume = assume.get("assume", {}) if isinstance(assume, dict) else {}
        if isinstance(assume, list) and all(isinstance(a, str) for a in assume):
            # `assume: ["sigma > 0", "p: probability"]`
            kinds.update(_assumption(a, path) for a in assume)
        elif isinstance(assume, dict) and all(isinstance(k, str) for k in assume.values()):
            kinds.update(_assumption(f"{name}: {kind}", path) for name, kind in assume.items())
        else:
            raise SymklError(
                f"{path}: front matter: symkl.assume must map names to kinds (sigma: positive) "
                "or list assumptions ('sigma > 0')"
            )
    # [ \t]: an empty `<!-- symkl:` must not take the next line as its assumptions; the
    # rest of the line is trimmed in Python (a lazy group before optional `-->` and blanks
    # backtracked quadratically along a long line)
    for found in re.finditer(r"(?:<!--|%)[ \t]*symkl:([^\n]*)", text):
        line = found.group(1).strip()
        line = line.removesuffix("-->").rstrip() if line.endswith("-->") else line
        for part in filter(None, (p.strip() for p in line.split(","))):
            kinds.update([_assumption(part, path)])
    return kinds


def _assumption(text: str, path: str) -> tuple[str, str]:
    try:
        return parse_assumption(text)
    except SymklError as e:
        raise SymklError(f"{path}: {e}") from None


def _kind(name: str, kinds: dict[str, str]) -> str:
    """A name's kind; q_theta is a distribution when q is (as `Reader.is_distribution`)."""
    if name.startswith(latent.WIDTH):
        return "positive"  # the cells of a generic density (`latent.py`)
    if name.startswith(moments.VALUES):
        return "real"  # the values of a random variable with no law (`moments.py`)
    base = name.split("_")[0]
    if base != name and kinds.get(base, DEFAULT_KINDS.get(base)) == "distribution":
        return kinds.get(name, "distribution")
    return kinds.get(name, DEFAULT_KINDS.get(name, "real"))


#: every EQUAL_EVERY-th point ties same-domain scalars, the one before it distributions
EQUAL_EVERY = 8
#: the standard deviations of sampled densities: usually, and at every third point
WIDE, NARROW = (0.5, 2.0), (0.01, 0.1)
#: the largest size of a dimension of a table p[i, j] (rows and columns)
MAX_TABLE_SIZE = 40


def _computable(e: sp.Basic) -> bool:
    """An integral with numeric bounds of a known function of its one variable."""
    if not isinstance(e, sp.Integral) or len(e.limits) != 1 or len(e.limits[0]) != 3:
        return False
    (var, lo, hi) = e.limits[0]
    known = not e.function.atoms(AppliedUndef) and e.function.free_symbols <= {var}
    return known and not lo.free_symbols and not hi.free_symbols


def _calculus(expr: sp.Expr) -> sp.Expr:
    """Derivatives, limits and substitutions carried out (twice: a derivative of a measure
    gives a sum that needs its own)."""
    for _ in range(2):
        if not _holds(expr, (sp.Derivative, sp.Limit, sp.Subs)):
            break
        expr = expr.replace(
            lambda e: isinstance(e, (sp.Derivative, sp.Limit, sp.Subs)), lambda e: e.doit()
        )
    return expr


def _holds(expr: sp.Basic, kinds: tuple[type, ...]) -> bool:
    """Whether a node of `expr` is of one of `kinds`: a walk that builds nothing, where
    `replace` rebuilds each node it passes (most of a point's cost when nothing matches)."""
    return any(isinstance(e, kinds) for e in sp.preorder_traversal(expr))


def _integrate(integral: sp.Integral, values: dict, entries: dict) -> sp.Expr:
    """An integral at a point: exactly or by quadrature once its integrand is a known
    function of its variable (sums in it written out); otherwise left as it is."""
    closed = integral.xreplace(values).doit(integrals=False)
    closed = closed.xreplace(
        {
            i: sp.Rational(entries[key])
            for i in closed.atoms(sp.Indexed)
            if (key := (str(i.base.label), tuple(i.indices))) in entries
        }
    )
    return integral_value(closed) if _computable(closed) else closed


def _infinite_sum(e: sp.Basic) -> bool:
    return isinstance(e, sp.Sum) and any(hi is sp.oo or lo is -sp.oo for _, lo, hi in e.limits)


#: CPU seconds SymPy may take for one series' closed form at a point
SERIES_SECONDS = 0.5


def _series(total: sp.Sum) -> sp.Expr:
    """An infinite sum at numbers (`\\sum_{i \\ge 0} (3/10)^i`) in closed form where SymPy
    finds one (10/7), so that ball arithmetic, which sums finitely many terms, can evaluate
    it; otherwise left as it is (the side is then not evaluable there)."""
    if total.free_symbols:
        return total
    try:
        with budget(min(SERIES_SECONDS, remaining())):
            closed = total.doit()
    except (BudgetExhausted, *SYMPY_FAILURES):
        return total
    if closed.has(sp.Sum, sp.Piecewise) or not closed.is_finite:
        return Diverges(total) if _terms_stay_away_from_zero(total) else total
    return closed


def _terms_stay_away_from_zero(total: sp.Sum) -> bool:
    """Do the terms of a series at numbers not tend to 0 (|term| tends to a positive limit
    or to infinity)? Then it diverges (the n-th term test): a certain fact, not a guess."""
    if len(total.limits) != 1:
        return False
    var, _, hi = total.limits[0]
    if hi is not sp.oo:
        return False
    k = sp.Dummy("k", positive=True)
    try:
        with budget(min(SERIES_SECONDS, remaining())):
            limit = sp.limit(sp.Abs(total.function.xreplace({var: k})), k, sp.oo)
    except (BudgetExhausted, *SYMPY_FAILURES):
        return False
    return limit is sp.oo or (limit.is_number and limit.is_finite and limit.is_positive is True)


@functools.lru_cache(maxsize=1024)
def _normal_product(
    params: tuple[tuple[sp.Rational, sp.Rational], ...], scale: sp.Rational = sp.S.One
) -> sp.Lambda:
    """`scale` times a product of normal densities, one per argument: positive and
    integrable. Cached: spaces of different steps draw the same parameters at a point (5 ms
    of SymPy each)."""
    xs = sp.symbols(f"x1:{len(params) + 1}", real=True)
    body = sp.Mul(
        scale,
        *(
            sp.exp(-((x - mu) ** 2) / (2 * s**2)) / (s * sp.sqrt(2 * sp.pi))
            for x, (mu, s) in zip(xs, params, strict=True)
        ),
    )
    return sp.Lambda(xs, body)


def _scale(rng) -> sp.Rational:
    """A stand-in's factor, two decimals in [0.5, 2], never 1."""
    scale = sp.Rational(round(rng.uniform(0.5, 2) * 100), 100)
    return scale if scale != 1 else sp.Rational(3, 2)


@functools.lru_cache(maxsize=4096)
def _density_at(density: sp.Lambda, *args: sp.Expr) -> sp.Expr:
    """A sampled density's formula at `args`. Cached: each step at a point (points are drawn
    once per space, `evidence._Points`) applies the same densities to the same variables."""
    return density(*args)


def _arity(f, arities: tuple) -> int:
    return dict(arities).get(f, 1)


@dataclass(frozen=True)
class NoteSpace(Space):
    """The symbols of one step: scalars with intervals, vectors (IndexedBase) that are
    distributions or entries in an interval, densities (functions of one variable)."""

    scalars: tuple[tuple[sp.Symbol, sp.Interval], ...] = ()
    vectors: tuple[tuple[sp.IndexedBase, str, int], ...] = ()
    densities: tuple = ()
    dims: tuple[sp.Symbol, ...] = ()
    free_indices: tuple[sp.Symbol, ...] = ()
    free_functions: tuple = ()
    arities: tuple = ()
    #: which dimension bounds the sums over each vector: vectors of one group share a size
    groups: tuple[tuple[sp.Symbol, int], ...] = ()
    vector_dims: tuple[tuple[tuple[sp.IndexedBase, int], sp.Expr], ...] = ()  # k or k + 1
    #: vectors the notes list whole (`p = (p_1, p_2, p_3)`): their number of entries
    lengths: tuple[tuple[sp.IndexedBase, int], ...] = ()
    #: symbols that stand for a dimension under another assumption (an index n and the size n)
    aliases: tuple[tuple[sp.Symbol, sp.Symbol], ...] = ()
    #: integers that index nothing: sampled over the positive integers
    integers: tuple[sp.Symbol, ...] = ()
    #: vectors of numbers the step indexes at 0 as well (`\\sum_{j=0}^m w_j x_j`)
    from_zero: tuple[sp.IndexedBase, ...] = ()
    #: letters (scalars or vectors' entries) the prose gives a set of values: drawn from it
    #: at every other point, so a failure there is one the notes mean
    value_sets: tuple[tuple[str, tuple[int, ...]], ...] = ()

    @classmethod
    def for_step(cls, exprs: list[sp.Basic], kinds: dict[str, str]) -> "NoteSpace":
        """The space of the symbols in `exprs`, with kinds from the note."""
        symbols: set[sp.Symbol] = set()
        bases: set[sp.IndexedBase] = set()
        functions: set = set()
        for e in exprs:
            symbols |= {s for s in e.free_symbols if isinstance(s, sp.Symbol)}
            # an index free in the step but hidden from free_symbols, e.g. e in d/dq[e]
            bound = {
                v
                for agg in e.atoms(sp.Sum, sp.Product, sp.Integral, EntryExtremum)
                for v in agg.variables
            }
            bound |= {m.limits[0] for m in e.atoms(InformationMeasure) if m.limits}
            symbols |= {
                s
                for i in e.atoms(sp.Indexed)
                for s in set().union(*(x.free_symbols for x in i.indices))
                if isinstance(s, sp.Symbol) and s not in bound
            }
            bases |= {(i.base, len(i.indices)) for i in e.atoms(sp.Indexed)}
            functions |= {
                f.func
                for f in e.atoms(AppliedUndef)
                if len(f.args) == 1
                and "(" not in f.func.__name__
                and _kind(f.func.__name__, kinds) == "distribution"
            }
        # a dimension: n, m, N, M, K, or whatever bounds a sum (C in sum_{c=1}^{C})
        bounds = {
            s
            for e in exprs
            for agg in e.atoms(sp.Sum, sp.Product, EntryExtremum)
            for _, _, hi in agg.limits
            for s in ([hi] if isinstance(hi, sp.Symbol) else hi.free_symbols)
            if isinstance(s, sp.Symbol) and (s == hi or s.is_integer)
        }  # k in sum_{i=1}^{k-1} too
        labels = {b.label for b, _ in bases}  # p in p[i] is not a scalar or a size to sample
        dims = tuple(
            sorted(
                (
                    s
                    for s in symbols - labels  # the counts n_1, n_2 do not make n a size
                    if (s.is_integer and s.is_positive and s.name in ("n", "m", "N", "M", "K"))
                    or s in bounds
                ),
                key=str,
            )
        )
        by_name = {d.name: d for d in dims}
        # one letter, one value: p_n's n read as an index is the dimension n, a bound k read
        # with other assumptions than the dimension k is that dimension, and the k of p_k is
        # the positive k of sum_{i=1}^{k-1} (the dimension, else the positive one)
        for s in sorted(symbols, key=lambda s: (not s.is_positive, str(s))):
            if s.is_integer:
                by_name.setdefault(s.name, s)
        aliases = tuple(
            (s, by_name[s.name])
            for s in symbols | set(dims)
            if s.name in by_name and s != by_name[s.name]
        )
        dims = tuple(d for d in dims if by_name[d.name] == d)
        # an integer is an index where it indexes a vector (then 1 <= e <= n); elsewhere
        # (k: integer in k^2 >= 6k) it ranges over the positive integers
        indexing = {
            s for e in exprs for i in e.atoms(sp.Indexed) for s in i.free_symbols - {i.base.label}
        }
        aliased = {s for s, _ in aliases}
        integral = [s for s in symbols - aliased - labels if s.is_integer and s not in dims]
        free = tuple(sorted((s for s in integral if s in indexing), key=str))
        integers = tuple(sorted((s for s in integral if s not in indexing), key=str))
        scalars = tuple(
            (s, interval_of(kinds.get(s.name + AS_SCALAR) or _kind(s.name, kinds)))
            for s in sorted(symbols - aliased, key=str)
            if not s.is_integer
            and s not in labels
            and s not in dims
            and (_kind(s.name, kinds) != "distribution" or s.name + AS_SCALAR in kinds)
        )
        vectors = tuple((b, _kind(str(b.label), kinds), rank) for b, rank in sorted(bases, key=str))
        # Functions nothing defines (p(x) and q(y|x) under an integral over (x, y), q(y_i|x_i),
        # H_i before its definition): sampled as positive functions of their own, so a
        # proof is corroborated; a refutation that rests on them is not trusted (audit.py)
        loose = {f.func for e in exprs for f in e.atoms(AppliedUndef) if f.func not in functions}
        names = ", ".join(str(s) for s, _ in scalars)
        groups, vector_dims = _dimension_groups(exprs, dims)
        return cls(
            from_zero=_indexed_from_zero(exprs, vectors),
            groups=groups,
            vector_dims=vector_dims,
            aliases=aliases,
            integers=integers,
            description=f"symbols of the step: {names or 'none'}",
            assumptions=tuple(f"{s} in {i}" for s, i in scalars),
            p=sp.S.Zero,
            q=sp.S.Zero,
            scalars=scalars,
            vectors=vectors,
            densities=tuple(sorted(functions, key=lambda f: f.__name__)),
            free_functions=tuple(sorted(loose, key=lambda f: f.__name__)),
            arities=tuple(
                {f.func: len(f.args) for e in exprs for f in e.atoms(AppliedUndef)}.items()
            ),
            dims=dims,
            free_indices=free,
            value_sets=tuple(
                (name.removesuffix(VALUES), tuple(int(v) for v in given.split(",")))
                for name, given in sorted(kinds.items())
                if name.endswith(VALUES)
            ),
            lengths=tuple(
                (b, int(kinds[f"{b.label}{LENGTH}"]))
                for b, rank in sorted(bases, key=str)
                if rank == 1 and f"{b.label}{LENGTH}" in kinds
            ),
        )

    def constraints(self) -> dict[sp.Expr, sp.Expr]:
        out: dict[sp.Expr, sp.Expr] = {}
        i = sp.Symbol("i", integer=True)
        for base, kind, rank in self.vectors:
            if kind == "distribution" and rank == 1:
                out |= {sp.Sum(base[i], (i, 1, d)): sp.Integer(1) for d in self.dims}
        x = sp.Symbol("x", real=True)
        for f in self.densities:
            out[sp.Integral(f(x), (x, -sp.oo, sp.oo))] = sp.Integer(1)
        return out

    def facts(self, expr: sp.Expr) -> sp.Expr:
        # As IndexedSpace: a free index k with 1 <= k <= n becomes n = k + m, m >= 0;
        # as ScalarSpace: alpha in (0, 1) becomes 1 - 1/(1 + t) with t > 0.
        if self.dims and self.free_indices:
            k = self.free_indices[0]
            if k in expr.free_symbols and k.is_positive:
                m = sp.Dummy("m", integer=True, nonnegative=True)
                expr = expr.subs(self.dims[0], k + m)
        return open_interval_facts(expr, self.scalars)

    def _sizes(self, k: int) -> dict:
        """Each dimension group's size at the k-th point (independent between groups)."""
        group = dict(self.groups)
        sizes = {d: sampling.size(k, group.get(d, 0)) for d in self.dims}
        if any(rank == 2 for _, _, rank in self.vectors):
            # a table has size x size entries: large, but not 90,000
            sizes = {d: min(v, MAX_TABLE_SIZE) for d, v in sizes.items()}
            if k % EQUAL_EVERY == 2 and sizes:
                # with its rows near one-hot, a square table is near a permutation (Y = X)
                sizes = dict.fromkeys(sizes, min(sizes.values()))
        return sizes

    def points(self, rng: np.random.Generator, count: int) -> Iterator[Point]:
        orders = {s: sampling.edge_order(rng, interval) for s, interval in self.scalars}
        for k in range(count):
            sizes = self._sizes(k)
            size = min(sizes.values(), default=1 + k % 6)
            values: dict[sp.Basic, sp.Expr] = {d: sp.Integer(v) for d, v in sizes.items()}
            described: dict = {str(d): v for d, v in sizes.items()}
            for s in self.free_indices:
                values[s] = sp.Integer(int(rng.integers(1, size + 1)))
                described[str(s)] = int(values[s])
            for s in self.integers:
                values[s] = sampling.draw_integer(rng, k)
                if s.is_odd or s.is_even:  # odd, even: of both signs
                    sign = -1 if k % 2 else 1
                    values[s] = sign * (2 * values[s] - (1 if s.is_odd else 2))
                described[str(s)] = int(values[s])
            values |= {s: values[d] for s, d in self.aliases}
            sets = dict(self.value_sets)
            for s, interval in self.scalars:
                # A letter read over the real line because the notes leave its usual domain
                # unstated: every other point inside that domain, where the step is meant.
                focus = _focus(s, interval)
                if focus is not None and k % 2 == 0:
                    values[s] = sampling.draw(rng, focus, k // 2, orders[s])
                else:
                    values[s] = sampling.draw(rng, interval, k, orders[s])
                if s.name in sets and k % 2 == 1:
                    values[s] = _one_of(sets[s.name], k, 0)
                described[str(s)] = sampling.shown(values[s])
            if k % EQUAL_EVERY == EQUAL_EVERY - 1:
                # ties: scalars of one interval all equal (a = b, where a strict bound fails)
                first: dict = {}
                for s, interval in self.scalars:
                    values[s] = first.setdefault(interval, values[s])
                    described[str(s)] = sampling.shown(values[s])
            # entries by (label, indices), exact Fractions: cheap for vectors of hundreds
            entries: dict[tuple, object] = {}
            tie, shared = k % EQUAL_EVERY == EQUAL_EVERY - 2, {}
            # lengths of the step's vectors of numbers (logits): a distribution of one of
            # them is drawn near one-hot at some points (`_align_one_hot`)
            logits = {
                self._length(b, 0, sizes, size)
                for b, kd, r in self.vectors
                if r == 1 and kd != "distribution"
            }
            tables = [b for b, kd, r in self.vectors if kd == "distribution" and r == 2]
            for base, kind, rank in self.vectors:
                length = self._length(base, 0 if rank == 1 else 1, sizes, size)
                label = str(base.label)
                rows = []
                for _ in range(self._length(base, 0, sizes, size) if rank == 2 else 1):
                    same = shared.get((length, rank), [])
                    if kind == "distribution" and tie and len(rows) < len(same):
                        rows.append(same[len(rows)])  # q = p at this point
                    elif kind == "distribution" and rank == 2 and k % EQUAL_EVERY == 2:
                        # rows near one-hot: the column a function of the row (Y = X)
                        rows.append(_near_one_hot(len(rows) % length, length))
                    elif kind == "distribution" and rank == 2 and k % EQUAL_EVERY == 4:
                        # each table's rows on other columns than the others' (laws far
                        # apart, where bounds on a divergence fail)
                        at = (len(rows) + tables.index(base)) % length
                        rows.append(_near_one_hot(at, length, FAR_ZERO))
                    elif (
                        kind == "distribution"
                        and k % EQUAL_EVERY in (2, 5)
                        and rank == 1
                        and (length in logits)
                    ):
                        # a target near one-hot beside logits, where cross-entropy bounds
                        # fail: random points of the simplex are spread
                        rows.append(_near_one_hot(int(rng.integers(length)), length))
                    elif kind == "distribution":
                        rows.append(sampling.simplex_fractions(rng, length))
                    else:
                        interval = interval_of(kind)
                        row = [sampling.draw(rng, interval, k + j + 3) for j in range(length)]
                        if label in sets and k % 2 == 1:
                            row = [_one_of(sets[label], k, len(rows) + j) for j in range(length)]
                        if k % EQUAL_EVERY == EQUAL_EVERY - 1:
                            row = row[:1] * length  # all entries equal: z_1 = z_2 = ...
                        rows.append(row)
                if kind == "distribution":
                    shared.setdefault((length, rank), rows)
                if rank == 1:
                    entries |= {(label, (j + 1,)): v for j, v in enumerate(rows[0])}
                    described[label] = [sampling.shown(v) for v in rows[0]]
                    if base in self.from_zero:  # one more entry, drawn as the others
                        entries[(label, (0,))] = zero = sampling.draw(
                            rng, interval_of(kind), k + length + 3
                        )
                        described[f"{label}_0"] = sampling.shown(zero)
                else:  # a row per sample: p[a, b] = rows[a - 1][b - 1]
                    entries |= {
                        (label, (a + 1, b + 1)): v
                        for a, row in enumerate(rows)
                        for b, v in enumerate(row)
                    }
                    described[label] = [[sampling.shown(v) for v in row] for row in rows]
            if k % EQUAL_EVERY in (2, 5):
                _align_one_hot(self.vectors, entries, described, largest=k % EQUAL_EVERY == 2)
            normals, drawn = {}, {}
            for f in self.densities + self.free_functions:
                arity = 1 if f in self.densities else _arity(f, self.arities)
                # Two decimals: exact integrals of short rationals expand fast, and a
                # counterexample reads P = [1.43, 0.55].
                # A density's scale is sometimes narrow: its values then pass one and its
                # entropy is negative, as a density's may (`H(q) >= 0` must fail).
                narrow = f in self.densities and k % 3 == 1
                params = [
                    (
                        sp.Rational(round(rng.uniform(-2, 2) * 100), 100),
                        sp.Rational(round(rng.uniform(*NARROW if narrow else WIDE) * 100), 100),
                    )
                    for _ in range(arity)
                ]
                real = [values[s] for s, i in self.scalars if i == INTERVALS["real"]]
                if narrow and k % 2 and real and isinstance(real[0], sp.Rational):
                    # peaked where the step evaluates it (`p(x) <= 1` fails at x)
                    params = [(real[0], params[0][1])]
                if f in self.densities and tie:
                    # the densities equal, as distributions are at this point (q = p, where
                    # `D(q || p) > 0` fails)
                    params = drawn.setdefault(arity, params)
                # a function nothing calls a density need not integrate to one: a stand-in
                # that did would confirm `\int g(x) dx = 1` of any g
                scale = sp.S.One if f in self.densities else _scale(rng)
                normals[f] = _normal_product(tuple(params), scale)
                described[f.__name__] = [float(v) for pair in params for v in pair] + (
                    [float(scale)] if f not in self.densities else []
                )

            def prepare(expr, values=values, entries=entries, normals=normals):
                # Functions first (a derivative of a stand-in needs its formula), values
                # last; sums stay for the ball evaluator, which reads `values` itself.
                if normals:
                    called = {a.func for a in expr.atoms(AppliedUndef)}
                    for f, density in normals.items():
                        if f in called:
                            expr = expr.replace(f, functools.partial(_density_at, density))
                    expr = _calculus(expr)
                expr = sampling.substitute(expr, values)
                if _holds(expr, (sp.Sum,)):
                    expr = expr.replace(_infinite_sum, _series)
                if not _holds(expr, (sp.Integral,)):
                    return expr
                return expr.replace(
                    lambda e: isinstance(e, sp.Integral),
                    lambda e: _integrate(e, values, entries),
                )

            yield Point(prepare, described, values | entries)

    def _length(self, base: sp.IndexedBase, axis: int, sizes: dict, default: int) -> int:
        """Entries of a vector along an axis: as many as the notes list (`p = (p_1, p_2,
        p_3)`), else the size of the dimension its sums run to."""
        dim, extra = split_dimension(dict(self.vector_dims).get((base, axis), sp.S.Zero))
        if dim in sizes:  # a sum to n of it: n, whatever was listed before
            return sizes[dim] + extra
        return dict(self.lengths).get(base, default) if axis == 0 else default


def _one_of(values: tuple[int, ...], k: int, j: int) -> sp.Integer:
    """The value of a letter the prose gives a set of values, at point k and entry j: each
    value in turn, in a pattern that differs between entries (no random draw, so the other
    letters' draws are those of a step without the set)."""
    return sp.Integer(values[(k // 2 + j * (j + 3) // 2) % len(values)])


def _indexed_from_zero(exprs: list[sp.Basic], vectors) -> tuple[sp.IndexedBase, ...]:
    """The vectors of numbers (not distributions, whose entries sum to one from 1) that a
    step indexes at 0: by a sum or product from 0, or an entry written at 0."""
    numbers = {b for b, kind, rank in vectors if rank == 1 and kind != "distribution"}
    found = set()
    for e in exprs:
        found |= {i.base for i in e.atoms(sp.Indexed) if i.indices == (0,)}
        for agg in e.atoms(sp.Sum, sp.Product, EntryExtremum):
            for v, lo, _ in agg.limits:
                if lo == 0:
                    found |= {i.base for i in agg.function.atoms(sp.Indexed) if i.indices == (v,)}
    return tuple(sorted(found & numbers, key=str))


#: the mass off the chosen entry of a near one-hot row
NEAR_ZERO = Fraction(1, 10**30)
#: the same, for laws far apart (a log-ratio of 690 between them)
FAR_ZERO = Fraction(1, 10**300)


def _near_one_hot(at: int, length: int, zero: Fraction = NEAR_ZERO) -> list[Fraction]:
    """A distribution with all but `(length - 1) * zero` of its mass on entry `at`."""
    row = [zero] * length
    row[at] = 1 - zero * (length - 1)
    return row


def _align_one_hot(vectors, entries: dict, described: dict, largest: bool) -> None:
    """Move the mass of each near one-hot distribution (rank 1) to the entry where another
    vector of its length is largest (or smallest): a target on the top logit is where
    bounds on cross-entropy fail, and a random entry rarely is it."""
    rows = {
        str(base.label): (
            kind,
            [v for key, v in sorted(entries.items()) if key[0] == str(base.label)],
        )
        for base, kind, rank in vectors
        if rank == 1
    }
    for label, (kind, row) in rows.items():
        if kind != "distribution" or not row or max(row) < 1 - NEAR_ZERO * len(row):
            continue
        other = next(
            (r for name, (kd, r) in rows.items() if kd != "distribution" and len(r) == len(row)),
            None,
        )
        if other is None:
            continue
        try:
            values = [float(v) for v in other]
        except (TypeError, ValueError):
            continue
        at = values.index(max(values) if largest else min(values))
        aligned = _near_one_hot(at, len(row))
        entries |= {(label, (j + 1,)): v for j, v in enumerate(aligned)}
        described[label] = [sampling.shown(v) for v in aligned]


def _focus(symbol: sp.Symbol, interval: sp.Interval) -> sp.Interval | None:
    """The usual domain of a letter read over the real line, or None."""
    usual = USUAL_SCALARS.get(symbol.name)
    if usual is None or interval != INTERVALS["real"]:
        return None
    return INTERVALS[usual]


def split_dimension(bound: sp.Expr) -> tuple[sp.Expr, int]:
    """A sum's upper bound as (dimension, entries past it): `k` is (k, 0), `k + 1` is (k, 1)
    (a few entries more than a size: a vector that `\\sum_{i=1}^{k+1}` sums has k + 1)."""
    if isinstance(bound, sp.Add) and len(bound.args) == 2:
        extra, dim = bound.as_coeff_Add()
        if extra.is_Integer and 0 < extra <= 3 and isinstance(dim, sp.Symbol):
            return dim, int(extra)
    return bound, 0


def _dimension_groups(exprs: list[sp.Basic], dims: tuple) -> tuple[tuple, tuple]:
    """Dimensions that bound sums over the same vector get one group (one size); others
    get groups of their own, so that sizes differ between them. Returns the groups
    (dimension, group number) and the dimension of each vector summed over one."""
    parent = {d: d for d in dims}

    def root(d):
        while parent[d] != d:
            d = parent[d]
        return d

    owner: dict = {}  # (vector, axis) -> the dimension its index runs to (k, or k + 1)
    for e in exprs:
        for agg in unfold(e).atoms(sp.Sum, EntryExtremum):
            for var, _, hi in agg.limits:
                dim, extra = split_dimension(hi)
                if dim not in parent:
                    continue
                for i in agg.function.atoms(sp.Indexed):
                    if var not in i.indices:
                        continue
                    key = (i.base, i.indices.index(var))
                    if key in owner:
                        parent[root(dim)] = root(split_dimension(owner[key])[0])
                        if extra > split_dimension(owner[key])[1]:
                            owner[key] = hi  # sums to k and to k + 1: k + 1 entries
                    else:
                        owner[key] = hi
    roots = sorted({root(d) for d in dims}, key=str)
    groups = tuple((d, roots.index(root(d))) for d in dims)
    return groups, tuple(sorted(owner.items(), key=str))
