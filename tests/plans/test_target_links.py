"""Target links: one subject each, one link per subject and target, drafts kept out of public coverage."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from lokalagenda.framework.models import Target
from lokalagenda.plans.models import Action, LocalGoal, TargetLink
from lokalagenda.plans.services import link_target, remove_target_link

pytestmark = pytest.mark.django_db


def test_a_link_needs_exactly_one_subject(oslo_plan):
    goal = LocalGoal.objects.get(plan=oslo_plan)
    target = Target.objects.get(code="4.1")
    for subjects in ({}, {"goal": goal, "action": Action.objects.get(goal=goal)}):
        with pytest.raises(IntegrityError), transaction.atomic():
            TargetLink.objects.create(plan=oslo_plan, target=target, origin="manual", **subjects)


def test_a_manual_link_has_no_score_and_is_accepted(oslo_plan):
    goal = LocalGoal.objects.get(plan=oslo_plan)
    with pytest.raises(IntegrityError), transaction.atomic():
        TargetLink.objects.create(plan=oslo_plan, goal=goal, target_id="4.1", origin="manual", state="rejected")


def test_removing_a_link_is_audited_and_frees_the_target(oslo_plan, oslo_editor):
    goal = LocalGoal.objects.get(plan=oslo_plan)
    link = link_target(goal, oslo_editor, Target.objects.get(code="1.3"))
    remove_target_link(link, oslo_editor)
    assert not TargetLink.objects.exists()
    assert link_target(goal, oslo_editor, Target.objects.get(code="1.3")).origin == "manual"


def test_coverage_counts_drafts_for_members_only(client, oslo_plan, oslo_editor, oslo_viewer):
    link_target(LocalGoal.objects.get(plan=oslo_plan), oslo_editor, Target.objects.get(code="1.3"))

    def row(code):
        coverage = client.get(reverse("plans:coverage", args=["0301"])).context["coverage"]
        return next(r for goal in coverage.goals for r in goal.rows if r.target.code == code)

    assert row("1.3").goals == 0 and row("1.3").national == 0
    client.force_login(oslo_viewer)
    assert row("1.3").goals == 1 and row("1.3").national == 0


def test_kommune_page_links_to_plans_and_coverage(client):
    page = client.get("/kommune/0301/").content.decode()
    assert reverse("plans:plans", args=["0301"]) in page and reverse("plans:coverage", args=["0301"]) in page


def test_an_indicator_link_covers_the_targets_its_indicator_measures(client, oslo_plan, oslo_editor):
    from lokalagenda.indicators.models import Indicator
    from lokalagenda.plans.services import save_indicator_link

    indicator = Indicator.objects.filter(targets__isnull=False).order_by("id").first()
    save_indicator_link(LocalGoal.objects.get(plan=oslo_plan), oslo_editor, indicator=indicator, start_value=1.0,
                        start_year=2020, target_value=2.0, target_year=2030)
    client.force_login(oslo_editor)
    coverage = client.get(reverse("plans:coverage", args=["0301"])).context["coverage"]
    measured = {row.target.code for goal in coverage.goals for row in goal.rows if row.indicators == 1}
    assert measured == set(indicator.targets.values_list("code", flat=True))


def test_suggestions_without_the_data_bundle_say_so(client, oslo_plan, oslo_editor, settings, tmp_path):
    from lokalagenda.plans.suggestions import suggester

    settings.LOKALAGENDA_DATA_DIR = str(tmp_path / "missing")
    suggester.cache_clear()
    client.force_login(oslo_editor)
    goal = LocalGoal.objects.get(plan=oslo_plan)
    try:
        response = client.get(reverse("plans:suggestions", args=["0301", oslo_plan.id, "mal", goal.id]))
    finally:
        suggester.cache_clear()
    assert response.status_code == 200 and "LOKALAGENDA_DATA_DIR" in response.content.decode()
    assert response.context["suggestions"] == []
