"""ASCII math in symkl's prose, found and written as LaTeX for the reports.

Derivations write their docstrings, titles and spaces in plain text, with math in ASCII:
`D_KL(p || q) >= 0`, `sum_i p_i log q_i`, `dH/dbeta = (beta - alpha) / (beta (1 - beta))`,
`eta -> +oo`. The reports typeset that math: this module splits a text into segments of
prose, math (as LaTeX) and code, and a docstring into paragraphs and lists.

## Main definitions
- `Segment`: a piece of prose: `text`, `math` (LaTeX) or `code`.
- `segments(text)`: a line of prose as segments, its ASCII math found and written as LaTeX.
- `Block`, `blocks(docstring)`: a docstring's paragraphs and its lists ("- item" lines).
- `GREEK`, `FUNCTIONS`, `OPERATORS`: the notation, as tables.

What counts as math: Greek letters by name, single letters (but the article "a"), names
with a subscript (`p_i`, `q_theta`, `sigma_fwd`, `D_KL`), numbers, the functions of
`FUNCTIONS` with their arguments, derivatives `dH/dbeta`, and the operators between them;
brackets that hold words are prose. The LaTeX is built from these tables only, so no
text of a derivation reaches LaTeX unescaped.
"""

import re
from dataclasses import dataclass

__all__ = ["Segment", "Block", "segments", "blocks", "GREEK", "FUNCTIONS", "OPERATORS"]

_GREEK_NAMES = (
    "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi pi rho sigma tau "
    "upsilon phi chi psi omega Gamma Delta Theta Lambda Xi Pi Sigma Phi Psi Omega"
)
GREEK = {name: "\\" + name for name in _GREEK_NAMES.split()}
#: names written as operators; alone (`the log of`) they are words
FUNCTIONS = {
    "log": r"\log",
    "exp": r"\exp",
    "sum": r"\sum",
    "prod": r"\prod",
    "int": r"\int",
    "min": r"\min",
    "max": r"\max",
    "arg": r"\arg",
    "sqrt": r"\sqrt",
    "softmax": r"\operatorname{softmax}",
    "diag": r"\operatorname{diag}",
    "Bern": r"\operatorname{Bern}",
}
#: other words that are math wherever they stand
SYMBOLS = {"oo": r"\infty", "dx": r"\,dx", "dz": r"\,dz", "yhat": r"\hat{y}"}
OPERATORS = {
    "<=>": r"\Leftrightarrow",
    "=>": r"\Rightarrow",
    "->": r"\to",
    "<=": r"\le",
    ">=": r"\ge",
    "!=": r"\ne",
    "||": r"\,\Vert\,",
    "*": r"\cdot",
    "~": r"\sim",
    "{": r"\{",
    "}": r"\}",
}
#: words that are never math, though they look like a letter or a Greek name
PHRASES = re.compile(r"\bKronecker delta\b")
_BINARY = {"+", "-", "*", "/", "^", "=", "<", ">", "<=", ">=", "!=", "=>", "<=>", "->", "~"}
_OPEN, _CLOSE = "([{", ")]}"

_NAME = r"[A-Za-z][A-Za-z0-9]*?(?:_[A-Za-z0-9]+)?"
_TOKEN = re.compile(
    r"(?P<code>`[^`]+`)"
    r"|(?P<abbrev>\b(?:e\.g\.|i\.e\.|etc\.))"
    rf"|(?P<deriv>\bd(?P<order>2)?(?P<num>{_NAME})?(?P<args>\((?:[^()]|\([^()]*\))*\))?"
    rf"/d(?P<var>{_NAME})"
    r"(?P<power>\^?2)?(?![A-Za-z0-9_]))"
    r"|(?P<possessive>'s\b)"
    r"|(?P<word>[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)*(?:\.[A-Za-z_][A-Za-z0-9_]*)*"
    r"(?:-[A-Za-z]+)*(?:'s\b|'*))"
    r"|(?P<number>\d+(?:\.\d+)?)"
    r"|(?P<op><=>|<=|>=|!=|->|=>|\|\||_[A-Za-z0-9]+|[-+*/^=<>|(){}\[\],;:~])"
    r"|(?P<space>\s+)"
    r"|(?P<other>.)",
    re.S,
)


@dataclass(frozen=True)
class Segment:
    """A piece of prose: `kind` is "text", "math" (`value` is LaTeX) or "code"."""

    kind: str
    value: str


@dataclass(frozen=True)
class Block:
    """A paragraph (`kind` "paragraph", one line) or a list ("list", a line per item)."""

    kind: str
    lines: tuple[tuple[Segment, ...], ...]


@dataclass
class _Token:
    kind: str  # code, word, number, op, space, other, deriv
    text: str
    math: bool = False
    latex: str = ""
    match: re.Match | None = None


def _name(word: str) -> str | None:
    """LaTeX of a name (`mu1`, `p_i`, `sigma_fwd`, `D_KL`, `g'`), or None for a word."""
    m = re.fullmatch(r"([A-Za-z]+?)(\d*)(?:_([A-Za-z0-9]+))?('*)", word)
    if m is None:
        return None
    base, digits, sub, primes = m.groups()
    if base in FUNCTIONS:
        if digits or (sub and len(sub) > 2):
            return None
        head = FUNCTIONS[base]
    elif base in GREEK:
        head = GREEK[base]
    elif base in SYMBOLS and not (digits or sub or primes):
        return SYMBOLS[base]
    elif base == "yhat":
        head = r"\hat{y}"
    elif len(base) == 1 and base not in "aA":
        head = base
    else:
        return None
    if digits and sub:
        return None
    index = digits or sub or ""
    if sub and len(sub) > 4 and sub not in GREEK:
        return None
    if sub in GREEK:
        index = GREEK[sub]
    elif sub and (len(sub) > 2 or (len(sub) > 1 and sub.isupper())):
        index = rf"\mathrm{{{sub}}}"
    return head + (f"_{{{index}}}" if index else "") + primes


def _math_of(text: str) -> str:
    """LaTeX of a text that is all math (a derivative's parts)."""
    tokens = _tokens(text)
    for token in tokens:
        _token_latex(token)
        token.math = token.kind != "space"
    return _latex(tokens)


def _token_latex(token: _Token) -> None:
    """A token's LaTeX on its own, and whether it is math on its own."""
    if token.kind == "word":
        latex = _name(token.text)
        token.math, token.latex = latex is not None, latex or ""
    elif token.kind in ("number", "op"):
        token.math = True
        token.latex = OPERATORS.get(token.text, token.text)
        if token.text.startswith("_"):
            token.latex = f"_{{{_math_of(token.text[1:])}}}"
    elif token.kind == "deriv":
        token.math, token.latex = True, _derivative(token.match)


def _derivative(m: re.Match) -> str:
    order = "^{2}" if m["order"] else ""
    top = (_math_of(m["num"]) if m["num"] else "") + (_math_of(m["args"]) if m["args"] else "")
    var = _math_of(m["var"])
    # in a line of text a slash reads better than a fraction in small type
    return rf"\partial{order} {top} / \partial {var}{order}"


def _tokens(text: str) -> list[_Token]:
    found = []
    for m in _TOKEN.finditer(text):
        kind = "other" if m.lastgroup in ("abbrev", "possessive") else m.lastgroup
        if m["deriv"]:
            kind = "deriv"
        found.append(_Token(kind, m.group(), match=m))
    return found


def _neighbours(tokens: list[_Token], k: int) -> tuple[_Token | None, _Token | None]:
    before = next((t for t in reversed(tokens[:k]) if t.kind != "space"), None)
    after = next((t for t in tokens[k + 1 :] if t.kind != "space"), None)
    return before, after


def _classify(tokens: list[_Token]) -> None:
    """Mark each token as math or prose, and give math tokens their LaTeX."""
    for token in tokens:
        _token_latex(token)
    for k, token in enumerate(tokens):
        before, after = _neighbours(tokens, k)
        if token.text == "N" and after and after.text == "(":
            token.latex = r"\mathcal{N}"
        if token.text != "in" or not (before and after and before.math and after.math):
            continue
        if (before.kind == "word" or before.text in _CLOSE) and after.text not in _BINARY:
            token.math, token.latex = True, r"\in"
    for k, token in enumerate(tokens):
        before, after = _neighbours(tokens, k)
        if token.text == "x" and before and after:
            single = all(re.fullmatch("[a-z]", t.text) for t in (before, after))
            if single and before.text != "x":
                token.latex = r"\times"
    _prose_brackets(tokens)
    _bars(tokens)


def _bars(tokens: list[_Token]) -> None:
    """`|` is a conditional's bar where it stands alone in its brackets (`q(y | x)`), and
    an absolute value's where another one pairs with it (`|mu - m|`)."""
    depth, level = 0, []
    for token in tokens:
        depth += (token.text in _OPEN) - (token.text in _CLOSE) if token.kind == "op" else 0
        level.append(depth)
    for k, token in enumerate(tokens):
        if token.text != "|" or token.kind != "op":
            continue
        start = max([j for j in range(k) if level[j] < level[k]], default=-1)
        end = min([j for j in range(k, len(tokens)) if level[j] < level[k]], default=len(tokens))
        bars = [j for j in range(start + 1, end) if tokens[j].text == "|" and level[j] == level[k]]
        token.latex = r"\mid" if len(bars) == 1 else r"\vert"


def _prose_brackets(tokens: list[_Token]) -> None:
    """Brackets around words are prose, and so are commas and colons outside math
    brackets; an unmatched bracket is prose."""
    stack, groups = [], []
    for k, token in enumerate(tokens):
        if token.text in _OPEN and token.kind == "op":
            stack.append(k)
        elif token.text in _CLOSE and token.kind == "op":
            if stack and _OPEN.index(tokens[stack[-1]].text) == _CLOSE.index(token.text):
                groups.append((stack.pop(), k))
            else:
                token.math = False
    for k in stack:
        tokens[k].math = False
    inside = [None] * len(tokens)  # the innermost group of each token
    for start, end in sorted(groups, key=lambda g: g[1] - g[0], reverse=True):
        for k in range(start + 1, end):
            inside[k] = (start, end)
    for start, end in sorted(groups, key=lambda g: g[1] - g[0]):
        inner = tokens[start + 1 : end]
        if any(t.kind not in ("space",) and not t.math for t in inner):
            tokens[start].math = tokens[end].math = False
    for k, token in enumerate(tokens):
        if token.text in (",", ";", ":") and token.kind == "op":
            group = inside[k]
            token.math = group is not None and tokens[group[0]].math


def _latex(tokens: list[_Token]) -> str:
    """LaTeX of a run of math tokens: `^(...)` and `sqrt(...)` take braces."""
    out, k = [], 0
    while k < len(tokens):
        token = tokens[k]
        if token.kind == "space":
            k += 1
            continue
        opens = k + 1 < len(tokens) and tokens[k + 1].text == "("
        if token.text in ("^", "sqrt") and (opens or token.text == "^"):
            end = _closing(tokens, k + 1) if opens else k + 1
            inner = tokens[k + 2 : end] if opens else tokens[k + 1 : k + 2]
            head = "^" if token.text == "^" else r"\sqrt"
            out.append(f"{head}{{{_latex(inner)}}}")
            k = end + 1
            continue
        out.append(token.latex)
        k += 1
    return " ".join(out)


def _closing(tokens: list[_Token], k: int) -> int:
    depth = 0
    for j in range(k, len(tokens)):
        depth += {"(": 1, ")": -1}.get(tokens[j].text, 0)
        if depth == 0:
            return j
    return len(tokens) - 1


def _is_math_span(span: list[_Token], before: _Token | None) -> bool:
    """A run of math tokens is typeset unless it is a lone number, or a lone function
    name used as a word (`the log of`)."""
    words = [t for t in span if t.kind != "space"]
    if len(words) == 1:
        (only,) = words
        if only.kind == "number":
            return False
        if only.text in FUNCTIONS and not (before and before.text in _BINARY):
            return False
    return bool(words)


def _trim(span: list[_Token]) -> tuple[list[_Token], list[_Token], list[_Token]]:
    """A span without spaces and dangling operators at its ends: (head, span, tail)."""
    start, end = 0, len(span)
    while start < end and (span[start].kind == "space" or span[start].text in "*/^,;:_"):
        start += 1
    dangling = _BINARY | {",", ";", ":"} | set(FUNCTIONS)
    while end > start and (span[end - 1].kind == "space" or span[end - 1].text in dangling):
        end -= 1
    return span[:start], span[start:end], span[end:]


def segments(text: str) -> tuple[Segment, ...]:
    """`text` (one paragraph; line breaks are spaces) as prose, math and code segments."""
    flat = re.sub(r"\s+", " ", text)
    tokens = _tokens(flat)
    _classify(tokens)
    for m in PHRASES.finditer(flat):
        position = 0
        for token in tokens:
            if m.start() <= position < m.end():
                token.math = False
            position += len(token.text)
    out: list[Segment] = []

    def prose(run: list[_Token]) -> None:
        for token in run:
            if token.kind == "code":
                out.append(Segment("code", token.text[1:-1]))
            elif token.kind == "word" and re.search(r"[A-Za-z0-9]_[A-Za-z]|\.[a-z]", token.text):
                name = token.text.removesuffix("'s")  # a name: kl_nonneg, symkl.lemmas
                out.append(Segment("code", name))
                out.append(Segment("text", token.text[len(name) :]))
            elif out and out[-1].kind == "text":
                out[-1] = Segment("text", out[-1].value + token.text)
            else:
                out.append(Segment("text", token.text))

    k = 0
    while k < len(tokens):
        if not tokens[k].math:
            prose([tokens[k]])
            k += 1
            continue
        end = k
        while end < len(tokens) and (tokens[end].math or tokens[end].kind == "space"):
            end += 1
        head, span, tail = _trim(tokens[k:end])
        prose(head)
        before = next((t for t in reversed(tokens[:k]) if t.kind != "space"), None)
        if _is_math_span(span, before):
            out.append(Segment("math", _latex(span)))
        else:
            prose(span)
        prose(tail)
        k = end
    return tuple(out)


def blocks(docstring: str) -> tuple[Block, ...]:
    """A docstring's paragraphs (blank-line separated) and lists: a line starting with
    "- " opens an item, an indented line continues it, and a line that is neither ends
    the list."""
    found: list[Block] = []
    for paragraph in re.split(r"\n\s*\n", docstring.strip()):
        runs: list[tuple[str, list[str]]] = []  # ("paragraph", lines) or ("list", items)
        for line in paragraph.splitlines():
            indent = len(line) - len(line.lstrip())
            if line.lstrip().startswith("- ") and indent <= 1:
                if not runs or runs[-1][0] != "list":
                    runs.append(("list", []))
                runs[-1][1].append(line.lstrip()[2:])
            elif runs and runs[-1][0] == "list" and indent:
                runs[-1][1][-1] += " " + line.strip()
            elif runs and runs[-1][0] == "paragraph":
                runs[-1][1].append(line.strip())
            else:
                runs.append(("paragraph", [line.strip()]))
        for kind, texts in runs:
            if kind == "list":
                found.append(Block("list", tuple(segments(item) for item in texts)))
            else:
                found.append(Block("paragraph", (segments(" ".join(texts)),)))
    return tuple(found)
