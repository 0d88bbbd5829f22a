"""`verify_text`: check the algebra of notes given as a string, from Python or Jupyter.

## Main definitions
- `verify_text(text, assume, kind)`: the audit of `text`, as `symkl verify` would give
  it for a file; `str()` of the result is the terminal output and Jupyter shows it as a
  table (`FileAudit._repr_html_`).
"""

from collections.abc import Iterable, Mapping

from symkl.errors import SymklError
from symkl.notes.audit import DEFAULT_SECONDS, FileAudit, audit_text
from symkl.notes.context import parse_assumption

__all__ = ["KINDS", "verify_text"]

#: kind of notes -> the name the audit is given (the auditor reads LaTeX for a `.tex`)
KINDS = {"markdown": "<text>", "latex": "<text>.tex"}


def _kinds(assume: Mapping[str, str] | Iterable[str] | str | None) -> dict[str, str]:
    if assume is None:
        return {}
    if isinstance(assume, str):
        assume = [assume]
    elif isinstance(assume, Mapping):
        assume = [f"{name}: {kind}" for name, kind in assume.items()]
    # through the command line's reader, so a wrong kind is the same one-line error
    return dict(parse_assumption(a) for a in assume)


def verify_text(
    text: str,
    assume: Mapping[str, str] | Iterable[str] | str | None = None,
    kind: str = "markdown",
    seconds: float = DEFAULT_SECONDS,
    repairs: bool = True,
) -> FileAudit:
    """Audit the display math of `text`, as `symkl verify` audits a file.

    Args:
        text: the notes: Markdown (`$$...$$`, `\\[...\\]`, environments) or LaTeX.
        assume: what symbols are, as `--assume` takes them: `{"t": "positive"}`,
            `["t: positive"]` or `"t: positive"`.
        kind: "markdown" or "latex".
        seconds: CPU seconds per step, every stage (`--timeout`).
        repairs: search edits that make a refuted step hold (`StepAudit.repairs`).

    Returns:
        The audit: `.steps` (line, relation, sides, verdict, reason, counterexample),
        `.summary()`, `str()` as the terminal output, and an HTML table in Jupyter.

    Raises:
        SymklError: an unknown kind of notes or of symbol, or bad front matter.
    """
    if kind not in KINDS:
        raise SymklError(f"unknown kind of notes {kind!r}; kinds: {', '.join(KINDS)}")
    return audit_text(text, KINDS[kind], _kinds(assume), seconds, repairs)
