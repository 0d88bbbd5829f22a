"""`symkl export`: write a standalone numpy module of stable functions from the derivations.

## Main definitions
- `SPECS`: the exported functions; each names the derivation its formula comes from and
  how to take the formula out of it (a conclusion's side, a measure it unfolds, a
  derivative of a conclusion).
- `module_source(names)`: the text of the module (numpy only; byte-reproducible).
- `source_for(derivation)`: the numpy source generated from one derivation, or None.
- `write_module(path, names)`: write it through a temporary file and a rename.

`symkl/functions.py` is this module with every function, importing the runtimes rather than
copying them (`module_source(package=True)`), committed; a test regenerates it.
"""

import functools
import inspect
import re
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import sympy as sp

from symkl import logit_runtime, numeric_runtime, registry
from symkl.errors import SymklError
from symkl.measures import Entropy, InformationMeasure, KLDivergence
from symkl.numeric import (
    Guarded,
    LogRatioPlus,
    RelEntr,
    XLog1pY,
    XLogX,
    XLogY,
    _plain,
    kernel_source,
    stable,
)
from symkl.outputs import write_file
from symkl.printing import text

__all__ = [
    "FunctionSpec",
    "SPECS",
    "LOGIT_FUNCTIONS",
    "Formula",
    "formula",
    "module_source",
    "source_for",
    "write_module",
]


@dataclass(frozen=True)
class FunctionSpec:
    """One exported function: its signature, and where its formula comes from."""

    name: str
    derivation: str
    origin: str
    args: tuple[str, ...]
    domains: tuple[str, ...]
    summary: str
    take: Callable
    #: per argument, the term's value where that argument is outside its domain (below 0,
    #: or outside [0, 1]): nan by default, scipy.special's value where it defines one, None
    #: where the formula itself gives scipy's value; validate=True raises either way
    outside: tuple[float | None, ...] | None = None
    #: doctest lines (input, printed output) shown under Examples and run by the tests
    examples: tuple[tuple[str, str], ...] = ()
    #: the derivation's variant the formula comes from (None: its default)
    variant: str | None = None


def _measure(kind: type) -> Callable:
    def take(d):
        (m,) = [a for a in sp.preorder_traversal(d.conclusion.rhs) if isinstance(a, kind)]
        return m.unfold(), [m.distributions[0], *m.distributions[1:]]

    return take


def _cross_entropy(d):
    m = d.conclusion.lhs
    return m.unfold(), list(m.distributions)


def _rhs(*order: str) -> Callable:
    def take(d):
        rhs = d.conclusion.rhs
        # an Indexed p[e] wins over its label p
        symbols = [*rhs.free_symbols, *rhs.atoms(sp.Indexed)]
        by_name = {str(s).split("[")[0]: s for s in symbols}
        return rhs, [by_name[a] for a in order]

    return take


def _differentiated_measure(d):
    (m,) = [a for a in sp.preorder_traversal(d.conclusion.lhs) if isinstance(a, InformationMeasure)]
    return m.unfold(), [m.distributions[0][0], m.distributions[1][0]]


def _rhs_diff(d):
    rhs, (eta, y) = _rhs("eta", "y")(d)
    return sp.diff(rhs, eta), [eta, y]


_AXIS = "summed over `axis`"
SPECS: tuple[FunctionSpec, ...] = (
    FunctionSpec(
        "entropy",
        "cross_entropy_eq_entropy_add_kl",
        "the entropy H(p) in its conclusion, unfolded to its definition",
        ("p",),
        ("nonnegative",),
        f"Entropy H(p) = -sum_i p_i log p_i, {_AXIS}.",
        _measure(Entropy),
        outside=(np.inf,),  # a term x log x = -entr(x) = +inf for x < 0
        examples=(
            ("print(entropy([0.5, 0.5], base=2))", "1.0"),
            ("print(entropy([1.0, 0.0]))", "0.0"),
            ("print(entropy([0.5, -0.5]))  # as sum(scipy.special.entr(p))", "-inf"),
            ("print(entropy(np.ma.masked_array([0.5, 0.5, 9.0], mask=[0, 0, 1]), base=2))", "1.0"),
            ("print(entropy(np.zeros((2, 0)), keepdims=True))", "[[0.]\n [0.]]"),
            ("print(entropy(np.float32([0.5, 0.5])).dtype)", "float32"),
        ),
    ),
    FunctionSpec(
        "cross_entropy",
        "cross_entropy_eq_entropy_add_kl",
        "the cross-entropy H(p, q) in its conclusion, unfolded to its definition",
        ("p", "q"),
        ("nonnegative", "nonnegative"),
        f"Cross-entropy H(p, q) = -sum_i p_i log q_i, {_AXIS}.",
        _cross_entropy,
        outside=(None, None),  # -sum(scipy.special.xlogy(p, q)), term by term
        examples=(
            ("print(cross_entropy([1.0, 0.0], [0.5, 0.5], base=2))", "1.0"),
            ("print(cross_entropy([0.5, 0.5], [1.0, 0.0]))", "inf"),
            ("print(cross_entropy([0.0, 1.0], [-1.0, 1.0]))  # 0 log q = 0 for any q", "0.0"),
            ("print(cross_entropy([0.5, 0.5], [-1.0, 1.0]))  # log of a negative q", "nan"),
        ),
    ),
    FunctionSpec(
        "kl_divergence",
        "cross_entropy_eq_entropy_add_kl",
        "the KL divergence D_KL(p || q) in its conclusion, unfolded to its definition",
        ("p", "q"),
        ("nonnegative", "nonnegative"),
        f"KL divergence D_KL(p || q) = sum_i p_i log(p_i / q_i), {_AXIS}.",
        _measure(KLDivergence),
        outside=(np.inf, np.inf),  # scipy.special.rel_entr: +inf for p < 0 or q < 0
        examples=(
            ("print(kl_divergence([0.0, 1.0], [0.5, 0.5], base=2))", "1.0"),
            ("print(kl_divergence([0.5, 0.5], [1.0, 0.0]))", "inf"),
            ("print(kl_divergence([0.5, 0.5], [1.5, -0.5]))  # as sum(rel_entr(p, q))", "inf"),
            ("print(kl_divergence([[0.5, 0.5], [1, 0]], [0.5, 0.5], axis=None, base=2))", "1.0"),
        ),
    ),
    FunctionSpec(
        "cross_entropy_grad",
        "cross_entropy_grad",
        "the right side of its conclusion",
        ("p", "q"),
        ("nonnegative", "nonnegative"),
        "Gradient dH(p, q)/dq_e of the cross-entropy, elementwise.",
        _rhs("p", "q"),
        examples=(
            ("print(cross_entropy_grad([0.0, 0.5], [0.0, 0.0]))", "[  0. -inf]"),
            ("print(cross_entropy_grad(-0.5, 0.5))", "nan"),
        ),
    ),
    FunctionSpec(
        "cross_entropy_grad_p",
        "cross_entropy_grad",
        "the right side of its conclusion, variant p",
        ("q",),
        ("nonnegative",),
        "Gradient dH(p, q)/dp_e = -log q_e of the cross-entropy (q only), elementwise.",
        _rhs("q"),
        examples=(
            ("print(cross_entropy_grad_p([1.0, 0.0]))", "[-0. inf]"),
            ("print(cross_entropy_grad_p(-0.5))", "nan"),
        ),
        variant="p",
    ),
    FunctionSpec(
        "entropy_grad",
        "entropy_grad",
        "the right side of its conclusion",
        ("p",),
        ("nonnegative",),
        "Gradient dH(p)/dp_e of the entropy, the p_i independent (+inf at p = 0), elementwise.",
        _rhs("p"),
        examples=(
            ("print(entropy_grad([1.0, 0.0]))", "[-1. inf]"),
            ("print(entropy_grad(0.5))", "-0.3068528194400547"),
        ),
    ),
    FunctionSpec(
        "kl_divergence_grad_p",
        "kl_divergence_grad",
        "the right side of its conclusion, variant p",
        ("p", "q"),
        ("nonnegative", "nonnegative"),
        "Gradient dD_KL(p || q)/dp_e of the KL divergence, the p_i independent, elementwise.",
        _rhs("p", "q"),
        examples=(
            ("print(kl_divergence_grad_p([0.5, 0.0, 0.5], [0.5, 0.5, 0.0]))", "[  1. -inf  inf]"),
        ),
        variant="p",
    ),
    FunctionSpec(
        "kl_divergence_grad_q",
        "kl_divergence_grad",
        "the right side of its conclusion, variant q",
        ("p", "q"),
        ("nonnegative", "nonnegative"),
        "Gradient dD_KL(p || q)/dq_e of the KL divergence, elementwise.",
        _rhs("p", "q"),
        examples=(("print(kl_divergence_grad_q([0.0, 0.5], [0.0, 0.0]))", "[  0. -inf]"),),
        variant="q",
    ),
    FunctionSpec(
        "binary_cross_entropy",
        "binary_cross_entropy_grad",
        "the cross-entropy it differentiates, unfolded to its definition",
        ("alpha", "beta"),
        ("unit", "unit"),
        "Binary cross-entropy H((alpha, 1 - alpha), (beta, 1 - beta)), elementwise.",
        _differentiated_measure,
        examples=(
            ("print(binary_cross_entropy([0.0, 1.0], [0.0, 0.0]))", "[ 0. inf]"),
            ("print(binary_cross_entropy(1.5, 0.5))", "nan"),
        ),
    ),
    FunctionSpec(
        "binary_cross_entropy_grad",
        "binary_cross_entropy_grad",
        "the right side of its conclusion",
        ("alpha", "beta"),
        ("unit", "unit"),
        "Derivative of the binary cross-entropy with respect to beta, elementwise.",
        _rhs("alpha", "beta"),
        examples=(("print(binary_cross_entropy_grad([0.0, 1.0], [0.0, 1.0]))", "[ 1. -1.]"),),
    ),
    FunctionSpec(
        "logistic_loss",
        "logistic_loss",
        "the right side of its conclusion",
        ("eta", "y"),
        ("real", "unit"),
        "Logistic loss of a logit eta against a label y in [0, 1], elementwise.",
        _rhs("eta", "y"),
        examples=(
            ("print(logistic_loss([800.0, -800.0], [1.0, 0.0]))", "[0. 0.]"),
            ("print(logistic_loss(0.0, 1.5))", "nan"),
            ("print(logistic_loss(np.float16([0.0]), 1.0).dtype)", "float16"),
        ),
    ),
    FunctionSpec(
        "logistic_loss_grad",
        "logistic_loss",
        "sympy.diff of the right side of its conclusion with respect to eta",
        ("eta", "y"),
        ("real", "unit"),
        "Derivative of the logistic loss with respect to eta, elementwise.",
        _rhs_diff,
        examples=(
            ("print(logistic_loss_grad(1e-300, 0.5))  # sigma(x) - 1/2 = tanh(x/2)/2", "2.5e-301"),
        ),
    ),
)
_BY_NAME = {s.name: s for s in SPECS}

#: the logit-space functions: written by hand in `symkl.logit_runtime` (a maximum and a
#: log-sum-exp along an axis, which the formula emitter does not produce), copied whole
LOGIT_FUNCTIONS = (
    "log_softmax",
    "softmax_cross_entropy",
    "softmax_cross_entropy_grad",
    "kl_divergence_logits",
)

#: the conventions every exported function follows, as numeric_runtime's docstring states them
CONVENTIONS = numeric_runtime.__doc__.split("\n\n## Conventions\n")[1].strip()


@dataclass(frozen=True)
class Formula:
    """A function's formula: `textbook` as taken from the derivation, `stable` after the
    rewrite table, over `symbols`; for a sum, the summand, and `sign` multiplies the sum."""

    textbook: sp.Expr
    stable: sp.Expr
    symbols: tuple[sp.Symbol, ...]
    summed: bool
    sign: int


@functools.cache
def formula(name: str) -> Formula:
    """The formula of exported function `name`, taken from its derivation."""
    spec = _BY_NAME[name]
    expr, args = spec.take(registry.derive(spec.derivation, spec.variant))
    sign, summed = 1, False
    coeff, rest = expr.as_coeff_Mul()
    if isinstance(rest, sp.Sum):
        sign, expr, summed = int(coeff), rest.function, True
        index = rest.limits[0][0]
        args = [a.base[index] if isinstance(a, sp.Indexed) else a for a in args]
    plain, symbols = _plain(expr, list(args))
    return Formula(plain, stable(plain), tuple(symbols), summed, sign)


_DOMAIN_TEXT = {"nonnegative": "negative", "unit": "outside [0, 1]"}


def _outside_notes(spec: FunctionSpec, f: Formula) -> list[str]:
    """What input outside its domain gives, argument by argument (spec.outside)."""
    outside = spec.outside or (np.nan,) * len(spec.args)
    nan, notes = [], []
    for arg, domain, value in zip(spec.args, spec.domains, outside, strict=True):
        if domain not in _DOMAIN_TEXT:
            continue
        where = f"{arg} {_DOMAIN_TEXT[domain]}"
        if value is None:
            notes.append(f"{where} enters the formula as given (scipy.special's value)")
        elif np.isnan(value):
            nan.append(where)
        else:
            total = "-inf" if f.sign * value < 0 else "+inf"
            notes.append(f"{where} gives {total} (scipy.special's value)")
    notes.append(f"nan for nan input{' or ' + ', '.join(nan) if nan else ''}")
    return notes


def _conventions(spec: FunctionSpec, f: Formula) -> str:
    """The conventions this function's stable form carries, read off that form."""
    notes = []
    if f.stable.has(XLogX, XLogY, XLog1pY, RelEntr):
        notes.append("0 log 0 = 0")
    for node in sorted(f.stable.atoms(XLogY, RelEntr, XLog1pY), key=str):
        x, y = node.args
        zero = text(1 + y) if isinstance(node, XLog1pY) else text(y)
        notes.append(f"{text(x)} != 0 with {zero} = 0 gives +inf")
    for node in f.stable.atoms(LogRatioPlus):
        x, y, c = node.args
        notes.append(
            f"log({text(x / y)}) and {text(c)} cancel near {text(x / y)} = {text(sp.exp(-c))}: "
            "within 4 ULP while they cancel by up to 2^8 (redone in np.longdouble), beyond "
            "that a few ULP of log"
        )
    for guarded in f.stable.atoms(Guarded):
        for conditions, limit in guarded.args[1]:
            where = " and ".join(f"{s} = {v}" for s, v in conditions)
            notes.append(f"at {where} the limit {limit}")
    notes += _outside_notes(spec, f)
    checks = "raises ValueError naming the argument and index for input outside its domain"
    if f.summed:
        notes.append("inputs are not normalized")
        notes.append(
            "axis is an int, a tuple of ints or None, and axis, keepdims and empty axes act "
            "as in numpy's sum; base divides by log(base)"
        )
        notes.append("masked entries are left out; a result is masked where all its entries are")
        checks += ", or for a distribution that does not sum to 1"
    else:
        notes.append("a masked input masks the result")
    notes.append(
        "the result has the arguments' dtype (float16, float32 or float64, computed in "
        "float64); longdouble raises TypeError"
    )
    return "; ".join(notes) + f". validate=True {checks}."


def _docstring(spec: FunctionSpec) -> str:
    f = formula(spec.name)
    minus = "-" if f.sign < 0 else ""
    shown, stable_form = text(f.textbook), text(f.stable)
    if f.summed:
        shown, stable_form = f"{minus}sum_i {shown}", f"{minus}sum_i {stable_form}"
    arguments = ", ".join(f"{a} ({d})" for a, d in zip(spec.args, spec.domains, strict=True))
    paragraphs = [
        f"Formula: {shown}",
        f"Stable form: {stable_form}",
        f"Derivation: {spec.derivation} ({spec.origin}).",
        f"Arguments: {arguments}.",
        f"Conventions: {_conventions(spec, f)}",
    ]
    body = [
        textwrap.fill(p, 96, initial_indent="    ", subsequent_indent="        ")
        for p in paragraphs
    ]
    if spec.examples:
        body.append("    Examples:")
        for line, printed in spec.examples:
            body.append(f"        >>> {line}")
            body += [f"        {out}" for out in printed.split("\n")]
    return "\n".join([spec.summary, "", *body])


def _literal(value: float | None) -> str:
    if value is None:
        return "None"
    return "np.inf" if value == np.inf else repr(float(value))


def _signature(name: str, params: list[str]) -> str:
    """`def name(params) -> ...:` on one line, or one parameter a line as ruff formats it."""
    returns = " -> np.ndarray | np.floating:"
    line = f"def {name}({', '.join(params)}){returns}"
    if len(line) <= 100:
        return line
    return f"def {name}(\n" + "".join(f"    {p},\n" for p in params) + f"){returns}"


def _public(spec: FunctionSpec) -> str:
    f = formula(spec.name)
    args = ", ".join(spec.args)
    comma = "," if len(spec.args) == 1 else ""
    names = ", ".join(f'"{a}"' for a in spec.args) + comma
    domains = ", ".join(f'"{d}"' for d in spec.domains) + comma
    parts = [f"_{spec.name}_terms", f"({args}{comma})", f"({names})", f"({domains})"]
    params = [f"{a}: ArrayLike" for a in spec.args]
    if f.summed:
        params += ["axis: Axis = -1", "validate: bool = False", "*", "keepdims: bool = False"]
        params += ["base: float | None = None"]
        driver = "reduction"
        parts = [*parts, "axis", str(f.sign), "validate", "keepdims", "base"]
    else:
        params += ["validate: bool = False"]
        driver, parts = "elementwise", [*parts, "validate"]
    if spec.outside is not None:
        values = ", ".join(_literal(v) for v in spec.outside)
        parts.append(f"outside=({values}{comma})")
    call = f"return {driver}({', '.join(parts)})"
    if len(call) > 96:
        call = f"return {driver}(\n" + "".join(f"        {p},\n" for p in parts) + "    )"
    head = _signature(spec.name, params)
    return f'{head}\n    """{_docstring(spec)}\n    """\n    {call}\n'


def _body(module) -> str:
    """A runtime module's code below its docstring and imports (the exported module has
    its own imports, and the runtimes share one namespace there)."""
    return body_of(inspect.getsource(module))


def body_of(source: str) -> str:
    """Python source below its docstring and imports."""
    lines = source.splitlines(keepends=True)
    last = max(k for k, line in enumerate(lines) if line.startswith(("import ", "from ")))
    return "".join(lines[last + 1 :]).lstrip("\n")


def _runtime() -> str:
    """numeric_runtime's code without its docstring and imports."""
    return _body(numeric_runtime)


def _select(names: list[str]) -> tuple[list[FunctionSpec], list[str]]:
    """The specs and the logit functions `names` asks for (all of both by default)."""
    if not names:
        return list(SPECS), list(LOGIT_FUNCTIONS)
    chosen: list[FunctionSpec] = []
    for n in names:
        if n in LOGIT_FUNCTIONS:
            continue
        # a function name wins over a derivation of the same name (logistic_loss)
        matches = [s for s in SPECS if s.name == n] or [s for s in SPECS if s.derivation == n]
        if not matches:
            known = ", ".join([*(s.name for s in SPECS), *LOGIT_FUNCTIONS])
            raise SymklError(
                f"nothing to export for {n!r}: give a function ({known}) or a derivation "
                f"they come from"
            )
        chosen += [s for s in matches if s not in chosen]
    return [s for s in SPECS if s in chosen], [n for n in LOGIT_FUNCTIONS if n in names]


def function_source(name: str) -> str:
    """The generated kernel and public function for one exported function."""
    f = formula(name)
    kernel, scratch = kernel_source(f.stable, list(f.symbols), f"_{name}_terms")
    spec = _BY_NAME[name]
    return f"{kernel}\n\n_{name}_terms.scratch = {scratch}\n\n\n{_public(spec)}"


#: derivation -> the logit functions that compute its result
LOGIT_DERIVATIONS = {"softmax_cross_entropy_grad": ("softmax_cross_entropy_grad",)}


def source_for(name: str) -> str | None:
    """The numpy source generated from derivation `name` (or, for a logit function, its
    hand-written source), or None if nothing is."""
    parts = [function_source(s.name) for s in SPECS if s.derivation == name]
    parts += [inspect.getsource(getattr(logit_runtime, f)) for f in LOGIT_DERIVATIONS.get(name, ())]
    return "\n\n".join(parts) if parts else None


def _used(code: str, module) -> list[str]:
    """The names defined in `module` (not imported into it) that `code` uses."""
    own = {k for k, v in vars(module).items() if getattr(v, "__module__", None) == module.__name__}
    own |= {k for k in vars(module) if k.isupper()}  # constants
    return sorted(own & set(re.findall(r"[A-Za-z_]\w*", code)))


def _header(made: str, listing: str, conventions: str, imports: str, exported: list[str]) -> str:
    return (
        '"""Stable numpy functions for entropy, cross-entropy and KL divergence.\n\n'
        "Generated by `symkl export` from the symkl derivations; do not edit, regenerate.\n"
        f"{made}\nEach formula went through symkl.numeric's table of stable rewrites (x log x,\n"
        "x log y, p log(p/q), log(1 + e^x), log(1 - x), sigmoid, guarded 0/0 limits) and was\n"
        "printed as in-place numpy code run on cache-sized blocks.\n\n"
        f"Functions:\n{listing}\n\n{conventions}\n"
        f'"""\n\n{imports}\n'
        "__all__ = [\n" + "".join(f'    "{n}",\n' for n in exported) + "]\n\n"
        "#: what a sum runs over: one axis, several, or all (None)\n"
        "Axis = int | tuple[int, ...] | None\n\n\n"
    )


def _import(module: str, names: list[str]) -> str:
    """`from symkl.module import (...)`, one name a line, as ruff formats it."""
    return f"from symkl.{module} import (\n" + "".join(f"    {n},\n" for n in sorted(names)) + ")\n"


def module_source(names: list[str] | None = None, package: bool = False) -> str:
    """The text of a standalone module with the functions `names` (all by default). A
    logit function brings the whole logit runtime (they share its helpers). With
    `package`, the module imports the runtimes from symkl rather than copying them: that
    is `symkl.functions`, so the repository holds one copy of the runtime code."""
    specs, logits = _select(list(names or []))
    entries = [f"- {s.name}: from derivation {s.derivation} ({s.origin})" for s in specs]
    entries += [f"- {n}: logit space, written in symkl.logit_runtime" for n in logits]
    listing = "\n".join(textwrap.fill(e, 92, subsequent_indent="  ") for e in entries)
    exported = sorted([*(s.name for s in specs), *logits])
    functions = "\n\n".join(function_source(s.name) for s in specs)
    imports = "import numpy as np\nfrom numpy.typing import ArrayLike\n"
    if package:
        runtime = {"logit_runtime": logits, "numeric_runtime": _used(functions, numeric_runtime)}
        imports += "\n" + "".join(_import(m, n) for m, n in runtime.items() if n)
        made = "Imports its kernels and drivers from symkl.numeric_runtime (in the package)."
        conventions, head, tail = "The conventions are in symkl.numeric_runtime.", "", ""
    else:
        imports = f"import functools\nimport math\n\n{imports}"
        made, conventions = "Needs only numpy.", CONVENTIONS
        head, tail = f"{_runtime()}\n\n", f"\n\n{_body(logit_runtime)}" if logits else ""
    header = _header(made, listing, conventions, imports, exported)
    return f"{header}{head}{functions}{tail}".rstrip("\n") + "\n"


def write_module(
    path: Path, names: list[str] | None = None, package: bool = False, target: str = "numpy"
) -> None:
    """Write the module of `names` for `target` ("numpy": `module_source(names, package)`;
    "array-api": `symkl.export_array_api.module_source(names)`) to the regular file
    `path`, atomically (`symkl.outputs.write_file`: a temporary file and a rename,
    permissions kept)."""
    if target == "array-api":
        from symkl import export_array_api  # imports this module

        source = export_array_api.module_source(names)
    else:
        source = module_source(names, package)
    write_file(path, source.encode("utf-8"))
