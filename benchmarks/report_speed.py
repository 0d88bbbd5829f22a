"""CPU time of `symkl report --check` (target: at most 12 s, issue 12), workers included.

    python benchmarks/report_speed.py [--runs N] [--peer CMD [--peer-dir DIR]]

Runs `symkl report --check` N times in a fresh process and prints, for each run, the CPU
time (user + system) of the process and all its children (the report's worker processes),
and the wall time; then the best. `--peer` times another symkl (an earlier checkout, say)
in the same run, for a ratio; `--peer-dir` is the folder it runs in, its own checkout
(`python -m symkl` imports the symkl of the folder it runs in, whatever PYTHONPATH says).
The exit status and the command's last line are printed, not asserted (a stale reports/
folder still takes the time). Not a test: timings vary by machine, and a machine busier
than its cores inflates CPU time too.
"""

import argparse
import os
import shlex
import subprocess
import sys
import tempfile
import time


def timed(cmd: list[str], cwd: str | None = None) -> tuple[float, float, int, str]:
    """(CPU seconds of the process and its children, wall seconds, exit status, the last
    line it printed)."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as output:
        process = subprocess.Popen(cmd, stdout=output, stderr=subprocess.STDOUT, cwd=cwd)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        output.seek(0)
        lines = output.read().decode(errors="replace").strip().splitlines()
    # wait4 reports the process with the children it waited for (the workers)
    cpu = usage.ru_utime + usage.ru_stime
    return cpu, wall, os.waitstatus_to_exitcode(status), lines[-1] if lines else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--peer", help="another symkl command to time the same way")
    parser.add_argument("--peer-dir", help="the folder the peer runs in (its checkout)")
    args = parser.parse_args()
    commands = {"symkl": ([sys.executable, "-m", "symkl"], None)}
    if args.peer:
        commands["peer"] = (shlex.split(args.peer), args.peer_dir)
    best = {}
    for label, (cmd, cwd) in commands.items():
        for run in range(args.runs):
            cpu, wall, code, last = timed([*cmd, "report", "--check"], cwd)
            print(f"{label} run {run + 1}: {cpu:.1f} CPU s, {wall:.1f} s wall, exit {code}: {last}")
            best[label] = min(best.get(label, cpu), cpu)
    for label, cpu in best.items():
        print(f"{label}: best {cpu:.1f} CPU s for `symkl report --check` (target <= 12)")
    if "peer" in best and best["symkl"]:
        print(f"peer / symkl: {best['peer'] / best['symkl']:.2f}")


if __name__ == "__main__":
    main()
