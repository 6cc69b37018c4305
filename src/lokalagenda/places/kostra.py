"""KOSTRA groups (SSB Klass 112) of kommuner: loading a Klass correspondence, all or nothing, and named reads.

A correspondence is read by :mod:`lokalagenda.core.sources.klass` (from a saved file or live). Loading checks every
kommunenummer against today's kommuner and every assignment against what is stored for the same version (the
kommune and the date the grouping applies from): a different group for the same version is an error unless
``replace`` is given, and then every change is reported. Nothing is written when there is a problem.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from django.db import transaction

from lokalagenda.accounts.services import audit, snapshot
from lokalagenda.core.errors import Location, SourceDataError
from lokalagenda.core.sources.klass import GroupAssignment, KostraCorrespondence
from lokalagenda.places.models import CodeChange, Kommune, KostraGroup, KostraGroupMembership

MEMBERSHIP_FIELDS = ["kommune", "group", "valid_from", "valid_to", "source"]


class KostraLoadFailed(SourceDataError):
    """The correspondence names unknown kommuner or contradicts stored memberships; nothing was stored."""

    def __init__(self, problems: list[tuple[Location, str]]) -> None:
        super().__init__(problems)
        self.args = (f"{len(problems)} problem(s); nothing was loaded.\n{self.args[0]}",)


@dataclass(frozen=True)
class Change:
    """A stored assignment that a load changed: the kommune, the version and the group before and after."""

    kommune: str
    valid_from: date
    before: str
    after: str

    def __str__(self) -> str:
        return f"{self.kommune} from {self.valid_from.isoformat()}: {self.before} → {self.after}"


@dataclass
class KostraLoadReport:
    groups_added: list[str] = field(default_factory=list)
    groups_renamed: list[tuple[str, str, str]] = field(default_factory=list)
    added: int = 0
    unchanged: int = 0
    changed: list[Change] = field(default_factory=list)


def load_kostra_groups(correspondence: KostraCorrespondence, *, file: Path, source: str, replace: bool = False,
                       user: Any = None) -> KostraLoadReport:
    """Store the correspondence's groups and memberships, all or nothing.

    ``file`` names the input in problems; ``source`` (a Klass address or file path) is kept with each membership.
    Raises :class:`KostraLoadFailed` with every problem.
    """
    stored = _stored(correspondence.assignments)
    problems = _unknown_kommuner(correspondence, file)
    if not replace:
        problems += _conflicts(correspondence, stored, file)
    if problems:
        raise KostraLoadFailed(problems)
    return _store(correspondence, stored, source, user)


def _stored(assignments: tuple[GroupAssignment, ...]) -> dict[tuple[str, date], KostraGroupMembership]:
    kommuner = {row.kommune.code for row in assignments}
    return {(row.kommune_id, row.valid_from): row
            for row in KostraGroupMembership.objects.filter(kommune_id__in=kommuner)}


def _unknown_kommuner(correspondence: KostraCorrespondence, file: Path) -> list[tuple[Location, str]]:
    numbers = {row.kommune.code for row in correspondence.assignments}
    known = set(Kommune.objects.filter(number__in=numbers).values_list("number", flat=True))
    successors: dict[str, set[str]] = {}
    for old, new in CodeChange.objects.filter(old_code__in=numbers - known).values_list("old_code", "kommune_id"):
        successors.setdefault(old, set()).add(new)
    column = f"{correspondence.kommune_side}Code"
    problems = []
    for row in correspondence.assignments:
        number = row.kommune.code
        if number in known:
            continue
        message = (f"{number} is an earlier kommunenummer; today it is part of {', '.join(sorted(successors[number]))}"
                   if number in successors else f"{number} is not a kommune of today's structure")
        problems.append((Location(file, row.item, column), message))
    return problems


def _conflicts(correspondence: KostraCorrespondence, stored: dict[tuple[str, date], KostraGroupMembership],
               file: Path) -> list[tuple[Location, str]]:
    """Assignments that contradict a stored one for the same kommune and version (a later end date is news, not a
    contradiction: it closes the version)."""
    problems = []
    for row in correspondence.assignments:
        existing = stored.get((row.kommune.code, row.valid_from))
        if existing is None:
            continue
        if existing.group_id != row.group_code:
            problems.append((Location(file, row.item, f"{_group_side(correspondence)}Code"),
                             f"{row.kommune.code} is stored in {existing.group_id} from "
                             f"{row.valid_from.isoformat()}, not {row.group_code}; use --replace to change it"))
        elif existing.valid_to is not None and existing.valid_to != row.valid_to:
            problems.append((Location(file, row.item, "validTo"),
                             f"{row.kommune.code} in {row.group_code} is stored as ending "
                             f"{existing.valid_to.isoformat()}, not {_day(row.valid_to)}; use --replace to change it"))
    return problems


def _group_side(correspondence: KostraCorrespondence) -> str:
    return "target" if correspondence.kommune_side == "source" else "source"


def _day(value: date | None) -> str:
    return value.isoformat() if value else "open-ended"


@transaction.atomic
def _store(correspondence: KostraCorrespondence, stored: dict[tuple[str, date], KostraGroupMembership],
           source: str, user: Any) -> KostraLoadReport:
    report = KostraLoadReport()
    _store_groups(correspondence.groups(), report, user)
    for row in correspondence.assignments:
        existing = stored.get((row.kommune.code, row.valid_from))
        if existing is None:
            membership = KostraGroupMembership.objects.create(
                kommune_id=row.kommune.code, group_id=row.group_code, valid_from=row.valid_from,
                valid_to=row.valid_to, source=source[:500])
            audit(user, "create", membership, None, snapshot(membership, MEMBERSHIP_FIELDS))
            report.added += 1
        elif (existing.group_id, existing.valid_to) == (row.group_code, row.valid_to):
            report.unchanged += 1
        else:
            _update(existing, row, source, report, user)
    return report


def _store_groups(groups: dict[str, str], report: KostraLoadReport, user: Any) -> None:
    existing = KostraGroup.objects.in_bulk(list(groups))
    for code, name in sorted(groups.items()):
        group = existing.get(code)
        if group is None:
            group = KostraGroup.objects.create(code=code, name=name)
            audit(user, "create", group, None, snapshot(group))
            report.groups_added.append(code)
        elif group.name != name:
            before = snapshot(group)
            report.groups_renamed.append((code, group.name, name))
            group.name = name
            group.save(update_fields=["name"])
            audit(user, "update", group, before, snapshot(group))


def _update(existing: KostraGroupMembership, row: GroupAssignment, source: str, report: KostraLoadReport,
            user: Any) -> None:
    before = snapshot(existing, MEMBERSHIP_FIELDS)
    report.changed.append(Change(row.kommune.code, row.valid_from,
                                 f"{existing.group_id} until {_day(existing.valid_to)}",
                                 f"{row.group_code} until {_day(row.valid_to)}"))
    existing.group_id, existing.valid_to, existing.source = row.group_code, row.valid_to, source[:500]
    existing.save(update_fields=["group", "valid_to", "source", "loaded_at"])
    audit(user, "update", existing, before, snapshot(existing, MEMBERSHIP_FIELDS))


def _in_force(membership: KostraGroupMembership, year: int) -> bool:
    """Whether the membership holds at some time during ``year``."""
    starts = membership.valid_from <= date(year, 12, 31)
    return starts and (membership.valid_to is None or membership.valid_to > date(year, 1, 1))


def _distance(membership: KostraGroupMembership, year: int) -> int:
    """0 when in force in ``year``, else how many years away the version is."""
    if _in_force(membership, year):
        return 0
    if membership.valid_from.year > year:
        return membership.valid_from.year - year
    return year - (membership.valid_to or membership.valid_from).year


def kostra_groups_as_of(year: int) -> dict[str, KostraGroupMembership]:
    """Each kommune's KOSTRA group membership for ``year`` (with its group), by kommunenummer.

    The version in force during the year wins (the latest starting one if several are); a kommune with no version
    in force gets the nearest one loaded, since groups are loaded for today's kommunenummer and older versions
    would name kommuner that no longer exist. Kommuner with no membership at all are left out.
    """
    chosen: dict[str, KostraGroupMembership] = {}
    for membership in KostraGroupMembership.objects.select_related("group"):
        current = chosen.get(membership.kommune_id)
        key = (_distance(membership, year), -membership.valid_from.toordinal())
        if current is None or key < (_distance(current, year), -current.valid_from.toordinal()):
            chosen[membership.kommune_id] = membership
    return chosen


def kostra_group_of(kommune: str, year: int) -> KostraGroupMembership | None:
    """One kommune's KOSTRA group membership for ``year`` (see :func:`kostra_groups_as_of`), or None."""
    return kostra_groups_as_of(year).get(kommune)


def memberships_state() -> list[tuple[str, str, str, str]]:
    """Every stored membership as plain text, so a measurement run can tell whether the groups changed."""
    rows = KostraGroupMembership.objects.order_by("kommune_id", "valid_from").values_list(
        "kommune_id", "group_id", "valid_from", "valid_to")
    return [(kommune, group, start.isoformat(), _day(end)) for kommune, group, start, end in rows]
