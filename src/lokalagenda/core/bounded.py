"""Run the parsing of an untrusted file in a child process with a memory and CPU budget.

A crafted upload can make a well-behaved library spend minutes of CPU (a PDF page whose content stream decompresses
to megabytes of text operators) or gigabytes of memory (a workbook padded with whitespace). Checking sizes first
(:mod:`lokalagenda.core.archives`) stops the known tricks; this module bounds the unknown ones. The function runs in
a forked child whose address space and CPU time are capped with ``setrlimit``; when it goes over, only the child
dies and the caller gets a :class:`BudgetExceeded` that says which limit was hit. The function's own exceptions
come back to the caller unchanged (they must be picklable, as the core's are).

Used by the background tasks that read uploads (indicator files, plan documents) and, with a small budget, by the
check of a practice's PDF attachment for active content, which walks the document's objects without decoding them.
Forking costs milliseconds; parsing stays out of web requests wherever it can cost more than that.
"""

from __future__ import annotations

import errno
import multiprocessing
import os
import pickle
import resource
import signal
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any, TypeVar

from lokalagenda.core.errors import LokalagendaError

T = TypeVar("T")
MEGABYTE = 1024 * 1024


@dataclass(frozen=True)
class Budget:
    """What one parse may use: memory on top of what the process already holds, CPU seconds and wall time."""

    memory_bytes: int = 1024 * MEGABYTE
    cpu_seconds: int = 60
    wall_seconds: float = 120.0


class BudgetExceeded(LokalagendaError):
    """The child process went over its memory, CPU or wall-time budget, or died without an answer."""

    def __init__(self, limit: str, message: str) -> None:
        self.limit = limit
        self.message = message
        super().__init__(message)

    def __reduce__(self) -> tuple[type, tuple[str, str]]:
        return (type(self), (self.limit, self.message))


def run_bounded(function: Callable[..., T], *args: Any, budget: Budget = Budget()) -> T:
    """``function(*args)`` computed in a child process within ``budget``; its result or its exception.

    Raises :class:`BudgetExceeded` when the child runs out of memory, CPU time or wall time.
    """
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(sender, function, args, budget), daemon=True)
    child.start()
    sender.close()
    try:
        answer = _receive(receiver, child, budget)
    finally:
        receiver.close()
        if child.is_alive():
            child.kill()
        child.join()
    ok, payload = answer
    if ok:
        return payload  # type: ignore[no-any-return]
    raise payload


def _receive(receiver: Connection, child: Any, budget: Budget) -> tuple[bool, Any]:
    if not receiver.poll(budget.wall_seconds):
        child.kill()
        raise BudgetExceeded("time", f"reading the file took longer than {budget.wall_seconds:.0f} seconds")
    try:
        return pickle.loads(receiver.recv_bytes())  # type: ignore[no-any-return]
    except EOFError:
        child.join()
        raise _death(child.exitcode, budget) from None


def _death(exitcode: int | None, budget: Budget) -> BudgetExceeded:
    if exitcode in (-signal.SIGXCPU, -signal.SIGKILL):
        return BudgetExceeded("cpu", f"reading the file needed more than {budget.cpu_seconds} seconds of computing")
    return BudgetExceeded("memory", f"reading the file stopped unexpectedly (exit code {exitcode}); it may need "
                                    f"more than {budget.memory_bytes // MEGABYTE:,} MB of memory")


def _child(sender: Connection, function: Callable[..., Any], args: tuple[Any, ...], budget: Budget) -> None:
    try:
        _limit(budget)
        answer: tuple[bool, Any] = (True, function(*args))
    except MemoryError:
        answer = (False, _over_memory(budget))
    except OSError as error:  # memory that a library maps itself is refused as ENOMEM: the same limit
        answer = (False, _over_memory(budget) if error.errno == errno.ENOMEM else error)
    except BaseException as error:  # every failure goes back to the caller, which decides what it means
        answer = (False, error)
    sender.send_bytes(_pickled(answer))
    sender.close()


def _over_memory(budget: Budget) -> BudgetExceeded:
    return BudgetExceeded("memory", f"reading the file needed more than {budget.memory_bytes // MEGABYTE:,} MB "
                                    "of memory")


def _pickled(answer: tuple[bool, Any]) -> bytes:
    """The answer as bytes; an exception that cannot be pickled (or unpickled) is sent as its text."""
    try:
        data = pickle.dumps(answer)
        pickle.loads(data)
        return data
    except Exception:  # a third-party exception with an unusual constructor
        ok, payload = answer
        return pickle.dumps((False, LokalagendaError(f"{type(payload).__name__}: {payload}")))


def _limit(budget: Budget) -> None:
    """Cap this (child) process: address space = what it holds now + the budget; CPU seconds, then SIGKILL."""
    resource.setrlimit(resource.RLIMIT_CPU, (budget.cpu_seconds, budget.cpu_seconds + 1))
    held = _address_space()
    if held is not None:
        cap = held + budget.memory_bytes
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))


def _address_space() -> int | None:
    """The process's current virtual memory size in bytes (Linux), or None where it cannot be read."""
    try:
        with open(f"/proc/{os.getpid()}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None
