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
