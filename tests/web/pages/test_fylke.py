"""The fylke page (``/fylke/<nr>/``) lists its kommuner on a map, shows where the fylke stands on the goals (the
kommune page's status table) and links to the fylke's residents' page and reports."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.urls import reverse

from lokalagenda.measurement.models import GoalResult


@pytest.fixture
def measured(measured_module: Any, db: Any) -> Any:
    return measured_module


def test_fylke_page_shows_the_goal_status_of_the_fylke(client: Any, measured: Any) -> None:
    html = client.get("/fylke/46/").content.decode()
    assert 'id="status-heading"' in html and html.count('class="goal-row"') == 17
    result = GoalResult.objects.filter(run=measured, place="46", score__isnull=False).first()
    assert result is not None
    row = html[html.index(f'data-goal="{result.goal_id}" class="goal-row"'):]
    assert f"{result.score:.0f}" in row[:row.index("</tr>")]


def test_fylke_page_opens_with_its_17_goal_tiles_linking_to_the_fylke_goal_pages(client: Any, measured: Any) -> None:
    html = client.get("/fylke/46/").content.decode()
    assert html.count("data-goal-tile=") == 17
    assert html.index("data-goal-tiles") < html.index('id="status-heading"') < html.index('id="heatmap-heading"')
    for number in range(1, 18):  # the tile and the row of the status table
        assert html.count(f'href="{reverse("measurement:fylke-goal", args=["46", number])}"') == 2


def test_fylke_heat_map_has_a_row_per_kommune_and_a_cell_per_goal_with_symbol_and_words(client: Any,
                                                                                          measured: Any) -> None:
    client.cookies["lokalagenda_language"] = "en"
    html = client.get("/fylke/46/").content.decode()
    table = html[html.index('id="heatmap-caption"'):html.index("</table>", html.index('id="heatmap-caption"'))]
    assert "Status of the kommuner in Vestland on the 17 goals" in table
    assert table.count("<tr data-kommune=") == 43 and table.count("data-goal-status=") == 43 * 17
    result = GoalResult.objects.filter(run=measured, place="4601", score__isnull=False).exclude(colour="").first()
    assert result is not None
    row = table[table.index('<tr data-kommune="4601">'):]
    row = row[:row.index("</tr>")]
    cell = row[row.index(f'data-goal-status="{result.goal_id}"'):]
    cell = cell[:cell.index("</td>")]
    assert f"heat--{result.colour}" in row and f"; score {result.score:.0f}" in cell
    assert 'class="ds-sr-only"' in cell and 'aria-hidden="true"' in cell
    assert 'role="region" aria-labelledby="heatmap-caption" tabindex="0"' in html
    assert "The colour shows" in html or "Two kinds of colour" in html  # what the colours compare


def test_fylke_goal_table_has_no_kommune_links_or_percentiles(client: Any, measured: Any) -> None:
    html = client.get("/fylke/46/").content.decode()
    table = html[html.index('id="goals-table-caption"'):html.index("</table>", html.index('id="goals-table-caption"'))]
    assert "/kommune/" not in table and "percentile" not in table.lower()


def test_fylke_page_links_residents_page_and_reports(client: Any, unmeasured: Any) -> None:
    html = client.get("/fylke/46/").content.decode()
    for url in (reverse("public:fylke", args=["46"]), reverse("vlr:report", args=["fylke", "46", "vlr"]),
                reverse("vlr:report", args=["fylke", "46", "brief"])):
        assert f'href="{url}"' in html


def test_fylke_page_before_any_run_says_so(client: Any, unmeasured: Any) -> None:
    client.cookies["lokalagenda_language"] = "en"
    html = client.get("/fylke/46/").content.decode()
    assert 'id="status-heading"' in html and 'class="goal-row"' not in html
    assert "data-goal-tile=" not in html and "data-goal-status=" not in html
    assert "No kommune in Vestland has a measured goal yet." in html


def test_kommune_page_keeps_its_goal_links_and_percentiles(client: Any, measured: Any) -> None:
    html = client.get("/kommune/4601/").content.decode()
    assert html.count('class="goal-row"') == 17 and 'href="/kommune/4601/mal/1/"' in html


def _spec(html: str, spec_id: str) -> dict:
    match = re.search(rf'<script id="{spec_id}" type="application/json">(.*?)</script>', html, re.S)
    assert match, f"no {spec_id} on the page"
    return json.loads(match.group(1))


@pytest.mark.django_db
def test_fylke_page_lists_its_kommuner(client: Any) -> None:
    html = client.get("/fylke/46/").content.decode()
    assert "Vestland" in html and "/kommune/4601/" in html
    assert len(set(re.findall(r'href="/kommune/([0-9]{4})/"', html))) == 43
    spec = _spec(html, "map-spec")
    assert spec["data"]["url"].endswith("/fylke-46.json")
    assert len(client.get(spec["data"]["url"]).json()["features"]) == 43


def test_fylke_page_headings_are_those_of_the_kommune_page_so_no_two_say_the_same(client: Any, measured: Any) -> None:
    """A screen reader lists the headings: the tiles are "The 17 goals", the table "Where the fylke stands"."""
    client.cookies["lokalagenda_language"] = "en"
    html = client.get("/fylke/46/").content.decode()
    headings = re.findall(r"<h2[^>]*>([^<]+)</h2>", html)
    assert "The 17 goals" in headings and "Where the fylke stands" in headings
    assert len(headings) == len(set(headings)) and not any("stands on the 17 goals" in h for h in headings)
