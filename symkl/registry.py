"""Find derivations: one Python file per derivation, in symkl's own folder or a user's.

A file `NAME.py` defines `derive(variant=None) -> Derivation` and, when it has more than
one chain, `VARIANTS` (the first is the default). Adding a file is all it takes.

Files are loaded by path, never through `sys.path`, so no top-level `derivations`
package is installed or needed (issue 13): symkl's own derivations live in the repo's
`derivations/` folder, which a wheel ships as `symkl/derivations/`; a user's folder is
given by `load_derivations(path)` or `symkl derive --path DIR`.

Each (file, variant) is derived once per process: the registry memoizes a file's
`derive` when it loads it, so a report, an export, a rule that rewrites with a proved
result (`proved`) and the file's own calls between its variants share one derivation.

## Main definitions
- `Library`:          an ordered set of folders; `names`, `variants`, `module`, `derive`.
- `load_derivations`: symkl's derivations plus those in a user's folder.
- `names`, `variants`, `derive`, `module`, `proved`: the same on symkl's own derivations.
"""

import functools
import hashlib
import importlib.util
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from symkl.errors import SymklError, UnknownDerivation

if TYPE_CHECKING:  # `derive --list` needs no SymPy
    from symkl.derivation import Derivation
    from symkl.rules import Proved

__all__ = [
    "Library",
    "load_derivations",
    "builtin_folder",
    "default",
    "names",
    "module",
    "variants",
    "derive",
    "proved",
]

#: every derivation built in this process, by (file, variant)
_DERIVED: dict[tuple[Path, str], "Derivation"] = {}


def builtin_folder() -> Path:
    """symkl's own derivations: `symkl/derivations/` in a wheel, else the repo's
    top-level `derivations/` (a clone, or an editable install of one)."""
    here = Path(__file__).resolve().parent
    for folder in (here / "derivations", here.parent / "derivations"):
        if folder.is_dir():
            return folder
    raise SymklError(f"symkl's derivations are missing: no {here / 'derivations'}")


def _files(folder: Path) -> dict[str, Path]:
    # Files starting with "_" are helpers (and __init__.py), not derivations.
    return {f.stem: f for f in sorted(folder.glob("*.py")) if not f.stem.startswith("_")}


def _package(folder: Path) -> str:
    """The package the files of `folder` load into, made importable so that a file can
    import its neighbours relatively (`from .helpers import f`)."""
    if folder == builtin_folder():
        package = "symkl.derivations"  # a wheel's real subpackage; a clone's folder
    else:
        # One private package per folder: two folders may both hold a helpers.py, and
        # nothing here shadows a module a user imports by the same name.
        package = f"symkl_user_{hashlib.sha256(str(folder).encode()).hexdigest()[:12]}"
    if package not in sys.modules:
        module = ModuleType(package, f"derivations in {folder}")
        module.__path__ = [str(folder)]
        sys.modules[package] = module
    return package


def _memoize(module: ModuleType, path: Path) -> ModuleType:
    """Make `module.derive` build each variant once: the wrapper replaces the module's
    global `derive`, so the file's calls between its own variants hit the cache too."""
    build = module.derive
    if getattr(build, "memoized", False):
        return module
    offered = tuple(getattr(module, "VARIANTS", ("default",)))

    @functools.wraps(build)
    def derive(variant: str | None = None) -> "Derivation":
        key = (path, variant or offered[0])
        if key not in _DERIVED:  # a refuted step raises: nothing is kept
            _DERIVED[key] = build(key[1])
        return _DERIVED[key]

    derive.memoized = True
    module.derive = derive
    return module


def _load(folder: Path, name: str, path: Path) -> ModuleType:
    qualified = f"{_package(folder)}.{name}"
    if (loaded := sys.modules.get(qualified)) is not None:
        # imported by a neighbour (`from .kl_gaussian import normal_pdf`) before now
        return _memoize(loaded, path)
    spec = importlib.util.spec_from_file_location(qualified, path)
    if spec is None or spec.loader is None:
        raise SymklError(f"{path}: not a Python file symkl can load")
    module = importlib.util.module_from_spec(spec)
    sys.modules[qualified] = module  # before exec: dataclasses look their module up
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[qualified]
        raise
    if not callable(getattr(module, "derive", None)):
        del sys.modules[qualified]
        raise SymklError(f"{path}: defines no derive(variant=None) -> Derivation")
    return _memoize(module, path)


@dataclass(frozen=True)
class Library:
    """Derivations found in `folders`; a name may appear in only one of them."""

    folders: tuple[Path, ...]

    def _index(self) -> dict[str, tuple[Path, Path]]:
        found: dict[str, tuple[Path, Path]] = {}
        for folder in self.folders:
            for name, path in _files(folder).items():
                if name in found:
                    raise SymklError(
                        f"two derivations named {name!r}: {found[name][1]} and {path}; "
                        "rename one of the files"
                    )
                found[name] = (folder, path)
        return found

    def names(self) -> list[str]:
        """The names of all derivations, sorted."""
        return sorted(self._index())

    def module(self, name: str) -> ModuleType:
        """The loaded module of derivation `name` (for its hooks: figures, values).

        Raises:
            UnknownDerivation: no file NAME.py in the folders.
        """
        index = self._index()
        if name not in index:
            raise UnknownDerivation(name, sorted(index))
        return _load(index[name][0], name, index[name][1])

    def variants(self, name: str) -> tuple[str, ...]:
        """The chains a derivation offers; the first is the default."""
        return tuple(getattr(self.module(name), "VARIANTS", ("default",)))

    def derive(self, name: str, variant: str | None = None) -> "Derivation":
        """Build (derive and check) the derivation `name`, once per process.

        Raises:
            UnknownDerivation: no file NAME.py in the folders.
            StepRefuted: a step of the chain is false.
        """
        module = self.module(name)
        offered = self.variants(name)
        if variant is not None and variant not in offered:
            raise SymklError(
                f"derivation {name!r} has no variant {variant!r}; variants: {', '.join(offered)}"
            )
        derivation = module.derive(variant or offered[0])
        if derivation.name != name:
            raise SymklError(f"{module.__file__} builds a derivation named {derivation.name!r}")
        return derivation

    def proved(self, name: str, variant: str | None = None) -> "Proved":
        """The conclusion lhs = rhs of derivation `name`, for the rule `rewrite with`.

        Raises:
            SymklError: the derivation is not a proved equation.
        """
        from symkl.rules import Proved

        derivation = self.derive(name, variant)
        conclusion = derivation.conclusion
        if str(derivation.verdict) != "proved" or conclusion.relation != "=":
            raise SymklError(
                f"{name} is not a proved equation ({derivation.verdict}, "
                f"{conclusion.relation!r}): a rule can rewrite only with a proved equation"
            )
        return Proved(name, conclusion.lhs, conclusion.rhs)


def load_derivations(path: str | Path) -> Library:
    """symkl's derivations and those in the folder `path` (one NAME.py per derivation).

    Raises:
        SymklError: `path` is not a folder, or one of its names is also symkl's.
    """
    folder = Path(path).expanduser().resolve()
    if not folder.is_dir():
        raise SymklError(f"{path}: no such folder of derivations")
    library = Library((builtin_folder(), folder))
    library.names()  # a clash of names fails here, not at the first derive
    return library


def default() -> Library:
    """symkl's own derivations."""
    return Library((builtin_folder(),))


def names() -> list[str]:
    """The names of symkl's derivations, sorted."""
    return default().names()


def module(name: str) -> ModuleType:
    """The module of symkl's derivation `name`."""
    return default().module(name)


def variants(name: str) -> tuple[str, ...]:
    """The chains symkl's derivation `name` offers; the first is the default."""
    return default().variants(name)


def derive(name: str, variant: str | None = None) -> "Derivation":
    """Build (derive and check) symkl's derivation `name`, once per process."""
    return default().derive(name, variant)


def proved(name: str, variant: str | None = None) -> "Proved":
    """The proved equation that symkl's derivation `name` concludes (`Library.proved`)."""
    return default().proved(name, variant)
