"""``lokalagenda load-catalogue``: catalogue entries from a CSV in the bundle's layout plus the core-set columns,
all or nothing, idempotent, and never over an editor's change."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from lokalagenda.accounts.models import AuditEntry
from lokalagenda.accounts.services import save_audited
from lokalagenda.core.sources.catalogue_file import read_catalogue_file
from lokalagenda.indicators.models import Indicator, IndicatorSet, Observation
from lokalagenda.indicators.services import import_file
from lokalagenda.measurement.services import scored_indicators

pytestmark = pytest.mark.django_db

LAYOUT = ["indicator_id", "name_nb", "name_en", "unit", "sdg_target(s)", "higher_is_better", "source", "table_id",
          "licence"]
CORE = ["name_nn", "definition_nb", "definition_en", "direction", "relevance_kommune", "relevance_fylke", "ks_match",
        "u4ssc_match", "un_indicator", "bound_best", "bound_worst", "bound_rule", "target_2030",
        "target_2030_citation", "publisher", "why"]
TURNOUT = {
    "indicator_id": "TEST_TURNOUT", "name_nb": "Valgdeltakelse", "name_en": "Voter turnout", "unit": "percent",
    "sdg_target(s)": "16.7; 11 (denominator/context)", "higher_is_better": "true",
    "source": "valgresultat.no (Valgdirektoratet)", "table_id": "", "licence": "NLOD 2.0",
    "name_nn": "Valdeltaking", "definition_nb": "Andel av de stemmeberettigede som stemte.",
    "definition_en": "Share of the electorate who voted.", "direction": "", "relevance_kommune": "high",
    "relevance_fylke": "medium", "ks_match": "", "u4ssc_match": "", "un_indicator": "16.7.2", "bound_best": "100",
    "bound_worst": "50", "bound_rule": "technical optimum; worst: lowest kommune 2021",
    "target_2030": "", "target_2030_citation": "", "publisher": "Valgdirektoratet",
    "why": "Participation is the target's core and is counted for every kommune.",
}
LOW_INCOME = {
    "indicator_id": "TEST_LOW_INCOME", "name_nb": "Vedvarende lavinntekt", "name_en": "Persistent low income",
    "unit": "percent", "sdg_target(s)": "1.2; 10.2", "higher_is_better": "false",
    "source": "SSB 12944", "table_id": "12944", "licence": "CC BY 4.0", "direction": "lower",
    "target_2030": "5.5", "target_2030_citation": "Meld. St. 40 (2020–2021)",
}
CONTEXT = {
    "indicator_id": "TEST_CHILDREN", "name_nb": "Andel 0–17 år", "name_en": "Share aged 0–17", "unit": "percent",
    "sdg_target(s)": "context (4, 1.2 denominators)", "higher_is_better": "", "source": "SSB 07459",
    "table_id": "07459", "licence": "CC BY 4.0",
}


def write_catalogue(folder: Path, rows: list[dict[str, str]], columns: list[str] | None = None,
                    name: str = "catalogue.csv") -> Path:
    path = folder / name
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns or LAYOUT + CORE, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def load(path: Path, *args: str) -> str:
    out = io.StringIO()
    call_command("load_catalogue", str(path), *args, stdout=out)
    return out.getvalue()


def test_a_catalogue_file_loads_with_the_core_set_facts(tmp_path):
    output = load(write_catalogue(tmp_path, [TURNOUT, LOW_INCOME, CONTEXT]))

    assert "3 new, 0 changed, 0 unchanged" in output
    turnout = Indicator.objects.get(id="TEST_TURNOUT")
    assert (turnout.name_nb, turnout.name_nn, turnout.name_en) == ("Valgdeltakelse", "Valdeltaking", "Voter turnout")
    assert turnout.direction == "higher" and turnout.unit == "percent" and turnout.aggregation == "none"
    assert turnout.definition_en == "Share of the electorate who voted."
    assert (turnout.relevance_kommune, turnout.relevance_fylke) == ("high", "medium")
    assert (turnout.bound_best, turnout.bound_worst) == (100.0, 50.0) and "technical optimum" in turnout.bound_rule
    assert turnout.global_indicator_id == "16.7.2" and turnout.publisher == "Valgdirektoratet"
    assert turnout.why_chosen.startswith("Participation")
    assert list(turnout.targets.values_list("code", flat=True)) == ["16.7"]
    assert turnout.targets_text == "16.7; 11 (denominator/context)"
    assert turnout.sets.filter(slug="lokalagenda-bundle").exists()
    low_income = Indicator.objects.get(id="TEST_LOW_INCOME")
    assert low_income.direction == "lower" and low_income.target_2030 == 5.5
    assert low_income.target_2030_citation == "Meld. St. 40 (2020–2021)"
    assert sorted(low_income.targets.values_list("code", flat=True)) == ["1.2", "10.2"]
    children = Indicator.objects.get(id="TEST_CHILDREN")
    assert children.direction == "neutral" and children.targets_text == "context (4, 1.2 denominators)"
    assert AuditEntry.objects.filter(model="indicators.Indicator", action="create",
                                     object_pk__in=["TEST_TURNOUT", "TEST_LOW_INCOME", "TEST_CHILDREN"]).count() == 3


def test_the_set_option_puts_the_entries_in_that_set_and_creates_it(tmp_path):
    output = load(write_catalogue(tmp_path, [TURNOUT]), "--set", "kjernesett", "--set-name", "Kjernesett")

    core_set = IndicatorSet.objects.get(slug="kjernesett")
    assert core_set.name == "Kjernesett" and core_set.kind == "core"
    assert list(core_set.indicators.values_list("id", flat=True)) == ["TEST_TURNOUT"]
    assert "kjernesett" in output


def test_a_second_load_changes_nothing_and_says_so(tmp_path):
    path = write_catalogue(tmp_path, [TURNOUT, LOW_INCOME, CONTEXT])
    load(path)
    audits = AuditEntry.objects.count()
    before = list(Indicator.objects.filter(id__startswith="TEST_").values())

    output = load(path)

    assert "0 new, 0 changed, 3 unchanged" in output and "nothing changed" in output
    assert AuditEntry.objects.count() == audits
    assert list(Indicator.objects.filter(id__startswith="TEST_").values()) == before


def test_a_changed_file_updates_what_changed_and_audits_it(tmp_path):
    load(write_catalogue(tmp_path, [TURNOUT, LOW_INCOME]))
    changed = {**LOW_INCOME, "sdg_target(s)": "1.2", "target_2030": "5"}

    output = load(write_catalogue(tmp_path, [TURNOUT, changed]), "-v", "2")

    low_income = Indicator.objects.get(id="TEST_LOW_INCOME")
    assert list(low_income.targets.values_list("code", flat=True)) == ["1.2"] and low_income.target_2030 == 5.0
    assert "0 new, 1 changed, 1 unchanged" in output and "TEST_LOW_INCOME" in output
    entry = AuditEntry.objects.filter(object_pk="TEST_LOW_INCOME", action="update").get()
    assert entry.before["target_2030"] == 5.5 and entry.after["target_2030"] == 5.0
    assert entry.after["targets"] == ["1.2"]


def test_a_file_with_problems_prints_every_one_and_writes_nothing(tmp_path):
    rows = [
        TURNOUT,
        {**LOW_INCOME, "sdg_target(s)": "1.2; 18.3"},
        {**CONTEXT, "direction": "upwards"},
        {**CONTEXT, "name_en": "The same id again"},
        {**LOW_INCOME, "indicator_id": "TEST_LONG_UNIT", "unit": "u" * 61, "bound_best": "many"},
        {**LOW_INCOME, "indicator_id": "TEST_CONTRADICTION", "direction": "higher"},
        {**LOW_INCOME, "indicator_id": "TEST_UNKNOWN_UN", "un_indicator": "18.1.1"},
    ]
    path = write_catalogue(tmp_path, rows)
    audits = AuditEntry.objects.count()

    with pytest.raises(CommandError) as error:
        load(path)

    message = str(error.value)
    assert "catalogue.csv:3:sdg_target(s): 18.3 is not an SDG target" in message
    assert "catalogue.csv:4:direction: 'upwards'" in message
    assert "catalogue.csv:5:indicator_id: TEST_CHILDREN appears twice (also row 4)" in message
    assert "catalogue.csv:6:unit:" in message and "catalogue.csv:6:bound_best: 'many'" in message
    assert "catalogue.csv:7:direction:" in message and "catalogue.csv:8:un_indicator:" in message
    assert "nothing was loaded" in message
    assert not Indicator.objects.filter(id__startswith="TEST_").exists()
    assert AuditEntry.objects.count() == audits


def test_a_file_without_a_layout_column_is_refused(tmp_path):
    columns = [column for column in LAYOUT if column != "unit"]
    path = write_catalogue(tmp_path, [TURNOUT], columns=columns)

    with pytest.raises(CommandError, match=r"catalogue\.csv:1:unit: the column is missing"):
        load(path)
    assert not Indicator.objects.filter(id="TEST_TURNOUT").exists()


def test_an_unknown_column_is_a_problem_not_silently_dropped(tmp_path):
    path = write_catalogue(tmp_path, [TURNOUT], columns=LAYOUT + ["defintion_nb"])

    with pytest.raises(CommandError, match=r"catalogue\.csv:1:defintion_nb: unknown column"):
        load(path)


def test_a_local_indicator_is_not_overwritten_by_a_catalogue_file(tmp_path, oslo_editor):
    from lokalagenda.accounts.models import Organisation
    from lokalagenda.indicators.catalogue import create_local_indicator

    local = create_local_indicator(Organisation.objects.get(slug="kommune-0301"), oslo_editor, targets=["11.2"],
                                   name_nb="Sykkelveg", unit="km")
    path = write_catalogue(tmp_path, [{**TURNOUT, "indicator_id": local.id}])

    with pytest.raises(CommandError, match=rf"catalogue\.csv:2:indicator_id: {local.id} is a local indicator"):
        load(path)
    assert Indicator.objects.get(id=local.id).name_nb == "Sykkelveg"


def test_an_editors_change_survives_a_reload_and_is_reported_as_kept(tmp_path, national_editor):
    path = write_catalogue(tmp_path, [TURNOUT, LOW_INCOME])
    load(path)
    turnout = Indicator.objects.get(id="TEST_TURNOUT")
    save_audited(national_editor, turnout, ["name_en", "bound_worst"], None,
                 values={"name_en": "Turnout at Storting elections", "bound_worst": 40.0})
    changed_file = write_catalogue(tmp_path, [{**TURNOUT, "name_en": "Turnout (new text)", "unit": "per cent"},
                                              LOW_INCOME])

    output = load(changed_file)

    turnout.refresh_from_db()
    assert turnout.name_en == "Turnout at Storting elections" and turnout.bound_worst == 40.0
    assert turnout.unit == "per cent"
    assert "TEST_TURNOUT: name_en kept" in output and "TEST_TURNOUT: bound_worst kept" in output
    assert "TEST_TURNOUT: unit" not in output and "2 field(s) kept" in output
    again = load(changed_file)
    assert "nothing changed" in again and "TEST_TURNOUT: name_en kept" in again


def test_an_editors_change_before_the_first_load_is_kept(tmp_path, national_editor):
    measles = Indicator.objects.get(id="VAX_MEASLES_AGE2")
    save_audited(national_editor, measles, ["name_en"], None, values={"name_en": "Measles (corrected)"})
    row = {**TURNOUT, "indicator_id": "VAX_MEASLES_AGE2", "name_en": "Measles from the file",
           "definition_en": "Children aged 2 vaccinated against measles."}

    output = load(write_catalogue(tmp_path, [row]))

    measles.refresh_from_db()
    assert measles.name_en == "Measles (corrected)" and "VAX_MEASLES_AGE2: name_en kept" in output
    assert measles.definition_en == "Children aged 2 vaccinated against measles."


def test_a_column_the_file_does_not_have_is_left_alone(tmp_path):
    load(write_catalogue(tmp_path, [TURNOUT]))

    load(write_catalogue(tmp_path, [TURNOUT], columns=LAYOUT))

    turnout = Indicator.objects.get(id="TEST_TURNOUT")
    assert turnout.name_nn == "Valdeltaking" and turnout.bound_best == 100.0


def test_messy_target_cells_keep_real_codes_and_the_raw_text(tmp_path):
    cells = {"A": "11 (denominator/context); 17.18", "B": "context (4, 1.2 denominators)", "C": "1.2; 10.2",
             "D": "3.b (3.b.1); 3.7; 5.6 (context)", "E": "17.1 / 16.6 (fiscal context; not an SDG indicator)"}
    rows = [{**CONTEXT, "indicator_id": key, "sdg_target(s)": cell} for key, cell in cells.items()]
    known = {"17.18", "1.2", "10.2", "3.b", "3.7", "5.6", "17.1", "16.6"}

    result = read_catalogue_file(write_catalogue(tmp_path, rows, columns=LAYOUT), targets=known, un_indicators=set())

    assert not result.problems
    targets = {entry.id: entry.targets for entry in result.entries}
    assert targets == {"A": ("17.18",), "B": ("1.2",), "C": ("1.2", "10.2"), "D": ("3.7", "3.b", "5.6"),
                       "E": ("16.6", "17.1")}
    assert {entry.id: entry.targets_text for entry in result.entries} == cells


def test_the_bundles_outcome_catalogue_loads_and_its_values_import_and_score(data_dir):
    output = load(data_dir / "indicators" / "outcomes" / "catalog.csv")

    assert "10 new" in output
    turnout = Indicator.objects.get(id="ELECTION_TURNOUT_STORTING")
    assert turnout.direction == "higher" and turnout.publisher == "Valgdirektoratet"
    assert list(turnout.targets.values_list("code", flat=True)) == ["16.7"]
    low_income = Indicator.objects.get(id="PERSISTENT_LOW_INCOME_SHARE")
    assert low_income.direction == "lower" and low_income.publisher == "IMDi"
    assert sorted(low_income.targets.values_list("code", flat=True)) == ["1.2", "10.2"]
    assert Indicator.objects.get(id="NAV_BENEFITS_PER_CAPITA").direction == "neutral"
    assert Indicator.objects.get(id="NAV_UNEMPLOYMENT_BENEFITS_PER_CAPITA").publisher == "NAV"
    assert "nothing changed" in load(data_dir / "indicators" / "outcomes" / "catalog.csv")

    report = import_file(data_dir / "indicators" / "outcomes" / "values.csv")

    assert report.rows == 7472
    assert Observation.objects.filter(indicator__sets__slug="lokalagenda-bundle",
                                      indicator_id__in=[i for i in _outcome_ids(data_dir)]).count() == 7472
    scored = set(scored_indicators().index)
    directed = set(Indicator.objects.filter(id__in=_outcome_ids(data_dir), direction__in=["higher", "lower"])
                   .values_list("id", flat=True))
    assert len(directed) == 9 and directed <= scored


def _outcome_ids(data_dir: Path) -> list[str]:
    with (data_dir / "indicators" / "outcomes" / "catalog.csv").open(encoding="utf-8") as handle:
        return [row["indicator_id"] for row in csv.DictReader(handle)]
