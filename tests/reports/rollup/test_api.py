"""``GET /api/rollup``: the roll-up as one JSON document (tested on the router until ``api.py`` adds it)."""

import pytest
from ninja.testing import TestClient

from lokalagenda.api.rollup import router
from tests.reports.rollup.test_build import stored_run_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return TestClient(router)


def test_the_api_returns_every_table_and_the_metadata(api, stored_run):
    response = api.get("/rollup?language=en")
    assert response.status_code == 200
    body = response.json()
    assert body["metadata"]["run_id"] == stored_run.pk and body["metadata"]["language"] == "en"
    assert body["tables"]["goals"]["rows"][0]["green"] == 1
    assert len(body["tables"]["targets"]["rows"]) == 169


def test_the_api_returns_one_table_or_names_the_choices(api, stored_run):
    assert list(api.get("/rollup?table=least_addressed").json()["tables"]) == ["least_addressed"]
    unknown = api.get("/rollup?table=nope")
    assert unknown.status_code == 404 and "choose one of" in unknown.json()["detail"]


def test_the_api_says_to_measure_first_without_a_run(api, db):
    response = api.get("/rollup")
    assert response.status_code == 404 and "lokalagenda measure" in response.json()["detail"]
