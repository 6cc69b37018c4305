"""The roll-up page's charts offer their numbers as CSV and Excel: the status distribution (kommuner per goal and
status) and the map of the chosen goal (every kommune's status and score), in the page's words, with the run as
the source and the roll-up's licence in the file."""

import io

import pandas as pd
import pytest
from django.urls import reverse

from lokalagenda.measurement.models import GoalResult
from tests.reports.rollup.test_build import stored_run_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(client):
    client.cookies["lokalagenda_language"] = "en"


def _csv(response) -> pd.DataFrame:
    assert response.status_code == 200, response.content
    return pd.read_csv(io.BytesIO(response.content), dtype={"kommune": str})


def test_the_page_links_the_data_of_both_charts_for_the_chosen_goal(client, stored_run):
    html = client.get(reverse("rollup:page"), {"mal": "3"}).content.decode()
    assert 'href="/diagramdata/rollup-distribution.csv" download' in html
    assert 'href="/diagramdata/rollup-map.xlsx?mal=3" download' in html
    assert 'data-chart-file="nasjonal-rapport-status-per-mal"' in html
    assert 'data-chart-file="nasjonal-rapport-mal-3"' in html


def test_the_distribution_data_counts_the_kommuner_of_each_status_per_goal_as_the_page_does(client, stored_run):
    response = client.get("/diagramdata/rollup-distribution.csv")
    assert 'filename="nasjonal-rapport-status-per-mal.csv"' in response["Content-Disposition"]
    table = _csv(response)
    page = client.get(reverse("rollup:page")).context["page"]
    for row in page.rollup.goals:
        counts = table[table["goal"] == row.goal].set_index("status")["kommuner"].to_dict()
        assert counts == row.counts
    assert table.groupby("goal")["kommuner"].sum().eq(357).all()
    assert set(table["licence"]) == {"CC BY 4.0"} and table["source"].str.contains("measurement run").all()
    assert "green: target reached" in set(table["status_words"])


def test_the_map_data_gives_every_kommunes_status_and_score_for_the_goal_asked(client, stored_run):
    response = client.get("/diagramdata/rollup-map.csv?mal=3")
    assert 'filename="nasjonal-rapport-mal-3.csv"' in response["Content-Disposition"]
    table = _csv(response).set_index("kommune")
    assert len(table) == 357 and set(table["goal"]) == {3}
    bergen = GoalResult.objects.get(run=stored_run, place="4601", goal=3)
    assert table.loc["4601", "status_words"] == "yellow: challenges remain"
    assert table.loc["4601", "score"] == pytest.approx(bergen.score)
    assert table.loc["0301", "status"] == "no_status"
    chosen_first = _csv(client.get("/diagramdata/rollup-map.csv?mal=x"))  # as the page: the first goal with data
    assert set(chosen_first["goal"]) == {1}


def test_without_a_run_the_roll_up_downloads_say_so(client, db):
    response = client.get("/diagramdata/rollup-map.csv?mal=3")
    assert response.status_code == 404 and "No measurement run has finished yet." in response.content.decode()
