"""Writes of the indicators app: importing observations as dataset revisions, all or nothing."""

from __future__ import annotations

import math
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
from django.db import transaction

from lokalagenda.core.bounded import Budget, run_bounded
from lokalagenda.core.codechanges import CodeChange, CodeHistory, Unmapped
from lokalagenda.core.imports import Diff, PreparedImport, diff, prepare
from lokalagenda.core.observations import COUNTRY, Catalogue, Problem, ProblemsFound, ReadResult
from lokalagenda.core.progress import Progress, null_progress
from lokalagenda.core.sources.registry import ReadOptions, reader_for
from lokalagenda.indicators.models import DatasetRevision, Indicator, Observation, ObservationChange
from lokalagenda.places.models import CodeChange as CodeChangeRow
from lokalagenda.places.models import Fylke, Kommune

BATCH = 5000


class ImportFailed(ProblemsFound):
    """The input has problems; nothing was stored."""

    undone = "imported"

    def __init__(self, problems: list[Problem], unmapped: list[Unmapped] | None = None) -> None:
        self.unmapped = unmapped or []
        super().__init__(problems)


@dataclass
class RevisionSummary:
    indicator: str
    revision: int | None
    added: int
    changed: int
    removed: int


@dataclass
class ImportReport:
    """What an import did: per indicator, the new revision (none when nothing changed) and its counts."""

    source: str
    rows: int
    revisions: list[RevisionSummary] = field(default_factory=list)
    unmapped: list[Unmapped] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(r.revision is not None for r in self.revisions)


def current_catalogue() -> Catalogue:
    """Known indicators (with unit and whether they are counts) and known places, from the database."""
    indicators = dict(Indicator.objects.values_list("id", "unit"))
    additive = {i: a == Indicator.Aggregation.SUM for i, a in Indicator.objects.values_list("id", "aggregation")}
    places = {*Kommune.objects.values_list("number", flat=True), *Fylke.objects.values_list("number", flat=True),
              COUNTRY}
    return Catalogue(indicators, frozenset(places), additive, last_year=date.today().year + 1)


def code_history() -> CodeHistory:
    changes = [CodeChange(old, new, weighting, first, last) for old, new, weighting, first, last in
               CodeChangeRow.objects.values_list("old_code", "kommune_id", "weighting", "valid_from_year",
                                                 "valid_to_year")]
    return CodeHistory(changes, Kommune.objects.values_list("number", flat=True))


def read_file(path: Path, *, format: str = "auto", options: ReadOptions | None = None,
              progress: Progress = null_progress) -> ReadResult:
    """Read a file with the registered reader for its format."""
    return reader_for(path, format).read(path, options or ReadOptions(), progress)


def read_untrusted(path: Path, *, budget: Budget, format: str = "auto",
                   options: ReadOptions | None = None) -> ReadResult:
    """Read a file someone uploaded: in a child process within ``budget``, naming the file by its name only.

    A crafted file can make a reader use gigabytes or minutes; only the child pays for it, and the caller gets
    :class:`~lokalagenda.core.bounded.BudgetExceeded`. The child reads the file from its own folder under its
    own name, so problems, provenance and error texts name the file the person knows, never a server path.
    Raises what the reader raises (e.g. :class:`~lokalagenda.core.sources.registry.UnknownFormat`).
    """
    return run_bounded(_read_by_name, path.parent, path.name, format, options or ReadOptions(), budget=budget)


def _read_by_name(folder: Path, name: str, format: str, options: ReadOptions) -> ReadResult:
    """Runs in the child process of :func:`read_untrusted`: changing its directory changes no one else's."""
    os.chdir(folder)
    return read_file(Path(name), format=format, options=options)


def prepare_file(path: Path, *, format: str = "auto", indicator: str | None = None,
                 progress: Progress = null_progress, budget: Budget | None = None) -> PreparedImport:
    """Read, map and validate a file without storing anything (for previews and the CLI's first step).

    With a ``budget`` the file is untrusted: it is read by :func:`read_untrusted` and named by its name only.
    """
    options = ReadOptions(indicator=indicator)
    if budget is None:
        result, file = read_file(path, format=format, options=options, progress=progress), str(path)
    else:
        progress(0, 1, "reading the file")
        result, file = read_untrusted(path, format=format, options=options, budget=budget), path.name
    return prepare(result, file=file, catalogue=current_catalogue(), history=code_history(), indicator=indicator)


def import_file(path: Path, *, format: str = "auto", indicator: str | None = None, user: Any = None,
                progress: Progress = null_progress) -> ImportReport:
    """Import a file: all or nothing. Raises ImportFailed with every problem when the input is bad."""
    prepared = prepare_file(path, format=format, indicator=indicator, progress=progress)
    if not prepared.ok:
        raise ImportFailed(prepared.problems, prepared.unmapped)
    return store(prepared, source=path.name, user=user, progress=progress)


@transaction.atomic
def store(prepared: PreparedImport, *, source: str, user: Any = None,
          progress: Progress = null_progress) -> ImportReport:
    """Store a prepared table, one new revision per indicator whose values change."""
    report = ImportReport(source, len(prepared.table), unmapped=prepared.unmapped)
    groups = list(prepared.table.groupby("indicator", sort=True))
    for done, (indicator_id, table) in enumerate(groups):
        progress(done, len(groups), f"storing {indicator_id}")
        changes = diff(_stored(indicator_id, table["year"].unique()), table)
        revision = None if changes.empty else _write_revision(indicator_id, changes, source, prepared, user)
        report.revisions.append(RevisionSummary(indicator_id, revision.number if revision else None,
                                                len(changes.added), len(changes.changed), len(changes.removed)))
    progress(len(groups), len(groups), "done")
    return report


def _stored(indicator_id: str, years: Any) -> pd.DataFrame:
    rows = Observation.objects.filter(indicator_id=indicator_id, year__in=[int(y) for y in years]).values_list(
        "indicator_id", "place", "year", "disaggregation", "value", "unit", "flag")
    frame = pd.DataFrame(list(rows), columns=["indicator", "place", "year", "disaggregation", "value", "unit", "flag"])
    frame["year"] = frame["year"].astype("int64")
    frame["value"] = frame["value"].astype("float64")
    return frame


def _write_revision(indicator_id: str, changes: Diff, source: str, prepared: PreparedImport,
                    user: Any) -> DatasetRevision:
    last = DatasetRevision.objects.filter(indicator_id=indicator_id).order_by("-number").first()
    author = user if getattr(user, "is_authenticated", False) else None
    revision = DatasetRevision.objects.create(
        indicator_id=indicator_id, number=(last.number + 1) if last else 1, source=source,
        provenance=_json_safe(prepared.provenance), created_by=author,
        added=len(changes.added), changed=len(changes.changed), removed=len(changes.removed),
    )
    _delete(indicator_id, changes.removed)
    _delete(indicator_id, changes.changed)
    Observation.objects.bulk_create(
        (Observation(indicator_id=indicator_id, place=r.place, year=r.year, disaggregation=r.disaggregation,
                     value=_number(r.value), unit=r.unit, flag=r.flag, revision=revision)
         for frame in (changes.added, changes.changed) for r in frame.itertuples(index=False)),
        batch_size=BATCH,
    )
    ObservationChange.objects.bulk_create(_change_rows(revision, changes), batch_size=BATCH)
    return revision


def _delete(indicator_id: str, frame: pd.DataFrame) -> None:
    for year, rows in frame.groupby("year"):
        for chunk in _chunks(list(zip(rows["place"], rows["disaggregation"], strict=True)), 500):
            for disaggregation in {d for _p, d in chunk}:
                places = [p for p, d in chunk if d == disaggregation]
                Observation.objects.filter(indicator_id=indicator_id, year=int(year), disaggregation=disaggregation,
                                           place__in=places).delete()


def _change_rows(revision: DatasetRevision, changes: Diff) -> Iterator[ObservationChange]:
    kinds = ((ObservationChange.Kind.ADDED, changes.added), (ObservationChange.Kind.CHANGED, changes.changed),
             (ObservationChange.Kind.REMOVED, changes.removed))
    for kind, frame in kinds:
        for r in frame.itertuples(index=False):
            values = r._asdict()
            yield ObservationChange(
                revision=revision, kind=kind, place=r.place, year=r.year, disaggregation=r.disaggregation,
                old_value=_number(values.get("old_value")), old_flag=values.get("old_flag") or "",
                new_value=_number(values.get("value")), new_flag=values.get("flag") or "",
            )


def _number(value: Any) -> float | None:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else float(value)


def _chunks(items: list[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _json_safe(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_safe(v) for v in value]
    return value if isinstance(value, (str, int, float, bool)) or value is None else str(value)
