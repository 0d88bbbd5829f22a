"""Stable numpy code from SymPy expressions: a table of rewrites, then an in-place emitter.

## Main definitions
- Stable primitives, as SymPy functions that know their textbook meaning
  (`.textbook()`): `XLogX`, `XLogY`, `XLog1pY`, `RelEntr`, `LogRatioPlus`, `Step`,
  `Log1pExpNegAbs`, `SigmoidMinus`, and `Guarded` (a quotient with its removable 0/0
  points and their limits).
- `REWRITES`: the table, textbook form -> stable form, applied in order by `stable`.
- `kernel_source(expr, args)`: Python source of an in-place kernel for the runtime drivers
  in `symkl.numeric_runtime` (fast mode on cache-sized blocks, careful mode at the edges).
- `vectorize(expr, args)`: the same kernel compiled, as a broadcasting numpy function.
- `check_conclusion(derivation)`: the conclusion's right side, evaluated by its stable
  numpy form, against the left side by mpmath at 50 digits, at the space's sample points.

## Main statements
`unstable(stable(e))` equals `e` for every rewrite (tests check this numerically), and
the kernels agree with mpmath within a few ULP on adversarial grids (tests/test_export.py).
"""

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import sympy as sp

from symkl import numeric_runtime
from symkl.errors import SymklError

__all__ = [
    "XLogX",
    "XLogY",
    "XLog1pY",
    "RelEntr",
    "LogRatioPlus",
    "Step",
    "Log1pExpNegAbs",
    "SigmoidMinus",
    "Guarded",
    "Rewrite",
    "REWRITES",
    "stable",
    "unstable",
    "kernel_source",
    "vectorize",
    "check_conclusion",
]


class StableFunction(sp.Function):
    """A primitive with a stable kernel in `numeric_runtime` named `kernel`."""

    kernel: str

    def textbook(self) -> sp.Expr:
        raise NotImplementedError


class XLogX(StableFunction):
    """x log x, with 0 log 0 = 0."""

    kernel = "xlogx"

    def textbook(self):
        (x,) = self.args
        return x * sp.log(x)


class XLogY(StableFunction):
    """x log y, with 0 log y = 0."""

    kernel = "xlogy"

    def textbook(self):
        x, y = self.args
        return x * sp.log(y)


class XLog1pY(StableFunction):
    """x log(1 + y), with 0 log(1 + y) = 0; accurate for tiny y."""

    kernel = "xlog1py"

    def textbook(self):
        x, y = self.args
        return x * sp.log(1 + y)


class RelEntr(StableFunction):
    """p log(p/q), accurate when p/q is near 1 and when it overflows."""

    kernel = "rel_entr"

    def textbook(self):
        p, q = self.args
        return p * sp.log(p / q)


class LogRatioPlus(StableFunction):
    """log(x/y) + c: no overflow of x/y, accurate when x/y is near 1, and recomputed in
    extended precision where adding c cancels."""

    kernel = "log_ratio_plus"

    def textbook(self):
        x, y, c = self.args
        return sp.log(x / y) + c


class Step(StableFunction):
    """The step H(x): 0 for x < 0 (and x = -0.0), 1 for x >= 0."""

    kernel = "step"

    def textbook(self):
        (x,) = self.args
        return sp.Heaviside(x, 1)


class Log1pExpNegAbs(StableFunction):
    """log(1 + e^(-|x|)): never overflows, accurate for large |x|."""

    kernel = "log1pexp_negabs"

    def textbook(self):
        (x,) = self.args
        return sp.log(1 + sp.exp(-sp.Abs(x)))


class SigmoidMinus(StableFunction):
    """sigma(x) - y = e^x / (1 + e^x) - y: never overflows, keeps the tiny value of
    sigma(x) - 1 at large x, and is recomputed in extended precision where sigma(x) and y
    cancel."""

    kernel = "sigmoid_minus"

    def textbook(self):
        x, y = self.args
        return sp.exp(x) / (1 + sp.exp(x)) - y


class Guarded(sp.Function):
    """Guarded(quotient, ((conditions, limit), ...)): the quotient, except at its removable
    0/0 points, where it takes the limit. `conditions` is a Tuple of (symbol, value) pairs."""

    def textbook(self):
        return self.args[0]

    def _sympystr(self, printer) -> str:
        limits = "; ".join(
            f"{printer._print(v)} at "
            + ", ".join(f"{printer._print(s)} = {printer._print(z)}" for s, z in conditions)
            for conditions, v in self.args[1]
        )
        return f"{printer._print(self.args[0])}, with limit {limits}"


def _is_exp(e: sp.Basic) -> bool:
    return isinstance(e, sp.exp)


def _softplus_argument(e: sp.Basic) -> sp.Expr | None:
    """x if e is log(1 + e^x), else None."""
    if isinstance(e, sp.log) and isinstance(e.args[0], sp.Add):
        terms = e.args[0].args
        if len(terms) == 2 and sp.S.One in terms:
            (other,) = [t for t in terms if t != sp.S.One]
            if _is_exp(other):
                return other.args[0]
    return None


def _softplus(expr: sp.Expr) -> sp.Expr:
    """log(1 + e^x) -> x H(x) + log(1 + e^(-|x|)), and the terms linear in x join x H(x):
    -x y + log(1 + e^x) becomes x (H(x) - y) + log(1 + e^(-|x|)), a sum of two terms >= 0
    for y in [0, 1]: no overflow, and no cancellation at large |x| when y is near 1."""
    for log in [e for e in sp.preorder_traversal(expr) if _softplus_argument(e) is not None]:
        x = _softplus_argument(log)
        linear = sp.expand(expr.subs(log, 0))
        expr = sp.collect(linear + x * Step(x), x) + Log1pExpNegAbs(x)
    return expr


def _sigmoid_argument(e: sp.Basic) -> sp.Expr | None:
    """x if e is e^x / (1 + e^x), else None."""
    if not isinstance(e, sp.Mul):
        return None
    num, den = e.as_numer_denom()
    if _is_exp(num) and sp.expand(den - 1 - num) == 0:
        return num.args[0]
    return None


def _sigmoid(expr: sp.Expr) -> sp.Expr:
    """sigma(x) + c -> SigmoidMinus(x, -c), computed as (H(x) + c) -/+ sigma(-|x|): no
    overflow, sigma(x) - 1 keeps its tiny value -sigma(-x) at large x instead of rounding
    to 0, and where sigma(x) and -c cancel the kernel redoes the difference in extended
    precision (the rounding of sigma would otherwise be amplified)."""
    for term in [e for e in sp.preorder_traversal(expr) if _sigmoid_argument(e) is not None]:
        x = _sigmoid_argument(term)
        expr = SigmoidMinus(x, -expr.subs(term, 0))
    return expr


def _log_plus(expr: sp.Expr) -> sp.Expr:
    """s log(x/y) + c -> s LogRatioPlus(x, y, s c), for a sign s and a number c: the whole
    expression, as in the gradients -log p - 1 and log(p/q) + 1, whose two terms cancel
    near x/y = e^-c."""
    terms = sp.Add.make_args(expr)
    constants = [t for t in terms if t.is_number]
    logs = [t for t in terms if not t.is_number and sp.log in (type(t), type(-t))]
    if len(terms) != 2 or len(constants) != 1 or len(logs) != 1:
        return expr
    sign = 1 if isinstance(logs[0], sp.log) else -1
    x, y = (sign * logs[0]).args[0].as_numer_denom()
    return sign * LogRatioPlus(x, y, sign * constants[0])


def _log_factor(e: sp.Basic) -> tuple[sp.Expr, sp.Expr] | None:
    """(c, y) if e is c * log(y) with c free of logarithms, else None."""
    if not isinstance(e, sp.Mul):
        return None
    logs = [f for f in e.args if isinstance(f, sp.log)]
    if len(logs) != 1:
        return None
    c = e / logs[0]
    return (c, logs[0].args[0]) if not c.has(sp.log) else None


def _xlogy(expr: sp.Expr) -> sp.Expr:
    """c x log(x) -> c XLogX(x); c x log(x/y) -> c RelEntr(x, y); c x log(1 - y) ->
    c XLog1pY(x, -y); c x log(y) -> c XLogY(x, y). c is the numeric coefficient."""

    def rewrite(e):
        c, y = _log_factor(e)
        coeff, x = c.as_coeff_Mul()
        if x == 1:
            return e  # c log y: no 0 log 0 to guard, np.log is the stable form
        num, den = y.as_numer_denom()
        if x == y:
            return coeff * XLogX(x)
        if den != 1 and num == x:
            return coeff * RelEntr(x, den)
        if isinstance(y, sp.Add) and sp.S.One in y.args:
            return coeff * XLog1pY(x, y - 1)
        return coeff * XLogY(x, y)

    return expr.replace(lambda e: _log_factor(e) is not None, rewrite)


def _zeros(expr: sp.Expr, symbol: sp.Symbol) -> list[sp.Expr]:
    return [z for z in sp.solve(expr, symbol) if z.is_number and z.is_real]


def _guards(num: sp.Expr, den: sp.Expr) -> tuple:
    """The removable 0/0 points of num/den and their limits: first the numerator's zero
    for one variable, then the limit in the denominator's variable (the order the 0 log 0
    convention fixes, e.g. (b - a)/(b (1 - b)) -> 1 at a = b = 0)."""
    guards = []
    for v in sorted(den.free_symbols, key=str):
        for z in _zeros(den, v):
            top = num.subs(v, z)
            if top == 0:
                cases = [((v, z),)]
            else:
                cases = [
                    ((w, w0), (v, z))
                    for w in sorted(top.free_symbols, key=str)
                    for w0 in _zeros(top, w)
                ]
            for case in cases:
                inner = (num / den).subs(dict(case[:-1]))
                value = sp.limit(inner, v, z)
                if value.is_finite:
                    guards.append((sp.Tuple(*(sp.Tuple(*c) for c in case)), value))
    return tuple(guards)


def _guard_quotients(expr: sp.Expr) -> sp.Expr:
    """A quotient whose numerator and denominator vanish together -> Guarded(...)."""
    num, den = sp.fraction(sp.together(expr))
    if den.free_symbols and not den.has(StableFunction):
        guards = _guards(num, den)
        if guards:
            return Guarded(num / den, sp.Tuple(*(sp.Tuple(c, v) for c, v in guards)))
    return expr


@dataclass(frozen=True)
class Rewrite:
    """One row of the table: a textbook form, its stable replacement, and why."""

    name: str
    textbook: str
    stable: str
    apply: Callable[[sp.Expr], sp.Expr]


REWRITES: tuple[Rewrite, ...] = (
    Rewrite("softplus", "log(1 + e^x) + c x", "x (H(x) + c) + log1p(e^-|x|)", _softplus),
    Rewrite("sigmoid", "e^x/(1 + e^x) + c", "sigmoid_minus(x, -c)", _sigmoid),
    Rewrite("log plus", "log(x/y) + c", "log_ratio_plus(x, y, c)", _log_plus),
    Rewrite("x log y", "x log x, x log(x/y), x log(1-y), x log y", "xlogx, rel_entr, ...", _xlogy),
    Rewrite(
        "guarded quotient", "N/D with N = D = 0 at a point", "N/D, limit there", _guard_quotients
    ),
)


def stable(expr: sp.Expr) -> sp.Expr:
    """Apply every rewrite of `REWRITES` in order."""
    for rewrite in REWRITES:
        expr = rewrite.apply(expr)
    return expr


def unstable(expr: sp.Expr) -> sp.Expr:
    """The textbook expression a stable one stands for."""
    return expr.replace(lambda e: isinstance(e, (StableFunction, Guarded)), lambda e: e.textbook())


def _literal(e: sp.Expr) -> bool:
    """A number the emitter may print as a float literal (not one a stable kernel needs)."""
    return e.is_number and not e.has(StableFunction, Guarded)


class _Emitter:
    """Turns a stable expression into in-place numpy statements on named buffers."""

    def __init__(self, args: dict[sp.Symbol, str]):
        self.args = args
        self.lines: list[str] = []
        self.used = 0

    def value(self, e: sp.Expr, free: int) -> tuple[str, int]:
        """A name or literal holding e, and the first scratch buffer still free."""
        if e in self.args:
            return self.args[e], free
        if _literal(e):
            return repr(float(e)), free
        name = f"s[{free}]"
        self.emit(e, name, free + 1)
        return name, free + 1

    def op(self, ufunc: str, operands: list[str], target: str) -> None:
        self.lines.append(f"np.{ufunc}({', '.join(operands)}, out={target})")

    def emit(self, e: sp.Expr, target: str, free: int) -> None:
        self.used = max(self.used, free)
        if isinstance(e, StableFunction):
            names = []
            for a in e.args:
                name, free = self.value(a, free)
                names.append(name)
            self.lines.append(f"{e.kernel}({', '.join(names)}, {target}, s[{free}:], careful)")
            self.used = max(self.used, free + 3)
        elif isinstance(e, Guarded):
            self.emit(e.args[0], target, free)
            guards = ["if careful:"]
            for conditions, limit in e.args[1]:
                mask = " & ".join(f"({self.args[s]} == {float(v)!r})" for s, v in conditions)
                guards.append(f"    guard({target}, {mask}, {float(limit)!r})")
            self.lines.append("\n".join(guards))
        elif isinstance(e, sp.Add):
            self._fold(e.as_ordered_terms(), target, free, "add", "subtract")
        elif isinstance(e, sp.Mul):
            coeff, rest = e.as_coeff_Mul()
            factors = sp.Mul.make_args(rest)
            nums = [f for f in factors if not (f.is_Pow and f.exp == -1)]
            dens = [f.base for f in factors if f.is_Pow and f.exp == -1]
            if coeff != 1 and coeff != -1:
                nums.insert(0, coeff)
            if not nums:
                nums = [sp.S.One]
            if coeff == -1 and len(nums) == 1 and not dens:
                name, _ = self.value(nums[0], free)
                self.op("negative", [name], target)
                return
            self._chain(nums, dens, target, free)
            if coeff == -1:
                self.op("negative", [target], target)
        elif isinstance(e, sp.Pow):
            base, free = self.value(e.base, free)
            self.op("power", [base, repr(float(e.exp))], target)
        elif isinstance(e, (sp.log, sp.exp, sp.Abs)):
            ufunc = {sp.log: "log", sp.exp: "exp", sp.Abs: "abs"}[type(e)]
            name, free = self.value(e.args[0], free)
            self.op(ufunc, [name], target)
        elif e in self.args or _literal(e):
            name, _ = self.value(e, free)
            self.lines.append(f"np.copyto({target}, {name})")
        else:
            raise SymklError(f"no stable numpy form for {type(e).__name__}: {e}")

    def _fold(self, terms, target, free, plus, minus):
        signs = []
        for t in terms:
            negative = t.could_extract_minus_sign() and not _literal(t)
            signs.append((minus if negative else plus, -t if negative else t))
        # positive terms first, so that a sum starts without a negation
        signs.sort(key=lambda pair: pair[0] == minus)
        (first_op, first), rest = signs[0], signs[1:]
        if not rest:
            self.emit(first if first_op == plus else -first, target, free)
            return
        # the first term goes straight into target; later ones via scratch buffers
        if first in self.args or _literal(first):
            head = self.value(first if first_op == plus else -first, free)[0]
            (op, second), rest = rest[0], rest[1:]
            name, _ = self.value(second, free)
            self.op(op, [head, name], target)
        else:
            self.emit(first if first_op == plus else -first, target, free)
        for op, t in rest:
            name, _ = self.value(t, free)
            self.op(op, [target, name], target)

    def _chain(self, nums, dens, target, free):
        first, rest = nums[0], nums[1:]
        if (first in self.args or _literal(first)) and (rest or dens):
            head = self.value(first, free)[0]
            if rest:
                name, _ = self.value(rest[0], free)
                self.op("multiply", [head, name], target)
                rest = rest[1:]
            else:
                name, _ = self.value(dens[0], free)
                self.op("divide", [head, name], target)
                dens = dens[1:]
        else:
            self.emit(first, target, free)
        for f in rest:
            name, _ = self.value(f, free)
            self.op("multiply", [target, name], target)
        if dens:
            den = sp.Mul(*dens)
            name, _ = self.value(den, free)
            self.op("divide", [target, name], target)


def kernel_source(expr: sp.Expr, args: list[sp.Symbol], name: str) -> tuple[str, int]:
    """Source of `def name(*args, out, s, careful)` computing the stable `expr` in place,
    and how many scratch buffers it needs."""
    arg_names = {a: str(a) for a in args}
    emitter = _Emitter(arg_names)
    emitter.emit(expr, "out", 0)
    body = "\n".join("    " + line.replace("\n", "\n    ") for line in emitter.lines)
    signature = ", ".join([*arg_names.values(), "out", "s", "careful"])
    source = f"def {name}({signature}):\n{body}\n    return out\n"
    return source, emitter.used


def _plain(expr: sp.Expr, args: list[sp.Symbol]) -> tuple[sp.Expr, list[sp.Symbol]]:
    """Replace the arguments by assumption-free real symbols of the same names, so that
    solving for 0/0 points does not use positivity."""
    plain = [sp.Symbol(str(a).split("[")[0], real=True) for a in args]
    return expr.xreplace(dict(zip(args, plain, strict=True))), plain


def vectorize(expr: sp.Expr, args: list[sp.Symbol]) -> Callable[..., np.ndarray]:
    """A broadcasting numpy function of `args` computing `expr` through `stable`."""
    plain_expr, plain = _plain(expr, args)
    source, scratch = kernel_source(stable(plain_expr), plain, "kernel")
    namespace = {"np": np} | {
        k: getattr(numeric_runtime, k) for k in dir(numeric_runtime) if not k.startswith("_")
    }
    # the source is printed from a SymPy tree by this module, never read from a user
    exec(compile(source, "<symkl.numeric>", "exec"), namespace)
    kernel = namespace["kernel"]
    kernel.scratch = scratch
    names = [str(a) for a in plain]
    domains = ("real",) * len(plain)

    def function(*values):
        return numeric_runtime.elementwise(kernel, values, names, domains, False)

    return function


@dataclass(frozen=True)
class ConclusionCheck:
    """How a conclusion fared: `points` compared, `unsupported` points whose right side
    has no stable numpy form (skipped), and the largest error (for =) or violation (for an
    inequality) seen, relative to max(|lhs|, 1)."""

    name: str
    points: int
    unsupported: int
    max_rel_error: float


_HOLDS = {
    "=": lambda d: abs(d),
    ">=": lambda d: max(0.0, -d),
    ">": lambda d: max(0.0, -d),
    "<=": lambda d: max(0.0, d),
    "<": lambda d: max(0.0, d),
}


def _float64(name: str, concrete: sp.Expr) -> float:
    """A right side at a point, through its stable numpy form."""
    from symkl.estimates import Estimate

    # a quadrature's value, for float64 code that knows nothing of its error estimate
    concrete = concrete.replace(lambda e: isinstance(e, Estimate), lambda e: e.args[0])
    if concrete.free_symbols or concrete.has(sp.Integral, sp.Sum, sp.Derivative):
        raise SymklError(f"{name}: the right side is not a number here")
    return float(vectorize(concrete, [])())


def check_conclusion(derivation, count: int = 20, seed: int = 0) -> ConclusionCheck:
    """The conclusion lhs RELATION rhs with the right side evaluated by its stable numpy
    form and the left side by mpmath (50 digits), at `count` sample points of the
    derivation's space. Points where the left side is undefined are skipped."""
    from symkl.measures import unfold

    c = derivation.conclusion
    lhs, rhs = unfold(c.lhs), unfold(c.rhs)
    # lhs in [a, b] is lhs >= a and lhs <= b: checked as the two
    bounds = [(">=", rhs.start), ("<=", rhs.end)] if c.relation == "in" else [(c.relation, rhs)]
    worst, used, unsupported = 0.0, 0, 0
    for point in derivation.space.points(np.random.default_rng(seed), count):
        exact = point.evaluate(lhs, 50)
        if exact is None:
            continue
        try:
            approx = [_float64(derivation.name, point.prepare(side).doit()) for _, side in bounds]
        except SymklError:
            unsupported += 1
            continue
        # lhs RELATION rhs holds when the violation of (lhs - rhs) is 0; errors are relative
        # for |lhs| >= 1 and absolute below, since a float64 right side works from rounded
        # inputs: with p = 1 - 1e-30 rounded to 1, a 1e-29 value cannot keep its digits
        scale = max(abs(float(exact)), 1.0)
        for (relation, _), value in zip(bounds, approx, strict=True):
            worst = max(worst, _HOLDS[relation](float(exact) - value) / scale)
        used += 1
    return ConclusionCheck(derivation.name, used, unsupported, worst)
