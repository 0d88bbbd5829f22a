"""Worker processes that end with their parent.

## Main definitions
- `end_with_parent(parent)`: called first thing in a forked worker: the kernel kills the
  worker when `parent` dies, even by SIGKILL.

Why: a worker blocked on its task queue (or stuck in C code) never learns that a killed
parent is gone: `symkl report` killed with SIGKILL left its pool workers (120-150 MB each)
blocked forever, since each worker also holds the write end of the queue it waits on.
Linux only (`prctl(PR_SET_PDEATHSIG)`); elsewhere this does nothing.
"""

import contextlib
import ctypes
import os
import signal
import sys

__all__ = ["end_with_parent"]

_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def end_with_parent(parent: int) -> None:
    """Have this process killed (SIGKILL) when process `parent` dies; exit at once if it
    died already (between the fork and this call)."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:
        os._exit(1)
