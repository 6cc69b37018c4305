"""Measurement runs over the real bundle values: stored results, reuse when nothing changed."""

import pytest
from django.core.management import call_command

from lokalagenda.indicators.services import import_file
from lokalagenda.measurement.models import GoalResult, IndicatorResult, MeasurementRun, PlaceResult

pytestmark = pytest.mark.django_db


@pytest.fixture
def bundle_values(scored_values):
    import_file(scored_values)


def test_measure_stores_results_for_every_kommune_with_data(bundle_values, capsys):
    call_command("measure")
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
    call_command("measure")
    call_command("measure")
    assert MeasurementRun.objects.count() == 1
    assert "Nothing changed" in capsys.readouterr().out


def test_new_data_makes_a_new_run(bundle_values, tmp_path, capsys):
    call_command("measure")
    path = tmp_path / "more.csv"
    path.write_text("indicator_id,municipality_code,year,value\nVAX_MEASLES_AGE2,4601,2019,97.1\n", encoding="utf-8")
    import_file(path)
    call_command("measure")
    assert MeasurementRun.objects.count() == 2
    latest = IndicatorResult.objects.filter(run=MeasurementRun.objects.first(), place="4601",
                                            indicator="VAX_MEASLES_AGE2").get()
    assert latest.year == 2019 and latest.value == 97.1


def test_kommune_page_shows_goals_and_indicators_from_the_stored_run(bundle_values, client):
    call_command("measure")
    client.cookies["lokalagenda_language"] = "en"
    html = client.get("/kommune/4601/").content.decode()
    assert "Where the kommune stands" in html and html.count('class="goal-row"') == 17
    assert "/indikatorer/VAX_MEASLES_AGE2/" in html
    assert any(word in html for word in ("target reached", "challenges remain", "significant challenges",
                                         "major challenges"))


def test_kommune_page_before_any_run_has_no_status_section(client):
    assert "status-heading" not in client.get("/kommune/4601/").content.decode()


def test_each_indicator_row_has_a_sparkline_with_a_text_alternative(bundle_values, client):
    call_command("measure")
    client.cookies["lokalagenda_language"] = "en"
    html = client.get("/kommune/4601/").content.decode()
    assert html.count('<svg class="sparkline"') == 4
    assert 'aria-label="Values 2013–2018;' in html or 'aria-label="Values 2006–2018;' in html
