"""Writes of the framework app: loading the SDG framework, and editors' corrections of its texts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.db import transaction

from lokalagenda.accounts.services import audit, snapshot
from lokalagenda.core.datadir import DataDirectory
from lokalagenda.core.framework import GOAL_COLOURS
from lokalagenda.core.sources import reference
from lokalagenda.framework import texts
from lokalagenda.framework.models import Goal, Indicator, OfficialTextSource, Target
from lokalagenda.persistence.sync import SyncReport, sync_table

#: Open SDG's nb_NO texts for targets and indicators are machine translations (see the bundle's README).
TARGET_AND_INDICATOR_NB_IS_MACHINE_TRANSLATED = True

CORRECTABLE_FIELDS = ["title_nb_corrected", "title_nn_corrected", "nb_checked", "nn_checked"]


def sync_framework(data: DataDirectory, translations: Path = texts.TRANSLATIONS_DIR) -> list[SyncReport]:
    """Load the 17 goals, 169 targets and the global indicators from the bundle, with the project's unofficial
    translation (``translations``) and the pointers to the official Norwegian texts."""
    goals = reference.read_goals(data)
    targets = sorted(reference.read_targets(data), key=lambda record: record.code)
    indicators = sorted(reference.read_indicators(data), key=lambda record: record.code)
    unofficial = texts.read_unofficial_texts(translations)
    texts.check_codes(translations / texts.TARGETS_FILE, unofficial.targets, (str(r.code) for r in targets))
    texts.check_codes(translations / texts.INDICATORS_FILE, unofficial.indicators,
                      (str(r.code) for r in indicators))
    return [
        sync_table(Goal, ("number",), (_goal_row(r, unofficial) for r in goals), "goals"),
        sync_table(Target, ("code",), (_target_row(r, i, unofficial) for i, r in enumerate(targets, 1)), "targets"),
        sync_table(Indicator, ("code",), (_indicator_row(r, i, unofficial) for i, r in enumerate(indicators, 1)),
                   "indicators"),
        sync_table(OfficialTextSource, ("goal_id", "url"), texts.official_source_rows(data),
                   "official sources of target texts"),
    ]


def _goal_row(record: reference.GoalRecord, unofficial: texts.UnofficialTexts) -> dict[str, Any]:
    number = record.code.number
    return {"number": number, "colour": GOAL_COLOURS[number], "short_en": record.short_en,
            "short_nb_source": record.short_nb, "title_en": record.title_en, "title_nb_source": record.title_nb,
            **texts.goal_texts(unofficial, number)}


def _titles(record: reference.TargetRecord | reference.IndicatorRecord) -> dict[str, Any]:
    return {"title_en": record.title_en, "title_nb_source": record.title_nb,
            "nb_machine_translated": TARGET_AND_INDICATOR_NB_IS_MACHINE_TRANSLATED,
            "nb_quality_flag": record.nb_quality_flag}


def _target_row(record: reference.TargetRecord, position: int, unofficial: texts.UnofficialTexts) -> dict[str, Any]:
    code = str(record.code)
    return {"code": code, "goal_id": record.code.goal.number, "position": position, **_titles(record),
            **texts.title_texts(unofficial.targets, code)}


def _indicator_row(record: reference.IndicatorRecord, position: int,
                   unofficial: texts.UnofficialTexts) -> dict[str, Any]:
    code = str(record.code)
    return {"code": code, "target_id": str(record.code.target), "position": position,
            "un_indicator_code": record.un_indicator_code, "ks_taxonomy_uri": record.ks_taxonomy_uri,
            **_titles(record), **texts.title_texts(unofficial.indicators, code)}


@transaction.atomic
def correct_titles(item: Target | Indicator, user: Any, title_nb_corrected: str, title_nn: str,
                   nb_checked: bool = False, nn_checked: bool = False) -> bool:
    """Store a national editor's bokmål and nynorsk texts and whether each was checked against the official
    text (only a text the editor entered can be checked); audit it. Returns False if nothing changed."""
    before = snapshot(item, CORRECTABLE_FIELDS)
    item.title_nb_corrected = _own_text(title_nb_corrected, uncorrected_text(item, "nb"), nb_checked)
    item.title_nn_corrected = _own_text(title_nn, uncorrected_text(item, "nn"), nn_checked)
    item.nb_checked = nb_checked and bool(item.title_nb_corrected)
    item.nn_checked = nn_checked and bool(item.title_nn_corrected)
    after = snapshot(item, CORRECTABLE_FIELDS)
    if before == after:
        return False
    item.save(update_fields=CORRECTABLE_FIELDS)
    audit(user, "update", item, before, after)
    return True


def uncorrected_text(item: Target | Indicator, language: str) -> str:
    """The text shown in ``language`` (nb or nn) when the editor has entered none: the unofficial translation,
    else for bokmål the source's (unless known to be wrong)."""
    if language == "nn":
        return item.title_nn_unofficial
    return item.title_nb_unofficial or ("" if item.nb_source_is_wrong else item.title_nb_source)


def _own_text(submitted: str, uncorrected: str, checked: bool) -> str:
    """The editor's own text: an unchanged, unchecked prefilled text stays what it was, not a correction."""
    text = submitted.strip()
    return "" if text == uncorrected and not checked else text
