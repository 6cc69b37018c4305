"""The seed of the targets' local relevance: complete, plausible, idempotent, and never over an editor's work."""

from collections import Counter

import pytest
import yaml

from lokalagenda.core.errors import SourceDataError
from lokalagenda.framework.models import ServiceArea, Target, TargetRelevance, TargetRelevanceChange
from lokalagenda.framework.relevance import locally_relevant_targets
from lokalagenda.framework.relevance.seed import SEED_FILE, seed_relevance
from lokalagenda.framework.relevance.services import refine_relevance

pytestmark = pytest.mark.django_db


def _seed_copy(tmp_path, change):
    """The shipped seed file with ``change(document)`` applied, written to a temporary file."""
    document = yaml.safe_load(SEED_FILE.read_text(encoding="utf-8"))
    change(document)
    path = tmp_path / "service_areas.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    return path


def test_seed_covers_every_target_with_levels_a_rationale_and_a_source():
    rows = list(TargetRelevance.objects.all())
    assert {row.target_id for row in rows} == set(Target.objects.values_list("code", flat=True))
    assert len(rows) == 169
    assert all(row.rationale.strip() and row.source.strip() for row in rows)
    assert all(row.origin == TargetRelevance.Origin.SEED for row in rows)
    first_entries = TargetRelevanceChange.objects.filter(before__isnull=True, origin="seed")
    assert first_entries.count() == 169


def test_service_areas_name_who_runs_them_and_the_goals_they_serve():
    areas = {area.key: area for area in ServiceArea.objects.all()}
    assert areas["videregaende"].runs == "fylkeskommune" and areas["vann_avlop"].runs == "kommune"
    assert 6 in areas["vann_avlop"].goals and all(area.source for area in areas.values())
    assert TargetRelevance.objects.get(target="6.1").service_areas.filter(key="vann_avlop").exists()


def test_seed_gives_some_local_relevance_to_about_two_thirds_of_the_targets():
    relevant = locally_relevant_targets("kommune", "low")
    assert 100 <= len(relevant) <= 120
    assert "6.1" in relevant and "17.1" not in relevant and "10.5" not in relevant


def test_locally_relevant_targets_narrow_as_the_minimum_rises():
    low, medium, high = (set(locally_relevant_targets("fylkeskommune", level)) for level in ("low", "medium", "high"))
    assert high < medium < low
    assert set(locally_relevant_targets("kommune", "none")) == set(Target.objects.values_list("code", flat=True))


def test_locally_relevant_targets_are_in_un_order():
    codes = locally_relevant_targets()
    positions = dict(Target.objects.values_list("code", "position"))
    assert [positions[code] for code in codes] == sorted(positions[code] for code in codes)


@pytest.mark.parametrize("level, minimum", [("kommuner", "low"), ("kommune", "some")])
def test_locally_relevant_targets_refuse_unknown_levels(level, minimum):
    with pytest.raises(ValueError):
        locally_relevant_targets(level, minimum)


def test_seed_reload_changes_nothing():
    areas, relevance = seed_relevance()
    assert not areas.changed and not relevance.changed and relevance.unchanged == 169
    assert TargetRelevanceChange.objects.count() == 169


def test_seed_reload_keeps_an_editors_refinement(national_editor, tmp_path):
    relevance = TargetRelevance.objects.get(target="17.1")
    refine_relevance(relevance, national_editor, kommune="low", fylkeskommune="none",
                     rationale="Kommunen vedtar eiendomsskatt.", source="Eigedomsskattelova", comment="Eiendomsskatt")

    def change(document):
        document["targets"]["17.1"]["rationale"] = "A new seed text"
    _, report = seed_relevance(_seed_copy(tmp_path, change))
    relevance.refresh_from_db()
    assert relevance.kommune == "low" and relevance.rationale == "Kommunen vedtar eiendomsskatt."
    assert relevance.origin == TargetRelevance.Origin.EDITOR and not report.changed
    assert any("17.1" in line and "kept" in line for line in report.changes)


def test_seed_reload_updates_a_target_no_editor_has_touched_and_records_it(tmp_path):
    def change(document):
        document["targets"]["6.4"]["fylkeskommune"] = "medium"
    _, report = seed_relevance(_seed_copy(tmp_path, change))
    assert report.updated == 1
    assert TargetRelevance.objects.get(target="6.4").fylkeskommune == "medium"
    latest = TargetRelevanceChange.objects.filter(relevance="6.4").first()
    assert latest.origin == "seed" and latest.before["fylkeskommune"] == "low"
    assert latest.after["fylkeskommune"] == "medium"


def test_seed_with_a_wrong_level_or_unknown_area_is_refused_with_where(tmp_path):
    def change(document):
        document["targets"]["1.1"]["kommune"] = "hgih"
        document["targets"]["2.4"]["areas"].append("jordbruk")
    with pytest.raises(SourceDataError) as refused:
        seed_relevance(_seed_copy(tmp_path, change))
    message = str(refused.value)
    assert "targets.1.1.kommune" in message and "'hgih' is not a level" in message
    assert "targets.2.4.areas" in message and "jordbruk" in message
    assert TargetRelevance.objects.get(target="1.1").kommune == "low"


def test_seed_missing_a_target_or_naming_an_unknown_one_is_refused(tmp_path):
    def change(document):
        document["targets"]["18.1"] = document["targets"].pop("3.3")
    with pytest.raises(SourceDataError) as refused:
        seed_relevance(_seed_copy(tmp_path, change))
    assert "'targets.3.3': this target is missing" in str(refused.value)
    assert "'targets.18.1': no such target" in str(refused.value)


def test_seed_levels_count_as_stored():
    stored = Counter(TargetRelevance.objects.values_list("kommune", flat=True))
    seeded = Counter(entry["kommune"] for entry in yaml.safe_load(SEED_FILE.read_text())["targets"].values())
    assert stored == seeded
