"""Caching of public pages and downloads: an anonymous visitor's page is rendered once per language and data
version, and so is a published report's PDF.

The version is read from the stored data (the latest measurement run, the latest data revision, the latest
change of priorities and of practices — the kommune page suggests practices — and how many practices there are,
so a deleted one counts too), so a page never outlives the data it shows; the timeout only bounds memory.

A cached page is shared by every anonymous visitor, so it may hold nothing of one visitor's request:

- no CSRF token (it would reveal the first visitor's secret, and the next visitor's form would be refused): a
  page whose rendering asked for the token is not cached (see :func:`_used_csrf_token`); the language switcher is
  a GET form for that reason (``lokalagenda.ui.language``);
- no query string the view does not read: each decorated view names the parameters it reads, the view sees only
  those (its ``request.GET`` and ``get_full_path()``), and the cache key holds exactly them. Any other parameter
  (``?x=1``, tracking tags) neither makes a new entry nor reaches the page.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any

from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db.models import Count, Max
from django.http import HttpRequest, HttpResponse, QueryDict

from lokalagenda.ui.language import active_language

TIMEOUT = 10 * 60


def data_version() -> str:
    """Changes whenever anything a public page shows may have changed. Every edit of a plan, action, link,
    partnership or narrative is audited, so the latest audit entry covers what the other stamps do not."""
    from lokalagenda.accounts.models import AuditEntry
    from lokalagenda.indicators.models import DatasetRevision
    from lokalagenda.measurement.models import MeasurementRun
    from lokalagenda.plans.models import Priorities
    from lokalagenda.practices.models import Practice

    run = MeasurementRun.objects.aggregate(last=Max("finished_at"))["last"]
    revision = DatasetRevision.objects.aggregate(last=Max("id"))["last"]
    priorities = Priorities.objects.aggregate(last=Max("updated_at"))["last"]
    practices = Practice.objects.aggregate(last=Max("updated_at"), count=Count("id"))
    audited = AuditEntry.objects.aggregate(last=Max("id"))["last"]
    return f"{run}|{revision}|{priorities}|{practices['last']}|{practices['count']}|{audited}"


def cache_key(kind: str, *parts: str) -> str:
    """The one key scheme of everything cached here: its kind, what it depends on, and the data version."""
    raw = "|".join((*parts, data_version()))
    return f"{kind}:" + hashlib.sha256(raw.encode("utf-8")).hexdigest()


def cached_bytes(kind: str, parts: Iterable[str], produce: Callable[[], bytes]) -> bytes:
    """The stored bytes for ``parts`` at the current data version, produced (and stored) only when missing."""
    key = cache_key(kind, *parts)
    content: bytes | None = cache.get(key)
    if content is None:
        content = produce()
        cache.set(key, content, TIMEOUT)
    return content


def read_parameters(request: HttpRequest, params: Iterable[str]) -> QueryDict:
    """The query parameters among ``params``, sorted by name, each with its last non-empty value (what
    ``request.GET.get`` reads): ``?b=2&a=1&x=9`` and ``?a=1&b=2`` give the same."""
    kept = QueryDict(mutable=True)
    for name in sorted(set(params)):
        value = request.GET.get(name, "")
        if value:
            kept[name] = value
    return QueryDict(kept.urlencode())  # immutable, like every request's GET


def _used_csrf_token(request: HttpRequest) -> bool:
    """Whether rendering asked for the CSRF token (Django's ``get_token`` marks the cookie for sending)."""
    return bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))


def _render_with_only(request: HttpRequest, query: QueryDict, render: Callable[[], HttpResponse]) -> HttpResponse:
    """Let the view see only the parameters of its cache key, so the page can hold nothing else of the URL."""
    original = request.GET, request.META.get("QUERY_STRING", "")
    request.GET, request.META["QUERY_STRING"] = query, query.urlencode()
    try:
        return render()
    finally:
        request.GET, request.META["QUERY_STRING"] = original


def cached_for_anonymous(params: Iterable[str] = ()) -> Callable[[Callable[..., HttpResponse]],
                                                                 Callable[..., HttpResponse]]:
    """Serve anonymous visitors a cached copy of the page, per address (scheme, host and path), the query
    parameters in ``params`` (the ones the view reads), language and data version."""
    names = tuple(params)

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method != "GET" or request.user.is_authenticated or len(get_messages(request)):
                return view(request, *args, **kwargs)
            query = read_parameters(request, names)
            key = cache_key("page", request.build_absolute_uri(request.path), query.urlencode(), active_language())
            cached = cache.get(key)
            if cached is not None:
                return HttpResponse(cached, content_type="text/html; charset=utf-8")
            token_before = _used_csrf_token(request)
            response = _render_with_only(request, query, lambda: view(request, *args, **kwargs))
            if response.status_code == 200 and not token_before and not _used_csrf_token(request):
                cache.set(key, response.content, TIMEOUT)
            return response

        return wrapper

    return decorate
