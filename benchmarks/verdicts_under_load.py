"""Verdicts of `symkl verify` idle and with every core kept busy: they must be the same.

    python benchmarks/verdicts_under_load.py [--busy N | --margin] DIR [DIR ...]

Runs `symkl verify --json` on each notes file with the machine idle, then again while N
busy loops (default: one per core) compete for the CPU, and prints every step whose
verdict or reason differs (exit 1 if any). Budgets count CPU time, so load should change
nothing.

`--margin` instead runs each file at the default budget and at half of it: a step whose
outcome changes is within a factor of two of its budget, where the CPU time that caches
and a busy sibling core add could tip it (and a report would not regenerate the same).
"""

import argparse
import json
import multiprocessing
import os
import subprocess
import sys
from pathlib import Path

from symkl.notes.limits import DEFAULT_SECONDS

SUFFIXES = {".md", ".txt", ".tex", ".ipynb", ".Rmd", ".qmd"}


def _spin() -> None:
    while True:
        pass


def verdicts(
    symkl: str, files: list[Path], timeout: float = DEFAULT_SECONDS
) -> dict[tuple[str, int, str], str]:
    out = {}
    for path in files:
        command = [symkl, "verify", "--json", "--timeout", f"{timeout:g}", str(path)]
        run = subprocess.run(command, capture_output=True, text=True)
        for f in json.loads(run.stdout)["files"]:
            for k, s in enumerate(f["steps"]):
                reason = s.get("reason", "").replace(f"{timeout:g} s", "T s")
                out[(path.name, s["line"], str(k))] = f"{s['verdict']}: {reason}"
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dirs", nargs="+", type=Path)
    ap.add_argument("--busy", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--margin", action="store_true", help="compare with half the budget")
    ap.add_argument("--symkl", default=str(Path(sys.executable).with_name("symkl")))
    a = ap.parse_args()
    files = sorted(p for d in a.dirs for p in d.iterdir() if p.suffix in SUFFIXES)
    idle = verdicts(a.symkl, files)
    if a.margin:
        return _report(idle, verdicts(a.symkl, files, DEFAULT_SECONDS / 2), files, "at half")
    loops = [multiprocessing.Process(target=_spin, daemon=True) for _ in range(a.busy)]
    for p in loops:
        p.start()
    try:
        busy = verdicts(a.symkl, files)
    finally:
        for p in loops:
            p.terminate()
    return _report(idle, busy, files, "under load")


def _report(idle: dict, other: dict, files: list[Path], how: str) -> int:
    changed = [(k, idle.get(k), other.get(k)) for k in sorted(set(idle) | set(other))]
    changed = [c for c in changed if c[1] != c[2]]
    for (name, line, _), before, after in changed:
        print(f"{name}:{line}:\n  idle:  {str(before)[:300]}\n  {how}: {str(after)[:300]}")
    print(f"{len(idle)} steps in {len(files)} files; {len(changed)} outcomes differ {how}")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
