"""Checking one step: is `after` related to `before` as claimed, in a space?

The package root only re-exports. Modules: `budget` (CPU-time limits), `balls` (ball
arithmetic), `evidence` (sampling with certified error bounds), `symbolic` (normal forms and
certificates), `verdict` (the one policy that turns evidence into a verdict), `pipeline`
(`check`, which runs the stages).
"""

from symkl.checking.budget import BudgetExhausted, Worker, budget, isolated, remaining
from symkl.checking.evidence import PRECISIONS
from symkl.checking.pipeline import CROSS_CHECK_SAMPLES, SAMPLES, SYMBOLIC_SECONDS, check
from symkl.checking.symbolic import RELATIONS, normal_form
from symkl.checking.verdict import (
    Check,
    RoundingEvidence,
    Verdict,
    decide_constant,
    decide_domains,
    decide_doubts,
    decide_jumps,
    decide_minimizer,
    decide_not_equal,
    decide_optimum_against,
    decide_optimum_value,
    decide_readings,
    decide_rounded,
    decide_rows,
    decide_stationary,
    decide_within,
    no_verdict,
    weakest,
)

__all__ = [
    "Verdict",
    "Check",
    "check",
    "weakest",
    "normal_form",
    "RELATIONS",
    "decide_readings",
    "decide_domains",
    "decide_doubts",
    "decide_jumps",
    "decide_not_equal",
    "decide_minimizer",
    "decide_optimum_value",
    "decide_optimum_against",
    "decide_stationary",
    "decide_within",
    "decide_constant",
    "decide_rows",
    "decide_rounded",
    "RoundingEvidence",
    "no_verdict",
    "BudgetExhausted",
    "budget",
    "isolated",
    "Worker",
    "remaining",
    "SAMPLES",
    "CROSS_CHECK_SAMPLES",
    "SYMBOLIC_SECONDS",
    "PRECISIONS",
]
