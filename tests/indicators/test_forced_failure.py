"""An import that fails half-way, after it has written an indicator's revision and values, leaves no partial rows:
every table it writes to holds exactly what it held before (row counts and checksums)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from lokalagenda.indicators.models import DatasetRevision, Observation, ObservationChange
from lokalagenda.indicators.services import import_file
from lokalagenda.persistence.backup import TableSummary, table_summary

pytestmark = pytest.mark.django_db

WRITTEN = (DatasetRevision, Observation, ObservationChange)


class Killed(RuntimeError):
    """Stands for whatever stops an import half-way: a crash, a lost connection, a killed worker."""


def _state() -> list[TableSummary]:
    return [table_summary(model) for model in WRITTEN]


def _fail_when_storing_the_second_indicator(written: list[int]) -> Any:
    """A progress callback (the import's own seam) that stops the import once the first indicator is stored."""
    def progress(done: int, total: int, message: str) -> None:
        if message.startswith("storing") and done == 1:
            written.append(Observation.objects.count())
            raise Killed("stopped half-way")
    return progress


def test_an_import_stopped_after_its_first_indicator_leaves_no_rows(scored_values: Path):
    before = _state()
    written: list[int] = []
    with pytest.raises(Killed):
        import_file(scored_values, progress=_fail_when_storing_the_second_indicator(written))
    assert written and written[0] > before[1].rows, "the first indicator's values were written before the stop"
    assert _state() == before


def test_a_reimport_stopped_half_way_keeps_every_earlier_value_and_revision(scored_values: Path, tmp_path: Path):
    import_file(scored_values)
    before = _state()
    changed = tmp_path / "changed.csv"
    lines = scored_values.read_text(encoding="utf-8").splitlines()
    changed.write_text("\n".join([lines[0], *(_with_value(line, "50.5") for line in lines[1:])]) + "\n",
                       encoding="utf-8")
    written: list[int] = []
    with pytest.raises(Killed):
        import_file(changed, progress=_fail_when_storing_the_second_indicator(written))
    assert written
    assert _state() == before
    assert not Observation.objects.filter(value=50.5).exists()
    assert set(DatasetRevision.objects.values_list("number", flat=True)) == {1}


def _with_value(line: str, value: str) -> str:
    indicator, place, year, _old = line.split(",")
    return ",".join([indicator, place, year, value])
