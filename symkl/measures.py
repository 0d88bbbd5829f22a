"""Entropy, cross-entropy and KL divergence as SymPy functions.

## Main definitions
- `Entropy(p)`:            H(p)          = -sum_i p_i log p_i
- `CrossEntropy(p, q)`:    H(p, q)       = -sum_i p_i log q_i
- `KLDivergence(p, q)`:    D_KL(p || q)  =  sum_i p_i log(p_i / q_i)
- `JSDivergence(p, q)`:    D_JS(p || q)  =  1/2 D_KL(p || m) + 1/2 D_KL(q || m), m = (p + q)/2
- `ConditionalEntropy(p, p_x)`: H(Y | X) = -sum_ij p(x_i, y_j) log(p(x_i, y_j) / p_x(x_i))
- `MutualInformation(p, p_x, p_y)`: I(X; Y) = H(X) + H(Y) - H(X, Y)
- `LogGap(t)`:             g(t) = t - 1 - log t, the gap in log t <= t - 1

A distribution argument is one of
- a `Tuple` of probabilities (a fixed number of outcomes, e.g. a Bernoulli pair);
- an `Indexed` term `p[i]` with `limits=(i, 1, n)`: a sum over a symbolic number n;
- an applied function `p(x)` with `limits=(x, -oo, oo)`: an integral over a density.

The two measures of a joint distribution p(x_i, y_j) = p[i, j] take it with its marginals
(p_x[i] = sum_j p[i, j], p_y[j] = sum_i p[i, j]) and `limits` over both indices; its
coordinates are the random variables X (the first range) and Y (the second).

Each measure `unfold`s to its definition (`Sum`, `Integral` or explicit terms) and is
differentiated through it. `base` divides by log(base); the natural log is the default.
Printing lives in `symkl.printing`; `fold` (in `symkl.rules`) turns definitions back into
measures.
"""

from typing import ClassVar

import sympy as sp

__all__ = [
    "InformationMeasure",
    "Entropy",
    "CrossEntropy",
    "KLDivergence",
    "JSDivergence",
    "ConditionalEntropy",
    "MutualInformation",
    "LogGap",
    "unfold",
]


class InformationMeasure(sp.Function):
    """Common machinery: args are (*distributions, limits, base)."""

    n_distributions: ClassVar[int]

    def __new__(cls, *args, limits=(), base=sp.E, **options):
        k = cls.n_distributions
        if len(args) == k:
            args = (*args, sp.Tuple(*limits), base)
        elif len(args) != k + 2:
            raise TypeError(f"{cls.__name__} takes {k} distributions, got {len(args)}")
        *dists, lims, b = args
        dists = [sp.Tuple(*d) if isinstance(d, (tuple, list)) else sp.sympify(d) for d in dists]
        lims = sp.Tuple(*(sp.Tuple(*r) if isinstance(r, (tuple, list)) else r for r in lims))
        if not lims and not all(isinstance(d, sp.Tuple) for d in dists):
            raise TypeError(
                f"{cls.__name__}: a distribution that is not a tuple of probabilities needs "
                "limits=(variable, lower, upper)"
            )
        if any(isinstance(d, sp.Tuple) for d in dists) and len({len(d) for d in dists}) != 1:
            raise TypeError(f"{cls.__name__}: distributions of different lengths {dists}")
        return super().__new__(cls, *dists, lims, sp.sympify(b), **options)

    @classmethod
    def eval(cls, *args):
        return None

    @property
    def distributions(self) -> tuple[sp.Expr, ...]:
        return self.args[: self.n_distributions]

    @property
    def limits(self) -> sp.Tuple:
        return self.args[-2]

    @property
    def base(self) -> sp.Expr:
        return self.args[-1]

    @property
    def ranges(self) -> list[sp.Tuple]:
        """The (variable, lower, upper) triples, outermost first: one, or several for a
        joint distribution such as p[i, j] summed over i and j."""
        lims = self.limits
        if not lims:
            return []
        return list(lims) if isinstance(lims[0], sp.Tuple) else [lims]

    @property
    def free_symbols(self) -> set[sp.Basic]:
        symbols = set().union(*(d.free_symbols for d in self.distributions))
        for var, lo, hi in self.ranges:
            symbols = {s for s in symbols if not s.has(var)} | lo.free_symbols | hi.free_symbols
        return symbols | self.base.free_symbols

    def summand(self) -> sp.Expr:
        """The term under the sum or integral, for one outcome."""
        raise NotImplementedError

    def unfold(self) -> sp.Expr:
        """The definition: an explicit sum, a `Sum` or an `Integral`."""
        if self.ranges:
            term = self.summand(*self.distributions)
            for var, lo, hi in reversed(self.ranges):
                term = (sp.Sum if var.is_integer else sp.Integral)(term, (var, lo, hi))
            terms = [term]
        else:
            terms = [self.summand(*outcome) for outcome in zip(*self.distributions, strict=True)]
        sign, terms = self.sign, sp.Add(*terms)
        return sign * terms if self.base == sp.E else sign * terms / sp.log(self.base)

    def doit(self, deep: bool = True, **hints) -> sp.Expr:
        measure = self.func(*(a.doit(**hints) for a in self.args)) if deep else self
        return measure.unfold()

    def _eval_derivative(self, s: sp.Basic) -> sp.Expr:
        return self.unfold().diff(s)

    def _eval_rewrite_as_Sum(self, *args, **kwargs) -> sp.Expr:
        return self.unfold()

    _eval_rewrite_as_Integral = _eval_rewrite_as_Sum

    def _latex(self, printer, exp: str | None = None) -> str:
        from symkl.printing import latex_measure

        # SymPy's printer passes `exp` for a power of a function: H(p)^2
        printed = latex_measure(self, printer)
        return printed if exp is None else rf"{printed}^{{{exp}}}"

    def _sympystr(self, printer) -> str:
        from symkl.printing import str_measure

        return str_measure(self, printer)


class Entropy(InformationMeasure):
    """H(p) = -sum p log p."""

    n_distributions = 1
    sign = -1

    @staticmethod
    def summand(p: sp.Expr) -> sp.Expr:
        return p * sp.log(p)


class CrossEntropy(InformationMeasure):
    """H(p, q) = -sum p log q."""

    n_distributions = 2
    sign = -1

    @staticmethod
    def summand(p: sp.Expr, q: sp.Expr) -> sp.Expr:
        return p * sp.log(q)


class KLDivergence(InformationMeasure):
    """D_KL(p || q) = sum p log(p / q)."""

    n_distributions = 2
    sign = 1

    @staticmethod
    def summand(p: sp.Expr, q: sp.Expr) -> sp.Expr:
        return p * sp.log(p / q)


class JSDivergence(InformationMeasure):
    """D_JS(p || q) = 1/2 D_KL(p || m) + 1/2 D_KL(q || m) with the mixture m = (p + q)/2,
    unfolded as one sum (or integral) of both divergences' terms, p/m written 2p/(p + q)."""

    n_distributions = 2
    sign = 1

    @staticmethod
    def summand(p: sp.Expr, q: sp.Expr) -> sp.Expr:
        # SymPy would write p/m as p/(p/2 + q/2), hiding the factor 2 from log rules.
        return p * sp.log(2 * p / (p + q)) / 2 + q * sp.log(2 * q / (p + q)) / 2


#: the random variables of a joint distribution's coordinates, by the position of their range
COORDINATES = sp.symbols("X Y")


class JointMeasure(InformationMeasure):
    """A measure of a joint distribution (the first argument) that also takes marginals:
    each marginal's coordinate is the range whose variable it is indexed by (or a
    function of)."""

    def coordinate(self, marginal: sp.Expr) -> int:
        """The position, among the ranges, of the coordinate `marginal` is a law of."""
        (k,) = [k for k, (var, _, _) in enumerate(self.ranges) if marginal.has(var)]
        return k

    def marginal_entropy(self, marginal: sp.Expr) -> "Entropy":
        """H of the coordinate `marginal` is the law of: H(X) for p_x[i]."""
        return Entropy(marginal, limits=self.ranges[self.coordinate(marginal)], base=self.base)

    @property
    def joint_entropy(self) -> "Entropy":
        """H(X, Y)."""
        return Entropy(self.distributions[0], limits=self.limits, base=self.base)


class ConditionalEntropy(JointMeasure):
    """H(Y | X) = -sum_ij p(x_i, y_j) log p(y_j | x_i), the conditional p(y_j | x_i) being
    p(x_i, y_j) / p_x(x_i): the average over x_i of the entropies of the conditionals.
    Arguments: the joint p and the marginal of the coordinate conditioned on (p_x for
    H(Y | X), p_y for H(X | Y))."""

    n_distributions = 2
    sign = -1

    @staticmethod
    def summand(p: sp.Expr, given: sp.Expr) -> sp.Expr:
        return p * sp.log(p / given)

    @property
    def variables(self) -> tuple[sp.Symbol, sp.Symbol]:
        """The random variables it is written with: (Y, X) for H(Y | X)."""
        given = self.coordinate(self.distributions[1])
        return COORDINATES[1 - given], COORDINATES[given]

    def _eval_rewrite_as_Entropy(self, *args, **kwargs) -> sp.Expr:
        # H(Y | X) = H(X, Y) - H(X)
        return self.joint_entropy - self.marginal_entropy(self.distributions[1])


class MutualInformation(JointMeasure):
    """I(X; Y) = H(X) + H(Y) - H(X, Y). Arguments: the joint p and the marginals p_x, p_y."""

    n_distributions = 3
    sign = 1
    variables = COORDINATES  # written I(X; Y)

    def _eval_rewrite_as_Entropy(self, *args, **kwargs) -> sp.Expr:
        _, p_x, p_y = self.distributions
        return self.marginal_entropy(p_x) + self.marginal_entropy(p_y) - self.joint_entropy

    def unfold(self) -> sp.Expr:
        """The definition H(X) + H(Y) - H(X, Y), each entropy a sum (or integral)."""
        return unfold(self.rewrite(Entropy))


class LogGap(sp.Function):
    """g(t) = t - 1 - log t, the gap in log t <= t - 1: nonnegative for t > 0, and zero
    only at t = 1 (symkl.lemmas.log_le_sub_one)."""

    nargs = 1

    def _eval_is_nonnegative(self) -> bool | None:
        return True if self.args[0].is_positive else None

    def unfold(self) -> sp.Expr:
        t = self.args[0]
        return t - 1 - sp.log(t)

    def _latex(self, printer, exp: str | None = None) -> str:
        printed = rf"g\left({printer._print(self.args[0])}\right)"
        return printed if exp is None else rf"{printed}^{{{exp}}}"

    def _sympystr(self, printer) -> str:
        return f"g({printer._print(self.args[0])})"


def unfold(expr: sp.Basic) -> sp.Basic:
    """Replace every measure (and the log gap) in `expr` by its definition."""
    return expr.replace(lambda e: isinstance(e, (InformationMeasure, LogGap)), lambda e: e.unfold())
