"""Audits as GitHub Actions workflow commands: `symkl verify --format github`.

## Main definitions
- `LEVELS`: verdict -> the workflow command that reports it (`error`, `warning`, `notice`).
- `github_annotations(audits)`: one `::LEVEL file=...,line=...,title=...::MESSAGE` line per
  step and per note on a bare expression, then the summary as a plain line.

GitHub reads these lines from a job's log and shows each at its file and line (in the
pull request's diff too). Its rules (actions/toolkit, `command.ts`): in the message `%`,
CR and LF are written `%25`, `%0D`, `%0A`; in a property also `:` and `,` (`%3A`, `%2C`),
which would otherwise end the property. Notes text first has its control and format
characters made visible (`symkl.safeio.visible`), as in the terminal output: the log is
a terminal's transcript.
"""

from symkl.notes.audit import FileAudit, StepAudit
from symkl.notes.render import summary
from symkl.safeio import visible

__all__ = ["LEVELS", "github_annotations", "escape_data", "escape_property"]

#: what each verdict asks of a reader: a false step must be fixed, one symkl could not
#: settle should be looked at, the rest is for the record
LEVELS = {
    "refuted": "error",
    "unparsed": "warning",
    "ambiguous": "warning",
    "undecided": "warning",
    "holds-numerically": "notice",
    "definition": "notice",
    "proved": "notice",
}
#: a note on a bare expression (an index outside its sum) is advice, not a verdict
NOTE_LEVEL = "warning"

_DATA = {"%": "%25", "\r": "%0D", "\n": "%0A"}
_PROPERTY = {**_DATA, ":": "%3A", ",": "%2C"}


def escape_data(text: str) -> str:
    """A workflow command's message: `%`, CR and LF escaped."""
    return "".join(_DATA.get(c, c) for c in text)


def escape_property(text: str) -> str:
    """A workflow command's property value: also `:` and `,` escaped."""
    return "".join(_PROPERTY.get(c, c) for c in text)


def _command(level: str, message: str, **properties: object) -> str:
    props = ",".join(f"{k}={escape_property(str(v))}" for k, v in properties.items())
    return f"::{level} {props}::{escape_data(message)}"


def _step(path: str, s: StepAudit) -> str:
    # A notebook's step has a line in its cell, not in the .ipynb file's JSON: no `line`
    # (it would point into the wrong place), the cell and line are in the title instead.
    where = {"line": s.line} if s.cell is None else {}
    cell = f" (cell {s.cell}, line {s.line})" if s.cell is not None else ""
    message = visible(f"{s.lhs} {s.relation} {s.rhs}") + "\n" + visible(s.reason)
    return _command(
        LEVELS[s.verdict], message, file=path, **where, title=f"symkl: {s.verdict}{cell}"
    )


def github_annotations(audits: list[FileAudit]) -> str:
    """The workflow commands for every step and note of `audits`, then a summary line."""
    out = []
    for a in audits:
        path = visible(str(a.path))
        out += [_step(path, s) for s in a.steps]
        # notebook notes carry their "cell N: " in the message and a line in that cell
        notebook = str(a.path).lower().endswith(".ipynb")
        for line, message in a.notes:
            where = {} if notebook else {"line": line}
            out.append(
                _command(NOTE_LEVEL, visible(message), file=path, **where, title="symkl: note")
            )
    counts = summary(audits)
    parts = ", ".join(f"{n} {v}" for v, n in counts.items() if n)
    out.append(f"symkl: {sum(counts.values())} steps in {len(audits)} file(s): {parts or 'none'}")
    return "\n".join(out) + "\n"
