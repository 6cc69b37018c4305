"""``accounts.permissions``: refusals in one style, ``PermissionDenied`` with a translated sentence, for services,
views and the command that makes tokens. Sentences are checked in English (their msgids)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import translation

from lokalagenda.accounts.models import ApiToken, Organisation
from lokalagenda.accounts.permissions import (
    can_edit,
    can_edit_partner,
    editable_organisations,
    national_editor_required,
    require_editor,
    require_national_editor,
    require_partner_editor,
)
from lokalagenda.accounts.tokens import issue_token
from lokalagenda.partnerships.models import Partner
from tests.fixtures import make_member

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def oslo():
    return Organisation.objects.get(slug="kommune-0301")


def test_require_editor_lets_the_organisations_editor_through(oslo, oslo_editor):
    assert require_editor(oslo_editor, oslo) is None


@pytest.mark.parametrize("who", ["anonymous", "oslo_viewer", "bergen_editor", "national_editor"])
def test_require_editor_refuses_everyone_else_naming_the_organisation(request, oslo, who):
    user = AnonymousUser() if who == "anonymous" else request.getfixturevalue(who)
    with pytest.raises(PermissionDenied, match="Oslo"):
        require_editor(user, oslo)


def test_require_editor_takes_the_callers_sentence(oslo, bergen_editor):
    with pytest.raises(PermissionDenied, match=r"^Only editors of Oslo kommune may do this\.$"):
        require_editor(bergen_editor, oslo, "Only editors of %(organisation)s may do this.")


def test_require_national_editor_refuses_a_kommunes_editor(oslo_editor, national_editor):
    assert require_national_editor(national_editor) is None
    with pytest.raises(PermissionDenied, match="national editors"):
        require_national_editor(oslo_editor)


def test_national_editor_required_answers_the_view_only_for_national_editors(oslo_editor, national_editor):
    view = national_editor_required(lambda request: HttpResponse("ok"))
    request = RequestFactory().get("/")
    request.user = national_editor
    assert view(request).content == b"ok"
    request.user = oslo_editor
    with pytest.raises(PermissionDenied):
        view(request)


def test_a_partner_is_edited_by_its_owners_editors_and_national_editors(oslo, oslo_editor, bergen_editor,
                                                                         national_editor):
    partner = Partner.objects.create(name="Grünerløkka velforening", kind="residents_group", owner=oslo)
    orphan = Partner.objects.create(name="Uten eier", kind="residents_group", owner=None)
    assert can_edit_partner(oslo_editor, partner) and can_edit_partner(national_editor, orphan)
    assert not can_edit_partner(oslo_editor, orphan)
    require_partner_editor(national_editor, partner)
    with pytest.raises(PermissionDenied):
        require_partner_editor(bergen_editor, partner)


def test_a_token_for_another_organisation_is_refused_with_permission_denied(oslo, bergen_editor):
    with pytest.raises(PermissionDenied, match="make tokens"):
        issue_token(bergen_editor, oslo, "kapring", ["read"])
    assert not ApiToken.objects.exists()


def test_create_token_command_refuses_a_non_editor_with_the_sentence(bergen_editor):
    with pytest.raises(CommandError, match="Only editors of an organisation can make tokens for it"):
        call_command("create_token", user="bergen-editor", organisation="kommune-0301", scope=["read"])


def test_editable_organisations_lists_the_editing_memberships_of_a_user_and_of_a_superuser_alike(oslo):
    """One list of "your" organisations: an editing membership counts, a viewing one does not, and a superuser's
    right to edit every organisation (``can_edit``) is not listed."""
    editor = make_member("oslo-og-bergen", "kommune-0301", "editor")
    make_member_of(editor, "kommune-4601", "viewer")
    superuser = make_member("drift", "kommune-0301", "viewer")
    superuser.is_superuser = True
    superuser.save()
    make_member_of(superuser, "kommune-4601", "editor")
    assert list(editable_organisations(editor)) == [oslo]
    assert [o.slug for o in editable_organisations(superuser)] == ["kommune-4601"]
    assert can_edit(superuser, oslo) and list(editable_organisations(superuser, Organisation.Kind.NATIONAL)) == []


def make_member_of(user, organisation_slug: str, role: str) -> None:
    from lokalagenda.accounts.models import Membership

    Membership.objects.create(user=user, organisation=Organisation.objects.get(slug=organisation_slug), role=role)
