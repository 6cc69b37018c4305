"""``lokalagenda restore FILE [--replace]``: read a backup into a migrated database, all or nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lokalagenda.persistence.backup import BackupError, restore_backup
from lokalagenda.terminal import progress_bar


class Command(BaseCommand):
    help = ("Restore a file made by `lokalagenda backup` into a migrated, empty database (SQLite or PostgreSQL) "
            "with the same migrations, in one transaction: the rows are checked against the backup's row counts "
            "and checksums before anything is kept. --replace deletes the database's rows first.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, metavar="FILE", help="a file made by `lokalagenda backup`")
        parser.add_argument("--replace", action="store_true",
                            help="delete every row the database holds before restoring (in the same transaction)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = restore_backup(options["file"], replace=options["replace"],
                                    progress=progress_bar(self, options["verbosity"]))
        except BackupError as error:
            raise CommandError(str(error)) from error
        replaced = f" (replacing {', '.join(report.replaced)})" if report.replaced else ""
        self.stdout.write(self.style.SUCCESS(
            f"Restored {report.path}{replaced}: {report.tables} tables, {report.rows:,} rows, {report.media} "
            "uploaded files; every table's row count and checksum match the backup."))
