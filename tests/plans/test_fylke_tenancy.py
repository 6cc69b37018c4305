"""A fylkeskommune's plans belong to it, as a kommune's do: only its editors write, drafts are hidden from the
public and from other organisations (even the kommuner in the fylke), and the pages live under ``fylke/<nr>/``."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lokalagenda.accounts.models import AuditEntry
from lokalagenda.framework.models import Target
from lokalagenda.plans.documents import add_document
from lokalagenda.plans.models import Action, LocalGoal, Plan, TargetLink
from lokalagenda.plans.services import link_target, save_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def vestland_document(vestland_plan, vestland_editor):
    upload = SimpleUploadedFile("folkehelse.txt", b"Fleire skal vere fysisk aktive kvar dag.")
    return add_document(vestland_plan, vestland_editor, upload)


def _write_urls(plan, document):
    goal = LocalGoal.objects.get(plan=plan)
    action = Action.objects.get(goal=goal)
    link = link_target(goal, plan.updated_by, Target.objects.get(code="3.4"))
    plan_args = ["46", plan.id]
    urls = [reverse("plans:fylke-plan-new", args=["46"]), reverse("plans:fylke-plan-edit", args=plan_args),
            reverse("plans:fylke-document-new", args=plan_args), reverse("plans:fylke-goal-new", args=plan_args),
            reverse("plans:fylke-goal-edit", args=[*plan_args, goal.id]),
            reverse("plans:fylke-action-new", args=[*plan_args, goal.id]),
            reverse("plans:fylke-action-edit", args=[*plan_args, goal.id, action.id]),
            reverse("plans:fylke-link-remove", args=[*plan_args, link.id]),
            reverse("plans:fylke-document-delete", args=[*plan_args, document.id])]
    for kind, pk in (("mal", goal.id), ("tiltak", action.id), ("dokument", document.id)):
        urls += [reverse("plans:fylke-targets", args=[*plan_args, kind, pk]),
                 reverse("plans:fylke-suggestions", args=[*plan_args, kind, pk])]
    urls += [reverse("plans:fylke-indicator-new", args=[*plan_args, "mal", goal.id])]
    return urls


def test_fylke_urls_sit_under_the_fylkesnummer():
    assert reverse("plans:fylke-plans", args=["46"]) == "/fylke/46/planer/"
    assert reverse("plans:fylke-coverage", args=["46"]) == "/fylke/46/dekning/"
    assert reverse("plans:fylke-suggestions", args=["46", 7, "mal", 8]) == "/fylke/46/planer/7/mal/8/forslag/"


@pytest.mark.parametrize("published", [False, True])
def test_editor_of_a_kommune_in_the_fylke_gets_403_on_every_write(client, bergen_editor, vestland_plan,
                                                                 vestland_document, published):
    Plan.objects.filter(id=vestland_plan.id).update(published=published)
    urls = _write_urls(vestland_plan, vestland_document)
    audited = AuditEntry.objects.count()
    client.force_login(bergen_editor)
    for url in urls:
        assert client.get(url).status_code in (403, 405), url
        assert client.post(url, {"title": "Kapret", "target": "1.1", "decision": "accept"}).status_code == 403, url
    assert AuditEntry.objects.count() == audited
    assert TargetLink.objects.filter(state="accepted").count() == 1
    assert Plan.objects.get(id=vestland_plan.id).title == "Regional plan for folkehelse 2025–2035"


def test_viewer_cannot_write_and_anonymous_is_sent_to_log_in(client, vestland_viewer, vestland_plan,
                                                             vestland_document):
    urls = _write_urls(vestland_plan, vestland_document)
    for url in urls:
        response = client.post(url, {"title": "Anonym"})
        assert response.status_code == 302 and "/konto/" in response["Location"], url
    client.force_login(vestland_viewer)
    for url in urls:
        assert client.post(url, {"title": "Leser"}).status_code == 403, url


def test_the_fylkeskommunes_editor_may_not_write_to_a_kommune_in_the_fylke(client, vestland_editor):
    client.force_login(vestland_editor)
    response = client.post(reverse("plans:plan-new", args=["4601"]), {
        "kind": "temaplan", "title": "Kapret", "start_year": "2025", "status": "draft"})
    assert response.status_code == 403 and not Plan.objects.exists()


def test_services_refuse_a_kommunes_editor(bergen_editor, vestland, vestland_plan):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        save_plan(vestland, bergen_editor, kind="temaplan", title="Kapret", start_year=2025, end_year=None,
                  status="draft", url="", published=True)
    with pytest.raises(PermissionDenied):
        link_target(LocalGoal.objects.get(plan=vestland_plan), bergen_editor, Target.objects.get(code="4.1"))


def test_draft_is_hidden_from_the_public_and_other_organisations(client, bergen_editor, oslo_editor, vestland_plan):
    pages = [reverse("plans:fylke-plan", args=["46", vestland_plan.id]),
             f"/api/fylker/46/plans/{vestland_plan.id}"]
    for user in (None, bergen_editor, oslo_editor):
        if user is not None:
            client.force_login(user)
        for url in pages:
            assert client.get(url).status_code == 404, url
        assert vestland_plan.title not in client.get(reverse("plans:fylke-plans", args=["46"])).content.decode()
        assert client.get("/api/fylker/46/plans").json() == []


def test_members_see_their_draft_and_everyone_the_published_plan(client, vestland_viewer, vestland_editor,
                                                                 vestland_plan):
    client.force_login(vestland_viewer)
    page = client.get(reverse("plans:fylke-plan", args=["46", vestland_plan.id])).content.decode()
    assert "God helse i heile fylket" in page and "Fleire gang- og sykkelvegar" in page
    assert "Draft – only visible to the fylkeskommune" in page
    assert [plan["id"] for plan in client.get("/api/fylker/46/plans").json()] == [vestland_plan.id]
    save_plan(vestland_plan.organisation, vestland_editor, vestland_plan, kind=vestland_plan.kind,
              title=vestland_plan.title, start_year=2025, end_year=2035, status="adopted", url="", published=True)
    client.logout()
    assert client.get(reverse("plans:fylke-plan", args=["46", vestland_plan.id])).status_code == 200
    plans = client.get("/api/fylker/46/plans").json()
    assert [(plan["title"], plan["status"]) for plan in plans] == [(vestland_plan.title, "adopted")]
    entry = AuditEntry.objects.filter(model="plans.Plan", action="update").get()
    assert entry.organisation.slug == "fylkeskommune-46" and entry.user == vestland_editor


def test_a_plan_is_found_only_under_its_own_owner(client, vestland_editor, oslo_editor, vestland_plan, oslo_plan):
    """The kommune and fylke URLs never reach each other's plans, even for the owner's own editor."""
    client.force_login(vestland_editor)
    for url in (reverse("plans:plan", args=["4601", vestland_plan.id]),
                reverse("plans:fylke-plan", args=["46", oslo_plan.id])):
        assert client.get(url).status_code == 404, url
    assert client.get(reverse("plans:plan-edit", args=["4601", vestland_plan.id])).status_code == 403
    assert client.get(reverse("plans:fylke-plan-edit", args=["46", oslo_plan.id])).status_code == 404


@pytest.mark.parametrize("url", [
    "/fylke/03/planer/", "/fylke/03/dekning/", "/fylke/03/planer/ny/", "/fylke/99/planer/", "/fylke/99/dekning/",
    "/fylke/0301/planer/", "/api/fylker/03/plans", "/api/fylker/99/plans", "/api/fylker/03/plans/1",
])
def test_a_fylke_without_a_fylkeskommune_and_unknown_numbers_are_404(client, oslo_editor, url):
    """Oslo (03) has no fylkeskommune: Oslo kommune has the county tasks and its plans are under kommune/0301/."""
    client.force_login(oslo_editor)
    assert client.get(url).status_code == 404
