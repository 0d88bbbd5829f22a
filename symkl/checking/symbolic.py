"""The symbolic stage of a check: normal forms, and certificates for relations.

## Main definitions
- `normal_form(expr, space)`: definitions unfolded, logs expanded, sums split, constants
  pulled out, constraints applied. Equal expressions often meet here.
- `certify(before, after, space, relation)`: a `Certificate` naming the method that settles
  the relation under the space's assumptions, or None.

Every method is an equivalence-preserving rewrite followed by SymPy's own sign and zero
tests under the symbols' assumptions; the assumptions used are the space's, recorded in the
certificate.
"""

import sympy as sp
from sympy.core.function import AppliedUndef

from symkl.checking.verdict import Certificate
from symkl.exact_integrals import gaussian_integral
from symkl.lemmas import GAP, LOG_FORMS, apply_log_form, log_le_sub_one
from symkl.measures import unfold
from symkl.spaces import Space
from symkl.sums import canonical_indices, merge, separate, split

__all__ = ["normal_form", "certify", "RELATIONS"]

#: relation -> symbolic test on the difference d = before - after
RELATIONS = {
    "=": lambda d: d.is_zero,
    ">=": lambda d: d.is_nonnegative,
    "<=": lambda d: d.is_nonpositive,
    ">": lambda d: d.is_positive,
    "<": lambda d: d.is_negative,
}


def _evaluate_calculus(expr: sp.Expr) -> sp.Expr:
    """Carry out derivatives, limits and substitutions (SymPy computes them exactly)."""
    return expr.replace(lambda e: isinstance(e, (sp.Derivative, sp.Limit, sp.Subs)), _doit)


def _doit(e: sp.Expr) -> sp.Expr:
    return e.doit()


def normal_form(expr: sp.Expr, space: Space) -> sp.Expr:
    """A canonical form of `expr` under the space's facts and constraints."""
    expr = space.facts(_evaluate_calculus(space.model(unfold(expr))))
    expr = sp.expand(sp.expand_log(expr, force=False))
    # the facts again: split sums may show what they rewrite (a sum of the joint)
    expr = canonical_indices(separate(space.facts(split(expr))))
    constraints = {canonical_indices(k): v for k, v in space.constraints().items()}
    return sp.expand(expr.xreplace(constraints))


def _method(difference: sp.Expr, space: Space, relation: str) -> str | None:
    decide = RELATIONS[relation]
    # first, as it is cheap: expanding exp of a sum into a product of exponentials is not
    opaque = _inner_sums_opaque(difference) if relation == "=" else None
    if opaque is not None:
        opaque = normal_form(opaque, space)
        merged = opaque.has(sp.Sum) and _polynomial_sized(opaque) and decide(_merged(opaque, space))
        if merged or decide(opaque):
            return "each sum inside a function taken as any number, then the normal form"
    form = normal_form(difference, space)
    if decide(form):
        return "normal form (definitions, log rules, linearity, constraints)"
    if relation != "=":
        return _sign(difference, form, space, decide)
    if form.has(sp.Integral) and not form.atoms(AppliedUndef):
        # Integrate before expanding: expanded exponentials are much harder to integrate.
        parts = split(sp.expand_log(unfold(difference), force=False), deep=False)
        evaluated = normal_form(_gaussian_integrals(parts).doit(), space)
        if decide(evaluated) or decide(sp.simplify(evaluated)):
            return "integrals evaluated in closed form"
    if form.has(sp.Sum) and _polynomial_sized(form) and decide(_merged(form, space)):
        return "normal form with the sums merged and each summand cancelled"
    simplified = sp.simplify(form)
    if decide(simplified):
        return "simplify after normal form"
    constrained = sp.simplify(simplified.subs(space.constraints()))
    if constrained != simplified and decide(constrained):
        return "simplify with the sum-to-one constraints"
    if opaque is not None and decide(sp.simplify(opaque)):
        return "each sum inside a function taken as any number, then simplify"
    return None


def _inner_sums_opaque(expr: sp.Expr) -> sp.Expr | None:
    """`expr` with each sum inside a function (`exp(sum_k w_k x_ik)`, from a scalar
    product) replaced by a number of its own, one per value of the integers it holds (the
    outer sum's i): what holds for any such numbers holds for the sums. SymPy's expansion
    would turn exp of a sum into a product of exponentials, where `1 - sigma` never
    cancels. None where there is no such sum, or where something differentiates or
    integrates (a number of its own would be a constant there)."""
    if expr.has(sp.Derivative, sp.Integral, sp.Subs, sp.Limit):
        return None
    expr = canonical_indices(expr)
    inner = {}
    for f in expr.atoms(sp.Function):
        for a in f.args:
            for total in a.atoms(sp.Sum) if isinstance(a, sp.Basic) else ():
                if total not in inner:
                    integers = sorted((x for x in total.free_symbols if x.is_integer), key=str)
                    number = sp.IndexedBase(f"_sum{len(inner)}", real=True)
                    inner[total] = number[tuple(integers)] if integers else number.label
    if not inner:
        return None
    return expr.xreplace(inner)


def _merged(form: sp.Expr, space: Space) -> sp.Expr:
    """Sums over the same range merged, each summand over a common denominator and
    factored, then the normal form again: sum p^2/(p + q) + sum q^2/(p + q) + 2 sum pq/(p + q)
    is sum (p + q), which the constraints close."""
    merged = merge(form).replace(
        lambda e: isinstance(e, sp.Sum),
        lambda e: e.func(sp.factor(sp.together(e.function)), *e.limits),
    )
    return normal_form(merged, space)


def _gaussian_integral(integral: sp.Integral) -> sp.Expr:
    closed = gaussian_integral(integral)
    return integral if closed is None else closed


def _gaussian_integrals(expr: sp.Expr) -> sp.Expr:
    """Polynomial-times-Gaussian integrals over the real line in closed form, from the
    normal moments (SymPy's `integrate` takes seconds over them, or fails)."""
    return expr.replace(lambda e: isinstance(e, sp.Integral), _gaussian_integral)


def _sign(difference: sp.Expr, form: sp.Expr, space: Space, decide) -> str | None:
    """Sign arguments for inequalities: probabilities at most 1, then the log lemma."""
    if _polynomial_sized(form) and decide(sp.factor(sp.together(form))):
        return "sign of the factored normal form"
    if decide(_bounded(form, space)):
        return "sign of the normal form, with probabilities in (0, 1]"
    log_le_sub_one()  # re-proved once per process; raises if it cannot be
    unfolded = space.facts(_evaluate_calculus(space.model(unfold(difference))))
    for log_form in LOG_FORMS:
        rewritten = normal_form(apply_log_form(unfolded, log_form), space)
        if decide(rewritten) or decide(_bounded(rewritten, space)):
            return f"sign after {log_form.name}"
        if _polynomial_sized(rewritten) and decide(_collect_gaps(rewritten)):
            return f"sign after {log_form.name}, collected by the gaps g"
    return None


def _collect_gaps(form: sp.Expr) -> sp.Expr:
    """`form` as sum_k c_k g(u_k) + r with each c_k and r factored: the expanded
    (1 - alpha) g(u) shows its sign only once g(u) - alpha g(u) is collected again."""
    gaps = sorted(form.atoms(GAP), key=sp.default_sort_key)
    if not gaps:
        return form
    parts = sp.collect(form, gaps, evaluate=False)
    return sp.Add(*(sp.factor(sp.together(c)) * g for g, c in parts.items()))


#: factoring is skipped where a power of e or of a number exceeds this degree
MAX_FACTOR_DEGREE = 64


def _polynomial_sized(expr: sp.Expr) -> bool:
    """Would factoring see polynomials of modest degree? (exp(-10000) becomes a
    polynomial of degree 10000 in e, which factoring takes minutes over)."""
    for e in expr.atoms(sp.exp, sp.Pow):
        exponent = e.args[0] if isinstance(e, sp.exp) else e.exp
        if exponent.is_number and abs(exponent) > MAX_FACTOR_DEGREE:
            return False
    return True


def _bounded(form: sp.Expr, space: Space) -> sp.Expr:
    return sp.expand(sp.expand_log(space.bounded(form), force=False))


def certify(before: sp.Expr, after: sp.Expr, space: Space, relation: str) -> Certificate | None:
    """A certificate that `before RELATION after` holds in `space`, or None."""
    method = _method(before - after, space, relation)
    if method is None:
        return None
    return Certificate(method, tuple(space.assumptions))
