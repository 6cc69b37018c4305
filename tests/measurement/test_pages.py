"""The measurement pages over the real bundle values and a stored run: kommune indicator, comparison, overview."""

import re

import pytest

from lokalagenda.measurement.comparisons import peer_series
from lokalagenda.measurement.models import GoalResult, IndicatorResult
from lokalagenda.places.models import Kommune
from tests.colour_words import RELATIVE_WORDS

pytestmark = pytest.mark.django_db

STATUS_WORDS = RELATIVE_WORDS  # the bundle's indicators have no thresholds: every colour is relative


@pytest.fixture
def measured(measured_module, db, client):
    client.cookies["lokalagenda_language"] = "en"
    return measured_module


def test_peer_series_gives_the_kommune_and_the_medians_per_year(measured):
    series = peer_series("VAX_MEASLES_AGE2", "4601")
    assert list(series.columns) == ["year", "kommune", "size", "fylke", "country"]
    latest = series[series["year"] == 2018].iloc[0]
    bergen = IndicatorResult.objects.get(run=measured, place="4601", indicator="VAX_MEASLES_AGE2")
    assert latest["kommune"] == pytest.approx(bergen.value)
    assert latest["country"] == pytest.approx(_median_2018(place_prefix=""))
    assert latest["fylke"] == pytest.approx(_median_2018(place_prefix="46"))


def _median_2018(place_prefix: str) -> float:
    import statistics

    from lokalagenda.indicators.models import Observation

    values = Observation.objects.filter(indicator="VAX_MEASLES_AGE2", year=2018, disaggregation="",
                                        place__startswith=place_prefix).exclude(value=None)
    return statistics.median(v for p, v in values.values_list("place", "value") if len(p) == 4)


def test_bergen_indicator_page_shows_value_status_and_peer_medians(measured, client):
    response = client.get("/kommune/4601/indikator/VAX_MEASLES_AGE2/")
    assert response.status_code == 200
    html = response.content.decode()
    bergen = IndicatorResult.objects.get(run=measured, place="4601", indicator="VAX_MEASLES_AGE2")
    assert "<h1" in html and "Bergen" in html
    assert f"{bergen.value:.2f}".rstrip("0").rstrip(".") in html.replace(",", "")
    assert any(word in html for word in STATUS_WORDS)
    assert "Median of kommuner in Vestland" in html and "Median of all kommuner" in html
    assert "Median of kommuner with" in html
    assert "Percentile" in html and "among all kommuner" in html
    series = peer_series("VAX_MEASLES_AGE2", "4601")
    country_2018 = series[series["year"] == 2018]["country"].iloc[0]
    assert f"{country_2018:.2f}".rstrip("0").rstrip(".") in html.replace(",", "")
    for spec in ("series-spec", "map-spec", "distribution-spec"):
        assert f'data-vega-spec="{spec}"' in html and f'id="{spec}"' in html
    assert html.count("<details") == 4 and html.count("<caption") >= 3  # 3 tables, the source's details
    assert "values.csv" in html  # the revision source of the values, in the source's details


def test_kommune_page_links_indicator_rows_to_the_kommune_indicator_page(measured, client):
    html = client.get("/kommune/4601/").content.decode()
    assert "/kommune/4601/indikator/VAX_MEASLES_AGE2/" in html
    assert "/sammenlign/?kommune=4601" in html and "/nasjonalt/" in html


@pytest.mark.parametrize("path", ["/kommune/9999/indikator/VAX_MEASLES_AGE2/", "/kommune/4601/indikator/NOPE/"])
def test_unknown_kommune_or_indicator_is_404(measured, client, path):
    assert client.get(path).status_code == 404


def test_comparison_shows_both_kommuner_side_by_side(measured, client):
    response = client.get("/sammenlign/?kommune=0301&kommune=4601")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Oslo (0301)" in html and "Bergen (4601)" in html
    goal_3 = re.search(r'<tr data-goal="3">(.*?)</tr>', html, re.S).group(1)
    for place in ("0301", "4601"):
        result = GoalResult.objects.get(run=measured, place=place, goal=3)
        assert f"{result.score:.0f}" in goal_3
    assert "/kommune/0301/indikator/VAX_MEASLES_AGE2/" in html and "/kommune/4601/indikator/VAX_MEASLES_AGE2/" in html


def test_comparison_form_without_input_is_empty_and_fine(measured, client):
    response = client.get("/sammenlign/")
    assert response.status_code == 200 and 'name="kommune"' in response.content.decode()


@pytest.mark.parametrize("query, message", [
    ("kommune=0301&kommune=4601&kommune=5501&kommune=1103&kommune=3201&kommune=1508", "at most 5"),
    ("kommune=0301&kommune=9999", "No kommune has the number 9999"),
    ("kommune=0301&kommune=abc", "No kommune has the number abc"),
])
def test_bad_comparison_gives_a_clear_message_and_400(measured, client, query, message):
    response = client.get(f"/sammenlign/?{query}")
    assert response.status_code == 400
    assert message in response.content.decode()


def test_national_overview_counts_add_up_to_the_kommuner_with_a_result(measured, client):
    response = client.get("/nasjonalt/")
    assert response.status_code == 200
    html = response.content.decode()
    rows = re.findall(r'<tr data-goal="(\d+)">(.*?)</tr>', html, re.S)
    assert rows
    kommuner = set(Kommune.objects.values_list("number", flat=True))
    for goal, row in rows:
        cells = [int(n) for n in re.findall(r'<td class="numeric"[^>]*>(\d+)</td>', row)]
        with_result = GoalResult.objects.filter(run=measured, goal=int(goal), place__in=kommuner).count()
        assert sum(cells[:-1]) == cells[-1] == with_result
    assert any(word in html for word in STATUS_WORDS)
    assert 'data-vega-spec="map-spec"' in html


def test_national_overview_map_follows_the_chosen_goal(measured, client):
    first = GoalResult.objects.filter(run=measured).order_by("goal").values_list("goal", flat=True).first()
    other = GoalResult.objects.filter(run=measured).exclude(goal=first).order_by("goal").first()
    html = client.get("/nasjonalt/").content.decode()
    assert f"Map of goal {first}:" in html
    if other is not None:
        assert f"Map of goal {other.goal_id}:" in client.get(f"/nasjonalt/?mal={other.goal_id}").content.decode()
    assert f"Map of goal {first}:" in client.get("/nasjonalt/?mal=x").content.decode()


def test_kommune_goal_page_shows_the_goal_result_and_its_indicators(measured, client):
    client.cookies["lokalagenda_language"] = "en"
    html = client.get("/kommune/4601/mal/3/").content.decode()
    assert "Bergen" in html and "/kommune/4601/indikator/VAX_MEASLES_AGE2/" in html
    assert any(word in html for word in RELATIVE_WORDS)
    assert "No indicator of this goal" in client.get("/kommune/4601/mal/13/").content.decode()
    assert client.get("/kommune/9999/mal/3/").status_code == 404
    assert 'href="/kommune/4601/mal/3/"' in client.get("/kommune/4601/").content.decode()


def test_sparkline_points_fill_the_box():
    from lokalagenda.measurement.charts import sparkline_points

    assert sparkline_points([(2015, 10.0)]) == ""
    assert sparkline_points([(2015, 10.0), (2016, 20.0)]) == "2.0,22.0 94.0,2.0"


def test_size_classes_cover_every_population():
    from lokalagenda.measurement.peers import size_class

    assert [size_class(n) for n in (0, 1_999, 2_000, 19_999, 20_000, 49_999, 50_000, 728_714)] == [
        "under 2 000", "under 2 000", "2 000–4 999", "5 000–19 999", "20 000–49 999", "20 000–49 999", "50 000+",
        "50 000+"]


def test_fylke_goal_page_shows_the_fylke_result_its_indicators_and_each_kommune_on_the_goal(measured, client):
    client.cookies["lokalagenda_language"] = "en"
    stored = GoalResult.objects.filter(run=measured, place="46", score__isnull=False).order_by("goal").first()
    assert stored is not None
    html = client.get(f"/fylke/46/mal/{stored.goal_id}/").content.decode()
    assert "Vestland" in html and f"{stored.score:.0f}" in html[html.index('class="facts"'):html.index("</dl>")]
    shown = IndicatorResult.objects.filter(run=measured, place="46",
                                           indicator__targets__goal=stored.goal_id).values_list("indicator", flat=True)
    assert shown and all(f'href="/indikatorer/{indicator}/"' in html for indicator in shown)
    start = html.index('id="goal-kommuner-caption"')
    table = html[start:html.index("</table>", start)]
    kommuner = Kommune.objects.filter(fylke="46")
    assert table.count("<tr data-kommune=") == kommuner.count() == 43
    bergen = GoalResult.objects.get(run=measured, place="4601", goal=stored.goal_id)
    row = table[table.index('data-kommune="4601"'):]
    row = row[:row.index("</tr>")]
    assert f'href="/kommune/4601/mal/{stored.goal_id}/"' in row
    assert (f"{bergen.score:.0f}" if bergen.score is not None else "–") in row


def test_fylke_goal_page_of_an_unknown_fylke_or_goal_is_404(measured, client):
    assert client.get("/fylke/99/mal/3/").status_code == 404
    assert client.get("/fylke/46/mal/18/").status_code == 404


def test_fylke_goal_page_says_when_no_kommune_is_measured_on_that_goal(measured, client):
    """Other goals' colours do not make a table of empty cells: the page speaks of its own goal."""
    kommuner = list(Kommune.objects.filter(fylke="46").values_list("number", flat=True))
    measured_goals = set(GoalResult.objects.filter(run=measured, place__in=kommuner, score__isnull=False)
                         .values_list("goal", flat=True))
    other = min(set(range(1, 18)) - measured_goals)
    assert measured_goals
    unmeasured_goal = client.get(f"/fylke/46/mal/{other}/").content.decode()
    assert f"No kommune in Vestland has a measured status on goal {other} yet." in unmeasured_goal
    assert 'id="goal-kommuner-caption"' not in unmeasured_goal
    measured_goal = client.get(f"/fylke/46/mal/{min(measured_goals)}/").content.decode()
    assert 'id="goal-kommuner-caption"' in measured_goal and "data-no-heatmap" not in measured_goal
