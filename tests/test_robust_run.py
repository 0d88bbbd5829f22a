"""Issue 12, the rest: no SymPy for --help, `symkl report` outside a clone, workers that
die with their parent, no eager huge powers, block extraction in linear time."""

import os
import re
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from symkl.checking import isolated
from symkl.cli import main
from symkl.notes import extract, prose
from symkl.notes.audit import audit_text
from symkl.notes.extract import statements
from symkl.notes.parse import Reader, Unreadable
from tests.test_fuzz import FUZZ_EXAMPLES

ROOT = Path(__file__).resolve().parents[1]
#: CPU seconds a bounded computation below may take: a hang guard, far above its real cost
HANG_GUARD = 20.0


# ---- start-up: no SymPy, numpy or mpmath where none is needed ---------------------------


@pytest.mark.parametrize("argv", [["--help"], ["derive", "--list"], ["verify", "--help"]])
def test_light_commands_import_no_sympy(argv):
    script = textwrap.dedent(
        f"""
        import contextlib, io, sys
        from symkl.cli import main
        with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
            main({argv!r})
        print(sorted(m for m in ("sympy", "numpy", "mpmath") if m in sys.modules))
        """
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert out.stdout.strip() == "[]", out.stderr


def test_the_package_root_still_re_exports():
    import symkl

    assert symkl.derive is symkl.registry.derive
    assert set(symkl.__all__) <= set(dir(symkl))
    with pytest.raises(AttributeError):
        symkl.no_such_name  # noqa: B018


# ---- symkl report outside the clone -----------------------------------------------------


def test_report_outside_a_clone_audits_no_notes(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["report", "kl_nonneg", "--out", "out"]) == 0
    assert (tmp_path / "out" / "kl_nonneg.md").is_file()
    assert "error" not in capsys.readouterr().err


def test_report_notes_default_is_the_seeds_of_a_clone(tmp_path, monkeypatch, capsys):
    from symkl.cli import _notes_dir

    assert _notes_dir("", full_run=True) is None
    assert _notes_dir("x", full_run=True) == Path("x")
    monkeypatch.chdir(ROOT)
    assert _notes_dir(None, full_run=True) == Path("tests/seeds")
    monkeypatch.chdir(tmp_path)
    assert _notes_dir(None, full_run=False) is None
    assert capsys.readouterr().err == ""
    assert _notes_dir(None, full_run=True) is None
    assert "no notes audited" in capsys.readouterr().err


# ---- workers die with their parent ------------------------------------------------------

_ORPHANS = """
import os, sys, time
from symkl.checking.budget import Worker
from symkl.report import _pool

pool = _pool(2)
futures = [pool.submit(time.sleep, 600) for _ in range(2)]
worker = Worker(time.sleep)
worker._start()
time.sleep(0.5)  # the pool starts its workers when work is submitted
print(" ".join(str(p) for p in [*pool._processes, worker.pid]), flush=True)
time.sleep(600)
"""


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prctl is Linux only")
def test_workers_end_when_their_parent_is_killed():
    parent = subprocess.Popen([sys.executable, "-c", _ORPHANS], stdout=subprocess.PIPE, text=True)
    try:
        pids = [int(p) for p in parent.stdout.readline().split()]
    finally:
        parent.send_signal(signal.SIGKILL)
        parent.wait()
    assert len(pids) == 3
    deadline = time.monotonic() + 60  # a hang guard: they end within milliseconds
    while any(_alive(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    left = [p for p in pids if _alive(p)]
    for pid in left:  # never leave them behind, even when the test fails
        os.kill(pid, signal.SIGKILL)
    assert left == []


# ---- the parser computes no huge number -------------------------------------------------


def _read(source: str):
    reader = Reader("discrete", sp.Symbol("n", integer=True, positive=True), {}, {}, False)
    try:
        return reader.parse(source)
    except Unreadable as e:
        return e.reason


@pytest.mark.parametrize(
    "source",
    [
        r"10^{10^{10}}",  # ran past 120 s
        r"2^{2^{2^{2^{2^{2}}}}}",  # grew to 1.75 GB
        r"(2x)^{10^{10}}",  # SymPy distributes the power over the number factor
        r"\sqrt{2}^{10^{10}}",
        r"\exp(\log 2)^{10^{10}}",
        r"(2 + 3)^{10^{10}}",
        r"0.5^{-10^{10}}",
        r"10^{10^{10}/3}",
        r"2^{9000} \cdot 2^{9000}",
        "7" * 4000,
        # SymPy expands a power of a sum in passing (4.6 million terms)
        r"\sqrt{\frac{y}{\log((x+y+t+w)^{300})}}",
        r"((x+y)^{2} + t)^{500}",
    ],
)
def test_huge_numbers_are_refused_not_computed(source):
    # in a worker killed past its CPU time, so that a regression fails instead of hanging
    reason = isolated(_read, source, cpu_seconds=HANG_GUARD)
    assert isinstance(reason, str) and ("too large" in reason or "digits" in reason)


@pytest.mark.parametrize(
    ("source", "value"),
    [
        (r"2^{10}", sp.Integer(1024)),
        (r"2^{2^{13}}", sp.Integer(2) ** 8192),
        (r"1^{10^{100}}", sp.Integer(1)),
        (r"x^{10^{10}}", sp.Symbol("x", real=True) ** 10**10),
        (r"(x + 1)^{300}", (sp.Symbol("x", real=True) + 1) ** 300),
        (r"(1 - x)^{1000}", (1 - sp.Symbol("x", real=True)) ** 1000),
    ],
)
def test_numbers_of_a_reasonable_size_are_read(source, value):
    assert _read(source) == value


def test_deep_nesting_is_unreadable_not_a_recursion_error():
    assert _read("{" * 3000 + "x" + "}" * 3000) == "too deeply nested"


def test_a_huge_power_in_a_step_or_alone_is_reported_at_once():
    text = "$$\nz = 10^{10^{10}}\n$$\n\n$$\n10^{10^{10}}\n$$\n"
    audit = isolated(audit_text, text, "huge.md", None, 2.0, cpu_seconds=HANG_GUARD)
    (step,) = audit.steps
    assert step.verdict == "unparsed" and "too large" in step.reason
    ((_, note),) = audit.notes  # the bare expression, read in the parent process
    assert "too large" in note


# ---- block extraction in linear time ----------------------------------------------------

_ALIGN = "$$\n\\begin{align*}\n" + "".join(f"a_{k} &= b_{k} \\\\\n" for k in range(8000))


@pytest.mark.parametrize(
    ("text", "kind", "count"),
    [
        ("\\[ " * 40_000, "markdown", 0),  # 120 KB of unclosed openers: ran past 120 s
        ("\\[ " * 40_000, "latex", 0),
        ("$\\begin{align} " * 8000, "markdown", 0),
        ("\\begin{align} " * 8000, "latex", 0),
        ("let $" + "a" * 30_000, "markdown", 0),  # a regex backtracked along the word
        ("\\[" + "\\\\[" * 30_000 + "\\]", "markdown", 1),  # row spacing without its `]`
        ("$x := 1$ $$a = b$$ " * 5000, "markdown", 10_000),
        (_ALIGN + "\\end{align*}\n$$\n", "markdown", 8000),  # took 15 s to split
    ],
)
def test_extraction_of_hostile_files_ends(text, kind, count):
    found = isolated(lambda: len(statements(text, kind)), cpu_seconds=HANG_GUARD)
    assert found == count


#: the display-math regex that `extract._display_spans` replaces: the specification
_ENV = extract._ENV
_SPEC_RE = re.compile(
    r"\$\$(?P<dd>.*?)\$\$"
    r"|\\\[(?P<br>.+?)\\\]"
    rf"|\$(?P<al>\\begin\{{(?:{_ENV})\*?\}}.+?\\end\{{(?:{_ENV})\*?\}})\s*\$"
    rf"|(?P<env>\\begin\{{(?P<name>{_ENV})\*?\}}.+?\\end\{{(?P=name)\*?\}})"
    r"|(?m:^[ \t>]*\$(?P<line>[^$\n]+)\$[ \t.,;]*$)",
    re.S,
)


def _row_breaks_blanked(text: str) -> str:
    """`text` with each row break `\\\\` (paired from the left) as two other characters:
    a row break opens and closes nothing (`\\\\[4pt]` is no `\\[`)."""
    return re.sub(r"\\\\", "##", text)


_PIECES = [
    "$", "$$", "\\[", "\\]", "\\begin{align}", "\\end{align}", "\\begin{align*}",
    "\\end{align*}", "\\begin{aligned}", "\\end{aligned}", "\\begin{equation}",
    "\\end{equation}", "\n", " ", "\t", ">", "x", "=", "\\", ".", "$x=1$",
]  # fmt: skip


@settings(max_examples=FUZZ_EXAMPLES * 5, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=16).map("".join))
def test_display_blocks_are_those_of_the_regex(text):
    spec = []
    for m in _SPEC_RE.finditer(_row_breaks_blanked(text)):
        group = next(g for g in ("dd", "br", "al", "env", "line") if m.group(g) is not None)
        spec.append(m.span(group))
    assert extract._display_spans(text) == spec


#: the regex `prose._display_spans` replaces (quadratic on unclosed openers): the specification
_PROSE_DISPLAYS = re.compile(
    r"\$\$.*?\$\$|\\\[.*?\\\]|\\begin\{(equation|align|eqnarray|gather|multline)\*?\}.*?"
    r"\\end\{\1\*?\}",
    re.DOTALL,
)


@settings(max_examples=FUZZ_EXAMPLES * 5, deadline=None)
@given(
    st.lists(
        st.sampled_from([*_PIECES, "\\begin{equation*}", "\\end{equation*}"]), max_size=16
    ).map("".join)
)
def test_prose_displays_are_those_of_the_regex(text):
    spec = [m.span() for m in _PROSE_DISPLAYS.finditer(_row_breaks_blanked(text))]
    assert prose._display_spans(text) == spec
