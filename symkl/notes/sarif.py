"""Audits as SARIF 2.1.0: `symkl verify --format sarif`, for code-scanning tools.

## Main definitions
- `RULES`: one SARIF rule per verdict that is a finding, with its level and description.
- `sarif_log(audits)`: the log as a dict (one run; tool.driver with name, version, rules;
  one result per step that is not confirmed and not a definition, one per note).
- `audit_sarif(audits)`: the same as JSON text.

A result's location is the notes file (a relative path stays relative, as GitHub code
scanning wants; an absolute one becomes a `file:` URI) and the step's line. A notebook's
step has a line in its cell, not in the `.ipynb` file's JSON: its location has no region,
and gives the cell and the line in it as a logical location (`cell 3, line 2`) and as
properties. Notes text passes through `json.dumps` with ASCII escapes, and its control and
format characters are made visible first (`symkl.safeio.visible`), as in the terminal.
"""

import json
from importlib.metadata import PackageNotFoundError, version
from pathlib import PurePath
from urllib.parse import quote

from symkl.notes.audit import FileAudit, StepAudit
from symkl.safeio import visible

__all__ = ["RULES", "SCHEMA_URI", "sarif_log", "audit_sarif"]

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
#: verdict -> (rule id, level, short description, full description); proved,
#: holds-numerically and definition are no findings and have no rule
RULES = {
    "refuted": (
        "symkl/refuted",
        "error",
        "False step",
        "A step of the notes is false: symkl found a counterexample.",
    ),
    "ambiguous": (
        "symkl/ambiguous",
        "warning",
        "Ambiguous step",
        "A step reads two ways, and the readings get different verdicts.",
    ),
    "undecided": (
        "symkl/undecided",
        "warning",
        "Undecided step",
        "symkl could neither confirm nor refute a step; the reason says what is missing.",
    ),
    "unparsed": (
        "symkl/unparsed",
        "warning",
        "Unreadable step",
        "symkl could not read a side of a step; the reason gives the line and column.",
    ),
    "note": (
        "symkl/note",
        "note",
        "Note on an expression",
        "A remark on an expression without a relation, such as an index outside its sum.",
    ),
}
#: a result names its rule also by its place in tool.driver.rules
RULE_INDEX = {verdict: k for k, verdict in enumerate(RULES)}


def _version() -> str:
    try:
        return version("symkl")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "0+unknown"


def _uri(path: str) -> str:
    """A URI reference for `path`: percent-encoded, `/`-separated; `file:` if absolute."""
    p = PurePath(path)
    if p.is_absolute():
        return "file://" + quote(p.as_posix())
    return quote(p.as_posix())


def _location(path: str, line: int, cell: int | None) -> dict:
    physical: dict = {"artifactLocation": {"uri": _uri(path)}}
    if cell is None:
        physical["region"] = {"startLine": line}
        return {"physicalLocation": physical}
    return {
        "physicalLocation": physical,
        "logicalLocations": [{"name": f"cell {cell}, line {line}", "kind": "cell"}],
        "properties": {"cell": cell, "lineInCell": line},
    }


def _result(path: str, s: StepAudit) -> dict:
    rule, level, _, _ = RULES[s.verdict]
    step = visible(f"{s.lhs} {s.relation} {s.rhs}")
    result = {
        "ruleId": rule,
        "ruleIndex": RULE_INDEX[s.verdict],
        "level": level,
        "message": {"text": f"{s.verdict}: {step}\n{visible(s.reason)}"},
        "locations": [_location(path, s.line, s.cell)],
    }
    if s.counterexample:
        # the values as the JSON output gives them (an overflowed float as a string)
        result["properties"] = {"counterexample": s.to_json()["counterexample"]}
    return result


def _note(path: str, line: int, message: str) -> dict:
    rule, level, _, _ = RULES["note"]
    location: dict = {"physicalLocation": {"artifactLocation": {"uri": _uri(path)}}}
    if not path.lower().endswith(".ipynb"):  # a notebook's note names its cell itself
        location["physicalLocation"]["region"] = {"startLine": line}
    return {
        "ruleId": rule,
        "ruleIndex": RULE_INDEX["note"],
        "level": level,
        "message": {"text": visible(message)},
        "locations": [location],
    }


def sarif_log(audits: list[FileAudit]) -> dict:
    """The SARIF 2.1.0 log of `audits`: one run, one result per finding."""
    rules = [
        {
            "id": rule,
            "name": verdict.title().replace("-", ""),
            "shortDescription": {"text": short},
            "fullDescription": {"text": full},
            "defaultConfiguration": {"level": level},
        }
        for verdict, (rule, level, short, full) in RULES.items()
    ]
    results = []
    for a in audits:
        path = str(a.path)
        results += [_result(path, s) for s in a.steps if s.verdict in RULES]
        results += [_note(path, line, m) for line, m in a.notes]
    driver = {"name": "symkl", "version": _version(), "rules": rules}
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{"tool": {"driver": driver}, "results": results}],
    }


def audit_sarif(audits: list[FileAudit]) -> str:
    """`sarif_log(audits)` as JSON text, ASCII only."""
    return json.dumps(sarif_log(audits), indent=2, allow_nan=False) + "\n"
