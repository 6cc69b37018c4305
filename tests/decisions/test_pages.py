"""The decisions pages: a public list; editors of the kommune or fylkeskommune record, correct and delete; anyone
else is refused. The badge beside what was adopted, on the kommune, fylke and plan pages, marked when changed."""

import datetime

import pytest
from django.urls import reverse

from lokalagenda.accounts.models import AuditEntry, Organisation
from lokalagenda.decisions.models import Decision, Subject
from lokalagenda.decisions.services import record_decision
from lokalagenda.framework.models import Goal
from lokalagenda.plans.services import save_goal, save_plan, save_priorities

pytestmark = pytest.mark.django_db

CASE_RECORD = "https://www.bergen.kommune.no/innsyn/sak/45-24"
FORM = {"subject": "priorities", "body": "kommunestyret", "body_name": "", "decided_on": "2024-06-20",
        "case_number": "45/24", "text": "Kommunestyret vedtar prioriteringene.", "record_url": CASE_RECORD}


@pytest.fixture
def english(client):
    client.cookies["lokalagenda_language"] = "en"
    return client


@pytest.fixture
def priorities(bergen, bergen_editor):
    return save_priorities(bergen, bergen_editor, statement="Klima", goals=[Goal.objects.get(number=13)],
                           targets=[], published=True)


@pytest.fixture
def decision(bergen, bergen_editor, priorities):
    return record_decision(bergen, bergen_editor, subject=Subject.PRIORITIES, body="kommunestyret",
                           decided_on=datetime.date(2024, 6, 20), case_number="45/24",
                           text="Kommunestyret vedtar prioriteringene.", record_url=CASE_RECORD)


def test_anyone_reads_the_decisions_with_a_link_to_the_case_record(english, decision):
    page = english.get("/kommune/4601/vedtak/").content.decode()
    assert "Political decisions of Bergen" in page
    assert f'<a class="ds-link" href="{CASE_RECORD}">Adopted by kommunestyret on 20 Jun 2024, case 45/24</a>' in page
    assert "Kommunestyret vedtar prioriteringene." in page
    assert "Record a decision" not in page and "Changed since the decision" not in page


def test_the_badge_is_in_bokmal_by_default(client, decision):
    page = client.get("/kommune/4601/vedtak/").content.decode()
    assert "20.06.2024" in page and "45/24" in page


def test_an_editor_records_a_decision_through_the_form(client, bergen, bergen_editor, priorities):
    client.force_login(bergen_editor)
    assert client.get("/kommune/4601/vedtak/ny/").status_code == 200
    response = client.post("/kommune/4601/vedtak/ny/", FORM)
    assert response.status_code == 302 and response["Location"] == "/kommune/4601/vedtak/"
    decision = Decision.objects.get(organisation=bergen)
    assert (decision.subject, decision.case_number, decision.decided_on) == ("priorities", "45/24",
                                                                             datetime.date(2024, 6, 20))
    assert AuditEntry.objects.filter(model="decisions.Decision", action="create").count() == 1


def test_the_form_says_why_a_subject_cannot_be_adopted(english, bergen_editor):
    english.force_login(bergen_editor)
    response = english.post("/kommune/4601/vedtak/ny/", {**FORM, "subject": "assessment"})
    assert response.status_code == 200
    assert "The materiality assessment has no published version yet" in response.content.decode()
    response = english.post("/kommune/4601/vedtak/ny/", {**FORM, "body": "fylkestinget"})
    assert "Select a valid choice" in response.content.decode()  # a kommune has no fylkesting
    assert not Decision.objects.exists()


def test_an_editor_corrects_and_deletes_a_decision(client, bergen_editor, decision):
    client.force_login(bergen_editor)
    edit = f"/kommune/4601/vedtak/{decision.pk}/rediger/"
    assert 'value="45/24"' in client.get(edit).content.decode()
    assert client.post(edit, {**FORM, "case_number": "45/2024"}).status_code == 302
    assert Decision.objects.get().case_number == "45/2024"
    assert client.post(f"/kommune/4601/vedtak/{decision.pk}/slett/").status_code == 302
    assert not Decision.objects.exists()


@pytest.mark.parametrize("user", ["oslo_editor", "national_editor"])
def test_other_organisations_are_refused(request, client, decision, user):
    client.force_login(request.getfixturevalue(user))
    assert client.get("/kommune/4601/vedtak/ny/").status_code == 403
    assert client.post("/kommune/4601/vedtak/ny/", FORM).status_code == 403
    assert client.post(f"/kommune/4601/vedtak/{decision.pk}/rediger/", FORM).status_code == 403
    assert client.post(f"/kommune/4601/vedtak/{decision.pk}/slett/").status_code == 403
    assert Decision.objects.get().case_number == "45/24"


def test_a_decision_of_another_kommune_is_not_found_under_this_one(client, oslo_editor, decision):
    client.force_login(oslo_editor)
    assert client.get(f"/kommune/0301/vedtak/{decision.pk}/rediger/").status_code == 404


def test_a_fylkeskommune_records_a_decision_of_fylkestinget(english, vestland, vestland_editor):
    save_priorities(vestland, vestland_editor, statement="Berekraft", goals=[], targets=[], published=True)
    english.force_login(vestland_editor)
    response = english.post("/fylke/46/vedtak/ny/", {**FORM, "body": "fylkestinget", "case_number": "12/24"})
    assert response.status_code == 302 and response["Location"] == "/fylke/46/vedtak/"
    english.logout()
    english.cookies["lokalagenda_language"] = "en"  # logging out empties the cookies
    assert "Adopted by fylkestinget on 20 Jun 2024, case 12/24" in english.get("/fylke/46/vedtak/").content.decode()
    assert "Adopted by fylkestinget" in english.get("/fylke/46/").content.decode()
    assert english.get("/fylke/03/vedtak/").status_code == 404  # Oslo has no fylkeskommune


def test_the_kommune_page_marks_priorities_changed_since_the_decision(english, bergen, bergen_editor, decision):
    page = english.get("/kommune/4601/").content.decode()  # anonymous: the cached page
    assert "Adopted by kommunestyret on 20 Jun 2024, case 45/24" in page
    assert "Changed since the decision" not in page
    assert reverse("decisions:list", args=["4601"]) in page
    save_priorities(bergen, bergen_editor, statement="Klima og natur", goals=[Goal.objects.get(number=13)],
                    targets=[], published=True)
    assert "Changed since the decision" in english.get("/kommune/4601/").content.decode()


def test_a_committee_is_named_in_the_badge(english, bergen, bergen_editor, priorities):
    record_decision(bergen, bergen_editor, subject=Subject.PRIORITIES, body="utvalg",
                    body_name="Utvalg for miljø og byutvikling", decided_on=datetime.date(2024, 5, 2),
                    case_number="30/24", text="Tilrådd.")
    page = english.get("/kommune/4601/").content.decode()
    assert "<span>Adopted by Utvalg for miljø og byutvikling on 2 May 2024, case 30/24</span>" in page


def test_the_plan_page_shows_the_plans_decision(english, bergen, bergen_editor):
    plan = save_plan(bergen, bergen_editor, kind="samfunnsdel", title="Samfunnsdelen 2025–2036", start_year=2025,
                     end_year=2036, status="adopted", url="", published=True)
    other = save_plan(bergen, bergen_editor, kind="samfunnsdel", title="Arealdelen", start_year=2025,
                      end_year=2036, status="adopted", url="", published=True)
    record_decision(bergen, bergen_editor, subject=Subject.PLAN, plan=plan, body="kommunestyret",
                    decided_on=datetime.date(2024, 6, 20), case_number="45/24", text="Planen vedtas.")
    page = english.get(f"/kommune/4601/planer/{plan.pk}/").content.decode()
    assert "Adopted by kommunestyret on 20 Jun 2024, case 45/24" in page
    assert "Adopted by" not in english.get(f"/kommune/4601/planer/{other.pk}/").content.decode()
    save_goal(plan, bergen_editor, title="Grønn mobilitet", description="", order=1)
    assert "Changed since the decision" in english.get(f"/kommune/4601/planer/{plan.pk}/").content.decode()
    listing = english.get("/kommune/4601/vedtak/").content.decode()
    assert "Samfunnsdelen 2025–2036" in listing and "Changed since the decision" in listing


def test_no_badge_without_a_decision(english, priorities):
    assert "Adopted by" not in english.get("/kommune/4601/").content.decode()
    assert Organisation.objects.get(slug="kommune-4601").decisions.count() == 0


def test_a_cached_page_changes_when_a_decision_is_recorded_corrected_or_deleted(english, bergen, bergen_editor,
                                                                                priorities):
    from lokalagenda.decisions.services import change_decision, delete_decision

    assert "45/24" not in english.get("/kommune/4601/vedtak/").content.decode()
    decision = record_decision(bergen, bergen_editor, subject=Subject.PRIORITIES, body="kommunestyret",
                               decided_on=datetime.date(2024, 6, 20), case_number="45/24", text="Vedtatt.")
    assert "45/24" in english.get("/kommune/4601/vedtak/").content.decode()
    change_decision(decision, bergen_editor, subject=Subject.PRIORITIES, body="kommunestyret",
                    decided_on=datetime.date(2024, 6, 20), case_number="46/24", text="Vedtatt.")
    assert "46/24" in english.get("/kommune/4601/").content.decode()
    delete_decision(decision, bergen_editor)
    assert "46/24" not in english.get("/kommune/4601/").content.decode()


def test_a_link_from_the_adopted_subject_fills_in_the_form(client, bergen_editor):
    client.force_login(bergen_editor)
    page = client.get("/kommune/4601/vedtak/ny/?subject=assessment&plan=x").content.decode()
    assert '<option value="assessment" selected>' in page
    plans = page.split('name="plan"')[1].split("</select>")[0]
    assert '<option value="" selected>' in plans  # a plan id must be a number: nothing chosen
    unknown = client.get("/kommune/4601/vedtak/ny/?subject=budget").content.decode()
    subjects = unknown.split('name="subject"')[1].split("</select>")[0]
    assert '<option value="budget"' not in subjects and '<option value="" selected>' in subjects


def _record_link(page: str, subject: str) -> str:
    """The address of the page's link to the decision form for ``subject`` (``places/_record_decision.html``)."""
    start = page.index(f'data-record-decision="{subject}" href="') + len(f'data-record-decision="{subject}" href="')
    return page[start:page.index('"', start)].replace("&amp;", "&")


def test_the_plan_and_priorities_pages_link_their_editors_to_a_form_filled_in_with_what_was_adopted(
        client, bergen, bergen_editor, vestland, vestland_editor, priorities):
    plan = save_plan(bergen, bergen_editor, kind="samfunnsdel", title="Samfunnsdelen 2025–2036", start_year=2025,
                     end_year=2036, status="adopted", url="", published=True)
    assert "data-record-decision" not in client.get(f"/kommune/4601/planer/{plan.pk}/").content.decode()
    assert "data-record-decision" not in client.get("/kommune/4601/").content.decode()
    client.force_login(bergen_editor)
    link = _record_link(client.get(f"/kommune/4601/planer/{plan.pk}/").content.decode(), "plan")
    assert link == f"/kommune/4601/vedtak/ny/?subject=plan&plan={plan.pk}"
    form = client.get(link).content.decode()
    assert '<option value="plan" selected>' in form and f'<option value="{plan.pk}" selected>' in form
    link = _record_link(client.get("/kommune/4601/").content.decode(), "priorities")
    assert '<option value="priorities" selected>' in client.get(link).content.decode()
    save_priorities(vestland, vestland_editor, statement="Berekraft", goals=[], targets=[], published=True)
    client.force_login(vestland_editor)
    assert _record_link(client.get("/fylke/46/").content.decode(), "priorities") == (
        "/fylke/46/vedtak/ny/?subject=priorities")
