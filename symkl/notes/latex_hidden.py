"""What of a LaTeX file TeX never typesets.

## Main definitions
- `hidden_spans(text, directives)`: [start, end) of each region of a LaTeX file that is not
  typeset (in no particular order).
- `blank(text, spans)`: the text with those regions replaced by spaces, newlines kept.
- `HIDDEN_ENVIRONMENTS`: environments whose body is shown as typed, or not at all.

Not typeset: `%` comments, the escaped dollar `\\$`, `\\verb`, the environments in
`HIDDEN_ENVIRONMENTS` and those the file excludes (`\\excludecomment{draft}`); the branch of
a conditional that is not taken (`\\iffalse`, `\\iftrue ... \\else`, and the file's own
switches: `\\newif\\ifdraft`, false until `\\drafttrue`); and the arguments of the file's
macros whose body never typesets them (`\\newcommand{\\todo}[1]{}`, `\\def\\hide#1{\\relax}`,
`\\let\\todo\\@gobble`, a body `\\ifdraft #1\\fi` while the draft switch is off).

The file is read as TeX reads it, in order: a switch is known from where the file sets it
outside any group; set inside a group, by a macro, or in a branch symkl does not decide
(`\\ifx`, `\\ifnum`: both are read), it is unknown, and then both of its branches are
blanked. A macro's body is read where the macro is used, with the switches of that place.

symkl's own comments (`% symkl: x=positive`) are kept with `directives=True`.
"""

import bisect
import functools
import heapq
import itertools
import re
from dataclasses import dataclass, field

__all__ = ["hidden_spans", "blank", "HIDDEN_ENVIRONMENTS", "DIRECTIVE", "line_end"]

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
#: TeX's conditionals: inside a skipped branch, each opens a `\\fi` of its own
_CONDITIONAL = re.compile(
    r"if(?:x|num|dim|odd|vmode|hmode|mmode|inner|void|hbox|vbox|eof|true|false|case|cat"
    r"|defined|csname|fontchar|@[A-Za-z@]*)?"
)
#: macros named \\if... with arguments that need no `\\fi` and open with no brace (etoolbox's
#: `\\ifdef\\x{yes}{no}`; `\\ifthenelse{...}` and the like are known by their brace)
_IF_MACROS = frozenset(
    [
        "ifdef",
        "ifundef",
        "ifdefmacro",
        "ifdefparam",
        "ifdefprotected",
        "ifdefempty",
        "ifdefvoid",
        "ifdefequal",
        "ifdefstring",
        "ifdefstrequal",
    ]
)
#: a brace just after a control word (with spaces): an argument
_BRACE_NEXT = re.compile(r"\s*\{")
#: a symkl comment, just after `<!--` or `%`
DIRECTIVE = re.compile(r"[ \t]*symkl:")
#: a control word (with `@`, as in `\\@gobble`, `\\if@draft`), a control symbol, a comment,
#: a brace
_TEX_TOKEN = re.compile(r"\\(?:[A-Za-z]+(?:@[A-Za-z@]*)?|@[A-Za-z@]*|.)|[%{}]", re.S)
_ENVIRONMENT = re.compile(r"\s*\{([A-Za-z]+\*?)\}")
#: `\\drafttrue`, `\\draftfalse`: set a switch
_SWITCH_SET = re.compile(r"\\([A-Za-z@]+?)(true|false)(?![A-Za-z@])")
_BRACE_TOKEN = re.compile(r"\\.|%|[{}]", re.S)
#: a conditional token a macro or a `\\let` copy may stand for
_CONDITIONAL_TOKEN = re.compile(r"\\(?:if[A-Za-z@]*|else|fi)")
#: `\\newif\\ifNAME`, `\\let\\a\\b` (or `\\let\\a=\\b`), `\\excludecomment{NAME}`, just after
#: the command
_NEWIF = re.compile(r"\s*\\if([A-Za-z@]+)")
_LET = re.compile(r"\s*(\\(?:[A-Za-z@]+|.))\s*=?\s*(\\(?:[A-Za-z@]+|.))", re.S)
_EXCLUDE = re.compile(r"\s*\{\s*([A-Za-z]+\*?)\s*\}")
#: the head of a definition, just after the command, up to its body's brace
_NAME = r"(?:\{\s*\\([A-Za-z@]+)\s*\}|\\([A-Za-z@]+))"
_DEFINITION_HEAD = {
    "newcommand": re.compile(rf"\*?\s*{_NAME}\s*(?:\[\s*([1-9])\s*\]\s*(\[[^\]]*\]\s*)?)?"),
    "def": re.compile(r"\s*\\([A-Za-z@]+)()\s*((?:#[1-9][^#{}]*)*)"),
    "DocumentCommand": re.compile(
        rf"\s*{_NAME}\s*\{{((?:\s*\+?(?:[mos]|O\{{[^{{}}]*\}}))*)\s*\}}\s*"
    ),
}
_DEFINERS = {
    **dict.fromkeys([r"\newcommand", r"\renewcommand", r"\providecommand"], "newcommand"),
    **dict.fromkeys([r"\def", r"\gdef", r"\edef", r"\xdef"], "def"),
    **dict.fromkeys(
        [rf"\{v}DocumentCommand" for v in ("New", "Renew", "Provide", "Declare")],
        "DocumentCommand",
    ),
}
#: spaces before an argument (one newline among them: a blank line is a new paragraph)
_BEFORE_ARGUMENT = re.compile(r"[ \t]*\n?[ \t]*")
#: a control word that ends a parameter's delimiter, and the spaces after it (not part of it)
_TRAILING_WORD = re.compile(r"(\\[A-Za-z@]+)\s+$")


@dataclass(frozen=True)
class _Macro:
    """A macro: its arguments' kinds as xparse names them ("m" mandatory, "o" optional in
    brackets, "s" a star; or "d" and the text that ends a delimited argument, `\\def\\a#1.`),
    its body, and the switches its expansion may set."""

    kinds: tuple[str, ...]
    body: str
    sets: frozenset[str] = frozenset()

    @property
    def alias(self) -> str | None:
        """The one conditional token a macro without arguments stands for (`\\iffalse`)."""
        body = self.body.strip()
        return body if not self.kinds and _CONDITIONAL_TOKEN.fullmatch(body) else None


#: LaTeX's own macros that drop arguments (`\\let\\todo\\@gobble`)
_KERNEL_MACROS = {
    "@gobble": _Macro(("m",), ""),
    "@gobbletwo": _Macro(("m", "m"), ""),
    "@gobblethree": _Macro(("m", "m", "m"), ""),
    "@gobblefour": _Macro(("m", "m", "m", "m"), ""),
    "@firstoftwo": _Macro(("m", "m"), "#1"),
    "@secondoftwo": _Macro(("m", "m"), "#2"),
}


#: a fresh number for each state of a file's macros (what a macro's body means depends on it)
_VERSIONS = itertools.count()


@dataclass
class _Definitions:
    """What the file has defined so far: its switches and their values (None: symkl cannot
    tell), its macros, control words `\\let` to a conditional token, excluded environments;
    `version` changes with all but the switches."""

    switches: dict[str, bool | None] = field(default_factory=dict)
    macros: dict[str, _Macro] = field(default_factory=lambda: dict(_KERNEL_MACROS))
    lets: dict[str, str] = field(default_factory=dict)
    excluded: set[str] = field(default_factory=set)
    version: int = field(default_factory=lambda: next(_VERSIONS))

    def copy(self) -> "_Definitions":
        return _Definitions(
            dict(self.switches),
            dict(self.macros),
            dict(self.lets),
            set(self.excluded),
            self.version,
        )

    def changed(self) -> None:
        self.version = next(_VERSIONS)


def line_end(text: str, at: int) -> int:
    """The index of the newline that ends the line holding `at` (the text's length if none)."""
    end = text.find("\n", at)
    return len(text) if end < 0 else end


def blank(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with each [start, end) in `spans` replaced by spaces, newlines kept."""
    pieces, last = [], 0
    for start, end in sorted(spans):
        start = max(start, last)
        pieces += [text[last:start], re.sub(r"[^\n]", " ", text[start:end])]
        last = max(last, end)
    return "".join([*pieces, text[last:]])


def hidden_spans(text: str, directives: bool = False) -> list[tuple[int, int]]:
    """[start, end) of each region of a LaTeX file that is not typeset.

    Args:
        text: a .tex file's contents.
        directives: keep symkl's own comments (`% symkl: ...`).
    """
    return _Reader(text, directives, _Definitions()).read()


def _braces(text: str) -> tuple[list[int], dict[int, int]]:
    """Where the text's braces are (comments skipped, in order), and for each `{` that is
    closed the index just past its `}`."""
    braces, closing, opened, k = [], {}, [], 0
    while (m := _BRACE_TOKEN.search(text, k)) is not None:
        k = m.end()
        if m.group(0) == "%":
            k = line_end(text, m.start())
        elif m.group(0) == "{":
            braces.append(m.start())
            opened.append(m.start())
        elif m.group(0) == "}":
            braces.append(m.start())
            if opened:
                closing[opened.pop()] = k
    return braces, closing


class _Reader:
    """Reads a LaTeX text in order, as TeX would, collecting what it does not typeset."""

    def __init__(
        self,
        text: str,
        directives: bool,
        defined: _Definitions,
        evaluate: bool = True,
        dropped: dict | None = None,
    ):
        self.text, self.directives, self.defined = text, directives, defined
        #: False in a macro's body where it is defined: its switches are read where it is used
        self.evaluate = evaluate
        #: what `_dropped` found, shared with the readers of bodies
        self.dropped = {} if dropped is None else dropped
        self.braces, self.closing = _braces(text)
        #: where each delimiter of an argument is found in the text
        self.found: dict[str, list[int]] = {}
        self.hidden: list[tuple[int, int]] = []
        #: arguments that are not typeset: (start, end) to step over, nearest first
        self.jumps: list[tuple[int, int]] = []
        #: the conditionals the reader is inside: "true" (its \else branch is skipped),
        #: "else", or "both" (not decided: both branches are read)
        self.open: list[str] = []
        #: braces and environments around the reader: a switch set inside is local
        self.depth = 0
        self.unless = False

    def read(self) -> list[tuple[int, int]]:
        """[start, end) of each region of the text that is not typeset."""
        text, k = self.text, 0
        while (m := _TEX_TOKEN.search(text, k)) is not None:
            if self.jumps and self.jumps[0][0] <= m.start():
                k = max(k, heapq.heappop(self.jumps)[1])
                continue
            k = self._token(self._meaning(m.group(0)), m.start(), m.end())
        return self.hidden

    def _meaning(self, token: str) -> str:
        """The conditional token a `\\let` copy or a macro stands for; else the token."""
        token = self.defined.lets.get(token, token)
        macro = self.defined.macros.get(token[1:])
        return (macro and macro.alias) or token

    def _token(self, token: str, start: int, k: int) -> int:
        """Read the token at [start, k); returns where reading goes on."""
        text = self.text
        if token == "%":
            end = line_end(text, start)
            if not (self.directives and DIRECTIVE.match(text, k)):
                self.hidden.append((start, end))
            return end
        if token == r"\$":
            self.hidden.append((start, k))
        elif re.match(r"\\verb(?![A-Za-z])", token):
            end = _verb_end(text, start)
            self.hidden.append((start, end))
            return end
        elif token in ("{", "}"):
            self.depth = max(self.depth + (1 if token == "{" else -1), 0)
        elif token in (r"\begin", r"\end"):
            return self._environment(token, start, k)
        elif token in _DEFINERS:
            return self._define(_DEFINERS[token], k)
        elif token in (r"\newif", r"\let", r"\excludecomment", r"\includecomment"):
            return self._declare(token, k)
        elif token == r"\unless":
            self.unless = True
            return k
        elif token in (r"\else", r"\fi", r"\iftrue", r"\iffalse") or token.startswith(r"\if"):
            return self._conditional(token, start, k)
        elif (setter := _SWITCH_SET.fullmatch(token)) and setter[1] in self.defined.switches:
            if self.evaluate:
                self._set(setter[1], setter[2] == "true")
        elif token[1:] in self.defined.macros:
            self._call(token[1:], k)
        self.unless = False
        return k

    def _environment(self, token: str, start: int, k: int) -> int:
        name = _ENVIRONMENT.match(self.text, k)
        if name is None or name[1] == "document":
            return k
        if token == r"\end":
            self.depth = max(self.depth - 1, 0)
        elif name[1] in HIDDEN_ENVIRONMENTS or name[1] in self.defined.excluded:
            close = self.text.find(f"\\end{{{name[1]}}}", k)
            k = len(self.text) if close < 0 else close + len(name[1]) + 6
            self.hidden.append((start, k))
        else:
            self.depth += 1
        return k

    def _declare(self, token: str, k: int) -> int:
        """`\\newif\\ifNAME` (false until set), `\\let`, `\\excludecomment{NAME}`."""
        pattern = {r"\newif": _NEWIF, r"\let": _LET}.get(token, _EXCLUDE)
        m = pattern.match(self.text, k)
        if m is None:
            return k
        if token == r"\newif":
            self.defined.switches[m[1]] = False
        elif token == r"\let":
            self._let(m[1], m[2])
        elif token == r"\excludecomment":
            self.defined.excluded.add(m[1])
        else:
            self.defined.excluded.discard(m[1])
        self.defined.changed()
        return m.end()

    def _let(self, name: str, value: str) -> None:
        defined = self.defined
        if name.startswith(r"\if") and name[3:] in defined.switches:
            known = value in (r"\iftrue", r"\iffalse") and self.evaluate
            self._set(name[3:], value == r"\iftrue" if known else None)
            return
        defined.macros.pop(name[1:], None)
        defined.lets.pop(name, None)
        defined.changed()
        value = defined.lets.get(value, value)
        if value[1:] in defined.macros:
            defined.macros[name[1:]] = defined.macros[value[1:]]
        elif _CONDITIONAL_TOKEN.fullmatch(value):
            defined.lets[name] = value

    def _set(self, switch: str, value: bool | None) -> None:
        """Set a switch: known where the file sets it outside every group and undecided
        branch; a value set inside one is local or may not be set, so unknown."""
        local = self.depth > 0 or "both" in self.open
        self.defined.switches[switch] = None if local else value

    def _define(self, form: str, k: int) -> int:
        """Read a definition: the macro is known from here; its body is read as text that
        is typeset where the macro is used."""
        head = _DEFINITION_HEAD[form].match(self.text, k)
        if head is None:
            return k
        name = head[1] or head[2]
        if form == "newcommand":
            count = int(head[3] or 0)
            kinds = ("o",) * bool(head[4]) + ("m",) * (count - bool(head[4]))
        elif form == "def":
            kinds = tuple(_delimited_kind(d) for d in re.findall(r"#[1-9]([^#]*)", head[3]))
        else:
            kinds = tuple("o" if c == "O" else c for c in re.findall(r"[mosO]", head[3]))
        start = head.end()
        end = self.closing.get(start)
        self.defined.changed()
        if end is None or not self.text.startswith("{", start):
            self.defined.macros.pop(name, None)
            return head.end()
        body = self.text[start + 1 : end - 1]
        inner = _Reader(body, self.directives, self.defined.copy(), evaluate=False)
        self.hidden += [(a + start + 1, b + start + 1) for a, b in inner.read()]
        self.defined.macros[name] = _Macro(kinds, body, self._sets(body))
        return end

    def _sets(self, body: str) -> frozenset[str]:
        """The switches a body sets, itself or through the macros it uses."""
        words = re.findall(r"\\([A-Za-z@]+)", body)
        sets = {m[1] for m in _SWITCH_SET.finditer(body)}
        sets |= set(re.findall(r"\\let\s*\\if([A-Za-z@]+)", body))
        for word in words:
            if word in self.defined.macros:
                sets |= self.defined.macros[word].sets
        return frozenset(sets)

    def _conditional(self, token: str, start: int, k: int) -> int:
        """A conditional: the branch not taken is blanked, both if symkl cannot tell."""
        unless, self.unless = self.unless, False
        if token == r"\fi":
            if self.open:
                self.open.pop()
            return k
        if token == r"\else":
            if self.open and self.open[-1] == "true":
                self.open.pop()
                end, _ = self._skip(k, at_else=False)
                self.hidden.append((start, end))
                return end
            return k
        switch = token[3:]
        if token in (r"\iftrue", r"\iffalse"):
            value = token == r"\iftrue"
        elif switch in self.defined.switches and self.evaluate:
            value = self.defined.switches[switch]
        else:
            if self._opens(token, k):
                self.open.append("both")
            return k
        if value is None:
            end, _ = self._skip(k, at_else=False)
            self.hidden.append((start, end))
            return end
        if value != unless:
            self.open.append("true")
            return k
        end, at_else = self._skip(k, at_else=True)
        self.hidden.append((start, end))
        if at_else:
            self.open.append("else")
        return end

    def _skip(self, k: int, at_else: bool) -> tuple[int, bool]:
        """The end of the branch TeX skips from `k`: its `\\fi` (or, with `at_else`, an
        `\\else` of its own), past nested conditionals and comments; the end of the text if
        none. Also whether it ends at an `\\else`."""
        depth, text = 0, self.text
        while (m := _TEX_TOKEN.search(text, k)) is not None:
            token, k = self.defined.lets.get(m.group(0), m.group(0)), m.end()
            if token == "%":
                k = line_end(text, m.start())
            elif self._opens(token, k):
                depth += 1
            elif token == r"\fi":
                if depth == 0:
                    return k, False
                depth -= 1
            elif token == r"\else" and depth == 0 and at_else:
                return k, True
        return len(text), False

    def _opens(self, token: str, k: int) -> bool:
        """Does `token` (read up to k) open a conditional that a `\\fi` closes? TeX's own,
        the file's switches, and an `\\if...` that is no macro the file or a package defines
        with arguments (`\\ifpdf`, not `\\ifthenelse{...}`)."""
        if not token.startswith(r"\if"):
            return False
        name = token[1:]
        if _CONDITIONAL.fullmatch(name) or name[2:] in self.defined.switches:
            return True
        return not (
            name in _IF_MACROS or name in self.defined.macros or _BRACE_NEXT.match(self.text, k)
        )

    def _call(self, name: str, k: int) -> None:
        """A use of the file's macro: the arguments its body does not typeset are blanked
        (and stepped over); the switches it sets become unknown."""
        macro = self.defined.macros[name]
        if self.evaluate:
            for switch in macro.sets & self.defined.switches.keys():
                self._set(switch, None)
        if not macro.kinds or not self.evaluate:
            return
        dropped = self._dropped(name, macro)
        for i, kind in enumerate(macro.kinds, 1):
            if not kind.startswith("d"):
                k = _BEFORE_ARGUMENT.match(self.text, k).end()
            argument = self._argument(kind, k)
            if argument is None:
                return  # a missing argument (TeX would stop here)
            k, inside = argument
            if i in dropped and inside is not None:
                self.hidden.append(inside)
                heapq.heappush(self.jumps, inside)

    def _argument(self, kind: str, k: int) -> tuple[int, tuple[int, int] | None] | None:
        """One argument at k: where it ends, and what of it is text (inside its braces or
        brackets, a delimited argument); None if it is missing."""
        text, closing = self.text, self.closing
        if kind == "s":
            return k + text.startswith("*", k), None
        if kind == "o":
            end = self._outside_braces(k + 1, "]") if text.startswith("[", k) else None
            return (k, None) if end is None else (end + 1, (k + 1, end))
        if kind.startswith("d"):
            end = self._outside_braces(k, kind[1:])
            return None if end is None else (end + len(kind) - 1, (k, end))
        if text.startswith("{", k):
            return (closing[k], (k + 1, closing[k] - 1)) if k in closing else None
        token = _TEX_TOKEN.match(text, k)
        if token is not None and token.group(0) not in "{}%":
            return token.end(), None
        return (k + 1, None) if k < len(text) and text[k] not in "{}%" else None

    def _outside_braces(self, k: int, delimiter: str) -> int | None:
        """Where `delimiter` is first found from k outside braces; None if it is not, or a
        brace on the way is unbalanced."""
        if delimiter not in self.found:
            found = _closer(delimiter).finditer(self.text)
            self.found[delimiter] = [m.start() for m in found if m.group(1) is not None]
        found = self.found[delimiter]
        while (i := bisect.bisect_left(found, k)) < len(found):
            b = bisect.bisect_left(self.braces, k)
            if b == len(self.braces) or self.braces[b] > found[i]:
                return found[i]
            if self.braces[b] not in self.closing:
                return None  # a `}` closing what was opened before, or a `{` never closed
            k = self.closing[self.braces[b]]
        return None

    def _dropped(self, name: str, macro: _Macro) -> frozenset[int]:
        """The arguments (from 1) the macro's body does not typeset here: its body read
        with the switches as they are."""
        switches = tuple(sorted(self.defined.switches.items()))
        key = (name, self.defined.version, switches)
        if key not in self.dropped:
            self.dropped[key] = frozenset()  # a macro that uses itself: its arguments are read
            inner = _Reader(macro.body, False, self.defined.copy(), True, self.dropped)
            seen = blank(macro.body, inner.read())
            count = len(macro.kinds)
            self.dropped[key] = frozenset(i for i in range(1, count + 1) if f"#{i}" not in seen)
        return self.dropped[key]


def _delimited_kind(delimiter: str) -> str:
    """The kind of a `\\def` parameter followed by `delimiter` ("m" if none)."""
    delimiter = _TRAILING_WORD.sub(r"\1", delimiter)
    return "d" + delimiter if delimiter else "m"


@functools.cache
def _closer(delimiter: str) -> re.Pattern:
    """`delimiter` (a control word at its end not the start of a longer one), or an escaped
    character (skipped)."""
    word = r"(?![A-Za-z@])" if re.search(r"\\[A-Za-z@]+$", delimiter) else ""
    return re.compile(rf"({re.escape(delimiter)}{word})|\\.", re.S)


def _verb_end(text: str, at: int) -> int:
    """The end of `\\verb|...|` (or `\\verb*`) at `at`: its delimiter again, on its line."""
    k = at + 5 + (text.startswith("*", at + 5))
    if k >= len(text) or text[k] in "\n":
        return k
    close = text.find(text[k], k + 1, line_end(text, k))
    return line_end(text, k) if close < 0 else close + 1
