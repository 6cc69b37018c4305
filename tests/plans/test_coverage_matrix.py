"""The coverage page as a matrix: the 17 goals (opening to their targets) against the plans, cells heated by the
number of linked things, a summary chart, and "planned" kept apart from "measured" (an indicator with data)."""

import csv
import datetime
import io

import pytest
from django.urls import reverse

from lokalagenda.framework.models import Target
from lokalagenda.plans.coverage import HEAT_LEVELS, heat_level
from lokalagenda.plans.models import Action, LocalGoal
from lokalagenda.plans.services import link_target, save_indicator_link
from tests.plans.test_key_results import emissions_indicator

pytestmark = pytest.mark.django_db


@pytest.fixture
def coverage_page(client, oslo_plan, oslo_editor):
    """Oslo's draft plan: the local goal links 3.b and is measured by vaccination coverage (an entered value); the
    action is measured by emissions (13.2) with a value, and by measles coverage (3.b) without one."""
    goal = LocalGoal.objects.get(plan=oslo_plan)
    action = Action.objects.get(goal=goal)
    link_target(goal, oslo_editor, Target.objects.get(code="3.b"))
    entered = {"current_date": datetime.date(2024, 1, 1), "current_source": "Egen telling"}
    save_indicator_link(goal, oslo_editor, indicator_id="VAX_DIPHTHERIA_AGE2", start_value=60.0, start_year=2020,
                        target_value=80.0, target_year=2030, current_value=70.0, **entered)
    save_indicator_link(action, oslo_editor, indicator=emissions_indicator(), start_value=250000.0,
                        start_year=2009, target_value=37500.0, target_year=2030, current_value=191500.0, **entered)
    client.force_login(oslo_editor)
    return client.get(reverse("plans:coverage", args=["0301"]))


def rows(response):
    return {row.target.code: row for goal in response.context["coverage"].goals for row in goal.rows}


def test_a_target_only_an_indicator_measures_is_measured_not_planned(coverage_page):
    by_code = rows(coverage_page)
    assert (by_code["3.b"].status, by_code["13.2"].status) == ("planned_and_measured", "measured")
    assert by_code["1.1"].status in ("gap", "none")
    assert by_code["13.2"].covered and not by_code["13.2"].planned and by_code["13.2"].measured
    html = coverage_page.content.decode()
    row = html.split('id="target-13.2"')[1].split("</tr>")[0]
    assert "measured, not planned" in row and "covered" not in row


def test_an_indicator_without_data_is_linked_but_not_measured(client, oslo_plan, oslo_editor):
    save_indicator_link(LocalGoal.objects.get(plan=oslo_plan), oslo_editor, indicator=emissions_indicator(),
                        start_value=250000.0, start_year=2009, target_value=37500.0, target_year=2030)
    client.force_login(oslo_editor)
    row = rows(client.get(reverse("plans:coverage", args=["0301"])))["13.2"]
    assert (row.indicators, row.measured_indicators, row.status) == (1, 0, "indicator_without_data")


def test_matrix_counts_the_things_of_each_plan_linked_to_each_goal(coverage_page):
    coverage = coverage_page.context["coverage"]
    assert [plan.title for plan in coverage.plans] == ["Kommuneplanens samfunnsdel 2025–2040"]
    cells = {goal.goal.number: [cell.count for cell in goal.cells] for goal in coverage.goals}
    assert (cells[3], cells[13], cells[1]) == ([2], [1], [0])  # the goal and its key result; one key result
    assert (coverage.planned, coverage.measured) == (1, 2)
    html = coverage_page.content.decode()
    goal_row = html.split('<tr data-goal="3">')[1].split("</tr>")[0]
    assert '<td class="numeric heat" data-heat="2">2</td>' in goal_row
    assert html.count('<details class="ds-details coverage-goal"') == 17
    assert all(str(words) in html for _least, words in HEAT_LEVELS)


def test_summary_chart_counts_each_goals_targets_by_how_the_plans_hold_them(coverage_page):
    chart = coverage_page.context["chart"]
    values = {(row["order"], row["part"]): row["targets"] for row in chart["data"]["values"]}
    assert values[(13, "measured, not planned")] == 1 and values[(3, "planned and measured")] == 1
    assert sum(count for (goal, _part), count in values.items()) == 169
    assert 'data-vega-spec="coverage-chart-spec"' in coverage_page.content.decode()


def test_heat_levels_follow_the_counts():
    assert [heat_level(count) for count in (0, 1, 2, 3, 4, 12)] == [0, 1, 2, 2, 3, 3]


def _coverage_csv(response) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_summary_charts_data_downloads_what_the_members_chart_draws_with_source_and_licence(coverage_page,
                                                                                                 client):
    html = coverage_page.content.decode()
    assert 'href="/diagramdata/plan-coverage.csv?kommune=0301" download' in html
    assert 'data-chart-file="oslo-0301-planer-dekning"' in html
    client.cookies["lokalagenda_language"] = "en"
    response = client.get("/diagramdata/plan-coverage.csv?kommune=0301")  # the editor, a member: the draft counts
    assert response.status_code == 200
    assert 'filename="oslo-0301-planer-dekning.csv"' in response["Content-Disposition"]
    rows = {int(row["goal"]): row for row in _coverage_csv(response)}
    assert len(rows) == 17 and sum(int(row["targets"]) for row in rows.values()) == 169
    assert (rows[3]["planned_and_measured"], rows[13]["measured"]) == ("1", "1")
    assert {row["licence"] for row in rows.values()} == {"CC BY 4.0"}
    assert "Oslo registered in Lokalagenda (1 plan)" in rows[3]["source"]


def test_the_coverage_download_shows_an_anonymous_visitor_only_published_plans(coverage_page, client):
    client.logout()
    client.cookies["lokalagenda_language"] = "en"
    rows = {int(row["goal"]): row for row in _coverage_csv(client.get("/diagramdata/plan-coverage.csv?kommune=0301"))}
    assert (rows[3]["planned_and_measured"], rows[13]["measured"]) == ("0", "0")  # the plan is a draft
    assert "(0 plans)" in rows[3]["source"]


@pytest.mark.parametrize("query, status, message", [
    ("kommune=9999", 404, "No kommune or fylkeskommune with a plan register has the number 9999."),
    ("fylke=03", 404, "No kommune or fylkeskommune with a plan register has the number 03."),
    ("", 400, "Choose the kommune (kommune=…) or the fylke (fylke=…) whose plans to count."),
])
def test_a_coverage_download_for_no_plan_register_says_what_is_wrong(client, db, query, status, message):
    client.cookies["lokalagenda_language"] = "en"
    response = client.get(f"/diagramdata/plan-coverage.csv?{query}")
    assert response.status_code == status and message in response.content.decode()
