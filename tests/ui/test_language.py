"""The active language every app asks for (``active_language``), and the language switcher: a GET link-like form
that sets the language cookie and goes back, but only into this site, and only to one of the site's languages."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils import translation

from lokalagenda.ui.language import active_language

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("activated", ["nb", "nn", "en"])
def test_the_active_language_is_the_one_activated(activated: str) -> None:
    with translation.override(activated):
        assert active_language() == activated


def test_a_regional_language_code_gives_its_base_code() -> None:
    with translation.override("nn-no"):
        assert active_language() == "nn"


def test_without_an_active_language_the_site_language_is_used(settings: Any) -> None:
    settings.LANGUAGE_CODE = "nn"
    with translation.override(None):
        assert active_language() == "nn"


@pytest.mark.parametrize("language, heading", [("nn", "Dei 17 berekraftsmåla"), ("en", "The 17 Sustainable")])
def test_switching_the_language_sets_the_cookie_and_returns_to_the_page(client: Client, language: str,
                                                                        heading: str) -> None:
    response = client.get("/sprak/", {"language": language, "next": "/mal/?side=2"})
    assert response.status_code == 302 and response.url == "/mal/?side=2"
    assert client.cookies["lokalagenda_language"].value == language
    html = client.get("/mal/").content.decode()
    assert f'<html lang="{language}"' in html and heading in html


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/mal/", "javascript:alert(1)", ""])
def test_the_switcher_never_sends_the_visitor_off_the_site(client: Client, target: str) -> None:
    response = client.get("/sprak/", {"language": "en", "next": target})
    assert response.status_code == 302 and response.url == "/"


def test_an_unknown_language_leaves_the_cookie_alone(client: Client) -> None:
    response = client.get("/sprak/", {"language": "de", "next": "/mal/"})
    assert response.status_code == 302 and "lokalagenda_language" not in response.cookies


def test_the_switch_is_never_stored_by_a_shared_cache(client: Client) -> None:
    response = client.get("/sprak/", {"language": "en", "next": "/mal/"})
    assert "no-store" in response["Cache-Control"] or "private" in response["Cache-Control"]


def test_every_page_offers_the_switcher_with_its_own_address(client: Client) -> None:
    html = client.get("/mal/11/").content.decode()
    assert 'action="/sprak/"' in html and 'name="next" value="/mal/11/"' in html
