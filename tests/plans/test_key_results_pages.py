"""Key results beyond the plan page: gathered once (``plans.keyresults.key_results_of``) and shown on the goal page,
the kommune page and the residents' page, each with its progress bar; the residents see published plans only."""

import datetime

import pytest
from django.urls import reverse

from lokalagenda.accounts.models import Organisation
from lokalagenda.framework.models import Target
from lokalagenda.plans.keyresults import key_results_of
from lokalagenda.plans.models import Action, LocalGoal, Plan
from lokalagenda.plans.services import link_target, save_indicator_link
from tests.plans.test_key_results import emissions_indicator

pytestmark = pytest.mark.django_db
VAX = "VAX_DIPHTHERIA_AGE2"  # measures target 3.b


@pytest.fixture
def measured_plan(oslo_plan, oslo_editor):
    """Oslo's plan: the local goal is linked to target 3.b and measured by vaccination coverage; its action is
    measured by greenhouse-gas emissions (target 13.2)."""
    goal = LocalGoal.objects.get(plan=oslo_plan)
    link_target(goal, oslo_editor, Target.objects.get(code="3.b"))
    save_indicator_link(goal, oslo_editor, indicator_id=VAX, start_value=60.0, start_year=2020, target_value=80.0,
                        target_year=2030, current_value=69.0, current_date=datetime.date(2024, 6, 1),
                        current_source="Helsestasjonen")
    save_indicator_link(Action.objects.get(goal=goal), oslo_editor, indicator=emissions_indicator(),
                        start_value=250000.0, start_year=2009, target_value=37500.0, target_year=2030,
                        current_value=191500.0, current_date=datetime.date(2024, 1, 1),
                        current_source="Miljødirektoratet")
    return oslo_plan


def publish(plan):
    Plan.objects.filter(pk=plan.pk).update(published=True)


def test_key_results_of_a_goal_are_those_linked_to_its_targets_or_measuring_them(measured_plan):
    oslo = Organisation.objects.get(slug="kommune-0301")
    every = key_results_of(oslo, Plan.objects.all())
    assert [result.link.indicator_id for result in every] == ["VAX_DIPHTHERIA_AGE2", "GHG_EMISSIONS_TOTAL_TONNES"]
    assert [r.link.indicator_id for r in key_results_of(oslo, Plan.objects.all(), goal=3)] == [VAX]
    assert [r.link.indicator_id for r in key_results_of(oslo, Plan.objects.all(), goal=13)] == [
        "GHG_EMISSIONS_TOTAL_TONNES"]
    assert key_results_of(oslo, Plan.objects.all(), goal=4) == []
    assert key_results_of(oslo, Plan.objects.published()) == []


def test_goal_page_shows_the_key_results_of_its_goal_with_a_progress_bar(client, measured_plan):
    publish(measured_plan)
    page = client.get(reverse("measurement:kommune-goal", args=["0301", 3])).content.decode()
    assert 'id="key-results-heading"' in page
    assert '<progress class="key-result__bar" max="100" value="45"' in page
    assert "45\u00a0% of the way from 60\u00a0% in 2020 to 80\u00a0% in 2030." in page
    assert "Gratis skolemat" not in page  # the action measures goal 13, not goal 3
    other = client.get(reverse("measurement:kommune-goal", args=["0301", 4])).content.decode()
    assert "No local goal or action linked to this goal is measured by an indicator yet." in other


def test_kommune_page_lists_every_key_result_and_hides_drafts_from_the_public(client, measured_plan, oslo_viewer):
    url = reverse("web:kommune", args=["0301"])
    assert "key-result__bar" not in client.get(url).content.decode()
    client.force_login(oslo_viewer)  # a member sees the draft's key results
    page = client.get(url).content.decode()
    assert page.count('class="key-result__bar"') == 2
    assert "28\u00a0% of the way from 250,000\u00a0tonnes CO₂ equivalents in 2009" in page
    assert reverse("plans:plan", args=["0301", measured_plan.pk]) in page


def test_residents_page_shows_published_key_results_only(client, measured_plan, oslo_viewer):
    url = reverse("public:kommune", args=["0301"])
    client.force_login(oslo_viewer)
    assert 'id="key-results-heading"' not in client.get(url).content.decode()  # a draft, even for members
    publish(measured_plan)
    client.logout()
    page = client.get(url).content.decode()
    section = page.split('id="key-results-heading"')[1].split("</section>")[0]
    assert section.count('class="key-result__bar"') == 2 and "<script" not in section
