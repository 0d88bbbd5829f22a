"""Check every step of a notes file: the verdicts behind `symkl verify`.

## Main definitions
- `StepAudit`: one step: line, relation, both sides (LaTeX source), verdict, reason,
  counterexample.
- `FileAudit`: the steps of one file, plus notes on bare expressions (e.g. an index used
  outside the sum that binds it).
- `audit_text(text, path, kinds, seconds)`, `audit_file(path, ...)`: run the pipeline
  extract -> parse -> check.

Verdicts: `proved`, `holds-numerically`, `refuted`, `undecided` come from
`symkl.checking.check`; `unparsed` when a side cannot be read (reason and column);
`definition` for `:=`, `\\triangleq`, ... and for `NAME = ...` when NAME has no meaning
yet. A definition of H, H(p, q) or KL is checked against the standard one instead.
`\\approx` is reported as `undecided`, never proved; `\\ne` is proved by a counterexample
to equality.
"""

import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import sympy as sp
from sympy.core.function import AppliedUndef

from symkl.checking import Check, TimedOut, Verdict, check, normal_form, weakest, within
from symkl.errors import CheckerConflict, SymklError
from symkl.measures import InformationMeasure
from symkl.notes.context import NoteSpace, front_matter
from symkl.notes.extract import LineMap, Statement, blocks, statements
from symkl.notes.parse import (
    DEFAULT_KINDS,
    VDOTS,
    Gradient,
    Reader,
    Unreadable,
    Wrapped,
    strip_wrapper,
)
from symkl.printing import text as show

__all__ = ["StepAudit", "FileAudit", "audit_text", "audit_file", "VERDICTS", "DEFAULT_SECONDS"]

#: every verdict a step can get, strongest first
VERDICTS = ("proved", "holds-numerically", "definition", "undecided", "unparsed", "refuted")
DEFAULT_SECONDS = 2.0
#: relation as reported in the output
SHOWN = {"def": ":=", "!=": "!=", "~": "approx"}
#: first symbolic attempt, seconds: most steps are settled in this time, and a false step
#: is then refuted by sampling without waiting for the full limit
QUICK_SECONDS = 0.3
#: names a note uses for an unspecified additive constant
CONSTANTS = ("C", "c")
#: names of what a model fits: a minimizer over these is the "same" if sides differ by
#: something that mentions none of them
MODEL_NAMES = ("q", "Q", "theta")


@dataclass(frozen=True)
class StepAudit:
    line: int
    relation: str
    lhs: str
    rhs: str
    verdict: str
    reason: str
    counterexample: dict | None = None

    def to_json(self) -> dict:
        return {
            "line": self.line,
            "relation": self.relation,
            "lhs": self.lhs,
            "rhs": self.rhs,
            "verdict": self.verdict,
            "reason": self.reason,
            "counterexample": _finite(self.counterexample),
        }


@dataclass
class FileAudit:
    path: str
    steps: list[StepAudit] = field(default_factory=list)
    notes: list[tuple[int, str]] = field(default_factory=list)

    def summary(self) -> dict[str, int]:
        counts = {v: 0 for v in VERDICTS}
        for s in self.steps:
            counts[s.verdict] += 1
        return counts

    def to_json(self) -> dict:
        return {
            "path": self.path,
            "steps": [s.to_json() for s in self.steps],
            "notes": [{"line": line, "message": m} for line, m in self.notes],
        }


def _finite(value):
    """JSON has no infinities: a value that overflowed a float is given as a string."""
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_finite(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    return value


class _Failed(Exception):
    """A side that could not be read, with the position in the file."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _mentions(expr: sp.Basic, names: tuple[str, ...]) -> bool:
    """Does `expr` involve a symbol, vector or function named after one of `names`
    (q, q_theta, q_cond(y,x), ...)?"""
    found = {str(s) for s in expr.free_symbols}
    found |= {str(i.base.label) for i in expr.atoms(sp.Indexed)}
    found |= {f.func.__name__ for f in expr.atoms(AppliedUndef)}
    for m in expr.atoms(InformationMeasure):
        found |= {str(d) for d in m.distributions}
        found |= {str(i.base.label) for d in m.distributions for i in d.atoms(sp.Indexed)}
        found |= {f.func.__name__ for d in m.distributions for f in d.atoms(AppliedUndef)}
    parts = {p for name in found for p in re.split(r"[_(,|)\s]+", name) if p}
    return any(n in parts for n in names)


def _block_reader(source: str, kinds: dict[str, str], definitions: dict) -> Reader:
    mode = "density" if re.search(r"\\int(?![A-Za-z])", source) else "discrete"
    m = re.search(r"\\sum\w*\s*_\s*\{[^{}]*\}\s*\^\s*\{?\s*([A-Za-z])\b", source)
    dim = sp.Symbol(m.group(1) if m else "n", integer=True, positive=True)
    e_index = bool(re.search(r"_\{?\s*e\b", source))
    return Reader(mode, dim, kinds, definitions, e_index)


class _Auditor:
    """Walks the statements of one file, carrying definitions forward."""

    def __init__(self, text: str, path: str, kinds: dict[str, str], seconds: float):
        self.text = text
        self.lines = LineMap(text)
        self.path = path
        self.kinds = {**front_matter(text), **kinds}
        self.seconds = seconds
        self.definitions: dict[str, sp.Basic] = {}

    def where(self, offset: int) -> str:
        return f"line {self.lines.line(offset)}, column {self.lines.column(offset)}"

    def read(self, reader: Reader, side) -> tuple[Wrapped | None, sp.Basic]:
        wrapper, source = strip_wrapper(side.text)
        try:
            value = reader.parse(source)
        except Unreadable as e:
            raise _Failed(f"{e.reason} ({self.where(side.start + e.offset)})") from None
        except RecursionError:
            raise _Failed(f"too deeply nested ({self.where(side.start)})") from None
        return wrapper, value

    def run(self) -> FileAudit:
        audit = FileAudit(self.path)
        kind = "latex" if self.path.endswith(".tex") else "markdown"
        readers = {}
        for block in blocks(self.text, kind):
            readers[block.start] = block
        for st in statements(self.text, kind):
            block = max(
                (b for b in readers.values() if b.start <= st.offset), key=lambda b: b.start
            )
            reader = _block_reader(block.source, self.kinds, self.definitions)
            line = self.lines.line(st.offset)
            try:
                if st.rhs is None:
                    self.bare(audit, reader, st, line)
                    continue
                verdict, reason, example = self.step(reader, st)
            except Exception as e:  # a last guard: one odd step must not end the audit
                verdict, reason, example = "undecided", f"symkl could not check this ({e})", None
            relation = SHOWN.get(st.relation, st.relation)
            audit.steps.append(
                StepAudit(line, relation, st.lhs.source, st.rhs.source, verdict, reason, example)
            )
        return audit

    def bare(self, audit: FileAudit, reader: Reader, st: Statement, line: int) -> None:
        """An expression without a relation: no verdict, but say what is wrong with it."""
        try:
            _, value = self.read(reader, st.lhs)
        except _Failed as e:
            audit.notes.append((line, f"expression not read: {e.reason}"))
            return
        if isinstance(value, list):
            return
        bound = {v for s in value.atoms(sp.Sum, sp.Product) for v in s.variables}
        loose = {
            str(i.indices[0])
            for i in value.atoms(sp.Indexed)
            if i.indices[0] in bound and i.indices[0] in value.free_symbols
        }
        for index in sorted(loose):
            audit.notes.append(
                (
                    line,
                    f"index {index} is used outside the sum that binds it: missing brackets "
                    f"around the summand? (read as {show(value)})",
                )
            )

    def step(self, reader: Reader, st: Statement) -> tuple[str, str, dict | None]:
        try:
            lw, lhs = self.read(reader, st.lhs)
        except _Failed as e:
            return "unparsed", f"left side: {e.reason}", None
        if st.relation in ("def", "=") and (defined := self.define(lhs, st, reader)):
            return defined
        try:
            rw, rhs = self.read(reader, st.rhs)
        except _Failed as e:
            return "unparsed", f"right side: {e.reason}", None
        if isinstance(lhs, list) or isinstance(rhs, list):
            return "unparsed", "a set literal is only read as a definition (NAME = {...})", None
        try:
            verdict, reason, example = self.verdict(st.relation, lhs, rhs, lw, rw)
        except (CheckerConflict, SymklError) as e:
            verdict, reason, example = "undecided", f"the checker could not decide: {e}", None
        except Exception as e:  # a step SymPy cannot handle must not stop the audit
            reason = f"no method for this step ({type(e).__name__}: {e})"
            verdict, example = "undecided", None
        if reader.notes and verdict in ("refuted", "undecided"):
            reason += "; note: " + "; ".join(dict.fromkeys(reader.notes))
        return verdict, reason, example

    def define(self, lhs, st: Statement, reader: Reader) -> tuple[str, str, None] | None:
        """Record `NAME := ...` (or `NAME = ...` for a name without meaning); None if the
        step is not a definition."""
        if isinstance(lhs, (InformationMeasure, list)):
            return None
        name = None
        if isinstance(lhs, sp.Symbol) and lhs.name not in self.definitions:
            name = lhs.name
        elif (
            isinstance(lhs, AppliedUndef)
            and all(isinstance(a, sp.Symbol) for a in lhs.args)
            and len(set(lhs.args)) == len(lhs.args)
        ):
            name = lhs.func.__name__
        if name is None:
            return None
        explicit = st.relation == "def"
        meaning = name in reader.kinds or name in DEFAULT_KINDS
        if not explicit and meaning and not st.rhs.text.lstrip().startswith("\\{"):
            return None
        try:
            _, rhs = self.read(reader, st.rhs)
        except _Failed as e:
            return "unparsed", f"right side of a definition: {e.reason}", None
        if isinstance(rhs, list):
            try:
                self.definitions[name] = sp.Tuple(*[reader.value(x) for x in rhs])
            except Unreadable:
                self.definitions.pop(name, None)
                return "definition", f"{name} is the vector ({name}_1, ..., {name}_n)", None
            return "definition", f"{name} = {show(self.definitions[name])}", None
        if isinstance(rhs, sp.MatrixBase) or rhs.has(Gradient):
            return None
        if name in rhs.free_symbols or rhs.has(lhs.func if isinstance(lhs, AppliedUndef) else lhs):
            return None
        if isinstance(lhs, AppliedUndef):
            self.definitions[name] = sp.Lambda(lhs.args, rhs)
        else:
            self.definitions[name] = rhs
        how = "defined" if explicit else f"{name} had no meaning yet: read as its definition"
        return "definition", f"{how}: {show(lhs)} = {show(rhs)}", None

    def verdict(self, relation: str, lhs, rhs, lw, rw) -> tuple[str, str, dict | None]:
        if isinstance(lhs, sp.MatrixBase) or isinstance(rhs, sp.MatrixBase):
            return self.vector(lhs, rhs)
        if relation == "~":
            return "undecided", "an approximation (\\approx) is reported, not checked", None
        prefix = ""
        if relation == "def":
            relation = "="
            if isinstance(lhs, InformationMeasure):
                prefix = "checked against the standard definition: "
        if lw is not None or rw is not None:
            if lw is not None and rw is not None and lw.op != rw.op:
                # argmax A = argmin B: the same point when A and -B differ by a constant
                verdict, reason, _ = self.minimizer(lhs, -rhs, lw)
                return verdict, f"compared with the {rw.op} side negated: {reason}", None
            return self.minimizer(lhs, rhs, lw or rw)
        constant = [s for s in (lhs - rhs).free_symbols if s.name in CONSTANTS]
        if constant and relation == "=":
            return self.up_to_constant(lhs, rhs, constant)
        space = NoteSpace.for_step([lhs, rhs], self.kinds)
        if relation == "!=":
            result = self.check(lhs, rhs, space, "=")
            if result.verdict is Verdict.REFUTED and not space.free_functions:
                return "proved", f"not equal in general: {result.reason}", result.counterexample
            if result.verdict is Verdict.PROVED:
                return "refuted", f"the sides are equal ({result.reason})", None
            return "undecided", f"no point found where the sides differ; {result.reason}", None
        result = self.check(lhs, rhs, space, relation)
        return self.report(result, lhs, rhs, space, prefix, relation)

    def check(self, lhs, rhs, space: NoteSpace, relation: str) -> Check:
        """`symkl.checking.check`, first with a short symbolic time limit, then (when that
        ran out and sampling did not refute the step) with the full one."""
        if self.seconds <= QUICK_SECONDS:
            return check(lhs, rhs, space, relation, seconds=self.seconds)
        quick = check(lhs, rhs, space, relation, seconds=QUICK_SECONDS)
        if quick.verdict in (Verdict.PROVED, Verdict.REFUTED) or "timed out" not in quick.reason:
            return quick
        return check(lhs, rhs, space, relation, seconds=self.seconds)

    def report(self, result: Check, lhs, rhs, space, prefix: str = "", relation: str = "="):
        reason = prefix + result.reason
        names = ", ".join(f.__name__ for f in space.free_functions)
        if result.verdict is Verdict.REFUTED and space.free_functions:
            # sampled as unrelated functions, which the note may not mean: not a refutation
            return (
                "undecided",
                f"{reason}, with {names} sampled as functions of their own: the step holds "
                f"only if {names} relate to the rest in a way the note does not state; the "
                f"sides differ by {self.residual(lhs - rhs, space)}",
                None,
            )
        if result.verdict is Verdict.HOLDS_NUMERICALLY and space.free_functions and relation != "=":
            # an order between positive sample functions says nothing about unknown ones
            return "undecided", f"{names} are unknown functions; {reason}", None
        if result.verdict is Verdict.REFUTED and space.densities:
            names = ", ".join(f.__name__ for f in space.densities)
            reason += f" ({names}: normal densities, given as [mean, standard deviation])"
        if result.verdict is Verdict.UNDECIDED:
            reason += f"; the sides differ by {self.residual(lhs - rhs, space)}"
        return str(result.verdict), reason, result.counterexample

    def residual(self, difference, space) -> str:
        try:
            form = show(normal_form(difference, space))
        except Exception:  # the residual only illustrates a reason; fall back to the input
            form = show(difference)
        return form if len(form) <= 160 else form[:157] + "..."

    def simplest(self, difference, space: NoteSpace, names: tuple[str, ...]) -> sp.Expr:
        """The normal form of `difference`, simplified (within the time limit) only when
        it still mentions one of `names`."""
        form = normal_form(difference, space)
        if form == 0 or not _mentions(form, names):
            return form
        try:
            return within(self.seconds, sp.simplify, form)
        except TimedOut:
            return form

    def minimizer(self, lhs, rhs, wrapper: Wrapped) -> tuple[str, str, None]:
        """`min_v A = min_v B`: the same minimizer when A - B does not depend on v."""
        names = (wrapper.var,) if wrapper.var else MODEL_NAMES
        space = NoteSpace.for_step([lhs, rhs], self.kinds)
        form = self.simplest(lhs - rhs, space, names)
        if form == 0:
            return "proved", "the two objectives are equal", None
        what = wrapper.var or "the model (q, theta)"
        if not _mentions(form, names):
            values = (
                ""
                if wrapper.arg
                else f"; read as 'same {wrapper.op}imizer': the {wrapper.op}imum values "
                "themselves differ by that term"
            )
            return (
                "proved",
                f"same {wrapper.op}imizer: the objectives differ by {show(form)}, which does "
                f"not depend on {what}{values}",
                None,
            )
        return (
            "undecided",
            f"the objectives differ by {self.residual(lhs - rhs, space)}, which involves "
            f"{what}: no argument that the {wrapper.op}imizer is the same",
            None,
        )

    def up_to_constant(self, lhs, rhs, constants) -> tuple[str, str, None]:
        """`A = C + B` with C an unspecified constant: holds when A - B is free of the model."""
        rest = (lhs - rhs).subs({c: 0 for c in constants})
        space = NoteSpace.for_step([lhs, rhs], self.kinds)
        form = self.simplest(rest, space, MODEL_NAMES)
        names = ", ".join(str(c) for c in constants)
        if not _mentions(form, MODEL_NAMES):
            return (
                "proved",
                f"holds with {names} = {show(form)}, which does not depend on the model q",
                None,
            )
        return "undecided", f"{names} would have to be {show(form)}, which involves q", None

    def vector(self, lhs, rhs) -> tuple[str, str, dict | None]:
        """A gradient against a column vector, row by row (rows of \\vdots skipped)."""
        if isinstance(lhs, sp.MatrixBase) and not isinstance(rhs, sp.MatrixBase):
            lhs, rhs = rhs, lhs
        if not (isinstance(lhs, sp.MatrixBase) or lhs.has(Gradient)):
            return "unparsed", "a vector compared with something that is not a gradient", None
        results, verdicts = [], []
        for k, row in enumerate(rhs):
            if row.has(VDOTS):
                continue
            if isinstance(lhs, sp.MatrixBase):
                left = lhs[k] if k < len(lhs) else None
            else:
                left = self.component(lhs, row)
            if left is None or left.has(VDOTS):
                return "undecided", f"row {k + 1}: no matching component", None
            space = NoteSpace.for_step([left, row], self.kinds)
            result = self.check(left, row, space, "=")
            if result.verdict is Verdict.REFUTED and space.free_functions:
                return "undecided", f"row {k + 1}: {result.reason} (unknown functions)", None
            if result.verdict is Verdict.REFUTED:
                return "refuted", f"row {k + 1}: {result.reason}", result.counterexample
            results.append(f"row {k + 1} {result.verdict}: {result.reason}")
            verdicts.append(result.verdict)
        if not results:
            return "undecided", "no row to compare", None
        return str(weakest(verdicts)), "; ".join(results), None

    def component(self, gradient, row):
        """The row of nabla_q f that matches `row`: d f / d q_k for the q_k in the row."""
        grad = next(iter(gradient.atoms(Gradient)))
        f, base = grad.args
        label = str(base.label)
        bound = {lim[0] for agg in row.atoms(sp.Sum, sp.Product) for lim in agg.limits}
        bound |= {m.limits[0] for m in row.atoms(InformationMeasure) if m.limits}
        indices = [
            i.indices[0]
            for i in row.atoms(sp.Indexed)
            if str(i.base.label) == label and i.indices[0] not in bound
        ]
        if not indices:
            return None
        entry = sp.IndexedBase(label, positive=True)[indices[0]]
        return gradient.xreplace({grad: sp.Derivative(f, entry)})


def audit_text(
    text: str,
    path: str = "<text>",
    kinds: dict[str, str] | None = None,
    seconds: float = DEFAULT_SECONDS,
) -> FileAudit:
    """Audit the display math of a notes file's contents.

    Args:
        text: the file's contents.
        path: shown in messages; `.tex` selects LaTeX scanning.
        kinds: assumptions from the command line (name -> kind), over the file's own.
        seconds: time limit of each step's symbolic check.
    """
    return _Auditor(text, path, kinds or {}, seconds).run()


def audit_file(
    path: str | Path, kinds: dict[str, str] | None = None, seconds: float = DEFAULT_SECONDS
) -> FileAudit:
    """Audit one file.

    Raises:
        SymklError: the file cannot be read as UTF-8 text.
    """
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as e:
        raise SymklError(f"{path}: cannot read: {e.strerror}") from None
    if b"\0" in data:
        raise SymklError(f"{path}: a binary file, not notes; give a .md, .txt or .tex file")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise SymklError(f"{path}: not UTF-8 text (byte {e.start}); save it as UTF-8") from None
    return audit_text(text, str(path), kinds, seconds)
