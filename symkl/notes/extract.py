"""Find display math in course notes and split it into steps, with line numbers.

## Main definitions
- `Block`: one display-math block: its source, the file offset where it starts.
- `Statement`: one step `lhs REL rhs` (or a bare expression), each side a source slice.
- `blocks(text, kind)`: the display-math blocks of a Markdown/.txt or LaTeX file.
- `statements(text, kind)`: every step of every block, in file order; a step an
  implication joins to another (`a = b \\implies e^a = e^b`, `CONNECTIVES`,
  `CONNECTIVE_WORDS`) is marked as its hypothesis or consequence, no claim of its own.

A scanner of our own rather than a Markdown library: markdown-it's dollarmath misses
`\\[...\\]` and reads `$\\begin{align*}...$` as inline math (../shared/FACTS.md). Every
position is kept as an offset into the file, so each step knows the line of its relation
symbol (for `&=`, the line of that `&=`).
"""

import bisect
import re
from dataclasses import dataclass, replace

from symkl.notes.macros import group as brace_group
from symkl.notes.notation import limit_describes_e
from symkl.notes.prose import (
    after_row_break,
    bernoulli_laws_in_words,
    called_wrong,
    claims_in_words,
    definitions_in_words,
    join_table_cells,
    means_in_words,
    plainly_said,
    prose_text,
)
from symkl.notes.rendered import rendered

__all__ = [
    "Block",
    "Statement",
    "LineMap",
    "blocks",
    "statements",
    "RELATIONS",
    "DEFINITIONS",
    "CONNECTIVES",
    "CONNECTIVE_WORDS",
]

#: display environments whose body is math
ENVIRONMENTS = (
    "equation",
    "align",
    "aligned",
    "alignat",
    "alignedat",
    "flalign",
    "gather",
    "gathered",
    "multline",
    "eqnarray",
    "split",
    "displaymath",
)
_ENV = "|".join(ENVIRONMENTS)

#: relation source -> canonical relation ("def" for definitions)
RELATIONS = {
    ":=": "def",
    r"\coloneqq": "def",
    r"\triangleq": "def",
    r"\equiv": "def",
    r"\stackrel{def}{=}": "def",
    r"\stackrel{\text{def}}{=}": "def",
    r"\overset{def}{=}": "def",
    r"\overset{\text{def}}{=}": "def",
    r"\stackrel{\mathrm{def}}{=}": "def",
    r"\neq": "!=",
    r"\ne": "!=",
    r"\leq": "<=",
    r"\leqslant": "<=",
    r"\le": "<=",
    r"\geq": ">=",
    r"\geqslant": ">=",
    r"\ge": ">=",
    r"\approx": "~",
    "=": "=",
    "<": "<",
    ">": ">",
}
DEFINITIONS = {k for k, v in RELATIONS.items() if v == "def"}
# Longest first, and a control word must not run on into letters (\le vs \left).
_REL_RE = re.compile(
    "|".join(
        re.escape(r) + (r"(?![A-Za-z])" if r[-1].isalpha() else "")
        for r in sorted(RELATIONS, key=len, reverse=True)
    )
)
#: statements separated by spacing in one row: `p = {...} \quad 0 <= p_i`
_SEPARATOR_RE = re.compile(r"\\q?quad(?![A-Za-z])")


class LineMap:
    """Offsets in a text -> 1-based line numbers."""

    def __init__(self, text: str):
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def line(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset)

    def column(self, offset: int) -> int:
        return offset - self.starts[self.line(offset) - 1] + 1


@dataclass(frozen=True)
class Block:
    """Display math: `source` is text[start:start + len(source)]."""

    source: str
    start: int
    #: a definition in running text (`let $f(x) = ...$`): its `=` defines
    defines: bool = False
    #: a prose formula that may define a name (`the log-variance $v = \\log\\sigma^2$`):
    #: it does where the name has no value yet, and is no claim otherwise
    fresh: bool = False
    #: what is read in place of `source`, where they differ: a definition by cases said in
    #: words (`let $u(x) = 1/4$ for $0 \le x \le 4$ and $u(x) = 0$ otherwise`) as the
    #: cases it says
    reads: str = ""


@dataclass(frozen=True)
class Side:
    """One side of a step: the slice [start, end) of the file; `source` cleaned for
    display, `text` the slice with block framing blanked (same length, for parsing)."""

    source: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Statement:
    """`lhs REL rhs` with `relation` canonical ('=', '<=', 'def', ...), `symbol` as
    written, and the file offset of the relation symbol; a bare expression has
    relation '' and rhs None.

    A relation an implication joins to another (`a = b \\implies e^a = e^b`) is no claim
    of its own: `role` is "hypothesis", "consequence" or "equivalent" (else ""), and
    `joined` says how, for a reader ("a consequence of the relation before it
    (\\implies)")."""

    lhs: Side
    relation: str
    symbol: str
    rhs: Side | None
    offset: int
    role: str = ""
    joined: str = ""
    #: from a prose formula that defines a name without saying so (`Block.fresh`)
    fresh: bool = False


@dataclass(frozen=True)
class Row:
    """A row of a block: [start, end), and the connective cut (`\\implies`,
    `\\text{thus}`) before it, if one is."""

    start: int
    end: int
    after: re.Match | None
    #: after a `&` that separates two statements side by side (`_column_cuts`)
    column: bool = False


def _mask_inline_math(text: str) -> str:
    """Blank inline `$...$` the way TeX reads dollars: in inline math a `$` closes it, so
    `$a=$$b$` (LyX writes that) is two inline formulas, not a `$$` display."""
    out = list(text)
    k, start = 0, None
    while k < len(text):
        c = text[k]
        if c == "\\":
            k += 2
            continue
        if c == "$":
            if start is not None:  # closes inline math
                out[start : k + 1] = re.sub(r"[^\n]", " ", text[start : k + 1])
                start = None
            elif text.startswith("$$", k):  # a display: skip to its end
                end = text.find("$$", k + 2)
                k = len(text) if end < 0 else end + 2
                continue
            else:
                start = k
        k += 1
    return "".join(out)


# Display math, in the order tried at each position: `$$...$$`, `\[...\]`,
# `$\begin{align}...\end{align}$`, `\begin{env}...\end{env}`, a line that is one `$...$`.
# Each of the first four ends at the first closer after its opener (at least one character
# after it), looked up in sorted lists: a regex `.+?` rescanned to the end of the file for
# every unclosed opener (120 KB of `\[` took minutes).
_OPENER_RE = re.compile(
    rf"(?P<dd>\$\$)|(?P<br>\\\[)|(?P<al>\$\\begin\{{(?:{_ENV})\*?\}})"
    rf"|\\begin\{{(?P<name>{_ENV})\*?\}}"
)
#: `\end{env}`, the math's end, and the `$` after it that closes `$\begin{env}...`
_END_RE = re.compile(rf"\\end\{{(?P<name>{_ENV})\*?\}}(?P<dollar>\s*\$)?")
_LINE_RE = re.compile(r"[ \t>]*\$(?P<line>[^$\n]+)\$[ \t.,;]*$", re.M)
#: (a row break `\\` is taken whole: `\\[4pt]` opens no display)
_CANDIDATE_RE = re.compile(r"(?m:^)|\$|\\\\|\\")

Closer = tuple[int, int, int]  # (start, end of the math, end of the block)


def _closers(masked: str) -> dict[str, list[Closer]]:
    """Every closer by the opener it closes ("dd", "br", "al", or an environment's name),
    sorted by start."""
    found: dict[str, list[Closer]] = {"dd": [], "br": [], "al": []}
    broken = after_row_break(masked)  # `\\\\end{align}`: a row break, then text
    for m in re.finditer(r"(?=\$\$)", masked):  # `$$$` closes at either of its pairs
        found["dd"].append((m.start(), m.start(), m.start() + 2))
    for m in re.finditer(r"\\\\|\\\]", masked):  # (`\\]` is a row break, then `]`)
        if m.group(0) == "\\]":
            found["br"].append((m.start(), m.start(), m.end()))
    for m in _END_RE.finditer(masked):
        if m.start() in broken:
            continue
        end = m.end() if m.group("dollar") is None else m.start("dollar")
        found.setdefault(m.group("name"), []).append((m.start(), end, end))
        if m.group("dollar") is not None:
            found["al"].append((m.start(), end, m.end()))
    return found


def _display_at(masked: str, p: int, closers: dict[str, list[Closer]]) -> Closer | None:
    """(math start, math end, block end) of the display block that starts at `p`, if any."""
    m = _OPENER_RE.match(masked, p)
    if m is not None and m.lastgroup == "dd" and masked.startswith("$$", m.end()):
        return m.end(), m.end(), m.end() + 2  # `$$$$`: an empty display, as TeX reads it
    if m is not None:
        kind = m.group("name") or m.lastgroup or ""
        listed = closers.get(kind, [])
        k = bisect.bisect_left(listed, (m.end() + 1,))
        if k < len(listed):
            start = {"dd": m.end(), "br": m.end(), "al": p + 1}.get(kind, p)
            return start, listed[k][1], listed[k][2]
    if p == 0 or masked[p - 1] == "\n":
        line = _LINE_RE.match(masked, p)
        if line is not None:
            return line.start("line"), line.end("line"), line.end()
    return None


def _display_spans(masked: str) -> list[tuple[int, int]]:
    """[start, end) of the math of each display block, in order."""
    closers = _closers(masked)
    spans, resume = [], 0
    for c in _CANDIDATE_RE.finditer(masked):
        if c.start() >= resume and (found := _display_at(masked, c.start(), closers)):
            spans.append(found[:2])
            resume = found[2]
    return spans


#: a name as notes write one: a letter or command, accented or bold, with a subscript
_NAME = (
    r"(?:\\(?:hat|bar|tilde|widehat|widetilde|overline|mathbf|boldsymbol|bm|mathcal)\s*"
    r"(?:\{\s*\\?[A-Za-z]+\s*\}|\\?[A-Za-z]+)|\\?[A-Za-z]+)(?:_\{?[A-Za-z0-9]+\}?)?'*"
)

#: what a definition's words may name before its formula: "define the logit as $...$"
_NAMED_AS = r"(?:(?:the|a|an|our)\s+)?(?:(?:[A-Za-z-]+\s+){1,3}?(?:as|by|to\s+be)\s+)?"
#: inline math that defines a name: `$\\theta := m/n$`
_INLINE_DEFINITION_RE = re.compile(
    r"(?<![$\\])\$([^$\n]*?(?::=|\\coloneqq|\\triangleq)[^$\n]*?)\$(?!\$)"
    # `let $f(x) = ...$`: a function defined in running text
    r"|\b(?:[Ll]et|[Dd]efine|[Dd]enote|[Ww]rite)\s+" + _NAMED_AS + r"\$"
    # (the name's last letter after any prefix: `[^=]*?\\?[A-Za-z]+` matched the same but
    # backtracked quadratically along a long word)
    r"([^$\n=]*?[A-Za-z]\}?(?:_\{?[A-Za-z0-9]+\}?)?\s*\([^()$\n]*\)\s*=[^$\n]+?)\$(?!\$)"
    # `where $\bar x = \frac1n \sum_i x_i$`: a name (accented, bold) defined by a formula
    r"|\b(?:[Ll]et|[Ww]here|[Ww]e\s+(?:set|define|write)|[Dd]efine|[Dd]enote|[Ww]rite)\s+"
    + _NAMED_AS
    + r"\$"
    rf"(\s*{_NAME}\s*=(?!=)[^$\n]+?)\$(?!\$)"
)
#: a further definition joined to one by "and" or a comma: `let $p(x) = ...$ and $q(x) = ...$`
_AND_DEFINITION = re.compile(
    r"\s*(?:,\s*(?:and\s+)?|and\s+)\$(\s*[^$\n=]*?[A-Za-z](?:_\{?[A-Za-z0-9]+\}?)?\s*(?:\([^()$\n]*\))?"
    r"\s*=(?!=)[^$\n]+?)\$(?!\$)"
)
#: words before a formula that make it a supposition, not a definition ("if we let q = p")
_SUPPOSED = re.compile(
    # ("for example" as "e.g.", not "for example $i$": the i-th of the data)
    r"\b(?:if|suppose|supposing|assume|assuming|when|whenever|say|e\.g|only|"
    r"(?:example|instance)(?!s?\s*\$\s*\\?[A-Za-z](?:_\{?\w+\}?)?\s*\$)|"
    r"case|moment|consider|setting|taking)\b"
    r"[^.;\n]*$",
    re.IGNORECASE,
)
#: words after a formula that make its letter something else: "and normalise $q$"
NORMALIZED_AFTER = re.compile(
    r"\b(?:re-?)?normali[sz](?:e|es|ed|ing)\b|\bdivid(?:e|ed|ing)\b[^.;]*\b(?:sum|total)\b",
    re.IGNORECASE,
)
#: commands that write numbers, not names (`\frac12` is a value)
_NUMERIC_COMMANDS = re.compile(r"\\(?:[dt]?frac|left|right|cdot|times|[,;!]|q?quad)")


def _defining(text: str, start: int, source: str, end: int) -> bool:
    """An inline `NAME = formula` that defines NAME: a formula with a letter in it (a number
    is an example value), not another bare name (`q = p` renames), not supposed."""
    rhs = source.split("=", 1)[1].strip()
    # `p = (1/2, 1/4, 1/4)`: the entries of a particular vector, no example value
    listed = re.fullmatch(r"(?:\\left)?(?:\(|\[|\\\{)[^=]*,[^=]*(?:\\right)?(?:\)|\]|\\\})", rhs)
    if re.fullmatch(r"\\?[A-Za-z]+", rhs) or not (
        listed or re.search(r"[A-Za-z]", _NUMERIC_COMMANDS.sub("", rhs))
    ):
        return False
    if re.search(r"(?<![<>!:\\])=", re.sub(r"\{[^{}]*\}", "", rhs)):
        return False  # a chain (a = b = c): not one definition
    before = text[max(0, text.rfind("\n", 0, start)) : start]
    if re.fullmatch(r"\s*e\s*", source.split("=", 1)[0]):
        close = re.search(r"[.;!?](?:\s|$)|\n\s*\n|$", text[start:])
        if limit_describes_e(rhs, before + text[start : start + close.start()]):
            return False  # `let $e = (1 + 1/n)^n$ for large $n$`: Euler's number described
    stop = min(i for i in (text.find(".", end), text.find("\n", end), len(text)) if i >= 0)
    after = text[end:stop]  # "let $q = ...$ in the binary case only"
    normalized = NORMALIZED_AFTER.search(after) and not re.search(r"\b(?:not|never)\b|n't", after)
    if not plainly_said(text, start) or normalized:
        return False  # "let $q_k = e^{z_k}$ and normalise $q$": q is not that formula
    return _SUPPOSED.search(before) is None and _SUPPOSED.search(after + "\n") is None


#: words after a definition in running text that limit where it holds
_LIMITS_HEAD = re.compile(
    r"\s*,?\s*(?:for|when|whenever|if|on|over|provided|outside|inside|in\s+\$"
    r"|in\s+the\s+(?:interval|range|region|domain))\b",
    re.IGNORECASE,
)
_LIMITS_ANYWHERE = re.compile(
    r"\b(?:elsewhere|otherwise|support(?:ed)?|outside|vanish\w*|zero\s+for)\b", re.IGNORECASE
)


#: "for a coin with bias $p$", "for every $x$": words and bare names after a definition
_SAYS_OF_WHAT = re.compile(
    r"\s*,?\s*for\s+(?:a|an|the|each|every|any|all)\s+[A-Za-z\s-]*"
    r"(?:\$\s*\\?[A-Za-z]+\s*\$)?\s*",
    re.IGNORECASE,
)
_RANGE_WORDS = re.compile(
    r"\b(?:positive|negative|non-?negative|non-?zero|small|large|big|integer|odd|even|"
    r"elsewhere|otherwise|outside|inside|between|above|below|near|except)\b",
    re.IGNORECASE,
)


#: where a sentence of running text ends
_SENTENCE_END = re.compile(r"[.;!?](?:\s|$)|\n\s*\n")


def _restricted(text: str, end: int) -> bool:
    """Do the words after a definition in running text (to the end of its sentence) limit
    where it holds ("for $0 \\le x \\le 4$, and $u(x) = 0$ elsewhere")?"""
    stop = _SENTENCE_END.search(text, end)
    after = text[end : stop.start() if stop else len(text)]
    if _SAYS_OF_WHAT.fullmatch(after) and not _RANGE_WORDS.search(after):
        return False  # "for a coin with bias $p$": what the letter is, not where it holds
    return bool(_LIMITS_HEAD.match(after) or _LIMITS_ANYWHERE.search(after))


#: the words that end a value of a definition by cases: its condition (`for $x \ge 0$`)
_CASE_CONDITION = re.compile(r"\s*,?\s*(?:for|when|if|whenever|on)\s+\$([^$\n]+)\$")
#: the next value, with the same call before it (`, $u(x) = 1$`)
_CASE_VALUE = re.compile(r"\s*,?\s*(?:and\s+|or\s+)?\$([^$\n=]+)=([^$\n]+)\$")
#: one more condition for the same value (`and for $x > 2$`)
_CASE_ALSO = re.compile(r"\s*,?\s*(?:and|or)\s+(?:for|when|if|whenever|on)\s+\$([^$\n]+)\$")
#: the last value, where no condition holds (`and $u(x) = 0$ otherwise`, `and zero elsewhere`,
#: `and $u(x) = 0$ for all other $x$`)
_CASE_OTHERWISE = re.compile(
    r"\s*,?\s*(?:and\s+|or\s+)?(?:\$(?:([^$\n=]+)=)?([^$\n=]+)\$|(zero))\s+"
    r"(?:otherwise|elsewhere|for\s+(?:all|every|any)\s+other\s+\$[^$\n]+\$)"
)
#: a condition that is an interval only (`on $[0, 4]$`): the argument lies in it
_INTERVAL_ONLY = re.compile(r"\s*(?:\\left\s*)?[\[(][^,]+,[^,]+[\])]\s*")


def _cases_in_words(text: str, start: int, end: int) -> Block | None:
    """A definition by cases said in words: `$u(x) = 1/4$ for $0 \\le x \\le 4$ and
    $u(x) = 0$ otherwise` read as `u(x) = \\begin{cases} 1/4 & 0 \\le x \\le 4 \\\\ 0 &
    \\text{otherwise} \\end{cases}`; with no value for "otherwise", the function has none
    there. None unless the sentence is that and nothing more."""
    head, _, value = text[start:end].partition("=")
    argument = re.search(r"\(\s*(\\?[A-Za-z]+)\s*\)\s*$", head)
    if argument is None:
        return None
    rows, at = [], end + 1  # after the closing `$`
    while (condition := _CASE_CONDITION.match(text, at)) is not None:
        said = condition.group(1)
        if _INTERVAL_ONLY.fullmatch(said):
            said = f"{argument.group(1)} \\in {said}"
        rows.append(f"{value.strip()} & {said.strip()}")
        at = condition.end()
        while (also := _CASE_ALSO.match(text, at)) is not None:  # `and for $x > 2$`
            rows.append(f"{value.strip()} & {also.group(1).strip()}")
            at = also.end()
        more = _CASE_VALUE.match(text, at)
        if more is None or " ".join(more.group(1).split()) != " ".join(head.split()):
            break
        if _CASE_CONDITION.match(text, more.end()) is None:
            break  # the value for "otherwise", perhaps
        value, at = more.group(2), more.end()
    if not rows or len(rows) > 12:
        return None
    if (rest := _CASE_OTHERWISE.match(text, at)) is not None:
        if rest.group(1) is not None and " ".join(rest.group(1).split()) != " ".join(head.split()):
            return None
        rows.append(f"{'0' if rest.group(3) else rest.group(2).strip()} & \\text{{otherwise}}")
        at = rest.end()
    if not re.match(r"\s*(?:[.;]|$)", text[at:]):
        return None  # more words about it than symkl reads
    cases = " \\\\ ".join(rows)
    reads = f"{head}= \\begin{{cases}} {cases} \\end{{cases}}"
    return Block(text[start:at], start, True, reads=reads)  # (the formulas in it are its own)


def _unread_cases(text: str, start: int, end: int) -> Block | None:
    """A function defined in words on part of the line in a way `_cases_in_words` does
    not read (`$n(x) = 1/2$ for ... and for all $x$ outside`): its definition, by cases with
    the words as the condition, which the reader reports it cannot read; calls of the
    function are then not read either (n(0) is no product n times 0)."""
    head, _, value = text[start:end].partition("=")
    stop = _SENTENCE_END.search(text, end)
    after = text[end + 1 : stop.start() if stop else len(text)]
    if not re.search(r"\$[^$]*(?:[<>]|\\[lg]eq?(?![A-Za-z])|\\in(?![A-Za-z]))[^$]*\$", after):
        return None  # "for real $x$": what x is, no case
    words = re.sub(r"[^A-Za-z0-9<>=+\-*/ ]", " ", after)
    said = " ".join(words.split())[:80]
    reads = f"{head}= \\begin{{cases}} {value.strip()} & \\text{{as said: {said}}} \\end{{cases}}"
    return Block(text[start:end], start, True, reads=reads)


def blocks(text: str, kind: str = "markdown", display: tuple[str, ...] = ()) -> list[Block]:
    """The display-math blocks of a file, in order.

    Args:
        text: the file's contents.
        kind: "markdown" (also .txt written like Markdown) or "latex".
        display: the file's macros that wrap a display environment around their argument
            (`\\alns{...}`): the argument is a block.

    A line that holds nothing but one `$...$` counts as display math (notes exported
    from Obsidian write displays that way). What is not rendered (comments, code,
    `\\iffalse`: `symkl.notes.rendered`) holds no block.
    """
    text = rendered(text, kind)  # comments and code are no part of the notes (offsets kept)
    masked = _mask_inline_math(text) if kind == "latex" else text
    found = [Block(text[start:end], start) for start, end in _display_spans(masked)]
    # a definition in running text (`Now set $\\theta := m/n$`): later steps use it
    displays = list(found)
    prose = ""  # the text with displays blanked, once a definition needs it
    declined = set()  # definitions in running text that the words around them undo
    for m in _INLINE_DEFINITION_RE.finditer(text):
        group = next(g for g in (1, 2, 3) if m.group(g) is not None)
        if group == 3 and not _defining(text, m.start(), m.group(3), m.end()):
            declined.add(m.start(group))
            continue
        if group < 3 and called_wrong(prose or (prose := prose_text(text)), m.start(group)):
            # "a common mistake is to write $f(x) = ...$": no definition of f, but a claim
            # (what the notes write is what they claim)
            if group == 2 and not _inside(displays, m.start(group)):
                found.append(Block(text[m.start(group) : m.end(group)], m.start(group)))
            continue
        if group > 1 and _restricted(text, m.end()):
            declined.add(m.start(group))
            # `let $u(x) = 1/4$ for $0 \\le x \\le 4$`: not on the whole line, but by cases
            cases = _cases_in_words(text, m.start(group), m.end(group))
            if cases is None and group == 2:
                cases = _unread_cases(text, m.start(group), m.end(group))
            if cases is not None:
                found.append(cases)
            continue
        if not _inside(displays, m.start(group)):  # nor a line that is one `$...$`
            found.append(Block(text[m.start(group) : m.end(group)], m.start(group), True))
            # `let $p(x) = ...$ and $q(x) = ...$`, `let $h = ...$, $\\hat y = ...$, and $L =
            # ...$`: the others are defined as well
            more = _AND_DEFINITION.match(text, m.end())
            while group > 1 and more and not _restricted(text, more.end()):
                found.append(Block(more.group(1), more.start(1), True))
                more = _AND_DEFINITION.match(text, more.end())
    found.sort(key=lambda b: b.start)
    said = list(found)
    for start, end in definitions_in_words(text):  # `the log-variance $v = \log\sigma^2$`
        if not _inside(said, start) and start not in declined:
            found.append(Block(text[start:end], start, fresh=True))
    # `$\bar x$ ... the mean of $x_1, ...$`, `$p = \mathrm{Ber}(\alpha)$`
    for start, end, reads in [*means_in_words(text), *bernoulli_laws_in_words(text)]:
        if not _inside(said, start):
            found.append(Block(text[start:end], start, True, reads=reads))
    found.sort(key=lambda b: b.start)
    said = list(found)
    joined = join_table_cells(text)  # `| $\sigma(0)$ | $= 1/2$ |`: one formula
    for start, end in claims_in_words(text):  # `$\sigma(-z) = 1 - \sigma(z)$, which ...`
        if not _inside(said, start):
            found.append(Block(joined[start:end], start))
    found.sort(key=lambda b: b.start)
    if display:
        names = "|".join(re.escape(n) for n in display)
        before = list(found)
        for m in re.finditer(rf"\\(?:{names})\s*(?=\{{)", masked):
            end = brace_group(masked, m.end())
            if end is not None and not _inside(before, m.start()):
                found.append(Block(text[m.end() + 1 : end - 1], m.end() + 1))
        found.sort(key=lambda b: b.start)
    return found


#: a statement beside a chain (`, \\quad q = \\tfrac12`): the last side read may be its, not
#: the chain's, so a display after it continues nothing
_SIDE_CLAUSE = re.compile(r"\\q?quad(?![A-Za-z])|,\s*(?:\\[A-Za-z]+\s*)?[A-Za-z]")


def _adjacent(text: str, end: int, start: int) -> bool:
    """Are two display blocks (one ending at `end`, one starting at `start`) next to each
    other, with nothing but their delimiters and white space between?"""
    if start < end:
        return False
    gap = re.sub(r"\$\$|\\\[|\\\]|\\(?:begin|end)\{[^{}]*\}", " ", text[end:start])
    return not gap.strip()


def _inside(found: list[Block], at: int) -> bool:
    """Is offset `at` inside one of `found` (sorted by start, not overlapping)?"""
    k = bisect.bisect_right(found, at, key=lambda b: b.start) - 1
    return k >= 0 and at < found[k].start + len(found[k].source)


def _clean(source: str) -> str:
    """A side as people read it: no alignment marks, row breaks or runs of spaces."""
    source = source.replace("&", " ")
    source = re.sub(r"\\\\\s*$", "", source.strip())
    return " ".join(source.split()).rstrip(" ,.;")


def _blank_wrappers(source: str) -> str:
    """Blank (same length) what frames a block but is not math: \\begin{aligned} (and
    alignat's column count, `{2}`), \\DeclareMathOperator lines, \\label, \\nonumber,
    \\tag, and an equation number written by hand after a wide space."""
    pattern = (
        rf"\\begin\{{(?:{_ENV})\*?\}}(?:\s*\{{\s*\d+\s*\}})?|\\end\{{(?:{_ENV})\*?\}}"
        r"|\\DeclareMathOperator\*?\s*\{[^{}]*\}\s*\{[^{}]*\}"
        r"|\\label\{[^{}]*\}|\\nonumber|\\notag|\\tag\*?\{[^{}]*\}"
        # `... \\qquad (2.1)` at a row's end: an equation number written by hand
        r"|(?:\\qquad|\\quad|\\hfill)\s*\(\s*\d+(?:\.\d+)*[a-z]?\s*\)(?=\s*(?:\\\\|\Z|\n))"
        # `..., \\qquad k = 1, \\dots, K.` at a row's end: the index's range, as for every k
        r"|(?:\\qquad|\\quad)\s*(?:\\text\s*\{\s*for\s*\}\s*)?[a-z]\s*=\s*[01]\s*,\s*"
        r"(?:\\[lc]?dots|\.\.\.)\s*,\s*\\?[A-Za-z]+\s*\.?(?=\s*(?:\\\\|\Z|\n))"
    )
    return re.sub(pattern, lambda m: " " * len(m.group(0)), source)


def _top_level(source: str) -> list[bool]:
    """For each character: is it outside every brace group, parenthesis and nested
    environment? (`P(X = x)` holds no step; a row break inside `\\left( \\right)` is.)"""
    flags, depth, parens, env = [], 0, 0, 0
    k = 0
    while k < len(source):
        if source.startswith(r"\begin{", k):
            env += 1
        elif source.startswith(r"\end{", k):
            env = max(env - 1, 0)
        c = source[k]
        if c == "\\" and k + 1 < len(source) and source[k + 1] in "{}\\":
            if source[k + 1] == "\\":
                parens = 0  # a row break: a bracket left open belongs to a long expression
            flags += [depth == 0 and env == 0 and parens == 0] * 2
            k += 2
            continue
        if c == "{":
            depth += 1
        elif c == "(":
            parens += 1
        flags.append(depth == 0 and env == 0 and parens == 0)
        if c == "}":
            depth = max(depth - 1, 0)
        elif c == ")":
            parens = max(parens - 1, 0)
        k += 1
    for m in _INDICATOR.finditer(source):  # \mathbb{1}[k = y]: the relation is its argument
        flags[m.start() : m.end()] = [False] * (m.end() - m.start())
    return flags


#: an indicator with its relation in brackets (`\mathbb{1}[k = y]`, `\mathbb{1}\{z > 0\}`)
_INDICATOR = re.compile(
    r"\\(?:mathbb|mathbf|mathds|bm)\s*(?:\{\s*1\s*\}|1)\s*"
    r"(?:\[[^\[\]]*\]|\\\{.*?\\\}|_\s*\{[^{}]*\})"
)


def _cuts(source: str, pattern: re.Pattern, top: list[bool]) -> list[re.Match]:
    return [m for m in pattern.finditer(source) if top[m.start()]]


#: arrows between two relations, by what follows from what: ">" the relation after it from
#: the one before, "<" the one before from the one after, "=" each from the other
CONNECTIVES = {
    r"\implies": ">",
    r"\Longrightarrow": ">",
    r"\Rightarrow": ">",
    # between two relations a thin arrow is read as an implication too (`a \ge 0 \rightarrow
    # b \le c`); inside a side (`\lim_{x \rightarrow 0}`) it is in braces, no cut
    r"\rightarrow": ">",
    r"\longrightarrow": ">",
    r"\therefore": ">",
    r"\impliedby": "<",
    r"\Longleftarrow": "<",
    r"\Leftarrow": "<",
    r"\iff": "=",
    r"\Leftrightarrow": "=",
    r"\Longleftrightarrow": "=",
}
#: the same in words, in prose type: `\text{thus}` (any case, with commas and spaces around)
CONNECTIVE_WORDS = {
    "thus": ">",
    "so": ">",
    "hence": ">",
    "therefore": ">",
    "then": ">",
    "consequently": ">",
    "and so": ">",
    "and thus": ">",
    "and hence": ">",
    "and therefore": ">",
    "so that": ">",
    "which gives": ">",
    "which implies": ">",
    "implies": ">",
    "implying": ">",
    "giving": ">",
    "gives": ">",
    "it follows that": ">",
    "iff": "=",
    "if and only if": "=",
}
#: what a relation an implication joins to its neighbour is: (before the connective, after)
_ROLES = {
    ">": ("hypothesis", "consequence"),
    "<": ("consequence", "hypothesis"),
    "=": ("equivalent",) * 2,
}
#: how the reason names it, by role and by the connective's direction
_JOINED = {
    ("hypothesis", ">"): "the hypothesis of the relation after it",
    ("hypothesis", "<"): "the hypothesis of the relation before it",
    ("consequence", ">"): "a consequence of the relation before it",
    ("consequence", "<"): "a consequence of the relation after it",
    ("equivalent", "="): "stated as equivalent to the relation beside it",
}
#: a relation that is both (`a \implies b \implies c`): the role that says least
_RANK = {"": 0, "hypothesis": 1, "equivalent": 2, "consequence": 3}
_SPACE = r"(?:\s|~|,|;|\\[,;: ])*"
_WORDS = "|".join(w.replace(" ", r"\s+") for w in sorted(CONNECTIVE_WORDS, key=len, reverse=True))
#: a row break (with its spacing `\\[2pt]`, short: an unbounded `[^\]]*` rescanned the
#: block for every `\\[`), a `\quad`, or a connective (which also ends a row)
_ROW_RE = re.compile(
    r"\\\\(?:\[[^\]\n]{0,40}\])?|\\q?quad(?![A-Za-z])"
    r"|(?P<arrow>"
    + "|".join(re.escape(c) for c in sorted(CONNECTIVES, key=len, reverse=True))
    + r")(?![A-Za-z])"
    + r"|\\(?:text|textrm|textnormal|textit|mbox)\s*\{"  # not \mathrm{so}(3), a name
    + rf"{_SPACE}(?P<words>(?i:{_WORDS})){_SPACE}\}}"
)


def _direction(m: re.Match) -> str | None:
    """The direction of a connective cut (">", "<", "="); None for a row break, a `\\quad`."""
    if m.group("arrow"):
        return CONNECTIVES[m.group("arrow")]
    if m.group("words"):
        return CONNECTIVE_WORDS[" ".join(m.group("words").lower().split())]
    return None


#: a row of dots between rows (`a_1 = ... \\\\ \\vdots \\\\ a_m = ...`): no step, no side
_DOTS_ROW = re.compile(r"[\s&]*(?:\\[vcdl]?dots(?![A-Za-z])|\.\.\.)[\s&.,;]*")


def _row_cuts(source: str, top: list[bool]) -> list[re.Match]:
    """Where rows end: row breaks, connectives and `\\quad`s, but not a `\\quad` before a
    condition on the row (`..., \\quad a, b \\ge 2`), which is no row of its own."""
    cuts = _cuts(source, _ROW_RE, top)
    ends = [0, *(m.end() for m in cuts)], [*(m.start() for m in cuts), len(source)]
    columns = [c for a, b in zip(*ends, strict=True) for c in _column_cuts(source, top, a, b)]
    cuts = sorted(cuts + columns, key=lambda m: m.start())
    return [
        m
        for k, m in enumerate(cuts)
        if not (
            _SEPARATOR_RE.fullmatch(m.group(0))
            and _CONDITION_ROW.fullmatch(source[m.end() : _end_of(cuts, k, source)])
            # `p = \{p_1, \dots, p_n\} \quad 0 \le p_i \le 1`: what a defined vector is
            and not _DEFINING_ROW.match(source[cuts[k - 1].end() if k else 0 : m.start()])
        )
    ]


#: the `&` between two statements side by side in one row (no direction, like a row break)
_COLUMN_RE = re.compile(r"&(?P<arrow>\b\B)?(?P<words>\b\B)?")
_CELL_RELATION = re.compile(r"=|<|>|\\(?:leq?|geq?|neq?|approx|equiv|coloneqq|propto)(?![A-Za-z])")


def _column_cuts(source: str, top: list[bool], start: int, end: int) -> list[re.Match]:
    """`\\sigma(0) &= \\tfrac12 & \\sigma'(0) &= \\tfrac14`: the `&`s of a row before a
    cell that opens a statement of its own (no relation first, one in it or in the next
    cell) once the cells before it stated one. A cell of words after a step stays on it."""
    amps = [k for k in range(start, end) if source[k] == "&" and top[k]]
    if len(amps) < 2:
        return []
    cells = list(zip([start, *(k + 1 for k in amps)], [*amps, end], strict=True))

    def related(a: int, b: int) -> bool:
        return any(top[m.start()] for m in _CELL_RELATION.finditer(source, a, b))

    def opens_with_relation(a: int, b: int) -> bool:
        return _CELL_RELATION.match(source[a:b].lstrip()) is not None

    out, stated = [], related(*cells[0])
    for k, (a, b) in enumerate(cells[1:], start=1):
        if not source[a:b].strip():
            continue
        later = next(((c, d) for c, d in cells[k + 1 :] if source[c:d].strip()), None)
        opens = not opens_with_relation(a, b) and (
            related(a, b) or (later is not None and opens_with_relation(*later))
        )
        if opens and stated:
            out.append(_COLUMN_RE.match(source, amps[k - 1]))
            stated = related(a, b)
        else:
            stated = stated or related(a, b)
    return out


#: a row that defines a name (`p = ...`, `q := ...`)
_DEFINING_ROW = re.compile(
    r"[\s&]*(?:\\(?:mathbf|boldsymbol|bm)\s*\{)?\\?[A-Za-z]+\}?\s*(?:=|:=|\\coloneqq|\\triangleq)"
)


def _end_of(cuts: list[re.Match], k: int, source: str) -> int:
    """Where the row after cut k ends: at the next cut, or the end of the block."""
    return cuts[k + 1].start() if k + 1 < len(cuts) else len(source)


#: a row after a `\quad` that states where the row before holds: a range or a value of
#: bare letters (`a, b \ge 2`, `0 \le x \le 1`, `\forall t \ge 0`, `p = q`, `|\rho| \le 0.8`)
_LETTERS = r"(?:\|?\s*\\?[A-Za-z]+(?:_\{?\w+\}?)?\s*\|?)(?:\s*,\s*\\?[A-Za-z]+(?:_\{?\w+\}?)?)*"
_FRACTION = r"\\[dt]?frac\s*\{?\d+\}?\s*\{?\d+\}?"
_BOUND = rf"(?:-?\s*(?:[\d.]+|\\?[A-Za-z]+(?:_\{{?\w+\}}?)?|\\infty|{_FRACTION}))"
_REL = r"(?:<|>|=|\\(?:leq?|geq?|lt|gt|neq?|in)(?![A-Za-z]))"
_CONDITION = (
    rf"(?:\\forall\s*)?(?:{_BOUND}\s*{_REL}\s*)?{_LETTERS}\s*{_REL}\s*"
    rf"(?:{_BOUND}|\\mathbb\s*\{{?\s*R\s*\}}?(?:\^\s*\{{?\s*\w+\s*\}}?)?)"
)
#: between conditions: `c > 0, \; |u| \le c`, `c > 0 \text{ and } u < c`, `c > 0,\quad u < c`
_AND = r"\s*(?:,|\\text\s*\{\s*(?:and|,)\s*\})\s*(?:(?:\\[ ;:,!]|~|\\q?quad)\s*)*"
#: (`x \\ge 0 \\text{ is required}`: words after it, which the clause keeps)
_CONDITION_ROW = re.compile(
    rf"[\s,;.]*{_CONDITION}(?:{_AND}{_CONDITION})*(?:\s*\\text\s*\{{[^{{}}]*\}})?[\s,;.]*"
)


def _rows(source: str, top: list[bool], before: re.Match | None) -> list[Row]:
    """Each row: split at top-level `\\\\`, `\\quad` and connectives. A row after a
    connective carries it (`before`: one that ended the previous block); so does the
    end of the block, as the last row, when a connective ends it."""
    rows, last, column = [], 0, False
    for m in [*_row_cuts(source, top), None]:
        end = len(source) if m is None else m.start()
        if source[last:end].strip(" \t\n&.,;") and not _DOTS_ROW.fullmatch(source[last:end]):
            rows.append(Row(last, end, before, column))
            before = None
        if m is not None:
            before = m if _direction(m) else before
            last, column = m.end(), m.re is _COLUMN_RE
    if before is not None:
        rows.append(Row(len(source), len(source), before))
    return rows


#: a clause in words after a step (a condition it is claimed under), to the end of its row
CLAUSE_RE = re.compile(
    r"(?:(?:\\left)?\(\s*)?\\(?:text|textrm|mbox|mathrm)\s*\{\s*(?:,\s*)?(?:if|for|where|when|whenever|with|at|"
    r"provided|given|since|as|unless|otherwise|except|excluding|but)\b[^\n]*?(?=\\\\|$)"
    # `..., \quad a, b \ge 2`, `\qquad 0 \le x \le 1`, `\quad \forall t \ge 0`: a condition
    # in a formula after a wide space, which `_row_cuts` leaves on the row of its step
    r"|,?\s*\\q?quad\s*(?:\\forall\s*)?(?=[^\n&]*?(?:[<>=]|\\(?:[lg]eq?|in|neq?)(?![A-Za-z])))"
    r"[^\n&]*?(?=\\\\|$)"
    # `f(x) = \sqrt{x},\ x \ge 0`: a condition after a comma and a space in LaTeX
    rf"|,\s*(?:\\[ ;:]|~)+(?={_CONDITION_ROW.pattern}(?:\\\\|$))[^\n&]*?(?=\\\\|$)",
    re.M,
)
#: the same, in words only (a `\quad` that is still a cut separates two statements)
_WORDS_CLAUSE_RE = re.compile(CLAUSE_RE.pattern.split("|,?")[0], re.M)


#: a remark in words that ends a side (`\text{ [by independence]}`, `\text{using (6)}`,
#: `(\text{by Jensen})`): two words or a bracket, so that `\text{KL}` stays a name
ANNOTATION_RE = re.compile(
    r"(?:(?:\\left)?\(\s*)?\\(?:text|textrm|textit|textnormal|textbf|mbox)\s*"
    r"\{(?=\s*[\[(]|[^{}$]*[A-Za-z]\s+[A-Za-z(\[])[^{}$]*\}(?:\s*(?:\\right)?\))?[\s.,;]*$"
)


def _without_clauses(source: str, cuts: list[re.Match]) -> str:
    """`source` with its clauses blanked: in words, and conditions after a `\\quad` that
    is no cut (`_row_cuts`)."""
    source = _WORDS_CLAUSE_RE.sub(lambda m: " " * len(m.group(0)), source)
    kept = {m.start() for m in cuts}
    return CLAUSE_RE.sub(
        lambda m: m.group(0) if _quad_at(m, kept) else " " * len(m.group(0)), source
    )


def _quad_at(m: re.Match, cuts: set[int]) -> bool:
    """Is the clause `m` a `\\quad` that still cuts its row (two statements)?"""
    quad = _SEPARATOR_RE.search(m.group(0))
    return (
        quad is not None
        and not m.group(0).lstrip(", ").startswith("\\text")
        and (m.start() + quad.start() in cuts)
    )


def _blank(source: str, spans: list[re.Match]) -> str:
    """`source` with the text of each match (in order, apart) replaced by spaces."""
    pieces, last = [], 0
    for m in spans:
        pieces += [source[last : m.start()], " " * (m.end() - m.start())]
        last = m.end()
    return "".join([*pieces, source[last:]])


def _side(source: str, base: int, start: int, end: int) -> Side:
    return Side(_clean(source[start:end]), base + start, base + end, source[start:end])


Chain = tuple[list[tuple[int, int]], list[tuple[str, int, int]], re.Match | None]


def _chains(source: str, claims: str, top: list[bool], rows: list[Row]) -> list[Chain]:
    """The chains of a block: (sides as [start, end), relations as (symbol, offset, row),
    the connective before the chain or None). A connective starts a chain of its own."""
    chains: list[Chain] = []
    chain: list[tuple[int, int]] = []
    rels: list[tuple[str, int, int]] = []
    after = None
    columns = (False, False)  # statements side by side: on the row before, on this row
    for r, row in enumerate(rows):
        a, b = row.start, row.end
        columns = (columns[0], True) if row.column else (columns[1], False)
        if row.after is not None:  # an implication: what follows is no step of the chain
            if chain:
                chains.append((chain, rels, after))
            chain, rels, after = [], [], row.after
        # this row only: no relation spans a (blanked) row break
        row_rels = [m for m in _REL_RE.finditer(claims, a, b) if top[m.start()]]
        if not row_rels:
            if chain:
                chain[-1] = (chain[-1][0], b)
            else:
                chain = [(a, b)]
            continue
        head = source[a : row_rels[0].start()]
        if not head.strip(" \t\n&") and chain and columns[0] and not row.column:
            # `&= ... & &= ...` under two statements side by side: which one each relation
            # goes on is a matter of columns symkl does not track; no steps
            chains.append((chain, rels, after))
            chain, rels, after = [], [], None
            continue
        if head.strip(" \t\n&") or not chain:
            if chain:
                chains.append((chain, rels, after))
                after = None
            chain, rels = [(a, row_rels[0].start())], []
        for k, m in enumerate(row_rels):
            stop = row_rels[k + 1].start() if k + 1 < len(row_rels) else b
            rels.append((m.group(0), m.start(), r))
            chain.append((m.end(), stop))
    if chain:
        chains.append((chain, rels, after))
    return chains


def _mark(out: list[Statement], steps: list[int], role: str, connective: re.Match) -> None:
    """Give `steps` (indices into `out`) a role in the implication `connective` makes,
    unless they have one that says less of them already."""
    direction = _direction(connective)
    shown = " ".join(connective.group(0).split())
    for k in steps:
        if _RANK[role] > _RANK[out[k].role]:
            joined = f"{_JOINED[role, direction]} ({shown})"
            out[k] = replace(out[k], role=role, joined=joined)


def statements(text: str, kind: str = "markdown", display: tuple[str, ...] = ()) -> list[Statement]:
    """Every step of every display block of a file, in order.

    In an aligned chain `a &= b \\\\ &= c` the steps are a = b and b = c; a row that
    starts with a relation continues the chain, a row without one continues the last
    side, any other row starts a new chain. `a = b = c` gives the same two steps.

    A connective (`\\implies`, `\\iff`, `\\text{thus}`: `CONNECTIVES`,
    `CONNECTIVE_WORDS`) between two relations, or at the start of a row, starts a chain
    whose steps follow from the steps on the last row before it (in the block before, for
    one that opens a block): neither is a claim of its own (`Statement.role`).
    """
    out: list[Statement] = []
    last_row: list[int] = []  # the steps on the last row read, as indices into `out`
    pending = None  # a connective that ended the block before
    ended, before_source = None, ""  # where the block before ended, and what it wrote
    for block in blocks(text, kind, display):
        # `$$a = b$$ $$= c$$`: a block that opens with a relation right after another (no
        # prose between) continues its chain from the last side read
        carried = (
            out[-1].rhs
            if out
            and out[-1].rhs is not None
            and ended is not None
            and _adjacent(text, ended, block.start)
            and not _SIDE_CLAUSE.search(before_source)
            else None
        )
        ended, before_source = block.start + len(block.source), block.source
        source = _blank_wrappers(block.reads or block.source)
        top = _top_level(source)
        rows = _rows(source, top, pending)
        pending = rows.pop().after if rows and rows[-1].start == rows[-1].end else None
        # a side that spans rows is read without the row breaks (and connectives) between
        cuts = _row_cuts(source, top)
        claims = _blank(_without_clauses(source, cuts), cuts)  # `\text{ if } x \ge 0`
        source = _blank(source, cuts)
        for sides, rels, after in _chains(source, claims, top, rows):
            first, base = len(out), block.start
            if not rels:
                (a, b) = sides[0]
                out.append(Statement(_side(source, base, a, b), "", "", None, base + a))
            for k, (symbol, at, _) in enumerate(rels):
                (a0, b0), (a1, b1) = sides[k], sides[k + 1]
                relation = RELATIONS[symbol]
                before = _side(source, base, a0, b0)
                if (
                    carried is not None
                    and first == len(out)
                    and k == 0
                    and not source[a0:b0].strip()
                ):
                    before = carried
                out.append(
                    Statement(
                        before,
                        "def" if block.defines and relation == "=" else relation,
                        symbol,
                        _side(source, base, a1, b1),
                        base + at,
                        fresh=block.fresh,
                    )
                )
            steps = list(range(first, len(out)))
            if after is not None:
                before_role, after_role = _ROLES[_direction(after)]
                _mark(out, last_row, before_role, after)
                _mark(out, steps, after_role, after)
            last_row = [first + k for k, rel in enumerate(rels) if rel[2] == rels[-1][2]]
    return out
