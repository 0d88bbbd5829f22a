"""symkl: derive, check and export the mathematics of entropy, cross-entropy and KL.

The package root only re-exports, and lazily (PEP 562): `symkl --help` and `symkl derive
--list` import `symkl.cli`, and so this file, but need neither SymPy nor numpy.
"""

import importlib

#: public name -> the module that defines it
_EXPORTS = {
    "Check": "symkl.checking",
    "Verdict": "symkl.checking",
    "check": "symkl.checking",
    "Chain": "symkl.derivation",
    "Conclusion": "symkl.derivation",
    "Derivation": "symkl.derivation",
    "Step": "symkl.derivation",
    "CheckerConflict": "symkl.errors",
    "DomainError": "symkl.errors",
    "StepRefuted": "symkl.errors",
    "SymklError": "symkl.errors",
    "UnknownDerivation": "symkl.errors",
    "CrossEntropy": "symkl.measures",
    "Entropy": "symkl.measures",
    "KLDivergence": "symkl.measures",
    "JSDivergence": "symkl.measures",
    "ConditionalEntropy": "symkl.measures",
    "MutualInformation": "symkl.measures",
    "unfold": "symkl.measures",
    "latex": "symkl.printing",
    "text": "symkl.printing",
    "RULES": "symkl.rules",
    "Proved": "symkl.rules",
    "derive": "symkl.registry",
    "load_derivations": "symkl.registry",
    "Library": "symkl.registry",
    "names": "symkl.registry",
    "verify_text": "symkl.notes.verify",
    "variants": "symkl.registry",
    "proved": "symkl.registry",
    "DatasetSpace": "symkl.spaces",
    "DensitySpace": "symkl.spaces",
    "FiniteSpace": "symkl.spaces",
    "IndexedSpace": "symkl.spaces",
    "JointSpace": "symkl.spaces",
    "ScalarSpace": "symkl.spaces",
    "bernoulli_space": "symkl.spaces",
    "logistic_space": "symkl.spaces",
}

__all__ = list(_EXPORTS)


def __getattr__(name: str):
    """`symkl.NAME`: the public object, imported on first use."""
    if name not in _EXPORTS:
        raise AttributeError(f"module 'symkl' has no attribute {name!r}")
    value = getattr(importlib.import_module(_EXPORTS[name]), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
