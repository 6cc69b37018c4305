"""The 17 goal tiles as the reports' static figure (``reports.vlr.figures.goal_tiles_spec``): every tile's head in
the goal's colour with its text, a star for a priority goal, the status or "not measured" with the reason, and a
text alternative that lists every tile."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation

from lokalagenda.framework.models import Goal
from lokalagenda.measurement.models import Colour, GoalResult, MeasurementRun
from lokalagenda.measurement.tiles import tile_for
from lokalagenda.reports.vlr.figures import figure, goal_tiles_spec

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english() -> Any:
    with translation.override("en"):
        yield


def test_the_tile_figure_draws_every_goal_and_its_text_alternative_lists_every_tile() -> None:
    run = MeasurementRun.objects.create(status=MeasurementRun.Status.DONE)
    goals = list(Goal.objects.all())
    scored = GoalResult(run=run, goal=goals[2], place="4601", score=71.6, colour=Colour.YELLOW, trend="stagnating",
                        scored_indicators=2)
    tiles = [tile_for(goal, scored if goal.number == 3 else None, priority=goal.number == 13, years=(2019, 2023))
             for goal in goals]
    spec = goal_tiles_spec(tiles, place="Bergen")
    drawn = figure(spec, "tiles-4601")
    assert drawn.svg.count("<text") >= 17 * 2 and 'role="img"' in drawn.svg
    assert "13 Climate action" in drawn.svg and "★" in drawn.svg
    assert drawn.description.startswith("The 17 goals of Bergen as tiles: 1 No poverty: not measured – ")
    assert "3 Good health and well-being: " in drawn.description and "score 72" in drawn.description
    assert "2019–2023" in drawn.description and "13 Climate action, priority goal: not measured" in drawn.description
    heads = {row["head"].split("\n")[0].split(" ")[0] for row in spec["data"]["values"]}
    assert heads == {str(number) for number in range(1, 18)}
    assert {row["goal"] for row in spec["data"]["values"]} == {goal.colour for goal in goals}
