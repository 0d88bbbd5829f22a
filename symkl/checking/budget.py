"""Budgets in CPU time: one step of a check can neither hang a run nor depend on load.

## Main definitions
- `BudgetExhausted`: the CPU time (or memory) given to a computation ran out.
- `budget(seconds)`: a context in which the process may spend `seconds` of CPU time; nested
  budgets end at the earliest deadline. `remaining()` says how much is left (and raises once
  none is), for loops that check cooperatively.
- `isolated(fn, *args, cpu_seconds=...)`: `fn(*args)` in a forked worker process that is
  killed when it exceeds its CPU time or memory, so even a computation stuck inside C code
  (a huge integer power, a runaway `evalf`) ends; the result comes back by pickle.

Why CPU time: a wall-clock limit fires earlier when the machine is busy, so the same notes
got different verdicts on a loaded machine. CPU time (`ITIMER_PROF`, `RLIMIT_CPU`) counts only
this process's work. The in-process timer is cooperative (Python code is interrupted between
bytecodes); the worker's hard `RLIMIT_CPU` is the backstop that cannot be swallowed.
"""

import contextlib
import math
import os
import pickle
import resource
import select
import signal
import threading
import time
from collections.abc import Callable, Iterator

__all__ = ["BudgetExhausted", "budget", "remaining", "isolated", "WORKER_MEMORY"]

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
    """Run the body with at most `seconds` of CPU time (and no more than an outer budget)."""
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


def _child(write_fd: int, cpu_seconds: float, fn: Callable, args: tuple) -> None:
    hard = math.ceil(cpu_seconds) + 2  # the kernel ends the worker here, whatever it runs
    resource.setrlimit(resource.RLIMIT_CPU, (hard, hard + 1))
    with contextlib.suppress(ValueError, OSError):
        limit = _address_space() + WORKER_MEMORY
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        with budget(cpu_seconds):
            payload = ("ok", fn(*args))
    except BudgetExhausted:
        payload = ("budget", "CPU time")
    except MemoryError:
        payload = ("budget", "memory")
    except BaseException as e:  # reported to the parent, which decides what it means
        payload = ("error", f"{type(e).__name__}: {e}")
    try:
        data = pickle.dumps(payload)
    except Exception as e:
        data = pickle.dumps(("error", f"result not transferable: {e}"))
    with os.fdopen(write_fd, "wb") as out:
        out.write(data)


def isolated(fn: Callable, *args, cpu_seconds: float):
    """`fn(*args)` in a forked worker limited to `cpu_seconds` of CPU time.

    Raises:
        BudgetExhausted: the worker ran out of CPU time or memory, or was killed.
        RuntimeError: `fn` raised (its type and message).
    """
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the worker
        os.close(read_fd)
        code = 0
        try:
            _child(write_fd, cpu_seconds, fn, args)
        except BaseException:
            code = 1
        os._exit(code)
    os.close(write_fd)
    chunks = []
    stalled = time.monotonic() + 60 + _STALLED_FACTOR * cpu_seconds
    try:
        with os.fdopen(read_fd, "rb") as pipe:
            while True:
                ready, _, _ = select.select([pipe], [], [], 1.0)
                if ready:
                    chunk = os.read(pipe.fileno(), 1 << 20)
                    if not chunk:
                        break
                    chunks.append(chunk)
                elif time.monotonic() > stalled:
                    os.kill(pid, signal.SIGKILL)
                    break
    finally:
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)
    if not chunks:
        raise BudgetExhausted("the worker was stopped at its CPU-time or memory limit")
    status, value = pickle.loads(b"".join(chunks))
    if status == "budget":
        raise BudgetExhausted(value)
    if status == "error":
        raise RuntimeError(value)
    return value
