"""After logging in, people land on their own organisation's page ("My kommune"), unless a safe ``next`` asks for
another page; the navigation links to that page."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation

from lokalagenda.accounts.landing import own_page
from tests.fixtures import make_member

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery"


def _log_in(client: Any, username: str, **extra: str) -> Any:
    """Logs in through the login page, as a person does (django-axes counts attempts per request)."""
    return client.post(reverse("accounts:login"), {"username": username, "password": PASSWORD, **extra})


def _in_bokmal(text: str) -> str:
    """The label as the page shows it: in bokmål once the catalogue has it, else the English msgid."""
    with translation.override("nb"):
        return translation.gettext(text)


@pytest.mark.parametrize(("slug", "role", "page"), [
    ("kommune-4601", "editor", "/kommune/4601/"),
    ("kommune-0301", "viewer", "/kommune/0301/"),
    ("fylkeskommune-46", "editor", "/fylke/46/"),
    ("nasjonalt", "editor", "/nasjonalt/"),
])
def test_login_lands_on_the_own_organisations_page(client: Any, slug: str, role: str, page: str) -> None:
    make_member("someone", slug, role)
    response = _log_in(client, "someone")
    assert response.status_code == 302 and response.url == page


def test_login_without_an_organisation_lands_on_the_front_page(client: Any) -> None:
    get_user_model().objects.create_user(username="loner", password=PASSWORD)
    response = _log_in(client, "loner")
    assert response.status_code == 302 and response.url == "/"


def test_an_editing_membership_wins_over_a_viewing_one(client: Any) -> None:
    user = make_member("two-hats", "kommune-0301", "viewer")
    from lokalagenda.accounts.models import Membership, Organisation

    Membership.objects.create(user=user, organisation=Organisation.objects.get(slug="kommune-4601"), role="editor")
    assert _log_in(client, "two-hats").url == "/kommune/4601/"


def test_a_safe_next_is_respected(client: Any, bergen_editor: Any) -> None:
    response = _log_in(client, "bergen-editor", next="/erfaringer/")
    assert response.url == "/erfaringer/"


@pytest.mark.parametrize("unsafe", ["https://evil.example/", "//evil.example/kommune/", "javascript:alert(1)"])
def test_an_unsafe_next_is_ignored(client: Any, bergen_editor: Any, unsafe: str) -> None:
    response = _log_in(client, "bergen-editor", next=unsafe)
    assert response.status_code == 302 and response.url == "/kommune/4601/"


def test_next_pointing_at_the_front_page_counts_as_none(client: Any, bergen_editor: Any) -> None:
    # The navigation's login link names the page it is on; from the front page that is "/".
    assert _log_in(client, "bergen-editor", next="/").url == "/kommune/4601/"


def test_navigation_links_to_my_kommune_for_a_kommune_editor(client: Any, bergen_editor: Any) -> None:
    client.force_login(bergen_editor)
    html = client.get("/fylke/").content.decode()
    assert f'href="/kommune/4601/" data-own-page>{_in_bokmal("My kommune")}</a>' in html


def test_navigation_links_to_my_organisation_for_a_fylkeskommune(client: Any) -> None:
    client.force_login(make_member("vestland", "fylkeskommune-46", "editor"))
    html = client.get("/fylke/").content.decode()
    assert f'href="/fylke/46/" data-own-page>{_in_bokmal("My organisation")}</a>' in html


def test_anonymous_visitors_have_no_own_page_link(client: Any) -> None:
    html = client.get("/fylke/").content.decode()
    assert "data-own-page" not in html


def test_partner_organisations_have_no_own_page(db: Any) -> None:
    from lokalagenda.accounts.models import Membership, Organisation

    partner = Organisation.objects.create(name="Fjord1", slug="fjord1", kind=Organisation.Kind.PARTNER)
    user = get_user_model().objects.create_user(username="fjord1-editor", password=PASSWORD)
    Membership.objects.create(user=user, organisation=partner, role="editor")
    assert own_page(user) is None
