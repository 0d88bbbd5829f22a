"""Long formulas as lines a page can hold, for the reports: break, never shrink.

A formula wider than a line is broken between the terms of a sum: the sum itself, the sum
inside an integral or a bracket, or the right side of a relation. Widths are estimated
from the LaTeX, in ems of a displayed formula at the report's font size.

## Main definitions
- `width(latex)`: the estimated printed width of display math, in ems.
- `lines(expr, limit)`: the LaTeX of `expr` as lines of at most `limit` ems where a sum
  allows it; each line after the first starts with its sign.
- `relation_lines(lhs, relation, rhs, limit)`: the same for `lhs relation rhs`.
- `LIMIT`: the width of a step's line in the reports.
"""

import re

import sympy as sp
from sympy.core.function import _coeff_isneg
from sympy.printing.latex import LatexPrinter

from symkl.printing import RELATION_LATEX, latex

__all__ = ["width", "lines", "relation_lines", "LIMIT", "WIDTHS"]

#: ems a line of a derivation may take: an A4 text block at 11pt is about 42em, less the
#: step number over the relation, the indent of continued lines and a margin for error
LIMIT = 33.0
#: commands by printed width in ems; a command not listed counts as a letter
WIDTHS = {
    r"\left": 0.0,
    r"\right": 0.0,
    r"\Bigl": 0.0,
    r"\Bigr": 0.0,
    r"\limits": 0.0,
    r"\displaystyle": 0.0,
    r"\,": 0.17,
    r"\;": 0.28,
    r"\ ": 0.33,
    r"\quad": 1.0,
    r"\qquad": 2.0,
    r"\log": 1.4,
    r"\exp": 1.5,
    r"\sin": 1.3,
    r"\cos": 1.4,
    r"\min": 1.6,
    r"\max": 1.7,
    r"\arg": 1.3,
    r"\sum": 1.45,
    r"\prod": 1.3,
    r"\int": 0.9,
    r"\infty": 1.0,
    r"\partial": 0.6,
    r"\cdot": 0.5,
    r"\|": 0.5,
    r"\ge": 1.0,
    r"\le": 1.0,
    r"\gt": 1.0,
    r"\lt": 1.0,
    r"\ne": 1.0,
    r"\to": 1.2,
    r"\iff": 1.5,
    r"\implies": 1.5,
    r"\in": 0.9,
    r"\mid": 0.8,
}
_CHAR = {"+": 1.1, "-": 1.1, "=": 1.1, "<": 1.1, ">": 1.1, "(": 0.4, ")": 0.4, ",": 0.45}
_COMMAND = re.compile(r"\\([A-Za-z]+|.)")


def _group(text: str, k: int) -> tuple[str, int]:
    """The braced group at `text[k]` (or the one character there), and where it ends."""
    if k >= len(text):
        return "", k
    if text[k] != "{":
        if text[k] == "\\":
            m = _COMMAND.match(text, k)
            return m.group(), m.end()
        return text[k], k + 1
    depth = 0
    for j in range(k, len(text)):
        depth += {"{": 1, "}": -1}.get(text[j], 0)
        if depth == 0:
            return text[k + 1 : j], j + 1
    return text[k + 1 :], len(text)


def width(tex: str) -> float:
    """The estimated printed width of `tex` (display math) in ems."""
    total, k, scripts = 0.0, 0, []
    while k < len(tex):
        c = tex[k]
        if c in "^_":
            inner, k = _group(tex, k + 1)
            scripts.append(0.75 * width(inner))
            continue
        total += max(scripts, default=0.0)
        scripts = []
        if c == "\\":
            m = _COMMAND.match(tex, k)
            name, k = m.group(), m.end()
            if name == r"\frac":
                top, k = _group(tex, k)
                bottom, k = _group(tex, k)
                total += max(width(top), width(bottom)) + 0.3
            elif name == r"\sqrt":
                inner, k = _group(tex, k)
                total += width(inner) + 1.0
            elif name in (r"\operatorname", r"\mathrm", r"\text"):
                inner, k = _group(tex, k)
                total += 0.5 * len(inner)
            elif name in (r"\mathcal", r"\mathbb", r"\hat", r"\overset"):
                inner, k = _group(tex, k)
                total += 0.0 if name == r"\overset" else width(inner)
            else:
                total += WIDTHS.get(name, 0.6)
            continue
        if c in "{}":
            k += 1
            continue
        total += 0.0 if c.isspace() else _CHAR.get(c, 0.55)
        k += 1
    return total + max(scripts, default=0.0)


def _terms(expr: sp.Add) -> list[str]:
    """The LaTeX of each term of a sum, in the printer's order, the later ones with their
    sign in front (`- x`, `+ y`)."""
    ordered = LatexPrinter({"ln_notation": False})._as_ordered_terms(expr)
    pieces = [latex(ordered[0])]
    for term in ordered[1:]:
        pieces.append(f"- {latex(-term)}" if _coeff_isneg(term) else f"+ {latex(term)}")
    return pieces


def _pack(pieces: list[str], limit: float, first: float = 0.0) -> list[str]:
    """Pieces joined into lines of at most `limit` ems (a piece wider than that stands
    alone); the first line already holds `first` ems."""
    out: list[str] = []
    current, used = "", first
    for piece in pieces:
        size = width(piece)
        if current and used + size > limit:
            out.append(current)
            current, used = "", 0.0
        current = f"{current} {piece}".strip()
        used += size
    packed = [*out, current] if current else out
    # a line after the first opens with its sign: `{}` before it makes the sign binary
    return [packed[0], *(f"{{}} {line}" for line in packed[1:])] if packed else packed


def _sum_inside(expr: sp.Basic) -> tuple[str, sp.Add, str] | None:
    """An integral of a sum, or a product with a bracketed sum: (before, the sum, after)."""
    if isinstance(expr, sp.Integral) and isinstance(expr.function, sp.Add):
        ((x, *bounds),) = expr.limits
        limits = rf"\limits_{{{latex(bounds[0])}}}^{{{latex(bounds[1])}}}" if bounds else ""
        return rf"\int{limits} \Bigl(", expr.function, rf"\Bigr)\, d{latex(x)}"
    if isinstance(expr, sp.Mul):
        sums = [f for f in expr.args if isinstance(f, sp.Add)]
        if len(sums) == 1 and not any(f.is_Pow and f.exp.is_negative for f in expr.args):
            rest = expr / sums[0]
            coefficient = "-" if rest == -1 else latex(rest)
            return rf"{coefficient} \Bigl(", sums[0], r"\Bigr)"
    return None


def lines(expr: sp.Basic, limit: float = LIMIT) -> list[str]:
    """The LaTeX of `expr` in lines of at most `limit` ems, broken between the terms of a
    sum (or of the sum inside an integral or brackets); one line when it fits or cannot
    be broken."""
    whole = latex(expr)
    if width(whole) <= limit:
        return [whole]
    if isinstance(expr, sp.Add):
        return _pack(_terms(expr), limit)
    inside = _sum_inside(expr)
    if inside is None:
        return [whole]
    before, total, after = inside
    packed = _pack(_terms(total), limit, first=width(before))
    packed[0] = f"{before} {packed[0]}"
    packed[-1] = f"{packed[-1]} {after}"
    return packed


def relation_lines(lhs: sp.Basic, relation: str, rhs: sp.Basic, limit: float = LIMIT) -> list[str]:
    """`lhs relation rhs` in lines: one if it fits; else the left side, then the relation
    and the right side broken as `lines` breaks it."""
    symbol = RELATION_LATEX[relation]
    whole = f"{latex(lhs)} {symbol} {latex(rhs)}"
    if width(whole) <= limit:
        return [whole]
    right = lines(rhs, limit - width(symbol) - 1.0)
    left = lines(lhs, limit)
    if width(f"{left[-1]} {symbol} {right[0]}") <= limit:
        return [*left[:-1], f"{left[-1]} {symbol} {right[0]}", *right[1:]]
    return [*left, f"{symbol} {right[0]}", *right[1:]]
