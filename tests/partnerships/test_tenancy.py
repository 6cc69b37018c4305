"""Partnerships belong to their owning organisation: its editors change them, others get 403, drafts stay hidden."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from lokalagenda.accounts.models import AuditEntry
from lokalagenda.partnerships.models import Partner, Partnership
from lokalagenda.partnerships.services import save_partnership

pytestmark = pytest.mark.django_db


def test_editor_creates_a_partnership_in_the_ui_and_the_write_is_audited(client, oslo_editor, partners):
    client.force_login(oslo_editor)
    response = client.post(reverse("partnerships:partnership-create", args=["0301"]), {
        "title": "Sirkulær økonomi", "status": "active", "start_year": "2024", "partners": [partners["ntnu"].pk],
        "targets": ["12.5"], "kommuner": ["3201"], "published": "on",
    })
    assert response.status_code == 302
    partnership = Partnership.objects.get(title="Sirkulær økonomi")
    assert partnership.organisation.kommune_id == "0301" and partnership.published
    assert list(partnership.targets.values_list("code", flat=True)) == ["12.5"]
    entry = AuditEntry.objects.get(model="partnerships.Partnership", object_pk=str(partnership.pk))
    assert entry.user == oslo_editor and entry.action == "create" and entry.after["targets"] == ["12.5"]


def test_editor_of_another_kommune_gets_403(client, bergen_editor, oslo_draft):
    client.force_login(bergen_editor)
    assert client.get(reverse("partnerships:partnership-create", args=["0301"])).status_code == 403
    edit = reverse("partnerships:partnership-edit", args=[oslo_draft.pk])
    assert client.get(edit).status_code == 403
    assert client.post(edit, {"title": "Kapret", "status": "ended", "published": "on"}).status_code == 403
    oslo_draft.refresh_from_db()
    assert oslo_draft.title == "Utkast: nabolagsdugnad" and not oslo_draft.published


def test_service_refuses_another_kommunes_editor(bergen_editor, oslo_draft):
    with pytest.raises(PermissionDenied):
        save_partnership(bergen_editor, oslo_draft.organisation, oslo_draft, title="Kapret")


def test_viewer_cannot_edit(client, oslo_viewer, oslo_draft):
    client.force_login(oslo_viewer)
    assert client.get(reverse("partnerships:partnership-edit", args=[oslo_draft.pk])).status_code == 403


def test_drafts_are_hidden_from_the_public_and_other_kommuner(client, bergen_editor, oslo_draft, oslo_published):
    detail = reverse("partnerships:partnership", args=[oslo_draft.pk])
    assert client.get(detail).status_code == 404
    page = client.get(reverse("partnerships:kommune", args=["0301"])).content.decode()
    assert oslo_published.title in page and oslo_draft.title not in page
    client.force_login(bergen_editor)
    assert client.get(detail).status_code == 404


def test_members_see_their_drafts_marked(client, oslo_viewer, oslo_draft):
    client.force_login(oslo_viewer)
    client.cookies["lokalagenda_language"] = "en"
    page = client.get(reverse("partnerships:kommune", args=["0301"])).content.decode()
    assert oslo_draft.title in page and "Draft" in page
    assert client.get(reverse("partnerships:partnership", args=[oslo_draft.pk])).status_code == 200


def test_a_kommune_taking_part_lists_the_partnership(client, oslo_published):
    page = client.get(reverse("partnerships:kommune", args=["3201"])).content.decode()
    assert oslo_published.title in page


def test_partner_is_changed_only_by_its_entering_organisation(client, bergen_editor, oslo_editor, partners):
    ntnu = partners["ntnu"]
    client.force_login(bergen_editor)
    assert client.post(reverse("partnerships:partner-edit", args=[ntnu.pk]),
                       {"name": "Kapret", "kind": "business"}).status_code == 403
    client.force_login(oslo_editor)
    response = client.post(reverse("partnerships:partner-edit", args=[ntnu.pk]), {
        "name": "NTNU – Noregs teknisk-naturvitskaplege universitet", "kind": "academia",
        "organisation_number": "974 767 880"})
    assert response.status_code == 302
    ntnu.refresh_from_db()
    assert ntnu.name.startswith("NTNU –") and ntnu.organisation_number == "974767880"
    assert AuditEntry.objects.filter(model="partnerships.Partner", object_pk=str(ntnu.pk), action="update").exists()


def test_partner_with_a_wrong_check_digit_is_refused_with_a_message(client, oslo_editor):
    client.force_login(oslo_editor)
    client.cookies["lokalagenda_language"] = "en"
    response = client.post(reverse("partnerships:partner-create", args=["0301"]), {
        "name": "Brønnøysundregistrene", "kind": "public_agency", "organisation_number": "974760674"})
    assert response.status_code == 200
    assert "check digit" in response.content.decode()
    assert not Partner.objects.filter(name="Brønnøysundregistrene").exists()


def test_the_same_organisation_number_cannot_be_entered_twice(client, oslo_editor, partners):
    client.force_login(oslo_editor)
    response = client.post(reverse("partnerships:partner-create", args=["0301"]), {
        "name": "Brreg (igjen)", "kind": "public_agency", "organisation_number": "974760673"})
    assert response.status_code == 200
    assert Partner.objects.filter(organisation_number="974760673").count() == 1


def _action(organisation, title):
    from lokalagenda.plans.models import Action, LocalGoal, Plan

    plan = Plan.objects.create(organisation=organisation, kind="samfunnsdel", title="Kommuneplan", start_year=2024)
    return Action.objects.create(goal=LocalGoal.objects.create(plan=plan, title="Lavere utslipp"), title=title)


def test_a_partnership_links_only_the_owners_own_actions(client, oslo_editor, oslo, bergen):
    own, other = _action(oslo, "Fossilfrie byggeplasser"), _action(bergen, "Landstrøm i havna")
    client.force_login(oslo_editor)
    url = reverse("partnerships:partnership-create", args=["0301"])
    refused = client.post(url, {"title": "Byggeplass", "status": "active", "actions": [other.pk]})
    assert refused.status_code == 200 and not Partnership.objects.filter(title="Byggeplass").exists()
    assert client.post(url, {"title": "Byggeplass", "status": "active", "actions": [own.pk]}).status_code == 302
    assert list(Partnership.objects.get(title="Byggeplass").actions.all()) == [own]
