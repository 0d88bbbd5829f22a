"""Budgets in CPU time: one step of a check can neither hang a run nor depend on load.

## Main definitions
- `BudgetExhausted`: the CPU time (or memory) given to a computation ran out.
- `budget(seconds)`: a context in which the process may spend `seconds` of CPU time; nested
  budgets end at the earliest deadline. `remaining()` says how much is left (and raises once
  none is), for loops that check cooperatively.
- `isolated(fn, *args, cpu_seconds=...)`: `fn(*args)` in a forked worker process that is
  killed when it exceeds its CPU time or memory, so even a computation stuck inside C code
  (a huge integer power, a runaway `evalf`) ends; the result comes back by pickle.
- `Worker(target)`: the same for many calls in one long-lived worker, re-forked only after
  a call is killed (a fork per call costs about 0.1 s of copy-on-write faults).

Why CPU time: a wall-clock limit fires earlier when the machine is busy, so the same notes
got different verdicts on a loaded machine. CPU time (`ITIMER_PROF`, `RLIMIT_CPU`) counts only
this process's work. The in-process timer is cooperative (Python code is interrupted between
bytecodes); the worker's hard `RLIMIT_CPU` is the backstop that cannot be swallowed.
"""

import contextlib
import gc
import math
import os
import pickle
import resource
import select
import signal
import threading
import time
from collections.abc import Callable, Iterator

from symkl.lifetime import end_with_parent

__all__ = ["BudgetExhausted", "budget", "remaining", "isolated", "Worker", "WORKER_MEMORY"]

#: address space a worker may add to what the parent already maps, bytes
WORKER_MEMORY = 3 * 2**30
#: wall-clock seconds per CPU second after which a worker that uses no CPU is given up on
#: (it is blocked, not computing; never reached by a worker that computes)
_STALLED_FACTOR = 30


class BudgetExhausted(Exception):
    """A computation used up its CPU time or memory."""


_deadlines: list[float] = []  # process CPU times at which the open budgets end


def _arm() -> None:
    if threading.current_thread() is not threading.main_thread():
        return  # signals reach only the main thread: loops check `remaining()` instead
    if not _deadlines:
        signal.setitimer(signal.ITIMER_PROF, 0)
        return
    left = min(_deadlines) - time.process_time()
    # Repeats every 50 ms once expired: an exception raised where Python swallows it
    # (a garbage-collector callback, say) does not end the budget.
    signal.setitimer(signal.ITIMER_PROF, max(left, 1e-4), 0.05)


def _expire(signum, frame) -> None:
    if _deadlines and time.process_time() >= min(_deadlines) - 1e-3:
        raise BudgetExhausted


def remaining() -> float:
    """CPU seconds left in the innermost budget (inf outside any).

    Raises:
        BudgetExhausted: none is left.
    """
    if not _deadlines:
        return math.inf
    left = min(_deadlines) - time.process_time()
    if left <= 0:
        raise BudgetExhausted
    return left


@contextlib.contextmanager
def budget(seconds: float) -> Iterator[None]:
    """Run the body with at most `seconds` of CPU time (and no more than an outer budget);
    none at all (`seconds` <= 0) runs nothing of it."""
    if seconds <= 0:
        raise BudgetExhausted
    main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGPROF, _expire) if main else None
    _deadlines.append(time.process_time() + seconds)
    try:
        _arm()
        yield
    finally:
        # A repeat of the timer can interrupt this clean-up itself: retry until it is done.
        while True:
            try:
                if _deadlines:
                    _deadlines.pop()
                _arm()
                if main:
                    signal.signal(signal.SIGPROF, previous)
                break
            except BudgetExhausted:
                continue


def _address_space() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def _cpu_of(pid: int) -> float:
    """CPU seconds (user + system) a live process has used, from /proc."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Worker:
    """A forked process that runs `target(*args)` call after call, each call within its own
    CPU time: cheaper than a fork per call (SymPy's caches stay warm), and as safe: the
    parent watches the worker's CPU time and kills it past the budget (a computation stuck
    in C code), and the next call forks a fresh worker from the parent's current state.

    `target` is captured at fork time: it sees the parent's objects as they were then, so a
    caller that changes its own state passes what changed back through the results."""

    def __init__(self, target: Callable):
        self.target = target
        self.pid = 0
        self.to_worker = self.from_worker = None

    def _start(self) -> None:
        down_r, down_w = os.pipe()
        up_r, up_w = os.pipe()
        parent = os.getpid()
        pid = os.fork()
        if pid == 0:
            end_with_parent(parent)  # a worker stuck in C code would outlive a killed parent
            # What the worker inherits (SymPy, the parser, the notes read so far) outlives
            # it: its collections need not scan that (about a tenth of its CPU time).
            gc.freeze()
            os.close(down_w)
            os.close(up_r)
            code = 0
            try:
                self._serve(os.fdopen(down_r, "rb"), os.fdopen(up_w, "wb"))
            except BaseException:
                code = 1
            os._exit(code)
        os.close(down_r)
        os.close(up_w)
        self.pid = pid
        self.to_worker = os.fdopen(down_w, "wb")
        self.from_worker = os.fdopen(up_r, "rb")

    def _serve(self, tasks, results) -> None:
        with contextlib.suppress(ValueError, OSError):
            limit = _address_space() + WORKER_MEMORY
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        while True:
            try:
                args, cpu_seconds = pickle.load(tasks)
            except EOFError:
                return
            fatal = False
            try:
                with budget(cpu_seconds):
                    payload = ("ok", self.target(*args))
            except BudgetExhausted:
                payload = ("budget", "CPU time")
            except MemoryError:
                payload, fatal = ("budget", "memory"), True
            except BaseException as e:  # reported to the parent, which decides what it means
                payload = ("error", f"{type(e).__name__}: {e}")
            try:
                data = pickle.dumps(payload)
            except Exception as e:
                data = pickle.dumps(("error", f"result not transferable: {e}"))
            results.write(len(data).to_bytes(8, "little") + data)
            results.flush()
            if fatal:
                return

    def stop(self) -> None:
        if self.pid:
            with contextlib.suppress(OSError):
                os.kill(self.pid, signal.SIGKILL)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self.pid, 0)
            for f in (self.to_worker, self.from_worker):
                with contextlib.suppress(OSError):
                    f.close()
        self.pid = 0

    def _read(self, n: int, deadline_cpu: float, start_cpu: float, stalled: float) -> bytes:
        data = b""
        fd = self.from_worker.fileno()
        while len(data) < n:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if ready:
                chunk = os.read(fd, n - len(data))
                if not chunk:
                    raise BudgetExhausted("the worker stopped (killed at a limit)")
                data += chunk
                continue
            if _cpu_of(self.pid) - start_cpu > deadline_cpu or time.monotonic() > stalled:
                raise BudgetExhausted("the worker was stopped at its CPU-time limit")
        return data

    def call(self, *args, cpu_seconds: float):
        """`target(*args)` in the worker within `cpu_seconds` of CPU time.

        Raises:
            BudgetExhausted: the call ran out of CPU time or memory, or the worker died.
            RuntimeError: `target` raised (its type and message).
        """
        if not self.pid:
            self._start()
        start = _cpu_of(self.pid)
        try:
            pickle.dump((args, cpu_seconds), self.to_worker)
            self.to_worker.flush()
            # A second over the budget: the worker's own timer ends most calls first.
            grace = cpu_seconds + 1.0
            stalled = time.monotonic() + 60 + _STALLED_FACTOR * cpu_seconds
            size = int.from_bytes(self._read(8, grace, start, stalled), "little")
            status, value = pickle.loads(self._read(size, grace, start, stalled))
        except (BudgetExhausted, OSError, EOFError, pickle.PickleError) as e:
            self.stop()
            raise BudgetExhausted(str(e) or "the worker stopped") from None
        if status == "budget":
            if value == "memory":
                self.stop()
            raise BudgetExhausted(value)
        if status == "error":
            raise RuntimeError(value)
        return value


def isolated(fn: Callable, *args, cpu_seconds: float):
    """`fn(*args)` in a worker process of its own, limited to `cpu_seconds` of CPU time.

    Raises:
        BudgetExhausted: the worker ran out of CPU time or memory, or was killed.
        RuntimeError: `fn` raised (its type and message).
    """
    worker = Worker(fn)
    try:
        return worker.call(*args, cpu_seconds=cpu_seconds)
    finally:
        worker.stop()
