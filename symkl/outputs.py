"""Writing generated files safely, and checking that files on disk are up to date.

Generators (reports, and later note audits) render everything in memory first and
hand the result to `write_outputs` as {path: bytes}. Nothing is written unless all
rendering succeeded; each file goes to a temporary file in its own directory first,
and only when every temporary file is written are they renamed into place, so a
failed run leaves the previous files intact and no file is ever half-written.

A temporary file is named `.NAME.PID.RANDOM.tmp`: a run killed before its rename leaves
one behind, and a later run writing NAME there removes it once process PID is gone.
`write_file` writes one user-named file (`symkl export -o`): regular files only, with
the permissions a new file would get (umask) or the ones the file already had.
"""

import os
import re
import secrets
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from symkl.errors import SymklError

__all__ = ["Change", "changes", "write_outputs", "write_file", "remove_leftovers", "alive"]

#: permissions of a new report file (rw-r--r--)
MODE = 0o644
_TEMP_RE = re.compile(r"\.(?P<name>.+)\.(?P<pid>\d+)\.[0-9a-f]{8}\.tmp")


def alive(pid: int) -> bool:
    """Whether process `pid` exists: a leftover whose writer is alive is not a leftover."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: alive
        return True
    return True


def remove_leftovers(directory: Path, names: Iterable[str]) -> list[Path]:
    """Remove the temporary files that writers of `names` left in `directory` when they
    were killed (their process is gone); returns the paths removed."""
    names, removed = set(names), []
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return removed
    for entry in entries:
        m = _TEMP_RE.fullmatch(entry.name)
        if m and m["name"] in names and not alive(int(m["pid"])) and entry.is_file():
            Path(entry.path).unlink(missing_ok=True)
            removed.append(Path(entry.path))
    return removed


def _temporary(path: Path, mode: int) -> tuple[int, str]:
    """A new temporary file beside `path`, open for writing; `mode` is filtered by the
    umask, as for any new file (mkstemp would force 0600)."""
    while True:
        tmp = path.parent / f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode), str(tmp)
        except FileExistsError:
            continue


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
    for directory in {path.parent for path in files}:
        remove_leftovers(directory, [path.name for path in files if path.parent == directory])
    found = changes(files)
    gone = [Change(path, "obsolete") for path in sorted(obsolete) if path.is_file()]
    if check or not (found or gone):
        return found + gone
    staged: list[tuple[str, Path]] = []
    try:
        for change in found:
            change.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = _temporary(change.path, MODE)
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


def _regular_target(path: Path) -> tuple[Path, int | None]:
    """Where to write `path` (a symbolic link's target) and the mode to keep (None for a
    new file).

    Raises:
        SymklError: `path` is a device, FIFO, directory or a link to nothing.
    """
    try:
        st = os.stat(path)
    except FileNotFoundError:
        if path.is_symlink():
            raise SymklError(f"{path}: a symbolic link to nothing; give a file path") from None
        return path, None
    if not stat.S_ISREG(st.st_mode):
        raise SymklError(f"{path}: not a regular file (a device, FIFO or directory)")
    return Path(os.path.realpath(path)), stat.S_IMODE(st.st_mode)


def write_file(path: str | Path, data: bytes) -> None:
    """Write `data` to the regular file `path` through a temporary file and a rename.

    A new file gets the umask's permissions, an existing one keeps its own; a symbolic
    link to a regular file stays a link (its target is written).

    Raises:
        SymklError: `path` exists and is not a regular file.
        OSError: the file cannot be written; `path` is left as it was.
    """
    target, mode = _regular_target(Path(path))
    remove_leftovers(target.parent, [target.name])
    fd, tmp = _temporary(target, 0o666 if mode is None else 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if mode is not None:
                os.fchmod(handle.fileno(), mode)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
