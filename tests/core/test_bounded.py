"""Parsing an untrusted file runs in a child process that is stopped when it goes over its budget."""

from __future__ import annotations

import mmap
import pickle
import time

import pytest

from lokalagenda.core.bounded import MEGABYTE, Budget, BudgetExceeded, run_bounded
from lokalagenda.core.errors import Location, SourceDataError


def _square(x: int) -> int:
    return x * x


def _allocate(megabytes: int) -> int:
    return len(bytearray(megabytes * MEGABYTE))


def _spin(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def _sleep(seconds: float) -> None:
    time.sleep(seconds)


def _refuse() -> None:
    raise SourceDataError([(Location("values.csv", 3, "value"), "not a number")])


class _Odd(Exception):
    def __init__(self, a: int, b: int) -> None:
        super().__init__(f"{a}/{b}")


def _odd() -> None:
    raise _Odd(1, 2)


def test_the_result_comes_back() -> None:
    assert run_bounded(_square, 12) == 144


def test_memory_over_the_budget_stops_only_the_child() -> None:
    with pytest.raises(BudgetExceeded) as raised:
        run_bounded(_allocate, 600, budget=Budget(memory_bytes=200 * MEGABYTE))
    assert raised.value.limit == "memory"
    assert run_bounded(_allocate, 50, budget=Budget(memory_bytes=200 * MEGABYTE)) == 50 * MEGABYTE


def test_cpu_over_the_budget_stops_the_child() -> None:
    with pytest.raises(BudgetExceeded) as raised:
        run_bounded(_spin, 30, budget=Budget(cpu_seconds=1, wall_seconds=20))
    assert raised.value.limit == "cpu"


def test_wall_time_over_the_budget_stops_the_child() -> None:
    with pytest.raises(BudgetExceeded) as raised:
        run_bounded(_sleep, 30, budget=Budget(wall_seconds=0.5))
    assert raised.value.limit == "time"


def test_the_function_s_own_errors_come_back_with_their_details() -> None:
    with pytest.raises(SourceDataError) as raised:
        run_bounded(_refuse)
    assert raised.value.problems == [(Location("values.csv", 3, "value"), "not a number")]


def test_an_error_that_cannot_be_pickled_comes_back_as_its_text() -> None:
    with pytest.raises(Exception, match="_Odd: 1/2"):
        run_bounded(_odd)


def test_budget_exceeded_survives_pickling() -> None:
    error = pickle.loads(pickle.dumps(BudgetExceeded("cpu", "too long")))
    assert (error.limit, error.message, str(error)) == ("cpu", "too long", "too long")


def _map(megabytes: int) -> int:
    with mmap.mmap(-1, megabytes * MEGABYTE) as mapped:
        return len(mapped)


def test_an_allocation_the_system_refuses_counts_as_memory_over_the_budget() -> None:
    """Libraries that map memory themselves (mmap, numpy, thread stacks) get ENOMEM as an OSError, not a
    MemoryError; it is the same limit."""
    with pytest.raises(BudgetExceeded) as raised:
        run_bounded(_map, 600, budget=Budget(memory_bytes=200 * MEGABYTE))
    assert raised.value.limit == "memory"
