"""The comparison page: it starts from one kommune (the link on every kommune page), offers every kommune by its
official names and number in the picker, and shows the goal scores as a chart next to the tables."""

from __future__ import annotations

import json
import re

import pytest

from lokalagenda.measurement.models import GoalResult

pytestmark = pytest.mark.django_db


@pytest.fixture
def measured(measured_module, db, client):
    client.cookies["lokalagenda_language"] = "en"
    return measured_module


def _chart(html: str) -> dict:
    return json.loads(re.search(r'<script id="compare-chart-spec" type="application/json">(.*?)</script>',
                                html, re.S).group(1))


def test_one_kommune_shows_its_results_and_a_way_to_add_others(measured, client):
    response = client.get("/sammenlign/?kommune=4601")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<th scope="col">Bergen (4601)</th>' in html
    assert re.search(r'<option value="4601" selected>Bergen \(4601\)</option>', html)
    assert "Add up to 4 kommuner above to compare with Bergen." in html
    select = re.search(r'<select name="kommune"[^>]*>', html).group(0)
    assert " multiple" in select and 'data-picker-max="5"' in select
    assert "Give at least two" not in html and 'role="alert"' not in html


def test_the_picker_offers_every_kommune_by_its_official_names_and_number(measured, client):
    html = client.get("/sammenlign/?kommune=4601").content.decode()
    assert '<option value="5610">Karasjok – Kárášjohka (5610)</option>' in html
    assert '<option value="5540">Kåfjord – Gáivuotna – Kaivuono (5540)</option>' in html
    assert len(re.findall(r'<option value="\d{4}"', html)) == 357


def test_the_goal_scores_of_the_compared_kommuner_are_a_chart_as_well_as_a_table(measured, client):
    html = client.get("/sammenlign/?kommune=4601&kommune=0301").content.decode()
    chart = _chart(html)
    assert chart["encoding"]["color"]["scale"]["domain"] == ["Bergen (4601)", "Oslo (0301)"]
    stored = {(r.place, r.goal_id): r.score for r in
              GoalResult.objects.filter(run=measured, place__in=["4601", "0301"]).exclude(score=None)}
    drawn = {("4601" if row["kommune"].startswith("Bergen") else "0301", int(row["goal"].split()[0])): row["score"]
             for row in chart["data"]["values"]}
    assert drawn == pytest.approx(stored)
    assert 'data-vega-spec="compare-chart-spec"' in html and "vendor/vega/vega-embed.min.js" in html
    assert "<caption" in html  # the table stays the accessible view of the same figures


def test_the_chosen_kommuner_come_first_in_the_order_asked_so_the_columns_stay(measured, client):
    html = client.get("/sammenlign/?kommune=5610&kommune=0301").content.decode()
    options = re.findall(r'<option value="(\d{4})"( selected)?>', html)
    assert options[:2] == [("5610", " selected"), ("0301", " selected")]
    assert [number for number, chosen in options if chosen] == ["5610", "0301"] and len(options) == 357
    assert html.index("Karasjok (5610)</th>") < html.index("Oslo (0301)</th>")


def test_an_empty_choice_is_the_empty_form(measured, client):
    response = client.get("/sammenlign/?kommune=")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="kommune"' in html and "compare-chart-spec" not in html and " selected>" not in html


def test_text_that_is_no_kommunenummer_is_named_as_unknown_never_looked_up(measured, client):
    response = client.get("/sammenlign/?kommune=4601&kommune=%00")
    assert response.status_code == 400
    assert "No kommune has the number" in response.content.decode()


def test_too_many_kommuner_are_refused_with_the_first_five_still_chosen(measured, client):
    numbers = ["0301", "4601", "5001", "1103", "3201", "1508", "5610"]
    response = client.get("/sammenlign/", {"kommune": numbers})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Compare at most 5 kommuner at a time." in html
    assert re.findall(r'<option value="(\d{4})" selected>', html) == numbers[:5]


def test_the_comparison_links_to_the_kommuner_like_its_first_kommune(measured, client):
    html = client.get("/sammenlign/?kommune=0301&kommune=4601").content.decode()
    assert '<a class="ds-link" href="/kommune/0301/lignende/">Find kommuner like Oslo</a>' in html
    assert "/kommune/4601/lignende/" not in html
    assert "data-twin-finder" not in client.get("/sammenlign/").content.decode()  # no kommune chosen yet
