"""A target's relevance history as the page shows it: levels in the words of the relevance page, service areas by
name, and the seed's stored comment in plain words (the stored values stay as they were written)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils.translation import gettext as _

from lokalagenda.framework.models import RelevanceLevel, ServiceArea, TargetRelevance, TargetRelevanceChange
from lokalagenda.framework.relevance.seed import SEED_COMMENT
from lokalagenda.ui.language import active_language

LEVEL_FIELDS = ("kommune", "fylkeskommune")


@dataclass(frozen=True)
class Difference:
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class HistoryRow:
    """One change: when, by whom (``None``: the seed), what changed in words, and the comment in words."""

    at: datetime
    seed: bool
    user: Any
    created: bool
    differences: list[Difference]
    comment: str


def _level(value: str | None) -> str:
    return str(RelevanceLevel(value).label) if value in RelevanceLevel.values else (value or "")


def _shown(name: str, value: Any, areas: dict[str, str]) -> str:
    if name in LEVEL_FIELDS:
        return _level(value)
    if isinstance(value, list):
        return ", ".join(areas.get(key, key) for key in value)
    return "" if value is None else str(value)


def comment_shown(comment: str) -> str:
    """The comment as people read it: the seed's stored note ("Seed from service_areas.yaml") in words."""
    if comment == SEED_COMMENT:
        return _("First assessment, from the national list of service areas")
    return comment


def _differences(change: TargetRelevanceChange, areas: dict[str, str]) -> list[Difference]:
    before = change.before or {}
    return [Difference(str(TargetRelevance._meta.get_field(name).verbose_name), _shown(name, before.get(name), areas),
                       _shown(name, value, areas))
            for name, value in change.after.items() if before.get(name) != value]


def history_rows(relevance: TargetRelevance) -> list[HistoryRow]:
    """Every change of the target's relevance, newest first, in words."""
    language = active_language()
    areas = {area.key: area.title_in(language) for area in ServiceArea.objects.all()}
    return [HistoryRow(change.at, change.origin == TargetRelevance.Origin.SEED, change.user, change.before is None,
                       _differences(change, areas), comment_shown(change.comment))
            for change in relevance.changes.select_related("user")]
