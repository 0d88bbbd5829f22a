"""Checking one relation: gather the evidence, then let the policy decide.

## Main definitions
- `check(before, after, space, relation)`: the checker every derivation step and every
  step of a notes file goes through.

Stages, each within the caller's CPU-time budget: sampling in ball arithmetic at a few
points (`evidence.sample`), which refutes a false step at once; a symbolic certificate
(`symbolic.certify`, its own budget), which those points corroborate; without one, sampling
at more points. `verdict.decide` turns the evidence into the verdict.
"""

from collections.abc import Callable

import sympy as sp

from symkl.checking.budget import BudgetExhausted, budget
from symkl.checking.evidence import sample, search
from symkl.checking.symbolic import RELATIONS, certify
from symkl.checking.verdict import Check, StepEvidence, decide
from symkl.errors import SYMPY_FAILURES
from symkl.spaces import Space

__all__ = ["check", "SAMPLES", "CROSS_CHECK_SAMPLES", "SYMBOLIC_SECONDS"]

SAMPLES = 24
CROSS_CHECK_SAMPLES = 4
#: CPU seconds for the symbolic stage
SYMBOLIC_SECONDS = 5.0


def check(
    before: sp.Expr,
    after: sp.Expr,
    space: Space,
    relation: str = "=",
    *,
    seconds: float = SYMBOLIC_SECONDS,
    seed: int = 0,
    stand_ins: tuple[str, ...] = (),
    generic: tuple[str, ...] = (),
    prefer: Callable[[dict], bool] | None = None,
    keep_points: bool = False,
) -> Check:
    """Check `before RELATION after` under the assumptions and constraints of `space`.

    Args:
        seconds: CPU time for the symbolic stage (sampling runs in the caller's budget).
        stand_ins: names of functions the space samples as stand-ins for unknown ones.
        generic: names of densities the space samples as any densities (never refuted on).
        prefer: points where a counterexample is preferred (inside ranges the prose states);
            a failure elsewhere is reported only when sampling finds none there.
        keep_points: keep each side as prepared at each sampled point for later checks
            (a derivation's chain, whose consecutive steps share a side).

    Raises:
        CheckerConflict: a symbolic proof that a certified point contradicts (a symkl bug).
        BudgetExhausted: an enclosing budget ran out.
    """
    if relation not in RELATIONS:
        raise ValueError(f"unknown relation {relation!r}; use one of {', '.join(RELATIONS)}")
    before, after = sp.sympify(before), sp.sympify(after)
    # A few points first: a false step is refuted without waiting for the symbolic stage,
    # and a true one has its cross-check before any proof is attempted.
    keep = keep_points
    numeric = sample(
        before, after, relation, space, CROSS_CHECK_SAMPLES, seed, prefer=prefer, keep=keep
    )
    if numeric.failure is not None and numeric.failure.rigorous:
        if not numeric.settled:  # failed only where the prose says it need not hold
            numeric = sample(before, after, relation, space, SAMPLES, seed, numeric, prefer, keep)
        return decide(StepEvidence(relation, None, numeric, False, stand_ins, generic))
    certificate, exhausted = None, False
    try:
        with budget(seconds):
            certificate = certify(before, after, space, relation)
    except BudgetExhausted:
        exhausted = True
    except SYMPY_FAILURES:
        certificate = None  # SymPy could not handle it: sampling decides
    uncorroborated = certificate is not None and numeric.holds == 0
    if certificate is None or numeric.failure is not None or uncorroborated:
        # (a proof with a quadrature's estimate against it: more points weigh the two; a
        # proof no point resolved yet, at extreme values: more points may)
        numeric = sample(before, after, relation, space, SAMPLES, seed, numeric, prefer, keep)
        if numeric.failure is None and not numeric.exhausted and not uncorroborated:
            try:  # held everywhere sampled: look where it nearly fails, or changes branch
                found = search(before, after, relation, space, numeric)
            except BudgetExhausted:
                found = None
            if found is not None:
                numeric.results.append(found)
    evidence = StepEvidence(relation, certificate, numeric, exhausted, stand_ins, generic)
    return decide(evidence)
