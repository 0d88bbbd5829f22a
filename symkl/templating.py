"""Jinja2 environments for LaTeX and Markdown, with escaping on by default.

Every value a template prints is escaped for its target (`escape_tex`, `escape_md`)
unless it is `Raw`: text the caller built for that target, such as LaTeX math from
symkl's printer. Text from derivations (titles, notes, descriptions, reasons) is
plain `str`, so a title such as ``\\input{/etc/passwd}`` prints as those characters.
Templates use StrictUndefined: a misspelt name is an error, not an empty string.

LaTeX templates use delimiters that do not fight LaTeX's braces and percent signs:
``\\VAR{expr}``, ``\\BLOCK{statement}`` and ``\\#{comment}``.
"""

import re
from collections.abc import Callable, Iterable

import jinja2

from symkl.prose_math import Segment

__all__ = [
    "Raw",
    "escape_tex",
    "escape_md",
    "code_line_tex",
    "code_span",
    "link_path",
    "md_math",
    "md_inline_math",
    "prose_tex",
    "prose_md",
    "fence",
    "tex_environment",
    "md_environment",
]


class Raw(str):
    """Text already in the target language; templates print it unescaped."""


#: characters with a meaning in LaTeX text mode, and what prints them literally
TEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "&": r"\&",
    "#": r"\#",
    "%": r"\%",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
    "<": r"\textless{}",
    ">": r"\textgreater{}",
    "|": r"\textbar{}",
    '"': r"\textquotedbl{}",
}

#: non-ASCII symbols the notes and docstrings use, as math commands
_TEX_MATH = {
    "α": r"\alpha", "β": r"\beta", "γ": r"\gamma", "δ": r"\delta", "η": r"\eta",  # noqa: RUF001
    "θ": r"\theta", "λ": r"\lambda", "μ": r"\mu", "π": r"\pi", "σ": r"\sigma",  # noqa: RUF001
    "Σ": r"\Sigma", "∂": r"\partial", "‖": r"\|", "≤": r"\le", "≥": r"\ge", "≠": r"\ne",
    "→": r"\to", "∞": r"\infty", "·": r"\cdot", "×": r"\times", "∈": r"\in",  # noqa: RUF001
}  # fmt: skip
#: non-ASCII characters as LaTeX that needs no extra package
TEX_UNICODE = {c: rf"\ensuremath{{{command}}}" for c, command in _TEX_MATH.items()} | {
    "−": "-", "–": "--", "—": "---", "‘": "`", "’": "'", "“": "``", "”": "''",  # noqa: RUF001
    "…": r"\dots{}",
}  # fmt: skip

_TEX = re.compile("|".join(map(re.escape, TEX_SPECIAL)))
_WHITESPACE = re.compile(r"\s+")


def _tex_char(c: str) -> str:
    if c in TEX_SPECIAL:
        return TEX_SPECIAL[c]
    if c in TEX_UNICODE:
        return TEX_UNICODE[c]
    # Printable ASCII and accented Latin letters print with T1 fonts; anything else
    # could stop pdflatex, so it shows as its code point.
    if " " <= c <= "~" or ("\u00c0" <= c <= "\u00ff" and c not in "\u00d7\u00f7"):
        return c
    return rf"\texttt{{[U+{ord(c):04X}]}}"


def escape_tex(value: object) -> str:
    """`value` as LaTeX text that prints its characters literally, on one line."""
    flat = _WHITESPACE.sub(" ", str(value))
    return "".join(_tex_char(c) for c in flat)


#: ASCII punctuation that Markdown (CommonMark, GitHub) may read as syntax or math anywhere
MD_SPECIAL = set("\\`*_{}[]<>#|$~&^")
#: and what is syntax only at the start of a line: "- x", "+ x", "1. x", "1) x", "---"
_MD_LINE_START = re.compile(r"^([-+]|\d+[.)])(?=\s|$|-)")


def escape_md(value: object) -> str:
    """`value` as Markdown text that renders its characters literally, on one line."""
    flat = _WHITESPACE.sub(" ", str(value))
    flat = "".join("\\" + c if c in MD_SPECIAL else c for c in flat)
    return _MD_LINE_START.sub(lambda m: m.group()[:-1] + "\\" + m.group()[-1], flat)


def _finalize(escape: Callable[[object], str]) -> Callable[[object], str]:
    def finalize(value: object) -> str:
        return value if isinstance(value, Raw) else escape(value)

    return finalize


def _environment(escape: Callable[[object], str], **delimiters: str) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("symkl", "templates"),
        undefined=jinja2.StrictUndefined,
        finalize=_finalize(escape),
        autoescape=False,  # HTML autoescaping; escaping here is done by `finalize`
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        **delimiters,
    )


def tex_environment() -> jinja2.Environment:
    """Templates *.tex.j2: ``\\VAR{}``, ``\\BLOCK{}``, ``\\#{}``; values escaped for LaTeX."""
    env = _environment(
        escape_tex,
        block_start_string=r"\BLOCK{",
        block_end_string="}",
        variable_start_string=r"\VAR{",
        variable_end_string="}",
        comment_start_string=r"\#{",
        comment_end_string="}",
    )
    env.filters.update(code=code_line_tex, prose=prose_tex)
    return env


def md_environment() -> jinja2.Environment:
    """Templates *.md.j2: the usual ``{{ }}`` and ``{% %}``; values escaped for Markdown."""
    env = _environment(escape_md)
    env.filters.update(
        code_span=code_span,
        fence=fence,
        math=md_math,
        path=link_path,
        prose=prose_md,
        verbatim=Raw,
    )
    return env


def code_line_tex(line: str) -> Raw:
    """One line of source code for the `code` environment: escaped, spaces kept."""
    return Raw("\\mbox{}" + "".join("~" if c == " " else _tex_char(c) for c in line))


def code_span(text: str) -> Raw:
    """`text` inside a Markdown code span (`...`), where backslash escapes do not work."""
    if "`" in text or "\n" in text:
        raise ValueError(f"cannot put {text!r} in a Markdown code span")
    return Raw(text)


def link_path(path: str) -> Raw:
    """A relative file path for a Markdown link or LaTeX \\includegraphics, checked
    to hold only letters, digits and ``_-./`` so it needs no escaping."""
    if not re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9_./-]*", path) or ".." in path:
        raise ValueError(f"{path!r} is not a plain relative path")
    return Raw(path)


def md_math(latex: str) -> Raw:
    """LaTeX math for a GitHub $$ block: < and > as \\lt and \\gt, which an HTML
    sanitizer cannot take for the start of a tag."""
    return Raw(latex.replace("<", r"\lt ").replace(">", r"\gt "))


def md_inline_math(latex: str) -> Raw:
    """LaTeX math for GitHub's inline `$...$`, which may stand in a table cell: as
    `md_math`, and with no `|` (a cell separator there) but `\\vert` and `\\Vert`."""
    return Raw(md_math(latex.replace(r"\|", r"\Vert ").replace("|", r"\vert ")).strip())


#: where LaTeX may break a line inside a name in typewriter type
BREAK = r"\allowbreak{}"


def prose_tex(segments: Iterable[Segment]) -> Raw:
    """Prose segments (`symkl.prose_math`) as LaTeX: text escaped, math in `$...$`, code
    in typewriter type."""
    parts = []
    for s in segments:
        if s.kind == "math":
            parts.append(f"${s.value}$")
        elif s.kind == "code":
            # a long name (symkl.optima.same_optimizer) may break after a dot or underscore
            code = escape_tex(s.value).replace("\\_", "\\_" + BREAK).replace(".", "." + BREAK)
            parts.append(rf"\texttt{{{code}}}")
        else:
            parts.append(escape_tex(s.value))
    return Raw("".join(parts))


def prose_md(segments: Iterable[Segment]) -> Raw:
    """Prose segments as GitHub Markdown: text escaped, math in `$...$` (which GitHub
    renders), code in a code span."""
    parts = []
    for s in segments:
        if s.kind == "math":
            parts.append(f"${md_inline_math(s.value)}$")
        elif s.kind == "code" and "`" not in s.value:
            parts.append(f"`{s.value}`")
        else:
            parts.append(escape_md(s.value))
    return Raw("".join(parts))


def fence(text: str) -> Raw:
    """A code fence longer than any run of backticks in `text`, so it cannot close early."""
    longest = max((len(run) for run in re.findall("`+", text)), default=0)
    return Raw("`" * max(3, longest + 1))
