"""The SDG texts: the project's unofficial translation files, the precedence of the text shown, loading them,
editors checking texts against the official text, and the work list."""

import csv
import re
import shutil

import pytest
from django.conf import settings
from django.urls import reverse

from lokalagenda.accounts.models import AuditEntry
from lokalagenda.core.datadir import DataDirectory
from lokalagenda.core.errors import SourceDataError
from lokalagenda.framework import texts
from lokalagenda.framework.models import Goal, Indicator, OfficialTextSource, Target, TextState
from lokalagenda.framework.services import correct_titles, sync_framework

pytestmark = pytest.mark.django_db

SECOND_PERSON = re.compile(r"\b(du|deg|din|ditt|dine)\b", re.IGNORECASE)


def _rows(name):
    with (texts.TRANSLATIONS_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _bundle_codes(data_dir, name):
    with (data_dir / "sdg" / name).open(encoding="utf-8", newline="") as handle:
        return [row["code"] for row in csv.DictReader(handle)]


# The files ----------------------------------------------------------------------------------------------------

def test_goal_file_names_all_17_goals_in_both_languages_with_no_empty_cell():
    rows = _rows("goals.csv")
    assert [row["goal"] for row in rows] == [str(number) for number in range(1, 18)]
    assert all(value.strip() == value and value for row in rows for value in row.values())


def test_target_file_has_the_169_codes_of_the_bundle_once_each_in_the_un_order(data_dir):
    codes = [row["code"] for row in _rows("targets.csv")]
    assert len(codes) == len(set(codes)) == 169
    assert codes == _bundle_codes(data_dir, "targets.csv")


@pytest.mark.parametrize("name", ["goals.csv", "targets.csv", "indicators.csv"])
def test_no_text_addresses_the_reader_or_leaves_a_cell_empty(name):
    if not (texts.TRANSLATIONS_DIR / name).is_file():
        pytest.skip(f"{name} is not written yet")
    for row in _rows(name):
        for column in ("title_nb", "title_nn"):
            assert row[column].strip(), (row, column)
            assert not SECOND_PERSON.search(row[column]), (row, column)
            assert "$" not in row[column], (row, column)


def test_indicator_file_when_present_names_only_the_bundles_indicators(data_dir):
    if not (texts.TRANSLATIONS_DIR / "indicators.csv").is_file():
        pytest.skip("indicators.csv is not written yet")
    codes = [row["code"] for row in _rows("indicators.csv")]
    assert len(codes) == len(set(codes)) and set(codes) <= set(_bundle_codes(data_dir, "indicators.csv"))


def test_the_translation_folder_explains_itself():
    readme = (texts.TRANSLATIONS_DIR / "README.md").read_text(encoding="utf-8")
    assert "unofficial" in readme and "official_nb_target_sources.csv" in readme and "licen" in readme.lower()


# Precedence and state -------------------------------------------------------------------------------------------

def _target(**fields):
    values = {"code": "1.1", "title_en": "English", "title_nb_source": "Maskin", "nb_machine_translated": True}
    return Target(**{**values, **fields})


@pytest.mark.parametrize("fields, nb, nb_state", [
    ({}, "Maskin", TextState.MACHINE),
    ({"title_nb_unofficial": "Uoffisiell"}, "Uoffisiell", TextState.UNOFFICIAL),
    ({"title_nb_unofficial": "Uoffisiell", "title_nb_corrected": "Retta"}, "Retta", TextState.CORRECTED),
    ({"title_nb_corrected": "Retta", "nb_checked": True}, "Retta", TextState.CHECKED),
    ({"nb_quality_flag": "duplicate_nb_text_with_different_en"}, "English", TextState.MISSING),
    ({"nb_quality_flag": "duplicate_nb_text_with_different_en", "title_nb_unofficial": "Uoffisiell"},
     "Uoffisiell", TextState.UNOFFICIAL),
])
def test_correction_beats_unofficial_beats_machine_beats_english(fields, nb, nb_state):
    target = _target(**fields)
    assert target.title_in("nb") == nb and target.text_state("nb") == nb_state


def test_nynorsk_reader_gets_the_unofficial_nynorsk_before_any_bokmal():
    target = _target(title_nb_unofficial="Uoffisiell", title_nn_unofficial="Uoffisiell nynorsk")
    assert target.title_in("nn") == "Uoffisiell nynorsk" and target.shows_unofficial_translation("nn")
    without = _target()
    assert without.title_in("nn") == "Maskin" and without.shows_machine_translation("nn")
    assert without.text_state("nn") == TextState.MISSING


def test_goals_show_the_unofficial_names_and_have_nynorsk_names():
    goal = Goal.objects.get(number=1)
    assert goal.short_in("nb") == "Utrydde fattigdom" and goal.short_nb_source == "Ingen fattigdom"
    assert goal.short_in("nn") == "Utrydde fattigdom" and Goal.objects.get(number=2).short_in("nn") == "Utrydde svolt"
    assert all(goal.text_state("nn") == TextState.UNOFFICIAL for goal in Goal.objects.all())


# Loading --------------------------------------------------------------------------------------------------------

def test_every_target_and_the_known_wrong_ones_show_a_norwegian_text_after_loading():
    assert Target.objects.filter(title_nb_unofficial="").count() == 0
    for code in ("1.5", "1.a", "10.2", "10.3"):
        target = Target.objects.get(code=code)
        assert target.titles.language_of("nb") == "nb" and target.titles.language_of("nn") == "nn"
    assert Target.objects.get(code="1.a").title_nb != Target.objects.get(code="1.5").title_nb


def test_loading_again_changes_nothing(data_dir):
    reports = sync_framework(DataDirectory(data_dir))
    assert [(report.label, report.changed) for report in reports] == [
        ("goals", False), ("targets", False), ("indicators", False), ("official sources of target texts", False)]
    assert OfficialTextSource.objects.count() == 12


def test_reloading_updates_the_unofficial_text_and_never_touches_a_correction(tmp_path, data_dir, national_editor):
    shutil.copytree(texts.TRANSLATIONS_DIR, tmp_path, dirs_exist_ok=True)
    target = Target.objects.get(code="1.2")
    correct_titles(target, national_editor, "Redaktørens tekst", "Redaktøren sin tekst", nb_checked=True)
    path = tmp_path / "targets.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Innen 2030 minst halvere", "Innen 2030 halvere minst").replace(
        "Innen 2030 utrydde ekstrem", "Innen 2030 fjerne ekstrem"), encoding="utf-8")
    report = sync_framework(DataDirectory(data_dir), translations=tmp_path)[1]
    assert report.updated == 2
    target.refresh_from_db()
    assert target.title_nb_unofficial.startswith("Innen 2030 halvere minst")
    assert (target.title_in("nb"), target.title_in("nn")) == ("Redaktørens tekst", "Redaktøren sin tekst")
    assert target.text_state("nb") == TextState.CHECKED and target.text_state("nn") == TextState.CORRECTED
    assert Target.objects.get(code="1.1").title_in("nb").startswith("Innen 2030 fjerne ekstrem")


def test_a_translation_naming_an_unknown_target_is_refused(tmp_path, data_dir):
    shutil.copytree(texts.TRANSLATIONS_DIR, tmp_path, dirs_exist_ok=True)
    with (tmp_path / "targets.csv").open("a", encoding="utf-8") as handle:
        handle.write("1.9,Ukjent,Ukjend\n")
    with pytest.raises(SourceDataError, match=r"1\.9 is not in the SDG framework"):
        sync_framework(DataDirectory(data_dir), translations=tmp_path)


def test_a_translation_with_an_empty_cell_is_refused_with_its_row(tmp_path, data_dir):
    shutil.copytree(texts.TRANSLATIONS_DIR, tmp_path, dirs_exist_ok=True)
    path = tmp_path / "goals.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].rsplit(",", 1)[0] + ","
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(SourceDataError, match=r"goals.csv, row 4, column 'title_nn': is empty"):
        sync_framework(DataDirectory(data_dir), translations=tmp_path)


# Editors check texts ----------------------------------------------------------------------------------------

def test_editor_checking_a_text_against_the_official_one_marks_it_checked(client, national_editor):
    client.force_login(national_editor)
    target = Target.objects.get(code="4.1")
    url = reverse("framework:target-correct", args=["4.1"])
    assert target.title_nb_unofficial in client.get(url).content.decode()
    response = client.post(url, {"title_nb_corrected": target.title_nb_unofficial,
                                 "title_nn": target.title_nn_unofficial, "nb_checked": "on"})
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.text_state("nb") == TextState.CHECKED and target.title_nb_corrected == target.title_nb_unofficial
    assert target.text_state("nn") == TextState.UNOFFICIAL and target.title_nn_corrected == ""
    entry = AuditEntry.objects.get(model="framework.Target", object_pk="4.1")
    assert entry.before["nb_checked"] is False and entry.after["nb_checked"] is True


def test_saving_the_prefilled_texts_unchanged_and_unchecked_stores_nothing(client, national_editor):
    client.force_login(national_editor)
    target = Target.objects.get(code="4.2")
    client.post(reverse("framework:target-correct", args=["4.2"]),
                {"title_nb_corrected": target.title_nb_unofficial, "title_nn": target.title_nn_unofficial})
    target.refresh_from_db()
    assert (target.text_state("nb"), target.text_state("nn")) == (TextState.UNOFFICIAL, TextState.UNOFFICIAL)
    assert not AuditEntry.objects.filter(model="framework.Target", object_pk="4.2").exists()


def test_an_empty_text_cannot_be_checked(national_editor):
    indicator = Indicator.objects.get(code="1.1.1")
    correct_titles(indicator, national_editor, "", "", nb_checked=True, nn_checked=True)
    indicator.refresh_from_db()
    assert not indicator.nb_checked and not indicator.nn_checked


# Pages ----------------------------------------------------------------------------------------------------------

def test_target_page_marks_the_unofficial_translation_and_links_to_the_work_list(client):
    html = client.get("/delmal/1.3/").content.decode()
    target = Target.objects.get(code="1.3")
    assert target.title_nb_unofficial in html and target.title_en in html
    assert 'class="ds-tag unofficial-tag"' in html and 'href="/mal/tekster/"' in html
    assert 'class="ds-tag machine-tag"' not in html


def test_work_list_counts_the_states_of_every_kind(client, national_editor):
    correct_titles(Target.objects.get(code="11.6"), national_editor, "Sjekket tekst", "", nb_checked=True)
    correct_titles(Target.objects.get(code="11.7"), national_editor, "Rettet tekst", "")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get("/mal/tekster/").content.decode()
    assert re.search(r'data-kind="target" data-language="nb">.*?<td[^>]*>169</td>.*?'
                     r'data-state="unofficial">167</td>.*?data-state="corrected">1</td>.*?'
                     r'data-state="checked">1</td>', html, re.S)
    assert "169 of 169 targets have a bokmål translation by the project or an editor; 1 checked" in html
    assert re.search(r'data-kind="goal" data-language="nn">.*?<td[^>]*>17</td>.*?data-state="unofficial">17<', html,
                     re.S)


def test_work_list_filters_by_goal_and_state_and_shows_english_beside_norwegian(client, national_editor):
    correct_titles(Target.objects.get(code="11.6"), national_editor, "Sjekket tekst", "", nb_checked=True)
    html = client.get("/mal/tekster/", {"state": "checked", "language": "nb"}).content.decode()
    assert html.count('<tr data-code="') == 1 and 'data-code="11.6" data-nb-state="checked"' in html
    html = client.get("/mal/tekster/", {"goal": 4}).content.decode()
    assert html.count('<tr data-code="') == 10 and Target.objects.get(code="4.7").title_en in html
    assert "regjeringen.no/no/tema/fns-barekraftsmal/4.-god-utdanning" in html


def test_work_list_is_open_to_all_and_only_national_editors_get_correction_links(client, oslo_editor,
                                                                                  national_editor):
    assert client.get("/mal/tekster/").status_code == 200
    client.force_login(oslo_editor)
    assert "/rett-tekst/" not in client.get("/mal/tekster/", {"goal": 1}).content.decode()
    client.force_login(national_editor)
    html = client.get("/mal/tekster/", {"goal": 1, "kind": "indicator"}).content.decode()
    assert 'href="/indikator/1.1.1/rett-tekst/"' in html
