"""The JSON-stat reader against real recorded SSB responses, FHI-shaped input and malformed input."""

from __future__ import annotations

import copy
import json
import time
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lokalagenda.core.observations import COLUMNS, ReadResult, parse_disaggregation
from lokalagenda.core.sources.jsonstat import JsonStatReader, place_code, read_bytes, read_dataset, year_code
from lokalagenda.core.sources.registry import ReadOptions

KOMMSUMMER = "v0_07459_population_kommsummer_2022_jsonstat2.json"
STRAND = "v0_07459_population_strand1130_1986-2026_jsonstat2.json"
KOSTRA_12362 = "v0_12362_kostra_expenses_by_function_strand1130_2015-2024_jsonstat2.json"
KOSTRA_12367 = "v0_12367_kostra_detailed_accounts_eak_eakuo_halden_kostragroups_2015-2020_jsonstat2.json"
HEALTH_12191 = "v0_12191_kommunehelse_9_viken_municipalities_2018-2020_jsonstat2.json"
RATIOS_13566 = "v0_13566_kostra_financial_ratios_pct_strand1130_2020-2025_jsonstat2.json"


@pytest.fixture(scope="module")
def recorded(data_dir: Path) -> Path:
    return data_dir / "recorded" / "ssb"


def read(path: Path, **options: Any) -> ReadResult:
    return JsonStatReader().read(path, ReadOptions(**options))


def raw(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


# --- real SSB responses ----------------------------------------------------------------------------------------

def test_every_recorded_response_is_sniffed_and_read_without_problems(recorded: Path) -> None:
    files = sorted(recorded.glob("*_jsonstat2.json"))
    assert len(files) == 8
    for path in files:
        assert JsonStatReader().sniff(path, path.read_bytes()[:65536]), path.name
        result = read(path)
        assert result.problems == [], path.name
        assert list(result.table.columns) == list(COLUMNS)


def test_kommsummer_2022_gives_356_kommuner_with_k_prefix_stripped(recorded: Path) -> None:
    result = read(recorded / KOMMSUMMER, indicator="POP_TOTAL")
    table = result.table
    assert len(table) == 356
    assert table["place"].str.fullmatch(r"\d{4}").all()
    assert table["place"].is_unique
    assert set(table["indicator"]) == {"POP_TOTAL"}
    assert set(table["year"]) == {2022}
    assert set(table["unit"]) == {"personer"}
    assert table.set_index("place").loc["0301", "value"] == 699_827

    document = raw(recorded / KOMMSUMMER)
    index, values = document["dimension"]["Region"]["category"]["index"], document["value"]
    special = ("K-21-22", "K-23", "K-Rest")
    assert sum(values) == 5_425_270
    assert table["value"].sum() == 5_425_270 - sum(values[index[code]] for code in special)
    assert [(code, cells) for code, _, cells in result.provenance["skipped"]] == [(code, 1) for code in special]
    assert result.problems == []


def test_provenance_names_table_update_and_source(recorded: Path) -> None:
    provenance = read(recorded / KOMMSUMMER).provenance
    assert provenance["format"] == "json-stat2"
    assert provenance["table"] == "07459"
    assert provenance["updated"] == "2022-02-24T07:00:00Z"
    assert provenance["source"] == "Statistisk sentralbyrå"
    assert provenance["label"].startswith("07459: Befolkning")


def test_indicator_by_code_maps_the_contents_code(recorded: Path) -> None:
    table = read(recorded / KOMMSUMMER, indicator_by_code={"Personer1": "POP"}).table
    assert set(table["indicator"]) == {"POP"}
    unmapped = read(recorded / KOMMSUMMER)
    assert set(unmapped.table["indicator"]) == {""}
    assert unmapped.provenance["unmapped_codes"] == ["Personer1"]


def test_strand_time_series_has_41_years(recorded: Path) -> None:
    table = read(recorded / STRAND).table
    assert len(table) == 41
    assert list(table["year"]) == list(range(1986, 2027))
    assert set(table["place"]) == {"1130"}
    assert set(table["disaggregation"]) == {""}
    assert list(table["source_row"]) == list(range(41))


def test_kostra_12362_disaggregates_by_function_and_art_and_flags_dots(recorded: Path) -> None:
    result = read(recorded / KOSTRA_12362)
    table = result.table
    assert len(table) == 1 * 97 * 5 * 1 * 10
    assert {frozenset(parse_disaggregation(key)) for key in table["disaggregation"]} == {
        frozenset({"KOKfunksjon0000", "KOKart0000"})}
    assert table["disaggregation"].nunique() == 97 * 5
    status = raw(recorded / KOSTRA_12362)["status"]
    dotted = table[table["source_row"].isin([int(index) for index in status])]
    assert len(dotted) == 265
    assert (dotted["flag"] == "not_applicable").all()
    assert dotted["value"].isna().all()
    assert table["value"].isna().sum() == 265
    assert set(table["unit"]) == {"1000 kr"}


def test_kostra_12367_eak_is_the_country_and_aggregates_are_skipped(recorded: Path) -> None:
    result = read(recorded / KOSTRA_12367)
    assert result.problems == []
    assert set(result.table["place"]) == {"0", "3001"}
    skipped = {code: (reason, cells) for code, reason, cells in result.provenance["skipped"]}
    assert set(skipped) == {"EAKUO", "EKG16", "EKG17"}
    assert "KOSTRA group EKG16 is not a place" in skipped["EKG16"][0]
    assert {cells for _, cells in skipped.values()} == {2 * 5 * 5 * 1 * 5}
    assert "KOKregnskapsomfa0000" in parse_disaggregation(result.table["disaggregation"].iloc[0])
    assert set(result.table["flag"]) == {"", "not_applicable", "suppressed"}


def test_12191_maps_values_to_the_right_kommune_when_region_is_not_first(recorded: Path) -> None:
    document = raw(recorded / HEALTH_12191)
    assert document["id"][0] == "ContentsCode"
    dims = document["dimension"]
    flat = (dims["ContentsCode"]["category"]["index"]["KOSergoaarsverk0000"] * 9 * 3
            + dims["KOKkommuneregion0000"]["category"]["index"]["3005"] * 3
            + dims["Tid"]["category"]["index"]["2020"])
    assert (flat, document["value"][flat]) == (59, 27.8)

    table = read(recorded / HEALTH_12191, indicator_by_code={"KOSergoaarsverk0000": "ERGO"}).table
    ergo = table[table["indicator"] == "ERGO"].set_index(["place", "year"])
    assert ergo.loc[("3005", 2020), "value"] == 27.8
    assert ergo.loc[("3005", 2020), "source_row"] == 59
    assert ergo.loc[("3014", 2020), "value"] == 11.7
    assert ergo.loc[("3005", 2020), "unit"] == "årsverk"
    assert ergo.loc[("3005", 2019), "flag"] == "not_applicable"
    assert set(table["flag"]) == {"", "not_applicable", "suppressed", "missing"}


def test_13566_two_dots_are_missing(recorded: Path) -> None:
    flags = read(recorded / RATIOS_13566).table["flag"].value_counts().to_dict()
    assert flags == {"": 448, "not_applicable": 40, "missing": 16}


# --- codes -----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("code", "place"), [
    ("0301", "0301"), ("K-0301", "0301"), ("K_0301", "0301"), ("K.0301", "0301"), ("03", "03"), ("F-46", "46"),
    ("0", "0"), ("EAK", "0"), ("0000", "0"),
])
def test_place_codes(code: str, place: str) -> None:
    assert place_code(code) == (place, "")


@pytest.mark.parametrize(("code", "reason"), [
    ("EAKUO", "national aggregate"), ("EKG16", "KOSTRA group EKG16 is not a place"), ("EKA31", "county aggregate"),
    ("K-21-22", "special region"), ("K-23", "special region"), ("K-Rest", "special region"),
    ("030101", "bydel"), ("0399", "unknown kommune"), ("21", "Svalbard"), ("2111", "Svalbard"), ("K-0399", "special"),
    ("F-0301", "special"), ("١٢٣٤", "not a kommune"),
])
def test_codes_that_are_no_place_say_why(code: str, reason: str) -> None:
    place, why = place_code(code)
    assert place is None
    assert reason in why


@pytest.mark.parametrize(("code", "expected"), [
    ("2022", (2022, "")), ("2020_2020", (2020, "")), ("2018_2020", (2020, "2018-2020")),
    ("2022-2024", (2024, "2022-2024")), ("2020M01", None), ("2020K1", None), ("2021_2019", None), ("", None),
])
def test_year_codes(code: str, expected: tuple[int, str] | None) -> None:
    assert year_code(code) == expected


# --- FHI-shaped and hand-made datasets -------------------------------------------------------------------------

#: The example response in FHI's "User Guide FHI Statistikk Open API" (folkehelseinstituttet/Fhi.Statistikk.OpenAPI):
#: index arrays, role/source/href null, status "".
FHI_GUIDE_EXAMPLE: dict[str, Any] = {
    "class": "dataset", "version": "2.0", "href": None, "label": "Befolkningsvekst (B)",
    "updated": "2022-12-20T11:44:58.7706326+00:00", "source": None,
    "id": ["GEO", "AAR", "KJONN", "ALDER", "MEASURE_TYPE"], "size": [2, 2, 1, 1, 1], "role": None,
    "dimension": {
        "GEO": {"label": "Geografi", "category": {"index": ["03", "30"], "label": {"03": "Oslo", "30": "Viken"}}},
        "AAR": {"label": "År", "category": {"index": ["2020_2020", "2021_2021"],
                                             "label": {"2020_2020": "2020", "2021_2021": "2021"}}},
        "KJONN": {"label": "Kjønn", "category": {"index": ["0"], "label": {"0": "Kjønn samlet"}}},
        "ALDER": {"label": "Alder", "category": {"index": ["0"], "label": {"0": "Alle aldre"}}},
        "MEASURE_TYPE": {"label": "Måltall", "category": {"index": ["BEFVEKST_ANT"],
                                                          "label": {"BEFVEKST_ANT": "antall"}}},
    },
    "value": [3516, 2817, 11219, 16846], "status": "",
}


def test_fhi_guide_example() -> None:
    result = read_dataset(FHI_GUIDE_EXAMPLE, ReadOptions(indicator="POP_GROWTH", unit="persons"))
    assert result.problems == []
    rows = result.table[["indicator", "place", "year", "disaggregation", "value", "unit", "flag"]]
    assert rows.values.tolist() == [
        ["POP_GROWTH", "03", 2020, "", 3516.0, "persons", ""],
        ["POP_GROWTH", "03", 2021, "", 2817.0, "persons", ""],
        ["POP_GROWTH", "30", 2020, "", 11219.0, "persons", ""],
        ["POP_GROWTH", "30", 2021, "", 16846.0, "persons", ""],
    ]


def fhi_periods() -> dict[str, Any]:
    """Hand-made FHI-style dataset: index arrays, no role, multi-year periods, status as a list, a bydel."""
    return {
        "class": "dataset", "version": "2.0", "label": "Hand-made", "role": None, "source": None,
        "id": ["GEO", "AAR", "KJONN", "MEASURE_TYPE"], "size": [3, 2, 2, 1],
        "dimension": {
            "GEO": {"category": {"index": ["0", "0301", "030101"]}},
            "AAR": {"category": {"index": ["2018_2020", "2021_2021"]}},
            "KJONN": {"category": {"index": ["1", "2"]}},
            "MEASURE_TYPE": {"category": {"index": ["RATE"]}},
        },
        "value": [1.5, 2.5, None, 4.0, 5, 6, 7, 8, 9, 10, 11, 12],
        "status": ["", "", ":", "", "", "", "", "", "", "", "", ""],
    }


def test_fhi_periods_become_the_end_year_with_a_period_disaggregation() -> None:
    result = read_dataset(fhi_periods(), ReadOptions(indicator_by_code={"RATE": "R"}))
    assert result.problems == []
    table = result.table
    assert set(table["place"]) == {"0", "0301"}
    assert [code for code, _, _ in result.provenance["skipped"]] == ["030101"]
    first = table.iloc[0]
    assert (first.place, first.year, first.disaggregation, first.value) == ("0", 2020, "KJONN=1;period=2018-2020", 1.5)
    assert table.iloc[2].disaggregation == "KJONN=1" and table.iloc[2].year == 2021
    suppressed = table[table["source_row"] == 2].iloc[0]
    assert np.isnan(suppressed.value) and suppressed.flag == "suppressed"
    assert set(table["indicator"]) == {"R"}


def test_json_stat_1_wrapper_is_read() -> None:
    wrapped = {"dataset": {
        "label": "07459", "updated": "2020-01-01",
        "dimension": {"id": ["Region", "Tid"], "size": [2, 1], "role": {"geo": ["Region"], "time": ["Tid"]},
                      "Region": {"category": {"index": {"0301": 0, "4601": 1}}},
                      "Tid": {"category": {"index": {"2020": 0}}}},
        "value": [10, 20]}}
    result = read_bytes(json.dumps(wrapped).encode(), ReadOptions(indicator="X"))
    assert result.problems == []
    assert result.provenance["format"] == "json-stat"
    assert result.table[["place", "value"]].values.tolist() == [["0301", 10.0], ["4601", 20.0]]
    assert JsonStatReader().sniff(Path("x.json"), json.dumps(wrapped).encode())


def small() -> dict[str, Any]:
    return {
        "version": "2.0", "class": "dataset", "label": "small",
        "id": ["Region", "Alder", "ContentsCode", "Tid"], "size": [2, 2, 1, 2],
        "role": {"geo": ["Region"], "time": ["Tid"], "metric": ["ContentsCode"]},
        "dimension": {
            "Region": {"category": {"index": {"0301": 0, "EKG16": 1}}},
            "Alder": {"category": {"index": {"0-17": 0, "18+": 1}}},
            "ContentsCode": {"category": {"index": {"Personer1": 0},
                                          "unit": {"Personer1": {"base": "personer", "decimals": 0}}}},
            "Tid": {"category": {"index": {"2021": 0, "2022": 1}}},
        },
        "value": [1, 2, None, 4, 5, 6, 7, 8],
        "status": {"2": "..", "3": "e"},
    }


def test_sparse_values_and_status_on_values() -> None:
    dataset = small()
    dataset["value"] = {"0": 1, "1": 2, "3": 4}
    result = read_dataset(dataset)
    assert result.problems == []
    assert list(result.table["source_row"]) == [0, 1, 2, 3]  # cells 4-7 are EKG16, skipped
    assert result.table["value"].fillna(-1).tolist() == [1.0, 2.0, -1, 4.0]
    assert set(result.table["disaggregation"]) == {"Alder=0-17", "Alder=18+"}
    flags = dict(zip(result.table["source_row"], result.table["flag"], strict=True))
    assert flags[2] == "missing" and flags[3] == ""
    assert ("e", 1, "status symbol on a cell that has a value; not a flag") in result.provenance["status_ignored"]


def test_unit_falls_back_to_options() -> None:
    dataset = small()
    del dataset["dimension"]["ContentsCode"]["category"]["unit"]
    assert set(read_dataset(dataset, ReadOptions(unit="persons")).table["unit"]) == {"persons"}
    assert set(read_dataset(small(), ReadOptions(unit="persons")).table["unit"]) == {"personer"}


# --- malformed input -------------------------------------------------------------------------------------------

def write(tmp_path: Path, content: str | bytes) -> Path:
    path = tmp_path / "input.json"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    return path


def test_broken_json_is_a_problem(tmp_path: Path) -> None:
    result = read(write(tmp_path, '{"class": "dataset", "id": ['))
    assert len(result.problems) == 1
    assert "not valid JSON" in result.problems[0].message
    assert result.problems[0].file.endswith("input.json")
    assert result.table.empty and list(result.table.columns) == list(COLUMNS)


def test_size_value_mismatch_is_a_problem(tmp_path: Path) -> None:
    dataset = small()
    dataset["value"] = dataset["value"][:-1]
    result = read(write(tmp_path, json.dumps(dataset)))
    assert [p.message for p in result.problems] == ["the sizes multiply to 8 cells but 'value' has 7"]
    assert result.table.empty


def test_missing_dimension_is_a_problem(tmp_path: Path) -> None:
    dataset = small()
    del dataset["dimension"]["Alder"]
    result = read(write(tmp_path, json.dumps(dataset)))
    assert [(p.column, p.row) for p in result.problems] == [("Alder", None)]


def test_missing_time_dimension_and_unknown_time_code_are_problems() -> None:
    dataset = small()
    dataset["dimension"]["Tid"]["category"]["index"] = {"2021M01": 0, "2022": 1}
    result = read_dataset(dataset)
    assert [(p.column, p.message) for p in result.problems] == [
        ("Tid", "time code '2021M01' is not a year or a span of years")]
    assert set(result.table["year"]) == {2022}
    del dataset["role"]
    dataset["id"][3] = "Periode"
    dataset["dimension"]["Periode"] = dataset["dimension"].pop("Tid")
    assert any("no time dimension" in p.message for p in read_dataset(dataset).problems)


def test_a_value_that_is_not_a_number_is_a_problem_at_its_cell() -> None:
    dataset = small()
    dataset["value"][0] = "lots"
    result = read_dataset(dataset)
    assert [(p.row, p.column) for p in result.problems] == [(0, "value")]
    assert 0 not in set(result.table["source_row"])


def test_sniff_rejects_other_json(tmp_path: Path) -> None:
    reader = JsonStatReader()
    assert not reader.sniff(tmp_path / "a.json", b"[1, 2]")
    assert not reader.sniff(tmp_path / "a.json", b'{"class": "collection", "version": "2.0"}')
    assert not reader.sniff(tmp_path / "a.json", b'{"version": "1.0", "class": "dataset"}')
    assert reader.sniff(tmp_path / "a.json", b'\xef\xbb\xbf {"class": "dataset", "version": "2.0"}')


def paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value inside a JSON document."""
    children = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else []
    result = [prefix] if prefix else []
    for key, child in children:
        result += paths(child, (*prefix, key))
    return result


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=6), children, max_size=4),
    max_leaves=8,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_random_mutations_never_raise(data: st.DataObject) -> None:
    dataset = small()
    for _ in range(data.draw(st.integers(1, 3))):
        candidates = paths(dataset)
        path = data.draw(st.sampled_from(candidates))
        parent = dataset
        for key in path[:-1]:
            parent = parent[key]
        if data.draw(st.booleans()):
            del parent[path[-1]]
        else:
            parent[path[-1]] = data.draw(JSON_VALUES)
    result = read_dataset(copy.deepcopy(dataset))
    assert list(result.table.columns) == list(COLUMNS)
    assert read_bytes(json.dumps(dataset).encode()).table.shape[1] == len(COLUMNS)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=200))
def test_random_bytes_never_raise(data: bytes) -> None:
    assert isinstance(read_bytes(data), ReadResult)


# --- speed -----------------------------------------------------------------------------------------------------

def test_994_regions_by_40_years_is_quick() -> None:
    regions = ["0"] + [f"{i:02d}" for i in range(1, 57)] + [f"{i:04d}" for i in range(100, 1037)]
    years = [str(year) for year in range(1986, 2026)]
    dataset = {
        "version": "2.0", "class": "dataset", "id": ["Region", "ContentsCode", "Tid"],
        "size": [len(regions), 1, len(years)],
        "dimension": {"Region": {"category": {"index": {code: i for i, code in enumerate(regions)}}},
                      "ContentsCode": {"category": {"index": {"Personer1": 0}}},
                      "Tid": {"category": {"index": {code: i for i, code in enumerate(years)}}}},
        "value": [float(i) for i in range(len(regions) * len(years))],
    }
    started = time.perf_counter()
    result = read_dataset(dataset, ReadOptions(indicator="POP"))
    assert time.perf_counter() - started < 2.0
    skipped = len(result.provenance["skipped"])
    assert len(result.table) == (len(regions) - skipped) * len(years)
    row = result.table[(result.table["place"] == "0301") & (result.table["year"] == 2000)].iloc[0]
    assert row.value == row.source_row == regions.index("0301") * len(years) + years.index("2000")
