"""Named rewrite rules: each a small pure function (expression, space) -> expression.

`RULES` is the table derivations apply by name. A rule only rewrites; whether the
result still equals the input is for `symkl.checking` to decide, step by step. Rules never
run derivations: one that uses a proved result (`rewrite with`) is given its conclusion,
a `Proved` (from `symkl.registry.proved`, which derives each result once).
"""

from collections.abc import Callable
from dataclasses import dataclass

import sympy as sp

from symkl.asymptotes import Asymptote
from symkl.errors import DomainError
from symkl.measures import Entropy, KLDivergence, LogGap, unfold
from symkl.solving import solve
from symkl.spaces import Space
from symkl.sums import AGGREGATES, merge, separate, split

__all__ = ["Rule", "Proved", "RULES", "fold"]


@dataclass(frozen=True)
class Rule:
    name: str
    description: str
    apply: Callable[..., sp.Expr]


@dataclass(frozen=True)
class Proved:
    """The conclusion lhs = rhs of a proved derivation, by name: what `rewrite with` uses.

    Not a SymPy object, so a chain does not count it among what its author typed: it was
    derived."""

    name: str
    lhs: sp.Expr
    rhs: sp.Expr

    def __str__(self) -> str:
        return self.name


def _is_aggregate(e: sp.Basic) -> bool:
    return isinstance(e, AGGREGATES)


def _expand_products(expr: sp.Expr, space: Space) -> sp.Expr:
    # Expand inside each sum, and outside with the sums held as atoms, so that the
    # splitting of sums stays a step of its own.
    expr = expr.replace(_is_aggregate, lambda a: a.func(sp.expand(a.function), *a.limits))
    atoms = {a: sp.Dummy() for a in expr.atoms(*AGGREGATES)}
    return sp.expand(expr.xreplace(atoms)).xreplace({d: a for a, d in atoms.items()})


def _expand_logs(expr: sp.Expr, space: Space) -> sp.Expr:
    # force=False: log(a*b) = log a + log b only where the assumptions say a, b > 0.
    return sp.expand_log(expr, force=False)


def _differentiate(expr: sp.Expr, space: Space) -> sp.Expr:
    # SymPy differentiates a Sum termwise: d q_i / d q_e becomes KroneckerDelta(i, e).
    return expr.replace(lambda e: isinstance(e, sp.Derivative), lambda d: d.doit())


def _evaluate_kronecker(expr: sp.Expr, space: Space) -> sp.Expr:
    def collapse(s: sp.Sum) -> sp.Expr:
        # The innermost index only: the delta's other argument may depend on outer ones.
        (var, lo, hi), *outer = s.limits
        for delta in s.function.atoms(sp.KroneckerDelta):
            if var not in delta.args:
                continue
            (target,) = [a for a in delta.args if a != var] or [var]
            factors = list(sp.Mul.make_args(s.function))
            if delta in factors and space.in_range(target, lo, hi):
                factors.remove(delta)
                collapsed = sp.Mul(*factors).subs(var, target)
                return sp.Sum(collapsed, *outer) if outer else collapsed
        return s

    new = expr.replace(
        lambda a: isinstance(a, sp.Sum) and a.function.has(sp.KroneckerDelta), collapse
    )
    if new == expr:
        raise DomainError(
            f"{space.description}: no sum here has a Kronecker delta at a point the space "
            "knows to lie in the range of the sum"
        )
    return new


def _combine_fractions(expr: sp.Expr, space: Space) -> sp.Expr:
    return sp.together(expr)


def _combine_log_arguments(expr: sp.Expr, space: Space) -> sp.Expr:
    return expr.replace(lambda e: isinstance(e, sp.log), lambda e: sp.log(sp.together(e.args[0])))


def _expand_numerator(expr: sp.Expr, space: Space) -> sp.Expr:
    numerator, denominator = sp.fraction(expr)
    return sp.expand(numerator) / denominator


def _substitute_constraints(expr: sp.Expr, space: Space) -> sp.Expr:
    return expr.xreplace(space.constraints())


def _log_of_positive(space: Space) -> Callable[[sp.Basic], bool]:
    # u > 0 by the symbols' assumptions or by the space's facts (1 - alpha > 0 on (0, 1))
    return lambda e: isinstance(e, sp.log) and bool(space.facts(e.args[0]).is_positive)


def _bound_logs_below(expr: sp.Expr, space: Space) -> sp.Expr:
    # log u >= 1 - 1/u for u > 0 (symkl.lemmas.log_le_sub_one at 1/u).
    return expr.replace(_log_of_positive(space), lambda e: 1 - 1 / e.args[0])


def _bound_logs_above(expr: sp.Expr, space: Space) -> sp.Expr:
    # log u <= u - 1 for u > 0 (symkl.lemmas.log_le_sub_one); a number's log stays, as
    # bounding log 2 by 1 only loosens a result.
    positive = _log_of_positive(space)
    return expr.replace(lambda e: positive(e) and not e.is_number, lambda e: e.args[0] - 1)


def _numbers_out_of_logs(expr: sp.Expr, space: Space) -> sp.Expr:
    # log(c u) = log c + log u for a number c > 0, read off u over a common denominator.
    def split(e: sp.log) -> sp.Expr:
        c, u = sp.together(e.args[0]).as_coeff_Mul()
        return sp.log(c) + sp.log(u) if c.is_positive and c != 1 else e

    return expr.replace(lambda e: isinstance(e, sp.log) and not e.is_number, split)


def _drop_nonpositive(expr: sp.Expr, space: Space) -> sp.Expr:
    # a + b <= a for b <= 0, the sign decided under the symbols' assumptions and the
    # space's facts.
    return sp.Add(*(t for t in sp.Add.make_args(expr) if not space.facts(t).is_nonpositive))


def _introduce_log_gap(expr: sp.Expr, space: Space) -> sp.Expr:
    # log u = 1 - 1/u + g(1/u), an identity for u > 0 (g is the log gap).
    return expr.replace(
        _log_of_positive(space), lambda e: 1 - 1 / e.args[0] + LogGap(1 / e.args[0])
    )


def _rewrite_with(expr: sp.Expr, space: Space, result: Proved) -> sp.Expr:
    return expr.subs(result.lhs, result.rhs)


def _drop(kind: type) -> Callable[[sp.Expr, Space], sp.Expr]:
    return lambda expr, space: expr.replace(lambda e: isinstance(e, kind), lambda e: sp.S.Zero)


def _evaluate_limits(expr: sp.Expr, space: Space) -> sp.Expr:
    return expr.replace(lambda e: isinstance(e, sp.Limit), lambda e: e.doit())


def _change_variable(
    expr: sp.Expr, space: Space, old: sp.Symbol, new: sp.Expr, var: sp.Symbol
) -> sp.Expr:
    # old = new(var) in every integral over old, with the Jacobian d(old) = new'(var) d(var).
    return expr.replace(
        lambda e: isinstance(e, sp.Integral) and e.limits[0][0] == old,
        lambda e: e.transform(old, (new, var)),
    )


def _is_log_term(t: sp.Expr) -> bool:
    """c*log(a) with c a number."""
    return isinstance(t.as_coeff_Mul()[1], sp.log)


def _combine_logs(expr: sp.Expr, space: Space) -> sp.Expr:
    # Only the terms c*log(a) of a sum, c a number (log a - log b -> log(a/b), a, b > 0):
    # SymPy's logcombine on the whole would also turn p*log(a) into log(a**p).
    def combine(e: sp.Add) -> sp.Expr:
        logs = [t for t in e.args if _is_log_term(t)]
        rest = [t for t in e.args if not _is_log_term(t)]
        return sp.Add(*rest, sp.logcombine(sp.Add(*logs)))

    return expr.replace(
        lambda e: isinstance(e, sp.Add) and sum(map(_is_log_term, e.args)) > 1, combine
    )


def _log_of_product(expr: sp.Expr, space: Space) -> sp.Expr:
    # sum_i log f_i = log prod_i f_i, for f_i > 0; a leading minus sign stays outside.
    def combine(s: sp.Sum) -> sp.Expr:
        sign, term = (-1, -s.function) if s.function.could_extract_minus_sign() else (1, s.function)
        if isinstance(term, sp.log) and term.args[0].is_positive:
            return sign * sp.log(sp.Product(term.args[0], *s.limits))
        return s

    return expr.replace(lambda e: isinstance(e, sp.Sum), combine)


def _collect_functions(expr: sp.Expr, space: Space) -> sp.Expr:
    # a*g(u) + b*g(u) + r -> (a + b)*g(u) + r, coefficients over a common denominator;
    # deep=False keeps the arguments u as they are.
    functions = sorted(expr.atoms(sp.log, LogGap), key=sp.default_sort_key)
    parts = sp.collect(sp.expand(expr, deep=False), functions, evaluate=False)
    return sp.Add(*(sp.together(c) * f for f, c in parts.items()))


def _substitute(expr: sp.Expr, space: Space, values: dict) -> sp.Expr:
    return expr.subs(values)


def fold(expr: sp.Expr, space: Space) -> sp.Expr:
    """Replace each definition found among the terms of `expr` by its named measure."""
    for measure in space.measures():
        definition = measure.unfold().as_coefficients_dict()
        present = expr.as_coefficients_dict()
        ratios = {present.get(term, 0) / c for term, c in definition.items()}
        if len(ratios) == 1 and (r := ratios.pop()) != 0:
            expr = expr - r * measure.unfold() + r * measure
    return expr


RULES: dict[str, Rule] = {
    rule.name: rule
    for rule in [
        Rule(
            "unfold definitions",
            "replace H, D_KL by their sums or integrals",
            lambda expr, space: unfold(expr),
        ),
        Rule(
            "expand logarithms",
            "log(ab) = log a + log b, log(a/b) = log a - log b (a, b > 0)",
            _expand_logs,
        ),
        Rule("expand products", "multiply out products, inside and outside sums", _expand_products),
        Rule(
            "split sums",
            "a sum (integral) of a sum is the sum of sums; constants move out",
            lambda expr, space: split(expr, deep=False),
        ),
        Rule(
            "evaluate sums",
            "sums in closed form where SymPy has one (sum_i c = n c)",
            lambda expr, space: expr.replace(lambda e: isinstance(e, sp.Sum), lambda e: e.doit()),
        ),
        Rule("change variable", "substitute in integrals, with the Jacobian", _change_variable),
        Rule(
            "evaluate integrals",
            "compute the integrals in closed form",
            lambda expr, space: expr.replace(
                lambda e: isinstance(e, sp.Integral), lambda e: e.doit()
            ),
        ),
        Rule(
            "merge sums",
            "sums (integrals) over the same range become one",
            lambda expr, space: merge(expr),
        ),
        Rule(
            "fold into measures", "recognise the definitions of H(p), H(p, q), D_KL(p || q)", fold
        ),
        Rule("differentiate", "differentiate, termwise under the sum", _differentiate),
        Rule(
            "evaluate Kronecker delta",
            "sum_i f_i delta_ie = f_e, since 1 <= e <= n",
            _evaluate_kronecker,
        ),
        Rule("combine fractions", "bring to a common denominator", _combine_fractions),
        Rule(
            "combine fractions in logarithms",
            "common denominator inside each log",
            _combine_log_arguments,
        ),
        Rule(
            "expand numerator",
            "multiply out the numerator, keep the denominator factored",
            _expand_numerator,
        ),
        Rule("substitute constraints", "sum_i p_i = 1, sum_i q_i = 1", _substitute_constraints),
        Rule(
            "separate sums of products",
            "sum_i sum_j a_i b_j = (sum_i a_i)(sum_j b_j)",
            lambda expr, space: separate(expr),
        ),
        Rule(
            "sum out the marginals",
            "sum_j p(x_i, y_j) = p(x_i), sum_i p(x_i, y_j) = p(y_j)",
            lambda expr, space: space.marginals(expr),
        ),
        Rule(
            "bound logarithms below", "log u >= 1 - 1/u for u > 0, term by term", _bound_logs_below
        ),
        Rule(
            "bound logarithms above",
            "log u <= u - 1 for u > 0, term by term (not for numbers)",
            _bound_logs_above,
        ),
        Rule(
            "take numbers out of logarithms",
            "log(c u) = log c + log u for a number c > 0",
            _numbers_out_of_logs,
        ),
        Rule("drop nonpositive terms", "a + b <= a where b <= 0", _drop_nonpositive),
        Rule(
            "introduce the log gap",
            "log u = 1 - 1/u + g(1/u) with g(t) = t - 1 - log t",
            _introduce_log_gap,
        ),
        Rule(
            "rewrite with", "replace a proved result's left side by its right side", _rewrite_with
        ),
        Rule("drop divergences", "D_KL(p || q) >= 0 (kl_nonneg)", _drop(KLDivergence)),
        Rule("drop entropies", "H(p) >= 0 (probabilities at most 1)", _drop(Entropy)),
        Rule("evaluate limits", "compute the limits", _evaluate_limits),
        Rule(
            "evaluate asymptotes",
            "the line a x + b with a = lim L/x, b = lim (L - a x)",
            lambda expr, space: expr.replace(
                lambda e: isinstance(e, Asymptote), lambda e: e.doit()
            ),
        ),
        Rule(
            "evaluate substitutions",
            "carry out the substitutions (evaluate at a point)",
            lambda expr, space: expr.replace(lambda e: isinstance(e, sp.Subs), lambda e: e.doit()),
        ),
        Rule("substitute", "substitute values for symbols", _substitute),
        Rule(
            "apply the model assumption",
            "the space's stated model, e.g. q(x,y) = q(y|x) p(x)",
            lambda expr, space: space.model(expr),
        ),
        Rule(
            "log of a sum as log of a product",
            "sum_i log f_i = log prod_i f_i (f_i > 0)",
            _log_of_product,
        ),
        Rule("combine logarithms", "log a - log b = log(a/b) (a, b > 0)", _combine_logs),
        Rule(
            "factor out common factors",
            "a*b - a*c = a*(b - c), inside and outside sums",
            lambda expr, space: sp.factor_terms(expr),
        ),
        Rule(
            "solve",
            "the solutions of f = 0 in a set {x : f = 0}, by solveset (checked and counted)",
            solve,
        ),
        Rule(
            "collect by functions",
            "a g(u) + b g(u) = (a + b) g(u) for each log and log gap, the rest combined",
            _collect_functions,
        ),
        Rule("simplify", "SymPy's simplify", lambda expr, space: sp.simplify(expr)),
        Rule("compare with zero", "the expression against 0", lambda expr, space: sp.S.Zero),
    ]
}
