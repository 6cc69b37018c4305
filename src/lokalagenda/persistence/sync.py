"""Idempotent synchronisation of a table with the records of a source file.

Rows are matched on a natural key. A row that is new is created, a row whose values differ is updated, a row
that is the same is left alone, and a row that the source no longer has is reported but kept: reference data
that other data points to is never deleted silently.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import models


@dataclass
class SyncReport:
    """What one synchronisation did to one table."""

    label: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    changes: list[str] = field(default_factory=list)
    not_in_source: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)

    def summary(self) -> str:
        parts = [f"{self.label}: {self.created} new, {self.updated} changed, {self.unchanged} unchanged"]
        if self.not_in_source:
            parts.append(f"{len(self.not_in_source)} no longer in the source (kept)")
        return ", ".join(parts)


def sync_table(
    model: type[models.Model], key: tuple[str, ...], rows: Iterable[dict[str, Any]], label: str,
    batch_size: int = 500,
) -> SyncReport:
    """Make ``model``'s rows match ``rows`` (dicts of field values that include the ``key`` fields).

    Only the fields present in the dicts are compared and written, so fields the source does not own (an
    editor's correction, say) are never touched.
    """
    report = SyncReport(label)
    existing = {_key_of(obj, key): obj for obj in model.objects.all()}
    seen: set[tuple[Any, ...]] = set()
    to_create: list[models.Model] = []
    to_update: list[models.Model] = []
    fields: set[str] = set()
    for values in rows:
        row_key = tuple(values[name] for name in key)
        seen.add(row_key)
        obj = existing.get(row_key)
        if obj is None:
            to_create.append(model(**values))
            continue
        differing = [name for name, value in values.items() if _field_value(obj, name) != value]
        if not differing:
            report.unchanged += 1
            continue
        for name in differing:
            report.changes.append(f"{label} {_label(row_key)}: {name} changed")
            setattr(obj, name, values[name])
        fields.update(differing)
        to_update.append(obj)
    model.objects.bulk_create(to_create, batch_size=batch_size)
    if to_update:
        model.objects.bulk_update(to_update, sorted(fields), batch_size=batch_size)
    report.created, report.updated = len(to_create), len(to_update)
    report.not_in_source = sorted(_label(row_key) for row_key in existing.keys() - seen)
    return report


def _field_value(obj: models.Model, name: str) -> Any:
    field_object = obj._meta.get_field(name)
    if isinstance(field_object, models.ForeignKey):
        return getattr(obj, field_object.attname)
    return getattr(obj, name)


def _key_of(obj: models.Model, key: tuple[str, ...]) -> tuple[Any, ...]:
    return tuple(_field_value(obj, name) for name in key)


def _label(row_key: tuple[Any, ...]) -> str:
    return "/".join(str(part) for part in row_key)
