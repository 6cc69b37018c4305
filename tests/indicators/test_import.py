"""Importing observations: all or nothing, revisions with diffs, clear errors with file, row and column."""

import shutil

import pytest
from django.core.management import CommandError, call_command

from lokalagenda.indicators.models import DatasetRevision, Observation, ObservationChange
from lokalagenda.indicators.services import ImportFailed, import_file

pytestmark = pytest.mark.django_db
HEADER = "indicator_id,municipality_code,year,value\n"


@pytest.fixture
def values_csv(data_dir):
    return data_dir / "indicators" / "values.csv"


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_bundle_values_import_every_row_and_a_second_import_changes_nothing(values_csv, capsys):
    call_command("import", str(values_csv))
    assert Observation.objects.count() == 41566
    assert DatasetRevision.objects.count() == 13
    assert Observation.objects.get(indicator="POP_TOTAL", place="0301", year=2024).value == 717710
    capsys.readouterr()
    call_command("import", str(values_csv))
    output = capsys.readouterr().out
    assert "values.csv: no changes" in output and Observation.objects.count() == 41566
    assert DatasetRevision.objects.count() == 13


def test_edited_copy_creates_a_revision_whose_diff_lists_exactly_the_edits(tmp_path):
    original = _write(tmp_path, "v1.csv", HEADER + "POP_TOTAL,0301,2023,709037\nPOP_TOTAL,0301,2024,717710\n"
                      "POP_TOTAL,4601,2024,291940\nPOP_TOTAL,5501,2024,78745\n")
    import_file(original)
    edited = _write(tmp_path, "v2.csv", HEADER + "POP_TOTAL,0301,2023,709037\nPOP_TOTAL,0301,2024,717711\n"
                    "POP_TOTAL,4601,2024,291940\nPOP_TOTAL,1103,2024,149048\n")
    report = import_file(edited)
    summary = report.revisions[0]
    assert (summary.revision, summary.added, summary.changed, summary.removed) == (2, 1, 1, 1)
    changes = {(c.kind, c.place, c.year, c.old_value, c.new_value)
               for c in ObservationChange.objects.filter(revision__number=2)}
    assert changes == {("changed", "0301", 2024, 717710, 717711), ("added", "1103", 2024, None, 149048),
                       ("removed", "5501", 2024, 78745, None)}
    assert DatasetRevision.objects.get(indicator="POP_TOTAL", number=1).source == "v1.csv"
    assert Observation.objects.get(indicator="POP_TOTAL", place="0301", year=2024).revision.number == 2


def test_reimport_of_one_year_leaves_other_years_alone(tmp_path):
    import_file(_write(tmp_path, "a.csv", HEADER + "POP_TOTAL,0301,2023,709037\nPOP_TOTAL,0301,2024,717710\n"))
    report = import_file(_write(tmp_path, "b.csv", HEADER + "POP_TOTAL,0301,2025,724290\n"))
    assert (report.revisions[0].added, report.revisions[0].removed) == (1, 0)
    assert Observation.objects.filter(indicator="POP_TOTAL", place="0301").count() == 3


def test_wrong_kommunenummer_on_row_17_names_file_row_and_column_and_stores_nothing(tmp_path):
    rows = [f"POP_TOTAL,0301,{year},{700000 + year}\n" for year in range(2000, 2015)]
    rows.insert(15, "POP_TOTAL,9999,2015,1\n")
    path = _write(tmp_path, "bad.csv", HEADER + "".join(rows))
    with pytest.raises(ImportFailed) as caught:
        import_file(path)
    assert [(p.file, p.row, p.column) for p in caught.value.problems] == [(str(path), 17, "municipality_code")]
    assert "bad.csv:17:" in str(caught.value) and "9999" in str(caught.value)
    assert Observation.objects.count() == 0 and DatasetRevision.objects.count() == 0


def test_every_problem_is_reported_at_once(tmp_path):
    path = _write(tmp_path, "many.csv", HEADER + "NOPE,0301,2024,1\nPOP_TOTAL,0301,1066,1\n"
                  "POP_TOTAL,0301,2024,x\nPOP_TOTAL,0301,2023,1\nPOP_TOTAL,0301,2023,2\n")
    with pytest.raises(ImportFailed) as caught:
        import_file(path)
    rows = sorted({p.row for p in caught.value.problems})
    assert rows == [2, 3, 4, 6]


def test_cli_exits_non_zero_with_the_report(tmp_path):
    path = _write(tmp_path, "bad.csv", HEADER + "POP_TOTAL,0301,2024,abc\n")
    with pytest.raises(CommandError, match=r"bad.csv:2:"):
        call_command("import", str(path))


def test_old_codes_map_to_2024_for_counts_but_rates_stay_unmapped(tmp_path):
    path = _write(tmp_path, "old.csv", HEADER + "POP_TOTAL,1601,2017,190464\nPOP_TOTAL,1662,2017,6050\n"
                  "POP_SHARE_0_17,1601,2017,20.1\nPOP_SHARE_0_17,1662,2017,25.3\n")
    report = import_file(path)
    assert Observation.objects.get(indicator="POP_TOTAL", place="5001", year=2017).value == 196514
    assert not Observation.objects.filter(indicator="POP_SHARE_0_17").exists()
    assert sorted(u.source_row for u in report.unmapped) == [4, 5]
    assert "never summed" in report.unmapped[0].reason


def test_imported_values_show_on_kommune_and_indicator_pages(client, tmp_path):
    import_file(_write(tmp_path, "pop.csv", HEADER + "POP_TOTAL,0301,2024,717710\nPOP_TOTAL,4601,2024,291940\n"))
    kommune = client.get("/kommune/0301/").content.decode()
    assert "/indikatorer/POP_TOTAL/" in kommune and "717\xa0710" in kommune and "SSB" in kommune
    assert ">Folkemengde 1. januar</a>" in kommune
    indicator = client.get("/indikatorer/POP_TOTAL/").content.decode()
    assert "pop.csv" in indicator and "/kommune/4601/" in indicator
    revision = client.get("/indikatorer/POP_TOTAL/revisjon/1/").content.decode()
    assert revision.count("<tr>") >= 3


def test_copy_of_bundle_with_a_changed_value_is_one_revision(tmp_path, values_csv):
    shutil.copy(values_csv, tmp_path / "values.csv")
    import_file(tmp_path / "values.csv")
    text = (tmp_path / "values.csv").read_text(encoding="utf-8")
    (tmp_path / "values.csv").write_text(text.replace("POP_TOTAL,0301,2024,717710", "POP_TOTAL,0301,2024,717700"),
                                         encoding="utf-8")
    report = import_file(tmp_path / "values.csv")
    assert [(r.indicator, r.changed, r.added, r.removed) for r in report.revisions if r.revision] == [
        ("POP_TOTAL", 1, 0, 0)]


def test_api_reads_observations_by_indicator_place_and_period(client, tmp_path):
    import_file(_write(tmp_path, "pop.csv", HEADER + "POP_TOTAL,0301,2023,709037\nPOP_TOTAL,0301,2024,717710\n"
                       "POP_TOTAL,4601,2024,291940\n"))
    rows = client.get("/api/observations", {"indicator": "POP_TOTAL", "year_from": 2024}).json()
    assert [(r["place"], r["value"], r["source"]) for r in rows] == [("0301", 717710, "pop.csv"),
                                                                     ("4601", 291940, "pop.csv")]
    assert len(client.get("/api/observations", {"place": "0301"}).json()) == 2
    assert client.get("/api/observations").status_code == 422
    assert client.get("/api/catalogue/POP_TOTAL").json()["sets"] == ["lokalagenda-bundle"]


def test_a_value_for_a_year_after_next_is_impossible(tmp_path):
    from datetime import date

    year = date.today().year + 2
    with pytest.raises(ImportFailed, match=rf"impossible year {year}"):
        import_file(_write(tmp_path, "future.csv", HEADER + f"POP_TOTAL,0301,{year},1\n"))
