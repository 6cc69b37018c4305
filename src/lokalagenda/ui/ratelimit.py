"""A per-address limit on searches: ``LOKALAGENDA_SEARCH_RATE_LIMIT`` searches (requests with a non-empty ``q``)
a minute from one client address, counted in Django's cache, across the search pages and the API together.

Full-text search is the most expensive thing an anonymous visitor can ask for, and each new query string misses
the page cache. No rate-limit library is a dependency (django-ninja's throttles cover the API only and trust
``X-Forwarded-For`` on their own terms), so this is the one small counter, keyed by the same client address as
the login lockout (``lokalagenda.ui.client_address``).

A window starts with an address's first search and lasts a minute. The count is read and written without a lock:
two searches at the same instant may count once, which is close enough for a limit meant to stop floods.
"""

from __future__ import annotations

import hashlib
import math
import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import ngettext

from lokalagenda.ui.client_address import client_address

WINDOW_SECONDS = 60
View = Callable[..., HttpResponse]


def search_rate_limited(*, json: bool = False) -> Callable[[View], View]:
    """Answer ``429 Too Many Requests`` (a page, or ``{"detail": …}`` with ``json=True``) to an address's search
    beyond the limit. Wrap an API operation with ``ninja.decorators.decorate_view``."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.GET.get("q", "").strip():
                wait = _seconds_to_wait(client_address(request))
                if wait:
                    return _too_many(request, wait, json=json)
            return view(request, *args, **kwargs)

        return wrapper

    return decorate


def _seconds_to_wait(address: str) -> int:
    """Count this search; 0 while the address is within its limit, else the seconds until its window ends."""
    key = "ratelimit:search:" + hashlib.sha256(address.encode("utf-8")).hexdigest()
    now = time.time()
    started, count = cache.get(key) or (now, 0)
    if now - started >= WINDOW_SECONDS:
        started, count = now, 0
    remaining = max(1, math.ceil(started + WINDOW_SECONDS - now))
    cache.set(key, (started, count + 1), remaining)
    return remaining if count + 1 > settings.LOKALAGENDA_SEARCH_RATE_LIMIT else 0


def _too_many(request: HttpRequest, wait: int, *, json: bool) -> HttpResponse:
    limit = settings.LOKALAGENDA_SEARCH_RATE_LIMIT
    message = ngettext("Too many searches: at most %(limit)d search a minute from one address. Try again in a minute.",
                       "Too many searches: at most %(limit)d searches a minute from one address. Try again in a "
                       "minute.", limit) % {"limit": limit}
    response = (JsonResponse({"detail": message}, status=429) if json
                else render(request, "ui/too_many_searches.html", {"message": message}, status=429))
    response["Retry-After"] = str(wait)
    return response
