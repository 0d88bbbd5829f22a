"""What the symbols range over: the spaces that derivations and checks work in.

## Main definitions
- `IndexedSpace`:  p, q over a symbolic number n of outcomes (`IndexedBase`, `Sum`),
  with a free index e, 1 <= e <= n, for gradients.
- `FiniteSpace`:   p, q over a fixed number of outcomes (explicit positive symbols).
- `ScalarSpace`:   named real parameters in intervals; `bernoulli_space` and
  `logistic_space` build the two the core results need.
- `DensitySpace`:  densities p(x), q(x) on the real line (`Integral`).

A space carries its assumptions (as SymPy assumptions on its symbols and as text for
people), its constraints (probabilities sum to one), symbolic facts the checker may use,
and a sampler of concrete points for high-precision numeric checks.
"""

import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from fractions import Fraction

import mpmath
import numpy as np
import sympy as sp

from symkl.errors import SYMPY_FAILURES
from symkl.estimates import MPMATH, Estimate
from symkl.exact_integrals import enclosed_integral, exact_integral
from symkl.measures import (
    ConditionalEntropy,
    CrossEntropy,
    Entropy,
    InformationMeasure,
    KLDivergence,
    MutualInformation,
)

__all__ = [
    "Point",
    "Space",
    "IndexedSpace",
    "FiniteSpace",
    "ScalarSpace",
    "DensitySpace",
    "JointSpace",
    "DatasetSpace",
    "bernoulli_space",
    "logistic_space",
]

#: probabilities near the edges (and the centre) that random draws would almost never hit
EDGE_PROBABILITIES = (Fraction(1, 10**30), Fraction(1, 10**12), Fraction(1, 10**6), Fraction(1, 2))


@dataclass(frozen=True)
class Point:
    """One concrete point: exact values for the symbols, and how to evaluate there."""

    prepare: Callable[[sp.Expr], sp.Expr]
    description: dict[str, float | int | list[float]]
    #: the point's values (symbols and vector entries), for evaluation without
    #: substituting them into the expression; None where only `prepare` knows them
    values: dict | None = None

    def evaluate(self, expr: sp.Expr, digits: int) -> sp.Expr | None:
        """`expr` at this point to `digits` digits, or None where it is undefined."""
        try:
            value = self.prepare(expr).evalf(digits)
        except SYMPY_FAILURES:
            return None  # SymPy cannot evaluate it here: the point is skipped, not counted
        if not value.is_number or value.has(sp.nan, sp.zoo, sp.oo, -sp.oo):
            return None
        if value.has(sp.Integral, sp.Sum, sp.Derivative) or not value.is_finite:
            return None
        return value


def _rational(x: float) -> sp.Rational:
    return sp.Rational(Fraction(x).limit_denominator(10**15))


def _simplex(rng: np.random.Generator, n: int) -> list[sp.Rational]:
    """An exact probability vector: Dirichlet, sometimes with one near-zero entry."""
    if rng.random() < 0.15:
        return [sp.Rational(1, n)] * n  # the uniform distribution, where many bounds are tight
    weights = [
        Fraction(w).limit_denominator(10**9) or Fraction(1, 10**9)
        for w in rng.dirichlet(np.ones(n))
    ]
    if n > 1 and rng.random() < 0.4:
        weights[int(rng.integers(n))] = EDGE_PROBABILITIES[
            int(rng.integers(len(EDGE_PROBABILITIES)))
        ]
    total = sum(weights)
    return [sp.Rational(w / total) for w in weights]


@dataclass(frozen=True)
class Space:
    """Base class. Subclasses fill in the fields and `points`."""

    description: str
    assumptions: tuple[str, ...]
    p: sp.Expr
    q: sp.Expr
    limits: tuple = ()

    def entropy(self, p: sp.Expr | None = None, base: sp.Expr = sp.E) -> Entropy:
        return Entropy(self.p if p is None else p, limits=self.limits, base=base)

    def cross_entropy(
        self, p: sp.Expr | None = None, q: sp.Expr | None = None, base: sp.Expr = sp.E
    ) -> CrossEntropy:
        p, q = self.p if p is None else p, self.q if q is None else q
        return CrossEntropy(p, q, limits=self.limits, base=base)

    def kl(
        self, p: sp.Expr | None = None, q: sp.Expr | None = None, base: sp.Expr = sp.E
    ) -> KLDivergence:
        p, q = self.p if p is None else p, self.q if q is None else q
        return KLDivergence(p, q, limits=self.limits, base=base)

    def measures(self) -> list[InformationMeasure]:
        """The measures `symkl.rules.fold` recognises by their definitions."""
        pairs = [(self.p, self.q), (self.q, self.p)]
        return (
            [self.entropy(self.p), self.entropy(self.q)]
            + [self.cross_entropy(a, b) for a, b in pairs]
            + [self.kl(a, b) for a, b in pairs]
        )

    def constraints(self) -> dict[sp.Expr, sp.Expr]:
        """Replacements that the sum-to-one constraints allow (expression -> value)."""
        return {}

    def facts(self, expr: sp.Expr) -> sp.Expr:
        """Rewrite `expr` so SymPy's assumptions carry the space's other facts."""
        return expr

    def in_range(self, point: sp.Expr, lower: sp.Expr, upper: sp.Expr) -> bool:
        """Whether the space states lower <= point <= upper (for Kronecker deltas)."""
        return False

    def marginals(self, expr: sp.Expr) -> sp.Expr:
        """Replace sums of a joint distribution over one variable by its marginals."""
        return expr

    def model(self, expr: sp.Expr) -> sp.Expr:
        """Apply the space's structural assumptions (e.g. how a model's joint factors)."""
        return expr

    def bounded(self, expr: sp.Expr) -> sp.Expr:
        """For sign arguments only: write each probability as 1/(1 + t), t >= 0, so that
        SymPy knows it is at most 1. Sound for inequalities that hold on all of (0, 1]."""
        return expr

    def points(self, rng: np.random.Generator, count: int) -> Iterator[Point]:
        raise NotImplementedError


@dataclass(frozen=True)
class IndexedSpace(Space):
    """Distributions p, q over n outcomes, n a symbolic positive integer."""

    n: sp.Symbol = None
    index: sp.Symbol = None
    free_index: sp.Symbol = None
    max_n: int = 6
    parameters: tuple[tuple[sp.Symbol, sp.Interval], ...] = ()
    #: further vectors of n real entries (logits, say), sampled entry by entry
    reals: tuple[sp.IndexedBase, ...] = ()

    @classmethod
    def make(
        cls,
        p: str = "p",
        q: str = "q",
        n: str = "n",
        parameters: tuple = (),
        reals: tuple[str, ...] = (),
    ) -> "IndexedSpace":
        """`parameters`: further real symbols, each with the interval it is sampled in
        (a Lagrange multiplier, say); `reals`: names of further vectors of n real entries."""
        nsym = sp.Symbol(n, integer=True, positive=True)
        i = sp.Symbol("i", integer=True)
        e = sp.Symbol("e", integer=True, positive=True)
        pb, qb = (sp.IndexedBase(name, positive=True) for name in (p, q))
        return cls(
            description=f"discrete distributions {p}, {q} over {n} outcomes",
            assumptions=(
                f"{p}_i > 0, {q}_i > 0 for 1 <= i <= {n}",
                f"sum_i {p}_i = 1, sum_i {q}_i = 1",
                f"{n} >= 1 an integer; 1 <= e <= {n}",
                *(f"{name}_i real" for name in reals),
            ),
            p=pb[i],
            q=qb[i],
            limits=(i, 1, nsym),
            n=nsym,
            index=i,
            free_index=e,
            parameters=tuple(parameters),
            reals=tuple(sp.IndexedBase(name, real=True) for name in reals),
        )

    def constraints(self) -> dict[sp.Expr, sp.Expr]:
        return {sp.Sum(d, self.limits): sp.Integer(1) for d in (self.p, self.q)}

    def in_range(self, point: sp.Expr, lower: sp.Expr, upper: sp.Expr) -> bool:
        return point == self.free_index and (lower, upper) == (1, self.n)

    def facts(self, expr: sp.Expr) -> sp.Expr:
        # 1 <= e <= n as assumptions: e is a positive integer, and n = e + m with m >= 0.
        if self.free_index in expr.free_symbols:
            m = sp.Dummy("m", integer=True, nonnegative=True)
            return expr.subs(self.n, self.free_index + m)
        return expr

    def bounded(self, expr: sp.Expr) -> sp.Expr:
        bases = {
            d.base: sp.IndexedBase(sp.Dummy(f"t_{d.base}", nonnegative=True))
            for d in (self.p, self.q)
        }
        return expr.replace(
            lambda e: isinstance(e, sp.Indexed) and e.base in bases,
            lambda e: 1 / (1 + bases[e.base][e.indices]),
        )

    def points(self, rng: np.random.Generator, count: int) -> Iterator[Point]:
        pb, qb = self.p.base, self.q.base
        for k in range(count):
            size = 1 + k % self.max_n
            e = int(rng.integers(1, size + 1))
            pv, qv = _simplex(rng, size), _simplex(rng, size)
            values = {pb[j + 1]: pv[j] for j in range(size)}
            values |= {qb[j + 1]: qv[j] for j in range(size)}
            values |= {s: _draw(rng, interval, k) for s, interval in self.parameters}
            whole_line = sp.Interval(-sp.oo, sp.oo)
            values |= {
                v[j + 1]: _draw(rng, whole_line, k + j) for v in self.reals for j in range(size)
            }

            def prepare(expr, size=size, e=e, values=values):
                concrete = written_out(expr.subs({self.n: size, self.free_index: e})).doit()
                return concrete.xreplace(values)

            yield Point(
                prepare,
                {
                    "n": size,
                    "e": e,
                    **{str(s): float(values[s]) for s, _ in self.parameters},
                    str(pb.label): [float(v) for v in pv],
                    str(qb.label): [float(v) for v in qv],
                    **{
                        str(v.label): [float(values[v[j + 1]]) for j in range(size)]
                        for v in self.reals
                    },
                },
            )


@dataclass(frozen=True)
class FiniteSpace(Space):
    """Distributions over a fixed number of outcomes, as tuples of positive symbols."""

    @classmethod
    def make(cls, size: int, p: str = "p", q: str = "q") -> "FiniteSpace":
        if size < 1:
            raise ValueError(f"a distribution needs at least one outcome, got {size}")
        ps, qs = (sp.Tuple(*sp.symbols(f"{name}1:{size + 1}", positive=True)) for name in (p, q))
        return cls(
            description=f"distributions {p}, {q} over {size} outcomes",
            assumptions=(f"{p}_k > 0, {q}_k > 0", f"sum_k {p}_k = 1, sum_k {q}_k = 1"),
            p=ps,
            q=qs,
        )

    def constraints(self) -> dict[sp.Expr, sp.Expr]:
        return {d[-1]: 1 - sp.Add(*d[:-1]) for d in (self.p, self.q)}

    def bounded(self, expr: sp.Expr) -> sp.Expr:
        return expr.xreplace(
            {s: 1 / (1 + sp.Dummy(f"t_{s}", nonnegative=True)) for s in (*self.p, *self.q)}
        )

    def points(self, rng: np.random.Generator, count: int) -> Iterator[Point]:
        for _ in range(count):
            pv, qv = _simplex(rng, len(self.p)), _simplex(rng, len(self.q))
            values = dict(zip(self.p, pv, strict=True)) | dict(zip(self.q, qv, strict=True))
            yield Point(
                lambda expr, values=values: expr.doit().xreplace(values),
                {str(s): float(v) for s, v in values.items()},
            )


@dataclass(frozen=True)
class ScalarSpace(Space):
    """Real parameters, each in an interval; p and q are tuples built from them."""

    intervals: tuple[tuple[sp.Symbol, sp.Interval], ...] = ()

    def facts(self, expr: sp.Expr) -> sp.Expr:
        return open_interval_facts(expr, self.intervals)

    def points(self, rng: np.random.Generator, count: int) -> Iterator[Point]:
        for k in range(count):
            values = {s: _draw(rng, interval, k) for s, interval in self.intervals}
            yield Point(
                lambda expr, values=values: _integrate_numerically(
                    expr.doit(integrals=False).xreplace(values)
                ),
                {str(s): float(v) for s, v in values.items()},
            )


#: the most terms a sum is written out with (`written_out`); a longer one is left to doit
WRITTEN_OUT_TERMS = 10_000


def written_out(expr: sp.Expr) -> sp.Expr:
    """Sums with integer bounds written out term by term, innermost first: what `doit`
    gives them, without SymPy's search for a closed form first (most of a sampled point's
    cost). Other sums stay as they are."""

    def write(s: sp.Sum) -> sp.Expr:
        term = s.function
        for var, lo, hi in s.limits:
            if not (lo.is_Integer and hi.is_Integer) or hi - lo >= WRITTEN_OUT_TERMS:
                return s
            term = sp.Add(*(term.xreplace({var: k}) for k in range(int(lo), int(hi) + 1)))
        return term

    return expr.replace(lambda e: isinstance(e, sp.Sum), write)


def open_interval_facts(expr: sp.Expr, intervals) -> sp.Expr:
    """SymPy cannot assume alpha < 1: writing alpha = hi - (hi - lo)/(1 + t), t > 0, maps
    each open (lo, hi) onto t > 0 one-to-one and makes alpha - lo and hi - alpha positive."""
    for symbol, interval in intervals:
        lo, hi = interval.inf, interval.sup
        if interval.left_open and interval.right_open and lo.is_finite and hi.is_finite:
            t = sp.Dummy(f"t_{symbol}", positive=True)
            expr = expr.subs(symbol, hi - (hi - lo) / (1 + t))
    return expr


def _draw(rng: np.random.Generator, interval: sp.Interval, k: int) -> sp.Rational:
    """A value inside `interval`: edges first, then uniform or heavy-tailed draws."""
    lo, hi = interval.inf, interval.sup
    if lo.is_finite and hi.is_finite:
        edges = [lo + (hi - lo) * sp.Rational(f) for f in (Fraction(1, 10**9), Fraction(1, 2))]
        edges.append(hi - (hi - lo) * sp.Rational(1, 10**9))
        if not interval.left_open:
            edges.append(lo)
        if not interval.right_open:
            edges.append(hi)
        if k < len(edges):
            return edges[k]
        return lo + (hi - lo) * _rational(rng.uniform(0.001, 0.999))
    value = _rational(rng.standard_normal() * 10.0 ** rng.integers(-2, 3))
    if lo.is_finite:
        return lo + abs(value) + sp.Rational(int(bool(interval.left_open)), 10**9)
    if hi.is_finite:
        return hi - abs(value) - sp.Rational(int(bool(interval.right_open)), 10**9)
    return value


def _indexed_by(e: sp.Basic, base: sp.IndexedBase) -> bool:
    return isinstance(e, sp.Indexed) and e.base == base


def bernoulli_space(alpha: str = "alpha", beta: str = "beta") -> ScalarSpace:
    """p = (alpha, 1 - alpha), q = (beta, 1 - beta) with alpha, beta in (0, 1)."""
    a, b = sp.symbols(f"{alpha} {beta}", positive=True)
    unit = sp.Interval.open(0, 1)
    return ScalarSpace(
        description=f"Bernoulli pair p = ({alpha}, 1 - {alpha}), q = ({beta}, 1 - {beta})",
        assumptions=(f"0 < {alpha} < 1", f"0 < {beta} < 1"),
        p=sp.Tuple(a, 1 - a),
        q=sp.Tuple(b, 1 - b),
        intervals=((a, unit), (b, unit)),
    )


def logistic_space() -> ScalarSpace:
    """A label y in [0, 1] against q = sigma(eta) = e^eta / (1 + e^eta), eta real."""
    eta = sp.Symbol("eta", real=True)
    y = sp.Symbol("y", real=True, nonnegative=True)
    sigma = sp.exp(eta) / (1 + sp.exp(eta))
    return ScalarSpace(
        description="label distribution p = (y, 1 - y) against q = (sigma(eta), 1 - sigma(eta))",
        assumptions=("eta real", "0 <= y <= 1", "sigma(eta) = e^eta / (1 + e^eta)"),
        p=sp.Tuple(y, 1 - y),
        q=sp.Tuple(sigma, 1 - sigma),
        intervals=((eta, sp.Interval(-sp.oo, sp.oo)), (y, sp.Interval(0, 1))),
    )


#: breakpoints for quadrature over the real line: the sampled normals have |mu| <= 2 and
#: sigma >= 1/5, so every peak sits well inside one of these pieces
QUADRATURE_BREAKS = (-4, -2, 0, 2, 4)
QUADRATURE_DIGITS = 15


@functools.lru_cache(maxsize=256)
def integral_value(integral: sp.Integral) -> sp.Expr:
    """An integral at a point (numbers only): exact where `exact_integral` has its value
    (a polynomial on an interval, a Gaussian moment), a rigorous `Enclosure` on a finite
    interval (`enclosed_integral`), else a quadrature `Estimate`.

    Raises ArithmeticError when the quadrature's estimated error is too large."""
    exact = exact_integral(integral)
    if exact is None:
        exact = enclosed_integral(integral)
    return exact if exact is not None else _quadrature(integral)


def _quadrature(integral: sp.Integral) -> Estimate:
    """A one-dimensional integral by mpmath's tanh-sinh rule at 15 digits, as an `Estimate`:
    the value with ten times mpmath's error estimate (an estimate, not a bound: evidence
    that rests on it says so), and the integral itself, so that a value that refutes a step
    can be checked in closed form (`symkl.checking.evidence`).

    Raises ArithmeticError when mpmath's error estimate says the value is not accurate
    (the point is then skipped). Cached: consecutive steps share most of their integrals."""
    ((var, lo, hi),) = integral.limits
    f = sp.lambdify(var, integral.function, MPMATH)
    with mpmath.workdps(QUADRATURE_DIGITS + 2):
        a, b = sp.lambdify((), (lo, hi), MPMATH)()
        # Break at the numbers in the integrand too (a normal's mean, its scale): tanh-sinh
        # clusters its nodes at the ends of each piece, so a narrow peak far from 0 is seen.
        numbers = {float(v) for v in integral.function.atoms(sp.Number) if v.is_finite}
        if all(1e-2 <= abs(v) <= 4 or v == 0 for v in numbers):
            numbers = set()  # no peak narrower or farther out than the breaks resolve
        candidates = set(QUADRATURE_BREAKS) | numbers | {-v for v in numbers}
        inner = sorted(x for x in candidates if a < x < b)[:64]
        value, error = mpmath.quad(f, [a, *inner, b], error=True)
        if not mpmath.isfinite(value) or error > 10.0**-QUADRATURE_DIGITS * (1 + abs(value)):
            raise ArithmeticError(f"quadrature error {error} too large for {integral}")
        radius = 10 * error + 2.0**-50 * (1 + abs(value))
        return Estimate(sp.Float(value, QUADRATURE_DIGITS + 2), sp.Float(radius, 5), integral)


def closed_form(expr: sp.Expr) -> sp.Expr:
    """`expr` with every quadrature value replaced by its integral in closed form (the
    integrand's numbers are the point's), which ball arithmetic then bounds rigorously.

    Raises ArithmeticError when an integral has no closed form SymPy finds."""

    def exact(e: Estimate) -> sp.Expr:
        value = e.args[2].doit()
        if value.has(sp.Integral) or not value.is_number:
            raise ArithmeticError("no closed form")
        return value

    return expr.replace(lambda e: isinstance(e, Estimate), exact)


def _integrate_numerically(expr: sp.Expr) -> sp.Expr:
    return expr.replace(lambda e: isinstance(e, sp.Integral), integral_value)


@dataclass(frozen=True)
class DensitySpace(Space):
    """Densities p(x), q(x) on the real line; sampled as normal densities."""

    variable: sp.Symbol = None
    functions: tuple = field(default=())

    @classmethod
    def make(cls, p: str = "p", q: str = "q", x: str = "x") -> "DensitySpace":
        xs = sp.Symbol(x, real=True)
        pf, qf = (sp.Function(name, positive=True) for name in (p, q))
        return cls(
            description=f"densities {p}({x}), {q}({x}) on the real line",
            assumptions=(
                f"{p}({x}) > 0, {q}({x}) > 0",
                f"integral {p} = integral {q} = 1",
                f"{p} log {p} and {p} log {q} integrable",
            ),
            p=pf(xs),
            q=qf(xs),
            limits=(xs, -sp.oo, sp.oo),
            variable=xs,
            functions=(pf, qf),
        )

    def constraints(self) -> dict[sp.Expr, sp.Expr]:
        return {sp.Integral(d, self.limits): sp.Integer(1) for d in (self.p, self.q)}

    def points(self, rng: np.random.Generator, count: int) -> Iterator[Point]:
        x = self.variable
        for _ in range(count):
            params = [
                (_rational(rng.uniform(-2, 2)), _rational(rng.uniform(0.2, 2)))
                for _ in self.functions
            ]
            normals = {
                f: sp.Lambda(x, sp.exp(-((x - mu) ** 2) / (2 * s**2)) / (s * sp.sqrt(2 * sp.pi)))
                for f, (mu, s) in zip(self.functions, params, strict=True)
            }

            def prepare(expr, normals=normals):
                for f, density in normals.items():
                    expr = expr.replace(f, density)
                return _integrate_numerically(expr.doit(integrals=False))

            yield Point(
                prepare,
                {
                    f.__name__: [float(mu), float(s)]
                    for f, (mu, s) in zip(self.functions, params, strict=True)
                },
            )


@dataclass(frozen=True)
class JointSpace(Space):
    """A joint distribution p(x_i, y_j) = p[i, j] over n x m outcomes, with its marginals
    p_x[i] = sum_j p[i, j] and p_y[j] = sum_i p[i, j], against a model whose joint factors
    as q[i, j] = q_c[i, j] p_x[i], where q_c[i, j] = q(y_j | x_i) sums to one over j."""

    n: sp.Symbol = None
    m: sp.Symbol = None
    marginal: sp.IndexedBase = None
    conditional: sp.IndexedBase = None
    marginal_y: sp.IndexedBase = None

    @classmethod
    def make(cls) -> "JointSpace":
        n, m = sp.symbols("n m", integer=True, positive=True)
        i, j = sp.symbols("i j", integer=True)
        p, q, px, qc, py = (
            sp.IndexedBase(name, positive=True) for name in ("p", "q", "p_x", "q_c", "p_y")
        )
        return cls(
            description="joint distributions p(x, y), q(x, y) over n x m outcomes",
            assumptions=(
                "p[i, j] > 0, sum_ij p[i, j] = 1; p_x[i] = sum_j p[i, j] and "
                "p_y[j] = sum_i p[i, j] (the marginals)",
                "model: q[i, j] = q_c[i, j] p_x[i], with q_c[i, j] = q(y_j | x_i) > 0 and "
                "sum_j q_c[i, j] = 1 (the model keeps the data's marginal of x)",
            ),
            p=p[i, j],
            q=q[i, j],
            limits=((i, 1, n), (j, 1, m)),
            n=n,
            m=m,
            marginal=px,
            conditional=qc,
            marginal_y=py,
        )

    def constraints(self) -> dict[sp.Expr, sp.Expr]:
        (i, _, n), (j, _, m) = self.limits
        return {
            sp.Sum(sp.Sum(self.p, (j, 1, m)), (i, 1, n)): sp.Integer(1),
            sp.Sum(self.marginal[i], (i, 1, n)): sp.Integer(1),
            sp.Sum(self.marginal_y[j], (j, 1, m)): sp.Integer(1),
        }

    def conditional_entropy(self) -> ConditionalEntropy:
        """H(Y | X) of the joint p."""
        (i, _, _), _ = self.limits
        return ConditionalEntropy(self.p, self.marginal[i], limits=self.limits)

    def mutual_information(self) -> MutualInformation:
        """I(X; Y) of the joint p."""
        (i, _, _), (j, _, _) = self.limits
        return MutualInformation(self.p, self.marginal[i], self.marginal_y[j], limits=self.limits)

    def measures(self) -> list[InformationMeasure]:
        """Also H(X) and H(Y), the entropies of the marginals, and H(Y | X); I(X; Y) first,
        as its definition is made of entropies the others would fold one by one."""
        (i, _, n), (j, _, m) = self.limits
        return [
            self.mutual_information(),
            *super().measures(),
            Entropy(self.marginal[i], limits=(i, 1, n)),
            Entropy(self.marginal_y[j], limits=(j, 1, m)),
            self.conditional_entropy(),
        ]

    def facts(self, expr: sp.Expr) -> sp.Expr:
        return self.marginals(expr)

    def marginals(self, expr: sp.Expr) -> sp.Expr:
        # sum_j p[a, j] = p_x[a] and sum_i p[i, b] = p_y[b], whatever the indices are named
        # (the checker renames them); in a double sum, the index that only the joint holds
        # is summed out: sum_ij g(i) p[i, j] = sum_i g(i) p_x[i].
        p, (_, _, n), (_, _, m) = self.p.base, *self.limits
        # the range summed over -> (the position of the index kept, the marginal)
        ranges = {(1, m): (0, self.marginal), (1, n): (1, self.marginal_y)}

        def summed_out(s: sp.Sum) -> sp.Expr:
            joint = [f for f in sp.Mul.make_args(s.function) if _indexed_by(f, p)]
            if len(joint) != 1:
                return s
            (term,), rest = joint, s.function / joint[0]
            for k, (var, lo, hi) in enumerate(s.limits):
                if (lo, hi) not in ranges:
                    continue
                kept, marginal = ranges[(lo, hi)]
                if term.indices[1 - kept] != var or term.indices[kept].has(var) or rest.has(var):
                    continue
                others = s.limits[:k] + s.limits[k + 1 :]
                inner = rest * marginal[term.indices[kept]]
                return sp.Sum(inner, *others) if others else inner
            return s

        return expr.replace(lambda e: isinstance(e, sp.Sum), summed_out)

    def model(self, expr: sp.Expr) -> sp.Expr:
        q, qc, px = self.q.base, self.conditional, self.marginal
        return expr.replace(
            lambda e: isinstance(e, sp.Indexed) and e.base == q,
            lambda e: qc[e.indices] * px[e.indices[0]],
        )

    def points(self, rng: np.random.Generator, count: int) -> Iterator[Point]:
        p, q, qc = self.p.base, self.q.base, self.conditional
        px, py = self.marginal, self.marginal_y
        for k in range(count):
            rows, cols = 1 + k % 3, 1 + (k // 3) % 3
            joint = _simplex(rng, rows * cols)
            cond = [_simplex(rng, cols) for _ in range(rows)]
            values = {py[b + 1]: sum(joint[b::cols]) for b in range(cols)}
            for a in range(rows):
                marginal = sum(joint[a * cols : (a + 1) * cols])
                values[px[a + 1]] = marginal
                for b in range(cols):
                    values[p[a + 1, b + 1]] = joint[a * cols + b]
                    values[qc[a + 1, b + 1]] = cond[a][b]
                    values[q[a + 1, b + 1]] = cond[a][b] * marginal

            def prepare(expr, rows=rows, cols=cols, values=values):
                concrete = written_out(expr.subs({self.n: rows, self.m: cols}))
                return concrete.doit().xreplace(values)

            yield Point(
                prepare,
                {
                    "n": rows,
                    "m": cols,
                    "p": [float(v) for v in joint],
                    "q_c": [float(v) for row in cond for v in row],
                },
            )


@dataclass(frozen=True)
class DatasetSpace(Space):
    """A labelled dataset: n samples, K classes, labels Y[i] in 1..K, a model's predicted
    distributions q[i, k] = q_theta(k | x_i) (positive, summing to one over k); for the
    binary case, labels y[i] in [0, 1] and predictions yhat[i] in (0, 1)."""

    n: sp.Symbol = None
    classes: sp.Symbol = None
    labels: sp.IndexedBase = None
    binary: tuple = ()

    @classmethod
    def make(cls) -> "DatasetSpace":
        n, classes = sp.symbols("n K", integer=True, positive=True)
        i, k = sp.symbols("i k", integer=True)
        q = sp.IndexedBase("q", positive=True)
        labels = sp.IndexedBase("Y", integer=True, positive=True)
        y, yhat = sp.IndexedBase("y", nonnegative=True), sp.IndexedBase("yhat", positive=True)
        return cls(
            description="a dataset of n labelled samples and a model's predictions",
            assumptions=(
                "labels 1 <= Y_i <= K; one-hot p_i(k) = delta(k, Y_i)",
                "q[i, k] = q_theta(k | x_i) > 0, sum_k q[i, k] = 1",
                "binary case: y_i in [0, 1], 0 < yhat_i < 1",
                "0 log 0 = 0",
            ),
            p=sp.KroneckerDelta(k, labels[i]),
            q=q[i, k],
            limits=(k, 1, classes),
            n=n,
            classes=classes,
            labels=labels,
            binary=(y, yhat),
        )

    def facts(self, expr: sp.Expr) -> sp.Expr:
        # Sums against a one-hot label collapse (SymPy's summation gives a Piecewise whose
        # condition is the stated fact Y_i <= K).
        expr = expr.replace(
            lambda e: isinstance(e, sp.Sum) and e.function.has(sp.KroneckerDelta),
            lambda e: e.doit(),
        )
        return expr.replace(
            lambda e: isinstance(e, sp.Rel) and self._label_bound(e), lambda e: sp.true
        )

    def in_range(self, point: sp.Expr, lower: sp.Expr, upper: sp.Expr) -> bool:
        is_label = isinstance(point, sp.Indexed) and point.base == self.labels
        return is_label and (lower, upper) == (1, self.classes)

    def _label_bound(self, rel: sp.Rel) -> bool:
        small, large = (rel.rhs, rel.lhs) if isinstance(rel, (sp.Ge, sp.Gt)) else (rel.lhs, rel.rhs)
        is_label = isinstance(small, sp.Indexed) and small.base == self.labels
        return is_label and large == self.classes and isinstance(rel, (sp.Le, sp.Ge))

    def points(self, rng: np.random.Generator, count: int) -> Iterator[Point]:
        q, (y, yhat) = self.q.base, self.binary
        for k in range(count):
            size, classes = 1 + k % 4, 2 + k % 2
            labels = [int(rng.integers(1, classes + 1)) for _ in range(size)]
            rows = [_simplex(rng, classes) for _ in range(size)]
            values = {self.labels[a + 1]: labels[a] for a in range(size)}
            values |= {q[a + 1, b + 1]: rows[a][b] for a in range(size) for b in range(classes)}
            values |= {y[a + 1]: _draw(rng, sp.Interval(0, 1), k + a) for a in range(size)}
            values |= {yhat[a + 1]: _rational(rng.uniform(0.01, 0.99)) for a in range(size)}

            def prepare(expr, size=size, classes=classes, values=values):
                concrete = expr.subs({self.n: size, self.classes: classes}).doit()
                return concrete.xreplace(values).xreplace(values).doit()

            yield Point(
                prepare,
                {
                    "n": size,
                    "K": classes,
                    "Y": labels,
                    "q": [float(v) for row in rows for v in row],
                },
            )
