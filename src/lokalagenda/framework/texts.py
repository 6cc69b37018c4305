"""The SDG texts: the project's unofficial bokmål and nynorsk translation, the official-source pointers, and the
national editors' work list (every text with its state, side by side with English, and progress counts).

The unofficial translation is the project's own content, kept in ``framework/translations/`` (see its README):
``goals.csv``, ``targets.csv`` and, when present, ``indicators.csv``. ``load-reference`` loads it into the
``*_unofficial`` fields together with the bundle (``services.sync_framework``); editors' corrections live in
other fields and are never touched.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import models

from lokalagenda.core.datadir import DataDirectory
from lokalagenda.core.errors import Location, SourceDataError
from lokalagenda.core.framework import GoalCode, IndicatorCode, TargetCode
from lokalagenda.core.sources.csvfile import CsvFile, CsvRow
from lokalagenda.framework.models import TEXT_LANGUAGES, Goal, Indicator, OfficialTextSource, Target, TextState

#: The folder of the project's unofficial translation.
TRANSLATIONS_DIR = Path(__file__).with_name("translations")
GOALS_FILE, TARGETS_FILE, INDICATORS_FILE = "goals.csv", "targets.csv", "indicators.csv"
#: The bundle's list of pages holding the official Norwegian target texts.
OFFICIAL_SOURCES = "sdg/official_nb_target_sources.csv"


@dataclass(frozen=True)
class UnofficialTexts:
    """The unofficial translation, by goal number and by target and indicator code."""

    goals: Mapping[int, Mapping[str, str]] = field(default_factory=dict)
    targets: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    indicators: Mapping[str, Mapping[str, str]] = field(default_factory=dict)


def read_unofficial_texts(folder: Path = TRANSLATIONS_DIR) -> UnofficialTexts:
    """Read the translation files; ``indicators.csv`` is optional. Every cell is required; bad codes are errors."""
    goal_columns = ("short_nb", "title_nb", "short_nn", "title_nn")
    return UnofficialTexts(
        goals=_read(folder / GOALS_FILE, "goal", lambda text: GoalCode.parse(text).number, goal_columns),
        targets=_read(folder / TARGETS_FILE, "code", lambda text: str(TargetCode.parse(text))),
        indicators=(_read(folder / INDICATORS_FILE, "code", lambda text: str(IndicatorCode.parse(text)))
                    if (folder / INDICATORS_FILE).is_file() else {}),
    )


def _read(path: Path, key: str, parse: Callable[[str], Any],
          columns: tuple[str, ...] = ("title_nb", "title_nn")) -> dict[Any, dict[str, str]]:
    texts: dict[Any, dict[str, str]] = {}
    csv_file = CsvFile(path, (key, *columns))

    def record(row: CsvRow) -> None:
        code = row.convert(key, parse)
        values = {column: row.text(column) for column in columns}
        if code in texts:
            row.problems.append((Location(path, row.number, key), f"{code} appears twice"))
        elif code is not None:
            texts[code] = values

    csv_file.read(record)
    return texts


def check_codes(path: Path, codes: Iterable[Any], known: Iterable[Any]) -> None:
    """Raise when the translation names a code the bundle does not have (a typo would otherwise be dropped)."""
    unknown = sorted(set(codes) - set(known), key=str)
    if unknown:
        raise SourceDataError([(Location(path, None, "code"), f"{code} is not in the SDG framework")
                               for code in unknown])


def goal_texts(texts: UnofficialTexts, number: int) -> dict[str, str]:
    """The unofficial fields of one goal's row (empty when the file has no row for it)."""
    row = texts.goals.get(number, {})
    return {f"{name}_unofficial": row.get(name, "") for name in ("short_nb", "title_nb", "short_nn", "title_nn")}


def title_texts(by_code: Mapping[str, Mapping[str, str]], code: str) -> dict[str, str]:
    """The unofficial fields of one target's or indicator's row."""
    row = by_code.get(code, {})
    return {"title_nb_unofficial": row.get("title_nb", ""), "title_nn_unofficial": row.get("title_nn", "")}


def official_source_rows(data: DataDirectory) -> list[dict[str, Any]]:
    """The rows of ``official_nb_target_sources.csv``: which page holds the official text of which targets."""
    csv_file = CsvFile(data.file(OFFICIAL_SOURCES),
                       ("goal", "publisher", "url", "language_form", "targets_seen_in_stored_copy", "note"))

    def record(row: CsvRow) -> dict[str, Any] | None:
        goal = row.convert("goal", lambda text: GoalCode.parse(text).number)
        values = {"publisher": row.text("publisher"), "url": row.text("url"),
                  "language_form": row.text("language_form"),
                  "targets_seen": row.text("targets_seen_in_stored_copy", required=False),
                  "note": row.text("note", required=False)}
        return None if goal is None else {"goal_id": goal, "position": row.number - 1, **values}

    return csv_file.read(record)


# The work list ------------------------------------------------------------------------------------------------

#: The kinds of text on the work list, in the order shown.
KINDS = ("goal", "target", "indicator")


@dataclass(frozen=True)
class TextRow:
    """One goal, target or indicator on the work list: its texts and the state of each Norwegian text."""

    kind: str
    code: str
    goal: int
    english: str
    nb: str
    nn: str
    nb_state: TextState
    nn_state: TextState
    item: Any

    def has_state(self, state: str, language: str | None) -> bool:
        languages = (language,) if language else TEXT_LANGUAGES
        return any(getattr(self, f"{name}_state") == state for name in languages)


def work_list_rows(kind: str) -> list[TextRow]:
    """Every item of ``kind`` with its own texts (no fallback) and their states, in the UN order."""
    if kind == "goal":
        return [TextRow("goal", str(goal.number), goal.number, goal.short_en + " – " + goal.title_en,
                        f"{goal.short_nb} – {goal.title_nb}", _joined(goal.short_nn, goal.title_nn),
                        goal.text_state("nb"), goal.text_state("nn"), goal) for goal in Goal.objects.all()]
    items: models.QuerySet[Any] = (Target.objects.all() if kind == "target"
                                   else Indicator.objects.select_related("target"))
    return [TextRow(kind, item.code, _goal_of(item), item.title_en, item.title_nb, item.title_nn,
                    item.text_state("nb"), item.text_state("nn"), item) for item in items]


def _joined(short: str, title: str) -> str:
    return f"{short} – {title}" if short and title else short or title


def _goal_of(item: Target | Indicator) -> int:
    return int(item.goal_id if isinstance(item, Target) else item.target.goal_id)


@dataclass(frozen=True)
class TextProgress:
    """How many texts of one kind and language are in each state."""

    kind: str
    language: str
    total: int
    counts: Mapping[str, int]

    @property
    def unofficial_or_better(self) -> int:
        """Texts that are at least the project's unofficial translation (an editor's text counts too)."""
        return sum(self.counts.get(state, 0) for state in (TextState.UNOFFICIAL, TextState.CORRECTED,
                                                            TextState.CHECKED))

    @property
    def checked(self) -> int:
        return self.counts.get(TextState.CHECKED, 0)


def progress_of(rows: Iterable[TextRow], kind: str) -> list[TextProgress]:
    """Counts per language for the rows of one kind."""
    rows = list(rows)
    return [TextProgress(kind, language, len(rows), Counter(str(getattr(row, f"{language}_state")) for row in rows))
            for language in TEXT_LANGUAGES]


def official_sources_by_goal() -> dict[int, list[OfficialTextSource]]:
    """The stored official-source pointers, grouped by goal."""
    grouped: dict[int, list[OfficialTextSource]] = {}
    for source in OfficialTextSource.objects.all():
        grouped.setdefault(source.goal_id, []).append(source)
    return grouped


@dataclass(frozen=True)
class GoalGroup:
    """The rows of one goal on the work list, with the pages holding its official Norwegian texts."""

    goal: Goal
    sources: list[OfficialTextSource]
    rows: list[TextRow]


@dataclass(frozen=True)
class WorkList:
    """The context of the work list page: progress of every kind, and the rows asked for grouped by goal."""

    progress: list[TextProgress]
    groups: list[GoalGroup]
    shown: int


def work_list(kind: str = "target", goal: int | None = None, state: str = "", language: str = "") -> WorkList:
    """Every text of ``kind`` (optionally of one goal, in one state, in one language) and the progress counts."""
    by_kind = {name: work_list_rows(name) for name in KINDS}
    progress = [item for name in ("target", "indicator", "goal") for item in progress_of(by_kind[name], name)]
    rows = [row for row in by_kind[kind] if (goal is None or row.goal == goal)
            and (not state or row.has_state(state, language or None))]
    goals = {item.number: item for item in Goal.objects.all()}
    sources = official_sources_by_goal()
    numbers = sorted({row.goal for row in rows})
    groups = [GoalGroup(goals[number], sources.get(number, []), [row for row in rows if row.goal == number])
              for number in numbers]
    return WorkList(progress, groups, len(rows))
