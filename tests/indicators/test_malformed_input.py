"""Malformed input never ends in a traceback, and never changes the database (property-based)."""

import io

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lokalagenda.indicators.models import DatasetRevision, Observation
from lokalagenda.indicators.services import ImportFailed, import_file

pytestmark = pytest.mark.django_db
VALID = "indicator_id,municipality_code,year,value\nPOP_TOTAL,0301,2024,717710\nPOP_TOTAL,4601,2024,291940\n"
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _import_garbage(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    before = (Observation.objects.count(), DatasetRevision.objects.count())
    try:
        import_file(path)
    except ImportFailed as error:
        assert error.problems, "a failed import names at least one problem"
        assert (Observation.objects.count(), DatasetRevision.objects.count()) == before
    except Exception as error:  # noqa: BLE001 - the property is that nothing else escapes
        from lokalagenda.core.sources.registry import UnknownFormat

        assert isinstance(error, UnknownFormat), f"{type(error).__name__}: {error}"


@SETTINGS
@given(st.binary(max_size=400))
def test_random_bytes_as_csv(tmp_path, data):
    _import_garbage(tmp_path, "garbage.csv", data)


@SETTINGS
@given(st.integers(0, len(VALID) - 1), st.text(max_size=8))
def test_a_valid_csv_with_a_random_edit(tmp_path, position, text):
    _import_garbage(tmp_path, "edited.csv", (VALID[:position] + text + VALID[position + 1:]).encode("utf-8"))


@SETTINGS
@given(st.binary(max_size=400))
def test_random_bytes_as_jsonstat(tmp_path, data):
    _import_garbage(tmp_path, "garbage.json", b'{"class": "dataset", "version": "2.0",' + data)


@SETTINGS
@given(st.lists(st.lists(st.one_of(st.none(), st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=6),
                                   st.integers(), st.floats(allow_nan=True)),
                         min_size=1, max_size=5), min_size=1, max_size=6))
def test_random_cells_in_an_excel_file(tmp_path, rows):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["indicator_id", "kommunenummer", "year", "value"])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    _import_garbage(tmp_path, "random.xlsx", buffer.getvalue())
