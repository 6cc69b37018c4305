"""Fetching FHI Statistikk tables (open API v1) with the machinery of :mod:`lokalagenda.core.sources.ssb`.

``POST {FHI_API}/{source}/Table/{table}/data`` takes ``{"dimensions": [{"code", "filter", "values"}],
"response": {"format": "json-stat2", "maxRowCount": n}}``. Every dimension needs exactly one filter: ``item``
(explicit codes), ``top`` (the first n categories) or ``all`` (wildcards such as ``["*"]``). A response over
``maxRowCount`` rows is an error, so :func:`split_fhi_query` keeps each piece under it, splitting along ``GEO``
and then ``AAR``. Years are coded ``2020_2020``; periods ``2018_2020``.

The rate limiter, retries, transport, tasks and resumable plan are those of :mod:`~lokalagenda.core.sources.ssb`:
fetch the tasks of :func:`plan` with ``ssb.fetch_tasks(ssb.make_fetcher(), tasks, done)``. FHI publishes no rate
limit; the SSB default (30 queries per 60 s) keeps us polite. Read the fetched bytes with
:func:`lokalagenda.core.sources.jsonstat.read_bytes`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from lokalagenda.core.sources.ssb import FetchTask, QueryError, split_selection, task_key

FHI_API = "https://statistikk-data.fhi.no/api/open/v1"
GEO = "GEO"
YEAR = "AAR"
MEASURE = "MEASURE_TYPE"
#: Rows asked for per piece (FHI's documented example uses 50,000).
MAX_ROWS = 50_000
FILTERS = frozenset({"item", "top", "all"})


@dataclass(frozen=True)
class FhiDimension:
    """The filter of one dimension: ``item`` with codes, ``top`` with ``["n"]``, or ``all`` with wildcards."""

    code: str
    values: tuple[str, ...]
    filter: str = "item"

    def __post_init__(self) -> None:
        if self.filter not in FILTERS:
            raise QueryError(f"{self.code}: filter {self.filter!r} is not one of {', '.join(sorted(FILTERS))}")
        if not self.values:
            raise QueryError(f"{self.code}: a filter needs at least one value")

    def to_json(self) -> dict[str, Any]:
        """This dimension as in the request body."""
        return {"code": self.code, "filter": self.filter, "values": list(self.values)}

    def rows(self) -> int | None:
        """Categories selected: the count of an ``item`` or ``top`` filter; ``None`` for ``all``."""
        if self.filter == "item":
            return len(self.values)
        if self.filter == "top" and len(self.values) == 1 and self.values[0].isdecimal():
            return int(self.values[0])
        return None


@dataclass(frozen=True)
class FhiQuery:
    """A data query for one FHI Statistikk table."""

    source: str
    table: str
    dimensions: tuple[FhiDimension, ...]
    max_rows: int | None = MAX_ROWS

    def body(self) -> dict[str, Any]:
        """The POST body, asking for JSON-stat 2.0."""
        response: dict[str, Any] = {"format": "json-stat2"}
        if self.max_rows is not None:
            response["maxRowCount"] = self.max_rows
        return {"dimensions": [dimension.to_json() for dimension in self.dimensions], "response": response}

    def url(self, base: str = FHI_API) -> str:
        """The POST URL."""
        return f"{base.rstrip('/')}/{self.source}/Table/{self.table}/data"

    def task(self, base: str = FHI_API) -> FetchTask:
        """This query as a fetch task with a stable key (``fhi-<source>-<table>:<hash>``)."""
        url, body = self.url(base), self.body()
        name = f"fhi-{self.source}-{self.table}"
        return FetchTask(task_key(name, url, body), name, url, body)


def year_code(year: int) -> str:
    """FHI's code of a single year: ``2020`` → ``"2020_2020"``."""
    return f"{year}_{year}"


def period_code(first: int, last: int) -> str:
    """FHI's code of a period: ``(2018, 2020)`` → ``"2018_2020"``."""
    if first > last:
        raise QueryError(f"a period cannot end ({last}) before it starts ({first})")
    return f"{first}_{last}"


def fhi_query(source: str, table: str | int, places: Sequence[str], years: Iterable[int | str],
              measures: Sequence[str], *, other: Mapping[str, Sequence[str]] | None = None,
              max_rows: int | None = MAX_ROWS) -> FhiQuery:
    """A query for some measures of a table, for every given place and year.

    Parameters
    ----------
    source
        The source id, e.g. ``"nokkel"``.
    table
        The table id.
    places
        ``GEO`` codes: ``"0"`` (the country), ``"03"``, ``"0301"``.
    years
        Years (coded ``2020_2020``) or FHI time codes as they are (``"2018_2020"``).
    measures
        ``MEASURE_TYPE`` codes, e.g. ``["TELLER", "RATE"]``.
    other
        Codes of every further dimension (``KJONN``, ``ALDER`` …); FHI needs a filter on each.
    max_rows
        ``maxRowCount`` sent with each piece, and the size :func:`split_fhi_query` splits to.

    Returns
    -------
    FhiQuery
        ``GEO``, ``AAR``, the other dimensions, then ``MEASURE_TYPE``, all with the ``item`` filter.
    """
    codes = tuple(year_code(year) if isinstance(year, int) else year for year in years)
    dimensions = [FhiDimension(GEO, tuple(places)), FhiDimension(YEAR, codes)]
    dimensions += [FhiDimension(code, tuple(values)) for code, values in (other or {}).items()]
    dimensions.append(FhiDimension(MEASURE, tuple(measures)))
    return FhiQuery(source, str(table), tuple(dimensions), max_rows)


def _parts(query: FhiQuery) -> tuple[dict[str, tuple[str, ...]], int]:
    explicit: dict[str, tuple[str, ...]] = {}
    fixed = 1
    for dimension in query.dimensions:
        rows = dimension.rows()
        if rows is None:
            raise QueryError(f"cannot count the rows of {dimension.code} with filter 'all': list the codes")
        if dimension.filter == "item":
            explicit[dimension.code] = dimension.values
        else:
            fixed *= rows
    return explicit, fixed


def count_rows(query: FhiQuery) -> int:
    """The number of rows (cells) a query selects.

    Raises
    ------
    QueryError
        For an ``all`` filter, whose count only the table's dimensions know.
    """
    explicit, fixed = _parts(query)
    return fixed * math.prod(len(values) for values in explicit.values())


def split_fhi_query(query: FhiQuery, max_rows: int | None = None) -> list[FhiQuery]:
    """Split a query into pieces of at most ``max_rows`` rows (default: the query's ``max_rows``), along
    ``GEO``, then ``AAR``, then the other dimensions, largest first. A query without a limit is not split."""
    limit = max_rows if max_rows is not None else query.max_rows
    if limit is None:
        return [query]
    explicit, fixed = _parts(query)
    rest = sorted((c for c in explicit if c not in (GEO, YEAR)), key=lambda code: -len(explicit[code]))
    pieces = split_selection(explicit, [GEO, YEAR, *rest], limit, fixed)
    return [replace(query, dimensions=tuple(
        replace(dimension, values=piece.get(dimension.code, dimension.values)) for dimension in query.dimensions
    )) for piece in pieces]


def dimension_task(source: str, table: str | int, base: str = FHI_API) -> FetchTask:
    """A GET of a table's dimensions and their categories (``/{source}/Table/{table}/dimension``); read it with
    :func:`lokalagenda.core.sources.tablemeta.read_fhi_dimensions`."""
    url = f"{base.rstrip('/')}/{source}/Table/{table}/dimension"
    name = f"fhi-{source}-{table}"
    return FetchTask(task_key(f"{name}-dimension", url, {}), name, url, {}, method="GET")


def plan(queries: Iterable[FhiQuery], base: str = FHI_API) -> list[FetchTask]:
    """Every query split to its ``max_rows``, as fetch tasks in order (stable keys, so a plan can be resumed)."""
    return [piece.task(base) for query in queries for piece in split_fhi_query(query)]
