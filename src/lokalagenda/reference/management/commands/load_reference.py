"""``lokalagenda load-reference``: load the SDG framework, kommuner and fylker from the data directory."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from lokalagenda.core.datadir import DataDirectory
from lokalagenda.core.errors import DataDirectoryError, SourceDataError
from lokalagenda.reference.services import load_reference
from lokalagenda.terminal import progress_bar


class Command(BaseCommand):
    help = (
        "Load the 17 goals, 169 targets and global indicators, all 357 kommuner and 15 fylker with population, "
        "code history and boundaries. Idempotent: a second run changes nothing and says so."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--data-dir", type=Path, help="the data bundle folder (default: LOKALAGENDA_DATA_DIR)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            data = self._data_directory(options["data_dir"])
            reports = load_reference(data, progress=progress_bar(self, options["verbosity"]))
        except (DataDirectoryError, SourceDataError) as error:
            raise CommandError(str(error)) from error
        for report in reports:
            self.stdout.write(report.summary())
            if options["verbosity"] >= 2:
                for line in report.changes + [f"{report.label} {key}: not in the source (kept)"
                                              for key in report.not_in_source]:
                    self.stdout.write(f"  {line}")
        if any(report.changed for report in reports):
            self.stdout.write(self.style.SUCCESS("Reference data loaded."))
        else:
            self.stdout.write(self.style.SUCCESS("Reference data already up to date: nothing changed."))

    def _data_directory(self, option: Path | None) -> DataDirectory:
        if option is not None:
            return DataDirectory(option)
        if settings.LOKALAGENDA_DATA_DIR:
            return DataDirectory(Path(settings.LOKALAGENDA_DATA_DIR))
        return DataDirectory.from_environment()
