"""``lokalagenda load-network --file FILE``: load a network's membership list, all or nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lokalagenda.places.networks.loading import NetworkLoadFailed, load_network_file


class Command(BaseCommand):
    help = (
        "Load members of networks of kommuner and fylkeskommuner from a CSV file with the columns network (name "
        "or short name), number (kommunenummer or fylkesnummer), joined (year, may be empty) and optionally left. "
        "All or nothing: every problem is reported as file:row:column: message and nothing is stored. Members "
        "already stored with the same years are kept; different years are reported, never overwritten."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--file", type=Path, required=True, help="the CSV file (comma or semicolon separated)")
        parser.add_argument("--create", action="store_true",
                            help="create networks the file names that do not exist yet (as national networks)")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        try:
            report = load_network_file(path, create=options["create"])
        except NetworkLoadFailed as error:
            raise CommandError(str(error)) from error
        for name in report.created_networks:
            self.stdout.write(f"Created the network {name!r}.")
        self.stdout.write(self.style.SUCCESS(
            f"{path.name}: {report.added} member(s) added, {report.unchanged} already stored."))
