"""Vega-Lite specification of the coverage page's summary chart: a pure function of the coverage passed in.

Each goal's targets as one bar in four parts (planned and measured, planned, measured, not in the plans), so a
reader sees at a glance which goals the plans take up; the page's matrix and tables hold the same numbers.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from lokalagenda.places.charts import VEGA_LITE_SCHEMA
from lokalagenda.plans.coverage import Coverage, GoalCoverage
from lokalagenda.ui.language import active_language

#: The chart's parts in stacking order with their fills (distinct in lightness too, for readers without colour).
PARTS = (("planned_and_measured", "#1E5A8C"), ("planned", "#6FA8DC"), ("measured", "#B35806"),
         ("none", "#E3E7EB"))


def part_words() -> dict[str, str]:
    """The words of each part of :data:`PARTS` in the active language (legend, tooltip and download)."""
    return {"planned_and_measured": _("planned and measured"), "planned": _("planned"),
            "measured": _("measured, not planned"), "none": _("not in the plans")}


def _part(row_status: str) -> str:
    return row_status if row_status in ("planned_and_measured", "planned", "measured") else "none"


def parts_by_goal(coverage: Coverage) -> list[tuple[GoalCoverage, dict[str, int]]]:
    """Per goal, how many of its targets are in each part of :data:`PARTS` (the chart's bars and its download)."""
    return [(goal_coverage, {key: sum(_part(row.status) == key for row in goal_coverage.rows) for key, _f in PARTS})
            for goal_coverage in coverage.goals]


def coverage_chart(coverage: Coverage) -> dict[str, Any]:
    """Per goal, how many of its targets are planned and measured, planned only, measured only or neither."""
    language = active_language()
    words = part_words()
    rows = []
    for goal_coverage, counts in parts_by_goal(coverage):
        label = f"{goal_coverage.goal.number} {goal_coverage.goal.short_in(language)}"
        for key, _fill in PARTS:
            rows.append({"goal": label, "order": goal_coverage.goal.number, "part": words[key],
                         "rank": [k for k, _f in PARTS].index(key), "targets": counts[key]})
    goal_label, targets_label, part_label = _("Goal"), _("Targets"), _("In the plans")
    return {
        "$schema": VEGA_LITE_SCHEMA,
        "description": _("Bar chart: for each of the 17 goals, how many of its targets the plans link "
                         "(planned), how many an indicator with data measures (measured), both, or neither. "
                         "The matrix and the tables below give the numbers."),
        "width": "container",
        "height": {"step": 18},
        "data": {"values": rows},
        "mark": {"type": "bar", "stroke": "#FFFFFF", "strokeWidth": 0.5},
        "encoding": {
            "y": {"field": "goal", "type": "nominal", "title": None, "sort": {"field": "order"},
                  "axis": {"labelLimit": 150}},
            "x": {"field": "targets", "type": "quantitative", "stack": "zero", "title": targets_label},
            "color": {"field": "part", "type": "nominal", "title": part_label,
                      "scale": {"domain": [words[key] for key, _f in PARTS],
                                "range": [fill for _k, fill in PARTS]},
                      "legend": {"orient": "bottom", "columns": 2}},
            "order": {"field": "rank", "type": "quantitative"},
            "tooltip": [{"field": "goal", "type": "nominal", "title": goal_label},
                        {"field": "part", "type": "nominal", "title": part_label},
                        {"field": "targets", "type": "quantitative", "title": targets_label}],
        },
    }
