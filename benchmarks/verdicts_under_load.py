"""Verdicts of `symkl verify` idle and with every core kept busy: they must be the same.

    python benchmarks/verdicts_under_load.py [--busy N] DIR [DIR ...]

Runs `symkl verify --json` on each notes file with the machine idle, then again while N
busy loops (default: one per core) compete for the CPU, and prints every step whose
verdict differs (exit 1 if any). Budgets count CPU time, so load should change nothing.
"""

import argparse
import json
import multiprocessing
import os
import subprocess
import sys
from pathlib import Path

SUFFIXES = {".md", ".txt", ".tex", ".ipynb", ".Rmd", ".qmd"}


def _spin() -> None:
    while True:
        pass


def verdicts(symkl: str, files: list[Path]) -> dict[tuple[str, int, str], str]:
    out = {}
    for path in files:
        run = subprocess.run([symkl, "verify", "--json", str(path)], capture_output=True, text=True)
        for f in json.loads(run.stdout)["files"]:
            for k, s in enumerate(f["steps"]):
                out[(path.name, s["line"], str(k))] = s["verdict"]
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dirs", nargs="+", type=Path)
    ap.add_argument("--busy", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--symkl", default=str(Path(sys.executable).with_name("symkl")))
    a = ap.parse_args()
    files = sorted(p for d in a.dirs for p in d.iterdir() if p.suffix in SUFFIXES)
    idle = verdicts(a.symkl, files)
    loops = [multiprocessing.Process(target=_spin, daemon=True) for _ in range(a.busy)]
    for p in loops:
        p.start()
    try:
        busy = verdicts(a.symkl, files)
    finally:
        for p in loops:
            p.terminate()
    changed = [(k, idle.get(k), busy.get(k)) for k in sorted(set(idle) | set(busy))]
    changed = [c for c in changed if c[1] != c[2]]
    for (name, line, _), before, after in changed:
        print(f"{name}:{line}: idle {before}, busy {after}")
    print(f"{len(idle)} steps in {len(files)} files; {len(changed)} verdicts differ under load")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
