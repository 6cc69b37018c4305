"""load-reference: idempotent, reports changes, never overwrites an editor's correction, all-or-nothing."""

import shutil

import pytest
from django.core.management import CommandError, call_command

from lokalagenda.core.datadir import DataDirectory
from lokalagenda.core.errors import SourceDataError
from lokalagenda.framework.models import Goal, Indicator, Target
from lokalagenda.framework.services import correct_titles
from lokalagenda.indicators.models import Indicator as CatalogueIndicator
from lokalagenda.places.models import CodeChange, Fylke, Kommune, KommunePopulation
from lokalagenda.reference.services import load_reference

pytestmark = pytest.mark.django_db


@pytest.fixture
def copied_bundle(tmp_path, data_dir):
    for folder in ("sdg", "norway", "frameworks"):
        shutil.copytree(data_dir / folder, tmp_path / folder)
    (tmp_path / "indicators").mkdir()
    shutil.copy(data_dir / "indicators" / "catalog.csv", tmp_path / "indicators" / "catalog.csv")
    return tmp_path


def _replace(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _table_counts():
    return [model.objects.count() for model in (Goal, Target, Indicator, Fylke, Kommune, KommunePopulation,
                                                 CodeChange, CatalogueIndicator)]


def test_reference_data_is_complete():
    assert _table_counts() == [17, 169, 252, 15, 357, 7739, 498, 1550]


def test_second_run_changes_nothing_and_says_so(capsys, data_dir):
    before = list(Kommune.objects.values_list("number", "name", "sami_name", "area_km2"))
    call_command("load_reference", data_dir=data_dir)
    output = capsys.readouterr().out
    assert "nothing changed" in output and "kommuner: 0 new, 0 changed, 357 unchanged" in output
    assert list(Kommune.objects.values_list("number", "name", "sami_name", "area_km2")) == before


def test_changed_source_file_updates_what_changed_and_reports_it(copied_bundle):
    _replace(copied_bundle / "norway/municipalities.csv", "Austlandet,Halden,642", "Austlandet,Halden by,642")
    _replace(copied_bundle / "norway/population_by_municipality_year.csv", "0301,2005,529846", "0301,2005,529847")
    reports = {report.label: report for report in load_reference(DataDirectory(copied_bundle))}
    assert reports["kommuner"].updated == 1 and reports["kommuner"].unchanged == 356
    assert reports["kommuner"].changes == ["kommuner 3101: admin_centre changed"]
    assert reports["kommune population"].updated == 1
    assert Kommune.objects.get(number="3101").admin_centre == "Halden by"
    assert KommunePopulation.objects.get(kommune="0301", year=2005).total == 529847


def test_reload_never_overwrites_an_editors_correction(copied_bundle, national_editor):
    target = Target.objects.get(code="1.a")
    correct_titles(target, national_editor, "Sikre betydelig mobilisering av ressurser", "Sikre mobilisering")
    _replace(copied_bundle / "sdg/targets.csv", "Innen 2030, utrydd ekstrem", "Innen 2030 skal ekstrem")
    load_reference(DataDirectory(copied_bundle))
    target.refresh_from_db()
    assert target.title_nb == "Sikre betydelig mobilisering av ressurser"
    assert Target.objects.get(code="1.1").title_nb_source.startswith("Innen 2030 skal ekstrem")
    assert not target.shows_machine_translation("nb")


def test_bad_file_leaves_the_database_as_it_was(copied_bundle):
    before = _table_counts()
    with open(copied_bundle / "norway/municipality_code_changes.csv", "a", encoding="utf-8") as handle:
        handle.write("9999,0301,not-a-number,2020,2023\n")
    _replace(copied_bundle / "norway/municipalities.csv", "0301,Oslo,", "0301,Oslo by,")
    with pytest.raises(SourceDataError, match=r"municipality_code_changes.csv, row 500, column 'weighting'"):
        load_reference(DataDirectory(copied_bundle))
    assert _table_counts() == before and Kommune.objects.get(number="0301").name == "Oslo"


def test_missing_data_directory_gives_one_clear_sentence(tmp_path):
    with pytest.raises(CommandError, match=r"does not exist: set LOKALAGENDA_DATA_DIR"):
        call_command("load_reference", data_dir=tmp_path / "missing")
