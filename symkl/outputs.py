"""Writing generated files safely, and checking that files on disk are up to date.

Generators (reports, and later note audits) render everything in memory first and
hand the result to `write_outputs` as {path: bytes}. Nothing is written unless all
rendering succeeded; each file goes to a temporary file in its own directory first,
and only when every temporary file is written are they renamed into place, so a
failed run leaves the previous files intact and no file is ever half-written.
"""

import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Change", "changes", "write_outputs"]

#: permissions of a new file (rw-r--r--), whatever mkstemp chose for the temporary file
MODE = 0o644


@dataclass(frozen=True, order=True)
class Change:
    """A file whose bytes on disk differ from the rendered ones."""

    path: Path
    kind: str  # "missing", "stale" or "obsolete" (on disk, no longer generated)

    def __str__(self) -> str:
        return f"{self.kind}: {self.path}"


def changes(files: dict[Path, bytes]) -> list[Change]:
    """The files that are missing on disk or differ from `files`, sorted by path."""
    found = []
    for path, data in files.items():
        if not path.is_file():
            found.append(Change(path, "missing"))
        elif path.read_bytes() != data:
            found.append(Change(path, "stale"))
    return sorted(found)


def write_outputs(
    files: dict[Path, bytes], check: bool = False, obsolete: Iterable[Path] = ()
) -> list[Change]:
    """Bring the files on disk up to date with `files`, or only compare when `check`.

    `obsolete` files (earlier outputs that are no longer generated) are deleted after
    the new files are in place. Returns the changes found (made unless `check`). Files
    already up to date are not touched, so their modification times stay put.

    Raises:
        OSError: a directory or file cannot be written; no target file was replaced.
    """
    found = changes(files)
    gone = [Change(path, "obsolete") for path in sorted(obsolete) if path.is_file()]
    if check or not (found or gone):
        return found + gone
    staged: list[tuple[str, Path]] = []
    try:
        for change in found:
            change.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=change.path.parent, prefix=f".{change.path.name}.")
            staged.append((tmp, change.path))
            with os.fdopen(fd, "wb") as handle:
                handle.write(files[change.path])
            os.chmod(tmp, MODE)
    except BaseException:
        for tmp, _ in staged:
            Path(tmp).unlink(missing_ok=True)
        raise
    for tmp, path in staged:
        os.replace(tmp, path)
    for change in gone:
        change.path.unlink()
    return found + gone
