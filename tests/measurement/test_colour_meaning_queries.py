"""What the goal colours of a page compare is read once per page (issue 17): the compare page and the kommune
page ask the database the same number of times whether one goal or all 17 are coloured, and whether one kommune
or five are compared, instead of one small query per coloured goal cell."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lokalagenda.measurement import colour_meaning as meaning
from lokalagenda.measurement.colour_meaning import Comparison
from lokalagenda.measurement.models import GoalResult

pytestmark = pytest.mark.django_db

FIVE = ["4601", "0301", "5001", "1103", "5052"]


@pytest.fixture
def measured(measured_module, db, client):
    client.cookies["lokalagenda_language"] = "en"
    return measured_module


def _all_goals_coloured(run, places: list[str]) -> None:
    """Every one of the 17 goals of ``places`` stored with a colour, as a run over a full catalogue would."""
    for place in places:
        for goal in range(1, 18):
            GoalResult.objects.update_or_create(run=run, place=place, goal_id=goal,
                                                defaults={"colour": "yellow", "score": 55.0, "trend": ""})


def _queries(client, path: str) -> tuple[int, int]:
    """How many queries ``path`` makes, and how many of them ask what goal colours compare (rendered anew: an
    anonymous visitor's page is cached)."""
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    kinds = [query for query in captured.captured_queries
             if "colour_is_relative" in query["sql"] and "MIN(" in query["sql"].upper()]
    return len(captured.captured_queries), len(kinds)


def _compare(numbers: list[str]) -> str:
    return "/sammenlign/?" + "&".join(f"kommune={number}" for number in numbers)


def test_the_compare_page_reads_the_colour_kinds_once_however_many_kommuner_and_goals(measured, client):
    one_goal_one_kommune = _queries(client, _compare(FIVE[:1]))
    five_kommuner = _queries(client, _compare(FIVE))
    _all_goals_coloured(measured, FIVE)
    all_goals_five_kommuner = _queries(client, _compare(FIVE))
    assert one_goal_one_kommune[1] == five_kommuner[1] == all_goals_five_kommuner[1] == 1
    assert all_goals_five_kommuner[0] == five_kommuner[0] == one_goal_one_kommune[0]


def test_the_kommune_page_reads_the_colour_kinds_once_however_many_goals_are_coloured(measured, client):
    one_goal = _queries(client, "/kommune/4601/")
    _all_goals_coloured(measured, ["4601"])
    all_goals = _queries(client, "/kommune/4601/")
    assert all_goals[1] == one_goal[1] == 1
    assert all_goals[0] <= one_goal[0]  # fewer goals without data: fewer reads of what would measure them


def test_prefetched_kinds_are_the_kinds_asked_one_by_one(measured):
    results = list(GoalResult.objects.filter(run=measured, place__in=FIVE))
    one_by_one = {(result.place, result.goal_id): meaning.goal_comparisons(measured.id, result.place)
                  .get(result.goal_id, Comparison.NONE) for result in results}
    meaning.prefetch_comparisons([*results, None])
    with CaptureQueriesContext(connection) as captured:
        prefetched = {(result.place, result.goal_id): meaning.comparison_of_goal(result) for result in results}
    assert prefetched == one_by_one and not captured.captured_queries
    assert Comparison.RELATIVE in prefetched.values()
