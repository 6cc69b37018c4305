"""Editors are told whose approval a practice awaits; those who approve see a list of what waits for them and
approve from it. At the national level, national editors approve the national practices."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation

from lokalagenda.accounts.models import Organisation
from lokalagenda.accounts.permissions import can_publish, publishers
from lokalagenda.practices import services
from lokalagenda.practices.models import Practice
from tests.fixtures import make_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def bergen_admin(db: Any) -> Any:
    user = make_member("bergen-admin", "kommune-4601", "admin")
    user.first_name, user.last_name = "Bente", "Bergersen"
    user.save()
    return user


def _submitted(make_practice: Any, editor: Any, slug: str, title: str = "Tiltak") -> Practice:
    practice = make_practice(editor, slug, title=title, kommuner=("4601",) if slug == "kommune-4601" else ("0301",))
    return services.submit(practice, editor)


def _awaiting_note(html: str) -> str:
    start = html.index("data-awaiting-approval>") + len("data-awaiting-approval>")
    return html[start:html.index("</p>", start)]


def test_a_submitted_practice_names_the_admins_who_approve_it(client: Any, make_practice: Any, bergen_editor: Any,
                                                              bergen_admin: Any) -> None:
    make_member("bergen-admin-2", "kommune-4601", "admin")
    practice = _submitted(make_practice, bergen_editor, "kommune-4601")
    client.force_login(bergen_editor)
    note = _awaiting_note(client.get(reverse("practices:detail", args=[practice.pk])).content.decode())
    assert "Bente Bergersen" in note and "bergen-admin-2" in note and "Bergen kommune" in note


def test_without_an_admin_the_note_names_the_role(client: Any, make_practice: Any, bergen_editor: Any) -> None:
    practice = _submitted(make_practice, bergen_editor, "kommune-4601")
    client.force_login(bergen_editor)
    note = _awaiting_note(client.get(reverse("practices:detail", args=[practice.pk])).content.decode())
    with translation.override("nb"):
        expected = translation.gettext("Awaiting approval from an admin of %(organisation)s. It has no admin in "
                                       "Lokalagenda yet: ask the site's operators to make one of its people "
                                       "admin.") % {"organisation": "Bergen kommune"}
    assert note == expected.replace("'", "&#x27;")


def test_a_pending_change_of_a_published_practice_names_its_approvers(client: Any, make_practice: Any,
                                                                     bergen_editor: Any, bergen_admin: Any) -> None:
    practice = make_practice(bergen_editor, "kommune-4601", kommuner=("4601",), published=True)
    data = services.PracticeData(title="Nytt navn", summary=practice.summary, body="", kommuner=[],
                                 start_year=2020, end_year=None, targets=[], partners=[], themes=[])
    data.kommuner = list(practice.kommuner.all())
    services.save_practice(practice.organisation, bergen_editor, data, practice)
    client.force_login(bergen_editor)
    assert "Bente Bergersen" in _awaiting_note(
        client.get(reverse("practices:detail", args=[practice.pk])).content.decode())


def test_the_public_is_not_told_who_approves(client: Any, make_practice: Any, bergen_editor: Any,
                                             bergen_admin: Any) -> None:
    practice = make_practice(bergen_editor, "kommune-4601", kommuner=("4601",), published=True)
    html = client.get(reverse("practices:detail", args=[practice.pk])).content.decode()
    assert "data-awaiting-approval" not in html and "Bergersen" not in html


def test_national_editors_publish_for_the_national_level_only(national_editor: Any, bergen_editor: Any) -> None:
    national = Organisation.objects.get(slug="nasjonalt")
    bergen = Organisation.objects.get(slug="kommune-4601")
    assert can_publish(national_editor, national) and not can_publish(national_editor, bergen)
    assert not can_publish(bergen_editor, bergen)
    assert publishers(national) == [national_editor] and publishers(bergen) == []


def test_national_editor_sees_and_approves_the_national_submissions(client: Any, make_practice: Any,
                                                                   national_editor: Any, bergen_editor: Any,
                                                                   bergen_admin: Any) -> None:
    colleague = make_member("national-colleague", "nasjonalt", "editor")
    national_practice = _submitted(make_practice, colleague, "nasjonalt", title="Nasjonal veileder")
    bergen_practice = _submitted(make_practice, bergen_editor, "kommune-4601", title="Bysykkel")
    client.force_login(national_editor)
    html = client.get(reverse("practices:approvals")).content.decode()
    assert f'data-practice="{national_practice.pk}"' in html and f'data-practice="{bergen_practice.pk}"' not in html
    response = client.post(reverse("practices:action", args=[national_practice.pk, "publiser"]),
                           {"next": reverse("practices:approvals")})
    assert response.status_code == 302 and response.url == reverse("practices:approvals")
    national_practice.refresh_from_db()
    assert national_practice.status == Practice.Status.PUBLISHED and national_practice.approved_by == national_editor
    assert f'data-practice="{national_practice.pk}"' not in client.get(reverse("practices:approvals")).content.decode()


def test_national_editor_cannot_publish_a_kommunes_practice(client: Any, make_practice: Any,
                                                            national_editor: Any, bergen_editor: Any) -> None:
    practice = _submitted(make_practice, bergen_editor, "kommune-4601")
    client.force_login(national_editor)
    response = client.post(reverse("practices:action", args=[practice.pk, "publiser"]))
    assert response.status_code in (403, 404)
    assert Practice.objects.get(pk=practice.pk).status == Practice.Status.SUBMITTED


def test_a_kommune_admin_sees_its_own_submissions_and_pending_changes(client: Any, make_practice: Any,
                                                                     bergen_editor: Any, bergen_admin: Any,
                                                                     oslo_editor: Any) -> None:
    mine = _submitted(make_practice, bergen_editor, "kommune-4601")
    oslo = _submitted(make_practice, oslo_editor, "kommune-0301")
    changed = make_practice(bergen_editor, "kommune-4601", title="Publisert", kommuner=("4601",), published=True)
    data = services.PracticeData(title="Publisert, endret", summary=changed.summary, body="",
                                 kommuner=list(changed.kommuner.all()), start_year=2020, end_year=None, targets=[],
                                 partners=[], themes=[])
    services.save_practice(changed.organisation, bergen_editor, data, changed)
    client.force_login(bergen_admin)
    html = client.get(reverse("practices:approvals")).content.decode()
    assert f'data-practice="{mine.pk}"' in html and f'data-practice="{changed.pk}"' in html
    assert f'data-practice="{oslo.pk}"' not in html


def test_the_practice_list_links_to_the_approvals_of_those_who_approve(client: Any, make_practice: Any,
                                                                       bergen_editor: Any, bergen_admin: Any) -> None:
    _submitted(make_practice, bergen_editor, "kommune-4601")
    approvals = reverse("practices:approvals")
    client.force_login(bergen_editor)
    assert approvals not in client.get(reverse("practices:list")).content.decode()
    client.force_login(bergen_admin)
    assert f'href="{approvals}"' in client.get(reverse("practices:list")).content.decode()


def test_the_approval_list_needs_a_login(client: Any) -> None:
    response = client.get(reverse("practices:approvals"))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


def test_an_editor_without_publishing_rights_sees_an_empty_list(client: Any, make_practice: Any,
                                                                bergen_editor: Any) -> None:
    practice = _submitted(make_practice, bergen_editor, "kommune-4601")
    client.force_login(bergen_editor)
    assert f'data-practice="{practice.pk}"' not in client.get(reverse("practices:approvals")).content.decode()
