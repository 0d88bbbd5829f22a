"""Reading notes files and printing their text without surprises.

## Main definitions
- `MAX_NOTES_BYTES`: the largest notes file `symkl verify` reads.
- `read_notes(path)`: a regular file's text, capped in size, with one kind of line ending.
- `normalize_text(text)`: no UTF-8 BOM, CRLF and CR-only line endings as LF.
- `visible(text)`: text safe to print on a terminal (control characters escaped).

Why: `/dev/zero` would be read until memory runs out and a FIFO blocks forever; CRLF
files would put a stray CR at the end of every `&=` row and CR-only files would be one
long line; a BOM hides front matter. Notes can hold terminal escape sequences that would
rewrite what a terminal shows (a refuted step made to read "proved").
"""

import os
import re
import stat
import unicodedata
from pathlib import Path

from symkl.errors import SymklError

__all__ = ["MAX_NOTES_BYTES", "read_notes", "normalize_text", "visible"]

#: notes files larger than this are refused (8 MiB: a notebook with a few images fits)
MAX_NOTES_BYTES = 8 * 2**20


def normalize_text(text: str) -> str:
    """`text` without a leading UTF-8 BOM, with CRLF and lone CR line endings as LF.

    One line ending becomes one LF, so line numbers stay those an editor shows."""
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _regular_bytes(path: Path, limit: int) -> bytes:
    """The bytes of `path`, which must be a regular file of at most `limit` bytes.

    Opened non-blocking so that a FIFO is refused instead of waiting for a writer."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as e:
        raise SymklError(f"{path}: cannot read: {e.strerror}") from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise SymklError(f"{path}: not a regular file; give a .md, .txt or .tex file")
    with os.fdopen(fd, "rb") as handle:
        try:
            data = handle.read(limit + 1)
        except OSError as e:
            raise SymklError(f"{path}: cannot read: {e.strerror}") from None
    if len(data) > limit:
        raise SymklError(
            f"{path}: larger than {limit // 2**20} MiB, the limit for a notes file; split it"
        )
    return data


def read_notes(path: str | Path, limit: int = MAX_NOTES_BYTES) -> str:
    """The text of a notes file, normalized by `normalize_text`.

    Raises:
        SymklError: not a regular file, larger than `limit` bytes, binary or not UTF-8.
    """
    data = _regular_bytes(Path(path), limit)
    if b"\0" in data:
        raise SymklError(f"{path}: a binary file, not notes; give a .md, .txt or .tex file")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise SymklError(f"{path}: not UTF-8 text (byte {e.start}); save it as UTF-8") from None
    return normalize_text(text)


#: characters a terminal acts on instead of showing: C0/C1 controls, DEL, and format
#: characters that reorder or hide text (bidi overrides, zero-width joiners)
_HIDDEN = re.compile(r"[\x00-\x1f\x7f-\x9f]|[^\x00-\x7f]")


def _escape(match: re.Match) -> str:
    c = match.group(0)
    if c == "\t" or (c > "\x9f" and unicodedata.category(c) != "Cf"):
        return c
    return f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}"


def visible(text: str) -> str:
    """`text` with control and format characters shown as `\\x1b`, `\\u202e`, ...

    For one line of terminal output: newlines are escaped too, tabs kept."""
    return _HIDDEN.sub(_escape, text)
