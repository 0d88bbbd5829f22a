"""Find the derivations in the `derivations` package: one module per derivation.

A module defines `derive(variant=None) -> Derivation` and, when it has more than one
chain, `VARIANTS` (the first is the default). Adding a file is all it takes.
"""

import importlib
import pkgutil
from types import ModuleType
from typing import TYPE_CHECKING

import derivations
from symkl.errors import SymklError, UnknownDerivation

if TYPE_CHECKING:  # `derive --list` needs no SymPy
    from symkl.derivation import Derivation

__all__ = ["names", "variants", "derive"]


def names() -> list[str]:
    """The names of all derivations, sorted."""
    return sorted(
        m.name for m in pkgutil.iter_modules(derivations.__path__) if not m.name.startswith("_")
    )


def _module(name: str) -> ModuleType:
    known = names()
    if name not in known:
        raise UnknownDerivation(name, known)
    return importlib.import_module(f"derivations.{name}")


def variants(name: str) -> tuple[str, ...]:
    """The chains a derivation offers; the first is the default."""
    return tuple(getattr(_module(name), "VARIANTS", ("default",)))


def derive(name: str, variant: str | None = None) -> "Derivation":
    """Build (derive and check) the derivation `name`.

    Raises:
        UnknownDerivation: no such file in derivations/.
        StepRefuted: a step of the chain is false.
    """
    module = _module(name)
    offered = variants(name)
    if variant is not None and variant not in offered:
        raise SymklError(
            f"derivation {name!r} has no variant {variant!r}; variants: {', '.join(offered)}"
        )
    derivation = module.derive(variant or offered[0])
    if derivation.name != name:
        raise SymklError(f"derivations/{name}.py builds a derivation named {derivation.name!r}")
    return derivation
