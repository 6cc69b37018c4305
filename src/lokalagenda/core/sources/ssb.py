"""Fetching SSB statbank tables (PxWebApi v2) politely: query building, splitting, rate limiting and retries.

This module knows nothing of Django. It has two layers:

* **Fetching machinery shared with other publishers** (:mod:`lokalagenda.core.sources.fhi` imports it): a
  :class:`Transport` that POSTs JSON (the default uses ``requests``; tests inject a fake that replays recorded
  responses), a :class:`RateLimiter` (30 queries per 60 s, and it honours ``x-ratelimit-remaining``), a
  :class:`RetryPolicy` with exponential backoff on 429, 5xx and connection errors, a :class:`Fetcher` that ties
  them together and records a :class:`FetchRecord` for every piece, and the resumable plan
  (:class:`FetchTask`, :func:`remaining_tasks`, :func:`fetch_tasks`) whose done keys the caller stores.
* **SSB specifics**: :class:`Selection` and :class:`TableQuery` (the v2 POST body
  ``{"selection": [{"variableCode", "valueCodes", "codelist"}]}``), :func:`kommune_query` for "these contents
  for all kommuner and years", :func:`count_cells` and :func:`split_query` to keep every piece under SSB's
  800,000-cell limit (split along the region, then the time dimension).

The fetched bytes are JSON-stat 2.0; read them with :func:`lokalagenda.core.sources.jsonstat.read_bytes`.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import time
from collections import deque
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any, Protocol

from lokalagenda.core.errors import LokalagendaError
from lokalagenda.core.progress import Progress, null_progress
from lokalagenda.core.sources.jsonstat import GEO_IDS

SSB_API = "https://data.ssb.no/api/pxwebapi/v2"
#: The v0/v1 API, whose ``GET /table/{id}`` answers with the table's metadata (codes and their texts).
SSB_API_V0 = "https://data.ssb.no/api/v0"
#: SSB's limit on the cells of one extract (empty cells count too).
MAX_CELLS = 800_000
CONTENTS = "ContentsCode"
TIME = "Tid"
REGION = "Region"
#: The codelist of merged municipality series (codes ``K-0301``); KOSTRA tables have none.
KOMMSUMMER = "agg_KommSummer"

#: ``(status, headers with lower-case names, body)`` as a transport returns it.
Response = tuple[int, Mapping[str, str], bytes]

_COUNTED = re.compile(r"^(?:top|bottom)\((\d+)\)$")


class FetchError(LokalagendaError):
    """A publisher's API did not deliver: a refused query, or still failing after every retry.

    ``status`` is the last HTTP status (``None`` when the connection failed), so a caller can tell a refused
    query (400 "Too many cells selected", 404) from an unavailable service (429, 5xx).
    """

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class QueryError(LokalagendaError, ValueError):
    """A query that cannot be counted or split into pieces small enough to fetch."""


class TransportError(LokalagendaError):
    """The connection failed (refused, reset, timed out) before any HTTP status arrived; worth retrying."""


# --- transport, rate limit, retries ----------------------------------------------------------------------------

class Transport(Protocol):
    """POSTs a JSON body (data) or GETs a URL (table metadata) and returns ``(status, headers, body)``; raises
    :class:`TransportError` on connection failures."""

    def post(self, url: str, json: Mapping[str, Any]) -> Response: ...

    def get(self, url: str) -> Response: ...


@dataclass(frozen=True)
class RequestsTransport:
    """The default transport, over ``requests``. Used only when no other transport is injected."""

    timeout: float = 120.0
    user_agent: str = "lokalagenda"

    def post(self, url: str, json: Mapping[str, Any]) -> Response:
        """POST ``json`` to ``url``; connection failures become :class:`TransportError`."""
        import requests

        try:
            response = requests.post(url, json=dict(json), timeout=self.timeout, headers=self._headers())
        except requests.RequestException as error:
            raise TransportError(f"{url}: {error}") from error
        return _response(response)

    def get(self, url: str) -> Response:
        """GET ``url`` (table metadata); connection failures become :class:`TransportError`."""
        import requests

        try:
            response = requests.get(url, timeout=self.timeout, headers=self._headers())
        except requests.RequestException as error:
            raise TransportError(f"{url}: {error}") from error
        return _response(response)

    def _headers(self) -> dict[str, str]:
        return {"User-Agent": self.user_agent, "Accept": "application/json"}


def _response(response: Any) -> Response:
    """``(status, headers with lower-case names, body)`` of a ``requests`` response."""
    headers = {name.lower(): value for name, value in response.headers.items()}
    return response.status_code, headers, response.content


@dataclass
class RateLimiter:
    """Keeps to ``max_calls`` per sliding ``window`` seconds, and waits a full window when the server says
    ``x-ratelimit-remaining: 0``. ``clock`` and ``sleep`` are injectable for tests."""

    max_calls: int = 30
    window: float = 60.0
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    _calls: deque[float] = field(default_factory=deque, init=False, repr=False)
    _blocked_until: float = field(default=0.0, init=False, repr=False)

    def acquire(self) -> float:
        """Wait until one more call is allowed, record it, and return the seconds waited."""
        now = self.clock()
        wait = max(self._blocked_until - now, self._window_wait(now), 0.0)
        if wait > 0:
            self.sleep(wait)
            now = max(self.clock(), now + wait)
            self._window_wait(now)
        self._calls.append(now)
        return wait

    def _window_wait(self, now: float) -> float:
        while self._calls and self._calls[0] <= now - self.window:
            self._calls.popleft()
        return self._calls[0] + self.window - now if len(self._calls) >= self.max_calls else 0.0

    def observe(self, headers: Mapping[str, str]) -> None:
        """Read ``x-ratelimit-remaining`` (and ``x-ratelimit-reset`` seconds, if sent) from a response."""
        remaining = _header_number(headers, "x-ratelimit-remaining")
        if remaining is not None and remaining <= 0:
            reset = _header_number(headers, "x-ratelimit-reset")
            self._blocked_until = self.clock() + (reset if reset is not None and reset > 0 else self.window)


def _header_number(headers: Mapping[str, str], name: str) -> float | None:
    text = str(headers.get(name, "")).split(",")[0].strip()
    try:
        return float(text) if text else None
    except ValueError:
        return None


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how patiently to retry 429, 5xx and connection errors: delays double from
    ``base_delay`` up to ``max_delay``; a ``Retry-After`` header can only lengthen them."""

    max_attempts: int = 5
    base_delay: float = 2.0
    max_delay: float = 120.0

    def delay(self, attempt: int, retry_after: float | None = None) -> float:
        """Seconds to wait after failed attempt number ``attempt`` (1-based)."""
        backoff = min(self.max_delay, self.base_delay * 2 ** (attempt - 1))
        return max(backoff, retry_after or 0.0)

    @staticmethod
    def retryable(status: int) -> bool:
        """Whether an HTTP status is worth another try (429 or 5xx)."""
        return status == 429 or status >= 500


# --- tasks and provenance --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class FetchTask:
    """One piece of work: POST ``body`` to ``url`` (or GET ``url``, for metadata). ``key`` is stable for the
    same query, so a caller can store the keys it has done and resume."""

    key: str
    table: str
    url: str
    body: Mapping[str, Any]
    method: str = "POST"


def task_key(table: str, url: str, body: Mapping[str, Any]) -> str:
    """A stable key for a query: the table and a hash of the URL and the canonical JSON body."""
    canonical = json.dumps({"url": url, "body": body}, sort_keys=True, separators=(",", ":"))
    return f"{table}:{hashlib.sha256(canonical.encode()).hexdigest()[:20]}"


@dataclass(frozen=True)
class FetchRecord:
    """Provenance of one fetched piece."""

    url: str
    query: Mapping[str, Any]
    fetched_at: str
    status: int
    updated: str | None
    attempts: int

    def as_dict(self) -> dict[str, Any]:
        """The record as JSON-ready data."""
        return {"url": self.url, "query": dict(self.query), "fetched_at": self.fetched_at, "status": self.status,
                "updated": self.updated, "attempts": self.attempts}


@dataclass(frozen=True)
class FetchedPiece:
    """The body of one fetched piece (JSON-stat bytes) and its provenance."""

    task: FetchTask
    body: bytes
    record: FetchRecord


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _updated(body: bytes) -> str | None:
    """The dataset's ``updated`` timestamp, if the body is a JSON object that has one."""
    try:
        document = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        return None
    if isinstance(document, dict) and isinstance(document.get("dataset"), dict):
        document = document["dataset"]
    updated = document.get("updated") if isinstance(document, dict) else None
    return updated if isinstance(updated, str) else None


def _detail(body: bytes) -> str:
    """A short text of an error response (its ``title``/``detail`` when it is JSON)."""
    text = body[:2000].decode("utf-8", errors="replace").strip()
    try:
        document = json.loads(text)
    except ValueError:
        return text[:300]
    if isinstance(document, dict):
        parts = [str(document[key]) for key in ("title", "detail", "status") if key in document]
        return "; ".join(dict.fromkeys(parts)) or text[:300]
    return text[:300]


@dataclass
class Fetcher:
    """POSTs queries through a transport, within the rate limit, retrying what is worth retrying.

    Nothing is sent at construction; the default :class:`RequestsTransport` is made only when ``transport``
    is ``None`` at the first fetch.
    """

    transport: Transport | None = None
    limiter: RateLimiter = field(default_factory=RateLimiter)
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    sleep: Callable[[float], None] = time.sleep
    now: Callable[[], datetime] = _utc_now

    def fetch(self, task: FetchTask) -> FetchedPiece:
        """Fetch one task.

        Parameters
        ----------
        task
            The URL and body to POST.

        Returns
        -------
        FetchedPiece
            The body and a :class:`FetchRecord` (URL, query, time fetched, HTTP status, table ``updated``).

        Raises
        ------
        FetchError
            On a status that retrying cannot help (400 "Too many cells selected", 404 …), or when 429, 5xx
            or connection errors persist through ``retry.max_attempts`` attempts.
        """
        last: _Failure | None = None
        for attempt in range(1, self.retry.max_attempts + 1):
            outcome = self._attempt(task)
            if isinstance(outcome, tuple):
                status, body = outcome
                record = FetchRecord(task.url, task.body, self.now().isoformat(), status, _updated(body), attempt)
                return FetchedPiece(task, body, record)
            last = outcome
            if attempt < self.retry.max_attempts:
                self.sleep(self.retry.delay(attempt, outcome.retry_after))
        message = last.message if last else "no attempt made"
        raise FetchError(f"{task.url}: gave up after {self.retry.max_attempts} attempts; last: {message}",
                         last.status if last else None)

    def _attempt(self, task: FetchTask) -> tuple[int, bytes] | _Failure:
        """One POST: ``(status, body)`` on success, a :class:`_Failure` worth retrying, or :class:`FetchError`."""
        if self.transport is None:
            self.transport = RequestsTransport()
        self.limiter.acquire()
        try:
            if task.method == "GET":
                status, headers, body = self.transport.get(task.url)
            else:
                status, headers, body = self.transport.post(task.url, task.body)
        except TransportError as error:
            return _Failure(f"connection failed: {error}", None, None)
        self.limiter.observe(headers)
        if 200 <= status < 300:
            return status, body
        if RetryPolicy.retryable(status):
            return _Failure(f"HTTP {status} {_detail(body)}".strip(), _header_number(headers, "retry-after"), status)
        raise FetchError(f"{task.url}: HTTP {status}: {_detail(body)}", status)


@dataclass(frozen=True)
class _Failure:
    """A failed attempt worth retrying."""

    message: str
    retry_after: float | None
    status: int | None


def remaining_tasks(tasks: Sequence[FetchTask], done: Collection[str],
                    progress: Progress = null_progress) -> Iterator[FetchTask]:
    """The tasks whose keys are not in ``done``, in order, reporting progress over all tasks.

    Parameters
    ----------
    tasks
        The whole plan.
    done
        Keys of tasks already fetched (the caller stores them, e.g. in the database).
    progress
        Called as ``(done, total, message)`` before each task is handed out, and once at the end.

    Yields
    ------
    FetchTask
        Each task still to do; progress counts it as done when the caller asks for the next one.
    """
    total = len(tasks)
    finished = sum(1 for task in tasks if task.key in done)
    for task in tasks:
        if task.key in done:
            continue
        progress(finished, total, f"fetching table {task.table} ({finished + 1} of {total})")
        yield task
        finished += 1
    progress(finished, total, "all pieces fetched")


def fetch_tasks(fetcher: Fetcher, tasks: Sequence[FetchTask], done: Collection[str],
                progress: Progress = null_progress) -> Iterator[FetchedPiece]:
    """Fetch every task not in ``done``, one piece at a time; the caller stores each piece and its key.

    Raises :class:`FetchError` at the first piece that cannot be fetched; the pieces before it were yielded,
    so a new run with the stored keys resumes there.
    """
    for task in remaining_tasks(tasks, done, progress):
        yield fetcher.fetch(task)


# --- splitting -------------------------------------------------------------------------------------------------

def split_selection(codes: Mapping[str, tuple[str, ...]], order: Sequence[str], max_cells: int,
                    fixed_cells: int = 1) -> list[dict[str, tuple[str, ...]]]:
    """Split a selection of explicit codes into pieces of at most ``max_cells`` cells.

    Parameters
    ----------
    codes
        Variable → the codes selected (each code one category).
    order
        The variables to split along, first choice first; a piece is split along the next variable only when
        a single code of the previous one is still too big.
    max_cells
        The largest number of cells a piece may have.
    fixed_cells
        Cells contributed by variables that cannot be split (``top(5)`` counts 5).

    Returns
    -------
    list of dict
        The pieces, each a full selection; chunks along a variable are of even size.

    Raises
    ------
    QueryError
        When even a piece with one code of every splittable variable is over the limit.
    """
    total = fixed_cells * math.prod(len(values) for values in codes.values())
    if total <= max_cells:
        return [dict(codes)]
    for variable in order:
        values = codes.get(variable, ())
        if len(values) < 2:
            continue
        per_code = total // len(values)
        if per_code <= max_cells:
            pieces = math.ceil(len(values) / (max_cells // per_code))
            step = math.ceil(len(values) / pieces)
            return [{**codes, variable: values[start:start + step]} for start in range(0, len(values), step)]
        return [piece for value in values
                for piece in split_selection({**codes, variable: (value,)}, order, max_cells, fixed_cells)]
    raise QueryError(f"cannot split a selection of {total} cells into pieces of at most {max_cells}")


# --- SSB queries -----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Selection:
    """The codes selected for one variable, optionally through a codelist (``agg_KommSummer``)."""

    variable: str
    values: tuple[str, ...]
    codelist: str | None = None

    def to_json(self) -> dict[str, Any]:
        """This selection as in a PxWebApi v2 POST body."""
        data: dict[str, Any] = {"variableCode": self.variable, "valueCodes": list(self.values)}
        if self.codelist:
            data["codelist"] = self.codelist
        return data


@dataclass(frozen=True)
class TableQuery:
    """A PxWebApi v2 data query for one table."""

    table: str
    selections: tuple[Selection, ...]
    lang: str = "no"

    def body(self) -> dict[str, Any]:
        """The POST body."""
        return {"selection": [selection.to_json() for selection in self.selections]}

    def url(self, base: str = SSB_API) -> str:
        """The POST URL; the response format (JSON-stat 2.0) goes in the query string."""
        return f"{base.rstrip('/')}/tables/{self.table}/data?lang={self.lang}&outputFormat=json-stat2"

    def task(self, base: str = SSB_API) -> FetchTask:
        """This query as a fetch task with a stable key."""
        url, body = self.url(base), self.body()
        return FetchTask(task_key(self.table, url, body), self.table, url, body)

    def variables(self) -> list[str]:
        """The selected variables, in order."""
        return [selection.variable for selection in self.selections]


def kommune_query(table: str, contents: Sequence[str], kommuner: Sequence[str], years: Iterable[int | str], *,
                  region: str = REGION, codelist: str | None = None,
                  other: Mapping[str, Sequence[str]] | None = None, lang: str = "no") -> TableQuery:
    """A query for some contents of a table, for every given kommune and year.

    Parameters
    ----------
    table
        SSB table id, e.g. ``"07459"``.
    contents
        ``ContentsCode`` codes (always selected: v2 cannot eliminate them).
    kommuner
        Region codes as the table (or codelist) names them; see :func:`kommsummer_codes` for ``K-`` codes.
    years
        Years or ``Tid`` codes (always selected).
    region
        The region variable: ``Region``, or ``KOKkommuneregion0000`` in KOSTRA tables.
    codelist
        A codelist for the region variable, e.g. :data:`KOMMSUMMER`.
    other
        Codes of further variables that cannot be eliminated (KOSTRA ``KOKart0000`` …).
    lang
        ``"no"`` or ``"en"``.

    Returns
    -------
    TableQuery
        Region first, then the other variables, ``ContentsCode`` and ``Tid``.
    """
    times = tuple(str(year) for year in years)
    if not contents or not kommuner or not times:
        raise QueryError(f"table {table}: a query needs at least one content, one region and one year")
    selections = [Selection(region, tuple(kommuner), codelist)]
    selections += [Selection(variable, tuple(codes)) for variable, codes in (other or {}).items()]
    selections += [Selection(CONTENTS, tuple(contents)), Selection(TIME, times)]
    return TableQuery(table, tuple(selections), lang)


def kommsummer_codes(kommuner: Iterable[str]) -> list[str]:
    """``agg_KommSummer`` codes for kommunenummer: ``"0301"`` → ``"K-0301"``."""
    return [f"K-{code}" for code in kommuner]


def _count(values: Sequence[str], variable: str) -> int | None:
    """Categories selected by ``values``: ``None`` when they are all explicit codes (count = length), else the
    count of a ``top(n)``/``bottom(n)`` expression."""
    counted = [_COUNTED.match(value) for value in values]
    if not any(counted):
        wildcard = next((value for value in values if any(mark in value for mark in "*?(")), None)
        if wildcard is not None:
            raise QueryError(f"cannot count the cells of {variable}={wildcard!r}: select explicit codes")
        return None
    first = counted[0]
    if len(values) != 1 or first is None:
        raise QueryError(f"{variable}: combine top(n)/bottom(n) with no other value")
    return int(first[1])


def _split_parts(query: TableQuery) -> tuple[dict[str, tuple[str, ...]], int]:
    explicit: dict[str, tuple[str, ...]] = {}
    fixed = 1
    for selection in query.selections:
        counted = _count(selection.values, selection.variable)
        if counted is None:
            explicit[selection.variable] = selection.values
        else:
            fixed *= counted
    return explicit, fixed


def count_cells(query: TableQuery) -> int:
    """The number of cells a query selects (explicit codes count one each, ``top(n)`` counts n).

    Raises
    ------
    QueryError
        For wildcards or other expressions whose count only the table's metadata knows.
    """
    explicit, fixed = _split_parts(query)
    return fixed * math.prod(len(values) for values in explicit.values())


def split_query(query: TableQuery, max_cells: int = MAX_CELLS) -> list[TableQuery]:
    """Split a query into pieces of at most ``max_cells`` cells: along the region variable, then ``Tid``,
    then the other variables, largest first.

    Raises
    ------
    QueryError
        When the cells cannot be counted or no split gets under the limit.
    """
    explicit, fixed = _split_parts(query)
    regions = [variable for variable in query.variables() if variable in GEO_IDS]
    rest = sorted((v for v in explicit if v not in regions and v != TIME), key=lambda v: -len(explicit[v]))
    pieces = split_selection(explicit, [*regions, TIME, *rest], max_cells, fixed)
    return [replace(query, selections=tuple(
        replace(selection, values=piece.get(selection.variable, selection.values))
        for selection in query.selections)) for piece in pieces]


def metadata_task(table: str, lang: str = "no", base: str = SSB_API_V0) -> FetchTask:
    """A GET of a table's v0 metadata, ``{"title", "variables": [{"code", "text", "values", "valueTexts"}]}``.

    v0 rather than v2: its variables carry the same codes the v2 data queries use, and its shape is the one
    documented and used widely (v2 metadata is JSON-stat); read it with
    :func:`lokalagenda.core.sources.tablemeta.read_pxweb_metadata`.
    """
    url = f"{base.rstrip('/')}/{lang}/table/{table}"
    return FetchTask(task_key(f"{table}-metadata", url, {}), table, url, {}, method="GET")


def plan(queries: Iterable[TableQuery], max_cells: int = MAX_CELLS, base: str = SSB_API) -> list[FetchTask]:
    """Every query split to size, as fetch tasks in order (stable keys, so a plan can be resumed)."""
    return [piece.task(base) for query in queries for piece in split_query(query, max_cells)]


def make_fetcher(transport: Transport | None = None, *, max_calls: int = 30, window: float = 60.0,
                 clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep,
                 max_attempts: int = 5, base_delay: float = 2.0) -> Fetcher:
    """A fetcher with a rate limit (SSB's published 30 queries per 60 s by default), retries and a transport.

    Parameters
    ----------
    transport
        Where requests go; ``None`` means :class:`RequestsTransport`, made at the first fetch.
    max_calls, window
        At most ``max_calls`` queries per ``window`` seconds.
    clock, sleep
        Time source and sleeper, shared by the rate limiter and the backoff (inject fakes in tests).
    max_attempts, base_delay
        Attempts per piece, and the first backoff delay in seconds (it doubles).
    """
    return Fetcher(transport, RateLimiter(max_calls, window, clock, sleep), RetryPolicy(max_attempts, base_delay),
                   sleep)
