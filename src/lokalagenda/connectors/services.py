"""Writes of the connectors app: fetch specs, and live sync of indicator values as dataset revisions.

``sync`` plans each spec's query for every 2024 kommune and year, splits it into pieces under the publisher's
limits, skips the pieces the fetch log marks done, fetches the rest politely (rate limit, retries with backoff)
and stores each piece through the indicators services, in one transaction with its log row. A run stopped at
any point (Ctrl+C, a crash, the network) leaves whole pieces stored and logged; the next run resumes there.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pandas as pd
from django.db import transaction
from django.utils import timezone

from lokalagenda.connectors.models import FETCH_FIELDS, FetchLog, FetchSpec
from lokalagenda.connectors.publishers import PUBLISHERS
from lokalagenda.core.codechanges import CodeHistory
from lokalagenda.core.errors import LokalagendaError
from lokalagenda.core.imports import PreparedImport, prepare
from lokalagenda.core.observations import Catalogue, ReadResult, normalise
from lokalagenda.core.progress import Progress, null_progress
from lokalagenda.core.sources.fetchspecs import SpecEntry, SpecFileError, read_spec_files
from lokalagenda.core.sources.registry import ReadOptions
from lokalagenda.core.sources.ssb import (
    FetchedPiece,
    Fetcher,
    FetchError,
    FetchTask,
    QueryError,
    RateLimiter,
    RetryPolicy,
    Transport,
    remaining_tasks,
)
from lokalagenda.core.sources.tablemeta import MetadataError
from lokalagenda.core.sources.valg import DocumentError
from lokalagenda.indicators.models import DatasetRevision, Indicator, Observation
from lokalagenda.indicators.services import ImportFailed, ImportReport, code_history, current_catalogue, store
from lokalagenda.places.models import Kommune

#: The spec files (``*.json``, one per publisher or theme) seeded for catalogue indicators that come straight
#: from a publisher's table, each with its evidence; read at call time, so tests can point it elsewhere.
SPECS_DIR = Path(__file__).with_name("specs")
#: The fields the ``sync ssb|fhi`` command may set besides the indicator: the fetch fields.
SPEC_FIELDS = FETCH_FIELDS


logger = logging.getLogger(__name__)

class SpecError(LokalagendaError, ValueError):
    """A fetch spec that cannot be saved: unknown indicator, unknown publisher, malformed selections …"""


class PublisherUnavailable(LokalagendaError):
    """A publisher's API could not be reached, or kept answering 429/5xx through every retry; the run stopped.

    ``status`` is ``None`` when no connection could be made; ``url`` is the piece that failed (the message leaves
    it out); ``report`` holds what the run did before.
    """

    def __init__(self, host: str, url: str, error: FetchError) -> None:
        self.host = host
        self.url = url
        self.status = error.status
        self.report: SyncReport | None = None
        super().__init__(str(error).replace(f"{url}: ", ""))


@dataclass
class SpecsReport:
    """What ``sync_specs`` did: specs created, specs already there (whose fetch fields are never overwritten),
    specs whose evidence was brought up to date, and indicators missing from the catalogue."""

    created: list[str] = field(default_factory=list)
    existing: list[str] = field(default_factory=list)
    refreshed: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


@dataclass
class SpecResult:
    """What a sync did for one spec."""

    indicator: str
    publisher: str
    table: str
    pieces: int = 0
    skipped: int = 0
    fetched: int = 0
    rows: int = 0
    unmapped: int = 0
    revisions: list[int] = field(default_factory=list)
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error


@dataclass
class SyncReport:
    """What a sync did, spec by spec."""

    specs: list[SpecResult] = field(default_factory=list)

    @property
    def fetched(self) -> int:
        return sum(result.fetched for result in self.specs)

    @property
    def failed(self) -> list[SpecResult]:
        return [result for result in self.specs if not result.ok]


# --- specs -----------------------------------------------------------------------------------------------------

def sync_specs(path: Path | None = None) -> SpecsReport:
    """Create the specs of the spec files at ``path`` (default :data:`SPECS_DIR`) that are missing; idempotent.

    A spec that exists keeps its fetch fields (they may have been changed with ``lokalagenda sync ssb`` or the
    admin). While they still equal its file's, its targets, goals and evidence follow the file, so new evidence
    reaches installed specs; evidence is never copied onto codes it was not written for. An entry whose
    indicator is not in the catalogue is reported as missing.

    Raises
    ------
    SpecError
        For a spec file with a bad entry (the message names the file, the entry and the field).
    """
    entries = read_specs(path)
    known = set(Indicator.objects.filter(id__in=[entry.indicator for entry in entries])
                .values_list("id", flat=True))
    existing = {spec.indicator_id: spec for spec in FetchSpec.objects.all()}
    report = SpecsReport()
    for entry in entries:
        spec = existing.get(entry.indicator)
        if entry.indicator not in known:
            report.missing.append(entry.indicator)
        elif spec is None:
            FetchSpec(indicator_id=entry.indicator, **entry.fetch_fields(), **entry.evidence_fields()).save()
            report.created.append(entry.indicator)
        else:
            report.existing.append(entry.indicator)
            if _refresh_evidence(spec, entry):
                report.refreshed.append(entry.indicator)
    return report


def read_specs(path: Path | None = None) -> list[SpecEntry]:
    """Every entry of the spec files at ``path`` (default :data:`SPECS_DIR`), each checked as a ``FetchSpec``.

    Raises
    ------
    SpecError
        At the first bad entry; the message names the file, the entry (index and indicator) and the field.
    """
    try:
        entries = read_spec_files(path or SPECS_DIR, FetchSpec.Publisher.values)
    except SpecFileError as error:
        raise SpecError(str(error)) from error
    for entry in entries:
        problems = FetchSpec(indicator_id=entry.indicator, **entry.fetch_fields()).problems()
        if problems:
            raise SpecError(f"{entry.origin}: {'; '.join(problems)}")
    return entries


def spec_entries() -> dict[str, SpecEntry]:
    """Every indicator's fetch spec as pages show it: the stored spec, else its spec file's entry (which
    ``lokalagenda sync`` stores on its first run), so a page names the specs before the first sync too. A spec
    file that cannot be read is logged and left out, so the pages still show."""
    try:
        entries = {entry.indicator: entry for entry in read_specs()}
    except SpecError as error:
        logger.warning("the fetch spec files cannot be read: %s", error)
        entries = {}
    entries.update({spec.indicator_id: spec.entry() for spec in FetchSpec.objects.all()})
    return entries


def _refresh_evidence(spec: FetchSpec, entry: SpecEntry) -> bool:
    """Bring a stored spec's targets, goals and evidence up to its file's, while it fetches what the file says."""
    if any(getattr(spec, name) != value for name, value in entry.fetch_fields().items()):
        return False
    changed = {name: value for name, value in entry.evidence_fields().items() if getattr(spec, name) != value}
    for name, value in changed.items():
        setattr(spec, name, value)
    if changed:
        spec.save(update_fields=[*changed, "updated_at"])
    return bool(changed)


@transaction.atomic
def define_spec(indicator_id: str, **fields: Any) -> FetchSpec:
    """Create or update the spec of a catalogue indicator. Fields given as ``None`` keep their stored (or
    default) value.

    Raises
    ------
    SpecError
        For an indicator not in the catalogue, an unknown field, or a spec that cannot be fetched.
    """
    unknown = set(fields) - set(SPEC_FIELDS)
    if unknown:
        raise SpecError(f"unknown fetch spec field(s): {', '.join(sorted(unknown))}")
    if not Indicator.objects.filter(id=indicator_id).exists():
        raise SpecError(f"unknown indicator {indicator_id!r}: it is not in the catalogue "
                        "(lokalagenda load-reference loads the catalogue)")
    spec = FetchSpec.objects.filter(indicator_id=indicator_id).first() or FetchSpec(indicator_id=indicator_id)
    for name, value in fields.items():
        if value is not None:
            setattr(spec, name, value)
    _checked(spec).save()
    return spec


def _checked(spec: FetchSpec) -> FetchSpec:
    problems = spec.problems()
    if problems:
        raise SpecError(f"fetch spec for {spec.indicator_id}: {'; '.join(problems)}")
    return spec


# --- sync ------------------------------------------------------------------------------------------------------

@dataclass
class _Run:
    """What every piece of one sync run shares: the catalogue, code history, kommuner, clock and fetchers."""

    catalogue: Catalogue
    history: CodeHistory
    kommuner: list[str]
    moment: datetime
    fixed_now: bool
    since: datetime | None
    transport: Transport | None
    sleep: Callable[[float], None]
    fetchers: dict[str, Fetcher] = field(default_factory=dict)

    def now(self) -> datetime:
        return self.moment if self.fixed_now else datetime.now(UTC)

    def fetcher(self, publisher: str) -> Fetcher:
        """One fetcher per publisher, so each has its own rate limit."""
        if publisher not in self.fetchers:
            self.fetchers[publisher] = Fetcher(self.transport, RateLimiter(sleep=self.sleep), RetryPolicy(),
                                               self.sleep, now=self.now)
        return self.fetchers[publisher]


@dataclass
class _Planned:
    spec: FetchSpec
    tasks: list[FetchTask]
    error: str = ""


def sync(specs: Iterable[FetchSpec], *, transport: Transport | None = None, progress: Progress = null_progress,
         now: datetime | None = None, sleep: Callable[[float], None] | None = None, max_cells: int | None = None,
         max_age: timedelta | None = None) -> SyncReport:
    """Fetch every spec's pieces that are not done yet and store them as dataset revisions.

    Parameters
    ----------
    specs
        The specs to sync, in order.
    transport
        Where requests go (tests inject a fake); ``None`` means HTTP through ``requests``.
    progress
        Called as ``(done, total, message)`` over the pieces of every spec.
    now
        The time the run takes as now (years up to its year, and the fetch times); default the real time.
    sleep
        Used for the rate limit and backoff (tests inject a no-op); default ``time.sleep``.
    max_cells
        Split pieces to at most this many cells (SSB) or rows (FHI); default the publisher's limit.
    max_age
        Fetch again the pieces fetched longer ago than this; default: a piece once done stays done.

    Returns
    -------
    SyncReport
        Per spec: pieces planned, already done, fetched, rows stored, new revisions, and the error that stopped
        it (an ``ImportFailed`` or a refused query is logged and the run goes on with the next spec).

    Raises
    ------
    PublisherUnavailable
        When a publisher cannot be reached (or keeps answering 429/5xx); its ``report`` holds what was done.
    """
    run = _start(transport, now, sleep, max_age)
    planned = [_plan(spec, run, max_cells) for spec in specs]
    total = sum(len(item.tasks) for item in planned)
    report = SyncReport()
    offset = 0
    for item in planned:
        try:
            _sync_spec(item, run, _shifted(progress, offset, total, item.spec.indicator_id), report)
        except PublisherUnavailable as error:
            error.report = report
            raise
        offset += len(item.tasks)
    progress(total, total, "done")
    return report


def _start(transport: Transport | None, now: datetime | None, sleep: Callable[[float], None] | None,
           max_age: timedelta | None) -> _Run:
    moment = now or timezone.now()
    kommuner = list(Kommune.objects.order_by("number").values_list("number", flat=True))
    since = moment - max_age if max_age is not None else None
    return _Run(current_catalogue(), code_history(), kommuner, moment, now is not None, since, transport,
                sleep or time.sleep)


def _plan(spec: FetchSpec, run: _Run, max_cells: int | None) -> _Planned:
    problems = spec.problems()
    if problems:
        return _Planned(spec, [], "; ".join(problems))
    try:
        tasks = PUBLISHERS[spec.publisher].plan(spec, run.kommuner, spec.years(run.moment.year), max_cells,
                                                fetcher=run.fetcher(spec.publisher))
    except (QueryError, FetchError, DocumentError, MetadataError) as error:  # a plan that reads an index first
        return _Planned(spec, [], str(error))
    return _Planned(spec, tasks)


def _shifted(progress: Progress, offset: int, total: int, label: str) -> Progress:
    """Progress over one spec's pieces, reported as part of the whole run."""

    def report(done: int, _total: int, message: str) -> None:
        progress(offset + done, total, f"{label}: {message}")

    return report


def _sync_spec(item: _Planned, run: _Run, progress: Progress, report: SyncReport) -> None:
    spec = item.spec
    result = SpecResult(spec.indicator_id, spec.publisher, spec.table, pieces=len(item.tasks), error=item.error)
    report.specs.append(result)
    done = FetchLog.objects.filter(spec=spec).done_keys(run.since)
    result.skipped = sum(task.key in done for task in item.tasks)
    for task in remaining_tasks(item.tasks, done, progress):
        result.error = _fetch_and_store(spec, task, run, result)
        if result.error:
            return


def _fetch_and_store(spec: FetchSpec, task: FetchTask, run: _Run, result: SpecResult) -> str:
    """Fetch and store one piece; returns why it failed ('' when it did not)."""
    try:
        piece = run.fetcher(spec.publisher).fetch(task)
    except FetchError as error:
        _log_failure(spec, task, run.now(), str(error), error.status)
        if error.status is None or RetryPolicy.retryable(error.status):
            raise PublisherUnavailable(PUBLISHERS[spec.publisher].host, task.url, error) from error
        return str(error)
    try:
        _store_piece(spec, piece, run, result)
    except ImportFailed as error:
        fetched_at = datetime.fromisoformat(piece.record.fetched_at)
        _log_failure(spec, task, fetched_at, f"{task.url}: {error}", piece.record.status)
        return f"{task.url}: {error}"
    return ""


def _store_piece(spec: FetchSpec, piece: FetchedPiece, run: _Run, result: SpecResult) -> None:
    """Read, map and validate one piece, then store it and its log row in one transaction."""
    prepared = _prepare(spec, piece, run)
    if not prepared.ok:
        raise ImportFailed(prepared.problems, prepared.unmapped)
    rows = len(prepared.table)
    prepared.table = _with_stored_outside(prepared.table, spec.indicator_id)
    with transaction.atomic():
        revision = _revision(store(prepared, source=piece.task.url), spec.indicator_id)
        _log_piece(spec, piece, revision, rows)
    result.fetched += 1
    result.rows += rows
    result.unmapped += len(prepared.unmapped)
    if revision is not None:
        result.revisions.append(revision.number)


def _prepare(spec: FetchSpec, piece: FetchedPiece, run: _Run) -> PreparedImport:
    options = ReadOptions(indicator=spec.indicator_id, indicator_by_code={spec.contents: spec.indicator_id})
    read = PUBLISHERS[spec.publisher].read(piece.body, options, piece.task.url)
    derivation = spec.derivation_rule()
    if derivation is not None and read.ok:
        read = derivation.apply(read, piece.task.url)
    read = _in_catalogue_unit(read, run.catalogue.indicators.get(spec.indicator_id, ""))
    prepared = prepare(read, file=piece.task.url, catalogue=run.catalogue, history=run.history,
                       indicator=spec.indicator_id)
    prepared.provenance.update(_provenance(spec, piece))
    return prepared


def _in_catalogue_unit(result: ReadResult, unit: str) -> ReadResult:
    """The values in the catalogue indicator's unit: the spec says which contents code *is* the indicator, so the
    publisher's name for the unit (SSB says "antall" or "personer" for "persons") is kept only in the provenance."""
    provenance = {**result.provenance, "publisher_units": sorted(set(result.table["unit"]) - {""})}
    table = result.table.assign(unit=unit) if unit and len(result.table) else result.table
    return replace(result, table=table, provenance=provenance)


def _provenance(spec: FetchSpec, piece: FetchedPiece) -> dict[str, Any]:
    record = piece.record
    return {"publisher": spec.publisher, "table": spec.table, "url": record.url, "query": dict(record.query),
            "fetched_at": record.fetched_at, "updated": record.updated, "http_status": record.status,
            "attempts": record.attempts, "task": piece.task.key}


def _with_stored_outside(table: pd.DataFrame, indicator_id: str) -> pd.DataFrame:
    """The table plus the stored values, in its years, of the places it does not hold.

    ``store`` treats a table as the whole truth for each (indicator, year) it holds. A piece holds only some
    places (a plan split along the region; no fylker or country), so the other places' stored values are added
    as they are, and stay.
    """
    if table.empty:
        return table
    years = [int(year) for year in table["year"].unique()]
    outside = (Observation.objects.filter(indicator_id=indicator_id, year__in=years)
               .exclude(place__in=table["place"].unique().tolist())
               .values_list("place", "year", "disaggregation", "value", "unit", "flag"))
    rows = list(outside)
    if not rows:
        return table
    kept = pd.DataFrame(rows, columns=["place", "year", "disaggregation", "value", "unit", "flag"])
    return pd.concat([table, normalise(kept.assign(indicator=indicator_id, source_row=-1))], ignore_index=True)


def _revision(report: ImportReport, indicator_id: str) -> DatasetRevision | None:
    number = next((r.revision for r in report.revisions if r.indicator == indicator_id and r.revision), None)
    return None if number is None else DatasetRevision.objects.get(indicator_id=indicator_id, number=number)


def _log_piece(spec: FetchSpec, piece: FetchedPiece, revision: DatasetRevision | None, rows: int) -> None:
    record = piece.record
    status = FetchLog.Status.STORED if revision is not None else FetchLog.Status.UNCHANGED
    _write_log(spec, piece.task, status=status, fetched_at=datetime.fromisoformat(record.fetched_at),
               http_status=record.status, attempts=record.attempts, table_updated=record.updated or "", rows=rows,
               revision=revision, message="")


def _log_failure(spec: FetchSpec, task: FetchTask, fetched_at: datetime, message: str, status: int | None) -> None:
    _write_log(spec, task, status=FetchLog.Status.FAILED, fetched_at=fetched_at, http_status=status, attempts=0,
               table_updated="", rows=0, revision=None, message=message)


def _write_log(spec: FetchSpec, task: FetchTask, **fields: Any) -> None:
    FetchLog.objects.update_or_create(spec=spec, task_key=task.key,
                                      defaults={"url": task.url, "query": dict(task.body), **fields})


def specs_named(indicators: Sequence[str] | None = None) -> list[FetchSpec]:
    """Every spec (``None``), or the specs of the given indicators, in catalogue order."""
    specs = FetchSpec.objects.select_related("indicator").order_by("indicator_id")
    return list(specs if indicators is None else specs.filter(indicator_id__in=indicators))
