"""The notes' own macros (`\\newcommand`, `\\def`, `\\let`, `\\DeclareMathOperator`), in math.

## Main definitions
- `Macro`: a name, its number of arguments, an optional default first argument, a body.
- `find_macros(text)`: every macro a file defines, wherever it does (a LaTeX preamble, a
  Markdown `{% math %}` block, an R Markdown header).
- `expand(source, macros)`: a piece of math with the macros replaced, within size limits.
- `display_macros(macros)`: macros whose body is a display environment (`\\alns{...}` for
  `\\begin{align*}...\\end{align*}`): their argument is a display block of its own.

Expansion is textual, as TeX does it, but bounded: at most `MAX_PASSES` rounds and
`MAX_GROWTH` times the input's length, so a recursive or exploding macro is an error
(`MacroError`), never a hang.
"""

import re
from dataclasses import dataclass

__all__ = ["Macro", "MacroError", "find_macros", "expand", "display_macros", "group"]

#: macros read from one file, and the largest body
MAX_MACROS = 500
MAX_BODY = 4000
#: rounds of expansion, and how much longer than its input an expansion may grow
MAX_PASSES = 30
MAX_GROWTH = 50


class MacroError(Exception):
    """A macro that cannot be expanded within the limits, or called without arguments."""


@dataclass(frozen=True)
class Macro:
    name: str  # without the backslash
    nargs: int
    default: str | None  # the optional first argument's default
    body: str


def group(text: str, at: int) -> int | None:
    """The index just past the brace group opening at `text[at] == '{'`, or None."""
    if at >= len(text) or text[at] != "{":
        return None
    depth = 0
    k = at
    while k < len(text):
        c = text[k]
        if c == "\\":
            k += 2
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return k + 1
        k += 1
    return None


_SPACE = re.compile(r"\s*")
_DEFINE = re.compile(r"\\(?:new|renew|provide)command\*?\s*|\\def\s*|\\DeclareMathOperator(\*?)\s*")
#: `\\let\\eps\\varepsilon`, `\\let\\eps=\\varepsilon`: a name for another control word
_LET = re.compile(r"\\let\s*\\([A-Za-z]+)\s*=?\s*(\\[A-Za-z]+)(?![A-Za-z])")


def _skip(text: str, k: int) -> int:
    return _SPACE.match(text, k).end()


def _name(text: str, k: int) -> tuple[str | None, int]:
    """`{\\name}` or `\\name` at k."""
    braced = text.startswith("{", k)
    j = _skip(text, k + 1) if braced else k
    m = re.compile(r"\\([A-Za-z]+)").match(text, j)
    if m is None:
        return None, k
    end = _skip(text, m.end())
    if braced:
        if not text.startswith("}", end):
            return None, k
        end += 1
    return m.group(1), end


def find_macros(text: str) -> dict[str, Macro]:
    """The macros `text` defines (a later definition replaces an earlier one)."""
    return dict((m.name, m) for _, m in macro_history(text))


def macros_at(history: list[tuple[int, "Macro"]], at: int) -> dict[str, "Macro"]:
    """The macros in force at offset `at` of the text whose `macro_history` is given: the
    last definition of each before it (`\\renewcommand` later changes only what follows),
    and the first of a name defined only after it (a preamble symkl did not place first)."""
    out: dict[str, Macro] = {}
    for offset, m in history:
        if offset < at or m.name not in out:
            out[m.name] = m
    return out


def macro_history(text: str) -> list[tuple[int, "Macro"]]:
    """(offset, macro) for each definition in `text`, in order."""
    out: list[tuple[int, Macro]] = []
    for m in _DEFINE.finditer(text):
        if len({x.name for _, x in out}) >= MAX_MACROS:
            break
        name, k = _name(text, m.end())
        if name is None:
            continue
        k = _skip(text, k)
        nargs, default = 0, None
        operator = m.group(0).startswith("\\DeclareMathOperator")
        if m.group(0).startswith("\\def"):
            params = re.compile(r"(?:#[1-9])*").match(text, k)
            nargs, k = len(params.group(0)) // 2, params.end()
        elif not operator:
            count = re.compile(r"\[\s*([1-9])\s*\]\s*").match(text, k)
            if count:
                nargs, k = int(count.group(1)), count.end()
                optional = re.compile(r"\[([^\]]*)\]\s*").match(text, k)
                if optional:
                    default, k = optional.group(1), optional.end()
        k = _skip(text, k)
        end = group(text, k)
        if end is None or end - k - 2 > MAX_BODY:
            continue
        body = text[k + 1 : end - 1]
        if operator:
            body = rf"\operatorname{{{body}}}"
        out.append((m.start(), Macro(name, nargs, default, body)))
    for m in _LET.finditer(text):
        if len({x.name for _, x in out}) < MAX_MACROS:
            out.append((m.start(), Macro(m.group(1), 0, None, m.group(2))))
    return sorted(out, key=lambda item: item[0])


def display_macros(macros: dict[str, Macro]) -> tuple[str, ...]:
    """Names of one-argument macros whose body is a display environment around #1."""
    return tuple(
        name
        for name, m in macros.items()
        if m.nargs == 1 and re.search(r"\\begin\{[a-z]+\*?\}", m.body) and "#1" in m.body
    )


def _argument(text: str, k: int) -> tuple[str, int]:
    """One argument at k: a brace group's inside, a control word, or one character."""
    k = _skip(text, k)
    if k >= len(text):
        raise MacroError("a macro is missing an argument")
    if text[k] == "{":
        end = group(text, k)
        if end is None:
            raise MacroError("an unbalanced brace in a macro argument")
        return text[k + 1 : end - 1], end
    control = re.compile(r"\\[A-Za-z]+|\\.").match(text, k)
    if control:
        return control.group(0), control.end()
    return text[k], k + 1


def _is_sum(body: str) -> bool:
    """Does `body` have a + or - outside every brace group (after its first character)?"""
    depth = 0
    for k, c in enumerate(body):
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
        elif c in "+-" and depth == 0 and k > 0 and body[k - 1] != "\\":
            return True
    return False


def _substitute(body: str, args: list[str]) -> str:
    return re.sub(r"#([1-9])", lambda a: args[int(a.group(1)) - 1], body).strip()


def _once(source: str, macros: dict[str, Macro], pattern: re.Pattern) -> tuple[str, bool]:
    out, last, changed = [], 0, False
    for m in pattern.finditer(source):
        if m.start() < last:
            continue
        macro = macros[m.group(1)]
        k, args = m.end(), []
        if macro.default is not None:
            optional = re.compile(r"\s*\[([^\]]*)\]").match(source, k)
            if optional:
                args.append(optional.group(1))
                k = optional.end()
            else:
                args.append(macro.default)
        while len(args) < macro.nargs:
            arg, k = _argument(source, k)
            args.append(arg)
        body = _substitute(macro.body, args)
        # a sum in braces, so \half^2 with \half = 1 + 1 is (1 + 1)^2; anything else as is,
        # so \Expect_{q} reads as \mathbb{E}_{q} and \pd{}{x} f as an operator on f
        spaced = body + " " if re.search(r"\\[A-Za-z]+$", body) else body
        before = source[last : m.start()]
        if re.match(r"[A-Za-z]", body) and re.search(r"\\[A-Za-z]+$", before):
            spaced = " " + spaced  # \cos\h with \h = h(x): \cos h(x), not \cosh(x)
        out += [before, "{" + body + "}" if _is_sum(body) else spaced]
        last, changed = k, True
    out.append(source[last:])
    return "".join(out), changed


def expand(source: str, macros: dict[str, Macro]) -> str:
    """`source` with the macros expanded (each body in braces, so `\\bx^2` stays (x)^2).

    Raises:
        MacroError: the expansion does not end within MAX_PASSES or grows past
            MAX_GROWTH times the input, or a macro lacks an argument.
    """
    if not macros or "\\" not in source:
        return source
    names = "|".join(sorted((re.escape(n) for n in macros), key=len, reverse=True))
    pattern = re.compile(rf"\\({names})(?![A-Za-z])")
    limit = MAX_GROWTH * max(len(source), 80)
    for _ in range(MAX_PASSES):
        source, changed = _once(source, macros, pattern)
        if not changed:
            return source
        if len(source) > limit:
            raise MacroError("a macro expands to more than symkl reads")
    raise MacroError("a macro keeps expanding (recursive?)")
