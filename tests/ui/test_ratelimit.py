"""Searching is limited per client address (LOKALAGENDA_SEARCH_RATE_LIMIT searches a minute): the next one is
answered 429 with a message in the visitor's language, while other addresses search on."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import override_settings

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
SEARCHES = ["/sok/?q=berg", "/erfaringer/?q=klimagass", "/api/practices?q=klimagass", "/api/practices.csv?q=klima"]


@pytest.fixture
def english(client) -> None:
    client.cookies["lokalagenda_language"] = "en"


def _search(client, url: str, address: str = "10.0.0.1", **headers: str):
    return client.get(url, REMOTE_ADDR=address, **headers)


def test_the_default_limit_is_generous() -> None:
    assert settings.LOKALAGENDA_SEARCH_RATE_LIMIT == 60


@override_settings(LOKALAGENDA_SEARCH_RATE_LIMIT=3)
@pytest.mark.parametrize("url", SEARCHES)
def test_the_search_after_the_limit_is_429_and_another_address_still_searches(client, url: str) -> None:
    assert [_search(client, url).status_code for _ in range(3)] == [200] * 3
    refused = _search(client, url)
    assert refused.status_code == 429
    assert 0 < int(refused.headers["Retry-After"]) <= 60
    assert "Too many searches" in refused.content.decode()
    assert _search(client, url, address="10.0.0.2").status_code == 200


@override_settings(LOKALAGENDA_SEARCH_RATE_LIMIT=2)
def test_the_pages_and_the_api_share_one_count_per_address(client) -> None:
    assert [_search(client, url).status_code for url in SEARCHES[:3]] == [200, 200, 429]


@override_settings(LOKALAGENDA_SEARCH_RATE_LIMIT=2)
def test_the_api_answers_429_in_json(client) -> None:
    responses = [_search(client, "/api/practices?q=klimagass") for _ in range(3)]
    assert responses[-1].status_code == 429
    assert "Too many searches" in responses[-1].json()["detail"]


@override_settings(LOKALAGENDA_SEARCH_RATE_LIMIT=2)
def test_browsing_without_a_search_is_not_counted(client) -> None:
    assert [_search(client, "/erfaringer/").status_code for _ in range(4)] == [200] * 4
    assert _search(client, "/sok/?q=berg").status_code == 200


@override_settings(LOKALAGENDA_SEARCH_RATE_LIMIT=2, LOKALAGENDA_PROXY_COUNT=1)
def test_behind_a_proxy_each_visitor_has_their_own_count(client) -> None:
    first = [_search(client, "/sok/?q=berg", "127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7").status_code
             for _ in range(3)]
    assert first == [200, 200, 429]
    assert _search(client, "/sok/?q=berg", "127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.8").status_code == 200


@override_settings(LOKALAGENDA_SEARCH_RATE_LIMIT=2)
def test_without_a_proxy_a_visitor_cannot_escape_the_limit_with_x_forwarded_for(client) -> None:
    statuses = [_search(client, "/sok/?q=berg", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code for n in range(3)]
    assert statuses == [200, 200, 429]
