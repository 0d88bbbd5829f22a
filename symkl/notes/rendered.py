"""What of a notes file a reader sees: every region that is not rendered, blanked.

## Main definitions
- `rendered(text, kind, directives)`: the text with what is not rendered replaced by spaces,
  newlines kept, so every offset and line number stays where it was.

Not rendered, and so no part of the notes, in Markdown (and .txt written like it): fenced
(but for the fences of a box whose content is Markdown: `~~~admonish note`, MyST's
`` ```{note} ``) and inline code, indented code blocks (four spaces or a tab after a blank
line, outside a list item and outside display math), HTML comments `<!-- ... -->`,
`<script>` and `<style>` elements (a `<details>` block is rendered, folded), and the
escaped dollar
`\\$` (a dollar sign, never math; `\\$$` shows the source of a display: neither dollar
opens one). In LaTeX: what TeX never typesets (`symkl.notes.latex_hidden`): comments,
`\\verb`, the environments in `HIDDEN_ENVIRONMENTS`, the branch of a conditional that is not
taken (`\\iffalse ... \\fi`, the file's `\\newif` switches), the arguments of the file's
macros that their body never typesets (`\\newcommand{\\todo}[1]{}`).

symkl's own comments (`<!-- symkl: x=positive -->`, `% symkl: x=positive`) are notes for
symkl: `directives=True` keeps them for the one reader of that syntax (`front_matter`).
Everything else reads the text with them blanked too.
"""

import re

from symkl.notes.latex_hidden import (
    DIRECTIVE,
    HIDDEN_ENVIRONMENTS,
    blank,
    hidden_spans,
    line_end,
)

__all__ = ["rendered", "HIDDEN_ENVIRONMENTS"]

#: YAML front matter (as `front_matter` reads it): left as it is
_FRONT_MATTER = re.compile(r"---\n.*?\n---\s*\n", re.S)


def rendered(text: str, kind: str = "markdown", directives: bool = False) -> str:
    """The text with every region that is not rendered blanked (same length, newlines kept).

    Args:
        text: a notes file's contents.
        kind: "markdown" (also .txt written like Markdown) or "latex".
        directives: keep symkl's own comments (`<!-- symkl: ... -->`, `% symkl: ...`).
    """
    hidden = hidden_spans(text, directives) if kind == "latex" else _markdown(text, directives)
    return blank(text, hidden)


# ---------------------------------------------------------------- Markdown

#: what may start a hidden span inside a line: an escape (`\\$$` is the source of a `$$`
#: shown as text, both dollars), a run of backticks, a comment, a script or a style sheet
_INLINE_TOKEN = re.compile(r"\\\$\$?|\\[\\`]|`+|<!--|<(?i:script|style)(?=[\s>/])")
#: what closes an HTML comment, a script, a style sheet
_HTML_CLOSER = {
    "<!--": re.compile("-->"),
    "<script": re.compile(r"</script\s*>", re.I),
    "<style": re.compile(r"</style\s*>", re.I),
}
_FENCE = re.compile(r"[ \t]*(```|~~~)")
#: the info string of a fence whose content is Markdown, not code: mdBook's admonish
#: boxes and MyST's admonitions (`{note}`, `{warning}`, ...)
_PROSE_FENCE = re.compile(
    r"[ \t]*(?:admonish(?![\w-])|\{(?:note|warning|tip|hint|important|caution|attention|danger"
    r"|error|seealso|admonition)\})"
)
_LIST_ITEM = re.compile(r" {0,3}(?:[-*+]|[0-9]{1,9}[.)])(?:[ \t]|$)")
#: what opens or closes display math in a Markdown line (`\\\\` first: a row break)
_MATH_TOKEN = re.compile(r"\\\\|\$\$|\\\[|\\\]|\\(begin|end)\s*\{[A-Za-z]+\*?\}")


def _indent(line: str) -> int:
    """Columns of leading whitespace, a tab to the next multiple of four."""
    column = 0
    for c in line:
        if c == " ":
            column += 1
        elif c == "\t":
            column += 4 - column % 4
        else:
            break
    return column


class _Math:
    """Whether a Markdown line lies inside display math (`$$`, `\\[`, an environment)."""

    def __init__(self):
        self.dollars, self.bracket, self.depth = False, False, 0

    @property
    def open(self) -> bool:
        return self.dollars or self.bracket or self.depth > 0

    def read(self, line: str) -> None:
        for m in _MATH_TOKEN.finditer(line):
            token = m.group(0)
            if token == "$$":
                self.dollars = not self.dollars
            elif token in (r"\[", r"\]"):
                self.bracket = token == r"\["
            elif m.group(1) == "begin":
                self.depth += 1
            elif m.group(1) == "end":
                self.depth = max(self.depth - 1, 0)


def _markdown(text: str, directives: bool) -> list[tuple[int, int]]:
    """[start, end) of each region of a Markdown file that is not rendered."""
    hidden: list[tuple[int, int]] = []
    front = _FRONT_MATTER.match(text)
    k = front.end() if front else 0
    math, after_blank, in_list, in_code = _Math(), True, False, False
    box_ends: set[int] = set()  # where the closing fences of Markdown boxes start
    while k < len(text):
        end = line_end(text, k)
        line = text[k:end]
        blank = not line.strip()
        indent = _indent(line)
        if in_code and (blank or indent >= 4):
            hidden.append((k, end))
            k = end + 1
            continue
        in_code = False
        if not blank and indent >= 4 and after_blank and not in_list and not math.open:
            in_code = True  # an indented code block
            hidden.append((k, end))
            after_blank, k = False, end + 1
            continue
        if k in box_ends:  # the closing fence of a box, hidden already
            after_blank, k = True, end + 1
            continue
        if fence := _FENCE.match(line):
            closer = re.compile(rf"(?m)^[ \t]*{fence.group(1)}[^\n]*$").search(text, end)
            stop = len(text) if closer is None else closer.end()
            if _PROSE_FENCE.match(line, fence.end()) and closer is not None:
                # ~~~admonish note: a box around Markdown, rendered; only its fences hide
                hidden += [(k, end), (closer.start(), closer.end())]
                box_ends.add(closer.start())
                after_blank, k = True, end + 1
                continue
            hidden.append((k, stop))
            after_blank, k = False, stop + 1
            continue
        if not blank:
            if _LIST_ITEM.match(line):
                in_list = True
            elif indent == 0 and (after_blank or line.startswith("#")):
                in_list = False  # a paragraph or heading after the list ends it
        first = len(hidden)
        end = _inline(text, k, end, hidden, directives)
        math.read(_without(text, k, end, hidden[first:]))
        after_blank, k = not text[k:end].strip(), end + 1
    return hidden


def _inline(text: str, k: int, end: int, hidden: list, directives: bool) -> int:
    """Add the hidden spans of the line [k, end) to `hidden`: code spans, escaped dollars,
    comments, scripts and style sheets (which may run over lines: then the line their end
    is on is read on). Returns the end of the last line read."""
    unclosed: set[str] = set()  # backtick runs with no closer later on this line
    while (m := _INLINE_TOKEN.search(text, k, end)) is not None:
        token, k = m.group(0), m.end()
        if token.startswith("<"):
            close = _HTML_CLOSER[token.lower()].search(text, k)
            k = len(text) if close is None else close.end()
            if not (token == "<!--" and directives and DIRECTIVE.match(text, m.end())):
                hidden.append((m.start(), k))
            if k > end:
                end = line_end(text, k)
        elif token.startswith("`") and token not in unclosed:
            closer = re.compile(rf"(?<!`){token}(?!`)").search(text, k, end)
            if closer is None:
                unclosed.add(token)  # none after here either: no second search (linear)
            else:
                hidden.append((m.start(), closer.end()))
                k = closer.end()
        elif token.startswith(r"\$"):
            hidden.append((m.start(), k))
    return end


def _without(text: str, k: int, end: int, spans: list[tuple[int, int]]) -> str:
    """text[k:end] with `spans` (in order, inside it) left out."""
    pieces, last = [], k
    for a, b in spans:
        pieces.append(text[last:a])
        last = max(last, b)
    pieces.append(text[last:end])
    return "".join(pieces)
