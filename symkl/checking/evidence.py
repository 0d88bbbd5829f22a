"""Numeric evidence: a relation evaluated in ball arithmetic at sampled points.

## Main definitions
- `Outcome`:  what one point shows: the relation holds there, fails there (certified by the
  error bound), or nothing (a side undefined there, not resolved at the highest precision, or
  not evaluable).
- `PointResult`: the outcome with the point, both sides as balls, and the precision used.
- `NumericEvidence`: every point's outcome and whether the budget ran out first.
- `sample(before, after, relation, space, count, seed)`: collect the evidence.

Each point is evaluated at increasing precision (`PRECISIONS`, bits) until its outcome is
certain: a difference whose ball excludes 0 fails for `=`; agreement needs the ball of the
difference to contain 0 at two precisions at least, and to be small against the sides (or,
at the last precision, against the operands: both sides are then zero up to rounding). So
neither cancellation (`1 - sigma(1000)`) nor a tiny true difference (`x` vs `x + e^{-100}`)
is mistaken for the other.
"""

import enum
import itertools
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from fractions import Fraction

import flint
import mpmath
import numpy as np
import sympy as sp
from sympy.core.function import AppliedUndef

from symkl.checking.balls import Unsupported, ball
from symkl.checking.budget import BudgetExhausted, budget, remaining
from symkl.checking.nelder_mead import nelder_mead
from symkl.entry_extrema import EntryExtremum
from symkl.errors import SYMPY_FAILURES
from symkl.estimates import MPMATH
from symkl.measures import unfold
from symkl.sampling import rational as sampling_rational
from symkl.sampling import shown as shown_value
from symkl.spaces import Space, closed_form

__all__ = [
    "Outcome",
    "PointResult",
    "NumericEvidence",
    "classify",
    "sample",
    "search",
    "kink_arguments",
    "PRECISIONS",
]

#: working precisions in bits, tried in turn until a point's outcome is certain
PRECISIONS = (128, 8192)
#: the most bits a point is evaluated at where its terms differ that much in size
MAX_BITS = 1 << 15
#: agreement: the difference's radius is below 2^-AGREE_BITS of the larger side
AGREE_BITS = 64
#: the same where a value is an estimate (quadrature: about 15 digits, not more)
ESTIMATE_AGREE_BITS = 36


class Outcome(enum.Enum):
    HOLDS = "holds"
    FAILS = "fails"
    UNDEFINED = "undefined"  # a side has no real value here (outside its domain)
    UNRESOLVED = "unresolved"  # the ball straddles the decision at the highest precision
    #: a strict relation whose sides agree to the working precision and are not shown
    #: exactly equal: it may fail exactly here
    EQUAL = "equal"
    UNEVALUABLE = "unevaluable"  # an operation ball arithmetic here does not cover


@dataclass(frozen=True)
class PointResult:
    outcome: Outcome
    point: dict
    before: flint.arb | None = None
    after: flint.arb | None = None
    bits: int = 0
    rigorous: bool = True
    why: str = ""
    #: the point's values (symbols and entries), where the evaluator was given them
    values: dict | None = None
    #: the sides agree only to the accuracy of an integral's value (see `Ball.coarse`)
    coarse: bool = False


@dataclass
class NumericEvidence:
    relation: str
    results: list[PointResult] = field(default_factory=list)
    exhausted: bool = False  # the budget ran out before every point was evaluated
    domain: str = ""
    closed: bool = False  # no symbols: every point is the same, one is evaluated
    #: points a counterexample is preferred at (inside the ranges the prose states): a
    #: failure elsewhere does not end the sampling
    prefer: Callable[[dict], bool] | None = None
    #: every kink and jump (|.|, max, min, sign, a step function, cases) is where one
    #: scalar crosses a point `_kinks` found, and the sides agreed at each of those
    #: points where defined, between them and beyond the ends
    pieces: bool = False

    def count(self, outcome: Outcome) -> int:
        return sum(r.outcome is outcome for r in self.results)

    @property
    def failure(self) -> PointResult | None:
        """The first failure at a preferred point, else the first failure; certified
        failures (`rigorous`) before estimated ones."""
        failures = [r for r in self.results if r.outcome is Outcome.FAILS]
        failures = [r for r in failures if r.rigorous] + [r for r in failures if not r.rigorous]
        preferred = (r for r in failures if self.prefer is None or self.prefer(r.point))
        return next(preferred, failures[0] if failures else None)

    @property
    def settled(self) -> bool:
        """A certified failure was found at a preferred point: sampling more cannot improve
        on it (an estimated one may be the quadrature's error: sampling goes on)."""
        found = self.failure
        return (
            found is not None
            and found.rigorous
            and (self.prefer is None or self.prefer(found.point))
        )

    @property
    def holds(self) -> int:
        return self.count(Outcome.HOLDS)


def _decide(d: flint.arb, relation: str) -> Outcome | None:
    """The certain outcome of `before - after = d` for the relation, or None."""
    fails = {
        "=": not d.contains(0),
        ">=": d < 0,
        "<=": d > 0,
        ">": d <= 0,
        "<": d >= 0,
    }[relation]
    if fails:
        return Outcome.FAILS
    holds = {"=": False, ">=": d >= 0, "<=": d <= 0, ">": d > 0, "<": d < 0}[relation]
    return Outcome.HOLDS if holds else None


def _tight(d: flint.arb, b: flint.arb, a: flint.arb, bits: int, last: bool, rigorous: bool) -> bool:
    """Is a difference ball around 0 small enough to count as equality at this point?"""
    if d.is_zero():
        return True
    size = max(abs(b).upper(), abs(a).upper())
    if not rigorous:
        # An estimate is accurate relative to 1 + |value| (quadrature): more bits do not
        # shrink it, so its own accuracy decides.
        return d.rad() <= max(size, flint.arb(1)) * flint.arb(2) ** -ESTIMATE_AGREE_BITS
    if d.rad() <= size * flint.arb(2) ** -AGREE_BITS:
        return True
    # At the last precision, sides that are zero up to rounding: the radius is all there is.
    return last and d.rad() <= flint.arb(2) ** -(bits - 2 * AGREE_BITS)


def classify(
    before: sp.Expr, after: sp.Expr, relation: str, point: dict, values: dict | None = None
) -> PointResult:
    """The outcome at one point: `values` gives the symbols' values (None: the expressions
    are closed, the point already applied)."""
    ladder = list(PRECISIONS)
    for tried, bits in enumerate(ladder, start=1):
        try:
            vb, va = ball(before, bits, values), ball(after, bits, values)
        except Unsupported as e:
            return PointResult(Outcome.UNEVALUABLE, point, why=str(e))
        if vb is None or va is None or (vb.value is None and va.value is None):
            return PointResult(Outcome.UNDEFINED, point)
        rigorous = vb.rigorous and va.rigorous
        if vb.value is None or va.value is None:
            # One side is a real number, the other certainly is not: false as written here.
            side, why = ("left", vb.not_real) if vb.value is None else ("right", va.not_real)
            note = f"the {side} side has no real value here ({why})"
            return PointResult(Outcome.FAILS, point, vb.value, va.value, bits, rigorous, note)
        d = vb.value - va.value
        if not rigorous:
            # An estimate (quadrature at about 15 digits) cannot tell sides apart by less
            # than its own accuracy, whatever error it estimates for itself.
            size = max(abs(vb.value).upper(), abs(va.value).upper(), flint.arb(1))
            floor = size * flint.arb(2) ** -(ESTIMATE_AGREE_BITS + 1)
            d = flint.arb(d.mid(), max(d.rad(), floor.upper()))
        outcome = _decide(d, relation)
        if outcome is not None:
            return PointResult(outcome, point, vb.value, va.value, bits, rigorous)
        last = bits >= PRECISIONS[-1]
        if tried >= 2 and _tight(d, vb.value, va.value, bits, last, rigorous):
            # Terms 2^spread apart were added: a difference of the sides can hide below
            # that (t + e^-10000 = t), so agreement needs the bits to see it.
            # ... or a function's value within that many bits of an integer (tanh 200 = 1),
            # cancellation in a sum, or an exact number of that many digits
            hidden = max(vb.spread, va.spread) + max(vb.hidden, va.hidden)
            needed = hidden + 2 * AGREE_BITS + 64
            if rigorous and needed > bits:
                if needed <= MAX_BITS:
                    ladder.append(needed)
                    continue
                why = f"terms too far apart in size to compare within {MAX_BITS} bits"
                return PointResult(Outcome.UNRESOLVED, point, vb.value, va.value, bits, True, why)
            if relation in ("=", ">=", "<="):
                coarse = vb.coarse or va.coarse
                return PointResult(
                    Outcome.HOLDS, point, vb.value, va.value, bits, rigorous, coarse=coarse
                )
            # equal to the working precision: a strict relation fails if they are equal
            # exactly, which only exact arithmetic can show
            if rigorous and _exactly_equal(before, after, values):
                why = "the two sides are exactly equal here, in exact arithmetic"
                return PointResult(Outcome.FAILS, point, vb.value, va.value, bits, True, why)
            return PointResult(Outcome.EQUAL, point, vb.value, va.value, bits, rigorous)
        if tried >= 2 and not rigorous:
            break  # an estimate's radius does not shrink with more bits
    return PointResult(Outcome.UNRESOLVED, point, vb.value, va.value, bits, rigorous)


#: CPU seconds (at most a quarter of what is left) for integrating in closed form where
#: a quadrature refutes
CLOSED_FORM_SECONDS = 1.0
#: CPU seconds for showing two sides exactly equal at a point
EXACT_SECONDS = 1.0


def _exactly_equal(before: sp.Expr, after: sp.Expr, values: dict | None) -> bool:
    """Are the sides exactly equal at the point? The point's values are exact rationals:
    substituted, sums written out, the difference simplified to 0 within EXACT_SECONDS;
    False when that does not happen (which shows nothing)."""
    try:
        with budget(min(EXACT_SECONDS, remaining())):
            expr = _substituted(before - after, values or {})
            return expr is not None and not expr.free_symbols and sp.simplify(expr) == 0
    except (BudgetExhausted, *SYMPY_FAILURES):
        return False


def _substituted(expr: sp.Expr, values: dict, keep: tuple = ()) -> sp.Expr | None:
    """`expr` with the point's exact values for every symbol but those in `keep`, and sums
    written out; None if a value is not an exact number."""
    by_name = {}
    for key, value in values.items():
        if isinstance(value, Fraction):
            value = sp.Rational(value.numerator, value.denominator)
        if not isinstance(value, sp.Basic) or not value.is_number:
            return None
        if isinstance(key, sp.Indexed):
            key = (str(key.base.label), tuple(int(i) for i in key.indices))
        by_name[key if isinstance(key, tuple) else str(key)] = value
    kept = {str(k) for k in keep}

    def entry(e: sp.Indexed):
        key = (str(e.base.label), tuple(int(i) for i in e.indices))
        return by_name.get(key, e)

    def known(e: sp.Expr) -> dict:
        return {
            s: by_name[s.name] for s in e.free_symbols if s.name in by_name and s.name not in kept
        }

    expr = expr.xreplace(known(expr)).doit()
    expr = expr.xreplace(known(expr))
    return expr.replace(lambda e: isinstance(e, sp.Indexed), entry)


def _calculus(expr: sp.Expr) -> sp.Expr:
    """Derivatives, limits and substitutions carried out (twice: a derivative of a measure
    gives a sum that needs its own); as it was where SymPy cannot."""
    try:
        for _ in range(2):
            expr = expr.replace(
                lambda e: isinstance(e, (sp.Derivative, sp.Limit, sp.Subs)), lambda e: e.doit()
            )
    except SYMPY_FAILURES:
        pass
    return expr


def _prepared(point, expr: sp.Expr) -> sp.Expr | None:
    try:
        return point.prepare(expr)
    except SYMPY_FAILURES:
        return None


#: the most sides kept prepared (`_Prepared`); the oldest go first
PREPARED_KEPT = 4096


class _Prepared:
    """Each side as prepared at each sampled point (sums written out at the point's sizes:
    most of a point's cost), kept per process. A chain's steps share their sides, step k's
    `after` being step k + 1's `before`, at the same points: each is prepared once.

    Points are a function of (space, seed, count, k): a key names the point by them. Only
    derivations keep sides: a notes reading defines functions of its own under names that
    another reading's (equal, so a key would match) mean otherwise."""

    def __init__(self) -> None:
        self.kept: dict = {}

    def __call__(self, key: tuple | None, point, expr: sp.Expr) -> sp.Expr | None:
        if key is None:
            return _prepared(point, expr)
        key = (*key, expr)
        if key in self.kept:
            return self.kept[key]
        prepared = _prepared(point, expr)
        if prepared is not None:  # a failure is not kept: it may be the budget's
            if len(self.kept) >= PREPARED_KEPT:
                del self.kept[next(iter(self.kept))]
            self.kept[key] = prepared
        return prepared


_prepare = _Prepared()


#: the most spaces whose drawn points `_Points` keeps; the oldest go first
POINTS_KEPT = 64


class _Points:
    """The points of each space as drawn, kept per process: they are a function of (space,
    seed) alone (the k-th point does not depend on how many are asked for), and a step's
    checks draw them again and again (4 points, then 24 from the start; each reading of a
    step; the next step over the same symbols). The points are read, never changed."""

    def __init__(self) -> None:
        self.kept: dict = {}

    def __call__(self, space: Space, seed: int, count: int) -> Iterator:
        try:
            key = (type(space), space, seed)
            hash(key)
        except TypeError:
            yield from space.points(np.random.default_rng(seed), count)
            return
        entry = self.kept.get(key)
        if entry is None:
            if len(self.kept) >= POINTS_KEPT:
                del self.kept[next(iter(self.kept))]
            entry = self.kept[key] = ([], space.points(np.random.default_rng(seed), 1 << 30))
        drawn, more = entry
        for k in range(count):
            if k == len(drawn):
                try:
                    drawn.append(next(more))
                except BaseException:  # the budget ran out inside a draw: draw afresh next time
                    if self.kept.get(key) is entry:
                        del self.kept[key]
                    raise
            yield drawn[k]


_points = _Points()


def _point_key(space: Space, seed: int, count: int) -> tuple | None:
    """What names a space's sampled points, or None for a space that cannot be hashed."""
    try:
        hash(space)
    except TypeError:
        return None
    return (type(space), space, seed, count)


def _verify(result: PointResult, pb, pa, relation: str, point) -> PointResult:
    """A failure that rests on quadrature, whose error is only estimated: the same point
    with the integrals in closed form, where SymPy finds one, bounded rigorously. The
    rigorous outcome when that certifies a failure; otherwise the estimated one, which
    refutes nothing."""
    try:
        with budget(min(CLOSED_FORM_SECONDS, remaining() / 4)):
            again = classify(
                closed_form(pb), closed_form(pa), relation, point.description, point.values
            )
    except (ArithmeticError, BudgetExhausted, *SYMPY_FAILURES):
        return result
    if again.outcome is Outcome.FAILS and again.rigorous:
        why = "the integrals in closed form at this point"
        return replace(again, values=point.values, why=again.why or why)
    return result


#: local searches for a counterexample to an inequality that sampling could not refute
SEARCH_STARTS = 3
SEARCH_ITERATIONS = 150
#: integer sizes scanned when a dimension is the only thing that varies
SCAN_SIZES = range(1, 61)
#: sizes tried where the sums have a closed form
LARGE_SCAN_SIZES = tuple(10**k for k in (*range(3, 19), 24, 30, 50, 100))


def _to_unit(interval: sp.Interval):
    """Maps of an interval to the real line and back, for an unconstrained optimizer."""
    lo, hi = interval.inf, interval.sup
    if lo.is_finite and hi.is_finite:
        flo, fhi = float(lo), float(hi)
        return (
            lambda x: math.log((x - flo) / (fhi - x)) if flo < x < fhi else 0.0,
            lambda u: flo + (fhi - flo) / (1 + math.exp(-max(min(u, 700), -700))),
        )
    if lo.is_finite:
        flo = float(lo)
        return (
            lambda x: math.log(x - flo) if x > flo else -700.0,
            lambda u: flo + math.exp(max(min(u, 700), -700)),
        )
    return (lambda x: x), (lambda u: u)


def search(
    before: sp.Expr, after: sp.Expr, relation: str, space, evidence: NumericEvidence
) -> PointResult | None:
    """A certified counterexample to a relation that held at every sampled point: for any
    relation, at and between the kinks of |.|, max, min (`_kinks`); for an inequality, also
    by moving the scalars (stationary points, edges, Nelder-Mead in float64 from the points
    nearest to failing) and by scanning sizes. None if none is found. Only for steps the
    ball evaluator takes from the point's values alone (no integrals, no stand-ins)."""
    if not hasattr(space, "scalars"):
        return None
    b, a = _calculus(unfold(before)), _calculus(unfold(after))
    if b.has(sp.Integral, sp.Derivative) or a.has(sp.Integral, sp.Derivative):
        return None
    if b.atoms(AppliedUndef) or a.atoms(AppliedUndef):
        return None
    if b.has(EntryExtremum) or a.has(EntryExtremum):
        return None  # max_j z_j over a symbolic count: no formula mpmath evaluates
    held = [r for r in evidence.results if r.outcome is Outcome.HOLDS and r.values is not None]
    if held:
        found, evidence.pieces = _kinks(b, a, relation, space, held[0])
        if found is not None:
            return found
    if relation not in ("<", "<=", ">", ">="):
        return None
    sign = 1.0 if relation in (">", ">=") else -1.0  # minimize sign * (before - after)
    starts = sorted(
        (r for r in evidence.results if r.outcome is Outcome.HOLDS and r.values is not None),
        key=lambda r: float(((r.before - r.after) * sign).mid()),
    )[:SEARCH_STARTS]
    if (found := _critical(b, a, relation, space, starts)) is not None:
        return found
    scalars = [(s, i) for s, i in space.scalars]
    if scalars:
        try:  # (a scalar product's name, `w^T x`, is no Python identifier: dummies stand in)
            f = sp.lambdify([s for s, _ in scalars], b - a, MPMATH, dummify=True)
        except SyntaxError:  # a name inside the formula no printer writes: no search
            return None
        maps = [_to_unit(i) for _, i in scalars]
        for start in starts:
            x0 = [to(float(start.values[s])) for (s, _), (to, _) in zip(scalars, maps, strict=True)]

            def margin(u, f=f, maps=maps):
                try:
                    with mpmath.workdps(30):
                        v = f(*[back(x) for x, (_, back) in zip(u, maps, strict=True)])
                    return sign * float(v) if mpmath.isfinite(v) and mpmath.im(v) == 0 else 1e300
                except (ValueError, ZeroDivisionError, OverflowError, TypeError):
                    return 1e300

            remaining()
            x, fun = nelder_mead(margin, x0, SEARCH_ITERATIONS, xatol=1e-12, fatol=1e-15)
            if fun > 1e-6:
                continue
            near = _near_tie(x, fun, maps, scalars, relation)
            # the point found, and the same with short fractions: a strict bound that fails
            # only where it is an equality (a = 4b) fails exactly there
            for snap in (sampling_rational, _short):
                values = dict(start.values)
                for (s, interval), (_, back), u in zip(scalars, maps, x, strict=True):
                    v = snap(back(u))
                    values[s] = v if v in interval else values[s]
                where = _describe(start.point, scalars, values)
                found = classify(b, a, relation, where, values)
                if found.outcome is Outcome.FAILS:
                    return replace(found, values=values)
            if near is not None:
                return PointResult(Outcome.EQUAL, near, bits=53, rigorous=False)
    if starts and (found := _edge_walk(b, a, relation, space, starts[0])) is not None:
        return found
    if not starts:
        return None
    uniform = _uniform(space)
    if space.vectors and uniform is None:
        return None
    if uniform:  # every vector a distribution: uniform ones, whose sums close in the size
        b, a = (
            e.replace(
                lambda x: isinstance(x, sp.Indexed) and x.base in uniform,
                lambda x: 1 / uniform[x.base],
            )
            for e in (b, a)
        )
    # sizes far beyond those sampled, where the sums have a closed form (harmonic numbers)
    cb, ca = _summed(b), _summed(a)
    large = (cb, ca) if not (cb.has(sp.Sum) or ca.has(sp.Sum)) else None
    start = starts[0]
    for together in _size_groups(space):
        scan = [(b, a, size) for size in SCAN_SIZES]
        scan += [(*large, size) for size in LARGE_SCAN_SIZES] if large else []
        for before_, after_, size in scan:
            remaining()
            values = {**start.values, **{d: sp.Integer(size) for d in together}}
            point = {**start.point, **{str(d): size for d in together}}
            point |= {str(v.label): f"uniform, 1/{size} each" for v in (uniform or {})}
            found = classify(before_, after_, relation, point, values)
            if found.outcome is Outcome.FAILS:
                return replace(found, values=values)
    return None


def _size_groups(space) -> list[tuple]:
    """The symbols that take one size together: the dimensions of a group (sums over one
    vector to n and to K), and a letter that names a dimension as well (the index n)."""
    groups: dict = {}
    dims = getattr(space, "dims", ())
    for d, g in getattr(space, "groups", ()) or ((d, k) for k, d in enumerate(dims)):
        groups.setdefault(g, []).append(d)
    aliases = getattr(space, "aliases", ())
    return [
        tuple(members) + tuple(s for s, d in aliases if d in members)
        for _, members in sorted(groups.items())
    ]


def _uniform(space) -> dict | None:
    """Where every vector of the step is a distribution over one dimension: each entry
    (p[i]) -> 1/n, the uniform distribution; None otherwise."""
    dims = dict(getattr(space, "vector_dims", ()))
    out = {}
    for base, kind, rank in space.vectors:
        if kind != "distribution" or rank != 1 or (base, 0) not in dims:
            return None
        out[base] = dims[(base, 0)]
    return out


#: kinks considered per step
MAX_KINKS = 40


def kink_arguments(expr: sp.Expr) -> list[sp.Expr] | None:
    """What is zero where `expr` has a kink or a jump: the arguments of |.|, sign and the
    step function, the gaps between max's and min's arguments, the gaps in the conditions
    of cases; None if it has a jump this list does not cover (floor, a condition of
    another kind)."""
    if expr.has(sp.floor, sp.ceiling, sp.frac):
        return None
    out = []
    for e in expr.atoms(sp.Abs, sp.sign, sp.Heaviside):
        out.append(e.args[0])
    for e in expr.atoms(sp.Max, sp.Min):
        out += [u - v for u, v in itertools.combinations(e.args, 2)]
    for e in expr.atoms(sp.Piecewise):
        for _, cond in e.args:
            relations = cond.atoms(sp.core.relational.Relational)
            if cond.atoms(sp.Symbol) and cond.subs({r: sp.true for r in relations}) not in (
                sp.true,
                sp.false,
            ):
                return None  # a condition not made of comparisons (`x \\in A`)
            out += [r.lhs - r.rhs for r in relations]
    return out


def _kinks(
    b: sp.Expr, a: sp.Expr, relation: str, space, start: PointResult
) -> tuple[PointResult | None, bool]:
    """A failure where a non-smooth function changes branch (|t - 37| + |t - 37 - 1e-6| =
    |2t - 74 - 1e-6| fails only between 37 and 37 + 1e-6, which sampling never hits): each
    scalar at the zeros of the arguments of |.|, max, min, sign, cases that depend on it
    alone (others fixed at `start`), between consecutive zeros, and one beyond each end.
    Also whether every branch was reached that way (`NumericEvidence.pieces`): every kink
    of one scalar alone, all its zeros found, the sides agreeing at every point tried
    where they are defined."""
    scalars = dict(space.scalars)
    arguments = kink_arguments(b - a)
    covered = arguments is not None and all(
        len(arg.free_symbols) == 1 and next(iter(arg.free_symbols)) in scalars for arg in arguments
    )
    for s, interval in scalars.items():
        zeros: set = set()
        for arg in arguments or ():
            if arg.free_symbols != {s}:
                continue
            try:
                with budget(min(CRITICAL_SECONDS, remaining())):
                    found = sp.solveset(arg, s, sp.Reals)
                if not isinstance(found, sp.FiniteSet):
                    covered = False
                    found = sp.solve(arg, s)
                zeros |= {z for z in found if z.is_real and z in interval}
            except (BudgetExhausted, NotImplementedError, *SYMPY_FAILURES):
                covered = False
                continue
        ordered = sorted(zeros, key=float)
        if len(ordered) > MAX_KINKS:
            ordered, covered = ordered[:MAX_KINKS], False
        if not ordered:
            continue
        between = [(u + v) / 2 for u, v in itertools.pairwise(ordered)]
        ends = [ordered[0] - 1, ordered[-1] + 1]
        for value in [*ordered, *between, *ends]:
            remaining()
            if value not in interval:
                continue
            values = {**start.values, s: value}
            found = classify(b, a, relation, {**start.point, str(s): shown_value(value)}, values)
            if found.outcome is Outcome.FAILS:
                return replace(found, values=values), False
            if found.outcome is not Outcome.HOLDS and value not in zeros:
                covered = False
    return None, covered and bool(arguments)


def _summed(expr: sp.Expr) -> sp.Expr:
    """Sums of a function of the index alone in closed form where SymPy has one (1/k^2 ->
    harmonic(n, 2); a sum of logs of positive terms as the log of their product)."""

    def close(total: sp.Sum) -> sp.Expr:
        if total.has(sp.Indexed):
            return total
        done = total.doit()
        if not done.has(sp.Sum):
            return done
        body, limits = total.function, total.limits
        (var, lo, _), *_ = limits
        k = sp.Dummy("k", integer=True, positive=True)
        positive = (
            len(limits) == 1 and lo.is_positive and body.args[0].xreplace({var: k}).is_positive
        )
        if isinstance(body, sp.log) and positive:
            product = sp.Product(body.args[0], *limits).doit()
            if not product.has(sp.Product):
                return sp.log(product)
        return total

    try:
        return expr.replace(lambda e: isinstance(e, sp.Sum), close)
    except SYMPY_FAILURES:
        return expr


#: a local minimum of a strict relation's margin below this (relative to 1 + |sides|), at
#: a point inside the domain, is a tie the relation may fail at
TIE_MARGIN = 1e-12
#: CPU seconds for solving for the stationary points of the margin
CRITICAL_SECONDS = 1.0
#: scalars a margin may have for its stationary points to be solved for
CRITICAL_SCALARS = 2


def _near_tie(x: list[float], fun: float, maps, scalars, relation: str) -> dict | None:
    """The point `x` where a local search drove a strict relation's margin to `fun`, about 0,
    inside the domain (not at an edge, where a true strict bound may approach 0), or None."""
    if relation not in ("<", ">") or abs(fun) > TIE_MARGIN:
        return None
    if any(abs(u) > 25 for u in x):
        return None  # at an edge of the domain (x -> 0, x -> 1, |x| -> inf)
    return {str(s): back(u) for (s, _), (_, back), u in zip(scalars, maps, x, strict=True)}


def _critical(
    b: sp.Expr, a: sp.Expr, relation: str, space, starts: list[PointResult]
) -> PointResult | None:
    """A failure at a stationary point of the margin in its scalars (where a bound is
    tight: -x log x <= 1/e at x = 1/e; mu at the mean of x_i; theta = m/n; a narrow peak
    sampling misses), solved for exactly when the margin has at most CRITICAL_SCALARS
    scalars; anything else (sizes, entries, integers) is fixed at the values of a start
    point. None if none fails."""
    margin = b - a
    scalars = dict(space.scalars)
    moving = sorted((s for s in margin.free_symbols if s in scalars), key=str)
    if not moving or len(moving) > CRITICAL_SCALARS:
        return None
    fixed = any(s not in scalars for s in margin.free_symbols) or margin.has(sp.Indexed)
    for start in starts[:2] if fixed else [None]:
        values = dict(start.values) if start is not None else {}
        try:
            with budget(min(CRITICAL_SECONDS, remaining())):
                at = _substituted(margin, values, keep=tuple(moving)) if fixed else margin
                if at is None or at.free_symbols - set(moving):
                    continue
                gradient = [sp.diff(at, s) for s in moving]
                solutions = sp.solve(gradient, moving, dict=True)
        except (BudgetExhausted, NotImplementedError, *SYMPY_FAILURES):
            continue
        for solution in solutions[:20]:
            remaining()
            if set(solution) != set(moving):
                continue
            chosen = {s: solution[s] for s in moving}
            if not all(v.is_real and v in scalars[s] for s, v in chosen.items()):
                continue
            where = {
                **(start.point if start else {}),
                **{str(s): shown_value(v) for s, v in chosen.items()},
            }
            found = classify(b, a, relation, where, {**values, **chosen})
            if found.outcome is Outcome.FAILS:
                return replace(found, values={**values, **chosen})
    return None


#: the walk toward a domain's edges: x = 2^(+-2^j) (or that close to a finite end)
EDGE_WALK = range(1, 34)


def _toward_edges(interval: sp.Interval | None):
    """(description, exact value as a ball) walking toward each end of the interval (None:
    the positive integers), exponentially, as far as arb's exponents reach."""
    two = flint.arb(2)
    if interval is None:
        return [(f"2^{2**j}", two ** (2**j)) for j in EDGE_WALK]
    lo, hi = interval.inf, interval.sup
    out = []
    for j in EDGE_WALK:
        tiny, huge = two ** -(2**j), two ** (2**j)
        if lo.is_finite and hi.is_finite:
            width = flint.arb(sp.Rational(hi - lo).p) / flint.arb(sp.Rational(hi - lo).q)
            low, high = _exact_ball(lo), _exact_ball(hi)
            out += [(f"{lo} + 2^-{2**j}", low + tiny * width)]
            out += [(f"{hi} - 2^-{2**j}", high - tiny * width)]
            continue
        if lo.is_finite:
            out += [(f"{lo} + 2^-{2**j}" if lo else f"2^-{2**j}", _exact_ball(lo) + tiny)]
            out += [(f"{lo} + 2^{2**j}", _exact_ball(lo) + huge)]
        elif hi.is_finite:
            out += [(f"{hi} - 2^-{2**j}", _exact_ball(hi) - tiny)]
            out += [(f"{hi} - 2^{2**j}", _exact_ball(hi) - huge)]
        else:
            out += [(f"2^{2**j}", huge), (f"-2^{2**j}", -huge)]
    return out


def _exact_ball(x: sp.Expr) -> flint.arb:
    r = sp.Rational(x)
    return flint.arb(flint.fmpz(int(r.p))) / flint.arb(flint.fmpz(int(r.q)))


def _edge_walk(b, a, relation: str, space, start: PointResult) -> PointResult | None:
    """A failure near an edge of the domain that sampling's fixed edges do not reach
    (log alpha > -2400 fails below alpha = e^-2400), one scalar at a time from `start`."""
    moving = [(s, i) for s, i in space.scalars if i.is_open or i.inf.is_finite or i.sup.is_finite]
    moving += [(s, None) for s in getattr(space, "integers", ())]
    for s, interval in moving:
        if s not in (b - a).free_symbols:
            continue
        for shown, value in _toward_edges(interval):
            remaining()
            values = {**start.values, s: value}
            found = classify(b, a, relation, {**start.point, str(s): shown}, values)
            if found.outcome is Outcome.FAILS:
                return replace(found, values=values)
    return None


def _short(x: float) -> sp.Rational:
    """x as a fraction with a small denominator."""
    return sp.Rational(Fraction(x).limit_denominator(1000))


def _describe(point: dict, scalars, values: dict) -> dict:
    return {**point, **{str(s): shown_value(values[s]) for s, _ in scalars}}


def sample(
    before: sp.Expr,
    after: sp.Expr,
    relation: str,
    space: Space,
    count: int,
    seed: int = 0,
    after_evidence: NumericEvidence | None = None,
    prefer: Callable[[dict], bool] | None = None,
    keep: bool = False,
) -> NumericEvidence:
    """Evaluate `before RELATION after` at up to `count` points of `space`; stops at the first
    certified failure (at a point `prefer` accepts, when given), or when the budget runs out
    (`exhausted`). `after_evidence`: the same sampling with fewer points, done before: its
    points are not evaluated again. `keep`: keep each side as prepared at each point for
    later calls (`_Prepared`), for a derivation's chain, whose steps share their sides."""
    evidence = NumericEvidence(relation, domain=space.description, prefer=prefer)
    done = list(after_evidence.results) if after_evidence is not None else []
    # Derivatives once for all points; a point's prepare does the rest.
    b, a = _calculus(unfold(before)), _calculus(unfold(after))
    points = _point_key(space, seed, count) if keep else None
    evidence.closed = not (b.free_symbols or a.free_symbols or b.atoms(AppliedUndef))
    try:
        for k, point in enumerate(_points(space, seed, count)):
            if k < len(done):
                evidence.results.append(done[k])
                if evidence.closed:
                    break
                continue
            remaining()  # raises BudgetExhausted when the step's CPU time is spent
            key = None if points is None else (*points, k)
            pb, pa = _prepare(key, point, b), _prepare(key, point, a)
            if pb is None or pa is None:
                why = "SymPy could not evaluate a side here"
                result = PointResult(Outcome.UNEVALUABLE, point.description, why=why)
            else:
                result = classify(pb, pa, relation, point.description, point.values)
                result = replace(result, values=point.values)
                if result.outcome is Outcome.FAILS and not result.rigorous:
                    result = _verify(result, pb, pa, relation, point)
            evidence.results.append(result)
            if evidence.settled or evidence.closed:
                break  # a step without symbols has one point, whatever is sampled
    except BudgetExhausted:
        evidence.exhausted = True
    return evidence
