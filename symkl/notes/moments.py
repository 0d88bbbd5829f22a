"""Expectations of random variables whose law the notes do not give: `\\mathbb{E}[X^2] -
\\mathbb{E}[X]^2 = \\operatorname{Var}(X)`, `\\operatorname{Cov}(X, Y)`, Jensen's inequality.

## Main definitions
- `expand(exprs)`: a step whose expectations, variances and covariances are of one or two
  random variables with no law, written out over one generic joint law of them; or the
  step unchanged.

Why a generic law: linearity, the variance's two forms and Jensen's inequality hold for
every law; a step that holds for random laws of random values holds for the notes' law
too. The joint law of (X, Y) has values V_X[k], V_Y[l] drawn on the real line and masses
P_X[k] P_{Y|X}[k, l] drawn on their simplices, with sizes of their own (as the joint laws
of `randomvars.py`). A step that fails for one such law may hold for the law the notes mean
(in words, or a Gaussian said elsewhere), so it is never refuted on (`latent.generic_laws`
names these laws too).
"""

import sympy as sp
from sympy.core.function import AppliedUndef

from symkl.notes.latent import MASS
from symkl.notes.randomvars import is_random_variable

__all__ = ["expand", "VALUES"]

#: labels of the random variables' values (real numbers); the parser never makes them
VALUES = "V_{rv;"
#: the operators read over the law: expectation, variance, covariance
_OPERATORS = {"E": 1, "Var": 1, "Cov": 2}


def _variables(exprs: list[sp.Basic]) -> list[sp.Symbol] | None:
    """The random variables of a step about expectations under no stated law, or None."""
    calls = {c for e in exprs for c in e.atoms(AppliedUndef)}
    if not calls or any(_OPERATORS.get(c.func.__name__) != len(c.args) for c in calls):
        return None
    if any(e.has(sp.Derivative, sp.Integral, sp.Sum, sp.Product, sp.Limit) for e in exprs):
        return None
    if any(e.atoms(sp.Indexed) for e in exprs):
        return None  # entries of a law the notes give (`\\sum_i p_i x_i`): not a generic one
    inside = {s for c in calls for a in c.args for s in a.free_symbols}
    variables = sorted((s for s in inside if is_random_variable(s.name)), key=str)
    if not variables or len(variables) > 2:
        return None
    if not all(set(variables) & c.free_symbols for c in calls):
        return None  # E[3] or E[a]: an expectation of what?
    hidden = [e.xreplace({c: sp.Dummy() for c in calls}) for e in exprs]
    if any(set(variables) & h.free_symbols for h in hidden):
        return None  # X outside an expectation: a value, or the variable?
    return variables


def expand(exprs: list[sp.Basic]) -> list[sp.Basic]:
    """The step written out over one generic joint law of its random variables (see the
    module docstring), or `exprs` unchanged."""
    if not all(isinstance(e, sp.Basic) for e in exprs):
        return exprs
    variables = _variables(exprs)
    if variables is None:
        return exprs
    names = [v.name for v in variables]
    sizes = [sp.Symbol(f"m_{n}", integer=True, positive=True) for n in names]
    values = [sp.IndexedBase(f"{VALUES}{n}}}", real=True) for n in names]
    first = sp.IndexedBase(f"{MASS}{names[0]};{names[0]}}}", positive=True)
    cond = sp.IndexedBase(f"{MASS}{names[0]};{names[-1]}|{names[0]}}}", positive=True)

    def expectation(body: sp.Expr) -> sp.Expr:
        k, j = sp.Dummy("k", integer=True, positive=True), sp.Dummy("l", integer=True)
        x, y = variables[0], variables[-1]
        if len(variables) == 1 or y not in body.free_symbols:
            return sp.Sum(first[k] * body.xreplace({x: values[0][k]}), (k, 1, sizes[0]))
        if x not in body.free_symbols:  # Y's marginal law
            weight = sp.Sum(first[k] * cond[k, j], (k, 1, sizes[0]))
            return sp.Sum(weight * body.xreplace({y: values[1][j]}), (j, 1, sizes[1]))
        at = body.xreplace({x: values[0][k], y: values[1][j]})
        return sp.Sum(sp.Sum(first[k] * cond[k, j] * at, (j, 1, sizes[1])), (k, 1, sizes[0]))

    def written(call: AppliedUndef) -> sp.Expr:
        name, args = call.func.__name__, call.args
        if name == "E":
            return expectation(args[0])
        if name == "Var":
            return expectation(args[0] ** 2) - expectation(args[0]) ** 2
        return expectation(args[0] * args[1]) - expectation(args[0]) * expectation(args[1])

    # inner expectations first: E[(X - E[X])^2] has the number E[X] inside
    return [e.replace(lambda c: isinstance(c, AppliedUndef), written) for e in exprs]
