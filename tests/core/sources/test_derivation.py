"""A spec's derivation turns a table's parts into one value per place and year."""

from __future__ import annotations

import math

import pytest

from lokalagenda.core.sources import jsonstat
from lokalagenda.core.sources.derivation import Derivation, DerivationError
from lokalagenda.core.sources.registry import ReadOptions


def dataset(status_codes: list[str], times: list[str], values: list[float | None],
            status: dict[str, str] | None = None, dimension: str = "HovArbStyrkStatus") -> dict:
    """A JSON-stat 2.0 dataset of two kommuner × the given codes of ``dimension`` × times, one contents code."""
    document = {
        "version": "2.0", "class": "dataset",
        "id": ["Region", dimension, "ContentsCode", "Tid"],
        "size": [2, len(status_codes), 1, len(times)],
        "dimension": {
            "Region": {"category": {"index": {"3201": 0, "4601": 1}}},
            dimension: {"category": {"index": {code: i for i, code in enumerate(status_codes)}}},
            "ContentsCode": {"category": {"index": {"Bosatte": 0}, "unit": {"Bosatte": {"base": "personer"}}}},
            "Tid": {"category": {"index": {time: i for i, time in enumerate(times)}}},
        },
        "value": values,
    }
    if status:
        document["status"] = status
    return document


def read(document: dict):
    return jsonstat.read_dataset(document, ReadOptions(indicator="EMPLOYMENT_RATE"), file="piece.json")


def rows(result) -> dict[tuple[str, int], tuple[float, str]]:
    return {(row.place, row.year): (row.value, row.flag) for row in result.table.itertuples()}


EMPLOYMENT = Derivation.parse({"op": "share", "of": {"HovArbStyrkStatus": ["A.01"]},
                               "per": {"HovArbStyrkStatus": ["TOT"]}})


def test_share_divides_the_named_parts_per_place_and_year():
    # Region × (A.01, TOT) × Tid(2023, 2024)
    result = EMPLOYMENT.apply(read(dataset(["A.01", "TOT"], ["2023", "2024"],
                                           [60, 62, 100, 100, 700, 710, 1000, 1000])), "piece.json")
    assert result.ok
    assert rows(result) == {("3201", 2023): (60.0, ""), ("3201", 2024): (62.0, ""),
                            ("4601", 2023): (70.0, ""), ("4601", 2024): (71.0, "")}
    assert set(result.table["disaggregation"]) == {""}
    assert result.provenance["derivation"]["op"] == "share"


def test_a_suppressed_part_makes_the_share_suppressed():
    result = EMPLOYMENT.apply(read(dataset(["A.01", "TOT"], ["2024"], [None, 100, 700, 1000],
                                           status={"0": ":"})), "piece.json")
    values = rows(result)
    assert math.isnan(values[("3201", 2024)][0]) and values[("3201", 2024)][1] == "suppressed"
    assert values[("4601", 2024)] == (70.0, "")


def test_a_zero_denominator_is_not_applicable():
    result = EMPLOYMENT.apply(read(dataset(["A.01", "TOT"], ["2024"], [0, 0, 7, 10])), "piece.json")
    value, flag = rows(result)[("3201", 2024)]
    assert math.isnan(value) and flag == "not_applicable"


def test_sum_adds_the_codes_and_ignores_the_others():
    higher = Derivation.parse({"op": "sum", "of": {"Nivaa": ["03a", "04a"]}})
    document = dataset(["02a", "03a", "04a"], ["2024"], [50, 30, 20, 40, 35, 25], dimension="Nivaa")
    assert rows(higher.apply(read(document), "piece.json")) == {("3201", 2024): (50.0, ""),
                                                                ("4601", 2024): (60.0, "")}


def test_difference_is_in_the_parts_unit():
    gap = Derivation.parse({"op": "difference", "of": {"Landbakgrunn": ["tot"]},
                            "per": {"Landbakgrunn": ["zzz"]}})
    document = dataset(["tot", "zzz"], ["2024"], [70, 60, 75, 70], dimension="Landbakgrunn")
    assert rows(gap.apply(read(document), "piece.json")) == {("3201", 2024): (10.0, ""), ("4601", 2024): (5.0, "")}


def test_value_of_a_three_year_period_is_stored_under_its_end_year_without_the_period():
    document = dataset(["999A"], ["2020-2022", "2021-2023"], [8.1, 8.3, 9.0, 9.2], dimension="Alder")
    read_piece = read(document)
    assert set(read_piece.table["disaggregation"]) == {"period=2020-2022", "period=2021-2023"}
    result = Derivation.parse({"op": "value"}).apply(read_piece, "piece.json")
    assert rows(result) == {("3201", 2022): (8.1, ""), ("3201", 2023): (8.3, ""),
                            ("4601", 2022): (9.0, ""), ("4601", 2023): (9.2, "")}
    assert set(result.table["disaggregation"]) == {""}


def test_value_with_several_matching_rows_is_a_problem_naming_the_place_and_year():
    result = Derivation.parse({"op": "value"}).apply(
        read(dataset(["A.01", "TOT"], ["2024"], [60, 100, 700, 1000])), "piece.json")
    assert not result.ok
    assert "derivation 'value' found 2 rows for 3201 2024" in str(result.problems[0])
    assert str(result.problems[0]).startswith("piece.json:")


@pytest.mark.parametrize(("value", "message"), [
    ("share", "expected an object"),
    ({"op": "ratio"}, "op must be one of value, sum, share, difference"),
    ({"op": "share", "of": {"A": ["1"]}}, "op 'share' needs 'per' filter"),
    ({"op": "value", "per": {"A": ["1"]}}, "op 'value' takes no 'per' filter"),
    ({"op": "sum"}, "op 'sum' needs an 'of' filter"),
    ({"op": "sum", "of": {"A": []}}, "'of': A must be a non-empty list of codes"),
    ({"op": "difference", "of": {"A": ["1"]}, "per": {"A": ["2"]}, "scale": 10}, "only op 'share' takes a scale"),
    ({"op": "share", "of": {"A": ["1"]}, "per": {"A": ["2"]}, "scale": 0}, "finite non-zero"),
    ({"op": "sum", "of": {"A": ["1"]}, "by": {}}, "unknown key 'by'"),
])
def test_a_bad_derivation_says_what_is_wrong(value, message):
    with pytest.raises(DerivationError, match=message.replace("(", r"\(")):
        Derivation.parse(value)


def test_codes_not_selected_are_named():
    derivation = Derivation.parse({"op": "share", "of": {"HovArbStyrkStatus": ["A.01"]},
                                   "per": {"HovArbStyrkStatus": ["TOT"], "period": ["2020-2022"]}})
    assert derivation.selection_problems({"HovArbStyrkStatus": ["A.01"]}) == [
        "derivation per: HovArbStyrkStatus TOT is not in the selections"]
    assert derivation.selection_problems({"HovArbStyrkStatus": ["A.01", "TOT"]}) == []


def test_the_json_form_reads_back():
    assert Derivation.parse(EMPLOYMENT.as_dict()) == EMPLOYMENT


def test_a_not_applicable_part_adds_nothing_unless_every_part_is_not_applicable():
    # Region × KOKfunksjon0000 (338, 339, 100) × one year; 3201 has no accounts on 339 that year.
    spending = Derivation.parse({"op": "share", "of": {"KOKfunksjon0000": ["338", "339"]},
                                 "per": {"KOKfunksjon0000": ["338", "339", "100"]}})
    document = dataset(["338", "339", "100"], ["2024"], [10, None, 90, None, None, 100],
                       status={"1": ".", "3": ".", "4": "."}, dimension="KOKfunksjon0000")
    values = rows(spending.apply(read(document), "piece.json"))
    assert values[("3201", 2024)] == (10.0, "")
    value, flag = values[("4601", 2024)]  # nothing on 338 or 339: the share's numerator is not applicable
    assert math.isnan(value) and flag == "not_applicable"
