"""Partners and partnerships as plain rows, for the API's JSON and CSV answers (one shape for both)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from lokalagenda.core.cells import guard
from lokalagenda.partnerships.models import Partner, Partnership

PARTNER_COLUMNS = ("id", "name", "kind", "organisation_number", "website", "description")
PARTNERSHIP_COLUMNS = ("id", "title", "description", "owner", "owner_kommune", "kommuner", "partners",
                       "partner_kinds", "targets", "goals", "actions", "start_year", "end_year", "status",
                       "published")


def partner_row(partner: Partner) -> dict[str, Any]:
    return {name: getattr(partner, name) for name in PARTNER_COLUMNS}


def partnership_row(partnership: Partnership) -> dict[str, Any]:
    """One partnership with its relations as lists (prefetch partners, targets, kommuner and actions)."""
    partners = list(partnership.partners.all())
    targets = list(partnership.targets.all())
    return {
        "id": partnership.id, "title": partnership.title, "description": partnership.description,
        "owner": partnership.organisation.name, "owner_kommune": partnership.organisation.kommune_id,
        "kommuner": [kommune.number for kommune in partnership.kommuner.all()],
        "partners": [partner.id for partner in partners],
        "partner_kinds": sorted({partner.kind for partner in partners}),
        "targets": [target.code for target in targets],
        "goals": sorted({target.goal_id for target in targets}),
        "actions": [action.id for action in partnership.actions.all()],
        "start_year": partnership.start_year, "end_year": partnership.end_year, "status": partnership.status,
        "published": partnership.published,
    }


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        value = ";".join(str(item) for item in value)
    return "" if value is None else guard(value)


def to_csv(rows: Iterable[dict[str, Any]], columns: tuple[str, ...]) -> str:
    """A CSV text with a header; lists are joined with semicolons; text that starts like a spreadsheet formula
    gets a leading apostrophe (:func:`lokalagenda.core.cells.guard`)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row[name]) for name in columns])
    return buffer.getvalue()
