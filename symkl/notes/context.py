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

import re
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import sympy as sp
import yaml
from sympy.core.function import AppliedUndef

from symkl.errors import SymklError
from symkl.measures import InformationMeasure
from symkl.notes.parse import DEFAULT_KINDS, KINDS
from symkl.spaces import Point, Space, _draw, _quadrature, _rational, _simplex, open_interval_facts

__all__ = ["NoteSpace", "INTERVALS", "parse_assumption", "front_matter"]

#: kind -> the interval a scalar (or each entry of a vector) of that kind is drawn from
INTERVALS = {
    "probability": sp.Interval.open(0, 1),
    "label": sp.Interval(0, 1),
    "real": sp.Interval(-sp.oo, sp.oo),
    "positive": sp.Interval.open(0, sp.oo),
}


def parse_assumption(text: str) -> tuple[str, str]:
    """`"alpha: probability"` or `"alpha=probability"` -> ("alpha", "probability").

    Raises:
        SymklError: not NAME: KIND, or an unknown kind.
    """
    m = re.fullmatch(r"\s*\\?([A-Za-z][A-Za-z0-9_]*)\s*[:=]\s*([a-z]+)\s*", text)
    if m is None:
        raise SymklError(f"cannot read the assumption {text!r}: write NAME: KIND, e.g. 'x: real'")
    name, kind = m.groups()
    if kind not in KINDS:
        raise SymklError(f"unknown kind {kind!r} in assumption {text!r}; kinds: {', '.join(KINDS)}")
    return name, kind


def front_matter(text: str) -> dict[str, str]:
    """Kinds a file sets for itself: YAML front matter `symkl: {assume: {x: positive}}`
    or a comment line `symkl: x=positive, alpha=real` (in `<!-- -->` or after `%`).

    Raises:
        SymklError: malformed front matter or assumption.
    """
    kinds: dict[str, str] = {}
    m = re.match(r"\A---\n(.*?)\n---\s*\n", text, re.S)
    if m is not None:
        try:
            data = yaml.safe_load(m.group(1))
        except yaml.YAMLError as e:
            raise SymklError(f"front matter is not valid YAML: {e}") from None
        assume = (data or {}).get("symkl", {}) if isinstance(data, dict) else {}
        assume = assume.get("assume", {}) if isinstance(assume, dict) else {}
        if not isinstance(assume, dict):
            raise SymklError("front matter: symkl.assume must map names to kinds")
        for name, kind in assume.items():
            kinds.update([parse_assumption(f"{name}: {kind}")])
    for line in re.findall(r"(?:<!--|%)\s*symkl:\s*([^\n]*?)\s*(?:-->)?\s*$", text, re.M):
        for part in filter(None, (p.strip() for p in line.split(","))):
            kinds.update([parse_assumption(part)])
    return kinds


def _value(rng: np.random.Generator, interval: sp.Interval, k: int) -> sp.Rational:
    """`spaces._draw`, and for a half-line lo + |x|, near the edge first, then spread over
    many scales (spaces._draw would give negative values there)."""
    lo, hi = interval.inf, interval.sup
    if lo.is_finite and hi is sp.oo:
        edge = (sp.Rational(1, 10**9), sp.Rational(1, 2), sp.Integer(1), sp.Integer(50))
        if k < len(edge):
            return lo + edge[k]
        return lo + _rational(abs(rng.standard_normal()) * 10.0 ** rng.integers(-2, 3) + 1e-6)
    return _draw(rng, interval, k)


def _kind(name: str, kinds: dict[str, str]) -> str:
    """A name's kind; q_theta is a distribution when q is (as `Reader.is_distribution`)."""
    base = name.split("_")[0]
    if base != name and kinds.get(base, DEFAULT_KINDS.get(base)) == "distribution":
        return kinds.get(name, "distribution")
    return kinds.get(name, DEFAULT_KINDS.get(name, "real"))


def _computable(e: sp.Basic) -> bool:
    """An integral over the real line of a known function of its one variable."""
    if not isinstance(e, sp.Integral) or len(e.limits) != 1:
        return False
    (var, lo, hi) = e.limits[0]
    known = not e.function.atoms(AppliedUndef) and e.function.free_symbols <= {var}
    return known and (lo, hi) == (-sp.oo, sp.oo)


def _normal_product(params: list[tuple[sp.Rational, sp.Rational]]) -> sp.Lambda:
    """A product of normal densities, one per argument: positive and integrable."""
    xs = sp.symbols(f"x1:{len(params) + 1}", real=True)
    body = sp.Mul(
        *(
            sp.exp(-((x - mu) ** 2) / (2 * s**2)) / (s * sp.sqrt(2 * sp.pi))
            for x, (mu, s) in zip(xs, params, strict=True)
        )
    )
    return sp.Lambda(xs, body)


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
    max_n: int = 6

    @classmethod
    def for_step(cls, exprs: list[sp.Basic], kinds: dict[str, str]) -> "NoteSpace":
        """The space of the symbols in `exprs`, with kinds from the note."""
        symbols: set[sp.Symbol] = set()
        bases: set[sp.IndexedBase] = set()
        functions: set = set()
        for e in exprs:
            symbols |= {s for s in e.free_symbols if isinstance(s, sp.Symbol)}
            # an index free in the step but hidden from free_symbols, e.g. e in d/dq[e]
            bound = {v for agg in e.atoms(sp.Sum, sp.Product, sp.Integral) for v in agg.variables}
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
        dims = tuple(
            sorted(
                (
                    s
                    for s in symbols
                    if s.is_integer and s.is_positive and s.name in ("n", "m", "N", "M", "K")
                ),
                key=str,
            )
        )
        free = tuple(sorted((s for s in symbols if s.is_integer and s not in dims), key=str))
        labels = {b.label for b, _ in bases}  # p in p[i] is not a scalar to sample
        scalars = tuple(
            (s, INTERVALS.get(_kind(s.name, kinds), INTERVALS["real"]))
            for s in sorted(symbols, key=str)
            if not s.is_integer and s not in labels and _kind(s.name, kinds) != "distribution"
        )
        vectors = tuple((b, _kind(str(b.label), kinds), rank) for b, rank in sorted(bases, key=str))
        # Functions nothing defines (p(x) and q(y|x) under an integral over (x, y), q(y_i|x_i),
        # H_i before its definition): sampled as positive functions of their own, so a
        # proof is corroborated; a refutation that rests on them is not trusted (audit.py)
        loose = {f.func for e in exprs for f in e.atoms(AppliedUndef) if f.func not in functions}
        names = ", ".join(str(s) for s, _ in scalars)
        return cls(
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

    def points(self, rng: np.random.Generator, count: int) -> Iterator[Point]:
        for k in range(count):
            size = 1 + k % self.max_n
            values: dict[sp.Basic, sp.Expr] = {d: sp.Integer(size) for d in self.dims}
            described: dict = {str(d): size for d in self.dims}
            for s in self.free_indices:
                values[s] = sp.Integer(int(rng.integers(1, size + 1)))
                described[str(s)] = int(values[s])
            for s, interval in self.scalars:
                values[s] = _value(rng, interval, k)
                described[str(s)] = float(values[s])
            entries: dict[sp.Basic, sp.Expr] = {}
            for base, kind, rank in self.vectors:
                rows = []
                for _ in range(size if rank == 2 else 1):
                    if kind == "distribution":
                        rows.append(_simplex(rng, size))
                    else:
                        interval = INTERVALS.get(kind, INTERVALS["real"])
                        rows.append([_value(rng, interval, k + j + 3) for j in range(size)])
                if rank == 1:
                    entries |= {base[j + 1]: v for j, v in enumerate(rows[0])}
                    described[str(base.label)] = [float(v) for v in rows[0]]
                else:  # a row per sample: p[a, b] = rows[a - 1][b - 1]
                    entries |= {
                        base[a + 1, b + 1]: v
                        for a, row in enumerate(rows)
                        for b, v in enumerate(row)
                    }
                    described[str(base.label)] = [[float(v) for v in row] for row in rows]
            normals = {}
            for f in self.densities + self.free_functions:
                arity = 1 if f in self.densities else _arity(f, self.arities)
                params = [
                    (_rational(rng.uniform(-2, 2)), _rational(rng.uniform(0.5, 2)))
                    for _ in range(arity)
                ]
                normals[f] = _normal_product(params)
                described[f.__name__] = [float(v) for pair in params for v in pair]

            def prepare(expr, values=values, entries=entries, normals=normals):
                expr = expr.subs(values)
                for f, density in normals.items():
                    expr = expr.replace(f, density)
                # twice: a derivative of a measure evaluates to a Sum that needs its own doit
                for _ in range(2):
                    expr = expr.doit(integrals=False).xreplace(entries)
                return expr.replace(_computable, _quadrature)

            yield Point(prepare, described)
