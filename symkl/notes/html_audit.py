"""Audits as HTML: a table for Jupyter, and one self-contained page (`--format html`).

## Main definitions
- `COLOURS`, `MARKS`: verdict (or "assumption") -> colour, and (mark, colour).
- `counterexample_table(values)`: a refuted step's counterexample as a small table
  (`symkl.notes.counterexample`: the point, both sides and their difference).
- `step_html(step)`: one step: its verdict mark, the step typeset as MathML, where it is
  and how it was written, the reason, the counterexample and the repairs.
- `audit_html_table(audit)`: one file's steps as a `<table>`: `FileAudit._repr_html_`.
- `audit_html_page(audits)`: one page: per file the notes' text, each display replaced by
  its steps, typeset and marked with their verdicts.

Math is MathML (`symkl.notes.typeset.mathml`), which browsers render without scripts or
fonts from the network. A step is typeset from the tree symkl read, never from its
source; math of the notes' own (inline math in the prose, a display that holds no step)
from its source, macros expanded, only where it passes the same whitelist, else as
escaped code. Everything else from the notes (sources, prose, reasons, names, values, the
file name) is HTML-escaped, quotes included, after its control and format characters are
made visible (`symkl.safeio.visible`): a bidi override must not reorder what a reader
sees. The page loads nothing (its styles are inline) and its Content-Security-Policy
forbids scripts and every fetch, so even a slip in the escaping could not run code or
reach the network.
"""

import html
import re
from pathlib import PurePath

from symkl.notes.audit import FileAudit, StepAudit
from symkl.notes.counterexample import counterexample_rows
from symkl.notes.macros import MacroError, expand, find_macros
from symkl.notes.render import MARKS as TEXT_MARKS
from symkl.notes.render import step_label, summary
from symkl.notes.typeset import mathml, step_lines
from symkl.safeio import visible

__all__ = [
    "COLOURS",
    "MARKS",
    "counterexample_table",
    "step_html",
    "audit_html_table",
    "audit_html_page",
]

#: verdict (or "assumption") -> colour: green confirmed, grey a definition or assumption,
#: amber not settled, red false
COLOURS = {
    "proved": "#1a7f37",
    "holds-numerically": "#1a7f37",
    "definition": "#57606a",
    "assumption": "#57606a",
    "undecided": "#9a6700",
    "ambiguous": "#9a6700",
    "unparsed": "#9a6700",
    "refuted": "#cf222e",
}
#: verdict (or "assumption") -> (mark, colour) shown beside the verdict
MARKS = {kind: (TEXT_MARKS[kind], colour) for kind, colour in COLOURS.items()}

_PAGE_STYLE = """
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 60em; line-height: 1.45;
  padding: 0 1em; }
.symkl-step { border-left: 4px solid var(--c); margin: 0.8em 0; padding: 0.3em 0.8em;
  background: #f6f8fa; }
.symkl-step .head { font-size: 90%; color: #57606a; }
.symkl-step .verdict { color: var(--c); font-weight: bold; margin-right: 0.6em; }
.symkl-step .math { overflow-x: auto; padding: 0.2em 0; }
.symkl-step .lines { display: table; margin: 0 auto; }
.symkl-step .lines div + div { padding-left: 3em; }
.symkl-step .reason { font-size: 90%; }
.symkl-step code, .prose code { white-space: pre-wrap; word-break: break-word; }
.display-text { color: #57606a; }
table.symkl-audit { border-collapse: collapse; margin: 1em 0; }
table.symkl-audit th, table.symkl-audit td {
  border: 1px solid #d0d7de; padding: 0.3em 0.6em; text-align: left; vertical-align: top;
}
table.symkl-values { border-collapse: collapse; margin: 0.4em 0; font-size: 90%; }
table.symkl-values td, table.symkl-values th { border: 1px solid #d0d7de; padding: 0.1em 0.5em;
  text-align: left; font-variant-numeric: tabular-nums; }
"""
#: about how many characters of math a line of the page holds
LINE_WIDTH = 70
_CSP = "default-src 'none'; style-src 'unsafe-inline'"
#: inline math in prose: `$...$` or `\(...\)`
_INLINE_MATH = re.compile(r"(?<![\\$])\$([^$\n]+?)\$(?!\$)|\\\((.+?)\\\)")
#: a display's delimiters, and the declarations in it that are not math
_DISPLAY_DELIMITERS = re.compile(r"^\s*(?:\$\$|\\\[)(.*?)(?:\$\$|\\\])\s*$", re.S)
_DECLARATIONS = re.compile(r"\\DeclareMathOperator\*?\s*\{[^{}]*\}\s*\{[^{}]*\}")
#: `~` (a tie) outside a control symbol: a space
_TIE = re.compile(r"(?<!\\)~")
#: LaTeX lines that structure the file rather than say anything: not shown
_STRUCTURE = re.compile(
    r"^\s*\\(?:documentclass|usepackage|(?:begin|end)\{document\}|maketitle|title|author|date"
    r"|newcommand|renewcommand|DeclareMathOperator)(?![A-Za-z]).*$"
)
#: a heading line: Markdown `#`, or a LaTeX sectioning command
_HEADING = re.compile(r"^\s*(?:#{1,6}\s+(.*)|\\(?:sub)*section\*?\{(.*)\}\s*)$")


def _text(value: object) -> str:
    """Notes text as HTML text: one line, controls visible, `<>&"'` escaped."""
    return html.escape(visible(str(value).replace("\n", " ")), quote=True)


def counterexample_table(values: dict | None) -> str:
    """`values` (a step's counterexample) as a two-column table, or "" when there is none."""
    rows = counterexample_rows(values)
    if not rows:
        return ""
    body = "".join(f"<tr><th>{_text(k)}</th><td>{_text(v)}</td></tr>" for k, v in rows)
    return f'<table class="symkl-values">{body}</table>'


def _kind(s: StepAudit) -> str:
    """What the step's mark and colour stand for: its verdict, or an assumption."""
    return "assumption" if s.assumption else s.verdict


def _mark(s: StepAudit) -> str:
    mark, colour = MARKS.get(_kind(s), ("", "inherit"))
    shown = step_label(s)
    style = f"color:{colour};font-weight:bold;white-space:nowrap;margin-right:0.6em"
    return f'<span class="verdict" style="{style}">{mark} {_text(shown)}</span>'


def _where(s: StepAudit) -> str:
    return f"cell {s.cell}, line {s.line}" if s.cell is not None else str(s.line)


def _source(s: StepAudit) -> str:
    return _text(f"{s.lhs} {s.relation} {s.rhs}")


def _typeset(s: StepAudit) -> str:
    """The step as MathML (broken into lines where it is wide: browsers do not break
    MathML), or its escaped source where it was not read."""
    if s.typeset is None:
        return f"<code>{_source(s)}</code>"
    lines = step_lines(s.typeset, LINE_WIDTH)
    if len(lines) == 1:
        return mathml(lines[0]) or f"<code>{_source(s)}</code>"
    # inline math in display style, one line a block: the lines align left, the first
    # flush and the rest indented, and the whole is centred
    shown = [mathml(r"\displaystyle " + line, display=False) for line in lines]
    if None in shown:
        return f"<code>{_source(s)}</code>"
    return '<div class="lines">' + "".join(f"<div>{m}</div>" for m in shown) + "</div>"


def _repaired(repair: dict) -> str:
    shown = mathml(repair["typeset"], display=False) if repair["typeset"] else None
    return shown or f"<code>{_text(repair['text'])}</code>"


def _repairs(s: StepAudit) -> str:
    if not s.repairs:
        return ""
    items = "".join(
        f"<li>{_text(r['edit'])}: {_repaired(r)} <small>({_text(r['verdict'])})</small></li>"
        for r in s.repairs
    )
    return f'<div class="reason">Edits that make the step hold:<ul>{items}</ul></div>'


def step_html(s: StepAudit) -> str:
    """One step as a block: mark and verdict, where, the typeset step, how it was written,
    the reason, the counterexample table and the repairs."""
    colour = COLOURS.get(_kind(s), "#d0d7de")
    where = _where(s) if s.cell is not None else f"line {s.line}"
    written = f" \u00b7 as written: <code>{_source(s)}</code>" if s.typeset else ""
    return (
        f'<div class="symkl-step" style="--c:{colour}">'
        f'<div class="head">{_mark(s)}{_text(where)}{written}</div>'
        f'<div class="math">{_typeset(s)}</div>'
        f'<div class="reason">{_text(s.reason)}</div>'
        f"{counterexample_table(s.counterexample)}{_repairs(s)}</div>"
    )


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{n} {v}" for v, n in counts.items() if n) or "no steps"


def audit_html_table(audit: FileAudit) -> str:
    """One file's steps as an HTML table, captioned with the file name and the counts."""
    caption = f"{_text(audit.path)}: {_text(_counts(audit.summary()))}"
    head = "<tr><th>line</th><th>step</th><th>verdict</th><th>reason</th></tr>"
    rows = "".join(
        f"<tr><td>{_text(_where(s))}</td><td>{_typeset(s)}</td><td>{_mark(s)}</td>"
        f"<td>{_text(s.reason)}{counterexample_table(s.counterexample)}{_repairs(s)}</td></tr>"
        for s in audit.steps
    )
    return (
        f'<table class="symkl-audit"><caption>{caption}</caption>'
        f"<thead>{head}</thead><tbody>{rows}</tbody></table>"
    )


def _prose_mathml(source: str, display: bool, macros: dict | None = None) -> str | None:
    """Math from the prose as MathML: the notes' macros expanded and a tie `~` read as a
    space, then the same whitelist as a step; None where it does not pass."""
    try:
        source = expand(_DECLARATIONS.sub(" ", source), macros or {})
    except MacroError:
        return None
    return mathml(_TIE.sub(r"\\ ", source), display=display)


def _display(source: str, macros: dict) -> str:
    """A display with no step: typeset where its math passes the whitelist, else its
    escaped source."""
    inner = _DISPLAY_DELIMITERS.match(source)
    shown = _prose_mathml(" ".join(inner.group(1).split()), True, macros) if inner else None
    return shown or f'<p class="display-text"><code>{_text(source)}</code></p>'


def _inline(line: str, macros: dict | None = None) -> str:
    """A prose line: its inline math as MathML where it passes the whitelist, else as
    escaped code; the rest escaped."""
    out, at = [], 0
    for m in _INLINE_MATH.finditer(line):
        source = m.group(1) if m.group(1) is not None else m.group(2)
        shown = _prose_mathml(source, False, macros)
        out += [_text(line[at : m.start()]), shown or f"<code>{_text(m.group(0))}</code>"]
        at = m.end()
    return "".join([*out, _text(line[at:])])


def _prose(lines: list[str], macros: dict | None = None) -> list[str]:
    """Prose lines as paragraphs and headings."""
    out, paragraph = [], []
    for line in [*lines, ""]:
        heading = _HEADING.match(line)
        if (heading or not line.strip()) and paragraph:
            out.append(f'<p class="prose">{" ".join(paragraph)}</p>')
            paragraph = []
        if heading:
            title = (heading.group(1) or heading.group(2) or "").strip()
            out.append(f"<h3>{_inline(title, macros)}</h3>")
        elif line.strip() and not _STRUCTURE.match(line):
            paragraph.append(_inline(line, macros))
    return out


def _notes_body(audit: FileAudit) -> list[str]:
    """The notes' text, each display replaced by its steps (a display with no step typeset
    where its math passes the whitelist, else shown as its escaped source)."""
    lines = audit.text.split("\n")
    macros = find_macros(audit.text)
    starts = {first: last for first, last in audit.displays}
    shown: set[int] = set()
    out, prose = [], []
    n = 1
    while n <= len(lines):
        last = starts.get(n, n)
        steps = [s for s in audit.steps if n <= s.line <= last and id(s) not in shown]
        if n in starts or steps:
            out += _prose(prose, macros)
            prose = []
            shown |= {id(s) for s in steps}
            if steps:
                out += [step_html(s) for s in steps]
            else:
                out.append(_display("\n".join(lines[n - 1 : last]), macros))
            n = last + 1
            continue
        prose.append(lines[n - 1])
        n += 1
    out += _prose(prose, macros)
    out += [step_html(s) for s in audit.steps if id(s) not in shown]
    return out


def _section(audit: FileAudit) -> str:
    counts = f"<p>{_text(_counts(audit.summary()))}</p>"
    parts = [f"<section><h2>{_text(PurePath(audit.path).name)}</h2>", counts]
    parts += _notes_body(audit) if audit.text else [step_html(s) for s in audit.steps]
    if audit.notes:
        items = "".join(f"<li>line {line}: {_text(m)}</li>" for line, m in audit.notes)
        parts.append(f"<h3>Notes on expressions without a relation</h3><ul>{items}</ul>")
    parts.append("</section>")
    return "\n".join(parts)


def audit_html_page(audits: list[FileAudit], title: str = "symkl verify") -> str:
    """Every file's audit as one self-contained HTML page (no scripts, no fetches)."""
    head = (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
        f"<title>{_text(title)}</title>\n<style>{_PAGE_STYLE}</style>\n</head>\n<body>\n"
    )
    total = f"<p>{sum(len(a.steps) for a in audits)} steps in {len(audits)} file(s): "
    total += f"{_text(_counts(summary(audits)))}</p>"
    body = [f"<h1>{_text(title)}</h1>", total, *(_section(a) for a in audits)]
    return head + "\n".join(body) + "\n</body>\n</html>\n"
