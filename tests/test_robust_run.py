"""Issue 12, the rest: no SymPy for --help, `symkl report` outside a clone, workers that
die with their parent, no eager huge powers, block extraction in linear time."""

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from symkl.checking import BudgetExhausted, budget
from symkl.cli import main

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
