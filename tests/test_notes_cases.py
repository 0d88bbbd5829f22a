"""Verdicts on the notes under tests/notes/: each block is followed by an `expect:` comment
listing its steps' verdicts (`true` = proved or holds-numerically)."""

import re
from pathlib import Path

import pytest

from symkl.notes.audit import audit_file

NOTES = sorted(Path(__file__).parent.joinpath("notes").glob("*.*"))
ALLOWED = {"true": {"proved", "holds-numerically"}}
BUDGET = 12.0  # CPU s a step; the CLI's default is 3


def expected(path: Path) -> list[str]:
    found = re.findall(r"(?:<!--|%)\s*expect:\s*([a-z\- ]+?)\s*(?:-->|$)", path.read_text(), re.M)
    return [v for line in found for v in line.split()]


@pytest.mark.parametrize("path", NOTES, ids=[p.name for p in NOTES])
def test_verdicts_match_expectations(path):
    # a generous budget: the verdicts expected are those of the reading, not of the load
    audit = audit_file(path, seconds=BUDGET)
    got = [s.verdict for s in audit.steps]
    want = expected(path)
    assert len(got) == len(want), [(s.line, s.verdict, s.lhs, s.rhs) for s in audit.steps]
    for step, verdict in zip(audit.steps, want, strict=True):
        assert step.verdict in ALLOWED.get(verdict, {verdict}), (step.line, step.reason)
        # no name symkl made for itself reaches a reason a person reads
        assert not INTERNAL.search(f"{step.reason} {step.typeset}"), (step.line, step.reason)


#: names symkl makes: summation indices (`_k0_0`), placeholders (`_unread_function`, `_norm`)
INTERNAL = re.compile(r"(?<![\w\\])_(?:k\d+_\d+|unread_function|norm)\b")


def test_refuted_steps_carry_a_counterexample():
    audit = audit_file(Path(__file__).parent / "notes" / "sums.md")
    refuted = [s for s in audit.steps if s.verdict == "refuted"]
    assert refuted and all(s.counterexample and "n" in s.counterexample for s in refuted)


def test_missing_brackets_are_noted():
    audit = audit_file(Path(__file__).parent / "notes" / "sums.md")
    assert any("outside the sum" in m for _, m in audit.notes)


def test_unparsed_names_the_column():
    audit = audit_file(Path(__file__).parent / "notes" / "malformed.md")
    first = audit.steps[0]
    assert first.line == 3
    # `a = \frac{1}{\partial b}`: the \partial stands at column 16
    assert "line 3, column 16" in first.reason, first.reason
