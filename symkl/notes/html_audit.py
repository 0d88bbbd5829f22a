"""Audits as HTML: a table for Jupyter, and one self-contained page (`--format html`).

## Main definitions
- `MARKS`: verdict -> (mark, colour) shown beside the verdict.
- `counterexample_table(values)`: a refuted step's counterexample as a small table: the
  values of the variables (exactly), then both sides and their difference to 12 digits.
- `audit_html_table(audit)`: one file's steps as a `<table>` (line, step, verdict,
  reason): `FileAudit._repr_html_`, what Jupyter shows.
- `audit_html_page(audits)`: every file's table with its summary and notes, as one page.

Everything that comes from the notes (step sources, reasons, names and values, the file
name) is HTML-escaped, quotes included, after its control and format characters are made
visible (`symkl.safeio.visible`): a bidi override must not reorder what a reader sees. The
page loads nothing (its styles are inline) and its Content-Security-Policy forbids scripts
and every fetch, so even a slip in the escaping could not run code or reach the network.
Steps are shown as their LaTeX source.
"""

import html
import math
from pathlib import PurePath

from symkl.notes.audit import FileAudit, StepAudit
from symkl.notes.render import summary
from symkl.safeio import visible

__all__ = ["MARKS", "counterexample_table", "audit_html_table", "audit_html_page"]

#: verdict -> (mark, colour): green confirmed, grey a definition, amber not settled,
#: red false
MARKS = {
    "proved": ("\u2713", "#1a7f37"),
    "holds-numerically": ("\u2713", "#1a7f37"),
    "definition": ("\u2254", "#57606a"),
    "undecided": ("?", "#9a6700"),
    "ambiguous": ("?", "#9a6700"),
    "unparsed": ("?", "#9a6700"),
    "refuted": ("\u2717", "#cf222e"),
}
#: counterexample keys that are not variables: the sides' values and how they were got
SIDES = ("before", "after", "difference")
_NOT_VARIABLES = (*SIDES, "bits", "error_bound")
#: significant digits of a value in a counterexample: enough to tell a real gap from
#: rounding in the last digits, few enough to read
DIGITS = 12

_PAGE_STYLE = """
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 70em; }
table.symkl-audit { border-collapse: collapse; margin: 1em 0; }
table.symkl-audit th, table.symkl-audit td {
  border: 1px solid #d0d7de; padding: 0.3em 0.6em; text-align: left; vertical-align: top;
}
table.symkl-audit code { white-space: pre-wrap; word-break: break-word; }
table.symkl-audit td:nth-child(2) { min-width: 20em; }
table.symkl-values { border-collapse: collapse; margin-top: 0.4em; font-size: 90%; }
table.symkl-values td, table.symkl-values th { border: 1px solid #d0d7de; padding: 0.1em 0.4em; }
"""
_CSP = "default-src 'none'; style-src 'unsafe-inline'"


def _text(value: object) -> str:
    """Notes text as HTML text: one line, controls visible, `<>&"'` escaped."""
    return html.escape(visible(str(value).replace("\n", " ")), quote=True)


def _number(value: object, digits: int | None = None) -> str:
    """A value as text: a float to `digits` significant digits, or exactly (the shortest
    text that reads back as it) where None; a list as a tuple; anything else as is."""
    if isinstance(value, float) and math.isfinite(value):
        return repr(value) if digits is None else f"{value:.{digits}g}"
    if isinstance(value, list | tuple):
        return "(" + ", ".join(_number(v, digits) for v in value) + ")"
    return str(value)  # an int, or a value too large for a float, kept as its string


def counterexample_table(values: dict | None) -> str:
    """`values` (a step's counterexample) as a two-column table, or "" when there is none.

    The variables come first, then `before`, `after` and `difference` (with its error
    bound, where the checker gives one)."""
    if not values:
        return ""
    # the point exactly (rounded, 0.999999999999999 would show as 1, where the step may
    # not even be defined); the sides to DIGITS
    rows = [(name, _number(v)) for name, v in values.items() if name not in _NOT_VARIABLES]
    for side in SIDES:
        if side in values:
            shown = _number(values[side], DIGITS)
            if side == "difference" and values.get("error_bound") not in (None, 0, 0.0):
                shown += " \u00b1 " + f"{values['error_bound']:.2g}"
            rows.append((side, shown))
    body = "".join(f"<tr><th>{_text(k)}</th><td>{_text(v)}</td></tr>" for k, v in rows)
    return f'<table class="symkl-values">{body}</table>'


def _verdict(verdict: str) -> str:
    mark, colour = MARKS.get(verdict, ("", "inherit"))
    style = f"color:{colour};font-weight:bold;white-space:nowrap"
    return f'<td style="{style}">{mark} {_text(verdict)}</td>'


def _row(s: StepAudit) -> str:
    where = f"cell {s.cell}, line {s.line}" if s.cell is not None else str(s.line)
    step = _text(f"{s.lhs} {s.relation} {s.rhs}")
    reason = _text(s.reason) + counterexample_table(s.counterexample)
    return (
        f"<tr><td>{_text(where)}</td><td><code>{step}</code></td>"
        f"{_verdict(s.verdict)}<td>{reason}</td></tr>"
    )


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{n} {v}" for v, n in counts.items() if n) or "no steps"


def audit_html_table(audit: FileAudit) -> str:
    """One file's steps as an HTML table, captioned with the file name and the counts."""
    caption = f"{_text(audit.path)}: {_text(_counts(audit.summary()))}"
    head = "<tr><th>line</th><th>step</th><th>verdict</th><th>reason</th></tr>"
    rows = "".join(_row(s) for s in audit.steps)
    return (
        f'<table class="symkl-audit"><caption>{caption}</caption>'
        f"<thead>{head}</thead><tbody>{rows}</tbody></table>"
    )


def _section(audit: FileAudit) -> str:
    parts = [f"<section><h2>{_text(PurePath(audit.path).name)}</h2>", audit_html_table(audit)]
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
