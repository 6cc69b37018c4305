"""``lokalagenda backup --out FILE``: every table and uploaded file in one database-neutral file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lokalagenda.persistence.backup import BackupError, write_backup
from lokalagenda.terminal import progress_bar


class Command(BaseCommand):
    help = ("Write every table (all but the sessions) and the uploaded files its rows point to into one zip file "
            "with a manifest: migrations, and per table the row count and a checksum. `lokalagenda restore` reads "
            "it into SQLite or PostgreSQL. Never overwrites an existing file.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", required=True, type=Path, metavar="FILE", help="the backup file to write")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = write_backup(options["out"], progress=progress_bar(self, options["verbosity"]))
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(
            f"Wrote {report.path}: {report.tables} tables, {report.rows:,} rows, {report.media} uploaded files."))
        if report.missing_media:
            self.stderr.write(f"{len(report.missing_media)} file(s) that rows point to were missing under "
                              f"MEDIA_ROOT and are not in the backup: {', '.join(report.missing_media[:20])}")
