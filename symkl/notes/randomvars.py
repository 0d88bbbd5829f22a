"""Entropies of random variables: `H(X)`, `H(X, Y)`, `H(Y \\mid X)`, `I(X; Y)`.

## Main definitions
- `Measure`: what the parser reads such a term as, before the step is known whole:
  `Measure(kind, targets, given, base)`.
- `expand(exprs)`: the step's measures written out over one joint distribution of its
  random variables (at most two), so that every term of the step speaks of the same pair.

Why a joint distribution: `H(X, Y) = H(X) + H(Y | X)` relates terms of one pair of
variables; read as unrelated distributions, no step about them could be checked. The
joint of (A, B) is written as P_A[i] P_{B|A}[i, j]: a distribution over A's values and a
distribution over B's values for each value of A (every joint is one), each sampled on its
simplex, with sizes m_A and m_B of their own.
"""

import sympy as sp
from sympy.core.function import AppliedUndef

__all__ = ["Measure", "expand", "RandomVariablesError", "is_random_variable"]

#: capital letters that name random variables (P, Q are distributions; the rest are
#: measures, normal densities, expectations or common constants)
_NOT_VARIABLES = frozenset("PQHIDKLNEFGCMR")


class RandomVariablesError(Exception):
    """A step whose random variables symkl does not write out (the reason)."""


def is_random_variable(name: str) -> bool:
    """Is a bare name a random variable's (X, Y, Z, U, V, W, S, T, A, B)?"""
    return len(name) == 1 and name.isupper() and name not in _NOT_VARIABLES


class Measure(sp.Function):
    """`kind` H or I; `targets` and `given` tuples of names (H(Y | X): (Y,), (X,));
    `base` of the logs. Written out by `expand`."""

    @classmethod
    def eval(cls, *args):
        return None

    def _sympystr(self, printer) -> str:
        kind, targets, given, _ = self.args
        inner = ", ".join(str(t) for t in targets)
        if str(kind) == "I":
            inner = "; ".join(str(t) for t in targets)
        if given:
            inner += " | " + ", ".join(str(g) for g in given)
        return f"{kind}({inner})"


def _entropy(terms, base) -> sp.Expr:
    """-sum of p log p over the (value, limits) terms, in the base's unit."""
    total = sum((-sp.Sum(p * sp.log(p), *limits) for p, limits in terms), sp.S.Zero)
    return total if base == sp.E else total / sp.log(base)


class _Joint:
    """The joint distribution of one or two random variables, as sums."""

    def __init__(self, names: list[str]):
        self.names = names
        self.i = sp.Symbol("i_rv", integer=True)
        self.j = sp.Symbol("j_rv", integer=True)
        self.sizes = [sp.Symbol(f"m_{n}", integer=True, positive=True) for n in names]
        self.first = sp.IndexedBase(f"P_{names[0]}", positive=True)
        if len(names) == 2:
            self.cond = sp.IndexedBase(f"P_{{{names[1]}|{names[0]}}}", positive=True)

    def limits(self, *which: int) -> tuple:
        index = (self.i, self.j)
        return tuple((index[k], 1, self.sizes[k]) for k in which)

    def marginal(self, k: int) -> tuple[sp.Expr, tuple]:
        """The distribution of the k-th variable: (its value at the index, limits)."""
        if k == 0:
            return self.first[self.i], self.limits(0)
        inner = sp.Sum(self.first[self.i] * self.cond[self.i, self.j], self.limits(0)[0])
        return inner, self.limits(1)

    def pair(self) -> sp.Expr:
        return self.first[self.i] * self.cond[self.i, self.j]

    def entropy(self, targets: list[str], given: list[str], base) -> sp.Expr:
        positions = sorted(self.names.index(t) for t in targets)
        if not given:
            if len(positions) == 1:
                return _entropy([self.marginal(positions[0])], base)
            return _entropy([(self.pair(), self.limits(0, 1))], base)
        joint = self.entropy(sorted(set(targets) | set(given)), [], base)
        return joint - self.entropy(given, [], base)  # H(A | B) = H(A, B) - H(B)


#: letters that name the values of random variables (x for X), not indices (i, j, k)
_VALUE_LETTERS = frozenset("xyzuvw")


def _two_values(exprs: list) -> str | None:
    """p where a step writes p(x) and p(y) (entries at two bound value letters) and no
    p(x, y): the same law under two names of its value, or two marginals of a joint."""
    exprs = [e for e in exprs if isinstance(e, sp.Basic)]
    if any(len(f.args) == 2 for e in exprs for f in e.atoms(AppliedUndef)):
        return None
    bound = {v for e in exprs for agg in e.atoms(sp.Sum) for v in agg.variables}
    at: dict[str, set] = {}
    for e in exprs:
        for i in e.atoms(sp.Indexed):
            if (
                len(i.indices) == 1
                and i.indices[0] in bound
                and str(i.indices[0]) in _VALUE_LETTERS
            ):
                at.setdefault(str(i.base.label), set()).add(i.indices[0])
    return next((name for name, letters in sorted(at.items()) if len(letters) > 1), None)


def _overloaded(exprs: list) -> tuple[str, tuple] | None:
    """`p(x, y)` beside `p(x)`, `p(y)` or `p(y | x)`, summed over x and y: the one letter
    of information theory's convention, which names the joint law of (X, Y), its
    marginals and its conditionals by their arguments. (p, (x, y)), or None where the
    step does not follow it whole (another distribution, other arguments)."""
    exprs = [e for e in exprs if isinstance(e, sp.Basic)]
    pairs = {
        (f.func.__name__, f.args)
        for e in exprs
        for f in e.atoms(AppliedUndef)
        if len(f.args) == 2 and not f.func.__name__.endswith("_cond")
    }
    bound = {v for e in exprs for agg in e.atoms(sp.Sum) for v in agg.variables}
    if not pairs:
        # -sum_{x,y} p(x) p(y | x) log p(y | x): the joint law by its marginal and conditional
        pairs = {
            (f.func.__name__.removesuffix("_cond"), f.args[::-1])
            for e in exprs
            for f in e.atoms(AppliedUndef)
            if len(f.args) == 2 and f.func.__name__.endswith("_cond")
        }
    if not pairs:
        # H(X) = -sum_x p(x) log p(x): one letter for the law of X, named by its value x
        measured = {n.lower() for e in exprs for m in e.atoms(Measure) for n in _names(m)}
        called = {(str(i.base.label), i.indices) for e in exprs for i in e.atoms(sp.Indexed)}
        if len(called) != 1 or len(measured) != 1:
            return None
        ((name, (x,)),) = called
        if str(x) not in measured or x not in bound:
            return None
        pairs, letters = {(name, (x,))}, (x,)
    if len(pairs) != 1:
        return None
    ((name, letters),) = pairs
    x, y = (*letters, None)[:2] if len(letters) == 1 else letters
    single = all(str(v).islower() and len(str(v)) == 1 for v in letters)
    if not (x != y and set(letters) <= bound and single):
        return None
    calls = {f for e in exprs for f in e.atoms(AppliedUndef) if not isinstance(f, Measure)}
    entries = {i for e in exprs for i in e.atoms(sp.Indexed)}
    fits = all(
        (f.func.__name__ == name and f.args in ((x, y), (y, x)))
        or (f.func.__name__ == f"{name}_cond" and f.args in ((y, x), (x, y)))
        for f in calls
    ) and all(str(i.base.label) == name and i.indices in ((x,), (y,)) for i in entries)
    sums = [agg for e in exprs for agg in e.atoms(sp.Sum)]
    limits = {hi for agg in sums for v, lo, hi in agg.limits if v in letters}
    if not fits or any(lo != 1 for agg in sums for _, lo, _ in agg.limits) or len(limits) != 1:
        return None  # sums over x or y with bounds of their own: sizes symkl cannot tie
    return name, letters


def _joint_values(expr, joint: "_Joint", name: str, letters: tuple):
    """`expr` with p(x, y), p(x), p(y) and p(y | x) as the joint law's values, and the
    sums over x and y running over the sizes of X and Y."""
    if not isinstance(expr, sp.Basic):
        return expr
    if len(letters) == 1:  # one variable: p(x) is its law
        values, marginal_y = {}, None
        x, y = letters[0], None
    else:
        x, y = letters
        cond = joint.cond
        w = sp.Dummy("w", integer=True)
        marginal_y = sp.Sum(joint.first[w] * cond[w, y], (w, 1, joint.sizes[0]))
    first = joint.first
    values = (
        {}
        if y is None
        else {
            (name, (x, y)): first[x] * cond[x, y],
            (name, (y, x)): first[x] * cond[x, y],
            (f"{name}_cond", (y, x)): cond[x, y],
            (f"{name}_cond", (x, y)): first[x] * cond[x, y] / marginal_y,
        }
    )
    expr = expr.replace(
        lambda e: isinstance(e, AppliedUndef) and (e.func.__name__, e.args) in values,
        lambda e: values[e.func.__name__, e.args],
    )
    expr = expr.replace(
        lambda e: isinstance(e, sp.Indexed) and str(e.base.label) == name,
        lambda e: first[x] if e.indices == (x,) else marginal_y,
    )
    size = dict(zip(letters, joint.sizes, strict=True))
    return expr.replace(
        lambda e: isinstance(e, sp.Sum),
        lambda e: sp.Sum(e.function, *[(v, lo, size.get(v, hi)) for v, lo, hi in e.limits]),
    )


def _names(m: Measure) -> list[str]:
    _, targets, given, _ = m.args
    return [str(t) for t in (*targets, *given)]


def expand(exprs: list[sp.Expr], continuous: frozenset = frozenset()) -> list[sp.Expr]:
    """The step's expressions with every `Measure` written out over one joint distribution;
    `continuous` the value letters the notes make continuous (x for X).

    Raises:
        RandomVariablesError: a variable the notes make continuous, more than two random
            variables, a variable repeated in one
            measure, or measures beside other distributions (how X relates to p is not
            written).
    """
    measures = {m for e in exprs if isinstance(e, sp.Basic) for m in e.atoms(Measure)}
    if (letter := _two_values(exprs)) is not None:
        raise RandomVariablesError(
            f"{letter}(x) and {letter}(y) in one step: the law of one variable, or the "
            "marginals of two? symkl does not guess"
        )
    overloaded = _overloaded(exprs)
    if not measures and overloaded is None:
        return exprs
    names = sorted({n for m in measures for n in _names(m)})
    if said := [n for n in names if n.lower() in continuous]:
        raise RandomVariablesError(
            f"{', '.join(said)} continuous in these notes: symkl writes out the entropies of "
            "discrete random variables only (a differential entropy may be negative)"
        )
    if len(names) > 2:
        raise RandomVariablesError(f"more than two random variables ({', '.join(names)})")
    if overloaded is not None:
        letters = [str(v).upper() for v in overloaded[1]]
        if not set(names) <= set(letters):
            raise RandomVariablesError(
                f"the measures of {', '.join(names)} beside p({', '.join(letters).lower()}): "
                "symkl does not know how they relate"
            )
        joint = _Joint(letters)
        exprs = [_joint_values(e, joint, *overloaded) for e in exprs]
    else:
        others = {
            i.base.label for e in exprs if isinstance(e, sp.Basic) for i in e.atoms(sp.Indexed)
        }
        if others or any(e.atoms(AppliedUndef) - measures for e in exprs):
            raise RandomVariablesError(
                "an entropy of a random variable beside other distributions: symkl does not "
                "know how they relate"
            )
        joint = _Joint(names)
    out = {}
    for m in measures:
        kind, targets, given, base = m.args
        t, g = [str(x) for x in targets], [str(x) for x in given]
        if len(set(t) | set(g)) != len(t) + len(g):
            raise RandomVariablesError(f"{m} names a variable twice")
        if str(kind) == "I":  # I(A; B | ...) = H(A | ...) - H(A | B, ...)
            out[m] = joint.entropy(t[:1], g, base) - joint.entropy(t[:1], t[1:] + g, base)
        else:
            out[m] = joint.entropy(t, g, base)
    return [e.xreplace(out) if isinstance(e, sp.Basic) else e for e in exprs]
