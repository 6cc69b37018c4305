"""Headers on every response: a Permissions-Policy that turns off the browser features the site never uses, and
``Cache-Control: private, no-store`` on what a signed-in person sees (no shared or back-button copy of an editor's
pages), unless the view chose its own caching."""

from __future__ import annotations

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db
DENIED = ("camera", "microphone", "geolocation", "payment", "usb", "interest-cohort", "browsing-topics")


def _policy(response: object) -> dict[str, str]:
    header = response.headers["Permissions-Policy"]  # type: ignore[attr-defined]
    return dict(part.strip().split("=", 1) for part in header.split(","))


@pytest.mark.parametrize("url", ["/", "/sok/?q=berg", "/api/goals", "/finnes-ikke/", "/static/lokalagenda/site.css"])
def test_every_response_carries_a_permissions_policy_that_denies_unused_features(client, url: str) -> None:
    response = client.get(url)
    policy = _policy(response)
    assert all(policy[feature] == "()" for feature in DENIED), policy


def test_a_signed_in_persons_pages_are_private_and_not_stored(client, oslo_editor) -> None:
    client.force_login(oslo_editor)
    for url in ["/", "/kommune/0301/", "/api/goals", "/finnes-ikke/"]:
        assert client.get(url).headers["Cache-Control"] == "private, no-store", url


def test_an_anonymous_visitors_pages_are_left_to_the_views(client) -> None:
    assert "no-store" not in client.get("/kommune/0301/").headers.get("Cache-Control", "")


@override_settings(ROOT_URLCONF="tests.web.cache_control_urls")
def test_a_view_that_chose_its_own_caching_keeps_it_for_a_signed_in_person(client, oslo_editor) -> None:
    client.force_login(oslo_editor)
    assert client.get("/test-shared/").headers["Cache-Control"] == "public, max-age=300"
