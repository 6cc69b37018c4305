"""Caching of public pages: an anonymous visitor's page is rendered once per language and data version.

The version is read from the stored data (the latest measurement run, the latest data revision, the latest
change of priorities and of practices — the kommune page suggests practices — and how many practices there are,
so a deleted one counts too), so a page never outlives the data it shows; the timeout only bounds memory.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db.models import Count, Max
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

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


def cached_for_anonymous(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve anonymous visitors a cached copy of the page (per URL, language and data version)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method != "GET" or request.user.is_authenticated or len(get_messages(request)):
            return view(request, *args, **kwargs)
        raw = f"{request.get_full_path()}|{get_language()}|{data_version()}"
        key = "page:" + hashlib.sha256(raw.encode("utf-8")).hexdigest()
        cached = cache.get(key)
        if cached is not None:
            return HttpResponse(cached, content_type="text/html; charset=utf-8")
        response = view(request, *args, **kwargs)
        if response.status_code == 200:
            cache.set(key, response.content, TIMEOUT)
        return response

    return wrapper
