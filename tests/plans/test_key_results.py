"""Key-result progress of indicator links (methods file §4): from the stored observation or an entered value."""

import csv
import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from lokalagenda.indicators.services import import_file
from lokalagenda.plans.keyresults import key_results
from lokalagenda.plans.models import IndicatorLink, LocalGoal
from lokalagenda.plans.services import save_indicator_link

pytestmark = pytest.mark.django_db
VAX = "VAX_DIPHTHERIA_AGE2"
MEASLES = "VAX_MEASLES_AGE2"  # a second indicator: a goal has one key result per indicator


@pytest.fixture
def oslo_vaccination(data_dir, tmp_path):
    """Oslo's real vaccination coverage series from the bundle, imported; returns its latest (year, value)."""
    path = tmp_path / "oslo_vax.csv"
    with (data_dir / "indicators" / "values.csv").open(encoding="utf-8") as source, path.open("w") as target:
        rows = [row for row in csv.reader(source)]
        kept = [rows[0]] + [row for row in rows[1:] if row[0] == VAX and row[1] == "0301"]
        csv.writer(target).writerows(kept)
    import_file(path)
    year, value = max((int(row[2]), float(row[3])) for row in kept[1:] if row[3])
    return year, value


def link(goal, user, **values):
    defaults = {"indicator_id": VAX, "start_value": 60.0, "start_year": 2020, "target_value": 80.0,
                "target_year": 2030, "current_value": None, "current_date": None, "current_source": ""}
    return save_indicator_link(goal, user, **{**defaults, **values})


def test_entered_value_gives_the_share_of_the_way(oslo_plan, oslo_editor):
    goal = LocalGoal.objects.get(plan=oslo_plan)
    result, = key_results([link(goal, oslo_editor, current_value=69.0, current_date=datetime.date(2024, 6, 1),
                                current_source="Helsestasjonen")], "0301")
    assert result.percent == pytest.approx(45.0) and not result.complete
    with translation.override("en"):
        assert result.text == "45\u00a0% of the way from 60\u00a0% in 2020 to 80\u00a0% in 2030."


def test_falling_target_and_completion(oslo_plan, oslo_editor):
    goal = LocalGoal.objects.get(plan=oslo_plan)
    falling, reached = key_results([
        link(goal, oslo_editor, start_value=20.0, target_value=10.0, current_value=15.0,
             current_date=datetime.date(2025, 1, 1), current_source="Egen telling"),
        link(goal, oslo_editor, indicator_id=MEASLES, start_value=20.0, target_value=10.0, current_value=9.0,
             current_date=datetime.date(2025, 1, 1), current_source="Egen telling"),
    ], "0301")
    assert falling.percent == pytest.approx(50.0) and not falling.complete
    assert reached.percent == pytest.approx(110.0) and reached.complete


def test_target_equal_to_start_and_missing_current_have_no_progress(oslo_plan, oslo_editor):
    goal = LocalGoal.objects.get(plan=oslo_plan)
    flat, missing = key_results([
        link(goal, oslo_editor, target_value=60.0, current_value=70.0, current_date=datetime.date(2024, 1, 1),
             current_source="Egen telling"),
        link(goal, oslo_editor, indicator_id=MEASLES),
    ], "0301")
    assert flat.percent is None and not flat.complete
    assert missing.current is None and missing.percent is None
    with translation.override("en"):
        assert missing.text.startswith("No current value yet")


def test_current_value_is_the_latest_stored_observation(oslo_plan, oslo_editor, oslo_vaccination):
    year, value = oslo_vaccination
    goal = LocalGoal.objects.get(plan=oslo_plan)
    result, = key_results([link(goal, oslo_editor, start_value=90.0, start_year=2015, target_value=98.0)], "0301")
    assert (result.current.year, result.current.value) == (year, value)
    assert result.percent == pytest.approx(100 * (value - 90.0) / 8.0)
    older, = key_results([link(goal, oslo_editor, link=result.link, current_value=1.0,
                               current_date=datetime.date(year - 1, 1, 1), current_source="Gammel telling")], "0301")
    assert older.current.value == value


def test_editor_links_an_indicator_and_the_plan_page_shows_progress(client, oslo_plan, oslo_editor):
    goal = LocalGoal.objects.get(plan=oslo_plan)
    client.force_login(oslo_editor)
    url = reverse("plans:indicator-new", args=["0301", oslo_plan.id, "mal", goal.id])
    refused = client.post(url, {"indicator": VAX, "start_value": "60", "start_year": "2020", "target_value": "80",
                                "target_year": "2030", "current_value": "69"})
    assert refused.status_code == 200 and "Needed when a current value is entered." in refused.content.decode()
    response = client.post(url, {"indicator": VAX, "start_value": "60", "start_year": "2020", "target_value": "80",
                                 "target_year": "2030", "current_value": "69", "current_date": "2024-06-01",
                                 "current_source": "Helsestasjonen"})
    assert response.status_code == 302 and IndicatorLink.objects.get().goal == goal
    page = client.get(reverse("plans:plan", args=["0301", oslo_plan.id])).content.decode()
    assert "45\u00a0% of the way from 60\u00a0% in 2020 to 80\u00a0% in 2030." in page and "Helsestasjonen" in page
    assert '<progress class="key-result__bar" max="100" value="45"' in page


def test_a_second_key_result_for_the_same_goal_and_indicator_is_refused_with_a_message(client, oslo_plan,
                                                                                       oslo_editor):
    goal = LocalGoal.objects.get(plan=oslo_plan)
    client.force_login(oslo_editor)
    url = reverse("plans:indicator-new", args=["0301", oslo_plan.id, "mal", goal.id])
    values = {"indicator": VAX, "start_value": "60", "start_year": "2020", "target_value": "80", "target_year": "2030"}
    assert client.post(url, values).status_code == 302
    again = client.post(url, {**values, "target_value": "90"})
    assert again.status_code == 200
    assert "This goal is already measured by that indicator; change that link instead." in again.content.decode()
    assert [link.target_value for link in IndicatorLink.objects.filter(goal=goal)] == [80]


GHG = "GHG_EMISSIONS_TOTAL_TONNES"


def emissions_indicator():
    """The core set's total greenhouse-gas emissions (``load-catalogue`` loads it; the tests' reference data
    does not), with its catalogue unit and target."""
    from lokalagenda.indicators.models import Indicator

    indicator = Indicator.objects.create(id=GHG, name_nb="Klimagassutslipp i kommunen, totalt",
                                         name_en="Greenhouse gas emissions in the municipality, total",
                                         unit="tonnes CO2e", direction="lower")
    indicator.targets.add("13.2")
    return indicator


def test_progress_is_written_with_the_unit_in_the_norwegian_number_format(oslo_plan, oslo_editor):
    emissions_indicator()
    goal = LocalGoal.objects.get(plan=oslo_plan)
    result, = key_results([link(goal, oslo_editor, indicator_id=GHG, start_value=250000.0, start_year=2009,
                                target_value=37500.0, target_year=2030, current_value=191500.0,
                                current_date=datetime.date(2024, 1, 1), current_source="Miljødirektoratet")],
                          "0301")
    assert round(result.percent) == 28 and result.bar == 28
    with translation.override("nb"):
        assert (result.start, result.target) == ("250\u00a0000\u00a0tonn CO₂-ekvivalenter",
                                                 "37\u00a0500\u00a0tonn CO₂-ekvivalenter")
        assert result.current_text == "191\u00a0500\u00a0tonn CO₂-ekvivalenter"
        assert result.text.startswith("28\u00a0%")
    with translation.override("en"):
        assert result.text == ("28\u00a0% of the way from 250,000\u00a0tonnes CO₂ equivalents in 2009 to "
                               "37,500\u00a0tonnes CO₂ equivalents in 2030.")


def test_progress_bar_stays_within_0_and_100_and_a_result_moving_away_is_named(oslo_plan, oslo_editor):
    goal = LocalGoal.objects.get(plan=oslo_plan)
    away, past = key_results([
        link(goal, oslo_editor, current_value=50.0, current_date=datetime.date(2024, 1, 1), current_source="Telling"),
        link(goal, oslo_editor, indicator_id=MEASLES, current_value=90.0, current_date=datetime.date(2024, 1, 1),
             current_source="Telling"),
    ], "0301")
    assert (away.percent, away.bar, away.moving_away) == (pytest.approx(-50.0), 0, True)
    assert (past.percent, past.bar, past.complete, past.moving_away) == (pytest.approx(150.0), 100, True, False)
