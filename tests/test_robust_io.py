"""Issue 12: runs that never crash, hang or mislead because of a file's bytes or a broken
pipe. Each test is a reproduction from the issue; none depends on timing."""

import errno
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from symkl import latexbuild, outputs, registry
from symkl.cli import main
from symkl.errors import SymklError
from symkl.notes.audit import FileAudit, StepAudit, audit_file, audit_text
from symkl.notes.context import front_matter
from symkl.notes.extract import statements
from symkl.notes.render import audit_latex, audit_markdown, report_files
from symkl.outputs import remove_leftovers, write_file, write_outputs
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
    (head,) = [line for line in audit_markdown(_audit(lhs, "b")).splitlines() if "**" in line]
    cell = head.split(" \u00b7 ", 2)[2]  # after the line and the verdict
    fence = re.match("`+", cell).group(0)
    longest = max(len(r) for r in re.findall("`+", lhs))
    assert len(fence) > longest and cell.endswith(" " + fence)
    assert cell[len(fence) + 1 : -len(fence) - 1] == f"{lhs} = b"


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
    assert "\u2717 refuted**".encode() in files[tmp_path / "out" / "notes" / "week1-tex.md"]


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


# --- symkl export -o -------------------------------------------------------------------


def _dangling(tmp_path: Path) -> Path:
    (tmp_path / "out.py").symlink_to(tmp_path / "nowhere" / "x.py")
    return tmp_path / "out.py"


def _link_to_fifo(tmp_path: Path) -> Path:
    os.mkfifo(tmp_path / "fifo")
    (tmp_path / "out.py").symlink_to(tmp_path / "fifo")
    return tmp_path / "out.py"


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda t: Path(os.devnull), "not a regular file"),
        (_fifo, "not a regular file"),
        (_link_to_fifo, "not a regular file"),
        (_dangling, "link to nothing"),
        (lambda t: t, "not a regular file"),
    ],
    ids=["device", "fifo", "link-to-fifo", "dangling-link", "directory"],
)
def test_export_writes_regular_files_only(tmp_path, capsys, make, message):
    path = make(tmp_path)
    before = os.lstat(path)
    assert main(["export", "-o", str(path), "kl_divergence"]) == 2
    one_line_error(capsys, "symkl export: error:", message)
    after = os.lstat(path)
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


@pytest.fixture
def umask_027():
    old = os.umask(0o027)
    yield
    os.umask(old)


def test_write_file_honours_the_umask_and_keeps_a_mode(tmp_path, umask_027):
    new = tmp_path / "new.py"
    write_file(new, b"1")
    assert stat.S_IMODE(new.stat().st_mode) == 0o640
    old = tmp_path / "old.py"
    old.write_bytes(b"0")
    old.chmod(0o604)
    write_file(old, b"1")
    assert (stat.S_IMODE(old.stat().st_mode), old.read_bytes()) == (0o604, b"1")


def test_write_file_writes_through_a_link_to_a_regular_file(tmp_path):
    (tmp_path / "real.py").write_bytes(b"0")
    (tmp_path / "link.py").symlink_to("real.py")
    write_file(tmp_path / "link.py", b"1")
    assert (tmp_path / "link.py").is_symlink() and (tmp_path / "real.py").read_bytes() == b"1"


def test_write_file_is_atomic_and_cleans_up(tmp_path, monkeypatch):
    path = tmp_path / "out.py"
    path.write_bytes(b"old")

    def fail(*args):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(outputs.os, "replace", fail)
    with pytest.raises(OSError):
        write_file(path, b"new")
    assert [p.name for p in tmp_path.iterdir()] == ["out.py"] and path.read_bytes() == b"old"


# --- leftovers of killed runs ----------------------------------------------------------


def dead_pid() -> int:
    """The id of a process that has ended (and been reaped)."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_temporary_files_of_dead_writers_are_removed(tmp_path):
    dead, live = dead_pid(), os.getpid()
    stale = tmp_path / f".a.md.{dead}.0123abcd.tmp"
    kept = [
        tmp_path / f".a.md.{live}.0123abcd.tmp",  # a writer still running
        tmp_path / f".other.md.{dead}.0123abcd.tmp",  # not a file this run writes
        tmp_path / ".a.md.x1y2z3w4",  # not our name pattern
    ]
    for path in [stale, *kept]:
        path.write_bytes(b"")
    assert write_outputs({tmp_path / "a.md": b"A"}, check=True) == [
        outputs.Change(tmp_path / "a.md", "missing")
    ]
    assert not stale.exists() and all(p.exists() for p in kept)
    stale.write_bytes(b"")
    write_file(tmp_path / "a.md", b"A")
    assert not stale.exists() and remove_leftovers(tmp_path, ["a.md"]) == []


def test_latex_build_folders_of_dead_runs_are_removed(tmp_path):
    stale = tmp_path / f".latex-{dead_pid()}-abc"
    kept = [tmp_path / f".latex-{os.getpid()}-abc", tmp_path / ".latex-abc"]
    for path in [stale, *kept]:
        path.mkdir()
    (stale / "x.aux").write_text("")
    assert latexbuild.remove_leftovers([tmp_path]) == [stale]
    assert not stale.exists() and all(p.exists() for p in kept)


# --- exit codes ----------------------------------------------------------------------


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "-1", "0"])
def test_timeout_must_be_a_positive_number(tmp_path, capsys, value):
    path = tmp_path / "n.md"
    path.write_text("$$a = a$$")
    assert main(["verify", f"--timeout={value}", str(path)]) == 2
    one_line_error(capsys, "--timeout")


def _closed_pipe_run(args: list[str]) -> subprocess.CompletedProcess:
    """`python -m symkl ARGS` writing to a pipe whose reader is already gone."""
    read, write = os.pipe()
    os.close(read)
    try:
        return subprocess.run(
            [sys.executable, "-m", "symkl", *args], stdout=write, stderr=subprocess.PIPE
        )
    finally:
        os.close(write)


def test_a_closed_pipe_ends_quietly(tmp_path):
    path = tmp_path / "n.md"
    path.write_text("$$a = a$$\n")
    for args in (["derive", "--list"], ["verify", str(path)]):
        done = _closed_pipe_run(args)
        assert (done.returncode, done.stderr) == (141, b"")


def test_ctrl_c_prints_one_line_and_exits_130(capsys, monkeypatch):
    def interrupted(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(registry, "derive", interrupted)
    assert main(["derive", "kl_nonneg"]) == 130
    assert capsys.readouterr().err == "symkl: interrupted\n"


def test_report_out_that_is_a_file(tmp_path, capsys):
    out = tmp_path / "file"
    out.write_text("")
    assert main(["report", "kl_nonneg", "--out", str(out), "--notes", ""]) == 2
    one_line_error(capsys, str(out), "not a directory")


def test_report_out_where_nothing_can_be_written(tmp_path, capsys, monkeypatch):
    def refused(path, mode):
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr(outputs, "_temporary", refused)
    assert main(["report", "kl_nonneg", "--out", str(tmp_path / "ro"), "--notes", ""]) == 2
    one_line_error(capsys, "cannot write", "Permission denied")
    assert main(["report", "kl_nonneg", "--out", "/proc/symkl/reports", "--notes", ""]) == 2
    one_line_error(capsys, "cannot write /proc/symkl")


def test_the_markdown_audit_carries_no_control_characters():
    from symkl.notes.audit import audit_text
    from symkl.notes.render import audit_markdown

    audit = audit_text("$$x = x\x00 + 0$$\n\n$$y\x1b[2J = y$$\n", "c\x1bm.md")
    page = audit_markdown(audit)
    assert not any(ord(c) < 32 and c not in "\n" for c in page), repr(page)
    assert "\\x1b" in page and "\\x00" in page
