"""The roll-up of the materiality assessments and of the decisions adopting SDG priorities: counts come from
published versions only (a draft is never counted), by size class and fylke too; the most and least material
targets are ranked; adopting decisions are counted per year with each organisation's latest one; the files, the
API and the page hold all of it."""

import datetime
import io
import json
import zipfile

import pytest
from django.urls import reverse
from ninja.testing import TestClient
from openpyxl import load_workbook

from lokalagenda.accounts.models import Organisation
from lokalagenda.api.rollup import router
from lokalagenda.decisions.models import Decision
from lokalagenda.framework.models import Target
from lokalagenda.materiality.services import publish, save_entry
from lokalagenda.reports.rollup.build import build_rollup
from lokalagenda.reports.rollup.exports import export_rollup
from tests.fixtures import make_member
from tests.reports.rollup.test_build import stored_run_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


def organisation(slug):
    return Organisation.objects.get(slug=slug)


def assess(slug, user, entries):
    """Save ``entries`` (target → material) in the organisation's draft, each a challenge it can change."""
    for code, material in entries.items():
        save_entry(organisation(slug), user, Target.objects.get(code=code), situation="challenge",
                   influence="direct", material=material)


def decide(slug, subject, day, case_number="45/24"):
    return Decision.objects.create(organisation=organisation(slug), subject=subject, body="kommunestyret",
                                   decided_on=day, case_number=case_number, text="Vedtak.")


@pytest.fixture
def assessed(stored_run, bergen_editor, oslo_editor):
    """Bergen has published (11.6 and 3.4 material, 9.1 not); Oslo has only a draft (every target material)."""
    assess("kommune-4601", bergen_editor, {"11.6": True, "3.4": True, "9.1": False})
    publish(organisation("kommune-4601"), bergen_editor)
    assess("kommune-0301", oslo_editor, {"11.6": True, "9.1": True, "1.1": True})
    return stored_run


def test_counts_come_from_published_assessments_only(assessed):
    vestland_editor = make_member("vestland-editor", "fylkeskommune-46", "editor")
    assess("fylkeskommune-46", vestland_editor, {"9.1": True})
    publish(organisation("fylkeskommune-46"), vestland_editor)
    materiality = build_rollup(language="en").materiality
    kommuner = materiality.country("kommune")
    assert (kommuner.organisations, kommuner.published) == (357, 1)
    rows = {row.code: row for row in kommuner.targets}
    assert (rows["11.6"].assessed, rows["11.6"].material) == (1, 1)
    assert (rows["9.1"].assessed, rows["9.1"].material) == (1, 0)  # Oslo's draft says material: not counted
    assert rows["1.1"].assessed == 0 and rows["1.1"].rank_most is None and rows["1.1"].rank_least is None
    fylkeskommuner = materiality.country("fylkeskommune")
    assert fylkeskommuner.published == 1 and fylkeskommuner.organisations == Organisation.objects.filter(
        kind="fylkeskommune").count()
    by_fylke = {group.group: group for group in materiality.by_breakdown["fylke"]}
    assert by_fylke["46"].published == 1 and by_fylke["03"].published == 0
    assert sum(group.published for group in materiality.by_breakdown["size"]) == 1


def test_most_and_least_material_targets_are_ranked(stored_run, bergen_editor, oslo_editor):
    assess("kommune-4601", bergen_editor, {"11.6": True, "3.4": True, "9.1": False, "1.1": False})
    assess("kommune-0301", oslo_editor, {"11.6": True, "3.4": False, "9.1": False, "1.1": True})
    publish(organisation("kommune-4601"), bergen_editor)
    publish(organisation("kommune-0301"), oslo_editor)
    kommuner = build_rollup(language="en").materiality.country("kommune")
    # 11.6: both material; 1.1 and 3.4: one each (1.1 first in the UN order); 9.1: neither.
    assert [row.code for row in kommuner.most] == ["11.6", "1.1", "3.4"]
    assert [row.code for row in kommuner.least] == ["9.1", "1.1", "3.4"]
    assert kommuner.most[0].share == 1.0 and kommuner.least[0].share == 0.0


def test_adopting_decisions_are_counted_per_year_with_each_latest(assessed):
    decide("kommune-4601", "assessment", datetime.date(2023, 11, 2), "12/23")
    decide("kommune-4601", "priorities", datetime.date(2024, 6, 20), "45/24")
    decide("kommune-0301", "priorities", datetime.date(2024, 3, 1), "7/24")
    materiality = build_rollup(language="en").materiality
    assert materiality.country("kommune").adopted == 2
    latest = {row.number: row for row in materiality.adoptions}
    assert latest["4601"].decided_on == datetime.date(2024, 6, 20) and latest["4601"].case_number == "45/24"
    assert latest["4601"].body == "kommunestyret" and latest["4601"].subject == "priorities"
    years = [(row.year, row.kind, row.deciding, row.adopted_by_then) for row in materiality.years]
    assert years == [(2023, "kommune", 1, 1), (2024, "kommune", 2, 2)]


def test_a_plan_decision_does_not_count_as_adopted_priorities(assessed):
    from lokalagenda.plans.models import Plan

    plan = Plan.objects.create(organisation=organisation("kommune-4601"), kind="temaplan", title="Klimaplan",
                               start_year=2024, published=True)
    Decision.objects.create(organisation=plan.organisation, subject="plan", plan=plan, body="kommunestyret",
                            decided_on=datetime.date(2024, 5, 5), case_number="3/24", text="Vedtak.")
    materiality = build_rollup(language="en").materiality
    assert materiality.country("kommune").adopted == 0 and materiality.adoptions == [] and materiality.years == []


def test_the_files_hold_the_materiality_tables(assessed):
    decide("kommune-4601", "priorities", datetime.date(2024, 6, 20))
    rollup = build_rollup(language="en")
    workbook = load_workbook(io.BytesIO(export_rollup(rollup, "xlsx").content))
    for sheet in ("materiality_groups", "materiality_targets", "adoptions", "adoptions_by_year"):
        assert sheet in workbook.sheetnames
    groups = list(workbook["materiality_groups"].iter_rows(values_only=True))
    assert groups[1][:7] == ("breakdown", "group", "group_name", "kind", "organisations",
                             "published_assessments", "adopted")
    assert groups[2] == ("country", "0", "all kommuner", "kommune", 357, 1, 1)
    archive = zipfile.ZipFile(io.BytesIO(export_rollup(rollup, "csv").content))
    assert "adoptions.csv" in archive.namelist()
    assert "4601,Bergen kommune,kommune,priorities,kommunestyret,2024-06-20,45/24," in archive.read(
        "adoptions.csv").decode()
    assert "materiality_targets.csv — How material the targets are found" in archive.read("README.txt").decode()
    document = json.loads(export_rollup(rollup, "json").content)
    assert document["metadata"]["published_assessments_kommuner"] == 1
    assert document["metadata"]["adopted_priorities_kommuner"] == 1
    country = [row for row in document["tables"]["materiality_targets"]["rows"] if row["group"] == "0"]
    assert len(country) == 169
    # 3.4 and 11.6 are both material for the one kommune: the UN order puts 3.4 first
    assert next(row for row in country if row["target"] == "11.6") | {"title": ""} == {
        "breakdown": "country", "group": "0", "group_name": "all kommuner", "kind": "kommune", "target": "11.6",
        "goal": 11, "title": "", "assessed": 1, "material": 1, "share_material": 1.0, "rank_most": 2,
        "rank_least": None}


def test_the_api_rollup_has_the_materiality_tables(assessed):
    api = TestClient(router)
    body = api.get("/rollup?language=en&table=materiality_groups").json()
    assert list(body["tables"]) == ["materiality_groups"]
    table = body["tables"]["materiality_groups"]
    assert [column["name"] for column in table["columns"]][-3:] == ["organisations", "published_assessments",
                                                                   "adopted"]
    assert table["rows"][0] == {"breakdown": "country", "group": "0", "group_name": "all kommuner",
                                "kind": "kommune", "organisations": 357, "published_assessments": 1, "adopted": 0}
    assert body["metadata"]["published_assessments_fylkeskommuner"] == 0


def test_the_page_says_how_many_have_published_and_adopted(client, assessed):
    decide("kommune-4601", "priorities", datetime.date(2024, 6, 20))
    client.cookies["lokalagenda_language"] = "en"
    html = client.get(reverse("rollup:page")).content.decode()
    assert "1 of 357 kommuner has published a materiality assessment" in html
    assert "1 of 357 kommuner has politically adopted SDG priorities" in html
    assert 'id="materiality-most"' in html and "11.6" in html
    assert "20.06.2024" in html or "20 June 2024" in html


def test_the_page_says_so_when_no_assessment_is_published(client, stored_run, bergen_editor):
    assess("kommune-4601", bergen_editor, {"11.6": True})  # a draft only
    client.cookies["lokalagenda_language"] = "en"
    html = client.get(reverse("rollup:page")).content.decode()
    assert "No kommune has published a materiality assessment yet" in html
    assert 'id="materiality-most"' not in html
