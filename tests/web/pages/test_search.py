"""The site search (``/sok/``): a kommune by part of any official name or by number; one hit opens its page."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_search_finds_a_kommune_by_part_of_its_name_ignoring_case(client):
    # One hit opens the kommune's page (tests/web/test_dead_ends.py).
    response = client.get("/sok/", {"q": "ålesund"})
    assert response.status_code == 302 and response.url == "/kommune/1508/"


def test_search_finds_a_kommune_by_its_sami_name(client):
    assert client.get("/sok/", {"q": "guovdageaidnu"}).url == "/kommune/5612/"


def test_search_by_exact_number_goes_to_the_kommune(client):
    response = client.get("/sok/", {"q": "0301"})
    assert response.status_code == 302 and response.url == "/kommune/0301/"


def test_search_by_number_prefix_lists_the_fylke_kommuner(client):
    html = client.get("/sok/", {"q": "56"}).content.decode()
    assert html.count('href="/kommune/56') == 18


def test_a_name_search_lists_its_hits_in_the_norwegian_alphabet(client):
    html = client.get("/sok/", {"q": "snes"}).content.decode()
    listed = re.findall(r'<a class="ds-link" href="/kommune/\d{4}/">\d{4} ([^<]+)</a>', html)
    assert listed == ["Lindesnes", "Tysnes", "Øksnes", "Åsnes"]
