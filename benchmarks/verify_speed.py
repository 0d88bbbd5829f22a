"""Steps per CPU second of `symkl verify` on folders of notes, and the same for another
symkl (an earlier version, say) measured in the same run; print the ratio.

    python benchmarks/verify_speed.py [--peer CMD] DIR [DIR ...]

CPU time is the children's user + system time (`os.wait4`'s rusage of each `symkl verify`
process and its workers), so a busy machine does not change it much. Each file runs in its
own process, as users run it. Not a test: timings vary by machine.
"""

import argparse
import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

SUFFIXES = {".md", ".txt", ".tex", ".ipynb", ".Rmd", ".qmd"}


def run(cmd: list[str], path: Path) -> tuple[int, float]:
    """(steps reported, CPU seconds) of one `verify --json` run, from the notes' folder:
    `python -m symkl` puts the current folder first on sys.path, so a peer started from a
    checkout would import that checkout's symkl, not its own."""
    path = path.resolve()
    before = os.times()
    out = subprocess.run(
        [*cmd, "verify", "--json", str(path)], capture_output=True, text=True, cwd=path.parent
    )
    after = os.times()
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    try:
        steps = sum(len(f["steps"]) for f in json.loads(out.stdout)["files"])
    except (json.JSONDecodeError, KeyError):
        steps = 0
    return steps, cpu


def measure(cmd: list[str], files: list[Path]) -> tuple[int, float]:
    steps = cpu = 0.0
    for path in files:
        s, c = run(cmd, path)
        steps, cpu = steps + s, cpu + c
    return int(steps), cpu


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dirs", nargs="+", type=Path)
    ap.add_argument("--symkl", default=str(Path(sys.executable).with_name("symkl")))
    ap.add_argument("--peer", help="another symkl command to compare with")
    a = ap.parse_args()
    files = sorted(p for d in a.dirs for p in d.iterdir() if p.suffix in SUFFIXES)
    rows = [("symkl", shlex.split(a.symkl))]
    if a.peer:
        rows.append(("peer", shlex.split(a.peer)))
    rates = {}
    for label, cmd in rows:
        steps, cpu = measure(cmd, files)
        rates[label] = steps / cpu if cpu else 0.0
        print(f"{label}: {steps} steps in {cpu:.1f} CPU s = {rates[label]:.2f} steps per CPU s")
    if a.peer and rates["peer"]:
        print(f"ratio symkl / peer: {rates['symkl'] / rates['peer']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
