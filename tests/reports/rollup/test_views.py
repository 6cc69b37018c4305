"""The national roll-up page and its downloads: public, statuses in words, a map with a text and table
alternative, the breakdowns of the chosen goal, the least addressed targets, and the files."""

import io
import json

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from lokalagenda.measurement.models import GoalResult, MeasurementRun
from tests.reports.rollup.test_build import stored_run_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(client):
    client.cookies["lokalagenda_language"] = "en"


def test_the_page_shows_statuses_in_words_the_map_and_the_downloads(client, stored_run):
    response = client.get(reverse("rollup:page"))
    assert response.status_code == 200
    html = response.content.decode()
    page = response.context["page"]
    assert page.goal.goal == 1 and "National roll-up" in html
    assert "green: target reached" in html and "red: major challenges" in html and "no data" in html
    assert page.summary == ("Goal 1, No poverty: of 357 kommuner, 1 green: target reached; 1 red: major "
                            "challenges; 355 no data.")
    assert page.summary in html and 'id="map-spec"' in html and 'id="distribution-spec"' in html
    assert page.map["description"] in html and "Map as a table" in html
    for format_name in ("xlsx", "csv", "json"):
        assert reverse("rollup:download", args=[format_name]) in html
    assert {breakdown.name for breakdown in page.breakdowns} >= {"size", "fylke"}
    assert 'data-breakdown="fylke"' in html and len(page.least_addressed) == 20
    assert 'id="least-addressed"' in html and 'style="' not in html and "<style" not in html


def test_the_chosen_goal_sets_the_map_and_the_breakdowns(client, stored_run):
    page = client.get(reverse("rollup:page"), {"mal": "3"}).context["page"]
    assert page.goal.goal == 3 and "1 no status" in page.summary
    assert all(row.goal == 3 for breakdown in page.breakdowns for row in breakdown.rows)
    statuses = {row.kommune: words for row, words in page.kommuner}
    assert statuses["0301"] == "no status" and statuses["4601"] == "yellow: challenges remain"
    assert client.get(reverse("rollup:page"), {"mal": "x"}).context["page"].goal.goal == 1


def test_without_a_run_the_page_says_so_and_downloads_are_not_found(client, db):
    response = client.get(reverse("rollup:page"))
    assert response.status_code == 200 and "No measurement run has finished yet" in response.content.decode()
    download = client.get(reverse("rollup:download", args=["xlsx"]))
    assert download.status_code == 404 and "No measurement run" in download.content.decode()


def test_the_downloads_serve_excel_csv_and_json(client, stored_run):
    excel = client.get(reverse("rollup:download", args=["xlsx"]))
    assert excel.status_code == 200 and excel["Content-Type"].startswith("application/vnd.openxmlformats")
    assert f'filename="lokalagenda-rollup-run{stored_run.pk}.xlsx"' in excel["Content-Disposition"]
    assert load_workbook(io.BytesIO(excel.content))["goals"]["C3"].value == 1  # row 1: names, row 2: column keys
    single = client.get(reverse("rollup:download", args=["csv"]), {"tabell": "goals"})
    assert single.status_code == 200 and single.content.decode().startswith("goal,goal_name,green,")
    document = json.loads(client.get(reverse("rollup:download", args=["json"])).content)
    assert document["metadata"]["run_id"] == stored_run.pk
    assert client.get(reverse("rollup:download", args=["pdf"])).status_code == 404
    assert client.get(reverse("rollup:download", args=["csv"]), {"tabell": "nope"}).status_code == 404


def test_anonymous_visitors_get_a_cached_page_until_the_data_changes(client, stored_run):
    first = client.get(reverse("rollup:page")).content
    GoalResult.objects.filter(run=stored_run, place="0301", goal=1).update(colour="red")
    assert client.get(reverse("rollup:page")).content == first
    MeasurementRun.objects.filter(pk=stored_run.pk).update(finished_at=timezone.now())
    assert b"2 red: major challenges" in client.get(reverse("rollup:page")).content
