"""Repairs: small edits of a refuted step that make it hold, each confirmed by the policy.

## Main definitions
- `Edit`: one edit: what it changes (in words), the edited sides and relation, and the
  kinds it assumes for letters (a missing constraint).
- `EDITS`: the families of edits, tried in this order: log rules, swapped arguments, a
  `\\partial` with respect to the wrong variable, a sum's bound off by one, signs,
  factors, the relation, a missing constraint.
- `repairs(lhs, rhs, relation, check, stated)`: the edits (at most `MAX_SHOWN`) whose
  check the verdict policy confirms (`proved` or `holds-numerically`), as dicts with
  `edit`, `text`, `typeset` and `verdict`.

This module decides nothing: `check` is the auditor's own check of a relation, whose
verdict comes from `symkl.checking.verdict`; an edit is shown only where that verdict
confirms it, so no suggestion is ever a false statement. The search takes at most
`SECONDS` of CPU time, each edit at most `EDIT_SECONDS`, and tries at most `MAX_EDITS`
edits in a fixed order, so the same step gets the same repairs.
"""

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import sympy as sp
from sympy.core.function import AppliedUndef

from symkl.checking import BudgetExhausted, Check, Verdict, budget, remaining
from symkl.measures import InformationMeasure
from symkl.notes.typeset import step_latex
from symkl.printing import text as show

__all__ = ["Edit", "EDITS", "repairs", "SECONDS", "EDIT_SECONDS", "MAX_EDITS", "MAX_SHOWN"]

#: CPU seconds for the whole search, and for the check of one edit
SECONDS, EDIT_SECONDS = 1.5, 0.5
#: edits tried, and repairs shown, per step
MAX_EDITS, MAX_SHOWN = 48, 3
#: b REL a <-> a REVERSED[REL] b; and what an equality may have been meant as
REVERSED = {"<": ">", ">": "<", "<=": ">=", ">=": "<="}
WEAKER = {"=": ("<=", ">="), "<": ("<=",), ">": (">=",)}
SHOWN = {"<=": "\u2264", ">=": "\u2265", "=": "=", "<": "<", ">": ">"}


@dataclass(frozen=True)
class Edit:
    what: str
    lhs: sp.Basic
    rhs: sp.Basic
    relation: str
    kinds: dict = field(default_factory=dict)


Family = Callable[[sp.Basic, sp.Basic, str, frozenset], Iterator[Edit]]


def _sides(lhs, rhs) -> Iterator[tuple[str, sp.Basic, Callable[[sp.Basic], tuple]]]:
    """(name, side, rebuild) where rebuild(new side) gives (lhs, rhs)."""
    yield "left", lhs, lambda new: (new, rhs)
    yield "right", rhs, lambda new: (lhs, new)


def _logs(lhs, rhs, relation, stated) -> Iterator[Edit]:
    """log of a product as a sum of logs and back; a product of logs as their sum."""

    def product_of_logs(e):
        return isinstance(e, sp.Mul) and sum(isinstance(f, sp.log) for f in e.args) >= 2

    def as_sum(e):
        logs = [f for f in e.args if isinstance(f, sp.log)]
        rest = sp.Mul(*[f for f in e.args if not isinstance(f, sp.log)])
        return rest * sp.Add(*logs)

    for name, side, rebuild in _sides(lhs, rhs):
        rewrites = (
            ("a log of a product as a sum of logs", sp.expand_log(side, force=True)),
            ("a sum of logs as the log of a product", sp.logcombine(side, force=True)),
            ("a product of logs as their sum", side.replace(product_of_logs, as_sum)),
        )
        for what, new in rewrites:
            if new != side:
                yield Edit(f"{what} on the {name} side", *rebuild(new), relation)


def _swapped_arguments(lhs, rhs, relation, stated) -> Iterator[Edit]:
    """The arguments of a measure or function of two swapped, or two letters swapped on
    one side."""
    calls = [
        c
        for c in sp.preorder_traversal(sp.Tuple(lhs, rhs))
        if isinstance(c, InformationMeasure | AppliedUndef) and len(c.args) >= 2
    ]
    for call in dict.fromkeys(calls):
        if isinstance(call, InformationMeasure) and len(call.distributions) != 2:
            continue  # H(p)'s other arguments are its limits and base
        first, second, *rest = call.args
        swapped = call.func(second, first, *rest)
        new = sp.Tuple(lhs, rhs).xreplace({call: swapped})
        yield Edit(f"the arguments of {show(call)} swapped", *new, relation)
    for name, side, rebuild in _sides(lhs, rhs):
        letters = sorted(side.atoms(sp.IndexedBase), key=str) or sorted(
            (s for s in side.free_symbols if isinstance(s, sp.Symbol)), key=str
        )
        for a, b in itertools.combinations(letters[:4], 2):
            yield Edit(
                f"{a} and {b} swapped on the {name} side",
                *rebuild(side.xreplace({a: b, b: a})),
                relation,
            )


def _derivative_variables(lhs, rhs, relation, stated) -> Iterator[Edit]:
    """A derivative taken with respect to another letter of its expression."""
    for d in sorted(sp.Tuple(lhs, rhs).atoms(sp.Derivative), key=str):
        (v, _), *_ = d.variable_count
        others = sorted(
            (s for s in d.expr.free_symbols if s != v and isinstance(s, sp.Symbol)), key=str
        )
        for other in others:
            new = sp.Tuple(lhs, rhs).xreplace({d: sp.Derivative(d.expr, other)})
            yield Edit(f"the derivative with respect to {other}, not {v}", *new, relation)


def _bounds(lhs, rhs, relation, stated) -> Iterator[Edit]:
    """A sum's (or product's) lower or upper bound off by one."""
    for s in sorted(sp.Tuple(lhs, rhs).atoms(sp.Sum, sp.Product), key=str):
        (i, lo, hi), *more = s.limits
        for which, new in (
            ("lower", (i, lo - 1, hi)),
            ("lower", (i, lo + 1, hi)),
            ("upper", (i, lo, hi - 1)),
            ("upper", (i, lo, hi + 1)),
        ):
            edited = s.func(s.function, new, *more)
            bound = new[1] if which == "lower" else new[2]
            what = f"the {which} bound of the {type(s).__name__.lower()} over {i} as {show(bound)}"
            yield Edit(what, *sp.Tuple(lhs, rhs).xreplace({s: edited}), relation)


def _signs(lhs, rhs, relation, stated) -> Iterator[Edit]:
    """The right side's sign, or one term's, flipped."""
    yield Edit("the sign of the right side flipped", lhs, -rhs, relation)
    for name, side, rebuild in _sides(lhs, rhs):
        terms = sp.Add.make_args(side)
        if len(terms) < 2:
            continue
        for k, term in enumerate(terms):
            new = sp.Add(*terms[:k], -term, *terms[k + 1 :])
            yield Edit(
                f"the sign of {show(term)} flipped on the {name} side", *rebuild(new), relation
            )


def _factors(lhs, rhs, relation, stated) -> Iterator[Edit]:
    """A factor dropped from a term, or the right side off by a factor of 2."""
    for name, side, rebuild in _sides(lhs, rhs):
        terms = sp.Add.make_args(side)
        for k, term in enumerate(terms):
            for factor in dict.fromkeys(sp.Mul.make_args(term)):
                if factor in (sp.S.NegativeOne, sp.S.One) or factor == term:
                    continue
                new = sp.Add(*terms[:k], term / factor, *terms[k + 1 :])
                yield Edit(
                    f"the factor {show(factor)} dropped on the {name} side", *rebuild(new), relation
                )
    for factor in (sp.Integer(2), sp.Rational(1, 2)):
        yield Edit(f"the right side times {factor}", lhs, rhs * factor, relation)


def _relations(lhs, rhs, relation, stated) -> Iterator[Edit]:
    """The inequality reversed, or a relation that holds only as a bound."""
    if relation in REVERSED:
        yield Edit("the inequality reversed", lhs, rhs, REVERSED[relation])
    for weaker in WEAKER.get(relation, ()):
        yield Edit(f"{SHOWN[weaker]} in place of {SHOWN[relation]}", lhs, rhs, weaker)


def _constraints(lhs, rhs, relation, stated) -> Iterator[Edit]:
    """A letter the notes leave unconstrained taken positive."""
    letters = sorted(
        (s for s in sp.Tuple(lhs, rhs).free_symbols if isinstance(s, sp.Symbol)), key=str
    )
    for s in letters:
        if s.name not in stated:
            yield Edit(
                f"with {s} > 0 (state it, e.g. `{s}: positive`)",
                lhs,
                rhs,
                relation,
                {s.name: "positive"},
            )


#: the families of edits, in the order they are tried
EDITS: tuple[Family, ...] = (
    _logs,
    _swapped_arguments,
    _derivative_variables,
    _bounds,
    _signs,
    _factors,
    _relations,
    _constraints,
)
CONFIRMED = (Verdict.PROVED, Verdict.HOLDS_NUMERICALLY)


def _edits(lhs, rhs, relation: str, stated: frozenset) -> Iterator[Edit]:
    seen = {(lhs, rhs, relation, ())}
    for family in EDITS:
        for edit in family(lhs, rhs, relation, stated):
            key = (edit.lhs, edit.rhs, edit.relation, tuple(sorted(edit.kinds.items())))
            if key not in seen:
                seen.add(key)
                yield edit


def _shown(edit: Edit, result: Check) -> dict:
    typeset = step_latex(edit.lhs, edit.relation, edit.rhs)
    relation = SHOWN.get(edit.relation, edit.relation)
    return {
        "edit": edit.what,
        "text": f"{show(edit.lhs)} {relation} {show(edit.rhs)}",
        "typeset": " ".join(typeset) if typeset else None,
        "verdict": str(result.verdict),
    }


def repairs(
    lhs: sp.Basic,
    rhs: sp.Basic,
    relation: str,
    check: Callable[[sp.Basic, sp.Basic, str, dict], Check],
    stated: frozenset[str] = frozenset(),
) -> list[dict]:
    """Edits of `lhs relation rhs` that `check` confirms, in the order tried.

    Args:
        lhs, rhs, relation: the refuted step as read.
        check: the auditor's check of a relation under extra kinds of letters.
        stated: names whose domain the notes state (no constraint is added to them).
    """
    found: list[dict] = []
    try:
        with budget(SECONDS):
            for edit in itertools.islice(_edits(lhs, rhs, relation, stated), MAX_EDITS):
                try:
                    with budget(min(EDIT_SECONDS, remaining())):
                        result = check(edit.lhs, edit.rhs, edit.relation, edit.kinds)
                except BudgetExhausted:
                    remaining()  # the search's own budget gone: stop; else the next edit
                    continue
                except Exception:  # an edit SymPy cannot handle is no repair
                    continue
                if result.verdict in CONFIRMED:
                    found.append(_shown(edit, result))
                    if len(found) == MAX_SHOWN:
                        break
    except BudgetExhausted:
        pass  # what was found within the budget stands: each was confirmed on its own
    return found
