"""Fetch spec files: every field checked with the file, entry and field named; verified only with evidence."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from lokalagenda.core.framework import GoalCode, TargetCode
from lokalagenda.core.sources.fetchspecs import (
    Evidence,
    SpecEntry,
    SpecFileError,
    names_code,
    read_spec_files,
    unverified_reasons,
)

PUBLISHERS = ("ssb", "fhi", "valg")


def _spec(**changes: Any) -> dict[str, Any]:
    spec = {"indicator": "NET_RESULT", "publisher": "ssb", "table": "13542", "contents": "KOSAGD230000",
            "region_dimension": "KOKkommuneregion0000", "codelist": "", "selections": {"KOKregnskapsomfa0000": ["B"]},
            "first_year": 2020, "targets": ["17.1"], "goals": [17],
            "evidence": [{"source": "recorded/ssb/x.json", "shows": "table 13542, ContentsCode KOSAGD230000, "
                          "region KOKkommuneregion0000, KOKregnskapsomfa0000 B"}], "verified": True}
    spec.update(changes)
    return {key: value for key, value in spec.items() if value is not ...}


def _write(folder: Path, name: str, *entries: dict[str, Any]) -> Path:
    path = folder / name
    path.write_text(json.dumps(list(entries)), encoding="utf-8")
    return path


def test_a_spec_file_entry_reads_into_typed_codes(tmp_path: Path) -> None:
    (entry,) = read_spec_files(_write(tmp_path, "kostra.json", _spec()), PUBLISHERS)
    assert entry.targets == (TargetCode.parse("17.1"),) and entry.goals == (GoalCode(17),)
    assert entry.selections == {"KOKregnskapsomfa0000": ("B",)} and entry.last_year is None
    assert entry.evidence[0] == Evidence("recorded/ssb/x.json", entry.evidence[0].shows)
    assert entry.origin.endswith("kostra.json: entry 0 (NET_RESULT)")
    assert entry.is_verified


def test_a_derivation_is_read_with_the_spec_and_needs_no_evidence_of_its_own(tmp_path: Path) -> None:
    share = {"op": "share", "of": {"KOKregnskapsomfa0000": ["B"]}, "per": {"KOKregnskapsomfa0000": ["B"]}}
    (entry,) = read_spec_files(_write(tmp_path, "a.json", _spec(derivation=share)), PUBLISHERS)
    assert entry.derivation is not None and entry.derivation.as_dict() == {**share, "scale": 100.0}
    assert entry.fetch_fields()["derivation"] == entry.derivation.as_dict()
    assert entry.is_verified  # its codes are the selections', which the evidence names


def test_left_out_optional_fields_take_their_defaults(tmp_path: Path) -> None:
    minimal = _spec(region_dimension=..., codelist=..., selections=..., first_year=...)
    (entry,) = read_spec_files(_write(tmp_path, "a.json", minimal), PUBLISHERS)
    assert (entry.region_dimension, entry.codelist, entry.selections, entry.first_year) == ("Region", "", {}, 2000)


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"evidence": ...}, "evidence", "missing"),
    ({"tabel": "13542"}, "tabel", "unknown field"),
    ({"publisher": "sbb"}, "publisher", "unknown publisher 'sbb'"),
    ({"contents": ""}, "contents", "non-empty text"),
    ({"targets": ["17.x1"]}, "targets", "not an SDG target code"),
    ({"goals": [18]}, "goals", "SDG goal must be 1–17"),
    ({"goals": []}, "goals", "non-empty list of goal numbers"),
    ({"goals": [1]}, "goals", "target(s) 17.1 belong to goals that are not listed"),
    ({"verified": "yes"}, "verified", "true or false"),
    ({"evidence": [{"source": "x"}]}, "evidence", "item 0"),
    ({"selections": {"KOKregnskapsomfa0000": "B"}}, "selections", "list of codes"),
    ({"first_year": 1700}, "first_year", "between 1800 and 2100"),
    ({"last_year": 2010}, "last_year", "between 2020 and 2100"),
    ({"derivation": {"op": "ratio"}}, "derivation", "op must be one of"),
    ({"derivation": {"op": "sum", "of": {"KOKregnskapsomfa0000": ["A"]}}}, "derivation",
     "derivation of: KOKregnskapsomfa0000 A is not in the selections"),
])
def test_a_bad_field_is_named_with_its_file_and_entry(tmp_path: Path, changes: dict[str, Any], field: str,
                                                      message: str) -> None:
    path = _write(tmp_path, "kostra.json", _spec(indicator="FIRST"), _spec(**changes))
    with pytest.raises(SpecFileError) as raised:
        read_spec_files(tmp_path, PUBLISHERS)
    assert str(raised.value).startswith(f"{path}: entry 1 (NET_RESULT): field {field!r}: ")
    assert message in str(raised.value)


def test_a_file_that_is_not_a_list_of_specs_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"indicator": "X"}', encoding="utf-8")
    with pytest.raises(SpecFileError, match="broken.json: expected a JSON list"):
        read_spec_files(tmp_path, PUBLISHERS)
    path.write_text("[1]", encoding="utf-8")
    with pytest.raises(SpecFileError, match=r"broken.json: entry 0: field 'indicator': expected an object"):
        read_spec_files(tmp_path, PUBLISHERS)


def test_two_specs_for_one_indicator_name_both_places(tmp_path: Path) -> None:
    _write(tmp_path, "a.json", _spec())
    _write(tmp_path, "b.json", _spec())
    with pytest.raises(SpecFileError, match=r"b.json: entry 0 \(NET_RESULT\): indicator NET_RESULT already has a "
                                            r"spec at .*a.json: entry 0"):
        read_spec_files(tmp_path, PUBLISHERS)


def test_the_files_of_a_folder_are_read_in_name_order(tmp_path: Path) -> None:
    _write(tmp_path, "b.json", _spec(indicator="B"))
    _write(tmp_path, "a.json", _spec(indicator="A"))
    (tmp_path / "README.md").write_text("not a spec file", encoding="utf-8")
    assert [entry.indicator for entry in read_spec_files(tmp_path, PUBLISHERS)] == ["A", "B"]


def _entry(**changes: Any) -> SpecEntry:
    shows = "table 13542: ContentsCode KOSAGD230000, region KOKkommuneregion0000, KOKregnskapsomfa0000 B"
    fields: dict[str, Any] = {"indicator": "NET_RESULT", "publisher": "ssb", "table": "13542",
                              "contents": "KOSAGD230000", "region_dimension": "KOKkommuneregion0000",
                              "selections": {"KOKregnskapsomfa0000": ("B",)}, "verified": True,
                              "evidence": (Evidence("recorded/ssb/x.json", shows),)}
    fields.update(changes)
    return SpecEntry(**fields)


def test_a_spec_is_verified_only_when_it_says_so_and_its_evidence_names_every_code() -> None:
    assert unverified_reasons(_entry()) == []
    assert unverified_reasons(_entry(verified=False)) == ["not marked verified"]
    assert unverified_reasons(_entry(evidence=())) == ["no evidence"]
    assert unverified_reasons(_entry(verified=False, evidence=())) == ["not marked verified", "no evidence"]
    assert unverified_reasons(_entry(contents="KOSAG110000")) == [
        "the evidence does not name contents code KOSAG110000"]
    assert unverified_reasons(_entry(selections={"KOKregnskapsomfa0000": ("B", "C"), "KOKfunksjon0000": ("120",)})) \
        == ["the evidence does not name KOKregnskapsomfa0000 code C, dimension KOKfunksjon0000, "
            "KOKfunksjon0000 code 120"]
    assert unverified_reasons(_entry(codelist="agg_KommSummer")) == [
        "the evidence does not name codelist agg_KommSummer"]


def test_only_ssb_specs_must_evidence_their_region_dimension() -> None:
    fhi = _entry(publisher="fhi", table="175", contents="RATE", region_dimension="Region", selections={},
                 evidence=(Evidence("https://example.org", "FHI table 175, MEASURE_TYPE RATE"),))
    assert unverified_reasons(fhi) == []
    assert unverified_reasons(_entry(region_dimension="Region")) == ["the evidence does not name region dimension "
                                                                     "Region"]


def test_a_code_is_named_only_as_a_whole_word() -> None:
    assert names_code("ContentsCode Personer1 ('Personer')", "Personer1")
    assert not names_code("ContentsCode Personer10", "Personer1")
    assert not names_code("table 107459", "07459")
    assert names_code("KJONN=0, ALDER 0_120", "0") and names_code("K-0301 and K-3001", "K-0301")
