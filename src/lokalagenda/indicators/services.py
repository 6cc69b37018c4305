"""Writes of the indicators app: importing observations as dataset revisions, all or nothing."""

from __future__ import annotations

import math
import os
from collections.abc import Iterator, Sequence
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
from lokalagenda.core.sources.layouts import FileLayout, choose, read_layouts, read_with_layout
from lokalagenda.core.sources.registry import ReadOptions, reader_for
from lokalagenda.indicators import bulk
from lokalagenda.indicators.models import DatasetRevision, Indicator, Observation, ObservationChange
from lokalagenda.places.models import CodeChange as CodeChangeRow
from lokalagenda.places.models import Fylke, Kommune


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


#: The file layouts of publishers without an API (see :mod:`lokalagenda.core.sources.layouts`).
LAYOUTS_DIR = Path(__file__).with_name("layouts")


def file_layouts() -> dict[str, FileLayout]:
    """The shipped file layouts by name (``lokalagenda import --layout NAME``)."""
    return read_layouts(LAYOUTS_DIR)


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


def prepare_file(path: Path, *, format: str = "auto", indicator: str | None = None, layout: str | None = None,
                 progress: Progress = null_progress, budget: Budget | None = None) -> PreparedImport:
    """Read, map and validate a file without storing anything (for previews and the CLI's first step).

    With a ``layout`` (a name of :func:`file_layouts`) the file is a publisher's own download read by that layout,
    whatever ``format`` says. With a ``budget`` the file is untrusted: it is read by :func:`read_untrusted` and
    named by its name only. Raises :class:`~lokalagenda.core.sources.layouts.LayoutError` for an unknown layout.
    """
    options = ReadOptions(indicator=indicator)
    if layout is not None:
        result, file = read_with_layout(path, choose(file_layouts(), layout), options, progress), str(path)
    elif budget is None:
        result, file = read_file(path, format=format, options=options, progress=progress), str(path)
    else:
        progress(0, 1, "reading the file")
        result, file = read_untrusted(path, format=format, options=options, budget=budget), path.name
    return prepare(result, file=file, catalogue=current_catalogue(), history=code_history(), indicator=indicator)


def import_file(path: Path, *, format: str = "auto", indicator: str | None = None, layout: str | None = None,
                user: Any = None, progress: Progress = null_progress) -> ImportReport:
    """Import a file: all or nothing. Raises ImportFailed with every problem when the input is bad."""
    prepared = prepare_file(path, format=format, indicator=indicator, layout=layout, progress=progress)
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
    """One new revision: the changed and removed observations deleted, the added and changed ones inserted, and
    a change record for each, set-based (``bulk``: COPY on PostgreSQL) in the caller's transaction."""
    last = DatasetRevision.objects.filter(indicator_id=indicator_id).order_by("-number").first()
    author = user if getattr(user, "is_authenticated", False) else None
    revision = DatasetRevision.objects.create(
        indicator_id=indicator_id, number=(last.number + 1) if last else 1, source=source,
        provenance=_json_safe(prepared.provenance), created_by=author,
        added=len(changes.added), changed=len(changes.changed), removed=len(changes.removed),
    )
    replaced = pd.concat([changes.removed[list(KEY_FIELDS)], changes.changed[list(KEY_FIELDS)]])
    if not replaced.empty:
        bulk.delete_by_keys(Observation, {"indicator": indicator_id}, KEY_FIELDS, _rows(replaced, KEY_FIELDS))
    bulk.insert(Observation, OBSERVATION_FIELDS, _observation_rows(indicator_id, revision.pk, changes))
    bulk.insert(ObservationChange, CHANGE_FIELDS, _change_rows(revision.pk, changes))
    return revision


#: An observation's key within its indicator, and the columns store() writes (foreign keys by attname).
KEY_FIELDS = ("place", "year", "disaggregation")
OBSERVATION_FIELDS = ("indicator_id", "place", "year", "disaggregation", "value", "unit", "flag", "revision_id")
CHANGE_FIELDS = ("revision_id", "kind", "place", "year", "disaggregation", "old_value", "old_flag", "new_value",
                 "new_flag")


def _observation_rows(indicator_id: str, revision: int, changes: Diff) -> Iterator[tuple[Any, ...]]:
    for frame in (changes.added, changes.changed):
        for place, year, disaggregation, value, unit, flag in _rows(
                frame, ("place", "year", "disaggregation", "value", "unit", "flag")):
            yield indicator_id, place, year, disaggregation, value, unit, flag, revision


def _change_rows(revision: int, changes: Diff) -> Iterator[tuple[Any, ...]]:
    """A change record per added (no old value), changed (old and new) and removed (no new value) observation."""
    frames = {
        ObservationChange.Kind.ADDED: changes.added.assign(old_value=math.nan, old_flag=""),
        ObservationChange.Kind.CHANGED: changes.changed,
        ObservationChange.Kind.REMOVED: changes.removed.assign(value=math.nan, flag=""),
    }
    for kind, frame in frames.items():
        code = str(kind.value)
        for place, year, disaggregation, old_value, old_flag, value, flag in _rows(
                frame, ("place", "year", "disaggregation", "old_value", "old_flag", "value", "flag")):
            yield revision, code, place, year, disaggregation, old_value, old_flag or "", value, flag or ""


def _rows(frame: pd.DataFrame, columns: Sequence[str]) -> Iterator[tuple[Any, ...]]:
    """The frame's columns as tuples of plain Python values (NaN values become ``None``)."""
    return zip(*(_plain(frame[column]) for column in columns), strict=True)


def _plain(column: pd.Series) -> list[Any]:
    """A column as Python values; in a float column (values) NaN, the missing value, becomes ``None`` (NULL)."""
    if pd.api.types.is_float_dtype(column.dtype):
        return [None if value != value else value for value in column.to_numpy(dtype="float64").tolist()]
    return column.tolist()


def _json_safe(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_safe(v) for v in value]
    return value if isinstance(value, (str, int, float, bool)) or value is None else str(value)
