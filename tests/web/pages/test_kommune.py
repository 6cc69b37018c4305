"""The kommune page (``/kommune/<nr>/``): names in every official form, facts, population chart and map with text
alternatives, code history."""

import json
import re

import pytest

pytestmark = pytest.mark.django_db


def _spec(html: str, spec_id: str) -> dict:
    match = re.search(rf'<script id="{spec_id}" type="application/json">(.*?)</script>', html, re.S)
    assert match, f"no {spec_id} on the page"
    return json.loads(match.group(1))


@pytest.mark.parametrize("number, name, fylke", [("0301", "Oslo", "Oslo"), ("5501", "Tromsø", "Troms"),
                                                  ("4601", "Bergen", "Vestland")])
def test_kommune_page_shows_the_kommune_with_population_chart_and_map(client, number, name, fylke):
    html = client.get(f"/kommune/{number}/").content.decode()
    assert f"<h1 class=\"ds-heading\" data-size=\"xl\">{name}</h1>" in html and f">{fylke}</a>" in html
    population = _spec(html, "population-spec")["data"]["values"]
    assert population[0]["year"] == 2005 and population[-1]["year"] == 2026
    spec = _spec(html, "map-spec")
    assert spec["data"]["url"].endswith(f"/fylke-{number[:2]}.json")  # the boundaries of the kommune's fylke
    assert spec["encoding"]["color"]["condition"]["test"] == {"field": "properties.code", "equal": number}


def test_oslo_shows_its_sami_name_and_official_population(client):
    html = client.get("/kommune/0301/").content.decode()
    assert '<span lang="smi">Oslove</span>' in html
    assert "728\xa0714" in html  # 1 January 2026, formatted the Norwegian way


def test_kommune_page_shows_sami_and_kven_names_and_code_history(client):
    html = client.get("/kommune/5622/").content.decode()
    assert '<span lang="smi">Porsáŋgu</span>' in html and '<span lang="fkv">Porsanki</span>' in html
    assert "1902 (1940–2019), 5401 (2020–2023)" in client.get("/kommune/5501/").content.decode()


def test_chart_and_map_have_text_alternatives(client):
    html = client.get("/kommune/0301/").content.decode()
    assert re.search(r'data-vega-spec="population-spec" role="img" aria-label="[^"]*Oslo[^"]*2005', html)
    assert re.search(r'data-vega-spec="map-spec" role="img" aria-label="[^"]+"', html)
    assert "<table" in html  # the population series as a table


def test_unknown_kommune_is_404(client):
    assert client.get("/kommune/9999/").status_code == 404


def test_kommune_divided_in_a_reform_explains_its_missing_years(client):
    client.cookies["lokalagenda_language"] = "en"
    assert "no figures before 2024" in client.get("/kommune/1580/").content.decode()
    assert "no figures before" not in client.get("/kommune/0301/").content.decode()


@pytest.fixture
def measured(measured_module, db):
    return measured_module


def test_the_page_opens_with_the_17_goal_tiles_and_keeps_the_facts_in_a_collapsed_section(client, measured):
    client.cookies["lokalagenda_language"] = "en"
    html = client.get("/kommune/4601/").content.decode()
    tiles, facts = html.index("data-goal-tiles"), html.index("data-place-facts")
    assert html.index("<h1") < tiles < facts < html.index('id="priorities-heading"') < html.index('id="status-heading"')
    assert html.count('data-goal-tile="') == 17 and 'href="/kommune/4601/mal/3/"' in html
    assert re.search(r'<details class="ds-details place-facts" data-place-facts>\s*'
                     r'<summary>Facts about Bergen</summary>', html)
    assert "<dt>Kommunenummer</dt><dd>4601</dd>" in html[facts:]
    assert "of 17 goals measured, from" in html and "data-goal-coverage" in html
    assert html.count('class="goal-row"') == 17  # the table view stays further down


def test_before_the_first_run_the_page_has_no_tiles_but_its_facts(client, unmeasured):
    html = client.get("/kommune/4601/").content.decode()
    assert "data-goal-tiles" not in html and "<dt>Kommunenummer</dt><dd>4601</dd>" in html
