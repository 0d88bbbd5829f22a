"""Where a derivation's result came from: derived by rules, or typed in by its author.

"Derive, then check" means the result of a chain comes out of rules applied to the
definitions. An author types a starting expression, rule parameters (the values of
`substitute`, a change of variable) and claims (`Chain.claim`); none of these may
contain the result, or a piece of it, before a rule has produced that piece.

## Main definitions
- `TypedTarget`:  a piece of the result, and where the author typed it.
- `pieces`:       the compound subexpressions of an expression (and their negatives).
- `targets`:      what a chain derives: its result, or the expression whose sign it states.
- `typed_targets`: every piece of a derivation's result that was typed before a rule
                   produced it; empty for a chain that derives its result.
"""

import contextlib
from dataclasses import dataclass

import sympy as sp

from symkl.derivation import Derivation
from symkl.errors import SYMPY_FAILURES
from symkl.measures import InformationMeasure

__all__ = ["TypedTarget", "pieces", "targets", "typed_targets"]


@dataclass(frozen=True)
class TypedTarget:
    piece: sp.Basic
    where: str  # "the start" or "step K (rule)"

    def __str__(self) -> str:
        return f"{self.piece} is typed in {self.where} before a rule produced it"


def _trivial(e: sp.Basic) -> bool:
    # Symbols, numbers, p[i], a bare -x: every chain writes these; they are not a result.
    if e.is_Atom or isinstance(e, (sp.Indexed, sp.IndexedBase, sp.Idx, sp.Tuple)):
        return True
    if e.is_Rational:
        return True
    coeff, rest = e.as_coeff_Mul() if isinstance(e, sp.Expr) else (1, e)
    return coeff == -1 and rest.is_Atom


def _subexpressions(e: sp.Basic) -> set[sp.Basic]:
    return set(sp.preorder_traversal(e))


def pieces(expr: sp.Expr) -> set[sp.Basic]:
    """The compound subexpressions of `expr` and of its factored form, with their
    negatives (a typed alpha - beta is the same piece as a derived beta - alpha)."""
    forms = {expr}
    with contextlib.suppress(*SYMPY_FAILURES):
        # An expanded result hides a typed factor ((beta - alpha) * ... expanded):
        # the factored form shows it again.
        forms.add(sp.factor(expr))
    found = {e for form in forms for e in _subexpressions(form) if not _trivial(e)}
    return found | {-e for e in found if isinstance(e, sp.Expr)}


def _mask_measures(expr: sp.Expr) -> sp.Expr:
    # The measures are definitions, not typed results: H(p, q) stands for its sum.
    return expr.replace(lambda e: isinstance(e, InformationMeasure), lambda e: sp.Dummy())


def targets(derivation: Derivation) -> list[sp.Expr]:
    """What the chain derives: its result and, when it ends by comparing with zero (a
    sign), the expression whose sign it states."""
    found = [derivation.result]
    if derivation.steps and derivation.steps[-1].rule == "compare with zero":
        found.append(derivation.steps[-2].expr if len(derivation.steps) > 1 else derivation.start)
    return found


def _frame(start: sp.Expr, target: sp.Expr) -> set[sp.Basic]:
    # A factor of the whole start that is still a factor of the whole target was carried
    # through by the chain: part of the statement (the 1/n of an average), not an answer.
    common = set(sp.Mul.make_args(start)) & set(sp.Mul.make_args(target))
    return common | {-e for e in common}


def typed_targets(derivation: Derivation) -> list[TypedTarget]:
    """The pieces of the chain's targets (`targets`) that its author typed (in the
    start, a rule's parameters or a claim) before any rule step had produced them; for a
    composed derivation (an argmin, an iff), also those of its parts."""
    parts = [t for part in derivation.parts for t in typed_targets(part)]
    start = _mask_measures(derivation.start)
    wanted = set().union(*(pieces(t) - _frame(start, t) for t in targets(derivation)))
    found: list[TypedTarget] = []
    produced: set[sp.Basic] = set()
    found += [TypedTarget(piece, "the start") for piece in wanted & _subexpressions(start)]
    for k, step in enumerate(derivation.steps, 1):
        typed = set().union(*(_subexpressions(t) for t in step.typed)) if step.typed else set()
        for piece in (wanted & typed) - produced:
            found.append(TypedTarget(piece, f"step {k} ({step.rule})"))
        if not step.claimed:
            # a rule's output counts as derived, except what its typed parameters put there
            produced |= _subexpressions(step.expr) - typed
    return parts + found
