"""No dead ends: a search with one hit opens the kommune, and the API documentation is linked from every page."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_search_with_one_hit_opens_the_kommune(client: Any) -> None:
    response = client.get("/sok/", {"q": "guovdageaidnu"})
    assert response.status_code == 302 and response.url == "/kommune/5612/"


def test_a_search_with_several_hits_lists_them(client: Any) -> None:
    response = client.get("/sok/", {"q": "56"})
    assert response.status_code == 200 and response.content.decode().count('href="/kommune/56') == 18


def test_a_search_without_hits_says_so_on_the_page(client: Any) -> None:
    assert client.get("/sok/", {"q": "qqqzzz"}).status_code == 200


def test_an_htmx_search_never_redirects(client: Any) -> None:
    response = client.get("/sok/", {"q": "guovdageaidnu"}, headers={"HX-Request": "true"})
    assert response.status_code == 200 and "/kommune/5612/" in response.content.decode()


@pytest.mark.parametrize("page", ["/", "/fylke/46/", "/erfaringer/"])
def test_every_page_links_the_api_documentation(client: Any, page: str) -> None:
    docs = reverse("api:openapi-view")
    assert f'href="{docs}"' in client.get(page).content.decode()
    assert client.get(docs).status_code == 200
