"""The front page: the country at a glance (its 17 goal tiles and how many kommuner have each status), a map of
how many goals each kommune has measured, the latest changes, the kommune finder, and the fylker.

Everything is read from stored results (the country's own goal results, stored with place
``core.observations.COUNTRY`` by every complete run; the roll-up's counts; each kommune's count of measured goals),
and the page is cached for anonymous visitors like the other result pages (``ui.caching``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from lokalagenda.core.observations import COUNTRY
from lokalagenda.indicators.exports import ChartDownloads
from lokalagenda.measurement import colour_meaning
from lokalagenda.measurement.chart_data import coverage_downloads
from lokalagenda.measurement.coverage import GoalCoverage, coverage_map, goal_coverage
from lokalagenda.measurement.tiles import GoalTiles, goal_tiles
from lokalagenda.places.models import Fylke, Kommune
from lokalagenda.reports.rollup.build import (
    STATUSES,
    NoCompleteRun,
    StatusRow,
    country_goal_rows,
    status_words_for,
)
from lokalagenda.ui.caching import cached_for_anonymous
from lokalagenda.web.pages.changes import Change, latest_changes
from lokalagenda.web.pages.search import KommuneFinder


@dataclass(frozen=True)
class CountryStatus:
    """Per goal, how many kommuner have each status (the roll-up's goal table), with each status's words as what
    the colours compare, and the sentence saying it."""

    rows: list[StatusRow]
    statuses: list[tuple[str, str]]
    legend: str


@dataclass(frozen=True)
class FrontPage:
    """The context of ``web/home.html``: None (and an empty list) where nothing is measured yet."""

    kommune_count: int
    tiles: GoalTiles | None
    country: CountryStatus | None
    coverage: GoalCoverage
    coverage_map: dict[str, Any] | None
    coverage_downloads: ChartDownloads
    changes: list[Change]
    finder: KommuneFinder
    fylker: list[Fylke]


def country_status() -> CountryStatus | None:
    """The roll-up's counts of kommuner by status per goal, with words; None before the first complete run."""
    try:
        rows = country_goal_rows()
    except NoCompleteRun:
        return None
    kind = colour_meaning.one_kind(colour_meaning.Comparison(row.comparison) for row in rows if row.comparison)
    words = status_words_for(kind)
    return CountryStatus(rows, [(status, words[status]) for status in STATUSES], colour_meaning.legend([kind]))


def front_page() -> FrontPage:
    """What the front page shows, read from stored data."""
    coverage = goal_coverage()
    return FrontPage(
        kommune_count=Kommune.objects.count(),
        tiles=goal_tiles(COUNTRY),
        country=country_status(), coverage=coverage,
        coverage_map=coverage_map(coverage) if coverage.run is not None else None,
        coverage_downloads=coverage_downloads(), changes=latest_changes(), finder=KommuneFinder(),
        fylker=list(Fylke.objects.defer("boundary")))


@cached_for_anonymous()
def home(request: HttpRequest) -> HttpResponse:
    """The front page (see :func:`front_page`)."""
    return render(request, "web/home.html", {"page": front_page()})
