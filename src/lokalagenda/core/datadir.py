"""The data directory: where the reference bundle and municipal statistics are read from.

Its location comes from the ``LOKALAGENDA_DATA_DIR`` environment variable; the Makefile points it at the
shared bundle beside the project. A missing directory or file is reported in one sentence that says what is
missing and how to point to the right place.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from lokalagenda.core.errors import DataDirectoryError

ENVIRONMENT_VARIABLE = "LOKALAGENDA_DATA_DIR"


@dataclass(frozen=True)
class DataDirectory:
    """A directory holding the Lokalagenda data bundle (``sdg/``, ``norway/``, ``indicators/`` …)."""

    root: Path

    @classmethod
    def from_environment(cls, environ: dict[str, str] | None = None) -> DataDirectory:
        """The directory named by ``LOKALAGENDA_DATA_DIR``; raises when the variable is unset."""
        value = (os.environ if environ is None else environ).get(ENVIRONMENT_VARIABLE, "").strip()
        if not value:
            raise DataDirectoryError(
                f"No data directory is configured: set {ENVIRONMENT_VARIABLE} to the folder that holds the "
                "Lokalagenda data bundle (the one with sdg/ and norway/ in it), e.g. "
                f"{ENVIRONMENT_VARIABLE}=../shared/data."
            )
        return cls(Path(value).expanduser())

    def file(self, relative: str) -> Path:
        """The path of ``relative`` inside the directory; raises a clear error when it is not there."""
        if not self.root.is_dir():
            raise DataDirectoryError(
                f"The data directory {self.root} does not exist: set {ENVIRONMENT_VARIABLE} to the folder "
                "that holds the Lokalagenda data bundle (the one with sdg/ and norway/ in it)."
            )
        path = self.root / relative
        if not path.is_file():
            raise DataDirectoryError(
                f"The data directory {self.root} has no {relative}: set {ENVIRONMENT_VARIABLE} to the folder "
                "that holds the complete Lokalagenda data bundle (the one with sdg/ and norway/ in it)."
            )
        return path
