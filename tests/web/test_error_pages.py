"""With DEBUG off (production and ``make demo``) a missing page, a refused one and a server error show the site's own
pages in the reader's language, with ways on, never Django's debug page (which lists every URL) or its bare English
"403 Forbidden". The 500 page renders without the database, which may be what failed."""

import importlib

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from django.views.defaults import server_error

pytestmark = pytest.mark.django_db

#: Each language's heading of the 404 and 403 pages, and a word of its front-page link.
HEADINGS = {
    "nb": ("Vi finner ikke den siden", "Du har ikke tilgang til denne siden", "Gå til forsiden"),
    "nn": ("Vi finn ikkje den sida", "Du har ikkje tilgang til denne sida", "Gå til framsida"),
    "en": ("We cannot find that page", "You do not have access to this page", "Go to the front page"),
}
DEBUG_PAGE = ("Using the URLconf", "Django tried these URL patterns", "Traceback", "settings.py", "403 Forbidden")


@pytest.fixture(autouse=True)
def debug_off(settings):
    settings.DEBUG = False


def _page(response, language):
    page = response.content.decode()
    assert f'<html lang="{language}"' in page
    assert not [text for text in DEBUG_PAGE if text in page], page[:500]
    assert f'href="{reverse("web:home")}"' in page and f'action="{reverse("web:search")}"' in page
    assert f'href="{reverse("places:fylker")}"' in page
    return page


@pytest.mark.parametrize("language", HEADINGS)
@pytest.mark.parametrize("path", ["/finnes-ikke/", "/kommune/9999/"])
def test_a_missing_page_is_the_translated_404_with_ways_on(client, language, path):
    client.cookies["lokalagenda_language"] = language
    response = client.get(path)
    assert response.status_code == 404
    page = _page(response, language)
    assert HEADINGS[language][0] in page and HEADINGS[language][2] in page


@pytest.mark.parametrize("language", HEADINGS)
def test_a_refused_page_is_the_translated_403_with_ways_on(client, bergen_editor, language):
    client.force_login(bergen_editor)
    client.cookies["lokalagenda_language"] = language
    response = client.get(reverse("plans:priorities-edit", args=["0301"]))
    assert response.status_code == 403
    page = _page(response, language)
    assert HEADINGS[language][1] in page and "bergen" in page.lower()


def test_the_500_page_is_translated_and_needs_no_database(django_assert_num_queries):
    request = RequestFactory().get("/")
    with translation.override("nn"), django_assert_num_queries(0):
        response = server_error(request)
    page = response.content.decode()
    assert response.status_code == 500 and '<html lang="nn"' in page and "Noko gjekk gale hos oss" in page
    assert f'href="{reverse("web:search")}"' in page and f'href="{reverse("web:home")}"' in page


def test_the_demo_settings_run_without_debug_and_serve_static_files(monkeypatch):
    monkeypatch.delenv("LOKALAGENDA_DEBUG", raising=False)
    dev = importlib.reload(importlib.import_module("lokalagenda.web.settings.dev"))
    assert dev.DEBUG is False and dev.WHITENOISE_USE_FINDERS is True
    assert "whitenoise.middleware.WhiteNoiseMiddleware" in dev.MIDDLEWARE
    monkeypatch.setenv("LOKALAGENDA_DEBUG", "1")
    assert importlib.reload(dev).DEBUG is True


def test_static_files_are_served_with_debug_off(client):
    response = client.get("/static/lokalagenda/site.css")
    assert response.status_code == 200 and b"".join(response.streaming_content)
