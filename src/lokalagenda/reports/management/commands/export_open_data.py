"""``lokalagenda export-open-data --out DIR``: the open data files and their ``datapackage.json``."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lokalagenda.reports.opendata.datasets import DATASETS, OpenDataset
from lokalagenda.reports.opendata.package import WrittenFile, datapackage


def write_file(dataset: OpenDataset, folder: Path) -> WrittenFile:
    """Write one dataset chunk by chunk into ``folder``; returns its size and SHA-256."""
    digest = hashlib.sha256()
    size = 0
    with (folder / dataset.filename).open("wb") as out:
        for chunk in dataset.write():
            out.write(chunk)
            digest.update(chunk)
            size += len(chunk)
    return WrittenFile(size, digest.hexdigest())


class Command(BaseCommand):
    help = ("Writes every published observation and the results of the latest complete measurement run as CSV "
            "and JSON-stat 2.0, with a Frictionless datapackage.json naming licences and sources.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", required=True, help="The folder to write into (created if missing).")

    def handle(self, *args: Any, **options: Any) -> None:
        folder = Path(options["out"])
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise CommandError(f"Cannot create the folder {folder}: {error.strerror}.") from error
        if not folder.is_dir():
            raise CommandError(f"{folder} is not a folder.")
        written = {}
        for filename, dataset in DATASETS.items():
            written[filename] = write_file(dataset, folder)
            if options["verbosity"] >= 2:
                self.stdout.write(f"{filename}: {written[filename].bytes:,} bytes")
        descriptor = datapackage(written)
        (folder / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n",
                                                 encoding="utf-8")
        if options["verbosity"] >= 1:
            total = sum(file.bytes for file in written.values())
            self.stdout.write(self.style.SUCCESS(
                f"Wrote {len(written)} files ({total:,} bytes) and datapackage.json to {folder}."))
