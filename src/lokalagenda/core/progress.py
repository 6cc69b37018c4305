"""The progress callback protocol that long-running core functions accept."""

from __future__ import annotations

from typing import Protocol


class Progress(Protocol):
    """Called as work proceeds: ``done`` of ``total`` steps, with a short message."""

    def __call__(self, done: int, total: int, message: str) -> None: ...


def null_progress(done: int, total: int, message: str) -> None:
    """A progress callback that ignores every report."""
