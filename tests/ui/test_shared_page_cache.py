"""A page cached for anonymous visitors is shared by all of them, so it must hold nothing of one visitor: no CSRF
token (the second visitor's language switch would be refused, and the token would reveal the first visitor's
secret), no query string the view does not read (which would also make a cache entry per made-up parameter)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.template import RequestContext, Template
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext

from lokalagenda.ui.caching import STAMPS, cached_for_anonymous

pytestmark = pytest.mark.django_db
PAGE = "/kommune/5001/"
#: A CSRF token in a page: a form's hidden field or htmx's header.
TOKEN = re.compile(r'(?:name="csrfmiddlewaretoken" value="|"X-CSRFToken": ")([A-Za-z0-9]+)"')
#: Queries of a page served from the cache: the data version only, one per registered data stamp (see
#: lokalagenda.ui.caching.data_version; the apps have registered theirs before the tests are collected).
CACHED_QUERIES = len(STAMPS)


class _SwitcherForm(HTMLParser):
    """The language switcher form of a page as a browser reads it: its method, action, hidden fields and the
    name and value of the button for each language."""

    def __init__(self) -> None:
        super().__init__()
        self.inside = False
        self.method, self.action = "get", ""
        self.fields: dict[str, str] = {}
        self.buttons: dict[str, tuple[str, str]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        if tag == "form" and "language-switcher" in found.get("class", ""):
            self.inside, self.method, self.action = True, found.get("method", "get").lower(), found["action"]
        elif self.inside and tag == "input" and found.get("type") == "hidden":
            self.fields[found["name"]] = found.get("value", "")
        elif self.inside and tag == "button":
            self.buttons[found["lang"]] = (found["name"], found["value"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False


def _switch_language(client: Client, html: str, language: str) -> HttpResponse:
    """Press the switcher's button for ``language`` as a browser would submit the form."""
    form = _SwitcherForm()
    form.feed(html)
    name, value = form.buttons[language]
    data = {**form.fields, name: value}
    if form.method == "post":
        return client.post(form.action, data)
    return client.get(f"{form.action}?{urlencode(data)}")


def _tokens(html: str) -> set[str]:
    return set(TOKEN.findall(html))


def test_two_anonymous_visitors_of_a_cached_page_share_no_csrf_token() -> None:
    first = Client(enforce_csrf_checks=True).get(PAGE).content.decode()
    second = Client(enforce_csrf_checks=True).get(PAGE).content.decode()
    assert _tokens(second).isdisjoint(_tokens(first))


def test_the_second_visitor_of_a_cached_page_can_switch_the_language() -> None:
    Client(enforce_csrf_checks=True).get(PAGE)
    second = Client(enforce_csrf_checks=True)
    response = _switch_language(second, second.get(PAGE).content.decode(), "en")
    assert response.status_code == 302 and response.url == PAGE
    assert second.cookies["lokalagenda_language"].value == "en"
    assert '<html lang="en"' in second.get(PAGE).content.decode()


def test_unknown_query_parameters_share_the_cached_page() -> None:
    client = Client()
    first = client.get(PAGE + "?x=1")
    with CaptureQueriesContext(connection) as queries:
        second = client.get(PAGE + "?x=2&y=3")
    assert second.content == first.content and len(queries) <= CACHED_QUERIES


@pytest.mark.parametrize("url", ["/kommune/5001/", "/kommune/0301/innbyggere/", "/fylke/46/innbyggere/",
                                 "/innbygging/kommune/0301/", "/innbygging/fylke/46/", "/nasjonalt/rapport/?mal=3"])
def test_every_cached_page_is_served_from_the_cache_without_a_token(url: str) -> None:
    """A page whose rendering asks for a CSRF token is not cached at all: this notices one that starts to."""
    first = Client().get(url)
    with CaptureQueriesContext(connection) as queries:
        second = Client().get(url)
    assert first.status_code == 200 and second.content == first.content and len(queries) <= CACHED_QUERIES
    assert _tokens(second.content.decode()) == set()


def test_a_parameter_the_view_reads_keys_its_own_copy() -> None:
    """The widget reads ``?lang=``: the same language shares a copy however the query is written; another
    language has its own."""
    client = Client()
    english = client.get("/innbygging/kommune/0301/?lang=en&x=1")
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/innbygging/kommune/0301/?x=2&lang=en")
    assert again.content == english.content and len(queries) <= CACHED_QUERIES
    nynorsk = client.get("/innbygging/kommune/0301/?lang=nn")
    assert nynorsk.content != english.content and '<html lang="nn"' in nynorsk.content.decode()


def test_a_cached_page_carries_no_query_string_of_the_visitor_who_filled_the_cache() -> None:
    Client().get(PAGE + "?invite=secret-of-the-first-visitor")
    assert "secret-of-the-first-visitor" not in Client().get(PAGE).content.decode()


def test_a_page_that_uses_the_csrf_token_is_never_cached() -> None:
    """A form with a token on a cached page would hand one visitor's token to the next: such a page is rendered
    for each visitor instead (slower, never wrong)."""

    @cached_for_anonymous()
    def form_page(request: HttpRequest) -> HttpResponse:
        return HttpResponse(Template("<form>{% csrf_token %}</form>").render(RequestContext(request)))

    def visit() -> str:
        request: Any = RequestFactory().get("/skjema/")
        request.user = AnonymousUser()
        return form_page(request).content.decode()

    assert _tokens(visit()).isdisjoint(_tokens(visit()))
