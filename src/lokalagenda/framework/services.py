"""Writes of the framework app: loading the SDG framework, and editors' corrections of its texts."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from lokalagenda.accounts.services import audit, snapshot
from lokalagenda.core.datadir import DataDirectory
from lokalagenda.core.framework import GOAL_COLOURS
from lokalagenda.core.sources import reference
from lokalagenda.framework.models import Goal, Indicator, Target
from lokalagenda.persistence.sync import SyncReport, sync_table

#: Open SDG's nb_NO texts for targets and indicators are machine translations (see the bundle's README).
TARGET_AND_INDICATOR_NB_IS_MACHINE_TRANSLATED = True

CORRECTABLE_FIELDS = ["title_nb_corrected", "title_nn"]


def sync_framework(data: DataDirectory) -> list[SyncReport]:
    """Load the 17 goals, 169 targets and the global indicators from the bundle."""
    goals = reference.read_goals(data)
    targets = sorted(reference.read_targets(data), key=lambda record: record.code)
    indicators = sorted(reference.read_indicators(data), key=lambda record: record.code)
    return [
        sync_table(Goal, ("number",), map(_goal_row, goals), "goals"),
        sync_table(Target, ("code",), (_target_row(r, i) for i, r in enumerate(targets, 1)), "targets"),
        sync_table(Indicator, ("code",), (_indicator_row(r, i) for i, r in enumerate(indicators, 1)), "indicators"),
    ]


def _goal_row(record: reference.GoalRecord) -> dict[str, Any]:
    number = record.code.number
    return {"number": number, "colour": GOAL_COLOURS[number], "short_en": record.short_en,
            "short_nb": record.short_nb, "title_en": record.title_en, "title_nb": record.title_nb}


def _titles(record: reference.TargetRecord | reference.IndicatorRecord) -> dict[str, Any]:
    return {"title_en": record.title_en, "title_nb_source": record.title_nb,
            "nb_machine_translated": TARGET_AND_INDICATOR_NB_IS_MACHINE_TRANSLATED,
            "nb_quality_flag": record.nb_quality_flag}


def _target_row(record: reference.TargetRecord, position: int) -> dict[str, Any]:
    return {"code": str(record.code), "goal_id": record.code.goal.number, "position": position, **_titles(record)}


def _indicator_row(record: reference.IndicatorRecord, position: int) -> dict[str, Any]:
    return {"code": str(record.code), "target_id": str(record.code.target), "position": position,
            "un_indicator_code": record.un_indicator_code, "ks_taxonomy_uri": record.ks_taxonomy_uri,
            **_titles(record)}


@transaction.atomic
def correct_titles(item: Target | Indicator, user: Any, title_nb_corrected: str, title_nn: str) -> bool:
    """Store a national editor's bokmål correction and nynorsk text; audit it. Returns False if nothing changed."""
    before = snapshot(item, CORRECTABLE_FIELDS)
    item.title_nb_corrected = title_nb_corrected.strip()
    item.title_nn = title_nn.strip()
    after = snapshot(item, CORRECTABLE_FIELDS)
    if before == after:
        return False
    item.save(update_fields=CORRECTABLE_FIELDS)
    audit(user, "update", item, before, after)
    return True
