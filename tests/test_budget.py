"""CPU-time budgets: they end what runs too long, leave nothing behind, and bound work
stuck in C code (in a worker process)."""

import signal
import time

import pytest

from symkl.checking.budget import BudgetExhausted, budget, isolated, remaining


def _spin(seconds: float) -> None:
    start = time.process_time()
    while time.process_time() - start < seconds:
        pass


def test_budget_ends_a_loop_and_leaves_no_timer_behind():
    before = signal.getsignal(signal.SIGPROF)
    for _ in range(20):
        with pytest.raises(BudgetExhausted), budget(0.002):
            _spin(1.0)
    assert signal.getitimer(signal.ITIMER_PROF) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGPROF) == before


def test_nested_budgets_end_at_the_earliest_deadline():
    with budget(5.0):
        with pytest.raises(BudgetExhausted), budget(0.01):
            _spin(1.0)
        assert 0 < remaining() <= 5.0
    assert remaining() == float("inf")


def test_isolated_returns_the_result():
    assert isolated(sum, [1, 2, 3], cpu_seconds=5.0) == 6


def test_isolated_stops_a_computation_stuck_in_c():
    # One huge integer power is a single C call: only the worker's CPU limit ends it.
    with pytest.raises(BudgetExhausted):
        isolated(pow, 10, 10**10, cpu_seconds=0.5)


def test_isolated_reports_the_error_of_the_work():
    with pytest.raises(RuntimeError, match="ZeroDivisionError"):
        isolated(divmod, 1, 0, cpu_seconds=5.0)


def test_isolated_bounds_memory():
    with pytest.raises(BudgetExhausted):
        isolated(bytearray, 64 * 2**30, cpu_seconds=5.0)
