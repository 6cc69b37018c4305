"""`lokalagenda import FILE --layout NAME`: a publisher's own download, imported all or nothing with provenance."""

import math
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

import lokalagenda
from lokalagenda.indicators.models import DatasetRevision, Indicator, Observation
from tests.publisher_files import MILJODIREKTORATET_CSV, miljodirektoratet_workbook

pytestmark = pytest.mark.django_db
FILE_IMPORTS = Path(lokalagenda.__file__).parent / "indicators" / "coreset" / "file_imports.csv"
INDICATOR = "GHG_EMISSIONS_TOTAL_TONNES"


@pytest.fixture
def catalogue_loaded():
    call_command("load_catalogue", str(FILE_IMPORTS))


def _stored():
    return {(o.place, o.year): (None if o.value is None else round(o.value, 2), o.flag)
            for o in Observation.objects.filter(indicator=INDICATOR)}


def test_the_file_imports_catalogue_adds_the_emissions_total_as_an_additive_count(catalogue_loaded):
    indicator = Indicator.objects.get(id=INDICATOR)
    assert indicator.unit == "tonnes CO2e"
    assert indicator.aggregation == Indicator.Aggregation.SUM
    assert indicator.publisher == "Miljødirektoratet"


def test_miljodirektoratet_workbook_stores_each_total_with_its_layout_and_evidence(catalogue_loaded, tmp_path,
                                                                                 capsys):
    path = miljodirektoratet_workbook(tmp_path)
    call_command("import", str(path), layout="miljodirektoratet-utslipp")
    assert _stored() == {
        ("4601", 2023): (1313.0, ""),
        ("0301", 2023): (7500.25, ""),
        ("4001", 2022): (1673616.07, ""),  # filed under 3806 Porsgrunn, the number of 2020-2023
        ("5501", 2023): (None, "missing"),
        ("1103", 2023): (None, "suppressed"),
    }
    revision = DatasetRevision.objects.get(indicator=INDICATOR)
    assert revision.source == "utslippsstatistikk_alle_kommuner.xlsx"
    assert revision.provenance["layout"] == "miljodirektoratet-utslipp"
    assert revision.provenance["sheet"] == "Oversikt - detaljert"
    assert any("evensrii/Telemark" in source for source in revision.provenance["evidence"])
    assert "Imported 5 rows" in capsys.readouterr().out


def test_a_second_import_of_the_same_file_saved_as_csv_changes_nothing(catalogue_loaded, tmp_path, capsys):
    call_command("import", str(miljodirektoratet_workbook(tmp_path)), layout="miljodirektoratet-utslipp")
    capsys.readouterr()
    call_command("import", str(MILJODIREKTORATET_CSV), layout="miljodirektoratet-utslipp")
    assert f"{INDICATOR}: no changes" in capsys.readouterr().out
    assert DatasetRevision.objects.filter(indicator=INDICATOR).count() == 1


def test_a_file_of_another_layout_is_refused_with_file_row_column_and_nothing_is_stored(catalogue_loaded, tmp_path):
    path = tmp_path / "values.csv"
    path.write_text("indicator_id,municipality_code,year,value\nPOP_TOTAL,0301,2024,717710\n", encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("import", str(path), layout="miljodirektoratet-utslipp")
    message = str(error.value)
    assert "nothing was imported" in message
    assert f"{path}:1:Kommunenummer: layout 'miljodirektoratet-utslipp' expects the place column" in message
    assert f"{path}:1:municipality_code: layout 'miljodirektoratet-utslipp' has no column" in message
    assert Observation.objects.count() == 0 and DatasetRevision.objects.count() == 0


def test_a_bad_cell_stops_the_whole_file(catalogue_loaded, tmp_path):
    text = MILJODIREKTORATET_CSV.read_text(encoding="utf-8").replace("2500.25", "mye")
    path = tmp_path / "utslipp.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CommandError, match=r"utslipp.csv:7:Utslipp \(tonn CO2-ekvivalenter\): 'mye' is not a number"):
        call_command("import", str(path), layout="miljodirektoratet-utslipp")
    assert not Observation.objects.filter(indicator=INDICATOR).exists()


def test_without_the_catalogue_entry_the_indicator_is_named_at_the_first_row(tmp_path):
    with pytest.raises(CommandError, match="miljodirektoratet_utslipp.csv:2:indicator: unknown indicator "
                                           f"'{INDICATOR}'"):
        call_command("import", str(MILJODIREKTORATET_CSV), layout="miljodirektoratet-utslipp")
    assert Observation.objects.count() == 0


def test_unknown_layout_and_layout_with_format_are_refused(tmp_path):
    with pytest.raises(CommandError, match="unknown layout 'udir'; the known layouts are: miljodirektoratet-utslipp"):
        call_command("import", str(MILJODIREKTORATET_CSV), layout="udir")
    with pytest.raises(CommandError, match="leave out --format"):
        call_command("import", str(MILJODIREKTORATET_CSV), layout="miljodirektoratet-utslipp", format="csv")


def test_list_layouts_names_each_layout_its_indicator_and_download(capsys):
    call_command("import", list_layouts=True)
    output = capsys.readouterr().out
    assert output.startswith("miljodirektoratet-utslipp: Klimagassutslipp i kommuner")
    assert f"indicator: {INDICATOR} (tonnes CO2e)" in output
    assert "miljodirektoratet.no/tjenester/klimagassutslipp-kommuner" in output


def test_import_without_a_file_says_what_to_give():
    with pytest.raises(CommandError, match="name the file to import"):
        call_command("import")


def test_stored_empty_totals_are_not_numbers(catalogue_loaded):
    call_command("import", str(MILJODIREKTORATET_CSV), layout="miljodirektoratet-utslipp")
    empty = Observation.objects.get(indicator=INDICATOR, place="5501", year=2023)
    assert empty.value is None or math.isnan(empty.value)
