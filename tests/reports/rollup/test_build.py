"""The national roll-up: its goal counts are the sums over the kommune dashboards, its breakdowns partition the
kommuner, its target coverage counts kommuner with published plans, and it names the least addressed targets."""

from collections import Counter
from typing import Any

import pytest
from django.utils import timezone

from lokalagenda.framework.models import Target
from lokalagenda.indicators.models import Indicator
from lokalagenda.measurement.labels import COLOURS
from lokalagenda.measurement.models import GoalResult, MeasurementRun, PlaceResult
from lokalagenda.measurement.querysets import Dashboard, dashboard_for
from lokalagenda.places.models import Kommune, Network, NetworkMembership
from lokalagenda.plans.coverage import national_counts, relevance_levels
from lokalagenda.reports.rollup.build import STATUSES, NoCompleteRun, build_rollup

pytestmark = pytest.mark.django_db

#: A stored run: (kommune, goal) → (colour, score); colour "" is a result without a colour.
STORED = {("0301", 1): ("green", 80.0), ("4601", 1): ("red", 20.0), ("0301", 3): ("", None),
          ("4601", 3): ("yellow", 55.0), ("5501", 3): ("orange", 40.0)}


def store_run(results: dict[tuple[str, int], tuple[str, float | None]], *, kommuner: str = "") -> MeasurementRun:
    """A finished run holding ``results`` (complete unless narrowed to ``kommuner``), with size classes."""
    run = MeasurementRun.objects.create(
        status=MeasurementRun.Status.DONE, finished_at=timezone.now(), fingerprint="f" * 64, complete=not kommuner,
        kommuner=kommuner, methods={"sdsn_goal_dashboard": {"version": "sdsn-sdg-index/1", "parameters": {}}},
        revisions={"VAX_MEASLES_AGE2": 1})
    for (place, goal), (colour, score) in results.items():
        GoalResult.objects.create(run=run, goal_id=goal, place=place, colour=colour, score=score)
    for place in {place for place, _goal in results}:
        PlaceResult.objects.create(run=run, place=place, size_class="50 000+")
    return run


@pytest.fixture(name="stored_run")
def stored_run_fixture(db: Any) -> MeasurementRun:
    """A complete run with a few kommuner's goal results (the other roll-up test modules import it)."""
    return store_run(STORED)


def status_on(dashboard: Dashboard | None, goal: int) -> str:
    """The status a kommune's dashboard shows for a goal, as ``web/kommune_detail.html`` renders it: the colour's
    words, "–" for a result without a colour (no status), "no data" without a result."""
    stored = dashboard.goals.get(goal) if dashboard else None
    result = stored.result if stored else None
    if result is None:
        return "no_data"
    return result.colour if result.colour in COLOURS else "no_status"


def dashboard_status(place: str, goal: int) -> str:
    return status_on(dashboard_for(place), goal)


def dashboard_sums() -> Counter[tuple[int, str]]:
    """(goal, status) → how many kommune dashboards show that status for that goal."""
    sums: Counter[tuple[int, str]] = Counter()
    for number in Kommune.objects.values_list("number", flat=True):
        dashboard = dashboard_for(number)
        for goal in range(1, 18):
            sums[(goal, status_on(dashboard, goal))] += 1
    return sums


def test_goal_counts_equal_the_sums_over_the_kommune_dashboards(measured):
    rollup = build_rollup(language="en")
    numbers = list(Kommune.objects.values_list("number", flat=True))
    sums = dashboard_sums()
    assert len(rollup.goals) == 17
    for row in rollup.goals:
        for status in STATUSES:
            assert row.counts[status] == sums[(row.goal, status)], (row.goal, status)
        assert row.kommuner == len(numbers) == 357
    assert sum(row.counts["green"] + row.counts["red"] for row in rollup.goals) > 0
    assert rollup.metadata.run_id == measured.pk and rollup.metadata.methods
    assert "FHI" in rollup.metadata.publishers


def test_status_counts_and_mean_score_per_goal(stored_run):
    goals = {row.goal: row for row in build_rollup(language="en").goals}
    assert goals[1].counts == {"green": 1, "yellow": 0, "orange": 0, "red": 1, "no_status": 0, "no_data": 355}
    assert goals[1].mean_score == pytest.approx(50.0)
    assert goals[3].counts["no_status"] == 1 and goals[3].counts["yellow"] == 1 and goals[3].counts["orange"] == 1
    assert goals[3].mean_score == pytest.approx(47.5)
    assert goals[2].counts["no_data"] == 357 and goals[2].mean_score is None
    assert [row.goal_name for row in build_rollup(language="en").goals][0] == "No poverty"


def test_size_class_and_fylke_breakdowns_partition_the_kommuner(stored_run):
    rollup = build_rollup(language="en")
    country = {row.goal: row for row in rollup.goals}
    for name in ("size", "fylke"):
        for goal, total in country.items():
            rows = [row for row in rollup.breakdowns[name] if row.goal == goal]
            assert sum(row.kommuner for row in rows) == 357
            for status in STATUSES:
                assert sum(row.counts[status] for row in rows) == total.counts[status], (name, goal, status)
    oslo_fylke = next(row for row in rollup.breakdowns["fylke"] if row.group == "03" and row.goal == 1)
    assert oslo_fylke.counts["green"] == 1 and oslo_fylke.kommuner == 1 and oslo_fylke.group_name == "Oslo"
    largest = next(row for row in rollup.breakdowns["size"] if row.group == "50 000+" and row.goal == 1)
    assert largest.counts["green"] == 1 and largest.counts["red"] == 1


def test_network_breakdown_counts_the_current_kommune_members(stored_run):
    network = Network.objects.create(slug="test-nettverk", name="Testnettverket", kind="thematic")
    NetworkMembership.objects.create(network=network, kommune_id="0301", joined_year=2020)
    NetworkMembership.objects.create(network=network, kommune_id="4601", joined_year=2020)
    NetworkMembership.objects.create(network=network, kommune_id="5501", joined_year=2019, left_year=2022)
    rows = [row for row in build_rollup(language="en").breakdowns["network"] if row.group == "test-nettverk"]
    goal_1 = next(row for row in rows if row.goal == 1)
    assert goal_1.kommuner == 2 and goal_1.counts["green"] == 1 and goal_1.counts["red"] == 1
    assert next(row for row in rows if row.goal == 3).counts["orange"] == 0


def test_a_later_run_narrowed_to_a_kommune_is_what_its_dashboard_and_the_rollup_show(stored_run):
    narrowed = store_run({("0301", 1): ("orange", 35.0)}, kommuner=" 0301 ")
    rollup = build_rollup(language="en")
    goal_1 = next(row for row in rollup.goals if row.goal == 1)
    assert goal_1.counts["green"] == 0 and goal_1.counts["orange"] == 1 and goal_1.counts["red"] == 1
    assert dashboard_status("0301", 1) == "orange" and dashboard_status("0301", 3) == "no_data"
    assert next(row for row in rollup.goals if row.goal == 3).counts["no_status"] == 0
    assert rollup.metadata.run_id == stored_run.pk and rollup.metadata.narrowed_runs == [narrowed.pk]


def _plans_with_links(oslo_editor: Any, bergen_editor: Any) -> Indicator:
    """Oslo: a published plan whose goal links 4.1 and measures an indicator; Bergen: a published plan whose
    action links 4.1, and a draft linking 11.1 (not counted)."""
    from lokalagenda.accounts.models import Organisation
    from lokalagenda.plans.services import link_target, save_action, save_goal, save_indicator_link, save_plan

    def plan(org: str, user: Any, published: bool) -> Any:
        made = save_plan(Organisation.objects.get(slug=org), user, kind="samfunnsdel", title="Samfunnsdelen",
                         start_year=2025, end_year=2036, status="adopted", url="", published=published)
        return save_goal(made, user, title="Gode oppvekstvilkår", description="", order=1)

    indicator = Indicator.objects.filter(targets__isnull=False).order_by("id").first()
    oslo_goal = plan("kommune-0301", oslo_editor, True)
    link_target(oslo_goal, oslo_editor, Target.objects.get(code="4.1"))
    save_indicator_link(oslo_goal, oslo_editor, indicator=indicator, start_value=1.0, start_year=2020,
                        target_value=2.0, target_year=2030)
    bergen_goal = plan("kommune-4601", bergen_editor, True)
    action = save_action(bergen_goal, bergen_editor, title="Leksehjelp", description="", responsible_unit="",
                         budget_nok=None, start_date=None, end_date=None, status="planned")
    link_target(action, bergen_editor, Target.objects.get(code="4.1"))
    link_target(plan("kommune-4601", bergen_editor, False), bergen_editor, Target.objects.get(code="11.1"))
    return indicator


def test_target_coverage_counts_kommuner_with_published_plans_linking_or_measuring(stored_run, oslo_editor,
                                                                                    bergen_editor):
    indicator = _plans_with_links(oslo_editor, bergen_editor)
    measured = set(indicator.targets.values_list("code", flat=True))
    rollup = build_rollup(language="en")
    rows = {row.code: row for row in rollup.targets}
    assert len(rows) == 169 and list(rows)[:2] == ["1.1", "1.2"]
    assert rows["4.1"].linked == 2 and rows["4.1"].covering == 2
    assert rows["4.1"].share == pytest.approx(2 / 357)
    assert rows["11.1"].linked == 0 and rows["11.1"].covering == (1 if "11.1" in measured else 0)
    for code in measured - {"4.1"}:
        assert rows[code].indicators == 1 and rows[code].covering == 1
    assert {code: row.linked for code, row in rows.items() if row.linked} == national_counts()
    assert rollup.metadata.published_plans == 2
    assert rows["4.1"].relevance == relevance_levels("kommune").get("4.1", "")


def test_least_addressed_lists_the_relevant_targets_least_covered_first(stored_run, oslo_editor, bergen_editor):
    _plans_with_links(oslo_editor, bergen_editor)
    rollup = build_rollup(language="en")
    relevant = relevance_levels("kommune")
    least = rollup.least_addressed
    assert {row.code for row in least} == set(relevant)
    assert [row.covering for row in least] == sorted(row.covering for row in least)
    uncovered = [row for row in least if row.covering == 0]
    ranks = [("high", "medium", "low").index(row.relevance) for row in uncovered]
    assert ranks == sorted(ranks) and ranks[0] == 0
    if "4.1" in relevant:
        assert least[-1].code == "4.1" and least[-1].covering == 2


def test_without_a_complete_run_the_rollup_says_to_measure_first(unmeasured):
    store_run({("0301", 1): ("green", 80.0)}, kommuner=" 0301 ")
    with pytest.raises(NoCompleteRun, match="run `lokalagenda measure` first"):
        build_rollup()


def test_kostra_breakdown_when_places_has_kostra_groups(stored_run):
    from lokalagenda.reports.rollup.groups import kostra_available

    if not kostra_available():
        pytest.skip("places has no KOSTRA groups in this tree")
    from datetime import date

    from lokalagenda.places.models import KostraGroup, KostraGroupMembership

    group = KostraGroup.objects.create(code="EKG13", name="De største kommunene")
    for number in ("0301", "4601"):
        KostraGroupMembership.objects.create(kommune_id=number, group=group, valid_from=date(2024, 1, 1),
                                             source="test")
    rows = [row for row in build_rollup(language="en").breakdowns["kostra"] if row.goal == 1]
    assert [(row.group, row.kommuner, row.counts["green"], row.counts["red"]) for row in rows] == [
        ("EKG13", 2, 1, 1)]
