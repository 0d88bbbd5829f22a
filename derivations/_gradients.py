"""What the gradient derivations share: a partial derivative of a measure, derived from its
definition by a list of rules, with respect to one entry of p or q.

The derivatives treat the p_i and q_i as independent, as automatic differentiation does: no
constraint sum_i p_i = 1 is imposed on them.
"""

import sympy as sp

from symkl import Chain, Derivation, IndexedSpace
from symkl.spaces import Space


def entry(space: IndexedSpace, name: str) -> sp.Indexed:
    """The entry p_e (name "p") or q_e (name "q") at the space's free index e, 1 <= e <= n."""
    return {"p": space.p, "q": space.q}[name].base[space.free_index]


def gradient(
    name: str, title: str, space: Space, measure: sp.Expr, variable: sp.Expr, *rules: str
) -> Derivation:
    """d(measure)/d(variable): the definition unfolded, then `rules` in turn."""
    chain = Chain(name, title, space, sp.Derivative(measure, variable))
    return chain.apply_all("unfold definitions", *rules).derivation()
