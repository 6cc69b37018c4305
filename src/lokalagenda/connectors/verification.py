"""What the fetch specs claim, and what the publishers know: ``lokalagenda sync list`` and ``sync check``.

``listed_specs`` lists every spec (the stored ones, and the spec files' entries whose indicator is not in the
catalogue yet) with its SDG ties, its evidence and whether it is verified (see
:func:`lokalagenda.core.sources.fetchspecs.unverified_reasons`).

``check_specs`` fetches each table's metadata once, through the same transport, rate limit and retries as
``sync``, and reports every code of a spec that the publisher does not know, with the codes it does know. SSB's
metadata is the v0 ``GET /api/v0/no/table/{id}``; FHI's is ``GET /{source}/Table/{table}/dimension``. A
publisher without a metadata endpoint here (Valgdirektoratet) is listed as not checked.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from django.utils import timezone

from lokalagenda.connectors.models import FetchSpec
from lokalagenda.connectors.services import PublisherUnavailable, read_specs
from lokalagenda.core.progress import Progress, null_progress
from lokalagenda.core.sources import fhi, ssb
from lokalagenda.core.sources.fetchspecs import SpecEntry
from lokalagenda.core.sources.ssb import Fetcher, FetchError, FetchTask, RateLimiter, RetryPolicy, Transport
from lokalagenda.core.sources.tablemeta import (
    Finding,
    MetadataError,
    Request,
    TableMetadata,
    check_codes,
    read_fhi_dimensions,
    read_pxweb_metadata,
)
from lokalagenda.indicators.models import Indicator
from lokalagenda.places.models import Kommune

# --- sync list -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ListedSpec:
    """One spec as ``sync list`` prints it."""

    entry: SpecEntry
    in_catalogue: bool

    @property
    def reasons(self) -> list[str]:
        """Why it is not verified (empty when it is)."""
        return self.entry.unverified_reasons()

    def as_dict(self) -> dict[str, Any]:
        """The JSON object of ``sync list --format json``."""
        entry = self.entry
        return {"indicator": entry.indicator, "publisher": entry.publisher, "table": entry.table,
                "targets": [str(target) for target in entry.targets], "goals": [goal.number for goal in entry.goals],
                "evidence": [item.as_dict() for item in entry.evidence], "verified": not self.reasons,
                "in_catalogue": self.in_catalogue, "unverified_reasons": self.reasons}


def listed_specs(path: Path | None = None) -> list[ListedSpec]:
    """Every stored spec, and every spec-file entry not stored (its indicator is not in the catalogue), by
    indicator.

    Raises
    ------
    SpecError
        For a spec file with a bad entry.
    """
    stored = {spec.indicator_id: spec.entry() for spec in FetchSpec.objects.all()}
    waiting = [entry for entry in read_specs(path) if entry.indicator not in stored]
    known = set(Indicator.objects.filter(id__in=[entry.indicator for entry in waiting]).values_list("id", flat=True))
    listed = [ListedSpec(entry, True) for entry in stored.values()]
    listed += [ListedSpec(entry, entry.indicator in known) for entry in waiting]
    return sorted(listed, key=lambda item: item.entry.indicator)


# --- sync check ------------------------------------------------------------------------------------------------

RequestBuilder = Callable[[SpecEntry, Sequence[str], Sequence[int]], tuple[Request, list[str]]]


@dataclass(frozen=True)
class MetadataSource:
    """How a publisher's table metadata is fetched and read, and how a spec becomes the codes it asks for."""

    host: str
    task: Callable[[SpecEntry], FetchTask]
    read: Callable[[bytes, str], TableMetadata]
    request: RequestBuilder


def _ssb_request(entry: SpecEntry, kommuner: Sequence[str], years: Sequence[int]) -> tuple[Request, list[str]]:
    notes = []
    regions: tuple[str, ...] = tuple(kommuner)
    if entry.codelist:
        regions = ()
        notes.append(f"the kommune codes go through codelist {entry.codelist}, which v0 metadata does not list, so "
                     "they were not checked")
    request = Request(ssb.CONTENTS, (entry.contents,), entry.region_dimension or ssb.REGION, regions, ssb.TIME,
                      tuple(str(year) for year in years), dict(entry.selections))
    return request, notes


def _fhi_request(entry: SpecEntry, kommuner: Sequence[str], years: Sequence[int]) -> tuple[Request, list[str]]:
    return Request(fhi.MEASURE, (entry.contents,), fhi.GEO, tuple(kommuner), fhi.YEAR,
                   tuple(fhi.year_code(year) for year in years), dict(entry.selections)), []


#: The publishers whose metadata can be checked (a registry, not a branch per kind).
METADATA_SOURCES: dict[str, MetadataSource] = {
    FetchSpec.Publisher.SSB: MetadataSource("data.ssb.no", lambda entry: ssb.metadata_task(entry.table),
                                            read_pxweb_metadata, _ssb_request),
    FetchSpec.Publisher.FHI: MetadataSource("statistikk-data.fhi.no",
                                            lambda entry: fhi.dimension_task(entry.source, entry.table),
                                            lambda body, url: read_fhi_dimensions(body, url, fhi.YEAR),
                                            _fhi_request),
}


@dataclass
class SpecCheck:
    """What ``check_specs`` found for one spec: unknown codes, what could not be checked, or why the table
    could not be read (e.g. the publisher does not know it)."""

    indicator: str
    publisher: str
    table: str
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.findings and not self.error


@dataclass
class CheckReport:
    """The checks, spec by spec, and how many metadata documents were fetched."""

    checks: list[SpecCheck] = field(default_factory=list)
    fetched: int = 0

    @property
    def failed(self) -> list[SpecCheck]:
        return [check for check in self.checks if not check.ok]


@dataclass
class _Checker:
    """What every spec of one check run shares: kommuner, the year, one fetcher per publisher, and the metadata
    fetched so far (a table is fetched once, however many specs read it)."""

    kommuner: list[str]
    year: int
    transport: Transport | None
    sleep: Callable[[float], None]
    fetchers: dict[str, Fetcher] = field(default_factory=dict)
    tables: dict[str, TableMetadata | str] = field(default_factory=dict)
    fetched: int = 0

    def metadata(self, entry: SpecEntry, source: MetadataSource) -> TableMetadata | str:
        """The table's metadata, or a sentence saying why there is none."""
        task = source.task(entry)
        if task.url not in self.tables:
            self.tables[task.url] = self._fetch(entry, source, task)
        return self.tables[task.url]

    def _fetch(self, entry: SpecEntry, source: MetadataSource, task: FetchTask) -> TableMetadata | str:
        if entry.publisher not in self.fetchers:  # one per publisher, so each has its own rate limit
            self.fetchers[entry.publisher] = Fetcher(self.transport, RateLimiter(sleep=self.sleep), RetryPolicy(),
                                                     self.sleep)
        fetcher = self.fetchers[entry.publisher]
        try:
            piece = fetcher.fetch(task)
        except FetchError as error:
            if error.status is None or RetryPolicy.retryable(error.status):
                raise PublisherUnavailable(source.host, task.url, error) from error
            return f"{source.host} does not know table {entry.table}: {str(error).replace(f'{task.url}: ', '')}"
        self.fetched += 1
        try:
            return source.read(piece.body, task.url)
        except MetadataError as error:
            return str(error)


def check_specs(entries: Iterable[SpecEntry], *, transport: Transport | None = None, now: datetime | None = None,
                sleep: Callable[[float], None] | None = None, progress: Progress = null_progress) -> CheckReport:
    """Check every spec's codes against its publisher's table metadata.

    Parameters
    ----------
    entries
        The specs to check (``listed_specs`` gives them all).
    transport
        Where requests go (tests inject a fake); ``None`` means HTTP through ``requests``.
    now
        The time the run takes as now: specs without a last year ask up to its year. Default: the real time.
    sleep
        Used for the rate limit and backoff (tests inject a no-op); default ``time.sleep``.
    progress
        Called as ``(done, total, message)`` over the specs.

    Returns
    -------
    CheckReport
        Per spec: the codes the publisher does not know (with those it knows), the codes that could not be
        checked, or why the table could not be read.

    Raises
    ------
    PublisherUnavailable
        When a publisher cannot be reached (or keeps answering 429/5xx), e.g. on a machine that is offline.
    """
    entries = list(entries)
    checker = _Checker(list(Kommune.objects.order_by("number").values_list("number", flat=True)),
                       (now or timezone.now()).year, transport, sleep or time.sleep)
    report = CheckReport()
    for done, entry in enumerate(entries):
        progress(done, len(entries), f"checking {entry.indicator} ({entry.publisher} {entry.table})")
        report.checks.append(_check(entry, checker))
    report.fetched = checker.fetched
    progress(len(entries), len(entries), "done")
    return report


def _check(entry: SpecEntry, checker: _Checker) -> SpecCheck:
    check = SpecCheck(entry.indicator, entry.publisher, entry.table)
    source = METADATA_SOURCES.get(entry.publisher)
    if source is None:
        check.notes.append(f"no metadata endpoint is known for publisher {entry.publisher}, so it was not checked")
        return check
    metadata = checker.metadata(entry, source)
    if isinstance(metadata, str):
        check.error = metadata
        return check
    request, check.notes = source.request(entry, checker.kommuner, entry.years(checker.year))
    if entry.time_from_metadata:  # the plan asks for the time codes the metadata has in the spec's years
        codes = metadata.time_codes(entry.years(checker.year))
        request = replace(request, periods=tuple(codes) or request.periods)
        check.notes.append(f"time codes from the metadata: {len(codes)} of them end in the spec's years")
    check.findings = check_codes(request, metadata)
    return check
