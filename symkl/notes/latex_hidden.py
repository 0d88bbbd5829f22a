"""What of a LaTeX file TeX never typesets.

## Main definitions
- `hidden_spans(text, directives)`: [start, end) of each region of a LaTeX file that is not
  typeset: `%` comments, the escaped dollar `\\$`, `\\verb`, `\\iffalse ... \\fi`, and the
  environments in `HIDDEN_ENVIRONMENTS` (`comment`, `verbatim`, `lstlisting`, ...).
- `HIDDEN_ENVIRONMENTS`: environments whose body is shown as typed, or not at all.

symkl's own comments (`% symkl: x=positive`) are kept with `directives=True`.
"""

import re

__all__ = ["hidden_spans", "HIDDEN_ENVIRONMENTS", "DIRECTIVE", "line_end"]

#: LaTeX environments whose body is shown as typed (or not at all): never math or prose
HIDDEN_ENVIRONMENTS = (
    "comment",
    "verbatim",
    "verbatim*",
    "Verbatim",
    "Verbatim*",
    "BVerbatim",
    "LVerbatim",
    "lstlisting",
    "minted",
    "filecontents",
    "filecontents*",
)
#: TeX's conditionals: inside a skipped `\\iffalse`, each opens a `\\fi` of its own
_CONDITIONAL = re.compile(
    r"if(?:x|num|dim|odd|vmode|hmode|mmode|inner|void|hbox|vbox|eof|true|false|case|cat"
    r"|defined|csname|fontchar)?"
)
#: a symkl comment, just after `<!--` or `%`
DIRECTIVE = re.compile(r"[ \t]*symkl:")
_TEX_TOKEN = re.compile(r"\\(?:[A-Za-z]+|.)|%", re.S)


def line_end(text: str, at: int) -> int:
    """The index of the newline that ends the line holding `at` (the text's length if none)."""
    end = text.find("\n", at)
    return len(text) if end < 0 else end


def hidden_spans(text: str, directives: bool = False) -> list[tuple[int, int]]:
    """[start, end) of each region of a LaTeX file that is not typeset.

    Args:
        text: a .tex file's contents.
        directives: keep symkl's own comments (`% symkl: ...`).
    """
    hidden, k = [], 0
    while (m := _TEX_TOKEN.search(text, k)) is not None:
        token, k = m.group(0), m.end()
        if token == "%":
            k = line_end(text, m.start())
            if not (directives and DIRECTIVE.match(text, m.end())):
                hidden.append((m.start(), k))
        elif token == r"\$":
            hidden.append((m.start(), k))
        elif token == r"\verb":
            k = _verb_end(text, m.start())
            hidden.append((m.start(), k))
        elif token == r"\begin":
            name = re.match(r"\s*\{([A-Za-z]+\*?)\}", text[k : k + 40])
            if name and name.group(1) in HIDDEN_ENVIRONMENTS:
                close = text.find(f"\\end{{{name.group(1)}}}", k)
                k = len(text) if close < 0 else close + len(name.group(1)) + 6
                hidden.append((m.start(), k))
        elif token == r"\iffalse":
            k = _skipped_to(text, k)
            hidden.append((m.start(), k))
    return hidden


def _verb_end(text: str, at: int) -> int:
    """The end of `\\verb|...|` (or `\\verb*`) at `at`: its delimiter again, on its line."""
    k = at + 5 + (text.startswith("*", at + 5))
    if k >= len(text) or text[k] in "\n":
        return k
    close = text.find(text[k], k + 1, line_end(text, k))
    return line_end(text, k) if close < 0 else close + 1


def _skipped_to(text: str, k: int) -> int:
    """The end of what `\\iffalse` skips from `k`: its `\\fi` (or an `\\else` of its own),
    past nested conditionals and comments, as TeX skips; the end of the text if none."""
    depth = 0
    while (m := _TEX_TOKEN.search(text, k)) is not None:
        token, k = m.group(0), m.end()
        if token == "%":
            k = line_end(text, m.start())
        elif _CONDITIONAL.fullmatch(token[1:]):
            depth += 1
        elif token == r"\fi":
            if depth == 0:
                return k
            depth -= 1
        elif token == r"\else" and depth == 0:
            return k
    return len(text)
