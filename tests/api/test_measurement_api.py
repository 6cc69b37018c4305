"""The measurement API over the real bundle values: stored runs and results, comparison, and its errors."""

import pytest
from django.core.management import call_command
from openapi_spec_validator import validate

from lokalagenda.measurement.models import MeasurementRun
from lokalagenda.measurement.services import StatusRules, measure
from tests.fixtures import MEASURE_YEAR

pytestmark = pytest.mark.django_db

STATUSES = {"substantial_progress", "moderate_progress", "limited_progress", "deterioration", "target_achieved",
            "not_available"}


@pytest.fixture
def measured(measured_module, db):
    return measured_module


def test_runs_list_and_detail_show_methods_revisions_and_counts(measured, client):
    runs = client.get("/api/runs").json()
    assert [run["id"] for run in runs] == [measured.id]
    run = client.get(f"/api/runs/{measured.id}").json()
    assert run["status"] == "done" and run["finished"] is not None and run["counts"]["indicators"] == 4
    assert run["methods"]["open_sdg_progress"]["version"] and "parameters" in run["methods"]["sdsn_trends"]
    assert run["revisions"]["VAX_MEASLES_AGE2"] == 1


def test_kommune_results_have_goals_indicators_and_index(measured, client):
    body = client.get("/api/kommuner/4601/results").json()
    assert body["run"] == measured.id and body["kommune"] == "4601" and body["name"] == "Bergen"
    measles = next(result for result in body["indicators"] if result["indicator"] == "VAX_MEASLES_AGE2")
    assert measles["year"] == 2018 and measles["value"] is not None and measles["progress_status"] in STATUSES
    assert measles["colour"] in {"red", "orange", "yellow", "green"} and 0 <= measles["score"] <= 100
    assert 0 < measles["percentiles"]["country"] <= 100 and measles["percentiles"]["fylke"] is not None
    goal3 = next(result for result in body["goals"] if result["goal"] == 3)
    assert goal3["score"] is not None and goal3["indicators"] >= 1
    assert body["size_class"] == "50 000+"


def test_kommune_results_for_a_given_run(measured, client):
    assert client.get(f"/api/kommuner/4601/results?run={measured.id}").json()["run"] == measured.id
    response = client.get(f"/api/kommuner/4601/results?run={measured.id + 1}")
    assert response.status_code == 404 and f"run {measured.id + 1}" in response.json()["detail"]


def test_goal_results_cover_the_kommuner(measured, client):
    body = client.get("/api/goals/3/results").json()
    assert body["goal"] == 3 and len(body["results"]) >= 250
    assert len({result["place"] for result in body["results"]}) == len(body["results"])
    assert any(result["place"] == "4601" and result["score"] is not None for result in body["results"])


def test_indicator_results_cover_the_kommuner(measured, client):
    body = client.get("/api/indicators/VAX_MEASLES_AGE2/results").json()
    assert body["indicator"] == "VAX_MEASLES_AGE2" and len(body["results"]) >= 250
    assert all(result["indicator"] == "VAX_MEASLES_AGE2" for result in body["results"])


def test_fylke_and_country_results_are_scored_like_the_kommuner(measured, client):
    vestland = client.get("/api/fylker/46/results").json()
    assert vestland["name"] == "Vestland" and vestland["run"] == measured.id
    measles = next(result for result in vestland["indicators"] if result["indicator"] == "VAX_MEASLES_AGE2")
    assert 0 <= measles["score"] <= 100 and measles["percentiles"]["country"] is None
    country = client.get("/api/country/results").json()
    assert country["place"] == "0" and any(goal["goal"] == 3 for goal in country["goals"])
    assert client.get("/api/fylker/99/results").status_code == 404


RESULTS = ["/api/kommuner/4601/results", "/api/fylker/46/results", "/api/country/results"]


@pytest.mark.parametrize("path", RESULTS)
def test_no_index_from_one_goal_but_the_count_of_goals_measured_and_the_rule(measured, client, path):
    run = measure(rules=StatusRules(as_of_year=2026), force=True).run
    body = client.get(f"{path}?run={run.id}").json()
    assert body["index"] is None and body["goals_measured"] == 1
    assert body["index_rule"] == {"min_goals": 14, "goals": 17, "max_missing_share": 0.2}
    goal3 = next(result for result in body["goals"] if result["goal"] == 3)
    assert goal3["scored_indicators"] == 4 and goal3["indicators"] == 4


@pytest.mark.parametrize("path", RESULTS)
def test_with_a_rule_of_one_goal_the_api_gives_the_index(measured, client, path):
    run = measure(rules=StatusRules(as_of_year=2026, min_goals=1), force=True).run
    body = client.get(f"{path}?run={run.id}").json()
    goal3 = next(result for result in body["goals"] if result["goal"] == 3)
    assert body["index"] == pytest.approx(goal3["score"]) and body["index_rule"]["min_goals"] == 1


def test_an_indicator_result_says_when_its_latest_value_is_too_old_for_a_status(measured, client):
    run = measure(rules=StatusRules(as_of_year=2030), force=True).run
    body = client.get(f"/api/indicators/VAX_MEASLES_AGE2/results?run={run.id}").json()
    bergen = next(result for result in body["results"] if result["place"] == "4601")
    assert bergen["too_old"] is True and bergen["year"] == 2018 and bergen["value"] is not None
    assert bergen["score"] is None and bergen["colour"] == "grey" and bergen["trend"] not in ("", "not_available")


def test_compare_gives_each_kommunes_goals_measured(measured, client):
    run = measure(rules=StatusRules(as_of_year=2026), force=True).run
    body = client.get(f"/api/compare?kommune=4601&kommune=0301&run={run.id}").json()
    assert [(k["index"], k["goals_measured"]) for k in body["kommuner"]] == [(None, 1), (None, 1)]


def test_a_kommune_reads_the_latest_run_that_holds_it(measured, client):
    call_command("measure", year=MEASURE_YEAR, kommune=["4601"], force=True, verbosity=0)
    narrowed = MeasurementRun.objects.first()
    assert client.get("/api/kommuner/4601/results").json()["run"] == narrowed.id
    assert client.get("/api/kommuner/0301/results").json()["run"] == measured.id
    assert client.get("/api/goals/3/results").json()["run"] == measured.id
    assert client.get(f"/api/runs/{narrowed.id}").json()["scope"] == {"kommuner": ["4601"]}


def test_compare_puts_kommuner_side_by_side_in_the_order_asked(measured, client):
    body = client.get("/api/compare?kommune=4601&kommune=0301").json()
    assert [k["kommune"] for k in body["kommuner"]] == ["4601", "0301"]
    assert [k["name"] for k in body["kommuner"]] == ["Bergen", "Oslo"]
    assert all(k["goals"] and k["indicators"] for k in body["kommuner"])


@pytest.mark.parametrize("query", ["", "?kommune=0301", "?kommune=0301&kommune=0301",
                                   "?" + "&".join(f"kommune={n}" for n in ("0301", "4601", "5001", "1103", "3201",
                                                                          "1108"))])
def test_compare_needs_two_to_five_kommuner(measured, client, query):
    response = client.get(f"/api/compare{query}")
    assert response.status_code == 422 and "2 to 5" in response.json()["detail"]


def test_compare_with_an_unknown_kommune_is_404(measured, client):
    response = client.get("/api/compare?kommune=0301&kommune=9999")
    assert response.status_code == 404 and "9999" in response.json()["detail"]


@pytest.mark.parametrize("path", ["/api/kommuner/9999/results", "/api/goals/18/results",
                                  "/api/indicators/NO_SUCH_INDICATOR/results", "/api/runs/12345"])
def test_unknown_things_are_404(measured, client, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("path", ["/api/kommuner/4601/results", "/api/goals/3/results",
                                  "/api/indicators/VAX_MEASLES_AGE2/results",
                                  "/api/compare?kommune=0301&kommune=4601"])
def test_before_any_run_results_are_404_saying_to_measure(unmeasured, client, path):
    response = client.get(path)
    assert response.status_code == 404 and "lokalagenda measure" in response.json()["detail"]


def test_no_runs_is_an_empty_list(unmeasured, client):
    assert client.get("/api/runs").json() == []


def test_openapi_document_with_measurement_is_valid(client):
    document = client.get("/api/openapi.json").json()
    validate(document)
    assert {"/api/runs", "/api/runs/{run_id}", "/api/kommuner/{number}/results", "/api/goals/{number}/results",
            "/api/indicators/{indicator_id}/results", "/api/compare"} <= set(document["paths"])
