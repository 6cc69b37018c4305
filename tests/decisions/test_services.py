"""Recording a political decision: editors of the organisation only, a subject with content to adopt, a body the
organisation has, audited; the fingerprint of what was adopted is kept when the record is corrected."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from lokalagenda.accounts.models import AuditEntry
from lokalagenda.decisions.models import Decision, Subject
from lokalagenda.decisions.services import change_decision, delete_decision, record_decision
from lokalagenda.decisions.subjects import changed_since, current_fingerprint
from lokalagenda.framework.models import Goal, Target
from lokalagenda.materiality.services import publish, save_entry
from lokalagenda.plans.services import save_plan, save_priorities

pytestmark = pytest.mark.django_db

JUNE_20 = datetime.date(2024, 6, 20)


def _fields(**changes):
    return {"subject": Subject.PRIORITIES, "body": "kommunestyret", "decided_on": JUNE_20, "case_number": "45/24",
            "text": "Kommunestyret vedtar prioriteringene.", "record_url": "https://www.bergen.kommune.no/sak/45-24",
            **changes}


@pytest.fixture
def priorities(bergen, bergen_editor):
    return save_priorities(bergen, bergen_editor, statement="Klima", goals=[Goal.objects.get(number=13)],
                           targets=[], published=True)


def test_an_editor_records_the_adoption_of_the_priorities_with_its_fingerprint_and_an_audit(
        bergen, bergen_editor, priorities):
    decision = record_decision(bergen, bergen_editor, **_fields())
    assert decision.fingerprint == current_fingerprint(Subject.PRIORITIES, bergen)
    assert (decision.created_by, decision.plan, decision.assessment_version) == (bergen_editor, None, None)
    entry = AuditEntry.objects.get(model="decisions.Decision", object_pk=str(decision.pk))
    assert (entry.action, entry.user, entry.organisation) == ("create", bergen_editor, bergen)
    assert entry.after["case_number"] == "45/24" and entry.after["fingerprint"] == decision.fingerprint


@pytest.mark.parametrize("user", ["oslo_editor", "oslo_viewer", "national_editor"])
def test_only_the_organisations_editors_record_change_and_delete(request, bergen, bergen_editor, priorities, user):
    other = request.getfixturevalue(user)
    with pytest.raises(PermissionDenied):
        record_decision(bergen, other, **_fields())
    decision = record_decision(bergen, bergen_editor, **_fields())
    audits = AuditEntry.objects.count()
    with pytest.raises(PermissionDenied):
        change_decision(decision, other, **_fields(case_number="46/24"))
    with pytest.raises(PermissionDenied):
        delete_decision(decision, other)
    assert Decision.objects.get().case_number == "45/24" and AuditEntry.objects.count() == audits


def test_a_subject_without_content_cannot_be_adopted(bergen, bergen_editor):
    with translation.override("en"), pytest.raises(ValidationError) as error:
        record_decision(bergen, bergen_editor, **_fields(subject=Subject.ASSESSMENT))
    assert "no published version yet" in str(error.value.message_dict["subject"])
    save_priorities(bergen, bergen_editor, statement="Klima", goals=[], targets=[], published=False)
    with translation.override("en"), pytest.raises(ValidationError) as error:
        record_decision(bergen, bergen_editor, **_fields())
    assert "no published priorities" in str(error.value.message_dict["subject"])
    with translation.override("en"), pytest.raises(ValidationError) as error:
        record_decision(bergen, bergen_editor, **_fields(subject=Subject.PLAN))
    assert error.value.message_dict["plan"] == ["Choose the plan that was adopted."]
    assert not Decision.objects.exists()


def test_an_assessment_decision_points_to_the_version_it_adopted(bergen, bergen_editor):
    save_entry(bergen, bergen_editor, Target.objects.get(code="11.6"), situation="challenge", influence="direct")
    version = publish(bergen, bergen_editor)
    decision = record_decision(bergen, bergen_editor, **_fields(subject=Subject.ASSESSMENT))
    assert decision.assessment_version == version
    assert decision.fingerprint == current_fingerprint(Subject.ASSESSMENT, bergen) != ""


def test_a_plan_decision_needs_a_published_plan_of_the_organisation(bergen, bergen_editor, oslo_editor):
    draft = save_plan(bergen, bergen_editor, kind="samfunnsdel", title="Samfunnsdelen", start_year=2025,
                      end_year=2036, status="adopted", url="", published=False)
    with translation.override("en"), pytest.raises(ValidationError) as error:
        record_decision(bergen, bergen_editor, **_fields(subject=Subject.PLAN, plan=draft))
    assert "Publish the plan" in error.value.message_dict["plan"][0]
    from lokalagenda.accounts.models import Organisation

    oslo_plan = save_plan(Organisation.objects.get(slug="kommune-0301"), oslo_editor, kind="samfunnsdel",
                          title="Oslo", start_year=2025, end_year=2036, status="adopted", url="", published=True)
    with pytest.raises(PermissionDenied):
        record_decision(bergen, bergen_editor, **_fields(subject=Subject.PLAN, plan=oslo_plan))
    plan = save_plan(bergen, bergen_editor, draft, kind="samfunnsdel", title="Samfunnsdelen", start_year=2025,
                     end_year=2036, status="adopted", url="", published=True)
    decision = record_decision(bergen, bergen_editor, **_fields(subject=Subject.PLAN, plan=plan))
    assert decision.plan == plan and not changed_since(decision)


@pytest.mark.parametrize(("body", "body_name", "error_field"), [
    ("fylkestinget", "", "body"), ("fylkesutvalget", "", "body"), ("utvalg", "  ", "body_name")])
def test_the_body_must_be_one_the_kommune_has(bergen, bergen_editor, priorities, body, body_name, error_field):
    with pytest.raises(ValidationError) as error:
        record_decision(bergen, bergen_editor, **_fields(body=body, body_name=body_name))
    assert list(error.value.message_dict) == [error_field]


def test_a_fylkeskommune_decides_in_fylkestinget_and_a_committee_by_its_name(vestland, vestland_editor):
    save_priorities(vestland, vestland_editor, statement="Berekraft", goals=[], targets=[], published=True)
    with pytest.raises(ValidationError):
        record_decision(vestland, vestland_editor, **_fields(body="kommunestyret"))
    decision = record_decision(vestland, vestland_editor, **_fields(body="fylkestinget", body_name="ignored"))
    assert decision.body_name == ""
    committee = record_decision(vestland, vestland_editor, **_fields(body="utvalg", body_name="Utval for klima"))
    assert committee.body_name == "Utval for klima"


def test_the_date_cannot_be_in_the_future_and_the_link_must_be_a_url(bergen, bergen_editor, priorities):
    with pytest.raises(ValidationError) as error:
        record_decision(bergen, bergen_editor,
                        **_fields(decided_on=timezone.localdate() + datetime.timedelta(days=1)))
    assert list(error.value.message_dict) == ["decided_on"]
    with pytest.raises(ValidationError) as error:
        record_decision(bergen, bergen_editor, **_fields(record_url="not a link"))
    assert list(error.value.message_dict) == ["record_url"]


def test_a_correction_keeps_what_was_adopted_unless_the_subject_changes(bergen, bergen_editor, priorities):
    decision = record_decision(bergen, bergen_editor, **_fields())
    adopted = decision.fingerprint
    save_priorities(bergen, bergen_editor, statement="Klima og natur", goals=[], targets=[], published=True)
    decision = change_decision(decision, bergen_editor, **_fields(case_number="45/2024"))
    assert decision.fingerprint == adopted and changed_since(decision)
    entry = AuditEntry.objects.filter(model="decisions.Decision", action="update").get()
    assert (entry.before["case_number"], entry.after["case_number"]) == ("45/24", "45/2024")
    save_entry(bergen, bergen_editor, Target.objects.get(code="11.6"), situation="challenge", influence="direct")
    version = publish(bergen, bergen_editor)
    decision = change_decision(decision, bergen_editor, **_fields(subject=Subject.ASSESSMENT))
    assert decision.assessment_version == version
    assert decision.fingerprint == current_fingerprint(Subject.ASSESSMENT, bergen) != adopted


def test_deleting_a_decision_is_audited(bergen, bergen_editor, priorities):
    decision = record_decision(bergen, bergen_editor, **_fields())
    pk = decision.pk
    delete_decision(decision, bergen_editor)
    assert not Decision.objects.exists()
    entry = AuditEntry.objects.get(model="decisions.Decision", action="delete")
    assert entry.object_pk == str(pk) and entry.before["case_number"] == "45/24" and entry.after is None
