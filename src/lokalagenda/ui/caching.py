"""Caching of public pages and downloads: an anonymous visitor's page is rendered once per language, data
version and code version, and so is a published report's PDF.

The version is read from the stored data, so a page never outlives the data it shows; the timeout only bounds
memory. What it reads is registered by the apps that own the data (:func:`register_data_stamp`, in their
``AppConfig.ready``), so that this module, like all of ``ui``, names no app: the latest measurement run
(``measurement``), the latest data revision (``indicators``), the latest change of priorities (``plans``) and of
practices — the kommune page suggests practices — with how many there are, so a deleted one counts too
(``practices``), and the latest audit entry (``accounts``).

The cache is kept on disk and outlives the web processes, so a page must not outlive the code that rendered it
either: after an upgrade, a page rendered by the old templates, translations or views would otherwise be served
until its timeout. The code version (:func:`code_version`) is a digest of the package's files, read once per
process.

A cached page is shared by every anonymous visitor, so it may hold nothing of one visitor's request:

- no CSRF token (it would reveal the first visitor's secret, and the next visitor's form would be refused): a
  page whose rendering asked for the token is not cached (see :func:`_used_csrf_token`); the language switcher is
  a GET form for that reason (``lokalagenda.ui.language``);
- no query string the view does not read: each decorated view names the parameters it reads, the view sees only
  those (its ``request.GET`` and ``get_full_path()``), and the cache key holds exactly them. Any other parameter
  (``?x=1``, tracking tags) neither makes a new entry nor reaches the page.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import wraps
from pathlib import Path
from typing import Any

from django.contrib.messages import get_messages
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Count, Max, Model
from django.http import HttpRequest, HttpResponse, QueryDict

from lokalagenda.ui.language import active_language

TIMEOUT = 10 * 60


@dataclass(frozen=True)
class DataStamp:
    """The latest value of ``field`` in ``model``'s table (and, with ``count``, how many rows it has), read in one
    query: it changes whenever a row is added, changed (a time stamp or a growing id) or, with ``count``, deleted."""

    model: type[Model]
    field: str
    count: bool = False

    def read(self) -> str:
        aggregates: dict[str, Any] = {"last": Max(self.field)}
        if self.count:
            aggregates["count"] = Count("pk")
        values = self.model._default_manager.aggregate(**aggregates)
        return "/".join(str(values[name]) for name in sorted(values))


#: The stamps the data version reads, by name; filled by the apps (:func:`register_data_stamp`).
STAMPS: dict[str, DataStamp] = {}


def register_data_stamp(name: str, model: type[Model], field: str, *, count: bool = False) -> None:
    """Make the data version change with ``model``'s rows (see :class:`DataStamp`). An app that owns data a cached
    page shows calls this in its ``AppConfig.ready``; a name registered twice is a programming error."""
    if name in STAMPS and STAMPS[name] != DataStamp(model, field, count):
        raise ImproperlyConfigured(f"the data stamp {name!r} is registered twice, for different data")
    STAMPS[name] = DataStamp(model, field, count)


def data_version() -> str:
    """Changes whenever anything a public page shows may have changed: one stamp per registered table, in the
    order of their names. Every edit of a plan, action, link, partnership or narrative is audited, so the latest
    audit entry covers what the other stamps do not. Without a registered stamp nothing could be cached safely,
    so that is an error."""
    if not STAMPS:
        raise ImproperlyConfigured("no data stamp is registered: the apps register theirs in AppConfig.ready")
    return "|".join(f"{name}={STAMPS[name].read()}" for name in sorted(STAMPS))


#: The installed package, whose files make the code version.
PACKAGE_ROOT = Path(__file__).resolve().parents[1]


def package_files(root: Path) -> list[Path]:
    """Every file under ``root`` in a fixed order, compiled Python left out: what the code version is made of."""
    return [path for path in sorted(root.rglob("*")) if path.is_file() and "__pycache__" not in path.parts]


def files_digest(root: Path) -> str:
    """A digest of every file under ``root`` (its path relative to ``root`` and its content), compiled Python
    left out: it changes when any module, template, translation or packaged data file changes."""
    digest = hashlib.sha256()
    for path in package_files(root):
        digest.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]


@functools.cache
def code_version() -> str:
    """The digest of the installed package (:func:`files_digest`), read once per process: every web process of
    one installation computes the same, and an upgrade changes it."""
    return files_digest(PACKAGE_ROOT)


@functools.cache
def code_modified() -> datetime:
    """When the installed package last changed: the newest modification time of its files, read once per
    process. Installing or checking out new code writes its files, so an upgrade moves it on; a download's
    ``Last-Modified`` is never older than it (a file written by new code is new, as its ETag says)."""
    newest = max(path.stat().st_mtime for path in package_files(PACKAGE_ROOT))
    return datetime.fromtimestamp(newest, tz=UTC)


def cache_key(kind: str, *parts: str) -> str:
    """The one key scheme of everything cached here: its kind, what it depends on, the code version and the data
    version."""
    raw = "|".join((*parts, code_version(), data_version()))
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
