"""The Frictionless Data Package descriptor (``datapackage.json``) of the open data files: each file with its
format, Table Schema (for CSV), licences and sources; the package with the run and the data versions."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from lokalagenda.measurement.querysets import latest_run
from lokalagenda.reports.opendata.datasets import (
    DATASETS,
    GOAL_RESULT_FIELDS,
    INDICATOR_RESULT_FIELDS,
    OBSERVATION_COLUMNS,
    PLACE_RESULT_FIELDS,
    RESULTS_ATTRIBUTION,
    RESULTS_LICENCE,
    SOURCE_COLUMNS,
    OpenDataset,
    observation_licences,
    observations_version,
    revision_provenance,
    run_metadata,
)

PACKAGE_NAME = "lokalagenda-open-data"

#: The header of each CSV file (JSON files have none).
COLUMNS: dict[str, tuple[str, ...]] = {
    "observations": OBSERVATION_COLUMNS,
    "sources": SOURCE_COLUMNS,
    "indicator-results": ("run", "indicator", *INDICATOR_RESULT_FIELDS[1:]),
    "goal-results": ("run", "goal", *GOAL_RESULT_FIELDS[1:]),
    "index-results": ("run", *PLACE_RESULT_FIELDS),
}
#: Every column that is not text, by name; kommunenummer and fylkesnummer stay text (leading zeros).
_TYPES = {
    **dict.fromkeys(("year", "run", "revision", "goal", "indicators", "scored_indicators", "goals_measured"),
                    "integer"),
    **dict.fromkeys(("value", "progress_score", "score", "rating", "distance_score", "distance", "index",
                     "percentile_size", "percentile_fylke", "percentile_country"), "number"),
    "colour_is_relative": "boolean", "too_old": "boolean", "created_at": "datetime",
}
_KEYS = {
    "observations": ["indicator", "place", "year", "disaggregation"],
    "indicator-results": ["run", "indicator", "place"],
    "goal-results": ["run", "goal", "place"],
    "index-results": ["run", "place"],
}
#: What each file holds, in the reader's language on the page (the datapackage.json is written in English).
_DESCRIPTIONS = {
    "observations": _("Every published observation: indicator, place (kommunenummer, fylkesnummer or 0 for "
                      "Norway) and its name, year, disaggregation, value, unit and flag, and where the value comes "
                      "from: publisher, table and source."),
    "observations-jsonstat": _("The same observations as a JSON-stat 2.0 collection, one dataset per indicator, "
                               "each with its revisions, sources and licence in extension.lokalagenda."),
    "sources": _("One row per dataset revision behind the observations: file or URL, time fetched, publisher, "
                 "table and licence."),
    "indicator-results": _("Results of the latest complete measurement run per indicator and place: latest value, "
                           "whether it is too old to give a status (too_old: older than the run's freshness window, "
                           "so no score, rating, colour or percentile), Open SDG progress, SDSN score (0-100), "
                           "rating and colour, trend, OECD distance to 2030, percentiles among peers."),
    "goal-results": _("Results of the latest complete run per goal and place: score, colour, trend, distance, "
                      "number of indicators and how many of them carry the score (scored_indicators), "
                      "percentiles."),
    "index-results": _("The SDG index of every place in the latest complete run and how many of the 17 goals "
                       "have a score (goals_measured); the index is empty where fewer goals have a score than the "
                       "run's rule asks (min_goals of sdsn_index in the run's methods, 14 by default) or more than "
                       "a fifth of the indicators are missing."),
    "results-jsonstat": _("The numeric results of the latest complete run as a JSON-stat 2.0 collection: one "
                          "dataset per indicator (measure × place × year) and one of the goals and the index."),
}
#: The data dictionary of the observations file: each column's meaning, in the Table Schema's ``description``.
_FIELD_DESCRIPTIONS = {
    "observations": {
        "indicator": "The indicator's id in the catalogue (see /api/catalogue).",
        "place": "kommunenummer (4 digits), fylkesnummer (2 digits) or 0 for Norway; text, leading zeros kept.",
        "place_name": "The name of the kommune or fylke (Norge for 0).",
        "year": "The year the value describes.",
        "disaggregation": "Empty for the total; else the breakdown as key=value pairs.",
        "value": "The value, empty where the source has none (see flag).",
        "unit": "The unit as the source states it (percent: a share in per cent).",
        "flag": "The source's note on the value (e.g. a missing or confidential value), else empty.",
        "publisher": "Who published the value (e.g. SSB, FHI).",
        "table": "The publisher's table id, where the value comes from a table.",
        "source": "Where the value comes from: the address fetched, else the catalogue's description of the "
                  "source.",
    },
}


@dataclass(frozen=True)
class WrittenFile:
    """A file as written to disk: its size in bytes and its SHA-256."""

    bytes: int
    sha256: str


def description(dataset: OpenDataset) -> str:
    """What the file holds, in the active language."""
    return str(_DESCRIPTIONS[dataset.name])


def schema(dataset: OpenDataset) -> dict[str, Any] | None:
    """The Table Schema of a CSV file, or None for a JSON file."""
    columns = COLUMNS.get(dataset.name)
    if columns is None:
        return None
    meanings = _FIELD_DESCRIPTIONS.get(dataset.name, {})
    result: dict[str, Any] = {"fields": [{"name": name, "type": _TYPES.get(name, "string"),
                                          **({"description": meanings[name]} if name in meanings else {})}
                                         for name in columns]}
    if dataset.name in _KEYS:
        result["primaryKey"] = _KEYS[dataset.name]
    return result


def _sources(dataset: OpenDataset, provenance: list[dict[str, Any]]) -> list[dict[str, str]]:
    if dataset.family == "results":
        return [{"title": "Lokalagenda measurement methods (Open SDG progress, SDSN, OECD distance to 2030)"}]
    seen: dict[tuple[str, str], dict[str, str]] = {}
    for entry in provenance:
        title = f"{entry['publisher'] or entry['source']} ({entry['licence'] or 'licence not stated'})"
        seen.setdefault((title, entry["url"]), {"title": title, **({"path": entry["url"]} if entry["url"] else {})})
    return list(seen.values())


def resource(dataset: OpenDataset, provenance: list[dict[str, Any]], written: WrittenFile | None = None,
             base: str = "") -> dict[str, Any]:
    """A Data Package resource for one file (``bytes`` and ``hash`` when it was written to disk)."""
    entry: dict[str, Any] = {
        "name": dataset.name, "path": base + dataset.filename, "format": dataset.format,
        "mediatype": dataset.media_type.split(";")[0], "encoding": "utf-8", "description": description(dataset),
        "licenses": [RESULTS_LICENCE] if dataset.family == "results" else observation_licences(),
        "sources": _sources(dataset, provenance),
    }
    table_schema = schema(dataset)
    if table_schema is not None:
        entry["profile"] = "tabular-data-resource"
        entry["schema"] = table_schema
    if written is not None:
        entry["bytes"] = written.bytes
        entry["hash"] = f"sha256:{written.sha256}"
    return entry


def datapackage(written: Mapping[str, WrittenFile] | None = None, base: str = "") -> dict[str, Any]:
    """The ``datapackage.json`` of every file in :data:`DATASETS` (``written`` by file name, from the command).

    ``base`` is put before each file name (the web answer uses the download address).
    """
    with translation.override("en"):
        return _datapackage(written or {}, base)


def _datapackage(written: Mapping[str, WrittenFile], base: str) -> dict[str, Any]:
    provenance = revision_provenance()
    version = observations_version()
    return {
        "profile": "data-package", "name": PACKAGE_NAME, "title": "Lokalagenda: SDG observations and results for "
        "Norwegian kommuner and fylker",
        "description": "Published observations of the national and international indicator catalogue with "
                       "their provenance, and the results of the latest complete measurement run. Observations "
                       "keep their source's licence; the results are CC BY 4.0. " + RESULTS_ATTRIBUTION + ".",
        "created": timezone.now().isoformat(),
        "licenses": list({licence["name"]: licence for licence in [RESULTS_LICENCE, *observation_licences()]}.values()),
        "sources": _sources(DATASETS["lokalagenda-observations.csv"], provenance),
        "lokalagenda": {"measurement": run_metadata(latest_run()), "observations_version": version.tag},
        "resources": [resource(dataset, provenance, written.get(filename), base)
                      for filename, dataset in DATASETS.items()],
    }
