"""The plan register of a fylkeskommune: the same pages as a kommune's under ``fylke/<nr>/``, coverage with the
targets' relevance for fylkeskommuner and a national count over fylkeskommuner, key results from the fylke's own
statistics, suggestions, documents, the API, and a link from the fylke page."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lokalagenda.accounts.models import AuditEntry
from lokalagenda.framework.models import Target
from lokalagenda.framework.relevance import locally_relevant_targets
from lokalagenda.indicators.services import import_file
from lokalagenda.plans.models import Action, IndicatorLink, LocalGoal, Plan, PlanDocument, TargetLink
from lokalagenda.plans.services import link_target, save_goal, save_plan
from tests.fixtures import make_member

pytestmark = pytest.mark.django_db
VAX = "VAX_DIPHTHERIA_AGE2"


def register_plan(client, number="46"):
    """Register a published plan with a goal and an action through the fylke pages, as an editor would."""
    response = client.post(reverse("plans:fylke-plan-new", args=[number]), {
        "kind": "temaplan", "title": "Regional plan for klima og miljø", "start_year": "2025", "end_year": "2035",
        "status": "adopted", "url": "https://www.vestlandfylke.no/klima", "published": "on"})
    plan = Plan.objects.get(organisation__fylke=number)
    assert response.status_code == 302 and response["Location"] == reverse("plans:fylke-plan",
                                                                            args=[number, plan.id])
    response = client.post(reverse("plans:fylke-goal-new", args=[number, plan.id]), {
        "title": "Utsleppsfri kollektivtransport", "description": "Alle ferjer og bussar skal vere utsleppsfrie.",
        "order": "1"})
    assert response.status_code == 302
    goal = LocalGoal.objects.get(plan=plan)
    response = client.post(reverse("plans:fylke-action-new", args=[number, plan.id, goal.id]), {
        "title": "Elektriske ferjesamband", "description": "", "responsible_unit": "Skyss",
        "budget_nok": "400000000", "start_date": "2025-01-01", "end_date": "2030-12-31", "status": "ongoing"})
    assert response.status_code == 302
    return plan, goal, Action.objects.get(goal=goal)


def rows(client, url):
    return {row.target.code: row for goal in client.get(url).context["coverage"].goals for row in goal.rows}


def test_editor_registers_a_plan_and_every_link_stays_under_the_fylke(client, vestland_editor):
    client.force_login(vestland_editor)
    plan, goal, action = register_plan(client)
    assert plan.organisation.slug == "fylkeskommune-46" and action.responsible_unit == "Skyss"
    manual = reverse("plans:fylke-targets", args=["46", plan.id, "mal", goal.id])
    response = client.post(manual, {"target": "13.2"})
    assert response.status_code == 302 and response["Location"] == manual
    assert "Target 13.2 is already linked." in client.post(manual, {"target": "13.2"}).content.decode()

    page = client.get(reverse("plans:fylke-plan", args=["46", plan.id]))
    html = page.content.decode()
    assert "Vestland fylkeskommune" in html and reverse("places:fylke", args=["46"]) in html
    for name, args in (("plan-edit", []), ("document-new", []), ("goal-edit", [goal.id]),
                       ("action-new", [goal.id]), ("action-edit", [goal.id, action.id]),
                       ("targets", ["tiltak", action.id]), ("suggestions", ["mal", goal.id]),
                       ("indicator-new", ["mal", goal.id])):
        assert reverse(f"plans:fylke-{name}", args=["46", plan.id, *args]) in html, name
    assert "/kommune/" not in html.split("<main", 1)[-1]
    register = client.get(reverse("plans:fylke-plans", args=["46"])).content.decode()
    assert "Plans of Vestland fylkeskommune" in register and reverse("plans:fylke-coverage", args=["46"]) in register
    assert AuditEntry.objects.filter(user=vestland_editor, organisation__slug="fylkeskommune-46",
                                     model__startswith="plans.").count() == 4


def test_coverage_uses_the_relevance_for_fylkeskommuner(client, vestland_editor):
    fylke_relevant = set(locally_relevant_targets("fylkeskommune", "low"))
    assert fylke_relevant != set(locally_relevant_targets("kommune", "low"))
    client.force_login(vestland_editor)
    _, goal, _ = register_plan(client)
    link_target(goal, vestland_editor, Target.objects.get(code="13.2"))
    response = client.get(reverse("plans:fylke-coverage", args=["46"]))
    coverage = response.context["coverage"]
    covered = {row.target.code for goal_rows in coverage.goals for row in goal_rows.rows if row.covered}
    assert covered == {"13.2"} and coverage.plan_count == 1
    assert {row.target.code for row in coverage.gaps} == fylke_relevant - covered
    html = response.content.decode()
    assert f"1 of the 169 targets is planned and {coverage.measured} measured." in html and "covered by" not in html
    assert "Fylkeskommuner nationally" in html and "Kommuner nationally" not in html


def test_national_count_compares_fylkeskommuner_with_fylkeskommuner(client, vestland_editor, bergen_editor):
    client.force_login(vestland_editor)
    _, goal, _ = register_plan(client)
    link_target(goal, vestland_editor, Target.objects.get(code="11.2"))
    trondelag = make_member("trondelag-editor", "fylkeskommune-50", "editor")
    for editor, published, code in ((trondelag, True, "11.2"), (trondelag, False, "11.6"),
                                     (bergen_editor, True, "11.2"), (bergen_editor, True, "11.6")):
        organisation = editor.memberships.get().organisation
        plan = save_plan(organisation, editor, kind="temaplan", title=f"Plan {code}", start_year=2024,
                         end_year=None, status="adopted", url="", published=published)
        link_target(save_goal(plan, editor, title="Mål", description="", order=0), editor,
                    Target.objects.get(code=code))
    fylke = rows(client, reverse("plans:fylke-coverage", args=["46"]))
    assert (fylke["11.2"].national, fylke["11.6"].national) == (2, 0)
    kommune = rows(client, reverse("plans:coverage", args=["4601"]))
    assert (kommune["11.2"].national, kommune["11.6"].national) == (1, 1)
    assert kommune["11.2"].plans == 1 and fylke["11.6"].plans == 0


def test_key_result_on_a_fylke_goal_reads_the_fylkes_own_statistics(client, vestland_editor, vestland_plan,
                                                                      tmp_path):
    path = tmp_path / "vestland_vax.csv"
    path.write_text(f"indicator_id,municipality_code,year,value\n{VAX},46,2022,94.0\n{VAX},46,2023,96.0\n"
                    f"{VAX},4601,2023,91.0\n")
    import_file(path)
    goal = LocalGoal.objects.get(plan=vestland_plan)
    client.force_login(vestland_editor)
    url = reverse("plans:fylke-indicator-new", args=["46", vestland_plan.id, "mal", goal.id])
    response = client.post(url, {"indicator": VAX, "start_value": "90", "start_year": "2020", "target_value": "98",
                                 "target_year": "2030"})
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:fylke-plan", args=["46", vestland_plan.id])
    assert IndicatorLink.objects.get().goal == goal
    page = client.get(response["Location"]).content.decode()
    assert "75\u00a0% of the way from 90\u00a0% in 2020 to 98\u00a0% in 2030." in page
    assert "(current 96\u00a0% in 2023" in page
    result, = client.get(f"/api/fylker/46/plans/{vestland_plan.id}").json()["goals"][0]["key_results"]
    assert (result["current_value"], result["current_year"], result["percent"]) == (96.0, 2023, 75.0)


def test_suggestions_for_a_fylke_goal_are_accepted_and_rejected_on_the_fylke_pages(client, vestland_editor):
    client.force_login(vestland_editor)
    plan, goal, _ = register_plan(client)
    suggest = reverse("plans:fylke-suggestions", args=["46", plan.id, "mal", goal.id])
    shown = client.get(suggest).context["suggestions"]
    assert len(shown) >= 2
    accepted, rejected = shown[0], shown[1]
    response = client.post(suggest, {"target": accepted.target.code, "decision": "accept"})
    assert response.status_code == 302 and response["Location"] == suggest
    client.post(suggest, {"target": rejected.target.code, "decision": "reject"})
    decided = {link.target_id: (link.origin, link.state) for link in TargetLink.objects.filter(goal=goal)}
    assert decided == {accepted.target.code: ("suggested", "accepted"),
                       rejected.target.code: ("suggested", "rejected")}
    fylke = rows(client, reverse("plans:fylke-coverage", args=["46"]))
    assert fylke[accepted.target.code].goals == 1 and not fylke[rejected.target.code].covered


def test_document_uploaded_to_a_fylke_plan(client, vestland_editor, vestland_plan, django_capture_on_commit_callbacks):
    client.force_login(vestland_editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("plans:fylke-document-new", args=["46", vestland_plan.id]),
                               {"file": SimpleUploadedFile("folkehelse.txt", b"Fleire skal vere aktive.")})
    document = PlanDocument.objects.get(plan=vestland_plan)
    assert response["Location"] == reverse("plans:fylke-suggestions", args=["46", vestland_plan.id, "dokument",
                                                                            document.id])
    assert document.text.strip() == "Fleire skal vere aktive."
    refused = client.post(reverse("plans:fylke-document-new", args=["46", vestland_plan.id]),
                          {"file": SimpleUploadedFile("regneark.xlsx", b"PK\x03\x04")})
    assert "regneark.xlsx: only PDF, Word (.docx) and plain text (.txt)" in refused.content.decode()
    assert PlanDocument.objects.count() == 1


def test_the_api_returns_a_fylke_plan_with_its_parts(client, vestland_editor, vestland_plan):
    goal = LocalGoal.objects.get(plan=vestland_plan)
    link_target(goal, vestland_editor, Target.objects.get(code="3.4"))
    save_plan(vestland_plan.organisation, vestland_editor, vestland_plan, kind="temaplan", title=vestland_plan.title,
              start_year=2025, end_year=2035, status="adopted", url="", published=True)
    plan = client.get(f"/api/fylker/46/plans/{vestland_plan.id}").json()
    assert plan["fylke"] == "46" and "kommune" not in plan and plan["status"] == "adopted"
    api_goal, = plan["goals"]
    assert [t["target"] for t in api_goal["targets"]] == ["3.4"]
    assert api_goal["actions"][0]["responsible_unit"] == "Samferdsel"
    assert client.get(f"/api/kommuner/4601/plans/{vestland_plan.id}").status_code == 404
    assert client.get("/api/kommuner/4601/plans").json() == []


def test_fylke_page_links_to_the_fylkeskommunes_plans_and_coverage(client):
    page = client.get(reverse("places:fylke", args=["46"])).content.decode()
    assert reverse("plans:fylke-plans", args=["46"]) in page and reverse("plans:fylke-coverage", args=["46"]) in page
    oslo = client.get(reverse("places:fylke", args=["03"])).content.decode()
    assert "/planer/" not in oslo and "/dekning/" not in oslo


def test_a_goal_of_another_fylkeskommune_cannot_be_reached_through_vestlands_plan(client, vestland_editor,
                                                                                   vestland_plan):
    trondelag = make_member("trondelag-editor", "fylkeskommune-50", "editor")
    other = save_plan(trondelag.memberships.get().organisation, trondelag, kind="temaplan", title="Trøndelag",
                      start_year=2025, end_year=None, status="draft", url="", published=True)
    other_goal = save_goal(other, trondelag, title="Mål", description="", order=0)
    client.force_login(vestland_editor)
    for name in ("targets", "suggestions", "indicator-new"):
        url = reverse(f"plans:fylke-{name}", args=["46", vestland_plan.id, "mal", other_goal.id])
        assert client.get(url).status_code == 404, name

