"""What the data can carry, through a real run over the bundle's vaccination series (2006–2018, all goal 3):
the freshness window and the 14-of-17 rule are parameters stored with the run, an old value gives no status but
keeps its trend, and Bergen gets no index from one goal."""

import pytest
from django.core.management import call_command

from lokalagenda.core.measure.results import MeasurementError
from lokalagenda.indicators.services import import_file
from lokalagenda.measurement.models import GoalResult, IndicatorResult, MeasurementRun, PlaceResult
from lokalagenda.measurement.services import StatusRules, measure

pytestmark = pytest.mark.django_db

BERGEN = "4601"


@pytest.fixture
def bundle_values(scored_values):
    import_file(scored_values)


def test_a_run_stores_its_year_window_and_index_rule_with_its_methods(bundle_values):
    run = measure(rules=StatusRules(as_of_year=2026, window=12, min_goals=3)).run
    assert run.methods["current_status"]["parameters"] == {"as_of_year": 2026, "window": 12, "oldest_year": 2014}
    assert run.methods["current_status"]["version"] == "freshness/1"
    index = run.methods["sdsn_index"]
    assert index["version"] == "sdsn-sdg-index/2"
    assert index["parameters"] == {"max_missing_share": 0.2, "min_goals": 3, "goals": 17}


def test_the_default_rules_are_this_year_ten_years_and_14_goals(bundle_values):
    run = measure().run
    parameters = run.methods["current_status"]["parameters"]
    assert parameters["as_of_year"] == run.started_at.year and parameters["window"] == 10
    assert run.methods["sdsn_index"]["parameters"]["min_goals"] == 14


def test_other_rules_make_a_new_run_rather_than_reuse_the_last(bundle_values):
    first = measure(rules=StatusRules(as_of_year=2026)).run
    assert measure(rules=StatusRules(as_of_year=2026)).reused
    second = measure(rules=StatusRules(as_of_year=2027)).run
    third = measure(rules=StatusRules(as_of_year=2027, min_goals=1)).run
    assert len({first.id, second.id, third.id}) == 3


def test_values_older_than_the_window_give_no_status_but_keep_their_trend(bundle_values):
    fresh = measure(rules=StatusRules(as_of_year=2026)).run
    old = measure(rules=StatusRules(as_of_year=2030)).run  # the window starts in 2020; the series end in 2018
    before = IndicatorResult.objects.get(run=fresh, place=BERGEN, indicator="VAX_MEASLES_AGE2")
    after = IndicatorResult.objects.get(run=old, place=BERGEN, indicator="VAX_MEASLES_AGE2")
    assert not before.too_old and before.score is not None and before.colour != "grey"
    assert after.too_old and after.year == 2018 and after.value == before.value
    assert after.score is None and after.rating is None and after.colour == "grey"
    assert after.percentile_country is None and after.distance_score is None
    assert after.trend == before.trend and after.trend not in ("", "not_available")
    assert after.progress_status == before.progress_status
    goal = GoalResult.objects.get(run=old, place=BERGEN, goal=3)
    assert goal.score is None and goal.colour == "grey" and goal.scored_indicators == 0 and goal.indicators == 4
    assert goal.trend == GoalResult.objects.get(run=fresh, place=BERGEN, goal=3).trend
    assert PlaceResult.objects.get(run=old, place=BERGEN).goals_measured == 0


def test_a_goal_says_how_many_indicators_carry_its_score(bundle_values):
    run = measure(rules=StatusRules(as_of_year=2026)).run
    goal = GoalResult.objects.get(run=run, place=BERGEN, goal=3)
    scored = IndicatorResult.objects.filter(run=run, place=BERGEN, score__isnull=False).count()
    assert goal.score is not None and goal.scored_indicators == scored == 4


def test_bergen_gets_no_index_from_one_goal(bundle_values):
    run = measure(rules=StatusRules(as_of_year=2026)).run
    bergen = PlaceResult.objects.get(run=run, place=BERGEN)
    assert bergen.index is None and bergen.goals_measured == 1
    assert not PlaceResult.objects.filter(run=run, index__isnull=False).exists()  # kommuner, fylker, country
    assert PlaceResult.objects.get(run=run, place="0").goals_measured == 1


def test_with_a_rule_of_one_goal_the_index_is_that_goals_score(bundle_values):
    run = measure(rules=StatusRules(as_of_year=2026, min_goals=1)).run
    bergen = PlaceResult.objects.get(run=run, place=BERGEN)
    assert bergen.index == pytest.approx(GoalResult.objects.get(run=run, place=BERGEN, goal=3).score)


@pytest.mark.parametrize(("rules", "problem"), [({"window": -1}, "window"), ({"min_goals": 0}, "goals"),
                                                 ({"min_goals": 18}, "goals")])
def test_impossible_rules_are_refused_before_a_run_is_made(rules, problem):
    with pytest.raises(MeasurementError, match=problem):
        measure(rules=StatusRules.of_year(2026, **rules))
    assert not MeasurementRun.objects.exists()


def test_the_measure_command_takes_the_run_year_and_says_how_many_kommuner_have_an_index(bundle_values, capsys):
    call_command("measure", "--year", "2026")
    run = MeasurementRun.objects.get()
    assert run.methods["current_status"]["parameters"]["as_of_year"] == 2026
    kommuner = PlaceResult.objects.filter(run=run, place__regex=r"^[0-9]{4}$").count()
    assert kommuner > 300
    assert (f"SDG index for 0 of {kommuner} kommuner (it needs scores on at least 14 of the 17 goals); values from "
            f"before 2016 give no status.") in capsys.readouterr().out
