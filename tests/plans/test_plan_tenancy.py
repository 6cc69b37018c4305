"""Plans belong to their kommune: only its editors write, drafts are hidden from the public and other kommuner."""

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
def oslo_document(oslo_plan, oslo_editor):
    upload = SimpleUploadedFile("samfunnsdel.txt", b"Klimagassutslippene skal ned med 95 prosent.")
    return add_document(oslo_plan, oslo_editor, upload)


def _write_urls(plan, document):
    goal = LocalGoal.objects.get(plan=plan)
    action = Action.objects.get(goal=goal)
    link = link_target(goal, plan.updated_by, Target.objects.get(code="1.2"))
    plan_args = ["0301", plan.id]
    urls = [reverse("plans:plan-new", args=["0301"]), reverse("plans:plan-edit", args=plan_args),
            reverse("plans:document-new", args=plan_args), reverse("plans:goal-new", args=plan_args),
            reverse("plans:goal-edit", args=[*plan_args, goal.id]),
            reverse("plans:action-new", args=[*plan_args, goal.id]),
            reverse("plans:action-edit", args=[*plan_args, goal.id, action.id]),
            reverse("plans:link-remove", args=[*plan_args, link.id]),
            reverse("plans:document-delete", args=[*plan_args, document.id])]
    for kind, pk in (("mal", goal.id), ("tiltak", action.id), ("dokument", document.id)):
        urls += [reverse("plans:targets", args=[*plan_args, kind, pk]),
                 reverse("plans:suggestions", args=[*plan_args, kind, pk])]
    urls += [reverse("plans:indicator-new", args=[*plan_args, "mal", goal.id])]
    return urls


@pytest.mark.parametrize("published", [False, True])
def test_editor_of_another_kommune_gets_403_on_every_write(client, bergen_editor, oslo_plan, oslo_document,
                                                          published):
    Plan.objects.filter(id=oslo_plan.id).update(published=published)
    urls = _write_urls(oslo_plan, oslo_document)
    audited = AuditEntry.objects.count()
    client.force_login(bergen_editor)
    for url in urls:
        assert client.get(url).status_code in (403, 405), url
        assert client.post(url, {"title": "Kapret", "target": "1.1", "decision": "accept"}).status_code == 403, url
    assert AuditEntry.objects.count() == audited
    assert TargetLink.objects.filter(state="accepted").count() == 1
    assert Plan.objects.get(id=oslo_plan.id).title == "Kommuneplanens samfunnsdel 2025–2040"


def test_viewer_cannot_write_and_anonymous_is_sent_to_log_in(client, oslo_viewer, oslo_plan, oslo_document):
    urls = _write_urls(oslo_plan, oslo_document)
    for url in urls:
        response = client.post(url, {"title": "Anonym"})
        assert response.status_code == 302 and "/konto/" in response["Location"], url
    client.force_login(oslo_viewer)
    for url in urls:
        assert client.post(url, {"title": "Leser"}).status_code == 403, url


def test_services_refuse_another_kommunes_editor(bergen_editor, oslo, oslo_plan):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        save_plan(oslo, bergen_editor, kind="temaplan", title="Kapret", start_year=2025, end_year=None,
                  status="draft", url="", published=True)
    with pytest.raises(PermissionDenied):
        link_target(LocalGoal.objects.get(plan=oslo_plan), bergen_editor, Target.objects.get(code="4.1"))


def test_draft_is_hidden_from_the_public_and_other_kommuner(client, bergen_editor, oslo_plan):
    pages = [reverse("plans:plan", args=["0301", oslo_plan.id]), f"/api/kommuner/0301/plans/{oslo_plan.id}"]
    for user in (None, bergen_editor):
        if user is not None:
            client.force_login(user)
        for url in pages:
            assert client.get(url).status_code == 404, url
        assert oslo_plan.title not in client.get(reverse("plans:plans", args=["0301"])).content.decode()
        assert client.get("/api/kommuner/0301/plans").json() == []


def test_members_see_their_draft_and_everyone_the_published_plan(client, oslo_viewer, oslo_editor, oslo_plan):
    client.force_login(oslo_viewer)
    page = client.get(reverse("plans:plan", args=["0301", oslo_plan.id])).content.decode()
    assert "Trygg oppvekst for alle barn" in page and "Gratis skolemat" in page
    save_plan(oslo_plan.organisation, oslo_editor, oslo_plan, kind=oslo_plan.kind, title=oslo_plan.title,
              start_year=2025, end_year=2040, status="adopted", url="", published=True)
    client.logout()
    assert client.get(reverse("plans:plan", args=["0301", oslo_plan.id])).status_code == 200
    plans = client.get("/api/kommuner/0301/plans").json()
    assert [(plan["title"], plan["status"]) for plan in plans] == [(oslo_plan.title, "adopted")]
    entry = AuditEntry.objects.filter(model="plans.Plan", action="update").get()
    assert entry.before["published"] is False and entry.after["published"] is True and entry.user == oslo_editor


def test_editing_a_plan_on_its_page_audits_the_values_before_and_after(client, oslo_editor, oslo_plan):
    client.force_login(oslo_editor)
    response = client.post(reverse("plans:plan-edit", args=["0301", oslo_plan.id]), {
        "kind": "samfunnsdel", "title": oslo_plan.title, "start_year": "2025", "end_year": "2036",
        "status": "adopted", "url": "", "published": "on"})
    assert response.status_code == 302
    entry = AuditEntry.objects.get(model="plans.Plan", action="update")
    assert (entry.before["end_year"], entry.after["end_year"]) == (2040, 2036)
    assert (entry.before["status"], entry.after["status"]) == ("consultation", "adopted")


def test_a_period_that_ends_before_it_starts_is_refused(client, oslo_editor, oslo_plan):
    client.force_login(oslo_editor)
    response = client.post(reverse("plans:plan-edit", args=["0301", oslo_plan.id]), {
        "kind": "samfunnsdel", "title": oslo_plan.title, "start_year": "2025", "end_year": "2020",
        "status": "adopted"})
    assert response.status_code == 200
    assert "The last year cannot come before the first year (2025)." in response.content.decode()
    oslo_plan.refresh_from_db()
    assert oslo_plan.end_year == 2040
