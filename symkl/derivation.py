"""Derivations: chains of named rule applications, each step checked as it is made.

## Main definitions
- `Step`:        the rule applied, the expression it gave, the relation to the previous
                 expression, and the checker's verdict.
- `Conclusion`:  lhs RELATION rhs, composed from the chain; its `kind` says when it is
                an argmin/argmax (`symkl.optima`), an iff or an implication.
- `Derivation`:  a finished chain with its name, title and space.
- `Chain`:       the builder a derivation file uses: `Chain(...).apply("rule")...` (or
                 `.apply_all(...)` for several), and `.claim(expr, because=...)` for a
                 line the author writes, checked alike.
"""

from dataclasses import dataclass, field

import sympy as sp
from sympy.core.function import AppliedUndef

from symkl.checking import SYMBOLIC_SECONDS, Check, Verdict, check, weakest
from symkl.errors import StepRefuted, SymklError
from symkl.measures import unfold
from symkl.printing import RELATION_LATEX, latex, text
from symkl.rules import RULES
from symkl.solving import check_solutions, inside
from symkl.spaces import Space

__all__ = ["Step", "Conclusion", "Derivation", "Chain"]

_FLIP = {"=": "=", ">=": "<=", "<=": ">=", ">": "<", "<": ">"}


@dataclass(frozen=True)
class Step:
    """One line of a chain.

    `typed` holds what the author wrote for this step (a rule's parameters, or the claimed
    expression), so that a test can tell a derived result from one typed in; `claimed` is
    True for a line the author wrote (`Chain.claim`) rather than one a rule computed.
    """

    rule: str
    expr: sp.Expr
    relation: str
    check: Check
    typed: tuple[sp.Basic, ...] = ()
    claimed: bool = False

    @property
    def verdict(self) -> Verdict:
        return self.check.verdict


#: the kind of a conclusion with lhs of this class (`symkl.optima`); else "relation"
_KINDS = {"ArgMin": "argmin", "ArgMax": "argmax"}


@dataclass(frozen=True)
class Conclusion:
    lhs: sp.Expr
    relation: str
    rhs: sp.Expr

    @property
    def kind(self) -> str:
        """ "argmin"/"argmax" (lhs = the optimizer), "iff", "implies", or "relation" (also
        lhs in [a, b], for bounds on both sides)."""
        if self.relation in ("<=>", "=>"):
            return {"<=>": "iff", "=>": "implies"}[self.relation]
        return _KINDS.get(type(self.lhs).__name__, "relation")

    def latex(self) -> str:
        return f"{latex(self.lhs)} {RELATION_LATEX[self.relation]} {latex(self.rhs)}"


def _compose(relations: list[str]) -> str:
    """The relation of a chain: a = b >= c gives >=; mixed directions are an error."""
    strict = [r for r in relations if r != "="]
    if not strict:
        return "="
    directions = {r[0] for r in strict}
    if len(directions) > 1:
        raise SymklError(f"a chain cannot mix the relations {sorted(set(strict))}")
    return strict[0][0] if any(len(r) == 1 for r in strict) else strict[0]


@dataclass(frozen=True)
class Derivation:
    name: str
    title: str
    space: Space
    start: sp.Expr
    steps: tuple[Step, ...]
    reverse: bool = False
    data: dict = field(default_factory=dict)
    parts: tuple["Derivation", ...] = ()  # the derivations a composed one rests on

    @property
    def result(self) -> sp.Expr:
        return self.steps[-1].expr if self.steps else self.start

    @property
    def verdict(self) -> Verdict:
        return weakest(step.verdict for step in self.steps)

    @property
    def conclusion(self) -> Conclusion:
        """start REL result, or read backwards (result REL' start) when `reverse`."""
        relation = _compose([s.relation for s in self.steps])
        if self.reverse:
            return Conclusion(self.result, _FLIP[relation], self.start)
        return Conclusion(self.start, relation, self.result)

    def to_json(self) -> dict:
        """The `symkl derive --json` object; lhs and rhs are srepr with measures unfolded."""
        c = self.conclusion
        return {
            "name": self.name,
            "title": self.title,
            "verdict": str(self.verdict),
            "steps": [
                {
                    "rule": s.rule,
                    "latex": latex(s.expr),
                    "relation": s.relation,
                    "verdict": str(s.verdict),
                    "reason": s.check.reason,
                    "points": s.check.points,
                    "max_error": s.check.max_error,
                }
                for s in self.steps
            ],
            "data": self.data,
            "conclusion": {
                "kind": c.kind,
                "latex": c.latex(),
                "relation": c.relation,
                "lhs": sp.srepr(_plain(c.lhs)),
                "rhs": sp.srepr(_plain(c.rhs)),
            },
            "because": [
                {"name": d.name, "conclusion": d.conclusion.latex(), "verdict": str(d.verdict)}
                for d in self.parts
            ],
        }

    def _repr_latex_(self) -> str:
        rows = [latex(self.start)] + [
            rf"&{RELATION_LATEX[s.relation]} {latex(s.expr)} && \text{{{s.rule}: {s.verdict}}}"
            for s in self.steps
        ]
        return r"$\displaystyle \begin{aligned}" + r" \\ ".join(rows) + r"\end{aligned}$"


def _plain(expr: sp.Basic) -> sp.Basic:
    """`expr` in SymPy's own classes: measures unfolded, an argmin (`symkl.optima`) as the
    undefined function argmin(f, x, where)."""
    return unfold(expr).replace(lambda e: hasattr(e, "plain"), lambda e: e.plain())


def _typed(value: object) -> tuple[sp.Basic, ...]:
    """The SymPy objects in a rule's parameter (a dict of values, a tuple, an expression)."""
    if isinstance(value, sp.Basic):
        return (value,)
    if isinstance(value, dict):
        return tuple(x for pair in value.items() for v in pair for x in _typed(v))
    if isinstance(value, (tuple, list)):
        return tuple(x for v in value for x in _typed(v))
    return ()


def _label(rule: str, params: dict) -> str:
    """A step's rule as a reader reads it: `change variable x = mu + sigma*z` for a
    substitution (old, new), else the rule and its parameters."""
    if {"old", "new"} <= params.keys():
        return f"{rule} {text(params['old'])} = {text(params['new'])}"
    return " ".join([rule, *(_describe(v) for v in params.values())])


def _describe(value: object) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{text(k)} = {text(v)}" for k, v in value.items())
    return str(value)


def _check_step(before: sp.Basic, after: sp.Basic, space: Space, relation: str, seconds: float):
    """`symkl.checking.check`, or for zero sets {x : f = 0}: the same check of the f's
    (equal functions have equal zero sets), and `check_solutions` for a solved set."""
    if not isinstance(before, sp.ConditionSet):
        return check(before, after, space, relation, seconds=seconds, keep_points=True)
    if relation != "=":
        raise SymklError(f"a set of solutions is related by '=' only, not {relation!r}")
    if isinstance(after, sp.FiniteSet):
        return check_solutions(before, after, space, seconds)
    if not isinstance(after, sp.ConditionSet) or after.sym != before.sym:
        raise SymklError(f"{after} is no zero set over {before.sym}")
    f, g = (s.condition.lhs - s.condition.rhs for s in (before, after))
    return check(f, g, space, seconds=seconds, keep_points=True)


class Chain:
    """Build a derivation: start from an expression and apply rules from `RULES`."""

    def __init__(self, name: str, title: str, space: Space, start: sp.Expr):
        self.name, self.title, self.space, self.start = name, title, space, start
        self.steps: list[Step] = []

    @property
    def current(self) -> sp.Expr:
        return self.steps[-1].expr if self.steps else self.start

    def apply(
        self, rule: str, relation: str = "=", *, seconds: float = SYMBOLIC_SECONDS, **params
    ) -> "Chain":
        """Apply the rule named `rule` (with `params`, if it takes any) and check the step,
        giving the symbolic check at most `seconds`.

        Raises:
            SymklError: an unknown rule, or a rule that changes nothing.
            StepRefuted: sampling found a counterexample to the step.
        """
        if rule not in RULES:
            raise SymklError(f"{self.name}: unknown rule {rule!r}; rules: {', '.join(RULES)}")
        apply = RULES[rule].apply
        if rule == "solve":
            new = apply(self.current, self.space)
        else:  # in a zero set {x : f = 0}, a rule rewrites f
            new = inside(self.current, lambda e: apply(e, self.space, **params))
        if new == self.current:
            raise SymklError(f"{self.name}: rule {rule!r} changed nothing in {self.current}")
        typed = _typed(list(params.values()))
        return self._check(_label(rule, params), new, relation, seconds, typed, False)

    def apply_all(self, *rules: str | tuple[str, str]) -> "Chain":
        """Apply each rule in turn: a rule's name, or (name, relation) for a step whose
        relation is not '=' (`apply` says what it raises)."""
        for rule in rules:
            self.apply(*((rule,) if isinstance(rule, str) else rule))
        return self

    def claim(
        self,
        expr: sp.Expr | str,
        because: str,
        relation: str = "=",
        *,
        seconds: float = SYMBOLIC_SECONDS,
    ) -> "Chain":
        """Add a line the author writes, `current RELATION expr`, and check it like any
        rule's step: `proved`, `holds-numerically`, or refuted (below).

        Args:
            expr: the next expression; a string is read by `sympy.sympify` with the
                chain's own symbols (so "log(n)" means the space's n, with its assumptions).
            because: why it follows, in words; it labels the step.

        Raises:
            SymklError: an empty `because`.
            StepRefuted: sampling found a counterexample; `.derivation` holds the chain
                up to and including the refuted line.
        """
        if not because.strip():
            raise SymklError(f"{self.name}: a claim needs a reason (because=...)")
        try:
            new = sp.sympify(expr, locals=self._names()) if isinstance(expr, str) else expr
        except (sp.SympifyError, SyntaxError, TypeError, ValueError) as e:
            raise SymklError(f"{self.name}: cannot read the claim {expr!r}: {e}") from e
        return self._check(f"claim: {because}", new, relation, seconds, (new,), True)

    def _names(self) -> dict[str, sp.Basic]:
        # Without these, sympify would make a fresh Symbol("n") with no assumptions,
        # unequal to the space's n: the claim would be about another variable.
        exprs = (self.start, self.current, self.space.p, self.space.q)
        symbols = set().union(*(e.atoms(sp.Symbol) for e in exprs))
        bases = set().union(*(e.atoms(sp.IndexedBase) for e in exprs))
        functions = set().union(*(e.atoms(AppliedUndef) for e in exprs))
        # An IndexedBase's label is a Symbol of the same name: the base must win, so
        # that "p[i]" is subscriptable.
        return (
            {str(s): s for s in symbols}
            | {str(b): b for b in bases}
            | {f.func.__name__: f.func for f in functions}
        )

    def _check(
        self,
        label: str,
        new: sp.Expr,
        relation: str,
        seconds: float,
        typed: tuple[sp.Basic, ...],
        claimed: bool,
    ) -> "Chain":
        verdict = _check_step(self.current, new, self.space, relation, seconds)
        self.steps.append(Step(label, new, relation, verdict, typed, claimed))
        if verdict.verdict is Verdict.REFUTED:
            raise StepRefuted(self.derivation(), len(self.steps) - 1)
        return self

    def measure(self, label: str, values: dict, reason: str) -> "Chain":
        """Substitute numbers found by a numerical experiment (an optimizer, say).

        Such a step is never `proved`: its verdict is `holds-numerically`, with `reason`
        saying how the numbers were measured."""
        new = self.current.subs(values)
        verdict = Check(Verdict.HOLDS_NUMERICALLY, reason)
        self.steps.append(Step(label, new, "=", verdict, _typed(values)))
        return self

    def derivation(self, reverse: bool = False, data: dict | None = None) -> Derivation:
        """The chain so far; `reverse` states the conclusion as result = start; `data`
        records numbers a reader may want (fitted parameters, say)."""
        return Derivation(
            self.name, self.title, self.space, self.start, tuple(self.steps), reverse, data or {}
        )
