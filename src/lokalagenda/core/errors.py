"""Domain exceptions raised by the core. The edges (CLI, views, tasks) translate them for people."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class LokalagendaError(Exception):
    """Base class of every error the core raises on purpose."""


class InvalidCode(LokalagendaError, ValueError):
    """A code (SDG goal, target, indicator, kommunenummer, fylkesnummer) that does not have the right form."""


class DataDirectoryError(LokalagendaError):
    """The configured data directory is missing or lacks a file the platform needs."""


@dataclass(frozen=True)
class Location:
    """Where in a source file a problem was found. Rows count as a spreadsheet shows them (header = row 1)."""

    file: Path
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        parts = [str(self.file)]
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column is not None:
            parts.append(f"column {self.column!r}")
        return ", ".join(parts)


class SourceDataError(LokalagendaError):
    """A source file holds a value that cannot be read. Carries every problem found, each with its location."""

    def __init__(self, problems: list[tuple[Location, str]]) -> None:
        self.problems = problems
        lines = [f"{location}: {message}" for location, message in problems[:20]]
        if len(problems) > 20:
            lines.append(f"... and {len(problems) - 20} more problems")
        super().__init__("\n".join(lines))

    def __reduce__(self) -> tuple[type, tuple[list[tuple[Location, str]]]]:
        """Pickled with its problems, so it crosses from a child process (``core.bounded``) unchanged."""
        return (type(self), (self.problems,))
