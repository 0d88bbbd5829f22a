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
from pathlib import PurePath

from symkl.notes.audit import VERDICTS, FileAudit
from symkl.templating import escape_tex

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
    """`FILE:LINE: VERDICT  lhs REL rhs`, an indented reason, then the summary."""
    out = []
    for a in audits:
        for s in a.steps:
            where = f"cell {s.cell}:{s.line}" if s.cell is not None else s.line
            out.append(f"{a.path}:{where}: {s.verdict:<17} {s.lhs} {s.relation} {s.rhs}")
            out.append(f"    {s.reason}")
        for line, message in a.notes:
            out.append(f"{a.path}:{line}: note              {message}")
    counts = summary(audits)
    steps = sum(counts.values())
    parts = ", ".join(f"{n} {v}" for v, n in counts.items() if n)
    out.append(f"{steps} steps in {len(audits)} file(s): {parts or 'no steps'}")
    return "\n".join(out) + "\n"


def audit_json(audits: list[FileAudit]) -> str:
    """One JSON object: {"files": [...], "summary": {verdict: count}}."""
    data = {"files": [a.to_json() for a in audits], "summary": summary(audits)}
    return json.dumps(data, indent=2, allow_nan=False) + "\n"


def _md_code(text: str) -> str:
    """Inline code that survives backticks and pipes inside a Markdown table."""
    text = text.replace("|", "\\|").replace("\n", " ")
    fence = "``" if "`" in text else "`"
    return f"{fence} {text} {fence}" if fence == "``" else f"`{text}`"


def _md_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("*", "\\*")


def audit_markdown(audit: FileAudit, title: str | None = None) -> str:
    """One file's audit as a Markdown page: summary, a table of steps, then notes."""
    lines = [f"# Audit of {title or audit.path}", ""]
    counts = audit.summary()
    lines.append("Verdicts: " + ", ".join(f"{n} {v}" for v, n in counts.items() if n) + ".")
    lines += ["", "| line | step | verdict | reason |", "| ---: | --- | --- | --- |"]
    for s in audit.steps:
        step = _md_code(f"{s.lhs} {s.relation} {s.rhs}")
        lines.append(f"| {s.line} | {step} | **{s.verdict}** | {_md_cell(s.reason)} |")
    if audit.notes:
        lines += ["", "## Notes on expressions without a relation", ""]
        lines += [f"- line {line}: {_md_cell(m)}" for line, m in audit.notes]
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


def report_files(audits: list[FileAudit]) -> dict[str, str]:
    """`{"NAME.md": ..., "NAME.tex": ...}` for each audited file (NAME its file name
    without suffix), titled by file name so the pages do not depend on where the notes
    were read from. For `symkl report` to write under reports/notes/."""
    files = {}
    for a in audits:
        name = PurePath(a.path).stem
        title = PurePath(a.path).name
        files[f"{name}.md"] = audit_markdown(a, title)
        files[f"{name}.tex"] = audit_latex(a, title, standalone=True)
    return files
