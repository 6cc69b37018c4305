"""Open data: every published observation and the results of the latest complete measurement run, as CSV and
JSON-stat 2.0, with licences and provenance.

*Published* observations are those of the national and international catalogue (indicators no kommune owns).
A kommune's own local indicators have no publication step yet (their values go live when its editor imports
them, and nobody outside the kommune has checked them or their licence), so they are left out. Results are
those of the last complete run (:func:`lokalagenda.measurement.querysets.latest_run`), on the same published
indicators.

Every file is written in chunks (one indicator at a time, or a few thousand result rows), reading rows with
``values_list``, so memory stays bounded by the largest indicator. The writers are the core's
(:mod:`lokalagenda.core.exports`, :mod:`lokalagenda.core.sources.jsonstat_writer`): a JSON-stat file is a
JSON-stat 2.0 ``collection`` whose items are datasets the project's reader reads back one by one. The file
names, titles and writers are registered in :data:`DATASETS` (see :mod:`lokalagenda.reports.opendata.package`
for the Frictionless ``datapackage.json``).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pandas as pd
from django.db.models import Count, Max, QuerySet

from lokalagenda.core.cells import guard
from lokalagenda.core.exports import number_text
from lokalagenda.core.sources.jsonstat_writer import jsonstat_dataset
from lokalagenda.indicators.exports import selection
from lokalagenda.indicators.models import DatasetRevision, Indicator, Observation
from lokalagenda.measurement.models import GoalResult, IndicatorResult, MeasurementRun, PlaceResult
from lokalagenda.measurement.querysets import latest_run
from lokalagenda.places.models import Fylke, Kommune
from lokalagenda.ui.caching import code_modified, code_version

#: Rows per chunk when streaming results.
CHUNK = 5000
#: Our results' licence: they are computed from CC BY 4.0 and NLOD 2.0 data, and CC BY 4.0 keeps that
#: attribution chain (NLOD 2.0 is compatible with it).
RESULTS_LICENCE = {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0 International",
                   "path": "https://creativecommons.org/licenses/by/4.0/"}
RESULTS_ATTRIBUTION = "Lokalagenda (results), with the attribution of each indicator's source"
#: Licences named in the catalogue's licence texts, as Frictionless licence objects.
KNOWN_LICENCES = {
    "CC BY 4.0": RESULTS_LICENCE,
    "NLOD": {"name": "NLOD-2.0", "title": "Norsk lisens for offentlige data (NLOD) 2.0",
             "path": "https://data.norge.no/nlod/no/2.0"},
}

#: The header of the observations CSV: the core's tidy columns, the place's name, and the provenance of each value.
OBSERVATION_COLUMNS = ("indicator", "place", "place_name", "year", "disaggregation", "value", "unit", "flag",
                       "publisher", "table", "source")
#: The place code of Norway as a whole.
NORWAY = "0"
SOURCE_COLUMNS = ("indicator", "revision", "created_at", "source", "url", "fetched_at", "publisher", "table",
                  "licence")
INDICATOR_RESULT_FIELDS = ("indicator_id", "place", "year", "value", "too_old", "progress_status", "progress_score",
                           "score", "rating", "colour", "colour_is_relative", "trend", "distance_score",
                           "percentile_size", "percentile_fylke", "percentile_country")
GOAL_RESULT_FIELDS = ("goal_id", "place", "score", "colour", "trend", "distance", "indicators", "scored_indicators",
                      "percentile_size", "percentile_fylke", "percentile_country")
PLACE_RESULT_FIELDS = ("place", "index", "goals_measured", "size_class")
#: The numeric results written to JSON-stat, as the categories of its ``measure`` dimension.
INDICATOR_MEASURES = ("value", "score", "rating", "progress_score", "distance_score", "percentile_size",
                      "percentile_fylke", "percentile_country")
GOAL_MEASURES = ("score", "distance", "percentile_size", "percentile_fylke", "percentile_country")


# --- what is published -----------------------------------------------------------------------------------------

def published_observations() -> QuerySet[Observation]:
    """The observations open data holds: those of indicators no kommune owns."""
    return Observation.objects.filter(indicator__organisation__isnull=True)


def published_indicator_ids() -> list[str]:
    """The published indicators that have observations, sorted."""
    return sorted(set(published_observations().values_list("indicator_id", flat=True).distinct()))


def published_revisions() -> QuerySet[DatasetRevision]:
    """The revisions that wrote the published observations (each observation points to one)."""
    return DatasetRevision.objects.filter(id__in=published_observations().values("revision_id"))


@dataclass(frozen=True)
class DataVersion:
    """What a download's ETag and Last-Modified are made of."""

    tag: str
    modified: datetime | None


def observations_version() -> DataVersion:
    """Changes with every revision of a published indicator (observations change only through revisions)."""
    seen = DatasetRevision.objects.filter(indicator__organisation__isnull=True).aggregate(
        last=Max("id"), count=Count("id"), modified=Max("created_at"))
    return DataVersion(f"observations-{seen['last']}-{seen['count']}", seen["modified"])


def results_version() -> DataVersion:
    """The latest complete run: its id and when it finished."""
    run = latest_run()
    return DataVersion(f"results-{run.id if run else 'none'}", run.finished_at if run else None)


# --- provenance ------------------------------------------------------------------------------------------------

def revision_provenance(indicator_ids: Sequence[str] | None = None) -> list[dict[str, Any]]:
    """One entry per revision behind the published observations: where the data came from, when, its licence.

    ``url`` and ``fetched_at`` are the connector's (a live sync from SSB or FHI); an imported file has its
    name in ``source`` and no URL.
    """
    revisions = published_revisions().select_related("indicator").order_by("indicator_id", "number")
    if indicator_ids is not None:
        revisions = revisions.filter(indicator_id__in=list(indicator_ids))
    return [_provenance_entry(revision) for revision in revisions.iterator(chunk_size=CHUNK)]


def _provenance_entry(revision: DatasetRevision) -> dict[str, Any]:
    provenance = revision.provenance if isinstance(revision.provenance, dict) else {}
    indicator = revision.indicator
    return {
        "indicator": indicator.id, "revision": revision.number, "created_at": revision.created_at.isoformat(),
        "source": revision.source, "url": str(provenance.get("url") or indicator.source_url or ""),
        "fetched_at": str(provenance.get("fetched_at") or ""),
        "publisher": str(provenance.get("publisher") or indicator.publisher or ""),
        "table": str(provenance.get("table") or indicator.table_id or ""), "licence": indicator.licence,
    }


def observation_licences() -> list[dict[str, str]]:
    """The licences the published indicators' catalogue entries name, as Frictionless licence objects."""
    texts = set(Indicator.objects.filter(id__in=published_indicator_ids()).values_list("licence", flat=True))
    found = {key for text in texts for key in KNOWN_LICENCES if key in text}
    return [KNOWN_LICENCES[key] for key in sorted(found)]


def run_metadata(run: MeasurementRun | None) -> dict[str, Any]:
    """A run as open data describes it: id, when, and the methods with their versions and parameters."""
    if run is None:
        return {}
    return {"run": run.id, "started_at": run.started_at.isoformat(),
            "finished_at": run.finished_at.isoformat() if run.finished_at else None, "methods": run.methods}


# --- observations ----------------------------------------------------------------------------------------------

def place_names() -> dict[str, str]:
    """The name of every place an observation may have: kommuner and fylker by number, and Norway (``0``)."""
    names = dict(Fylke.objects.values_list("number", "name"))
    names.update(Kommune.objects.values_list("number", "name"))
    names[NORWAY] = "Norge"
    return names


def observation_source(entry: dict[str, Any]) -> str:
    """Where a revision's values come from: the address a connector fetched, else the catalogue's source of the
    indicator, else the publisher and table; the imported file's name only when nothing else is known."""
    publisher = " ".join(part for part in (entry["publisher"], entry["table"]) if part)
    return entry["url"] or publisher or entry["source"]


def observations_csv() -> Iterator[bytes]:
    """All published observations as a tidy CSV (:data:`OBSERVATION_COLUMNS`), one indicator at a time: codes
    for machines, and beside them the place's name, the unit, and the publisher, table and source of the
    revision that wrote each value."""
    names = place_names()
    rows = (row for indicator_id in published_indicator_ids() for row in _observation_rows(indicator_id, names))
    yield from _csv_chunks(OBSERVATION_COLUMNS, rows)


def _observation_rows(indicator_id: str, names: dict[str, str]) -> Iterator[tuple[Any, ...]]:
    indicator = Indicator.objects.get(id=indicator_id)
    sources = {revision.id: _provenance_entry(revision)
               for revision in published_revisions().filter(indicator_id=indicator_id).select_related("indicator")}
    stored = (published_observations().filter(indicator_id=indicator_id)
              .order_by("place", "year", "disaggregation")
              .values_list("place", "year", "disaggregation", "value", "unit", "flag", "revision_id"))
    for place, year, disaggregation, value, unit, flag, revision in stored.iterator(chunk_size=CHUNK):
        entry = sources[revision]
        yield (indicator_id, place, names.get(place, ""), year, disaggregation, value, unit or indicator.unit, flag,
               entry["publisher"], entry["table"], observation_source(entry))


def observations_jsonstat() -> Iterator[bytes]:
    """All published observations as a JSON-stat 2.0 collection: one dataset per indicator (its places ×
    years), each with its revisions, sources and licence in ``extension.lokalagenda``."""
    version = observations_version()
    head = {"version": "2.0", "class": "collection", "label": "Lokalagenda: published observations",
            "updated": version.modified.isoformat() if version.modified else None,
            "extension": {"lokalagenda": {"licences": observation_licences(),
                                          "note": "Each dataset's licence is its source's licence."}}}
    datasets = (_indicator_dataset(indicator_id) for indicator_id in published_indicator_ids())
    yield from _collection(head, datasets)


def _indicator_dataset(indicator_id: str) -> dict[str, Any]:
    table, _provenance = selection(indicator_id)
    indicator = Indicator.objects.get(id=indicator_id)
    sources = revision_provenance([indicator_id])
    dataset = jsonstat_dataset(table, sources, label=indicator.name_nb or indicator.name_en or indicator_id)
    dataset["extension"]["lokalagenda"]["licence"] = indicator.licence
    dataset["extension"]["lokalagenda"]["publisher"] = indicator.publisher
    return dataset


def _collection(head: dict[str, Any], datasets: Iterable[dict[str, Any]]) -> Iterator[bytes]:
    """A JSON-stat collection written item by item: ``head`` plus ``link.item`` = the datasets."""
    opening = _json(head)[:-1] + b',"link":{"item":['
    yield opening
    for number, dataset in enumerate(datasets):
        yield (b"," if number else b"") + _json(dataset)
    yield b"]}}"


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"), default=str).encode("utf-8")


def sources_csv() -> Iterator[bytes]:
    """One row per revision behind the published observations: source, URL, time fetched, licence."""
    rows = ([entry[column] for column in SOURCE_COLUMNS] for entry in revision_provenance())
    yield from _csv_chunks(SOURCE_COLUMNS, rows)


# --- results ---------------------------------------------------------------------------------------------------

def published_indicator_results(run: MeasurementRun) -> QuerySet[IndicatorResult]:
    """The run's indicator results on published indicators, by indicator and place."""
    return IndicatorResult.objects.filter(run=run, indicator__organisation__isnull=True).order_by("indicator_id",
                                                                                                  "place")


def _cell(value: Any) -> Any:
    """A CSV cell: empty for none, ``true``/``false``, the shortest exact number, text guarded against formula
    injection (:func:`lokalagenda.core.cells.guard`)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return number_text(value)
    return guard(value)


def _csv_chunks(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> Iterator[bytes]:
    """A CSV (UTF-8, ``\\n`` line ends) written :data:`CHUNK` rows at a time."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for number, row in enumerate(rows, start=1):
        writer.writerow([_cell(value) for value in row])
        if number % CHUNK == 0:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode("utf-8")


def _with_run(run: MeasurementRun | None, rows: Iterable[Sequence[Any]]) -> Iterator[tuple[Any, ...]]:
    return ((run.id if run else None, *row) for row in rows)


def indicator_results_csv() -> Iterator[bytes]:
    """Every indicator result of the latest complete run: one row per indicator and place."""
    run = latest_run()
    rows: Iterable[Sequence[Any]] = [] if run is None else \
        published_indicator_results(run).values_list(*INDICATOR_RESULT_FIELDS).iterator(chunk_size=CHUNK)
    header = ("run", "indicator", *INDICATOR_RESULT_FIELDS[1:])
    yield from _csv_chunks(header, _with_run(run, rows))


def goal_results_csv() -> Iterator[bytes]:
    """Every goal result of the latest complete run: one row per goal and place."""
    run = latest_run()
    rows: Iterable[Sequence[Any]] = [] if run is None else (
        GoalResult.objects.filter(run=run).order_by("goal_id", "place").values_list(*GOAL_RESULT_FIELDS)
        .iterator(chunk_size=CHUNK))
    yield from _csv_chunks(("run", "goal", *GOAL_RESULT_FIELDS[1:]), _with_run(run, rows))


def index_results_csv() -> Iterator[bytes]:
    """The SDG index of every place in the latest complete run (empty where fewer than the run's minimum of the
    17 goals have a score, or too many indicators are missing) and how many goals have a score."""
    run = latest_run()
    rows: Iterable[Sequence[Any]] = [] if run is None else (
        PlaceResult.objects.filter(run=run).order_by("place").values_list(*PLACE_RESULT_FIELDS)
        .iterator(chunk_size=CHUNK))
    yield from _csv_chunks(("run", *PLACE_RESULT_FIELDS), _with_run(run, rows))


def results_jsonstat() -> Iterator[bytes]:
    """The latest complete run as a JSON-stat 2.0 collection.

    One dataset per indicator: dimensions ``indicator``, ``place``, ``year`` (the year of the value the
    result rests on) and ``measure`` (:data:`INDICATOR_MEASURES`); then one dataset of the goals and the index:
    ``indicator`` is ``goal-1`` … ``goal-17`` and ``sdg-index``, ``year`` the year the run finished, ``measure``
    :data:`GOAL_MEASURES`. Colours, trends and progress words are in the CSV files (JSON-stat holds numbers).
    """
    run = latest_run()
    head = {"version": "2.0", "class": "collection", "label": "Lokalagenda: results of the latest complete run",
            "updated": run.finished_at.isoformat() if run and run.finished_at else None,
            "extension": {"lokalagenda": {**run_metadata(run), "licence": RESULTS_LICENCE,
                                          "attribution": RESULTS_ATTRIBUTION}}}
    yield from _collection(head, [] if run is None else _result_datasets(run))


def _result_datasets(run: MeasurementRun) -> Iterator[dict[str, Any]]:
    source = {"source": f"Lokalagenda measurement run {run.id}", "run": run.id}
    indicator_ids = published_indicator_results(run).values_list("indicator_id", flat=True).distinct()
    for indicator_id in sorted(set(indicator_ids)):
        rows = (IndicatorResult.objects.filter(run=run, indicator_id=indicator_id, year__isnull=False)
                .values_list("place", "year", *INDICATOR_MEASURES))
        table = _measure_table(indicator_id, ((place, year, values) for place, year, *values in rows),
                               INDICATOR_MEASURES)
        if table:
            yield jsonstat_dataset(_frame(table), source, label=f"{indicator_id}: results of run {run.id}")
    goal_table = _goal_table(run)
    if goal_table:
        yield jsonstat_dataset(_frame(goal_table), source, label=f"Goals and SDG index: results of run {run.id}")


def _measure_table(indicator: str, rows: Iterable[tuple[str, int, Sequence[Any]]],
                   measures: Sequence[str]) -> list[tuple[str, str, int, str, float]]:
    """Tidy rows (indicator, place, year, ``measure=…``, value), one per measure; None becomes NaN."""
    return [(indicator, place, year, f"measure={measure}", float("nan") if value is None else float(value))
            for place, year, values in rows for measure, value in zip(measures, values, strict=True)]


def _goal_table(run: MeasurementRun) -> list[tuple[str, str, int, str, float]]:
    year = (run.finished_at or run.started_at).year
    goals = GoalResult.objects.filter(run=run).order_by("goal_id", "place").values_list("goal_id", "place",
                                                                                        *GOAL_MEASURES)
    table: list[tuple[str, str, int, str, float]] = []
    for goal, place, *values in goals.iterator(chunk_size=CHUNK):
        table += _measure_table(f"goal-{goal}", [(place, year, values)], GOAL_MEASURES)
    index = PlaceResult.objects.filter(run=run).order_by("place").values_list("place", "index")
    for place, value in index:
        table += _measure_table("sdg-index", [(place, year, [value, None, None, None, None])], GOAL_MEASURES)
    return table


def _frame(rows: list[tuple[str, str, int, str, float]]) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(rows, columns=["indicator", "place", "year", "disaggregation", "value"])
    frame["unit"] = ""
    frame["flag"] = ""
    return frame


# --- the registry of files -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class OpenDataset:
    """One downloadable file: its name, what it holds, its format and the generator that writes it."""

    name: str
    filename: str
    family: str  # "observations" or "results": which licence, version and provenance apply
    format: str  # "csv" or "json"
    write: Any  # Callable[[], Iterator[bytes]]

    @property
    def media_type(self) -> str:
        return "text/csv; charset=utf-8" if self.format == "csv" else "application/json"

    def version(self) -> DataVersion:
        return observations_version() if self.family == "observations" else results_version()

    def modified(self) -> datetime | None:
        """When the data last changed, or the code that writes the file if that is newer (see :meth:`etag`): a
        client that sends only ``If-Modified-Since`` gets the new file after an upgrade."""
        data = self.version().modified
        return max(data, code_modified()) if data is not None else None

    def etag(self) -> str:
        """Changes with the data and with the code that writes the file (a new column is a new file)."""
        return hashlib.sha256(f"{self.filename}|{code_version()}|{self.version().tag}".encode()).hexdigest()[:32]


DATASETS: dict[str, OpenDataset] = {dataset.filename: dataset for dataset in (
    OpenDataset("observations", "lokalagenda-observations.csv", "observations", "csv", observations_csv),
    OpenDataset("observations-jsonstat", "lokalagenda-observations.json", "observations", "json",
                observations_jsonstat),
    OpenDataset("sources", "lokalagenda-sources.csv", "observations", "csv", sources_csv),
    OpenDataset("indicator-results", "lokalagenda-results-indicators.csv", "results", "csv", indicator_results_csv),
    OpenDataset("goal-results", "lokalagenda-results-goals.csv", "results", "csv", goal_results_csv),
    OpenDataset("index-results", "lokalagenda-results-index.csv", "results", "csv", index_results_csv),
    OpenDataset("results-jsonstat", "lokalagenda-results.json", "results", "json", results_jsonstat),
)}
