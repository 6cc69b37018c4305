"""Progress for management commands: a bar on stderr when it is a terminal, one line per step at ``-v 2``."""

from __future__ import annotations

from typing import Any

from lokalagenda.core.progress import Progress

WIDTH = 30


def progress_bar(command: Any, verbosity: int) -> Progress:
    """A :class:`~lokalagenda.core.progress.Progress` callback that reports through ``command``'s streams."""

    def report(done: int, total: int, message: str) -> None:
        if verbosity >= 2:
            command.stdout.write(f"[{done}/{total}] {message}")
        elif verbosity >= 1 and command.stderr.isatty():
            filled = WIDTH * done // max(total, 1)
            command.stderr.write(f"\r[{'#' * filled}{'.' * (WIDTH - filled)}] {message[:60]:<60}", ending="")
            if done >= total:
                command.stderr.write("")

    return report
