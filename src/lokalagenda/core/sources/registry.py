"""The registry of readers: each input format registers one reader class, and ``reader_for`` picks one.

A reader turns a file into the tidy observation table (see :mod:`lokalagenda.core.observations`). Readers
never raise on bad input: they return the problems they found in the :class:`ReadResult`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar, Protocol, TypeVar

from lokalagenda.core.errors import LokalagendaError
from lokalagenda.core.observations import ReadResult
from lokalagenda.core.progress import Progress, null_progress


class UnknownFormat(LokalagendaError):
    """No registered reader takes this file or format name."""


@dataclass(frozen=True)
class ReadOptions:
    """What the user tells a reader on top of the file itself."""

    #: The indicator every row belongs to, for formats that do not name one (a CSV without an indicator column,
    #: an Open SDG file, a JSON-stat dataset with a single content).
    indicator: str | None = None
    #: For JSON-stat and SDMX: which content code (or series) becomes which catalogue indicator.
    indicator_by_code: dict[str, str] | None = None
    #: The unit when the file does not state one.
    unit: str | None = None
    #: The worksheet of an Excel file (default: the first).
    sheet: str | None = None


class Reader(Protocol):
    """Reads one format. ``sniff`` looks at the first bytes; ``read`` returns the tidy table and problems."""

    format: ClassVar[str]
    suffixes: ClassVar[tuple[str, ...]]

    def sniff(self, path: Path, head: bytes) -> bool: ...

    def read(self, path: Path, options: ReadOptions, progress: Progress = null_progress) -> ReadResult: ...


_READERS: dict[str, type[Reader]] = {}
R = TypeVar("R", bound=type)


def register(cls: R) -> R:
    """Class decorator: make a reader available under its ``format`` name."""
    _READERS[cls.format] = cls  # type: ignore[attr-defined]
    return cls


def formats() -> list[str]:
    """The registered format names."""
    _load_builtin_readers()
    return sorted(_READERS)


def reader_for(path: Path, format: str = "auto") -> Reader:
    """The reader for ``format``, or with ``"auto"`` the first whose suffix and sniffing accept the file."""
    _load_builtin_readers()
    if format != "auto":
        if format not in _READERS:
            raise UnknownFormat(f"unknown format {format!r}; choose one of: auto, {', '.join(sorted(_READERS))}")
        return _READERS[format]()
    with path.open("rb") as handle:
        head = handle.read(64 * 1024)
    candidates = [cls() for cls in _READERS.values() if path.suffix.lower() in cls.suffixes]
    for reader in candidates:
        if reader.sniff(path, head):
            return reader
    raise UnknownFormat(
        f"{path}: cannot tell the format from the file (its name or its first bytes fit no reader); name its "
        f"format: one of {', '.join(sorted(_READERS))}"
    )


def _load_builtin_readers() -> None:
    # Importing the reader modules registers them; done lazily so the registry has no import cycle.
    import importlib

    # Open SDG before the generic CSV reader: both take .csv, and the Open SDG sniff is the stricter one.
    for module in ("open_sdg", "csv_table", "jsonstat", "excel", "sdmx"):
        try:
            importlib.import_module(f"lokalagenda.core.sources.{module}")
        except ModuleNotFoundError as error:
            if error.name != f"lokalagenda.core.sources.{module}":
                raise
