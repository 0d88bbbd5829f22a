"""Start-up time of the commands that need no SymPy: `symkl --help` and `symkl derive
--list` (target: at most 0.15 s each), and for comparison `import sympy` alone.

    python benchmarks/cli_start.py [--runs N]

Each command runs N times in a fresh interpreter; prints the best and the median wall
time, and the CPU time (user + system) of the best run. Not a test: timings vary by machine.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time

COMMANDS = {
    "symkl --help": [sys.executable, "-m", "symkl", "--help"],
    "symkl derive --list": [sys.executable, "-m", "symkl", "derive", "--list"],
    "python -c 'import sympy'": [sys.executable, "-c", "import sympy"],
}


def timed(cmd: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one run of `cmd`."""
    before, start = os.times(), time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
    wall, after = time.perf_counter() - start, os.times()
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    print(f"{'command':<28} {'best s':>8} {'median s':>9} {'cpu s':>7}")
    for name, cmd in COMMANDS.items():
        times = sorted(timed(cmd) for _ in range(runs))
        best, median = times[0], statistics.median(w for w, _ in times)
        print(f"{name:<28} {best[0]:8.3f} {median:9.3f} {best[1]:7.3f}")


if __name__ == "__main__":
    main()
