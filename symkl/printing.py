"""LaTeX and text notation for the measures: H(p), H(p, q), D_KL(p || q).

The measures hand their printing to the functions here, so `sympy.latex`, `str` and
Jupyter all show the notation of the course notes. A distribution prints by its name
(`p` for `p[i]` or `p(x)`), or as an explicit tuple such as (alpha, 1 - alpha).
"""

import sympy as sp
from sympy.core.function import AppliedUndef
from sympy.printing.str import StrPrinter

__all__ = [
    "latex",
    "readable",
    "text",
    "latex_measure",
    "str_measure",
    "latex_asymptote",
    "str_asymptote",
    "RELATION_LATEX",
]

#: a relation as a chain or conclusion writes it -> its LaTeX
RELATION_LATEX = {
    "=": "=",
    ">=": r"\ge",
    "<=": r"\le",
    ">": ">",
    "<": "<",
    "=>": r"\implies",
    "<=>": r"\iff",
    "in": r"\in",
}

#: measure class name -> (LaTeX symbol, LaTeX separator, text symbol, text separator)
NOTATION = {
    "Entropy": ("H", ", ", "H", ", "),
    "CrossEntropy": ("H", ", ", "H", ", "),
    "KLDivergence": (r"D_{\mathrm{KL}}", r" \,\|\, ", "D_KL", " || "),
    "JSDivergence": (r"D_{\mathrm{JS}}", r" \,\|\, ", "D_JS", " || "),
    "ConditionalEntropy": ("H", r" \mid ", "H", " | "),
    "MutualInformation": ("I", "; ", "I", "; "),
}


def _distribution(d: sp.Basic, printer) -> str:
    if isinstance(d, sp.Indexed):
        return printer._print(d.base.label)
    if isinstance(d, AppliedUndef):
        return printer._print(sp.Symbol(d.func.__name__))
    return printer._print(d)


def _arguments(measure) -> tuple[sp.Basic, ...]:
    """What a measure is written of: its random variables (H(Y | X), I(X; Y)), else its
    distributions."""
    return getattr(measure, "variables", None) or measure.distributions


def latex_measure(measure, printer) -> str:
    """LaTeX for a measure, e.g. ``D_{\\mathrm{KL}}\\left(p \\,\\|\\, q\\right)``."""
    symbol, sep, _, _ = NOTATION[type(measure).__name__]
    if measure.base != sp.E:
        symbol = (
            symbol[:-1] + f",{printer._print(measure.base)}}}"
            if symbol.endswith("}")
            else f"{symbol}_{{{printer._print(measure.base)}}}"
        )
    inner = sep.join(_distribution(d, printer) for d in _arguments(measure))
    return rf"{symbol}\left({inner}\right)"


def str_measure(measure, printer) -> str:
    """Plain text for a measure, e.g. ``D_KL(p || q)``."""
    _, _, symbol, sep = NOTATION[type(measure).__name__]
    if measure.base != sp.E:
        symbol = f"{symbol}[base {printer._print(measure.base)}]"
    inner = sep.join(_distribution(d, printer) for d in _arguments(measure))
    return f"{symbol}({inner})"


def latex_asymptote(asymptote, printer) -> str:
    """LaTeX for `symkl.asymptotes.Asymptote`: asymptote_{x -> oo}(L)."""
    expr, x, direction = (printer._print(a) for a in asymptote.args)
    return rf"\operatorname{{asymptote}}_{{{x} \to {direction}}}\left({expr}\right)"


def str_asymptote(asymptote, printer) -> str:
    """Plain text for an asymptote: asymptote[x -> oo](L)."""
    expr, x, direction = (printer._print(a) for a in asymptote.args)
    return f"asymptote[{x} -> {direction}]({expr})"


def readable(expr: sp.Basic) -> sp.Basic:
    """`expr` with the summation indices symkl names for itself (`_k0_0`) renamed to
    letters it does not use (i, j, ...): what a person reads shows no internal name."""
    if not isinstance(expr, sp.Basic):
        return expr
    internal = sorted((s for s in expr.atoms(sp.Symbol) if s.name.startswith("_k")), key=str)
    if not internal:
        return expr
    taken = {s.name for s in expr.atoms(sp.Symbol)}
    renamed = {}
    for s in internal:  # an index of a sum as i, j, ...; a variable of an integral as t, u, ...
        letters = _INDEX_LETTERS if s.is_integer else _VARIABLE_LETTERS
        if (letter := next((n for n in letters if n not in taken), None)) is not None:
            taken.add(letter)
            renamed[s] = sp.Symbol(letter, **s.assumptions0)
    return expr.xreplace(renamed)


#: letters a renamed summation index, or integration variable, may take, in order
_INDEX_LETTERS = ("i", "j", "k", "l", "m", "r", "s", "a", "b", "c", "d")
_VARIABLE_LETTERS = ("t", "u", "v", "w", "s", "y", "z", "x")


def latex(expr: sp.Basic) -> str:
    """LaTeX for any expression, measures in their notation and `log` for ln."""
    return sp.latex(readable(expr), ln_notation=False)


class _TextPrinter(StrPrinter):
    """SymPy's text, with a conditional distribution as the notes write it: the reader
    names p(y | x) `p_cond(y, x)`, an internal name no reason should show."""

    def _print_Function(self, expr):
        name = expr.func.__name__
        if isinstance(expr, AppliedUndef) and name.endswith("_cond") and len(expr.args) > 1:
            first, *given = (self._print(a) for a in expr.args)
            return f"{name[: -len('_cond')]}({first} | {', '.join(given)})"
        return super()._print_Function(expr)


def text(expr: sp.Basic) -> str:
    """One-line text for any expression."""
    return _TextPrinter().doprint(readable(expr))
