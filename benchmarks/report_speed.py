"""CPU time of `symkl report --check` (target: at most 12 s, issue 12), workers included.

    python benchmarks/report_speed.py [--runs N] [--peer CMD]

Runs `symkl report --check` N times in a fresh process and prints, for each run, the CPU
time (user + system) of the process and all its children (the report's worker processes),
and the wall time; then the best. `--peer` times another symkl (an earlier checkout, say)
in the same run, for a ratio. The exit status of the command is printed, not asserted (a
stale reports/ folder still takes the time). Not a test: timings vary by machine.
"""

import argparse
import os
import shlex
import subprocess
import sys
import time


def timed(cmd: list[str]) -> tuple[float, float, int]:
    """(CPU seconds of the process and its children, wall seconds, exit status)."""
    start = time.perf_counter()
    process = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    # wait4 reports the process with the children it waited for (the workers)
    return usage.ru_utime + usage.ru_stime, wall, os.waitstatus_to_exitcode(status)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--peer", help="another symkl command to time the same way")
    args = parser.parse_args()
    commands = {"symkl": [sys.executable, "-m", "symkl"]}
    if args.peer:
        commands["peer"] = shlex.split(args.peer)
    best = {}
    for label, cmd in commands.items():
        for run in range(args.runs):
            cpu, wall, code = timed([*cmd, "report", "--check"])
            print(f"{label} run {run + 1}: {cpu:.1f} CPU s, {wall:.1f} s wall, exit {code}")
            best[label] = min(best.get(label, cpu), cpu)
    for label, cpu in best.items():
        print(f"{label}: best {cpu:.1f} CPU s for `symkl report --check` (target <= 12)")
    if "peer" in best and best["symkl"]:
        print(f"peer / symkl: {best['peer'] / best['symkl']:.2f}")


if __name__ == "__main__":
    main()
