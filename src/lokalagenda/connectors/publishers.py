"""The publishers a spec can name, each with how its spec becomes fetch tasks and how a fetched piece is read
(a registry, not a branch per kind).

SSB and FHI select every 2024 kommune and every year of the spec, and split the query with the core's
planners: SSB pieces stay under 800,000 cells (split along the region, then ``Tid``), FHI pieces under
``maxRowCount`` rows (split along ``GEO``, then ``AAR``); their pieces are JSON-stat. Valgdirektoratet
(``valg``) has one document per kommune and election, found by reading the election's index first (the country
and constituency documents), so its planner needs the run's fetcher; its pieces are read by
:func:`lokalagenda.core.sources.valg.read_bytes`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from lokalagenda.connectors.models import FetchSpec
from lokalagenda.core.observations import ReadResult
from lokalagenda.core.sources import fhi, jsonstat, ssb, valg
from lokalagenda.core.sources.registry import ReadOptions
from lokalagenda.core.sources.ssb import Fetcher, FetchTask, QueryError
from lokalagenda.core.sources.tablemeta import TableMetadata, read_fhi_dimensions, read_pxweb_metadata

#: How a region codelist names kommuner: ``agg_KommSummer`` wants ``K-0301`` for ``0301``.
CODELIST_PREFIXES = {ssb.KOMMSUMMER: "K-"}


class Planner(Protocol):
    """Turns a spec into fetch tasks for the given 2024 kommuner and years. ``fetcher`` is the run's fetcher for
    the publisher; only a planner that must read an index first (``valg``) uses it."""

    def __call__(self, spec: FetchSpec, kommuner: Sequence[str], years: Sequence[int], max_cells: int | None, *,
                 fetcher: Fetcher | None = None) -> list[FetchTask]: ...


#: Reads one fetched piece (its body, the spec's read options and its URL) into tidy rows.
PieceReader = Callable[[bytes, ReadOptions, str], ReadResult]


def read_jsonstat(body: bytes, options: ReadOptions, url: str) -> ReadResult:
    """SSB and FHI pieces are JSON-stat 2.0."""
    return jsonstat.read_bytes(body, options, file=url)


def read_valg(body: bytes, options: ReadOptions, url: str) -> ReadResult:
    """A valgresultat.no document: turnout of the country or a kommune (numbers of its election's structure,
    mapped to 2024 by the import like every reader's); a constituency document gives no row."""
    return valg.read_bytes(body, options, file=url)


@dataclass(frozen=True)
class Publisher:
    """A publisher's code, the host its API lives on, its planner, and the reader of its pieces."""

    code: str
    host: str
    plan: Planner
    read: PieceReader = read_jsonstat


def region_codes(kommuner: Sequence[str], codelist: str) -> list[str]:
    """Kommunenummer as the region codelist names them (unchanged without a codelist)."""
    prefix = CODELIST_PREFIXES.get(codelist, "")
    return [f"{prefix}{number}" for number in kommuner]


def ssb_plan(spec: FetchSpec, kommuner: Sequence[str], years: Sequence[int], max_cells: int | None, *,
             fetcher: Fetcher | None = None) -> list[FetchTask]:
    """SSB (PxWebApi v2): the spec's contents for every kommune and year; ``ContentsCode`` and ``Tid`` are always
    selected (v2 cannot eliminate them), and dimensions the spec does not name are eliminated (e.g. 07459's
    ``Kjonn`` and ``Alder``, which then give the total)."""
    times = _period_codes(spec, years, fetcher, ssb.metadata_task(spec.table), read_pxweb_metadata)
    query = ssb.kommune_query(spec.table, [spec.contents], region_codes(kommuner, spec.codelist), times,
                              region=spec.region_dimension or ssb.REGION, codelist=spec.codelist or None,
                              other=spec.selections or None)
    return ssb.plan([query], max_cells or ssb.MAX_CELLS)


def fhi_plan(spec: FetchSpec, kommuner: Sequence[str], years: Sequence[int], max_rows: int | None, *,
             fetcher: Fetcher | None = None) -> list[FetchTask]:
    """FHI Statistikk: the spec's measure for every kommune (``GEO``) and year (``AAR``); FHI needs a filter on
    every dimension, so the spec's selections must name the others (``KJONN``, ``ALDER`` …)."""
    times = _period_codes(spec, years, fetcher, fhi.dimension_task(spec.source, spec.table), read_fhi_dimensions)
    query = fhi.fhi_query(spec.source, spec.table, kommuner, times, [spec.contents], other=spec.selections or None,
                          max_rows=max_rows or fhi.MAX_ROWS)
    return fhi.plan([query])


def _period_codes(spec: FetchSpec, years: Sequence[int], fetcher: Fetcher | None, metadata: FetchTask,
                  read: Callable[[bytes, str], TableMetadata]) -> Sequence[int | str]:
    """The time codes to ask for: the years themselves, or, for a spec with ``time_from_metadata``, the codes of
    the table's metadata that stand for one of the years: the year, or a period that ends in it (``2022-2024``
    for 2024). So a table of rolling periods, or one whose first year the spec does not know, asks only for what
    it has.

    Raises
    ------
    QueryError
        Without a fetcher, or when no year or period of the table ends in the years.
    FetchError, MetadataError
        When the metadata cannot be fetched or read.
    """
    if not spec.time_from_metadata:
        return years
    if fetcher is None:
        raise QueryError(f"{spec.table}: its time codes are read from its metadata, so the sync must hand the "
                         "planner its fetcher")
    piece = fetcher.fetch(metadata)
    codes = read(piece.body, piece.task.url).time_codes(years)
    if not codes:
        raise QueryError(f"{spec.table}: no year or period of the table ends in {years[0]}–{years[-1]}")
    return codes


def valg_plan(spec: FetchSpec, kommuner: Sequence[str], years: Sequence[int], max_cells: int | None, *,
              fetcher: Fetcher | None = None) -> list[FetchTask]:
    """Valgdirektoratet: for each election of the spec's type (``table``: ``st``, or the unverified ``ko``) held
    in ``years``, the country document, every constituency document and every kommune document the API lists.

    Every kommune is planned, not only ``kommuner``: an earlier election lists the kommuner of its own structure
    (1201 Bergen in 2009), which the import maps to 2024. ``max_cells`` does not apply (one document per task).

    Raises
    ------
    QueryError
        For contents other than ``frammote`` or any selection (turnout is all this connector reads), an unknown
        election type, or no ``fetcher`` (the plan reads the election's index first).
    FetchError, DocumentError
        When the index cannot be fetched, or is not of the shape the recorded responses show.
    """
    if spec.contents != valg.CONTENTS or spec.selections:
        raise QueryError(f"valg reads turnout only: contents must be {valg.CONTENTS!r}, with no selections")
    planned = valg.elections(spec.table, years)
    if fetcher is None:
        raise QueryError("valg: the plan reads each election's index (country and constituency documents) first, "
                         "so the sync must hand the planner its fetcher")
    return [task for plan in valg.plan(fetcher, planned) for task in plan.tasks]


PUBLISHERS: dict[str, Publisher] = {
    FetchSpec.Publisher.SSB: Publisher(FetchSpec.Publisher.SSB, "data.ssb.no", ssb_plan),
    FetchSpec.Publisher.FHI: Publisher(FetchSpec.Publisher.FHI, "statistikk-data.fhi.no", fhi_plan),
    FetchSpec.Publisher.VALG: Publisher(FetchSpec.Publisher.VALG, "valgresultat.no", valg_plan, read_valg),
}
