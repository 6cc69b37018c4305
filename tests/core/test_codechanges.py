import math

import pandas as pd

from lokalagenda.core.codechanges import CodeChange, CodeHistory, map_to_current
from lokalagenda.core.observations import normalise

HISTORY = CodeHistory(
    [
        CodeChange("1601", "5001", 1.0, 1964, 2019),   # Trondheim + Klæbu → 5001 Trondheim in 2020
        CodeChange("1662", "5001", 1.0, 1964, 2019),
        CodeChange("0219", "3201", 1.0, 1940, 2019),   # Bærum: renumbered twice, same territory
        CodeChange("3024", "3201", 1.0, 2020, 2023),
        CodeChange("1507", "1508", 0.5, 2020, 2023),   # Ålesund divided in 2024
        CodeChange("1507", "1580", 0.5, 2020, 2023),
    ],
    current=["5001", "3201", "1508", "1580", "0301"],
)


def _table(rows):
    frame = pd.DataFrame(rows, columns=["indicator", "place", "year", "value"])
    frame["source_row"] = range(2, len(rows) + 2)
    return normalise(frame)


def test_counts_of_merged_kommuner_are_summed_when_every_part_is_present():
    table = _table([("POP", "1601", 2019, 100.0), ("POP", "1662", 2019, 10.0), ("POP", "0301", 2019, 5.0)])
    result = map_to_current(table, HISTORY, {"POP": True})
    assert result.unmapped == [] and result.mapped_rows == 1
    values = dict(zip(result.table["place"], result.table["value"], strict=True))
    assert values == {"5001": 110.0, "0301": 5.0}


def test_counts_are_not_summed_when_a_part_is_missing():
    result = map_to_current(_table([("POP", "1601", 2019, 100.0)]), HISTORY, {"POP": True})
    assert result.table.empty
    assert [u.source_row for u in result.unmapped] == [2] and "1662 is missing" in result.unmapped[0].reason


def test_rates_are_never_summed():
    table = _table([("SHARE", "1601", 2019, 10.0), ("SHARE", "1662", 2019, 20.0)])
    result = map_to_current(table, HISTORY, {"SHARE": False})
    assert result.table.empty and len(result.unmapped) == 2
    assert "never summed" in result.unmapped[0].reason


def test_rates_are_mapped_where_the_territory_is_unchanged():
    table = _table([("SHARE", "0219", 2018, 10.0), ("SHARE", "3024", 2021, 11.0)])
    result = map_to_current(table, HISTORY, {"SHARE": False})
    assert result.unmapped == [] and list(result.table["place"]) == ["3201", "3201"]


def test_divided_kommune_stays_unmapped_with_its_reason():
    result = map_to_current(_table([("POP", "1507", 2022, 66000.0)]), HISTORY, {"POP": True})
    assert result.table.empty and "divided" in result.unmapped[0].reason


def test_code_not_in_use_that_year_is_reported():
    result = map_to_current(_table([("POP", "0219", 2022, 1.0)]), HISTORY, {"POP": True})
    assert "not in use in 2022" in result.unmapped[0].reason


def test_a_missing_part_value_makes_the_sum_unknown():
    table = _table([("POP", "1601", 2019, 100.0), ("POP", "1662", 2019, math.nan)])
    table.loc[1, "flag"] = "suppressed"
    result = map_to_current(table, HISTORY, {"POP": True})
    assert result.table.empty and "sum is unknown" in result.unmapped[0].reason
