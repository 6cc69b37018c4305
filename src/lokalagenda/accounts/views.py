"""Logging in, and the page a visitor sees when login is blocked after too many failed attempts (django-axes
calls it)."""

from __future__ import annotations

from typing import Any

from axes.helpers import get_cool_off, get_failure_limit
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render, resolve_url

from lokalagenda.accounts.landing import own_page
from lokalagenda.accounts.lockout import locked_by_address

#: Too Many Requests: the same status django-axes uses, so clients and monitoring see rate limiting.
LOCKED_OUT_STATUS = 429


class LoginView(auth_views.LoginView):
    """Django's login, landing on the user's own organisation's page (``accounts.landing``) unless a safe
    ``next`` asks for another page. ``next`` pointing at the front page counts as none: the navigation's login
    link names the page it was on, and the front page is where the visitor started, not where they wanted to go."""

    template_name = "accounts/login.html"

    def get_redirect_url(self) -> str:
        url = super().get_redirect_url()
        return "" if url == resolve_url(settings.LOGIN_REDIRECT_URL) else url

    def get_default_redirect_url(self) -> str:
        page = own_page(self.request.user)
        return page.url if page is not None else resolve_url(settings.LOGIN_REDIRECT_URL)


def locked_out(request: HttpRequest, original_response: HttpResponse | None = None,
               credentials: dict[str, Any] | None = None) -> HttpResponse:
    """Say that logging in is blocked, for how long, and why, in the visitor's language."""
    cool_off = get_cool_off(request)
    minutes = max(1, round(cool_off.total_seconds() / 60)) if cool_off else None
    return render(request, "accounts/locked_out.html", {
        "failure_limit": get_failure_limit(request, credentials), "minutes": minutes,
        "by_address": locked_by_address(request),
        "address_limit": settings.LOKALAGENDA_LOGIN_FAILURE_LIMIT_PER_ADDRESS,
    }, status=LOCKED_OUT_STATUS)
