"""Reading CSV files row by row, converting cells and collecting every problem with its location."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from lokalagenda.core.errors import Location, SourceDataError

T = TypeVar("T")


@dataclass
class CsvRow:
    """One data row of a CSV file, with conversions that record problems instead of raising at once."""

    path: Path
    number: int
    cells: dict[str, str]
    problems: list[tuple[Location, str]]

    def _location(self, column: str) -> Location:
        return Location(self.path, self.number, column)

    def text(self, column: str, *, required: bool = True) -> str:
        """The cell's text, stripped; a required empty cell is a problem."""
        value = (self.cells.get(column) or "").strip()
        if required and not value:
            self.problems.append((self._location(column), "is empty"))
        return value

    def convert(self, column: str, converter: Callable[[str], T], *, required: bool = True) -> T | None:
        """The cell converted by ``converter``; ``None`` for an empty optional cell or a bad value."""
        value = self.text(column, required=required)
        if not value:
            return None
        try:
            return converter(value)
        except ValueError as error:
            self.problems.append((self._location(column), f"{value!r} is not valid: {error}"))
            return None


def integer(text: str) -> int:
    """An integer, accepting the ``12345.0`` form that some exports write for whole numbers."""
    number = float(text)
    if not number.is_integer():
        raise ValueError("expected a whole number")
    return int(number)


def decimal(text: str) -> float:
    """A decimal number written with a full stop."""
    return float(text)


@dataclass
class CsvFile:
    """A CSV file with a header row, read as UTF-8; checks that the expected columns are present."""

    path: Path
    columns: tuple[str, ...]
    problems: list[tuple[Location, str]] = field(default_factory=list)

    def rows(self) -> Iterator[CsvRow]:
        """Every data row; row numbers count the header as row 1, as a spreadsheet does."""
        with self.path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [column for column in self.columns if column not in (reader.fieldnames or [])]
            if missing:
                self.problems.append((Location(self.path, 1), f"missing column(s): {', '.join(missing)}"))
                raise SourceDataError(self.problems)
            for number, cells in enumerate(reader, start=2):
                yield CsvRow(self.path, number, cells, self.problems)

    def read(self, record: Callable[[CsvRow], T | None]) -> list[T]:
        """Every row turned into a record by ``record``; raises once with all problems if any row is bad."""
        records = [item for row in self.rows() if (item := record(row)) is not None]
        if self.problems:
            raise SourceDataError(self.problems)
        return records
