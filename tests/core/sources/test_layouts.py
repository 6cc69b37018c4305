"""File layouts: a publisher's own download read by a declarative layout, with every problem located."""

import json
import math
import shutil
from pathlib import Path

import pandas as pd
import pytest

import lokalagenda
from lokalagenda.core.observations import Problem
from lokalagenda.core.sources.layouts import LayoutError, choose, layout_of, read_layouts, read_with_layout, summed
from lokalagenda.core.sources.registry import ReadOptions
from tests.publisher_files import MILJODIREKTORATET_CSV, miljodirektoratet_workbook, workbook_of

LAYOUTS = Path(lokalagenda.__file__).parent / "indicators" / "layouts"
HEADER = "Fylke,Kommunenummer,Kommune,År,Sektor,Utslippskilde,Klimagass,Utslipp (tonn CO2-ekvivalenter)"


@pytest.fixture(scope="module")
def utslipp():
    return choose(read_layouts(LAYOUTS), "miljodirektoratet-utslipp")


def _totals(result):
    return {(row.place, row.year): (None if math.isnan(row.value) else round(row.value, 2), row.flag, row.source_row)
            for row in result.table.itertuples()}


def test_every_shipped_layout_names_its_evidence_and_indicator():
    layouts = read_layouts(LAYOUTS)
    assert "miljodirektoratet-utslipp" in layouts
    for layout in layouts.values():
        assert layout.evidence and all(item["source"] and item["shows"] for item in layout.evidence)
        assert layout.indicator and layout.unit and layout.download


def test_miljodirektoratet_workbook_gives_one_total_per_kommune_and_year(utslipp, tmp_path):
    result = read_with_layout(miljodirektoratet_workbook(tmp_path), utslipp)
    assert result.problems == []
    assert _totals(result) == {
        ("4601", 2023): (1313.0, "", 2),
        ("0301", 2023): (7500.25, "", 6),  # stored by the spreadsheet as the number 301
        ("3806", 2022): (1673616.07, "", 8),  # the 2020-2023 number; the import maps it to 4001
        ("5501", 2023): (None, "missing", 10),  # one part is empty: the total is not made up
        ("1103", 2023): (None, "suppressed", 12),
    }
    assert set(result.table["indicator"]) == {"GHG_EMISSIONS_TOTAL_TONNES"}
    assert set(result.table["unit"]) == {"tonnes CO2e"}
    assert set(result.table["disaggregation"]) == {""}


def test_provenance_names_the_layout_sheet_columns_and_evidence(utslipp, tmp_path):
    provenance = read_with_layout(miljodirektoratet_workbook(tmp_path), utslipp).provenance
    assert provenance["layout"] == "miljodirektoratet-utslipp"
    assert provenance["publisher"] == "Miljødirektoratet"
    assert provenance["sheet"] == "Oversikt - detaljert"
    assert provenance["columns"] == {"place": "Kommunenummer", "year": "År",
                                     "value": "Utslipp (tonn CO2-ekvivalenter)"}
    assert provenance["summed_over"] == ["Sektor", "Utslippskilde", "Klimagass"]
    assert any("evensrii/Telemark" in source for source in provenance["evidence"])


def test_the_sheet_saved_as_csv_reads_the_same_as_the_workbook(utslipp, tmp_path):
    from_csv = read_with_layout(MILJODIREKTORATET_CSV, utslipp)
    from_workbook = read_with_layout(miljodirektoratet_workbook(tmp_path), utslipp)
    assert from_csv.problems == []
    pd.testing.assert_frame_equal(from_csv.table, from_workbook.table)


def test_the_co2_subscript_spelling_of_the_value_header_is_accepted(utslipp, tmp_path):
    path = tmp_path / "utslipp.csv"
    path.write_text(MILJODIREKTORATET_CSV.read_text(encoding="utf-8").replace("CO2-ekv", "CO₂-ekv"),
                    encoding="utf-8")
    result = read_with_layout(path, utslipp)
    assert result.problems == [] and len(result.table) == 5


def test_indicator_option_stores_the_values_under_another_indicator(utslipp):
    result = read_with_layout(MILJODIREKTORATET_CSV, utslipp, ReadOptions(indicator="MY_EMISSIONS"))
    assert set(result.table["indicator"]) == {"MY_EMISSIONS"}


def test_a_tidy_file_read_with_the_layout_is_refused_at_its_header_naming_each_column(utslipp, tmp_path):
    path = tmp_path / "values.csv"
    path.write_text("indicator_id,municipality_code,year,value\nPOP_TOTAL,0301,2024,717710\n", encoding="utf-8")
    result = read_with_layout(path, utslipp)
    assert result.table.empty
    messages = [str(problem) for problem in result.problems]
    assert messages[0].startswith(f"{path}:1:Kommunenummer: layout 'miljodirektoratet-utslipp' expects the place "
                                  "column 'Kommunenummer' in header row 1; the file has: indicator_id,")
    columns = {problem.column for problem in result.problems}
    assert {"Kommunenummer", "År", "Utslipp (tonn CO2-ekvivalenter)", "Sektor", "Klimagass", "indicator_id",
            "municipality_code"} <= columns
    assert all(problem.row == 1 for problem in result.problems)


def test_a_column_the_publisher_added_is_refused_rather_than_summed_over(utslipp, tmp_path):
    text = MILJODIREKTORATET_CSV.read_text(encoding="utf-8").splitlines()
    rows = [text[0] + ",Scope"] + [line + ",1" for line in text[1:]]
    path = tmp_path / "utslipp.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = read_with_layout(path, utslipp)
    assert result.table.empty
    assert [(problem.row, problem.column) for problem in result.problems] == [(1, "Scope")]
    assert "counted twice" in result.problems[0].message


def test_a_bad_cell_is_reported_with_its_row_and_header(utslipp, tmp_path):
    path = tmp_path / "utslipp.csv"
    path.write_text(f"{HEADER}\nVestland,4601,Bergen,2023,Veitrafikk,Personbiler,CO2,mye\n"
                    "Vestland,4601,Bergen,20x3,Veitrafikk,Personbiler,CH4,2\n", encoding="utf-8")
    result = read_with_layout(path, utslipp)
    assert result.problems == [
        Problem(str(path), 2, "Utslipp (tonn CO2-ekvivalenter)", "'mye' is not a number"),
        Problem(str(path), 3, "År", result.problems[1].message),
    ]


def test_a_workbook_without_the_layouts_sheet_names_the_sheets_it_has(utslipp, tmp_path):
    path = workbook_of(MILJODIREKTORATET_CSV, tmp_path, "Ark1", "utslipp.xlsx", before=None)
    result = read_with_layout(path, utslipp)
    assert result.table.empty
    assert "no sheet named 'Oversikt - detaljert'; its sheets are: Ark1" in str(result.problems[0])


def test_a_file_that_is_neither_excel_nor_csv_is_refused(utslipp, tmp_path):
    path = tmp_path / "utslipp.json"
    shutil.copy(MILJODIREKTORATET_CSV, path)
    result = read_with_layout(path, utslipp)
    assert "reads Excel or CSV files" in str(result.problems[0]) and result.table.empty


def test_an_unknown_layout_name_lists_the_known_ones():
    with pytest.raises(LayoutError, match="unknown layout 'udir'; the known layouts are: miljodirektoratet-utslipp"):
        choose(read_layouts(LAYOUTS), "udir")


def test_a_layout_without_evidence_is_refused(tmp_path):
    data = json.loads((LAYOUTS / "miljodirektoratet-utslipp.json").read_text(encoding="utf-8"))
    with pytest.raises(LayoutError, match="'evidence' must be a non-empty list"):
        layout_of({**data, "evidence": []}, "x.json")
    with pytest.raises(LayoutError, match="missing key\\(s\\): indicator"):
        layout_of({key: value for key, value in data.items() if key != "indicator"}, "x.json")
    (tmp_path / "a.json").write_text(json.dumps(data), encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(LayoutError, match="defined twice"):
        read_layouts(tmp_path)


def test_a_sum_with_an_empty_part_takes_the_strongest_flag():
    table = pd.DataFrame({
        "indicator": ["X"] * 5, "place": ["0301", "0301", "0301", "4601", "4601"], "year": [2023] * 5,
        "disaggregation": [""] * 5, "value": [1.0, float("nan"), float("nan"), 2.0, 3.0], "unit": ["t"] * 5,
        "flag": ["", "missing", "suppressed", "", ""], "source_row": [2, 3, 4, 5, 6]})
    result = summed(table)
    assert list(result["place"]) == ["0301", "4601"]
    assert list(result["flag"]) == ["suppressed", ""]
    assert math.isnan(result["value"][0]) and result["value"][1] == 5.0
    assert list(result["source_row"]) == [2, 5]
