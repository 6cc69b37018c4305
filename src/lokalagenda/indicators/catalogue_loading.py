"""Catalogue entries from a file (``lokalagenda load-catalogue``): all or nothing, idempotent, and never over an
editor's change.

The file is read by :mod:`lokalagenda.core.sources.catalogue_file`; this module adds the checks that need the
database (targets and UN indicators that exist, ids that belong to a kommune's local indicators) and writes.

The rule for an editor's change: each indicator keeps in ``loaded_values`` what the last file said of each field.
A stored value that differs from it was changed since by someone else (an editor on a page, or in the admin), so
the file does not overwrite it; the load reports the field as kept, every time, until the file and the stored
value agree again or the editor sets the field back to the file's earlier value. A field no file has set yet (an
indicator that ``load-reference`` made) takes the file's value unless the audit log holds a signed-in user's
change of it. ``persistence.sync.sync_table`` is not used: it compares every row of a table (and would list the
whole catalogue as "not in the source"), has no notion of an editor's change and writes no audit entries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.text import slugify

from lokalagenda.accounts.models import AuditEntry
from lokalagenda.accounts.services import audit, snapshot
from lokalagenda.core.observations import Problem, ProblemsFound
from lokalagenda.core.sources.catalogue import BUNDLE_SET
from lokalagenda.core.sources.catalogue_file import CatalogueEntry, CatalogueFile, read_catalogue_file
from lokalagenda.framework.models import Indicator as GlobalIndicator
from lokalagenda.framework.models import Target
from lokalagenda.indicators.models import Indicator, IndicatorSet, IndicatorSetChange
from lokalagenda.indicators.set_membership import CORE_SET, change_membership

SET_FIELDS = ["slug", "name", "kind"]
_NO_BASE = object()


class CatalogueLoadFailed(ProblemsFound):
    """The file has problems; nothing was stored."""


@dataclass(frozen=True)
class KeptField:
    """A field an editor changed that the file would set otherwise."""

    indicator: str
    field: str
    stored: Any
    file: Any

    def __str__(self) -> str:
        return (f"{self.indicator}: {self.field} kept (an editor changed it to {self.stored!r}; "
                f"the file has {self.file!r})")


@dataclass
class CatalogueLoadReport:
    """What a load did: the indicators it created, changed (with the fields) and left alone, and the kept fields."""

    file: str
    set_slug: str
    set_created: bool = False
    created: list[str] = field(default_factory=list)
    updated: dict[str, list[str]] = field(default_factory=dict)
    unchanged: list[str] = field(default_factory=list)
    kept: list[KeptField] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.set_created or self.created or self.updated)

    def summary(self) -> str:
        text = (f"{self.file}: {len(self.created)} new, {len(self.updated)} changed, {len(self.unchanged)} "
                f"unchanged (set {self.set_slug})")
        return text + (f", {len(self.kept)} field(s) kept as an editor changed them" if self.kept else "")


def load_catalogue_file(path: Path, *, set_slug: str = BUNDLE_SET[0], set_name: str = "",
                        user: Any = None) -> CatalogueLoadReport:
    """Add or update the catalogue entries of a file and put them in the set ``set_slug`` (made as a national set
    when it does not exist). Raises CatalogueLoadFailed with every problem; then nothing is written."""
    catalogue = read_catalogue_file(path, targets=set(Target.objects.values_list("code", flat=True)),
                                    un_indicators=set(GlobalIndicator.objects.values_list("code", flat=True)))
    problems = _set_problems(path.name, set_slug) + catalogue.problems + _local_problems(path.name,
                                                                                        catalogue.entries)
    if problems:
        problems.sort(key=lambda problem: problem.row or 0)
        raise CatalogueLoadFailed(problems)
    return _store(catalogue, path.name, set_slug, set_name, user)


def _set_problems(file: str, slug: str) -> list[Problem]:
    if slugify(slug) != slug:
        return [Problem(file, None, None, f"{slug!r} is not a set's short name (lower-case letters, digits, -)")]
    found = IndicatorSet.objects.filter(slug=slug, kind=IndicatorSet.Kind.LOCAL).first()
    if found is not None:
        return [Problem(file, None, None, f"the set {slug!r} holds a kommune's local indicators; choose another")]
    return []


def _local_problems(file: str, entries: list[CatalogueEntry]) -> list[Problem]:
    """A kommune's own indicator is the kommune's to change, not a catalogue file's."""
    local = dict(Indicator.objects.filter(id__in=[entry.id for entry in entries], organisation__isnull=False)
                 .values_list("id", "organisation__name"))
    return [Problem(file, entry.row, "indicator_id", f"{entry.id} is a local indicator of {local[entry.id]}; a "
                                                     "catalogue file does not change it")
            for entry in entries if entry.id in local]


@transaction.atomic
def _store(catalogue: CatalogueFile, file: str, set_slug: str, set_name: str, user: Any) -> CatalogueLoadReport:
    report = CatalogueLoadReport(file, set_slug)
    indicator_set = _indicator_set(set_slug, set_name, user, report)
    stored = Indicator.objects.prefetch_related("targets", "sets").in_bulk([entry.id for entry in catalogue.entries])
    editor_fields = _editor_fields(list(stored))
    for entry in catalogue.entries:
        values = _file_values(entry, catalogue.fields)
        indicator = stored.get(entry.id)
        if indicator is None:
            _create(entry.id, values, indicator_set, file, user)
            report.created.append(entry.id)
        else:
            _update(indicator, values, indicator_set, editor_fields.get(entry.id, set()), file, user, report)
    return report


def _indicator_set(slug: str, name: str, user: Any, report: CatalogueLoadReport) -> IndicatorSet:
    indicator_set = IndicatorSet.objects.filter(slug=slug).first()
    if indicator_set is None:
        default, kind = {BUNDLE_SET[0]: (BUNDLE_SET[2], IndicatorSet.Kind.NATIONAL),
                         CORE_SET[0]: (CORE_SET[1], CORE_SET[2])}.get(slug, (slug, IndicatorSet.Kind.NATIONAL))
        indicator_set = IndicatorSet.objects.create(slug=slug, name=name or default, kind=kind)
        audit(user, "create", indicator_set, None, snapshot(indicator_set, SET_FIELDS))
        report.set_created = True
    return indicator_set


def _editor_fields(ids: list[str]) -> dict[str, set[str]]:
    """The fields of each indicator that a signed-in user changed, from the audit log."""
    fields: dict[str, set[str]] = {}
    entries = AuditEntry.objects.filter(model=Indicator._meta.label, object_pk__in=ids, user__isnull=False)
    for pk, before, after in entries.values_list("object_pk", "before", "after"):
        before = before or {}
        fields.setdefault(pk, set()).update(name for name, value in (after or {}).items() if before.get(name) != value)
    return fields


def _file_values(entry: CatalogueEntry, fields: tuple[str, ...]) -> dict[str, Any]:
    """The values the file sets, JSON-safe, as ``loaded_values`` keeps them."""
    values = {name: getattr(entry, name) for name in fields}
    values["targets"] = list(entry.targets)
    if "global_indicator" in values:
        values["global_indicator"] = entry.global_indicator or None
    return values


def _stored_value(indicator: Indicator, name: str) -> Any:
    if name == "targets":
        return sorted(target.code for target in indicator.targets.all())
    if name == "global_indicator":
        return indicator.global_indicator_id
    return getattr(indicator, name)


def _set_fields(indicator: Indicator, values: dict[str, Any]) -> None:
    for name, value in values.items():
        if name != "targets":
            setattr(indicator, "global_indicator_id" if name == "global_indicator" else name, value)


def _create(identifier: str, values: dict[str, Any], indicator_set: IndicatorSet, file: str, user: Any) -> None:
    indicator = Indicator(id=identifier, loaded_values=values)
    _set_fields(indicator, values)
    indicator.save(force_insert=True)
    indicator.targets.set(values["targets"])
    change_membership(indicator_set, indicator, IndicatorSetChange.Action.ADDED, source=file, user=user)
    audit(user, "create", indicator, None, snapshot(indicator, [*values, "sets"]))


def merge(stored: dict[str, Any], loaded: dict[str, Any], new: dict[str, Any],
          editor_fields: set[str]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The fields to write (the file's value) and the fields to keep (the stored value an editor set).

    A field whose stored value equals what the last file said (``loaded``) takes the new file's value; one that
    differs was changed since and is kept. A field no file has set is taken as loaded unless an editor changed it.
    """
    write, kept = {}, {}
    for name, value in new.items():
        current = stored[name]
        if current == value:
            continue
        base = loaded.get(name, _NO_BASE if name in editor_fields else current)
        if base is not _NO_BASE and current == base:
            write[name] = value
        else:
            kept[name] = current
    return write, kept


def _update(indicator: Indicator, values: dict[str, Any], indicator_set: IndicatorSet, editor_fields: set[str],
            file: str, user: Any, report: CatalogueLoadReport) -> None:
    stored = {name: _stored_value(indicator, name) for name in values}
    write, kept = merge(stored, indicator.loaded_values, values, editor_fields)
    report.kept += [KeptField(indicator.id, name, value, values[name]) for name, value in kept.items()]
    joins = all(item.pk != indicator_set.pk for item in indicator.sets.all())
    changed = sorted(write) + (["sets"] if joins else [])
    before = snapshot(indicator, changed) if changed else None
    loaded = {**indicator.loaded_values, **values}
    if write or loaded != indicator.loaded_values:
        _set_fields(indicator, write)
        indicator.loaded_values = loaded
        indicator.save()
    if "targets" in write:
        indicator.targets.set(write["targets"])
    action = IndicatorSetChange.Action.ADDED if joins else IndicatorSetChange.Action.CHANGED
    change_membership(indicator_set, indicator, action, source=file, fields=write, user=user)
    if not changed:
        report.unchanged.append(indicator.id)
        return
    audit(user, "update", indicator, before, snapshot(indicator, changed))
    report.updated[indicator.id] = changed
