"""`symkl verify`: output format, JSON schema, exit codes, --assume, --timeout, renderers."""

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from symkl.cli import main
from symkl.notes.audit import audit_file, audit_text
from symkl.notes.render import audit_latex, audit_markdown, report_files


@pytest.fixture
def note(tmp_path):
    def write(text, name="n.md"):
        path = tmp_path / name
        path.write_text(text)
        return str(path)

    return write


def test_text_output_and_exit_status(note, capsys):
    path = note("$$\\alpha + \\alpha = 2\\alpha$$\n\n$$\\beta = 2\\beta$$\n")
    assert main(["verify", path]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"{path}:1: proved ")
    assert out[2].startswith(f"{path}:3: refuted ")
    assert out[-1] == "2 steps in 1 file(s): 1 proved, 1 refuted"


def test_json_schema(note, capsys):
    path = note(
        "x\n$$\\begin{aligned} H(p) &= -\\sum_i p_i \\log p_i \\\\ &\\ge 1 \\end{aligned}$$"
    )
    assert main(["verify", "--json", path]) == 1
    data = json.loads(capsys.readouterr().out)
    (f,) = data["files"]
    assert f["path"] == path
    first, second = f["steps"]
    assert set(first) == {
        *("line", "relation", "lhs", "rhs", "verdict", "reason", "counterexample", "repairs")
    }
    assert first["repairs"] == [] and all(r["verdict"] for r in second["repairs"])
    assert (first["line"], first["relation"], first["lhs"]) == (2, "=", "H(p)")
    assert (second["line"], second["relation"], second["verdict"]) == (2, ">=", "refuted")
    assert isinstance(second["counterexample"]["p"], list)
    assert data["summary"]["proved"] == 1 and data["summary"]["refuted"] == 1


def test_assume_changes_what_is_true(note, capsys):
    path = note("$$\\sqrt{t^2} = t$$")
    # t unstated: true for t > 0 only, so neither proved nor refuted; the fix is named
    assert main(["verify", path]) == 0
    assert "state 't: " in capsys.readouterr().out
    assert main(["verify", "--assume", "t: real", path]) == 1
    assert main(["verify", "--assume", "t: positive", path]) == 0
    capsys.readouterr()


def test_front_matter_assumptions(note, capsys):
    path = note("---\nsymkl:\n  assume: {t: positive}\n---\n$$\\sqrt{t^2} = t$$\n")
    assert main(["verify", path]) == 0
    capsys.readouterr()


@pytest.mark.parametrize(
    "args, message",
    [
        (["verify", "/nonexistent.md"], "cannot read"),
        (["verify", "--assume", "x=banana", "{path}"], "unknown kind"),
        (["verify", "--assume", "nonsense", "{path}"], "NAME: KIND"),
        (["verify", "--timeout", "0", "{path}"], "--timeout"),
    ],
)
def test_usage_and_file_errors_exit_2(note, capsys, args, message):
    path = note("$$a = a$$")
    assert main([a.format(path=path) for a in args]) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1


def test_binary_and_empty_files(note, tmp_path, capsys):
    binary = tmp_path / "b.md"
    binary.write_bytes(b"\x00\x01$$a=b$$")
    assert main(["verify", str(binary)]) == 2
    assert "binary" in capsys.readouterr().err
    assert main(["verify", note("")]) == 0
    assert "0 steps" in capsys.readouterr().out


def test_renderers_are_pure_and_escaped(note):
    path = note("$$a\\_b = \\frac{1}{\\partial x}$$\n\n$$\\beta | 1 = 2\\beta$$\n")
    audit = audit_file(path)
    md, tex = audit_markdown(audit, "note"), audit_latex(audit, "note")
    assert md == audit_markdown(audit_file(path), "note")
    assert "`\\beta | 1 = 2\\beta`" in md and "? unparsed**" in md
    assert "\\textbackslash{}frac" in tex and "\\section*{Audit of note}" in tex
    assert tex.count("\\symklstep{") == 0  # neither step was read: both shown as source


PIECES = [
    "$$",
    "\\[",
    "\\]",
    "&=",
    "=",
    ":=",
    "\\le",
    "\\\\",
    "\\quad",
    "f(x, x)",
    "L",
    "p",
    "\\{a, b\\}",
    "H(p,q)",
    "\\sum_i p_i",
    "\\log",
    "q",
    "\\frac{1}{2}",
    "e^{x}",
    "(",
    ")",
    "\\min_q",
    "C",
    "\\nabla_q",
    "\\begin{bmatrix} 1 \\\\ 2 \\end{bmatrix}",
    "\n",
    "\\approx",
    "\\ne",
    "x",
    "\\alpha",
]


SIDES = st.lists(st.sampled_from(PIECES), min_size=1, max_size=5).map(" ".join)
RELATIONS = st.sampled_from(["=", ":=", "&=", "\\le", "\\ne", "\\approx", "\\\\ &="])


@settings(max_examples=80, deadline=None)
@given(SIDES, st.lists(st.tuples(RELATIONS, SIDES), min_size=1, max_size=3))
def test_fuzz_audit_never_raises(first, rest):
    text = "$$" + first + "".join(f" {r} {side}" for r, side in rest) + "$$"
    audit = audit_text(text, seconds=0.2)
    assert all(s.verdict and s.reason for s in audit.steps)
    # the last-resort guard in the auditor must not be what handled a step
    assert not [s.reason for s in audit.steps if s.reason.startswith("symkl could not")]


def test_report_files_are_named_by_file_and_reproducible(note):
    audit = audit_file(note("$$a = a$$", "week1.md"))
    files = report_files([audit])
    assert sorted(files) == ["week1.md", "week1.tex"]
    assert files["week1.tex"].startswith("\\documentclass{article}")
    assert "# Audit of week1.md" in files["week1.md"] and audit.path not in files["week1.md"]
    assert files == report_files([audit_file(audit.path)])
