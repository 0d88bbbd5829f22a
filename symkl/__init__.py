"""symkl: derive, check and export the mathematics of entropy, cross-entropy and KL."""

from symkl.checking import Check, Verdict, check
from symkl.derivation import Chain, Conclusion, Derivation, Step
from symkl.errors import CheckerConflict, DomainError, StepRefuted, SymklError, UnknownDerivation
from symkl.measures import CrossEntropy, Entropy, KLDivergence, unfold
from symkl.printing import latex, text
from symkl.registry import derive, names, variants
from symkl.rules import RULES
from symkl.spaces import (
    DatasetSpace,
    DensitySpace,
    FiniteSpace,
    IndexedSpace,
    JointSpace,
    ScalarSpace,
    bernoulli_space,
    logistic_space,
)

__all__ = [
    "Check",
    "Verdict",
    "check",
    "Chain",
    "Conclusion",
    "Derivation",
    "Step",
    "CheckerConflict",
    "DomainError",
    "StepRefuted",
    "SymklError",
    "UnknownDerivation",
    "CrossEntropy",
    "Entropy",
    "KLDivergence",
    "unfold",
    "latex",
    "text",
    "RULES",
    "derive",
    "names",
    "variants",
    "DatasetSpace",
    "DensitySpace",
    "FiniteSpace",
    "IndexedSpace",
    "JointSpace",
    "ScalarSpace",
    "bernoulli_space",
    "logistic_space",
]
