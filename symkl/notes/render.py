"""Audits as text, JSON, Markdown and LaTeX: pure functions from `FileAudit` to `str`.

## Main definitions
- `audit_text_lines(audits)`:  the `symkl verify` terminal output, with a summary.
- `audit_json(audits)`:        the `symkl verify --json` object (issue 6's schema, plus
  each file's `notes` on bare expressions).
- `audit_markdown(audit)`, `audit_latex(audit)`: one seed's audit as a report page, for
  `symkl report` to write under reports/notes/ (escaped: notes text is never markup).

All output is deterministic: same audit, same bytes.
"""

import json
import re
from pathlib import PurePath

from symkl.notes.audit import VERDICTS, FileAudit
from symkl.safeio import visible
from symkl.templating import escape_md, escape_tex

__all__ = [
    "summary",
    "audit_text_lines",
    "audit_json",
    "audit_markdown",
    "audit_latex",
    "report_files",
]


def summary(audits: list[FileAudit]) -> dict[str, int]:
    """Count of steps per verdict over all files (every verdict listed, in order)."""
    counts = {v: 0 for v in VERDICTS}
    for a in audits:
        for verdict, n in a.summary().items():
            counts[verdict] += n
    return counts


def audit_text_lines(audits: list[FileAudit]) -> str:
    """`FILE:LINE: VERDICT  lhs REL rhs`, an indented reason, then the summary.

    Text from the notes (and the file name) has its control characters escaped: an escape
    sequence in the notes must not rewrite what the terminal shows."""
    out = []
    for a in audits:
        path = visible(str(a.path))
        for s in a.steps:
            where = f"cell {s.cell}:{s.line}" if s.cell is not None else s.line
            step = visible(f"{s.lhs} {s.relation} {s.rhs}")
            out.append(f"{path}:{where}: {s.verdict:<17} {step}")
            out.append(f"    {visible(s.reason)}")
        for line, message in a.notes:
            out.append(f"{path}:{line}: note              {visible(message)}")
    counts = summary(audits)
    steps = sum(counts.values())
    parts = ", ".join(f"{n} {v}" for v, n in counts.items() if n)
    out.append(f"{steps} steps in {len(audits)} file(s): {parts or 'no steps'}")
    return "\n".join(out) + "\n"


def audit_json(audits: list[FileAudit]) -> str:
    """One JSON object: {"files": [...], "summary": {verdict: count}}."""
    data = {"files": [a.to_json() for a in audits], "summary": summary(audits)}
    return json.dumps(data, indent=2, allow_nan=False) + "\n"


def _controls(text: str) -> str:
    """Control and format characters from the notes shown as `\\x00`, `\\u202e`: a page
    must not carry bytes a viewer acts on (tabs and newlines are the caller's)."""
    return "".join(visible(c) if c not in "\t\n" else c for c in text)


def _md(value: object) -> str:
    """Notes text for the Markdown audit: escaped for Markdown, controls made visible."""
    return _controls(escape_md(value))


def _md_code(text: str) -> str:
    """Inline code that survives backticks and pipes inside a Markdown table: delimited by
    a run of backticks longer than any inside (CommonMark), padded so that a backtick at
    either end is not read as part of the delimiter."""
    text = _controls(text.replace("|", "\\|").replace("\n", " "))
    if "`" not in text:
        return f"`{text}`"
    fence = "`" * (max(len(run) for run in re.findall("`+", text)) + 1)
    return f"{fence} {text} {fence}"


def audit_markdown(audit: FileAudit, title: str | None = None) -> str:
    """One file's audit as a Markdown page: summary, a table of steps, then notes."""
    lines = [f"# Audit of {_md(title or audit.path)}", ""]
    counts = audit.summary()
    lines.append("Verdicts: " + ", ".join(f"{n} {v}" for v, n in counts.items() if n) + ".")
    lines += ["", "| line | step | verdict | reason |", "| ---: | --- | --- | --- |"]
    for s in audit.steps:
        step = _md_code(f"{s.lhs} {s.relation} {s.rhs}")
        lines.append(f"| {s.line} | {step} | **{s.verdict}** | {_md(s.reason)} |")
    if audit.notes:
        lines += ["", "## Notes on expressions without a relation", ""]
        lines += [f"- line {line}: {_md(m)}" for line, m in audit.notes]
    return "\n".join(lines) + "\n"


def audit_latex(audit: FileAudit, title: str | None = None, standalone: bool = False) -> str:
    """One file's audit as a LaTeX section, or with `standalone` a whole article.

    The step sources are shown escaped, not typeset: a slip in the notes (an unbalanced
    brace, `\\frac{2}{\\partial\\beta}`) must not break the report. Needs only the
    LaTeX kernel (no extra packages)."""
    out = [r"\documentclass{article}", r"\begin{document}"] if standalone else []
    out.append(rf"\section*{{Audit of {escape_tex(title or audit.path)}}}")
    counts = audit.summary()
    out.append(
        "Verdicts: " + escape_tex(", ".join(f"{n} {v}" for v, n in counts.items() if n)) + "."
    )
    out.append(r"\begin{description}")
    for s in audit.steps:
        out.append(
            rf"\item[line {s.line}: {escape_tex(s.verdict)}] \texttt{{{escape_tex(s.lhs)}}}"
            rf" \texttt{{{escape_tex(s.relation)}}} \texttt{{{escape_tex(s.rhs)}}}\\"
        )
        out.append(rf"{{\small {escape_tex(s.reason)}}}")
    out.append(r"\end{description}")
    if audit.notes:
        out.append(r"\paragraph{Notes on expressions without a relation.}")
        out.append(r"\begin{itemize}")
        out += [rf"\item line {line}: {escape_tex(m)}" for line, m in audit.notes]
        out.append(r"\end{itemize}")
    if standalone:
        out.append(r"\end{document}")
    return "\n".join(out) + "\n"


def _page_names(paths: list[str]) -> list[str]:
    """A page name per notes file: its stem, or stem-SUFFIX where two files share one
    (`week1.md`, `week1.tex`: neither audit may overwrite the other), with characters
    other than letters, digits and `_.-` as `_` (a name TeX or a shell would act on)."""
    stems = [re.sub(r"[^A-Za-z0-9_.-]", "_", PurePath(p).stem).lstrip(".") or "_" for p in paths]
    names = [
        f"{stem}-{PurePath(p).suffix.lstrip('.')}" if stems.count(stem) > 1 else stem
        for stem, p in zip(stems, paths, strict=True)
    ]
    return [n if names.count(n) == 1 else f"{n}-{k}" for k, n in enumerate(names, 1)]


def report_files(audits: list[FileAudit]) -> dict[str, str]:
    """`{"NAME.md": ..., "NAME.tex": ...}` for each audited file (NAME from `_page_names`),
    titled by file name so the pages do not depend on where the notes were read from.
    For `symkl report` to write under reports/notes/."""
    files = {}
    for a, name in zip(audits, _page_names([str(a.path) for a in audits]), strict=True):
        title = PurePath(a.path).name
        files[f"{name}.md"] = audit_markdown(a, title)
        files[f"{name}.tex"] = audit_latex(a, title, standalone=True)
    return files
