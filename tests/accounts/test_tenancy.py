"""``accounts.tenancy``: the public reads published rows, members of the owning organisation (any role) also its
drafts, superusers everything; published is a flag (plans) or a status (practices)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser

from lokalagenda.accounts.models import Organisation
from lokalagenda.plans.models import Plan
from lokalagenda.practices.models import Practice

pytestmark = pytest.mark.django_db


@pytest.fixture
def plans():
    oslo = Organisation.objects.get(slug="kommune-0301")
    bergen = Organisation.objects.get(slug="kommune-4601")
    values = {"kind": Plan.Kind.SAMFUNNSDEL, "start_year": 2024}
    return {
        "oslo_published": Plan.objects.create(organisation=oslo, title="Kommuneplan Oslo", published=True, **values),
        "oslo_draft": Plan.objects.create(organisation=oslo, title="Utkast Oslo", **values),
        "bergen_draft": Plan.objects.create(organisation=bergen, title="Utkast Bergen", **values),
    }


@pytest.fixture
def practices():
    oslo = Organisation.objects.get(slug="kommune-0301")
    values = {"organisation": oslo, "summary": "Kort", "start_year": 2024}
    return {status: Practice.objects.create(title=f"Praksis {status}", status=status, **values)
            for status in ("draft", "submitted", "published")}


def _titles(rows):
    return sorted(row.title for row in rows)


def test_the_public_sees_only_published_plans(plans):
    assert _titles(Plan.objects.visible_to(AnonymousUser())) == ["Kommuneplan Oslo"]
    assert _titles(Plan.objects.published()) == ["Kommuneplan Oslo"]


def test_a_member_of_any_role_also_sees_its_own_organisations_drafts_only(plans, oslo_viewer, oslo_editor):
    for member in (oslo_viewer, oslo_editor):
        assert _titles(Plan.objects.visible_to(member)) == ["Kommuneplan Oslo", "Utkast Oslo"]


def test_a_superuser_sees_every_plan(plans):
    root = get_user_model().objects.create_superuser("root-tenancy", password="correct horse battery")
    assert _titles(Plan.objects.visible_to(root)) == ["Kommuneplan Oslo", "Utkast Bergen", "Utkast Oslo"]


def test_for_organisation_keeps_the_organisations_rows(plans):
    bergen = Organisation.objects.get(slug="kommune-4601")
    assert _titles(Plan.objects.for_organisation(bergen)) == ["Utkast Bergen"]


def test_practices_are_published_by_their_status(practices, bergen_editor, oslo_viewer):
    assert _titles(Practice.objects.published()) == ["Praksis published"]
    assert _titles(Practice.objects.visible_to(AnonymousUser())) == ["Praksis published"]
    assert _titles(Practice.objects.visible_to(bergen_editor)) == ["Praksis published"]
    assert _titles(Practice.objects.visible_to(oslo_viewer)) == ["Praksis draft", "Praksis published",
                                                                   "Praksis submitted"]
