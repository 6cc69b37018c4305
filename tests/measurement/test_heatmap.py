"""The kommuner's status per goal as a heat map (``measurement.heatmap``): every cell read from the run that
kommune's own dashboard reads, each with a symbol and words (never colour alone), and a legend that names what
the colours compare."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation

from lokalagenda.measurement import colour_meaning
from lokalagenda.measurement.heatmap import NO_DATA_SYMBOL, NO_STATUS_SYMBOL, kommune_heatmap
from lokalagenda.measurement.labels import COLOURS
from lokalagenda.measurement.models import Colour, GoalResult, MeasurementRun
from lokalagenda.measurement.querysets import goal_results_of
from lokalagenda.places.models import Kommune

DONE = MeasurementRun.Status.DONE


@pytest.fixture
def measured(measured_module: Any, db: Any) -> Any:
    return measured_module


@pytest.fixture(autouse=True)
def english() -> Any:
    """The words in English, so the tests read them whatever is translated yet."""
    with translation.override("en"):
        yield


def _vestland() -> list[tuple[str, str]]:
    return list(Kommune.objects.filter(fylke_id="46").order_by("number").values_list("number", "name"))


def test_every_kommune_has_a_row_of_17_cells_as_its_dashboard_stores_them(measured: Any) -> None:
    heatmap = kommune_heatmap(_vestland())
    assert [row.number for row in heatmap.rows] == [number for number, _name in _vestland()]
    assert [goal.number for goal in heatmap.goals] == list(range(1, 18))
    stored = {(r.place, r.goal_id): r for r in GoalResult.objects.filter(run=measured, place__startswith="46")}
    coloured = 0
    for row in heatmap.rows:
        assert [cell.goal for cell in row.cells] == list(range(1, 18))
        for cell in row.cells:
            result = stored.get((row.number, cell.goal))
            if result is None:
                assert (cell.colour, cell.symbol, cell.words) == ("", NO_DATA_SYMBOL, "no data")
            elif result.score is None or result.colour not in Colour.values:
                assert (cell.colour, cell.symbol) == ("", NO_STATUS_SYMBOL)
            else:
                coloured += 1
                kind = colour_meaning.comparison_of_goal(result)
                assert cell.colour == result.colour and cell.symbol == COLOURS[Colour(result.colour)][0]
                assert cell.words == colour_meaning.colour_words(result.colour, kind)
                assert cell.text == f"{cell.words}; score {round(result.score)}"
        assert row.measured == sum(1 for cell in row.cells if cell.colour)
    assert coloured and heatmap.has_colours


def test_the_legend_names_what_the_colours_compare_and_every_symbol(measured: Any) -> None:
    heatmap = kommune_heatmap(_vestland())
    kinds = {colour_meaning.comparison_of_goal(result) for result in goal_results_of(n for n, _ in _vestland())
             .values() if result.score is not None and result.colour in Colour.values}
    assert heatmap.comparison_sentence == colour_meaning.legend(kinds) != ""
    assert [entry.symbol for entry in heatmap.legend] == [s for s, _w in COLOURS.values()] + [NO_STATUS_SYMBOL,
                                                                                              NO_DATA_SYMBOL]
    assert heatmap.legend[-1].words == "no data"
    if kinds == {colour_meaning.Comparison.RELATIVE}:
        assert heatmap.legend[0].words == "green: best quarter of the kommuner"


def test_a_later_run_narrowed_to_one_kommune_is_read_for_that_kommune_only(measured: Any) -> None:
    narrowed = MeasurementRun.objects.create(status=DONE, complete=False, kommuner=" 4601 ")
    GoalResult.objects.create(run=narrowed, goal_id=1, place="4601", score=90.0, colour=Colour.GREEN)
    results = goal_results_of(["4601", "4602"])
    assert results[("4601", 1)].run_id == narrowed.pk and ("4601", 3) not in results
    assert all(result.run_id == measured.pk for (place, _goal), result in results.items() if place == "4602")
    row = kommune_heatmap([("4601", "Bergen")]).rows[0]
    assert row.cells[0].colour == "green" and row.cells[0].symbol == COLOURS[Colour.GREEN][0]
    assert row.cells[2].symbol == NO_DATA_SYMBOL  # the narrowed run stored nothing else for Bergen


def test_narrowed_runs_alone_are_read_and_a_kommune_no_run_holds_has_no_cells(unmeasured: Any) -> None:
    narrowed = MeasurementRun.objects.create(status=DONE, complete=False, kommuner=" 4601 ")
    GoalResult.objects.create(run=narrowed, goal_id=2, place="4601", score=10.0, colour=Colour.RED)
    assert list(goal_results_of(["4601", "0301"])) == [("4601", 2)]
    heatmap = kommune_heatmap([("0301", "Oslo")])
    assert not heatmap.has_colours and heatmap.comparison_sentence == ""
    assert {cell.symbol for cell in heatmap.rows[0].cells} == {NO_DATA_SYMBOL}


def test_a_heat_map_of_one_goal_reads_and_explains_that_goal_only(unmeasured: Any) -> None:
    narrowed = MeasurementRun.objects.create(status=DONE, complete=False, kommuner=" 4601 ")
    GoalResult.objects.create(run=narrowed, goal_id=2, place="4601", score=10.0, colour=Colour.RED)
    GoalResult.objects.create(run=narrowed, goal_id=5, place="4601", score=90.0, colour=Colour.GREEN)
    assert list(goal_results_of(["4601"], goals=[2])) == [("4601", 2)]
    assert goal_results_of(["4601"], goals=[3]) == {}
    other = kommune_heatmap([("4601", "Bergen")], goals=[3])
    assert [goal.number for goal in other.goals] == [3] and [c.goal for c in other.rows[0].cells] == [3]
    assert not other.has_colours and other.comparison_sentence == ""
    measured_goal = kommune_heatmap([("4601", "Bergen")], goals=[2])
    assert measured_goal.has_colours
    assert measured_goal.column(2)[0][1].colour == "red"
