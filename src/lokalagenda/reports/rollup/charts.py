"""Vega-Lite specifications for the national roll-up page: pure functions of the data passed in.

The status distribution is drawn as small multiples, one panel per status headed by its words, so colour is
never the only carrier; the map reuses ``measurement.charts.colour_map``. The page adds a table for each.
"""

from __future__ import annotations

from typing import Any

from lokalagenda.measurement.charts import DASHBOARD_FILL
from lokalagenda.measurement.models import GoalStatus
from lokalagenda.places.charts import VEGA_LITE_SCHEMA

#: Fill of each status (the dashboard's colours; greys for a result without a colour and for no result).
STATUS_FILL = {**{colour: fill for colour, fill in DASHBOARD_FILL.items() if colour},
               GoalStatus.NO_STATUS.value: "#8A8A8A", GoalStatus.NO_DATA.value: DASHBOARD_FILL[""]}


def status_distribution(rows: list[dict[str, Any]], *, words: dict[str, str], description: str, goal_label: str,
                        count_label: str, status_label: str) -> dict[str, Any]:
    """Per status a panel of bars: how many kommuner have that status for each goal.

    ``rows`` are ``{"goal": label, "position": goal number, "status": key, "count": n}``; ``words`` maps each
    status key, in the order of the panels, to its words.
    """
    values = [{**row, "words": words[row["status"]]} for row in rows]
    domain = list(words.values())
    return {
        "$schema": VEGA_LITE_SCHEMA,
        "description": description,
        "data": {"values": values},
        "columns": 3,
        "facet": {"field": "words", "type": "nominal", "sort": domain, "title": status_label,
                  "header": {"labelFontWeight": "bold", "labelFontSize": 12}},
        "spec": {
            "width": 170,
            "height": {"step": 13},
            "mark": {"type": "bar", "stroke": "#5E5E5E", "strokeWidth": 0.5},
            "encoding": {
                "y": {"field": "goal", "type": "nominal", "title": goal_label,
                      "sort": {"field": "position", "order": "ascending"}},
                "x": {"field": "count", "type": "quantitative", "title": count_label},
                "color": {"field": "words", "type": "nominal", "legend": None,
                          "scale": {"domain": domain, "range": [STATUS_FILL[key] for key in words]}},
                "tooltip": [{"field": "goal", "type": "nominal", "title": goal_label},
                            {"field": "words", "type": "nominal", "title": status_label},
                            {"field": "count", "type": "quantitative", "title": count_label}],
            },
        },
    }
