"""What the national roll-up page shows, built from a :class:`~lokalagenda.reports.rollup.build.Rollup`: the chosen
goal's map and summary, the status distribution chart, the breakdowns for that goal and the least addressed
targets. Pure formatting of stored results; nothing is computed here that the downloads do not hold.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lokalagenda.measurement import charts, colour_meaning
from lokalagenda.measurement.models import Colour, GoalStatus
from lokalagenda.places.models import Kommune
from lokalagenda.reports.rollup.build import (
    STATUSES,
    KommuneStatus,
    Rollup,
    StatusRow,
    TargetRow,
    status_words_for,
)
from lokalagenda.reports.rollup.charts import status_distribution
from lokalagenda.reports.rollup.materiality import GroupMateriality

#: How many of the least addressed targets the page lists (the downloads hold them all).
LEAST_ADDRESSED_SHOWN = 20
#: The map knows the dashboard's colours and one grey for the rest.
MAP_COLOURS = tuple(Colour.values)


@dataclass(frozen=True)
class Breakdown:
    name: str
    label: str
    rows: list[StatusRow]


@dataclass(frozen=True)
class RollupPage:
    """The context of ``reports/rollup.html``."""

    rollup: Rollup
    statuses: list[tuple[str, str]]
    goal: StatusRow
    summary: str
    map: dict[str, Any]
    distribution: dict[str, Any]
    kommuner: list[tuple[KommuneStatus, str]]
    breakdowns: list[Breakdown]
    least_addressed: list[TargetRow]
    #: The sentence that names what the colours compare (:mod:`lokalagenda.measurement.colour_meaning`).
    colour_legend: str = ""
    #: The materiality roll-up's groups by breakdown, with the breakdown's label: (label, groups).
    materiality_breakdowns: list[tuple[str, list[GroupMateriality]]] = field(default_factory=list)


def status_words(rollup: Rollup) -> tuple[dict[str, str], str]:
    """Each status's words as what the roll-up's goal colours compare names them ("green: best quarter of the
    kommuner" where they are relative; :func:`~lokalagenda.reports.rollup.build.status_words_for`, as the files
    say them), and the legend sentence; a run without rated indicators keeps the dashboard's words."""
    kind = colour_meaning.Comparison(rollup.metadata.comparison)
    return status_words_for(kind), colour_meaning.legend([kind])


def chosen_goal(rollup: Rollup, asked: str) -> StatusRow:
    """The goal asked for (``?mal=``) when it exists, else the first goal any kommune has a result for."""
    rows = {str(row.goal): row for row in rollup.goals}
    if asked in rows:
        return rows[asked]
    with_data = [row for row in rollup.goals if row.counts[GoalStatus.NO_DATA] < row.kommuner]
    return (with_data or rollup.goals)[0]


def goal_summary(row: StatusRow, words: dict[str, str] | None = None) -> str:
    """The text alternative of the map: how many kommuner have each status for the goal (``words``: from
    :func:`status_words`)."""
    words = words or status_words_for(colour_meaning.Comparison.NONE)
    parts = [_("%(count)s %(words)s") % {"count": row.counts[status], "words": words[status]}
             for status in STATUSES if row.counts[status]]
    return ngettext("Goal %(goal)s, %(name)s: of %(total)s kommune, %(parts)s.",
                    "Goal %(goal)s, %(name)s: of %(total)s kommuner, %(parts)s.", row.kommuner) % {
        "goal": row.goal, "name": row.goal_name, "total": row.kommuner, "parts": "; ".join(parts)}


def _goal_map(rollup: Rollup, row: StatusRow, status_words: dict[str, str]) -> dict[str, Any]:
    statuses = {status.kommune: status.status for status in rollup.statuses_for_goal(row.goal)}
    places = [(number, name, statuses.get(number, "") if statuses.get(number) in MAP_COLOURS else "", None)
              for number, name in Kommune.objects.values_list("number", "name")]  # shapes: the boundary file
    words = {colour: status_words[colour] for colour in MAP_COLOURS} | {"": _("no status or no data")}
    return charts.colour_map(
        places, words=words, status_label=_("Status"), name_label=_("Kommune"),
        description=_("Map: every kommune coloured by its status for goal %(goal)s; the legend gives the words "
                      "for each colour.") % {"goal": row.goal})


def _distribution(rollup: Rollup, words: dict[str, str]) -> dict[str, Any]:
    rows = [{"goal": f"{row.goal} {row.goal_name}", "position": row.goal, "status": status,
             "count": row.counts[status]} for row in rollup.goals for status in STATUSES]
    return status_distribution(
        rows, words={status: words[status] for status in STATUSES}, goal_label=_("Goal"),
        count_label=_("Number of kommuner"), status_label=_("Status"),
        description=_("Bar charts, one per status: how many kommuner have that status for each of the 17 goals."))


def rollup_page(rollup: Rollup, asked_goal: str) -> RollupPage:
    goal = chosen_goal(rollup, asked_goal)
    breakdowns = [Breakdown(name, rollup.breakdown_labels[name], [row for row in rows if row.goal == goal.goal])
                  for name, rows in rollup.breakdowns.items()]
    words, legend = status_words(rollup)
    return RollupPage(
        rollup=rollup, statuses=[(status, words[status]) for status in STATUSES], goal=goal,
        summary=goal_summary(goal, words), map=_goal_map(rollup, goal, words),
        distribution=_distribution(rollup, words),
        kommuner=[(row, words[row.status]) for row in rollup.statuses_for_goal(goal.goal)],
        breakdowns=[breakdown for breakdown in breakdowns if breakdown.rows],
        least_addressed=rollup.least_addressed[:LEAST_ADDRESSED_SHOWN], colour_legend=legend,
        materiality_breakdowns=materiality_breakdowns(rollup))


def materiality_breakdowns(rollup: Rollup) -> list[tuple[str, list[GroupMateriality]]]:
    """The materiality roll-up's groups (size class, fylke) with the breakdown's label, as the page shows them."""
    if rollup.materiality is None:
        return []
    return [(rollup.breakdown_labels.get(name, name), groups)
            for name, groups in rollup.materiality.by_breakdown.items()]
