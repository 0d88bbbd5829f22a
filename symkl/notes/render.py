"""Audits as text, JSON, Markdown and LaTeX: pure functions from `FileAudit` to `str`.

## Main definitions
- `MARKS`, `step_label(step)`: the mark and the label a step is shown with (its verdict,
  or `assumption` for a condition the notes state).
- `audit_text_lines(audits)`:  the `symkl verify` terminal output, with a summary.
- `audit_json(audits)`:        the `symkl verify --json` object (issue 6's schema, plus
  each file's `notes` on bare expressions and each step's `repairs`).
- `audit_markdown(audit)`, `audit_latex(audit)`: one seed's audit as a report page, for
  `symkl report` to write under reports/notes/: each step typeset from what symkl read
  (`StepAudit.typeset`, whitelisted markup only), its source escaped where it read none,
  counterexamples as tables; notes text is never markup.

All output is deterministic: same audit, same bytes.
"""

import json
import re
from pathlib import PurePath

from symkl.notes.audit import VERDICTS, FileAudit, StepAudit
from symkl.notes.counterexample import counterexample_rows
from symkl.safeio import visible
from symkl.templating import escape_md, escape_tex

__all__ = [
    "MARKS",
    "step_label",
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
            out += [f"    repair: {visible(r['edit'])}: {visible(r['text'])}" for r in s.repairs]
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
    """Inline code that survives backticks: delimited by a run of backticks longer than any
    inside (CommonMark), padded so that a backtick at either end is not read as part of
    the delimiter."""
    text = _controls(text.replace("\n", " "))
    if "`" not in text:
        return f"`{text}`"
    fence = "`" * (max(len(run) for run in re.findall("`+", text)) + 1)
    return f"{fence} {text} {fence}"


#: a verdict (or "assumption") -> its mark in the Markdown and PDF audits
MARKS = {
    "proved": "\u2713",
    "holds-numerically": "\u2713",
    "definition": "\u2254",
    "assumption": "\u22a2",
    "undecided": "?",
    "ambiguous": "?",
    "unparsed": "?",
    "refuted": "\u2717",
}


def step_label(s: StepAudit) -> str:
    """What a step is shown as: its verdict, or `assumption` (with the verdict where it
    was checked) for a condition the notes state."""
    if not s.assumption:
        return s.verdict
    return "assumption" if s.verdict == "definition" else f"assumption ({s.verdict})"


def _md_step(s: StepAudit) -> list[str]:
    """A step: a line with its place, mark and label, the step in a `$$` block that GitHub
    typesets (or its source as code where symkl did not read it), the reason, and the
    counterexample as a table."""
    mark = MARKS["assumption" if s.assumption else s.verdict]
    head = f"**line {s.line} \u00b7 {mark} {step_label(s)}**"
    if s.typeset is None:
        return [head + " \u00b7 " + _md_code(f"{s.lhs} {s.relation} {s.rhs}"), ""]
    written = _md_code(f"{s.lhs} {s.relation} {s.rhs}")
    return [f"{head} \u00b7 as written: {written}", "", "$$", " ".join(s.typeset), "$$", ""]


def _md_table(rows: list[tuple[str, str]]) -> list[str]:
    if not rows:
        return []
    body = [f"| {_md(k)} | {_md(v)} |" for k, v in rows]
    return ["| at | value |", "| --- | --- |", *body, ""]


def _md_repair(repair: dict) -> str:
    """A repaired step: inline math where it was typeset (safe LaTeX), else code."""
    # $`...`$: GitHub's inline math that Markdown emphasis cannot reach into
    return f"$`{repair['typeset']}`$" if repair["typeset"] else _md_code(repair["text"])


def audit_markdown(audit: FileAudit, title: str | None = None) -> str:
    """One file's audit as a Markdown page: summary, each step typeset with its verdict,
    reason and counterexample, then notes."""
    lines = [f"# Audit of {_md(title or audit.path)}", ""]
    counts = audit.summary()
    lines.append("Verdicts: " + ", ".join(f"{n} {v}" for v, n in counts.items() if n) + ".")
    lines.append("")
    for s in audit.steps:
        lines += _md_step(s)
        lines += [_md(s.reason), ""]
        lines += _md_table(counterexample_rows(s.counterexample))
        if s.repairs:
            lines += ["Edits that make the step hold:", ""]
            lines += [f"- {_md(r['edit'])}: {_md_repair(r)} ({r['verdict']})" for r in s.repairs]
            lines.append("")
    if audit.notes:
        lines += ["## Notes on expressions without a relation", ""]
        lines += [f"- line {line}: {_md(m)}" for line, m in audit.notes]
    return "\n".join(lines).rstrip("\n") + "\n"


#: the audit's TeX macros: a step on one line where it fits, else its left side on one
#: line and the relation with the right side on the next, each shrunk only to the width
#: of the page if it is still too wide (nothing runs off the page)
_TEX_MACROS = r"""\makeatletter
\@ifundefined{symklbox}{\newsavebox\symklbox}{}
\makeatother
\providecommand\symklfit[2]{\sbox\symklbox{$\displaystyle #2$}%
  \ifdim\wd\symklbox>#1\resizebox{#1}{!}{\usebox\symklbox}\else\usebox\symklbox\fi}
\providecommand\symklstep[3]{\par\smallskip\sbox\symklbox{$\displaystyle #1 #2 #3$}%
  \ifdim\wd\symklbox>\linewidth
    \noindent\symklfit{\linewidth}{#1}\par
    \noindent\hspace*{2em}\symklfit{\dimexpr\linewidth-2em\relax}{#2 #3}%
  \else\noindent\hfill\usebox\symklbox\hfill\null\fi\par\smallskip}"""
#: characters of an unbroken run in a step's source between which a line may break
_TEX_RUN = 24


def _tex_source(text: str) -> str:
    """A step's source in typewriter type, escaped, breakable in long runs."""
    words = [
        r"\allowbreak{}".join(escape_tex(w[k : k + _TEX_RUN]) for k in range(0, len(w), _TEX_RUN))
        for w in text.split()
    ]
    return r"{\raggedright\ttfamily\small " + " ".join(words) + r"\par}"


def _tex_value(text: str) -> str:
    """A counterexample entry, escaped, its `\u00b1` typeset."""
    return r"$\pm$".join(escape_tex(part) for part in text.split("\u00b1"))


def _tex_table(rows: list[tuple[str, str]]) -> list[str]:
    if not rows:
        return []
    body = [rf"{escape_tex(k)} & {_tex_value(v)} \\" for k, v in rows]
    return [r"\par\smallskip{\small\begin{tabular}{@{}ll@{}}", *body, r"\end{tabular}}"]


def audit_latex(audit: FileAudit, title: str | None = None, standalone: bool = False) -> str:
    """One file's audit as a LaTeX section, or with `standalone` a whole article.

    Steps are typeset from what symkl read (`StepAudit.typeset`, whitelisted markup only);
    a step it did not read is its escaped source, so a slip in the notes (an unbalanced
    brace, `\\frac{2}{\\partial\\beta}`) cannot break the report, nor can anything the
    notes hold reach TeX as markup. Needs amsmath, amssymb and graphicx."""
    out = []
    if standalone:
        out += [r"\documentclass{article}", r"\usepackage{amsmath,amssymb,graphicx}"]
        out += [r"\usepackage[margin=2.5cm]{geometry}", r"\sloppy", r"\begin{document}"]
    out.append(_TEX_MACROS)
    out.append(rf"\section*{{Audit of {escape_tex(title or audit.path)}}}")
    counts = audit.summary()
    out.append(
        "Verdicts: " + escape_tex(", ".join(f"{n} {v}" for v, n in counts.items() if n)) + "."
    )
    for s in audit.steps:
        label = escape_tex(f"line {s.line}: {step_label(s)}")
        out.append(rf"\par\medskip\noindent\textbf{{{label}}}\par")
        if s.typeset is None:
            out.append(_tex_source(f"{s.lhs} {s.relation} {s.rhs}"))
        else:
            out.append(r"\symklstep" + "".join(f"{{{part}}}" for part in s.typeset))
        out.append(rf"{{\small {escape_tex(s.reason)}\par}}")
        out += _tex_table(counterexample_rows(s.counterexample))
        for r in s.repairs:
            shown = f"${r['typeset']}$" if r["typeset"] else _tex_source(r["text"])
            out.append(rf"\par{{\small repair ({r['verdict']}): {escape_tex(r['edit'])}:}} {shown}")
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
