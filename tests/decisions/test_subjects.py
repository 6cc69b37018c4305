"""A decision keeps the fingerprint of what it adopted; a later change of the subject shows as changed since the
decision, and an unchanged subject does not."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lokalagenda.decisions.models import Decision, Subject
from lokalagenda.decisions.subjects import changed_since, changes_since, current_fingerprint
from lokalagenda.framework.models import Goal, Target
from lokalagenda.materiality.services import publish, save_entry
from lokalagenda.plans.services import save_goal, save_plan, save_priorities

pytestmark = pytest.mark.django_db


def _decision(organisation, subject, plan=None):
    return Decision.objects.create(organisation=organisation, subject=subject, plan=plan, body="kommunestyret",
                                   decided_on=datetime.date(2024, 6, 20), case_number="45/24", text="Vedtatt.",
                                   fingerprint=current_fingerprint(subject, organisation, plan) or "")


def test_a_new_assessment_version_changes_an_adopted_assessment(bergen, bergen_editor):
    assert current_fingerprint(Subject.ASSESSMENT, bergen) is None
    save_entry(bergen, bergen_editor, Target.objects.get(code="11.6"), situation="challenge", influence="direct")
    publish(bergen, bergen_editor)
    decision = _decision(bergen, Subject.ASSESSMENT)
    assert not changed_since(decision)
    save_entry(bergen, bergen_editor, Target.objects.get(code="11.6"), situation="mixed", influence="direct")
    assert not changed_since(decision)  # a draft is not what was adopted
    publish(bergen, bergen_editor)
    assert changed_since(decision)


def test_priorities_and_plans_are_compared_by_content(bergen, bergen_editor):
    save_priorities(bergen, bergen_editor, statement="Klima", goals=[Goal.objects.get(number=13)], targets=[],
                    published=True)
    adopted = _decision(bergen, Subject.PRIORITIES)
    save_priorities(bergen, bergen_editor, statement="Klima", goals=[Goal.objects.get(number=13)], targets=[],
                    published=True)
    assert not changed_since(adopted)
    save_priorities(bergen, bergen_editor, statement="Klima og natur", goals=[Goal.objects.get(number=13)],
                    targets=[], published=True)
    assert changed_since(adopted)
    plan = save_plan(bergen, bergen_editor, kind="samfunnsdel", title="Samfunnsdelen 2025–2036", start_year=2025,
                     end_year=2036, status="adopted", url="", published=True)
    plan_decision = _decision(bergen, Subject.PLAN, plan)
    assert not changed_since(plan_decision)
    save_goal(plan, bergen_editor, title="Grønn mobilitet", description="", order=1)
    assert changed_since(plan_decision)


def test_a_list_of_decisions_reads_each_adopted_subject_once(bergen, bergen_editor):
    plan = save_plan(bergen, bergen_editor, kind="samfunnsdel", title="Samfunnsdelen 2025–2036", start_year=2025,
                     end_year=2036, status="adopted", url="", published=True)
    save_goal(plan, bergen_editor, title="Grønn mobilitet", description="", order=1)
    first = _decision(bergen, Subject.PLAN, plan)
    save_goal(plan, bergen_editor, title="Trygge byrom", description="", order=2)
    decisions = [first, *(_decision(bergen, Subject.PLAN, plan) for _ in range(4))]
    with CaptureQueriesContext(connection) as one:
        assert changes_since(decisions[-1:]) == [False]
    with CaptureQueriesContext(connection) as five:
        assert changes_since(decisions) == [True, False, False, False, False]
    assert len(five) == len(one) > 0
