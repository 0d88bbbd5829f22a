"""Densities of an observed and a latent variable: `p(x, z)`, `p(z \\mid x)`, `q(z)`, the ELBO.

## Main definitions
- `expand(exprs)`: a step about the densities of two variables (`\\log p(x) = \\log \\int
  p(x, z)\\,dz`, `D_{KL}(q(z) \\| p(z \\mid x))`, `\\log \\sum_z p(x, z; \\theta)`), written out
  over one generic joint law per letter, or the step unchanged where it is not such a step.
- `generic_laws(labels)`: the laws a written-out step reads as any density.

Why one joint law per letter: the notes' convention names a law's joint density, marginals
and conditionals by one letter and their arguments (`p(x, z) = p(x \\mid z) p(z)`). Read as
unrelated functions, no step of a variational bound could be checked. Each letter's joint
law over (a, b) is a random piecewise-constant density: cells of random widths W_a[i],
W_b[j] (so densities exceed one where cells are narrow, as densities do), masses
P_a[i] P_{b|a}[i, j] drawn on their simplices, sizes m_a, m_b of their own. Its density in
cell (i, j) is P_a[i] P_{b|a}[i, j] / (W_a[i] W_b[j]); an integral over b is the sum over
its cells of width times value, exact for a function of the densities. A sum over b (a
discrete latent) is the same with cells of width one. A variable the step neither
integrates nor sums over is a fixed cell (the first: cells are drawn alike). Parameters
after the variables (`p(x, z; \\theta)`, `p(z \\mid x; \\theta_{old})`) name a law of their own:
one joint law per letter and parameters.

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


class _NotLatent(Exception):
    """The step is not about the densities of two variables."""


def _family(name: str) -> str | None:
    """The law a call names (`p_theta` for `p_theta_cond`), or None for another function."""
    family = name[: -len(_COND)] if name.endswith(_COND) else name
    return family if family.split("_")[0] in _DENSITY_LETTERS else None


def _value_letter(x: sp.Basic) -> bool:
    return isinstance(x, sp.Symbol) and x.name in _VALUE_LETTERS


class _Call:
    """A density as written: its law (letter and parameters), its variables' letters and
    whether it is a conditional (the first letter given the others)."""

    def __init__(self, e: sp.Basic):
        if isinstance(e, sp.Indexed):  # q(z) read as q's entry at a summed z: q's law of z
            self.family, args = str(e.base.label), e.indices
        else:
            self.family, args = _family(e.func.__name__), e.args
        if self.family is None or not args:
            raise _NotLatent
        k = 0
        while k < len(args) and _value_letter(args[k]):
            k += 1
        self.letters = tuple(a.name for a in args[:k])
        self.params = args[k:]
        if not self.letters or len(set(self.letters)) != len(self.letters) or len(self.letters) > 2:
            raise _NotLatent
        if not all(isinstance(p, (sp.Symbol, sp.Indexed)) for p in self.params):
            raise _NotLatent  # p(x; 2\\theta): a law at a formula
        self.conditional = isinstance(e, AppliedUndef) and e.func.__name__.endswith(_COND)
        if self.conditional and len(self.letters) != 2:
            self.conditional = False  # p(x \\mid \\theta): x's law at the parameter theta

    @property
    def law(self) -> tuple:
        return (self.family, self.params)


def _densities(e: sp.Basic, summed: set[str]) -> list[sp.Basic]:
    """The calls of densities in `e`, and entries q[z] of a letter at a summed letter."""
    found = list(e.atoms(AppliedUndef))
    for i in e.atoms(sp.Indexed):
        if (
            len(i.indices) == 1
            and _value_letter(i.indices[0])
            and i.indices[0].name in summed
            and str(i.base.label).split("_")[0] in _DENSITY_LETTERS
        ):
            found.append(i)
    return found


def _aggregates(exprs: list[sp.Basic]) -> tuple[dict[str, str], set]:
    """Letter -> "integral" or "sum" for the letters the step integrates or sums over, and
    the sums' upper bounds (which must be sizes nothing else in the step uses)."""
    kinds: dict[str, str] = {}
    bounds = set()
    for e in exprs:
        for agg in e.atoms(sp.Integral, sp.Sum):
            kind = "integral" if isinstance(agg, sp.Integral) else "sum"
            for lim in agg.limits:
                if len(lim) != 3 or not _value_letter(lim[0]):
                    raise _NotLatent
                v, lo, hi = lim
                if kind == "integral" and (lo, hi) != (-sp.oo, sp.oo):
                    raise _NotLatent
                if kind == "sum" and (lo != 1 or not isinstance(hi, sp.Symbol)):
                    raise _NotLatent
                if kinds.setdefault(v.name, kind) != kind:
                    raise _NotLatent
                bounds |= {hi} if kind == "sum" else set()
    return kinds, bounds


def _read(exprs: list[sp.Basic]) -> tuple[tuple[str, str], dict[str, str]]:
    """The two letters of a step about the densities of two variables, and how each is
    aggregated; raises _NotLatent for any other step."""
    if any(e.has(sp.Derivative, sp.Product, sp.Limit, InformationMeasure) for e in exprs):
        raise _NotLatent
    kinds, bounds = _aggregates(exprs)
    summed = {v for v, k in kinds.items() if k == "sum"}
    calls = [_Call(c) for e in exprs for c in _densities(e, summed)]
    letters = sorted({v for c in calls for v in c.letters})
    if len(letters) != 2 or not any(len(c.letters) == 2 for c in calls):
        raise _NotLatent  # one variable: its densities are read as they are
    if set(kinds) - set(letters):
        raise _NotLatent
    params = {p for c in calls for p in c.params}
    for e in exprs:
        # the letters, parameters and sizes only inside the densities (`\\int z p(z) dz`
        # needs z's values; `\\theta p(x; \\theta)` relates theta to the law)
        outside = _outside(e, set(_densities(e, summed)))
        if {s.name for s in outside} & set(letters) or outside & (params | bounds):
            raise _NotLatent
    return (letters[0], letters[1]), kinds


def _outside(e: sp.Basic, densities: set) -> set:
    """The symbols of `e` outside its densities and its aggregates' limits."""
    if e in densities:
        return set()
    if isinstance(e, sp.Symbol):
        return {e}
    if isinstance(e, (sp.Integral, sp.Sum)):
        return _outside(e.function, densities)
    return set().union(*(_outside(a, densities) for a in e.args))


class _Law:
    """One law's joint over the cells of (a, b)."""

    def __init__(self, name: str, letters: tuple[str, str], sizes: dict, width: dict):
        a, b = letters
        self.a, self.b, self.sizes, self.width = a, b, sizes, width
        self.first = sp.IndexedBase(f"{MASS}{name};{a}}}", positive=True)
        self.cond = sp.IndexedBase(f"{MASS}{name};{b}|{a}}}", positive=True)

    def joint(self, i, j) -> sp.Expr:
        return self.first[i] * self.cond[i, j] / (self.width[self.a](i) * self.width[self.b](j))

    def marginal(self, letter: str, at) -> sp.Expr:
        if letter == self.a:
            return self.first[at] / self.width[self.a](at)
        k = sp.Dummy("k", integer=True, positive=True)
        mass = sp.Sum(self.first[k] * self.cond[k, at], (k, 1, self.sizes[self.a]))
        return mass / self.width[self.b](at)

    def value(self, call: _Call, cells: dict) -> sp.Expr:
        """The density a call names, in the cells its letters are at."""
        if len(call.letters) == 1:
            (v,) = call.letters
            return self.marginal(v, cells[v])
        joint = self.joint(cells[self.a], cells[self.b])
        if not call.conditional:
            return joint
        given = call.letters[1]
        return joint / self.marginal(given, cells[given])


def _law_name(law: tuple) -> str:
    family, params = law
    return family if not params else f"{family}({', '.join(map(str, params))})"


def expand(exprs: list[sp.Basic]) -> list[sp.Basic]:
    """The step written out over one generic joint law per density letter (see the module
    docstring), or `exprs` unchanged where it is not about the densities of two variables."""
    if not all(isinstance(e, sp.Basic) for e in exprs):
        return exprs
    try:
        letters, kinds = _read(exprs)
    except _NotLatent:
        return exprs
    sizes = {v: sp.Symbol(f"m_{v}", integer=True, positive=True) for v in letters}
    index = {v: sp.Symbol(f"i_{v}", integer=True, positive=True) for v in letters}
    cells = {v: sp.IndexedBase(f"{WIDTH}{v}}}", positive=True) for v in letters}
    width = {
        v: (lambda i: sp.S.One) if kinds.get(v) == "sum" else (lambda i, w=cells[v]: w[i])
        for v in letters
    }
    summed = {v for v, k in kinds.items() if k == "sum"}
    densities = {d for e in exprs for d in _densities(e, summed)}
    laws: dict[tuple, _Law] = {}

    def written(e: sp.Basic, at: dict) -> sp.Basic:
        if isinstance(e, (AppliedUndef, sp.Indexed)) and e in densities:
            call = _Call(e)
            law = laws.setdefault(call.law, _Law(_law_name(call.law), letters, sizes, width))
            return law.value(call, at)
        if isinstance(e, (sp.Integral, sp.Sum)):
            inner = dict(at)
            for v, _, _ in e.limits:
                # an aggregate inside another over the same letter binds a cell of its own
                bound = at[v.name] == index[v.name]
                inner[v.name] = (
                    sp.Dummy(f"i_{v}", integer=True, positive=True) if bound else index[v.name]
                )
            total = written(e.function, inner)
            for v, _, _ in reversed(e.limits):
                cell = inner[v.name]
                total = sp.Sum(width[v.name](cell) * total, (cell, 1, sizes[v.name]))
            return total
        if not e.args:
            return e
        return e.func(*(written(a, at) for a in e.args))

    fixed = dict.fromkeys(letters, sp.Integer(1))
    return [written(e, fixed) for e in exprs]


def generic_laws(labels: list[str]) -> tuple[str, ...]:
    """The laws (letters, with their parameters) a written-out step's labels show."""
    return tuple(
        sorted({label[len(MASS) :].split(";")[0] for label in labels if label.startswith(MASS)})
    )
