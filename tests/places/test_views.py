"""The list of fylker (``/fylke/``), the places app's own page, with all fylker on a map."""

import json
import re

import pytest

pytestmark = pytest.mark.django_db


def _spec(html: str, spec_id: str) -> dict:
    match = re.search(rf'<script id="{spec_id}" type="application/json">(.*?)</script>', html, re.S)
    assert match, f"no {spec_id} on the page"
    return json.loads(match.group(1))


def test_fylke_list_shows_all_fylker_on_a_map(client):
    html = client.get("/fylke/").content.decode()
    url = _spec(html, "map-spec")["data"]["url"]
    assert url.endswith("/fylker.json") and len(client.get(url).json()["features"]) == 15
    assert '<span lang="smi">Romsa</span>' in html
