"""Issue 12: runs that never crash, hang or mislead because of a file's bytes or a broken
pipe. Each test is a reproduction from the issue; none depends on timing."""

import os
import re
from pathlib import Path

import pytest

from symkl import latexbuild
from symkl.cli import main
from symkl.errors import SymklError
from symkl.notes.audit import FileAudit, StepAudit, audit_file, audit_text
from symkl.notes.context import front_matter
from symkl.notes.extract import statements
from symkl.notes.render import audit_latex, audit_markdown, report_files
from symkl.report import audit_reports
from symkl.safeio import MAX_NOTES_BYTES, normalize_text, read_notes, visible


def one_line_error(capsys, *needles: str) -> str:
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1, err
    assert all(n in err for n in needles), err
    return err


# --- input files ---------------------------------------------------------------------


def _fifo(tmp_path: Path) -> Path:
    os.mkfifo(tmp_path / "notes.md")
    return tmp_path / "notes.md"


@pytest.mark.parametrize(
    "make", [lambda t: Path("/dev/zero"), _fifo, lambda t: t], ids=["device", "fifo", "dir"]
)
def test_verify_reads_regular_files_only(tmp_path, capsys, make):
    path = make(tmp_path)
    assert main(["verify", str(path)]) == 2
    one_line_error(capsys, str(path), "not a regular file")


def test_verify_caps_the_size_of_a_notes_file(tmp_path, capsys):
    path = tmp_path / "big.md"
    path.write_bytes(b"a" * (MAX_NOTES_BYTES + 1))
    assert main(["verify", str(path)]) == 2
    one_line_error(capsys, str(path), "MiB")
    assert read_notes(path, limit=MAX_NOTES_BYTES + 1).startswith("a")


@pytest.mark.parametrize(
    "raw, text",
    [
        ("a\r\nb\r\n", "a\nb\n"),
        ("a\rb\r", "a\nb\n"),
        ("a\r\n\rb", "a\n\nb"),
        ("\ufeff---\nx\n", "---\nx\n"),
        ("x\ufeff", "x\ufeff"),  # only a leading BOM is one
    ],
)
def test_normalize_text(raw, text):
    assert normalize_text(raw) == text


CHAIN = "Intro.\n\n$$\\begin{aligned}\n2a &= a + a \\\\\n&= 3a\n\\end{aligned}$$\n"


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
def test_line_endings_keep_rows_and_line_numbers(tmp_path, ending):
    path = tmp_path / "n.md"
    path.write_bytes(CHAIN.replace("\n", ending).encode())
    for audit in (audit_file(path), audit_text(path.read_bytes().decode(), str(path))):
        assert [(s.line, s.verdict) for s in audit.steps] == [(4, "proved"), (5, "refuted")]


def test_a_bom_does_not_hide_front_matter(tmp_path):
    path = tmp_path / "n.md"
    text = "---\nsymkl:\n  assume: {t: positive}\n---\n$$\\sqrt{t^2} = t$$\n"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    (step,) = audit_file(path).steps
    assert (step.line, step.verdict) == (5, "proved")


# --- front matter --------------------------------------------------------------------

_BOMB = "a: &a [x, x]\n" + "".join(
    f"a{k}: &a{k} [*a{k - 1 or ''}, *a{k - 1 or ''}]\n" for k in range(1, 9)
)


@pytest.mark.parametrize(
    "yaml_text, line, message",
    [
        (_BOMB + "symkl: {assume: {t: *a8}}", 2, "anchor or alias"),
        ("symkl: {assume: {t: *x}}", 2, "anchor or alias"),
        ("x: " + "[" * 20000 + "]" * 20000, 2, "deeper than"),
        ("a: 1\nx:\n" + "".join(" " * k + f"k{k}:\n" for k in range(1, 40)), 19, "deeper"),
        ("symkl: {assume: [\n  t: : :", 3, "not valid YAML"),
        ("#" * 70000, 2, "longer than"),
        ("symkl: {assume: {t: [1, 2]}}", None, "map names to kinds"),
        ("symkl: {assume: {t: banana}}", None, "unknown kind"),
    ],
)
def test_front_matter_errors_are_one_line(yaml_text, line, message):
    with pytest.raises(SymklError) as e:
        front_matter(f"---\n{yaml_text}\n---\n$$a = a$$\n", "week1.md")
    text = str(e.value)
    assert "\n" not in text and message in text
    assert text.startswith(f"week1.md:{line}: " if line else "week1.md: ")


def test_front_matter_error_from_the_command_line(tmp_path, capsys):
    path = tmp_path / "n.md"
    path.write_text("---\na: &x 1\nb: *x\n---\n$$a = a$$\n")
    assert main(["verify", str(path)]) == 2
    one_line_error(capsys, f"{path}:2:", "alias")


def test_an_empty_symkl_comment_does_not_take_the_next_line():
    assert front_matter("<!-- symkl:\nt=banana -->\n$$a=a$$\n") == {}
    assert front_matter("% symkl:\nt=banana\n") == {}
    assert front_matter("<!-- symkl: t=positive -->\n") == {"t": "positive"}


# --- TeX comments ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "tex, steps",
    [
        ("\\[ a + a = 2a % = 3a\n\\]", [("a + a", "2a")]),
        ("\\[ x = 50\\% \\]", [("x", "50\\%")]),
        ("\\begin{align}\na &= b \\\\% &= c\n&= d\n\\end{align}", [("a", "b"), ("b", "d")]),
        ("\\[ a = b %\n= c \\]", [("a", "b"), ("b", "c")]),
    ],
)
def test_tex_comments_in_display_math_are_skipped(tex, steps):
    found = statements(tex, "latex")
    assert [(s.lhs.source, s.rhs.source) for s in found] == steps


def test_a_false_step_in_a_tex_comment_is_not_checked(tmp_path):
    path = tmp_path / "n.tex"
    path.write_text("Text.\n\\[ a + a = 2a % = 3a\n\\]\n")
    assert [(s.line, s.verdict, s.rhs) for s in audit_file(path).steps] == [(2, "proved", "2a")]


# --- output safety -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, shown",
    [
        ("a\x1b[2Kb", "a\\x1b[2Kb"),
        ("x\u202ey", "x\\u202ey"),
        ("\x9b\x07\x7f", "\\x9b\\x07\\x7f"),
        ("\u03b1\t\u03b2 \u2264 1", "\u03b1\t\u03b2 \u2264 1"),  # Greek, tab, <=
        ("two\nlines", "two\\x0alines"),
    ],
)
def test_visible(text, shown):
    assert visible(text) == shown


def test_verify_escapes_control_characters(tmp_path, capsys):
    path = tmp_path / "n\x1b[31m.md"
    path.write_text("$$a = 2a\x1b[2K\x1b[1Gproved$$\n")
    main(["verify", str(path)])
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\\x1b[2K" in out and "n\\x1b[31m.md:1:" in out


def _audit(lhs: str, rhs: str, reason: str = "r", path: str = "n.md") -> FileAudit:
    return FileAudit(path, [StepAudit(1, "=", lhs, rhs, "refuted", reason)])


@pytest.mark.parametrize("lhs", ["a``b", "`a", "a```![x](http://e/x.png)```", "x` | `y"])
def test_markdown_code_span_cannot_be_closed_by_the_step(lhs):
    row = audit_markdown(_audit(lhs, "b")).splitlines()[-1]
    cell = row.split(" | ")[1]
    fence = re.match("`+", cell).group(0)
    longest = max(len(r) for r in re.findall("`+", lhs))
    assert len(fence) > longest and cell.endswith(" " + fence)
    assert cell[len(fence) + 1 : -len(fence) - 1] == f"{lhs} = b".replace("|", "\\|")


def test_markdown_reason_and_title_are_escaped():
    page = audit_markdown(_audit("a", "b", "see [x](javascript:1) <img>"), "[t](u) *x*.md")
    assert "# Audit of \\[t\\](u) \\*x\\*.md" in page
    assert "\\[x\\](javascript:1) \\<img\\>" in page


def test_latex_title_is_escaped():
    page = audit_latex(_audit("a", "b"), "\\input{x}.md", standalone=True)
    assert "Audit of \\textbackslash{}input\\{x\\}.md" in page and "\\input{x}" not in page


def test_same_stem_notes_keep_both_audits(tmp_path):
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "week1.md").write_text("$$a + a = 2a$$\n")
    (notes / "week1.tex").write_text("\\[ a + a = 3a \\]\n")
    files = audit_reports(notes, tmp_path / "out")
    names = sorted(p.name for p in files)
    assert names == ["week1-md.md", "week1-md.tex", "week1-tex.md", "week1-tex.tex"]
    assert b"**refuted**" in files[tmp_path / "out" / "notes" / "week1-tex.md"]


@pytest.mark.parametrize(
    "paths, names",
    [
        (["a/w.md", "b/x.tex"], ["w", "x"]),
        (["w.md", "w.tex", "w.txt"], ["w-md", "w-tex", "w-txt"]),
        (["\\input{x}.md"], ["_input_x_"]),
        (["a b.md", "a_b.md"], ["a_b-md-1", "a_b-md-2"]),
        ([".hidden.md"], ["hidden"]),
    ],
)
def test_report_page_names(paths, names):
    files = report_files([FileAudit(p) for p in paths])
    assert list(files) == [f"{n}.{s}" for n in names for s in ("md", "tex")]


def test_a_tex_command_as_a_file_name_is_not_run(tmp_path):
    tex = tmp_path / "\\input{x}.tex"
    tex.write_text("\\documentclass{article}\\begin{document}x\\end{document}\n")
    with pytest.raises(latexbuild.LatexError, match="not compiled"):
        latexbuild.compile_pdf(tex, tool="pdflatex")
    assert sorted(p.name for p in tmp_path.iterdir()) == [tex.name]
