"""Measurement runs over the real bundle values: stored results, reuse when nothing changed."""

import pytest
from django.core.management import call_command

from lokalagenda.indicators.services import import_file
from lokalagenda.measurement.models import GoalResult, IndicatorResult, MeasurementRun, PlaceResult
from tests.colour_words import RELATIVE_WORDS
from tests.fixtures import MEASURE_YEAR

pytestmark = pytest.mark.django_db


@pytest.fixture
def bundle_values(scored_values):
    import_file(scored_values)


def test_measure_stores_results_for_every_kommune_with_data(bundle_values, capsys):
    call_command("measure", year=MEASURE_YEAR)
    run = MeasurementRun.objects.get()
    assert run.status == "done" and run.counts["indicators"] == 4
    assert {"sdsn_normalised_scores", "sdsn_dashboard", "sdsn_trends", "sdsn_goal_scores", "sdsn_index",
            "oecd_normalised", "oecd_goal_distance", "open_sdg_progress"} <= set(run.methods)
    assert run.methods["open_sdg_progress"]["version"] and "parameters" in run.methods["sdsn_trends"]
    assert run.revisions["VAX_MEASLES_AGE2"] == 1
    bergen = IndicatorResult.objects.get(run=run, place="4601", indicator="VAX_MEASLES_AGE2")
    assert bergen.year == 2018 and bergen.value is not None and bergen.colour in {"red", "orange", "yellow", "green"}
    assert 0 <= bergen.score <= 100 and 0 < bergen.percentile_country <= 100
    assert bergen.progress_status in {"substantial_progress", "moderate_progress", "limited_progress",
                                      "deterioration", "target_achieved", "not_available"}
    goal = GoalResult.objects.get(run=run, place="4601", goal=3)
    assert goal.score is not None and 0 < goal.percentile_fylke <= 100 and 0 < goal.percentile_country <= 100
    assert PlaceResult.objects.filter(run=run).count() >= 300
    assert f"Run {run.id}: 4 indicators for " in capsys.readouterr().out


def test_measure_again_without_new_data_reuses_the_run(bundle_values, capsys):
    call_command("measure", year=MEASURE_YEAR)
    call_command("measure", year=MEASURE_YEAR)
    assert MeasurementRun.objects.count() == 1
    assert "Nothing changed" in capsys.readouterr().out


def test_new_data_makes_a_new_run(bundle_values, tmp_path, capsys):
    call_command("measure", year=MEASURE_YEAR)
    path = tmp_path / "more.csv"
    path.write_text("indicator_id,municipality_code,year,value\nVAX_MEASLES_AGE2,4601,2019,97.1\n", encoding="utf-8")
    import_file(path)
    call_command("measure", year=MEASURE_YEAR)
    assert MeasurementRun.objects.count() == 2
    latest = IndicatorResult.objects.filter(run=MeasurementRun.objects.first(), place="4601",
                                            indicator="VAX_MEASLES_AGE2").get()
    assert latest.year == 2019 and latest.value == 97.1


def test_kommune_page_shows_goals_and_indicators_from_the_stored_run(bundle_values, client):
    call_command("measure", year=MEASURE_YEAR)
    client.cookies["lokalagenda_language"] = "en"
    html = client.get("/kommune/4601/").content.decode()
    assert "Where the kommune stands" in html and html.count('class="goal-row"') == 17
    assert "/indikatorer/VAX_MEASLES_AGE2/" in html
    assert any(word in html for word in RELATIVE_WORDS)


def test_kommune_page_before_any_run_has_no_status_section(client):
    assert "status-heading" not in client.get("/kommune/4601/").content.decode()


def test_each_indicator_row_has_a_sparkline_with_a_text_alternative(bundle_values, client):
    call_command("measure", year=MEASURE_YEAR)
    client.cookies["lokalagenda_language"] = "en"
    html = client.get("/kommune/4601/").content.decode()
    assert html.count('<svg class="sparkline"') == 4
    assert 'aria-label="Values 2013–2018;' in html or 'aria-label="Values 2006–2018;' in html


def test_measure_scores_fylker_and_the_country_on_the_kommuners_scale(bundle_values, capsys):
    call_command("measure", year=MEASURE_YEAR)
    run = MeasurementRun.objects.get()
    assert run.counts["fylker"] >= 5 and run.counts["country"] == 1
    assert f"{run.counts['fylker']} fylker and the country" in capsys.readouterr().out
    # Trøndelag's merged kommuner have no rates before 2020: a third of its residents is too few to speak for it
    assert not IndicatorResult.objects.filter(run=run, place="50").exists()
    assert run.methods["area_aggregation"]["made_values"] > 0
    country = IndicatorResult.objects.get(run=run, place="0", indicator="VAX_MEASLES_AGE2")
    kommuner = IndicatorResult.objects.filter(run=run, indicator="VAX_MEASLES_AGE2", place__regex=r"^[0-9]{4}$",
                                              year=country.year)
    values = [result.value for result in kommuner]
    assert min(values) <= country.value <= max(values)
    assert country.percentile_country is None and country.colour in {"red", "orange", "yellow", "green"}
    assert GoalResult.objects.filter(run=run, place="46", goal=3).get().score is not None
    assert PlaceResult.objects.filter(run=run, place="0").exists()


def test_a_published_fylke_value_wins_over_one_made_from_its_kommuner(bundle_values, tmp_path):
    call_command("measure", year=MEASURE_YEAR)
    made = IndicatorResult.objects.get(run=MeasurementRun.objects.get(), place="46", indicator="VAX_MEASLES_AGE2")
    path = tmp_path / "vestland.csv"
    path.write_text(f"indicator_id,municipality_code,year,value\nVAX_MEASLES_AGE2,46,{made.year},12.5\n",
                    encoding="utf-8")
    import_file(path)
    call_command("measure", year=MEASURE_YEAR)
    published = IndicatorResult.objects.get(run=MeasurementRun.objects.first(), place="46",
                                            indicator="VAX_MEASLES_AGE2")
    assert published.value == 12.5 and made.value != 12.5


def test_a_run_narrowed_to_kommuner_stores_only_theirs_and_their_pages_read_it(bundle_values, capsys, client):
    call_command("measure", year=MEASURE_YEAR)
    complete = MeasurementRun.objects.get()
    call_command("measure", year=MEASURE_YEAR, kommune=["4601"], force=True)
    narrowed = MeasurementRun.objects.first()
    assert not narrowed.complete and narrowed.scope == {"kommuner": ["4601"]}
    assert set(IndicatorResult.objects.filter(run=narrowed).values_list("place", flat=True)) == {"4601"}
    assert "national pages keep reading the last complete run" in capsys.readouterr().out
    from lokalagenda.measurement.querysets import dashboard_for, latest_run
    assert dashboard_for("4601").run == narrowed and dashboard_for("0301").run == complete
    assert latest_run() == complete
    same = IndicatorResult.objects.get(run=complete, place="4601", indicator="VAX_MEASLES_AGE2")
    again = IndicatorResult.objects.get(run=narrowed, place="4601", indicator="VAX_MEASLES_AGE2")
    assert (again.score, again.percentile_country) == (same.score, same.percentile_country)


def test_a_run_narrowed_to_indicators_is_read_by_no_page(bundle_values):
    call_command("measure", year=MEASURE_YEAR)
    complete = MeasurementRun.objects.get()
    call_command("measure", year=MEASURE_YEAR, indicator=["VAX_MEASLES_AGE2"], kommune=["4601"])
    from lokalagenda.measurement.querysets import dashboard_for
    assert MeasurementRun.objects.first().kommuner == "" and dashboard_for("4601").run == complete


def test_measure_for_an_unknown_kommune_names_it(bundle_values):
    from django.core.management.base import CommandError
    with pytest.raises(CommandError, match="9999"):
        call_command("measure", year=MEASURE_YEAR, kommune=["9999"])


def test_the_catalogue_bounds_of_an_indicator_are_the_bounds_of_its_scores(bundle_values):
    from lokalagenda.indicators.models import Indicator
    from lokalagenda.measurement.services import scored_indicators

    Indicator.objects.filter(id="VAX_MEASLES_AGE2").update(bound_best=95.0, bound_worst=80.0, target_2030=97.0)
    assert scored_indicators().loc["VAX_MEASLES_AGE2", ["optimum", "worst"]].tolist() == [95.0, 80.0]
    call_command("measure", year=MEASURE_YEAR)
    run = MeasurementRun.objects.get()
    assert run.methods["sdsn_normalised_scores"]["parameters"]["bounds"]["VAX_MEASLES_AGE2"] == [80.0, 95.0]
