"""Table metadata (SSB v0, FHI dimensions) and the codes of a spec a table does not know."""

from __future__ import annotations

import json
from typing import Any

import pytest

from lokalagenda.core.sources.tablemeta import (
    MetadataError,
    Request,
    check_codes,
    read_fhi_dimensions,
    read_pxweb_metadata,
)

# The shape of SSB's v0 metadata, as in the 07459 example of janbrus/pxwebapi-skills
# pxwebapi-v1-generic-skill/SKILL.md@890e10d7 (codes abridged): ``elimination`` and ``time`` are false when absent.
V0 = {"title": "07459: Befolkning, etter region, kjønn, alder, statistikkvariabel og år", "variables": [
    {"code": "Region", "text": "region", "values": ["0", "31", "3101", "0301"],
     "valueTexts": ["Hele landet", "Østfold", "Halden", "Oslo"], "elimination": True},
    {"code": "Kjonn", "text": "kjønn", "values": ["1", "2"], "valueTexts": ["Menn", "Kvinner"], "elimination": True},
    {"code": "ContentsCode", "text": "statistikkvariabel", "values": ["Personer1"], "valueTexts": ["Personer"]},
    {"code": "Tid", "text": "år", "values": [str(year) for year in range(1986, 2027)],
     "valueTexts": [str(year) for year in range(1986, 2027)], "time": True}]}


def _v0(document: dict[str, Any] = V0) -> Any:
    return read_pxweb_metadata(json.dumps(document).encode(), "https://data.ssb.no/api/v0/no/table/07459")


def _request(**changes: Any) -> Request:
    fields: dict[str, Any] = {"contents_dimension": "ContentsCode", "contents": ("Personer1",),
                              "region_dimension": "Region", "regions": ("0301", "3101"), "time_dimension": "Tid",
                              "periods": ("2024", "2025"), "selections": {}}
    fields.update(changes)
    return Request(**fields)


def test_v0_metadata_reads_codes_texts_and_flags() -> None:
    metadata = _v0()
    region, sex, contents, time = metadata.variables
    assert metadata.title.startswith("07459: Befolkning")
    assert region.elimination and sex.elimination and not contents.elimination and not contents.time
    assert time.time and time.values[0] == "1986" and time.values[-1] == "2026"
    assert contents.text_of("Personer1") == "Personer" and metadata.variable("Alder") is None


def test_malformed_metadata_is_refused_with_its_url() -> None:
    with pytest.raises(MetadataError, match="table/07459: expected PxWebApi metadata"):
        _v0({"title": "x", "variables": [{"code": "Region"}]})
    with pytest.raises(MetadataError, match="not valid JSON"):
        read_pxweb_metadata(b"<html>", "u")


def test_fhi_dimensions_flatten_nested_categories_and_mark_the_year() -> None:
    body = json.dumps({"dimensions": [
        {"code": "GEO", "label": "Geografi", "categories": [
            {"value": "0", "label": "Hele landet", "children": [
                {"value": "03", "label": "Oslo", "children": [{"value": "0301", "label": "Oslo", "children": []}]}]}]},
        {"code": "AAR", "label": "År", "categories": [{"value": "2020_2020", "label": "2020", "children": []}]},
    ]}).encode()
    geo, year = read_fhi_dimensions(body).variables
    assert geo.values == ("0", "03", "0301") and geo.text_of("03") == "Oslo" and not geo.elimination
    assert year.time and year.values == ("2020_2020",)


def test_a_request_the_table_knows_has_no_findings() -> None:
    assert check_codes(_request(), _v0()) == []
    assert check_codes(_request(regions=(), selections={"Kjonn": ("1", "2")}), _v0()) == []


def test_an_unknown_contents_code_is_named_with_the_codes_the_table_knows() -> None:
    (finding,) = check_codes(_request(contents=("Personer2",)), _v0())
    assert finding.dimension == "ContentsCode" and finding.unknown == ("Personer2",)
    assert finding.known == (("Personer1", "Personer"),) and finding.known_total == 1
    assert finding.message == ("contents code(s) not in ContentsCode: Personer2; ContentsCode knows "
                               "Personer1 (Personer)")


def test_an_unknown_dimension_lists_the_table_dimensions() -> None:
    (finding,) = check_codes(_request(selections={"Kjønn": ("1",)}), _v0())
    assert finding.message.startswith("the table has no dimension Kjønn (code(s)); it has: Region (region), "
                                      "Kjonn (kjønn), ContentsCode (statistikkvariabel), Tid (år)")


def test_missing_periods_name_the_newest_ones_the_table_has() -> None:
    (finding,) = check_codes(_request(periods=("2026", "2027")), _v0())
    assert finding.unknown == ("2027",) and finding.known[-1] == ("2026", "2026") and len(finding.known) == 20
    assert finding.message.endswith("Tid knows … 2007, 2008, 2009, 2010, 2011, 2012, 2013, 2014, 2015, 2016, 2017, "
                                    "2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026 (41 in all)")


def test_missing_kommuner_are_listed_at_most_twenty() -> None:
    kommuner = tuple(f"{number:04d}" for number in range(1100, 1130))
    (finding,) = check_codes(_request(regions=("0301", *kommuner)), _v0())
    assert len(finding.unknown) == 30 and "1119 … (30 in all); Region knows 0 (Hele landet)" in finding.message


def test_a_dimension_that_cannot_be_left_out_must_be_named() -> None:
    kostra = {"title": "13542", "variables": [
        {"code": "KOKkommuneregion0000", "text": "region", "values": ["1130"], "valueTexts": ["Strand"]},
        {"code": "KOKregnskapsomfa0000", "text": "regnskapsomfang", "values": ["B", "C"],
         "valueTexts": ["(Fylkes-)Kommunekasse", "(Fylkes-)Kommuners konsoliderte regnskap"]},
        {"code": "ContentsCode", "text": "statistikkvariabel", "values": ["KOSAGD230000"], "valueTexts": ["N"]},
        {"code": "Tid", "text": "år", "values": ["2024"], "valueTexts": ["2024"], "time": True}]}
    request = _request(contents=("KOSAGD230000",), region_dimension="KOKkommuneregion0000", regions=("1130",),
                       periods=("2024",))
    (finding,) = check_codes(request, _v0(kostra))
    assert finding.dimension == "KOKregnskapsomfa0000" and finding.unknown == ()
    assert finding.message == ("KOKregnskapsomfa0000 cannot be left out (it is not eliminable): choose its codes "
                               "in the spec's selections from B ((Fylkes-)Kommunekasse), C ((Fylkes-)Kommuners "
                               "konsoliderte regnskap)")
    assert check_codes(_request(**{**request.__dict__, "selections": {"KOKregnskapsomfa0000": ("B",)}}),
                       _v0(kostra)) == []
