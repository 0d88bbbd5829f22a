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


def _names(m: Measure) -> list[str]:
    _, targets, given, _ = m.args
    return [str(t) for t in (*targets, *given)]


def expand(exprs: list[sp.Expr]) -> list[sp.Expr]:
    """The step's expressions with every `Measure` written out over one joint distribution.

    Raises:
        RandomVariablesError: more than two random variables, a variable repeated in one
            measure, or measures beside other distributions (how X relates to p is not
            written).
    """
    measures = {m for e in exprs if isinstance(e, sp.Basic) for m in e.atoms(Measure)}
    if not measures:
        return exprs
    names = sorted({n for m in measures for n in _names(m)})
    if len(names) > 2:
        raise RandomVariablesError(f"more than two random variables ({', '.join(names)})")
    others = {
        i.base.label for e in exprs if isinstance(e, sp.Basic) for i in e.atoms(sp.Indexed)
    }
    if others or any(e.atoms(sp.core.function.AppliedUndef) - measures for e in exprs):
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
