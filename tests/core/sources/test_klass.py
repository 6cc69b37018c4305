"""Reading Klass correspondences between KOSTRA groups (112) and kommuner (131), with the network blocked."""

import json
from datetime import date
from pathlib import Path

import pytest

from lokalagenda.core.errors import SourceDataError
from lokalagenda.core.sources.klass import (
    KlassFetchError,
    correspondence_url,
    fetch_correspondence,
    parse_correspondence,
    read_correspondence,
    requests_get,
)

HANDMADE = Path(__file__).resolve().parents[2] / "places" / "fixtures" / "klass_112_131_handmade.json"
FILE = Path("klass.json")


def _item(source: str, target: str, **extra: object) -> dict[str, object]:
    return {"sourceCode": source, "sourceName": f"name of {source}", "targetCode": target,
            "targetName": f"name of {target}", "validFrom": "2024-01-01", "validTo": None, **extra}


def test_the_handmade_corresponds_at_answer_maps_kommuner_to_groups():
    correspondence = read_correspondence(HANDMADE)
    assert correspondence.kommune_side == "target" and correspondence.list_name == "correspondenceItems"
    by_kommune = {row.kommune.code: row for row in correspondence.assignments}
    assert by_kommune["0301"].group_code == "EKG13" and by_kommune["4601"].group_code == "EKG12"
    assert by_kommune["4601"].kommune_name == "Bergen" and by_kommune["4601"].valid_from == date(2024, 1, 1)
    assert by_kommune["4601"].valid_to is None
    assert correspondence.groups()["EKG12"] == "Testgruppe 12 (handlaget)"


def test_the_kommune_side_is_found_from_the_codes_in_either_direction():
    data = {"correspondenceItems": [_item("4601", "EKG12"), _item("0301", "EKG13")]}
    correspondence = parse_correspondence(data, FILE)
    assert correspondence.kommune_side == "source"
    assert [(r.kommune.code, r.group_code, r.group_name) for r in correspondence.assignments] == [
        ("4601", "EKG12", "name of EKG12"), ("0301", "EKG13", "name of EKG13")]


def test_correspondence_table_maps_take_their_start_from_the_caller():
    data = {"name": "Kostragrupper 2024 - Kommuner 2024",
            "correspondenceMaps": [{"sourceCode": "EKG12", "sourceName": "Gruppe 12", "targetCode": "4601",
                                    "targetName": "Bergen"}]}
    correspondence = parse_correspondence(data, FILE, valid_from=date(2024, 1, 1))
    assert correspondence.list_name == "correspondenceMaps"
    assert correspondence.assignments[0].valid_from == date(2024, 1, 1)


def test_maps_without_a_start_ask_for_the_date():
    data = {"correspondenceMaps": [{"sourceCode": "EKG12", "sourceName": "Gruppe 12", "targetCode": "4601",
                                    "targetName": "Bergen"}]}
    with pytest.raises(SourceDataError, match=r"row 0, column 'validFrom': is missing; .*--date"):
        parse_correspondence(data, FILE)


def test_every_bad_item_is_reported_with_its_index_and_field():
    data = {"correspondenceItems": [
        _item("EKG12", "4601"),
        _item("EKG12", "460"),
        _item("EKG12", "0301", validFrom="1. januar"),
        {"sourceCode": "EKG13", "targetCode": "5001", "targetName": "Trondheim", "validFrom": "2024-01-01"},
        _item("EKG13", "4601"),
        _item("EKG12", "1103", validTo="2023-01-01"),
    ]}
    with pytest.raises(SourceDataError) as raised:
        parse_correspondence(data, FILE)
    text = str(raised.value)
    assert "klass.json, row 1, column 'targetCode': '460' is not a kommunenummer" in text
    assert "row 2, column 'validFrom': '1. januar' is not a date" in text
    assert "row 3, column 'sourceName': is missing or empty" in text
    assert "row 4, column 'targetCode': kommune 4601 is listed twice for 2024-01-01 (also item 0)" in text
    assert "row 5, column 'validTo': 2023-01-01 is not after validFrom 2024-01-01" in text
    assert len(raised.value.problems) == 5


@pytest.mark.parametrize(("data", "message"), [
    ([], "expected a JSON object with a list correspondenceItems or correspondenceMaps"),
    ({"correspondenceItems": []}, "is empty"),
    ({"correspondenceItems": [_item("EKG12", "EKG13")]}, "cannot tell which side holds the kommunenummer"),
])
def test_answers_that_are_no_correspondence_are_refused(data, message):
    with pytest.raises(SourceDataError, match=message):
        parse_correspondence(data, FILE)


def test_a_file_that_is_not_json_names_the_file(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(SourceDataError, match="broken.json: is not a readable JSON file"):
        read_correspondence(path)


def test_fetch_asks_klass_for_the_correspondence_on_the_date():
    asked: list[tuple[str, float]] = []

    def get(url: str, timeout: float) -> object:
        asked.append((url, timeout))
        return json.loads(HANDMADE.read_text(encoding="utf-8"))

    correspondence, url = fetch_correspondence(date(2024, 1, 1), get=get, timeout=5)
    assert url == correspondence_url(date(2024, 1, 1)) == asked[0][0] and asked[0][1] == 5
    assert url == ("https://data.ssb.no/api/klass/v1/classifications/112/correspondsAt?targetClassificationId=131"
                   "&date=2024-01-01")
    assert len(correspondence.assignments) == 7


def test_fetch_without_network_says_what_to_do_instead():
    with pytest.raises(KlassFetchError, match="could not read https://data.ssb.no/.*--file"):
        requests_get(correspondence_url(date(2024, 1, 1)), timeout=2)
