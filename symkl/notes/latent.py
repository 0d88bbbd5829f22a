"""Densities of an observed and a latent variable: `p(x, z)`, `p(z \\mid x)`, `q(z)`, the ELBO.

## Main definitions
- `expand(exprs)`: a step about the densities of two variables (`\\log p(x) = \\log \\int
  p(x, z)\\,dz`, `D_{KL}(q(z) \\| p(z \\mid x))`), written out over one generic joint law per
  letter, or the step unchanged where it is not such a step.
- `generic_laws(labels)`: the letters a written-out step reads as any density.

Why one joint law per letter: the notes' convention names a law's joint density, marginals
and conditionals by one letter and their arguments (`p(x, z) = p(x \\mid z) p(z)`). Read as
unrelated functions, no step of a variational bound could be checked. Each letter's joint
law over (a, b) is a random piecewise-constant density: cells of random widths W_a[i],
W_b[j] (so densities exceed one where cells are narrow, as densities do), masses
P_a[i] P_{b|a}[i, j] drawn on their simplices, sizes m_a, m_b of their own. Its density in
cell (i, j) is P_a[i] P_{b|a}[i, j] / (W_a[i] W_b[j]); an integral over b is the sum over
its cells of width times value, exact for a function of the densities. A variable the step
does not integrate over is a fixed cell (the first: cells are drawn alike).

What holds for every such law holds for the notes' densities; a step that fails for one may
still hold for the particular densities the notes mean, so the policy never refutes on it
(`generic_laws`).
"""

import sympy as sp
from sympy.core.function import AppliedUndef

from symkl.measures import InformationMeasure

__all__ = ["expand", "generic_laws", "WIDTH", "MASS"]

#: labels of the cells' widths (positive) and of the laws' masses (distributions); the
#: parser never makes a name with braces and a semicolon
WIDTH = "W_{cell;"
MASS = "P_{law;"
#: letters that name the values of random variables, not indices or parameters
_VALUE_LETTERS = frozenset("xyzuvw")
#: letters of densities (p, q, r and their subscripted kin p_theta, q_phi)
_DENSITY_LETTERS = frozenset("pqr")
_COND = "_cond"


def _family(name: str) -> str | None:
    """The law a call names (`p_theta` for `p_theta_cond`), or None for another function."""
    family = name[: -len(_COND)] if name.endswith(_COND) else name
    return family if family.split("_")[0] in _DENSITY_LETTERS else None


def _letters(call: AppliedUndef) -> tuple[sp.Symbol, ...] | None:
    """The value letters a density is called at, or None (`p(x_i)`, `p(y; \\theta)`)."""
    args = call.args
    if not all(isinstance(a, sp.Symbol) and a.name in _VALUE_LETTERS for a in args):
        return None
    if len(set(args)) != len(args) or not 1 <= len(args) <= 2:
        return None
    if call.func.__name__.endswith(_COND) and len(args) != 2:
        return None
    return args


def _applies(exprs: list[sp.Basic]) -> tuple[sp.Symbol, ...] | None:
    """The two letters of a step about the densities of two variables, or None."""
    calls = {c for e in exprs for c in e.atoms(AppliedUndef)}
    if not calls or any(_family(c.func.__name__) is None for c in calls):
        return None
    shapes = [_letters(c) for c in calls]
    if any(s is None for s in shapes):
        return None
    letters = sorted({a for s in shapes for a in s}, key=str)
    if len(letters) != 2 or not any(len(s) == 2 for s in shapes):
        return None  # one variable: the densities of one letter are read as they are
    for e in exprs:
        if e.has(sp.Derivative, sp.Sum, sp.Product, sp.Limit, InformationMeasure):
            return None
        for integral in e.atoms(sp.Integral):
            if any(len(lim) != 3 or lim[0] not in letters for lim in integral.limits):
                return None
            if any((lo, hi) != (-sp.oo, sp.oo) for _, lo, hi in integral.limits):
                return None
        # the letters only inside the densities: `\\int z p(z) dz` needs z's values
        hidden = e.xreplace({c: sp.Dummy() for c in calls})
        if hidden.free_symbols & set(letters) or any(
            i.function.xreplace({c: sp.Dummy() for c in calls}).has(*letters)
            for i in hidden.atoms(sp.Integral)
        ):
            return None
    return tuple(letters)


class _Law:
    """One letter's joint law over the cells of (a, b)."""

    def __init__(self, family: str, letters: tuple[sp.Symbol, sp.Symbol], sizes: dict):
        a, b = letters
        self.a, self.b, self.sizes = a, b, sizes
        self.first = sp.IndexedBase(f"{MASS}{family};{a}}}", positive=True)
        self.cond = sp.IndexedBase(f"{MASS}{family};{b}|{a}}}", positive=True)
        self.width = {v: sp.IndexedBase(f"{WIDTH}{v}}}", positive=True) for v in letters}

    def joint(self, i, j) -> sp.Expr:
        return self.first[i] * self.cond[i, j] / (self.width[self.a][i] * self.width[self.b][j])

    def marginal(self, letter, at) -> sp.Expr:
        if letter == self.a:
            return self.first[at] / self.width[self.a][at]
        k = sp.Dummy("k", integer=True, positive=True)
        mass = sp.Sum(self.first[k] * self.cond[k, at], (k, 1, self.sizes[self.a]))
        return mass / self.width[self.b][at]

    def value(self, call: AppliedUndef, cells: dict) -> sp.Expr:
        """The density a call names, in the cells its letters are at."""
        args = call.args
        at = {v: cells[v] for v in args}
        if len(args) == 1:
            return self.marginal(args[0], at[args[0]])
        i, j = at[self.a], at[self.b]
        joint = self.joint(i, j)
        if not call.func.__name__.endswith(_COND):
            return joint
        given = args[1]
        return joint / self.marginal(given, at[given])


def expand(exprs: list[sp.Basic]) -> list[sp.Basic]:
    """The step written out over one generic joint law per density letter (see the module
    docstring), or `exprs` unchanged where it is not about the densities of two variables."""
    exprs = [e for e in exprs]
    if not all(isinstance(e, sp.Basic) for e in exprs) or (letters := _applies(exprs)) is None:
        return exprs
    sizes = {v: sp.Symbol(f"m_{v}", integer=True, positive=True) for v in letters}
    index = {v: sp.Symbol(f"i_{v}", integer=True, positive=True) for v in letters}
    laws: dict[str, _Law] = {}
    for e in exprs:
        for c in e.atoms(AppliedUndef):
            family = _family(c.func.__name__)
            laws.setdefault(family, _Law(family, letters, sizes))
    width = next(iter(laws.values())).width

    def written(e: sp.Basic, cells: dict) -> sp.Basic:
        if isinstance(e, AppliedUndef):
            return laws[_family(e.func.__name__)].value(e, cells)
        if isinstance(e, sp.Integral):
            body, inner = e.function, dict(cells)
            for v, _, _ in e.limits:
                # an integral inside another over the same letter binds a cell of its own
                bound = cells[v] == index[v]
                inner[v] = sp.Dummy(f"i_{v}", integer=True, positive=True) if bound else index[v]
            total = written(body, inner)
            for v, _, _ in reversed(e.limits):
                total = sp.Sum(width[v][inner[v]] * total, (inner[v], 1, sizes[v]))
            return total
        if not e.args:
            return e
        return e.func(*(written(a, cells) for a in e.args))

    fixed = dict.fromkeys(letters, sp.Integer(1))
    return [written(e, fixed) for e in exprs]


def generic_laws(labels: list[str]) -> tuple[str, ...]:
    """The density letters whose laws a written-out step's labels show (p, q_phi)."""
    return tuple(
        sorted({label[len(MASS) :].split(";")[0] for label in labels if label.startswith(MASS)})
    )
