"""`symkl export --target array-api`: the exported functions as pure array-API expressions
that take numpy, torch or jax arrays (through array-api-compat) and return the caller's
type, trace under `jax.jit` and differentiate under `torch.autograd` and `jax.grad`.

## Main definitions
- `ArrayAPIPrinter`: prints a stable form (`symkl.numeric`) as one expression over `xp`,
  each primitive a call into `symkl.array_api_runtime`.
- `module_source(names)`: the text of the module (byte-reproducible).

The formulas are the numpy target's (`symkl.export.formula`); only the printing differs: no
blocks, no in-place writes, guards as double `where`s.
"""

import textwrap
from importlib import resources

import sympy as sp
from sympy.printing.pycode import PythonCodePrinter

from symkl.errors import SymklError
from symkl.export import FunctionSpec, _select, body_of, formula
from symkl.numeric import Guarded, StableFunction

__all__ = ["ArrayAPIPrinter", "module_source"]


class ArrayAPIPrinter(PythonCodePrinter):
    """Python source over the array namespace `xp`: a stable primitive is a call of the
    runtime kernel of the same name, log and exp are `xp.log` and `xp.exp`."""

    def _print_Function(self, expr: sp.Function) -> str:
        if isinstance(expr, StableFunction):
            args = ", ".join(self._print(a) for a in expr.args)
            return f"{expr.kernel}(xp, {args})"
        return super()._print_Function(expr)

    def _print_log(self, expr: sp.Expr) -> str:
        return f"xp.log({self._print(expr.args[0])})"

    def _print_exp(self, expr: sp.Expr) -> str:
        return f"xp.exp({self._print(expr.args[0])})"


#: a value inside every domain, fed to a quotient at its guarded 0/0 points (the double
#: where: the branch not taken must have a finite derivative)
_SAFE = 0.5


def _literal(value: float | None) -> str:
    if value is None:
        return "None"
    if value != value:
        return "math.nan"
    return "math.inf" if value == float("inf") else repr(float(value))


def _value_lines(stable: sp.Expr, symbols: tuple[sp.Symbol, ...]) -> list[str]:
    """Statements that leave the value of `stable` in `out`."""
    printer = ArrayAPIPrinter()
    if not isinstance(stable, Guarded):
        return [f"out = {printer.doprint(stable)}"]
    quotient, limits = stable.args
    lines, masks = [], []
    for k, (conditions, _) in enumerate(limits):
        tests = " & ".join(f"({s} == {printer.doprint(v)})" for s, v in conditions)
        lines.append(f"at{k} = {tests}")
        masks.append(f"at{k}")
    lines.append(f"guarded = {' | '.join(masks)}")
    safe = {s: sp.Symbol(f"{s}_safe") for s in symbols}
    lines += [f"{safe[s]} = xp.where(guarded, {_SAFE}, {s})" for s in symbols]
    lines.append(f"out = {printer.doprint(quotient.xreplace(safe))}")
    for k, (_, limit) in reversed(list(enumerate(limits))):
        lines.append(f"out = xp.where(at{k}, {float(limit)!r}, out)")
    return lines


def _docstring(spec: FunctionSpec) -> str:
    f = formula(spec.name)
    minus = "-" if f.sign < 0 else ""
    shown = f"{minus}sum_i {f.textbook}" if f.summed else str(f.textbook)
    text = (
        f"Formula: {shown}. Derivation: {spec.derivation} ({spec.origin}). Conventions as "
        "the numpy target's, computed in the arguments' floating dtype; no validate (a "
        "traced function cannot raise on values)."
    )
    return f"{spec.summary}\n\n" + textwrap.fill(
        text, 92, initial_indent="    ", subsequent_indent="    "
    )


def _function(spec: FunctionSpec) -> str:
    f = formula(spec.name)
    args = ", ".join(spec.args)
    comma = "," if len(spec.args) == 1 else ""
    params = [f"{a}: Array" for a in spec.args]
    if f.summed:
        params += ["axis: Axis = -1", "*", "keepdims: bool = False", "base: float | None = None"]
    outside = spec.outside or (float("nan"),) * len(spec.args)
    domains = ", ".join(f'"{d}"' for d in spec.domains) + comma
    marks = ", ".join(_literal(v) for v in outside) + comma
    value = [*_value_lines(f.stable, f.symbols)]
    value.append(f"out = _mark(xp, out, ({args}{comma}), ({domains}), ({marks}))")
    body = [
        f"xp, ({args}{comma}) = _namespace_and_arrays(({args}{comma}))",
        "with _quiet(xp):",
        *(f"    {line}" for line in value),
        f"return _sum(xp, out, {f.sign}, axis, keepdims, base)" if f.summed else "return out",
    ]
    head = f"def {spec.name}({', '.join(params)}) -> Array:"
    if len(head) > 100:
        head = f"def {spec.name}(\n" + "".join(f"    {p},\n" for p in params) + ") -> Array:"
    code = "\n".join(f"    {line}" for line in body)
    return f'{head}\n    """{_docstring(spec)}\n    """\n{code}\n'


def module_source(names: list[str] | None = None) -> str:
    """The text of a module with the functions `names` (all that have a formula by
    default) over the array API."""
    specs, logits = _select(list(names or []))
    if logits and names:
        raise SymklError(
            f"{', '.join(logits)}: the logit functions have no array-API form yet; export "
            "them with the numpy target"
        )
    exported = sorted(s.name for s in specs)
    header = (
        '"""Stable array-API functions for entropy, cross-entropy and KL divergence.\n\n'
        "Generated by `symkl export --target array-api` from the symkl derivations; do not\n"
        "edit, regenerate. Needs numpy and array-api-compat; takes numpy, torch or jax\n"
        "arrays and returns the caller's type, under jax.jit, torch.autograd and jax.grad\n"
        "(guards are double `where`s: no nan gradients from the branch not taken).\n"
        '"""\n\nimport contextlib\nimport math\nfrom typing import Any\n\nimport numpy as np\n'
        "from array_api_compat import array_namespace\n\n"
        "__all__ = [\n" + "".join(f'    "{n}",\n' for n in exported) + "]\n\n"
        "#: a numpy, torch or jax array (or anything array-api-compat wraps)\n"
        "Array = Any\n"
        "#: what a sum runs over: one axis, several, or all (None)\n"
        "Axis = int | tuple[int, ...] | None\n\n\n"
    )
    functions = "\n\n".join(_function(s) for s in specs)
    # read, not imported: writing the module needs no array-api-compat
    runtime = body_of(resources.files("symkl").joinpath("array_api_runtime.py").read_text())
    return f"{header}{runtime}\n\n{functions}".rstrip("\n") + "\n"
