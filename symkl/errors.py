"""The symkl error hierarchy: every error a user can see is a `SymklError`."""

__all__ = [
    "SymklError",
    "UnknownDerivation",
    "StepRefuted",
    "DomainError",
    "CheckerConflict",
    "SYMPY_FAILURES",
    "PROGRAMMING_ERRORS",
]


class SymklError(Exception):
    """Base class: a message a user can act on."""


class UnknownDerivation(SymklError):
    """A derivation name that no folder of derivations has a file for."""

    def __init__(self, name: str, known: list[str]):
        self.name = name
        self.known = known
        super().__init__(f"unknown derivation {name!r}; known derivations: {', '.join(known)}")


class StepRefuted(SymklError):
    """A derivation step that sampling showed to be false.

    `derivation` holds the chain up to and including the refuted step.
    """

    def __init__(self, derivation, index: int):
        self.derivation = derivation
        self.index = index
        step = derivation.steps[index]
        super().__init__(
            f"derivation {derivation.name!r}: step {index} ({step.rule}) is refuted: "
            f"{step.check.reason}"
        )


class DomainError(SymklError):
    """An expression uses a symbol the space cannot sample, or a bad parameter."""


class CheckerConflict(SymklError):
    """The symbolic checker and the numeric cross-check disagree: a bug in symkl."""


#: what SymPy (or a space's sampler) raises on an expression it cannot handle: a check
#: then falls back to another method, or skips the point, instead of crashing
SYMPY_FAILURES = (
    ArithmeticError,
    ValueError,
    TypeError,
    AttributeError,
    NotImplementedError,
    RecursionError,
    StopIteration,  # sympy.simplify's sum_combine lets one escape on some sums of Sums
    IndexError,
    KeyError,
    SymklError,
)

#: what only a bug in symkl raises (SymPy raises TypeError and KeyError on input it cannot
#: handle, but never a NameError): a step that meets one says so instead of "no method"
PROGRAMMING_ERRORS = (NameError, AssertionError)
