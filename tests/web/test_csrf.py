"""CSRF: every POST form carries the token, and htmx requests send it from the page (the cookie is HttpOnly)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

import lokalagenda

pytestmark = pytest.mark.django_db
SOURCE = Path(lokalagenda.__file__).parent
POST_FORM = re.compile(r"<form\b[^>]*\bmethod=[\"']post[\"'][^>]*>(.*?)</form>", re.IGNORECASE | re.DOTALL)
HX_HEADERS = re.compile(r"hx-headers='([^']*)'")


def _templates() -> list[Path]:
    return sorted(SOURCE.glob("*/templates/**/*.html"))


def test_every_post_form_in_the_templates_carries_the_csrf_token() -> None:
    forms = [(path, body) for path in _templates() for body in POST_FORM.findall(path.read_text(encoding="utf-8"))]
    assert len(forms) > 10, "no POST forms found: has the template layout changed?"
    missing = [str(path.relative_to(SOURCE)) for path, body in forms if "{% csrf_token %}" not in body]
    assert not missing, f"POST forms without {{% csrf_token %}}: {missing}"


def test_no_template_posts_with_htmx_outside_the_page_headers() -> None:
    """hx-post/put/patch/delete send the token through the hx-headers of web/base.html, which every page extends."""
    writers = [path for path in _templates() if re.search(r"\bhx-(post|put|patch|delete)=", path.read_text("utf-8"))]
    for path in writers:
        text = path.read_text(encoding="utf-8")
        assert '{% extends "web/base.html" %}' in text or path.name.startswith("_"), path


def _page_token(client: Client) -> str:
    page = client.get(reverse("web:home")).content.decode()
    headers = json.loads(HX_HEADERS.search(page).group(1))
    return headers["X-CSRFToken"]


def test_htmx_requests_send_the_token_from_the_page_and_the_middleware_accepts_it(oslo_editor) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(oslo_editor)
    url = reverse("plans:priorities-edit", args=["0301"])
    assert client.post(url, {"statement": "Uten token"}).status_code == 403
    response = client.post(url, {"statement": "Med token"}, HTTP_X_CSRFTOKEN=_page_token(client),
                           HTTP_HX_REQUEST="true")
    assert response.status_code == 302


def test_the_csrf_and_session_cookies_cannot_be_read_by_scripts(oslo_editor) -> None:
    client = Client()
    client.post(reverse("accounts:login"), {"username": "oslo-editor", "password": "correct horse battery"})
    client.get(reverse("web:home"))
    session, csrf = client.cookies["sessionid"], client.cookies["csrftoken"]
    assert session["httponly"] and session["samesite"] == "Lax" and not session["max-age"]
    assert csrf["httponly"] and csrf["samesite"] == "Lax"
