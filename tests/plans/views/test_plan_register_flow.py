"""The whole editing flow: register a plan with a goal and an action, link targets by hand and from accepted
suggestions of the real mapping engine, and see the kommune's coverage, gaps and the national counts."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lokalagenda.accounts.models import AuditEntry, Organisation
from lokalagenda.framework.models import Target
from lokalagenda.framework.relevance import locally_relevant_targets
from lokalagenda.plans.models import Action, LocalGoal, Plan, TargetLink
from lokalagenda.plans.services import link_target, save_goal, save_plan
from lokalagenda.plans.suggestions import MODERATE

pytestmark = pytest.mark.django_db
CLIMATE = ("Klimagassutslippene i kommunen skal ned med 95 prosent innen 2030. Kollektivtrafikken skal være "
           "utslippsfri, og flere skal sykle og gå.")


def register_plan(client, number="0301"):
    response = client.post(reverse("plans:plan-new", args=[number]), {
        "kind": "samfunnsdel", "title": "Kommuneplanens samfunnsdel 2025–2040", "start_year": "2025",
        "end_year": "2040", "status": "adopted", "url": "https://www.oslo.kommune.no/plan", "published": "on"})
    assert response.status_code == 302
    plan = Plan.objects.get(organisation__kommune=number)
    response = client.post(reverse("plans:goal-new", args=[number, plan.id]), {
        "title": "Et klimavennlig Oslo", "description": CLIMATE, "order": "1"})
    assert response.status_code == 302
    goal = LocalGoal.objects.get(plan=plan)
    response = client.post(reverse("plans:action-new", args=[number, plan.id, goal.id]), {
        "title": "Utslippsfrie busser", "description": "Alle busser i byen skal gå på strøm eller biogass.",
        "responsible_unit": "Sporveien", "budget_nok": "125000000", "start_date": "2025-01-01",
        "end_date": "2028-12-31", "status": "ongoing"})
    assert response.status_code == 302
    return plan, goal, Action.objects.get(goal=goal)


def test_editor_registers_a_plan_links_targets_and_sees_coverage(client, oslo_editor):
    client.force_login(oslo_editor)
    plan, goal, action = register_plan(client)
    assert (action.status, action.budget_nok, action.responsible_unit) == ("ongoing", 125000000, "Sporveien")

    manual = reverse("plans:targets", args=["0301", plan.id, "mal", goal.id])
    assert client.post(manual, {"target": "13.2"}).status_code == 302
    again = client.post(manual, {"target": "13.2"})
    assert "Target 13.2 is already linked." in again.content.decode()
    link = TargetLink.objects.get(goal=goal)
    assert (link.origin, link.state, link.decided_by, link.score) == ("manual", "accepted", oslo_editor, None)

    suggest = reverse("plans:suggestions", args=["0301", plan.id, "tiltak", action.id])
    shown = client.get(suggest).context["suggestions"]
    assert len(shown) >= 2 and [s.score for s in shown] == sorted((s.score for s in shown), reverse=True)
    accepted, rejected = shown[0], shown[1]
    assert client.post(suggest, {"target": accepted.target.code, "decision": "accept"}).status_code == 302
    assert client.post(suggest, {"target": rejected.target.code, "decision": "reject"}).status_code == 302
    decided = {link.target_id: link for link in TargetLink.objects.filter(action=action)}
    assert decided[accepted.target.code].origin == "suggested" and decided[accepted.target.code].state == "accepted"
    assert decided[accepted.target.code].score == pytest.approx(accepted.score, abs=1e-4)
    assert list(decided[accepted.target.code].evidence) == list(accepted.evidence)
    assert decided[rejected.target.code].state == "rejected"
    still_open = {s.target.code for s in client.get(suggest).context["suggestions"]}
    assert not still_open & {accepted.target.code, rejected.target.code}

    coverage = client.get(reverse("plans:coverage", args=["0301"])).context["coverage"]
    rows = {row.target.code: row for goal_rows in coverage.goals for row in goal_rows.rows}
    assert len(rows) == 169
    by_action = int(accepted.target.code == "13.2")
    assert (rows["13.2"].plans, rows["13.2"].goals, rows["13.2"].actions) == (1, 1, by_action) and rows["13.2"].covered
    assert rows[accepted.target.code].actions == 1 and rows[accepted.target.code].covered
    assert not rows[rejected.target.code].actions
    covered = {code for code, row in rows.items() if row.covered}
    relevant = set(locally_relevant_targets("kommune", "low"))
    assert {row.target.code for row in coverage.gaps} == relevant - covered
    assert rows["13.2"].national == 1
    assert AuditEntry.objects.filter(user=oslo_editor, model__startswith="plans.").count() == 6

    client.logout()
    published = client.get(f"/api/kommuner/0301/plans/{plan.id}").json()
    api_goal, = published["goals"]
    assert [t["target"] for t in api_goal["targets"]] == ["13.2"] and api_goal["targets"][0]["origin"] == "manual"
    api_action, = api_goal["actions"]
    assert api_action["status"] == "ongoing" and api_action["responsible_unit"] == "Sporveien"
    assert [t["target"] for t in api_action["targets"]] == [accepted.target.code]


def test_national_count_covers_published_plans_of_kommuner_only(client, oslo_editor, bergen_editor):
    client.force_login(oslo_editor)
    plan, goal, _ = register_plan(client)
    link_target(goal, oslo_editor, Target.objects.get(code="11.2"))
    bergen = Organisation.objects.get(slug="kommune-4601")
    for published, code in ((True, "11.2"), (False, "11.6")):
        draft = save_plan(bergen, bergen_editor, kind="temaplan", title=f"Temaplan {code}", start_year=2024,
                          end_year=None, status="draft", url="", published=published)
        link_target(save_goal(draft, bergen_editor, title="Mål", description="", order=0), bergen_editor,
                    Target.objects.get(code=code))
    rows = {row.target.code: row for goal_rows in client.get(reverse("plans:coverage", args=["0301"]))
            .context["coverage"].goals for row in goal_rows.rows}
    assert rows["11.2"].national == 2 and rows["11.6"].national == 0
    assert rows["11.6"].plans == 0
    bergen_rows = {row.target.code: row for goal_rows in client.get(reverse("plans:coverage", args=["4601"]))
                   .context["coverage"].goals for row in goal_rows.rows}
    assert bergen_rows["11.2"].plans == 1 and bergen_rows["11.6"].plans == 0


def test_document_suggestions_carry_the_passage_as_evidence(client, oslo_editor, django_capture_on_commit_callbacks):
    client.force_login(oslo_editor)
    plan, _, _ = register_plan(client)
    text = "\n\n".join([CLIMATE, "Alle barn skal ha en trygg skolevei og et sunt skolemåltid hver dag."])
    with django_capture_on_commit_callbacks(execute=True):  # the worker reads the text once the upload commits
        client.post(reverse("plans:document-new", args=["0301", plan.id]),
                    {"file": SimpleUploadedFile("samfunnsdel.txt", text.encode())})
    document = plan.documents.get()
    suggest = reverse("plans:suggestions", args=["0301", plan.id, "dokument", document.id])
    shown = client.get(suggest).context["suggestions"]
    flat = " ".join(text.split())
    assert shown and all(s.evidence[-1].startswith('passage: "') for s in shown)
    assert all(s.evidence[-1].removeprefix('passage: "').rstrip('"').rstrip("…") in flat for s in shown)
    client.post(suggest, {"target": shown[0].target.code, "decision": "accept"})
    link = TargetLink.objects.get(document=document)
    assert link.origin == "suggested" and link.plan == plan
    page = client.get(reverse("plans:plan", args=["0301", plan.id])).content.decode()
    assert f'href="{reverse("framework:target", args=[shown[0].target.code])}"' in page
    assert client.get(f"/api/kommuner/0301/plans/{plan.id}").json()["documents"][0]["targets"][0]["target"] == (
        shown[0].target.code)


def test_a_target_that_is_not_suggested_cannot_be_accepted(client, oslo_editor):
    client.force_login(oslo_editor)
    plan, goal, _ = register_plan(client)
    suggest = reverse("plans:suggestions", args=["0301", plan.id, "mal", goal.id])
    open_codes = {s.target.code for s in client.get(suggest).context["suggestions"]}
    unlikely = next(t.code for t in Target.objects.filter(goal=17) if t.code not in open_codes)
    client.post(suggest, {"target": unlikely, "decision": "accept"})
    assert not TargetLink.objects.filter(goal=goal).exists()


def test_a_text_that_speaks_clearly_to_no_target_is_told_so_above_its_weak_suggestions(client, oslo_editor):
    client.force_login(oslo_editor)
    plan, goal, _ = register_plan(client)
    suggest = reverse("plans:suggestions", args=["0301", plan.id, "mal", goal.id])
    assert "No clear match." not in client.get(suggest).content.decode()  # the climate goal: a strong match
    vague = LocalGoal.objects.create(plan=plan, title="Møteplan",
                                     description="Vi skal ha faste møter hver tirsdag.")
    response = client.get(reverse("plans:suggestions", args=["0301", plan.id, "mal", vague.id]))
    assert response.context["suggestions"] and {s.strength for s in response.context["suggestions"]} == {"weak match"}
    assert "No clear match." in response.content.decode()
    assert f"fewer than {round(MODERATE * 10)} of 10 suggestions this weak were right" in response.content.decode()
