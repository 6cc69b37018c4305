"""The publishers a spec can name, each with how its spec becomes fetch tasks (a registry, not a branch per kind).

Both publishers select every 2024 kommune and every year of the spec, and split the query with the core's
planners: SSB pieces stay under 800,000 cells (split along the region, then ``Tid``), FHI pieces under
``maxRowCount`` rows (split along ``GEO``, then ``AAR``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from lokalagenda.connectors.models import FetchSpec
from lokalagenda.core.sources import fhi, ssb
from lokalagenda.core.sources.ssb import FetchTask

#: How a region codelist names kommuner: ``agg_KommSummer`` wants ``K-0301`` for ``0301``.
CODELIST_PREFIXES = {ssb.KOMMSUMMER: "K-"}

Planner = Callable[[FetchSpec, Sequence[str], Sequence[int], int | None], list[FetchTask]]


@dataclass(frozen=True)
class Publisher:
    """A publisher's code, the host its API lives on, and its planner."""

    code: str
    host: str
    plan: Planner


def region_codes(kommuner: Sequence[str], codelist: str) -> list[str]:
    """Kommunenummer as the region codelist names them (unchanged without a codelist)."""
    prefix = CODELIST_PREFIXES.get(codelist, "")
    return [f"{prefix}{number}" for number in kommuner]


def ssb_plan(spec: FetchSpec, kommuner: Sequence[str], years: Sequence[int], max_cells: int | None) -> list[FetchTask]:
    """SSB (PxWebApi v2): the spec's contents for every kommune and year; ``ContentsCode`` and ``Tid`` are always
    selected (v2 cannot eliminate them), and dimensions the spec does not name are eliminated (e.g. 07459's
    ``Kjonn`` and ``Alder``, which then give the total)."""
    query = ssb.kommune_query(spec.table, [spec.contents], region_codes(kommuner, spec.codelist), years,
                              region=spec.region_dimension or ssb.REGION, codelist=spec.codelist or None,
                              other=spec.selections or None)
    return ssb.plan([query], max_cells or ssb.MAX_CELLS)


def fhi_plan(spec: FetchSpec, kommuner: Sequence[str], years: Sequence[int], max_rows: int | None) -> list[FetchTask]:
    """FHI Statistikk: the spec's measure for every kommune (``GEO``) and year (``AAR``); FHI needs a filter on
    every dimension, so the spec's selections must name the others (``KJONN``, ``ALDER`` …)."""
    query = fhi.fhi_query(spec.source, spec.table, kommuner, years, [spec.contents], other=spec.selections or None,
                          max_rows=max_rows or fhi.MAX_ROWS)
    return fhi.plan([query])


PUBLISHERS: dict[str, Publisher] = {
    FetchSpec.Publisher.SSB: Publisher(FetchSpec.Publisher.SSB, "data.ssb.no", ssb_plan),
    FetchSpec.Publisher.FHI: Publisher(FetchSpec.Publisher.FHI, "statistikk-data.fhi.no", fhi_plan),
}
