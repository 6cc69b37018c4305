"""Loading a network's membership list from a CSV file: all or nothing, every problem with file:row:column.

The file has a header row with the columns ``network`` (the network's name or slug), ``number`` (kommunenummer
or fylkesnummer) and ``joined`` (the year it joined, may be empty); ``left`` is optional. Commas or semicolons
separate the values. Rows count as a spreadsheet shows them: the header is row 1.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.text import slugify

from lokalagenda.accounts.services import audit, snapshot
from lokalagenda.core.errors import InvalidCode
from lokalagenda.core.geography import FylkeNumber, place_number
from lokalagenda.core.observations import Problem, ProblemsFound
from lokalagenda.places.models import CodeChange, Fylke, Kommune, Network, NetworkMembership
from lokalagenda.places.networks.services import MEMBERSHIP_FIELDS
from lokalagenda.places.place import member_lookup

REQUIRED = ("network", "number", "joined")
OPTIONAL = ("left",)
FIRST_YEAR, LAST_YEAR = 1900, 2100


class NetworkLoadFailed(ProblemsFound):
    """The file has problems; nothing was stored."""


@dataclass(frozen=True)
class MemberRow:
    row: int
    network: str
    number: str
    joined: int | None
    left: int | None


@dataclass
class LoadReport:
    created_networks: list[str] = field(default_factory=list)
    added: int = 0
    unchanged: int = 0


def read_rows(path: Path) -> tuple[list[MemberRow], list[Problem]]:
    """The rows of the file and every problem of form (missing columns, bad numbers and years)."""
    text = path.read_text(encoding="utf-8-sig")
    first = text.splitlines()[0] if text.strip() else ""
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.DictReader(text.splitlines(), delimiter=delimiter)
    header = [name.strip().lower() for name in reader.fieldnames or []]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        return [], [Problem(path.name, 1, None, f"missing column(s): {', '.join(missing)} "
                                                f"(expected: {', '.join(REQUIRED + OPTIONAL)})")]
    reader.fieldnames = header
    rows: list[MemberRow] = []
    problems: list[Problem] = []
    for number, raw in enumerate(reader, start=2):
        values = {key: (value or "").strip() for key, value in raw.items() if key is not None}
        row_problems = _check_form(path.name, number, values)
        problems += row_problems
        if not row_problems:
            rows.append(MemberRow(number, values["network"], values["number"], _year(values.get("joined")),
                                  _year(values.get("left"))))
    if not rows and not problems:
        problems.append(Problem(path.name, None, None, "the file has no rows"))
    return rows, problems


def _year(text: str | None) -> int | None:
    return int(text) if text else None


def _check_form(file: str, row: int, values: dict[str, str]) -> list[Problem]:
    problems = []
    if not values.get("network"):
        problems.append(Problem(file, row, "network", "is empty; give the network's name or short name"))
    number = values.get("number", "")
    try:
        place_number(number)
    except InvalidCode:
        problems.append(Problem(file, row, "number",
                                f"{number!r} is not a kommunenummer (4 digits) or fylkesnummer (2 digits)"))
    for column in ("joined", "left"):
        text = values.get(column, "")
        if text and not (text.isdigit() and FIRST_YEAR <= int(text) <= LAST_YEAR):
            problems.append(Problem(file, row, column, f"{text!r} is not a year ({FIRST_YEAR}–{LAST_YEAR})"))
    joined, left = values.get("joined", ""), values.get("left", "")
    if joined.isdigit() and left.isdigit() and int(left) < int(joined):
        problems.append(Problem(file, row, "left", f"{left} is before the year it joined ({joined})"))
    return problems


def _member_problem(file: str, row: MemberRow) -> Problem | None:
    """A problem if the number names no kommune or fylke of today's structure."""
    if isinstance(place_number(row.number), FylkeNumber):
        exists = Fylke.objects.filter(number=row.number).exists()
        return None if exists else Problem(file, row.row, "number", f"{row.number} is not a fylke")
    if Kommune.objects.filter(number=row.number).exists():
        return None
    successors = sorted(set(CodeChange.objects.filter(old_code=row.number).values_list("kommune_id", flat=True)))
    if successors:
        return Problem(file, row.row, "number", f"{row.number} is an earlier kommunenummer; today it is part of "
                                                f"{', '.join(successors)}")
    return Problem(file, row.row, "number", f"{row.number} is not a kommune")


def _find_networks(rows: list[MemberRow]) -> dict[str, Network]:
    wanted = {row.network for row in rows}
    found: dict[str, Network] = {}
    for network in Network.objects.all():
        for key in (network.name, network.slug):
            if key in wanted:
                found[key] = network
    return found


def _existing(network: Network | None, number: str) -> NetworkMembership | None:
    if network is None:
        return None
    return network.memberships.filter(**member_lookup(number)).first()


def check_rows(file: str, rows: list[MemberRow], *, create: bool) -> list[Problem]:
    """Problems that need the database: unknown networks and places, repeats, conflicts with stored rows."""
    networks = _find_networks(rows)
    problems: list[Problem] = []
    seen: dict[tuple[str, str], int] = {}
    for row in rows:
        network = networks.get(row.network)
        if network is None and not create:
            problems.append(Problem(file, row.row, "network", f"no network named {row.network!r}; a national "
                                                              "editor creates it first (or use --create)"))
        member = _member_problem(file, row)
        if member is not None:
            problems.append(member)
        key = (network.slug if network else row.network, row.number)
        if key in seen:
            problems.append(Problem(file, row.row, "number", f"{row.number} is listed twice (also row {seen[key]})"))
        seen.setdefault(key, row.row)
        stored = _existing(network, row.number)
        if stored is not None and (stored.joined_year, stored.left_year) != (row.joined, row.left):
            problems.append(Problem(file, row.row, "joined", f"{row.number} is already a member (joined "
                                    f"{stored.joined_year or '?'}, left {stored.left_year or '–'}); change it on "
                                    "the network's page, it is not overwritten"))
    return problems


def load_network_file(path: Path, *, create: bool = False, user: Any = None) -> LoadReport:
    """Load memberships from a file, all or nothing. Raises NetworkLoadFailed with every problem."""
    rows, problems = read_rows(path)
    problems += check_rows(path.name, rows, create=create)
    if problems:
        problems.sort(key=lambda problem: problem.row or 0)
        raise NetworkLoadFailed(problems)
    return _store(rows, user)


@transaction.atomic
def _store(rows: list[MemberRow], user: Any) -> LoadReport:
    report = LoadReport()
    networks = _find_networks(rows)
    for row in rows:
        network = networks.get(row.network)
        if network is None:
            network = Network.objects.create(name=row.network, slug=slugify(row.network)[:100])
            audit(user, "create", network, None, snapshot(network, ["name", "slug", "kind"]))
            networks[row.network] = network
            report.created_networks.append(network.name)
        if _existing(network, row.number) is not None:
            report.unchanged += 1
            continue
        membership = NetworkMembership.objects.create(network=network, joined_year=row.joined,
                                                      left_year=row.left, **member_lookup(row.number))
        audit(user, "create", membership, None, snapshot(membership, MEMBERSHIP_FIELDS))
        report.added += 1
    return report
