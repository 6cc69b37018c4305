"""Percentiles among networks and KOSTRA groups in a measurement run over the real vaccination series, with the
hand-made KOSTRA fixture (tests/places/fixtures/klass_112_131_handmade.json) and a test network."""

import statistics
from pathlib import Path

import pytest
from django.core.management import call_command

from lokalagenda.indicators.models import Indicator, Observation
from lokalagenda.indicators.services import import_file
from lokalagenda.measurement.comparisons import kommune_indicator
from lokalagenda.measurement.models import GoalResult, IndicatorResult, MeasurementRun, PeerPercentile
from lokalagenda.places.models import Kommune
from lokalagenda.places.networks.services import save_membership, save_network
from tests.fixtures import MEASURE_YEAR

pytestmark = pytest.mark.django_db

HANDMADE = Path(__file__).resolve().parents[1] / "places" / "fixtures" / "klass_112_131_handmade.json"
KOSTRA_12 = {"4601", "1106", "1804", "1505"}
#: Members in the run's latest year (2018); 1804 left in 2016 and 1812 joined in 2020, so neither is a peer.
NETWORK_MEMBERS = {"0301", "4601", "1106", "1144"}
INDICATOR = "VAX_MEASLES_AGE2"


@pytest.fixture
def network(national_editor):
    network = save_network(national_editor, None, name="Testnettverk", slug="testnettverk", kind="national")
    for number, joined, left in [("0301", 2015, None), ("4601", 2015, None), ("1106", None, None),
                                 ("1144", 2017, None), ("1804", 2010, 2016), ("1812", 2020, None)]:
        save_membership(national_editor, network, Kommune.objects.get(number=number), joined_year=joined,
                        left_year=left)
    return network


@pytest.fixture
def measured(scored_values, network):
    call_command("load_kostra_groups", "--file", str(HANDMADE), verbosity=0)
    import_file(scored_values)
    call_command("measure", year=MEASURE_YEAR, verbosity=0)
    return MeasurementRun.objects.get()


def _expected_percentile(scores: dict[str, float], place: str, members: set[str]) -> tuple[float, int]:
    """The share of the group's kommuner with a score at or below the place's, computed plainly."""
    group = [scores[number] for number in members if scores.get(number) is not None]
    return 100 * sum(score <= scores[place] for score in group) / len(group), len(group)


def test_kostra_and_network_percentiles_are_stored_per_indicator_among_the_members_of_the_year(measured):
    scores = dict(IndicatorResult.objects.filter(run=measured, indicator=INDICATOR)
                  .values_list("place", "score"))
    assert max(IndicatorResult.objects.filter(run=measured).values_list("year", flat=True)) == 2018
    bergen = {row.group_kind: row for row in PeerPercentile.objects.filter(run=measured, place="4601",
                                                                            indicator=INDICATOR)}
    assert set(bergen) == {"kostra", "network"}
    percentile, size = _expected_percentile(scores, "4601", KOSTRA_12)
    assert bergen["kostra"].percentile == pytest.approx(percentile) and bergen["kostra"].group_size == size
    assert (bergen["kostra"].group_code, bergen["kostra"].group_name) == ("EKG12", "Testgruppe 12 (handlaget)")
    percentile, size = _expected_percentile(scores, "4601", NETWORK_MEMBERS)
    assert bergen["network"].percentile == pytest.approx(percentile) and bergen["network"].group_size == size
    assert (bergen["network"].group_code, bergen["network"].group_name) == ("testnettverk", "Testnettverk")
    network_places = set(PeerPercentile.objects.filter(run=measured, group_kind="network")
                         .values_list("place", flat=True))
    assert network_places == NETWORK_MEMBERS
    outside = PeerPercentile.objects.filter(run=measured, place__in=["1804", "1812", "1818"], group_kind="network")
    assert not outside.exists()
    assert PeerPercentile.objects.get(run=measured, place="0301", indicator=INDICATOR, group_kind="kostra"
                                      ).percentile == 100.0


def test_goal_percentiles_rank_the_goal_scores_within_the_groups(measured):
    scores = dict(GoalResult.objects.filter(run=measured, goal=3, place__regex=r"^[0-9]{4}$")
                  .values_list("place", "score"))
    stored = PeerPercentile.objects.get(run=measured, place="1106", goal=3, group_kind="kostra")
    percentile, size = _expected_percentile(scores, "1106", KOSTRA_12)
    assert stored.percentile == pytest.approx(percentile) and stored.group_size == size
    assert stored.indicator_id is None


def test_the_run_records_the_groups_it_used(measured):
    parameters = measured.methods["peer_percentiles"]["parameters"]
    assert parameters["groups_year"] == 2018 and parameters["networks"] == ["testnettverk"]
    assert parameters["kostra_groups"] == ["EKG01", "EKG12", "EKG13"]
    assert measured.counts["peer_percentiles"] == PeerPercentile.objects.filter(run=measured).count() > 0
    assert not PeerPercentile.objects.filter(run=measured, place__regex=r"^[0-9]{1,2}$").exists()


def test_changing_a_network_or_the_kostra_groups_makes_the_next_run_compute_again(measured, network, capsys,
                                                                                  national_editor, tmp_path):
    call_command("measure", year=MEASURE_YEAR, verbosity=0)
    assert MeasurementRun.objects.count() == 1
    save_membership(national_editor, network, Kommune.objects.get(number="1813"), joined_year=2016, left_year=None)
    capsys.readouterr()
    call_command("measure", year=MEASURE_YEAR, verbosity=0)
    assert ("percentiles among 1 network(s) and 3 KOSTRA group(s), as their members were in 2018."
            in capsys.readouterr().out)
    second = MeasurementRun.objects.first()
    assert MeasurementRun.objects.count() == 2
    assert PeerPercentile.objects.filter(run=second, place="1813", group_kind="network").exists()
    path = tmp_path / "sortland.json"
    path.write_text('{"correspondenceItems": [{"sourceCode": "EKG13", "sourceName": "Testgruppe 13 (handlaget)", '
                    '"targetCode": "1812", "targetName": "Sømna", "validFrom": "2024-01-01"}]}',
                    encoding="utf-8")
    call_command("load_kostra_groups", "--file", str(path), verbosity=0)
    call_command("measure", year=MEASURE_YEAR, verbosity=0)
    third = MeasurementRun.objects.first()
    assert MeasurementRun.objects.count() == 3
    oslo = PeerPercentile.objects.get(run=third, place="0301", indicator=INDICATOR, group_kind="kostra")
    assert oslo.group_size == 2


def test_a_run_narrowed_to_kommuner_stores_only_their_group_percentiles(measured):
    call_command("measure", year=MEASURE_YEAR, kommune=["4601"], force=True, verbosity=0)
    narrowed = MeasurementRun.objects.first()
    assert set(PeerPercentile.objects.filter(run=narrowed).values_list("place", flat=True)) == {"4601"}
    for row in PeerPercentile.objects.filter(run=narrowed):
        same = PeerPercentile.objects.get(run=measured, place="4601", group_kind=row.group_kind,
                                          group_code=row.group_code, indicator=row.indicator, goal=row.goal)
        assert (row.percentile, row.group_size) == (same.percentile, same.group_size)


def test_kommune_page_names_the_kostra_group_and_network_in_each_row(measured, client):
    client.cookies["lokalagenda_language"] = "en"
    html = client.get("/kommune/4601/").content.decode()
    assert html.count("KOSTRA group EKG12: ") == 4 + 1  # the four indicators and goal 3
    assert html.count("Network Testnettverk: ") == 5


def test_kommune_indicator_page_gives_the_position_in_words(measured, client):
    client.cookies["lokalagenda_language"] = "en"
    html = client.get(f"/kommune/4601/indikator/{INDICATOR}/").content.decode()
    kostra = PeerPercentile.objects.get(run=measured, place="4601", indicator=INDICATOR, group_kind="kostra")
    assert (f"Percentile {kostra.percentile:.0f} among the {kostra.group_size} kommuner with a value in KOSTRA "
            "group EKG12 (Testgruppe 12 (handlaget))") in html
    assert "kommuner with a value in the network Testnettverk" in html
    assert "Median of KOSTRA group EKG12" in html and "its KOSTRA group EKG12 and all kommuner" in html
    other = client.get(f"/kommune/1812/indikator/{INDICATOR}/").content.decode()
    assert "Median of KOSTRA group" not in other
    assert "No KOSTRA group or network of this kommune has results in this run." in other


def test_kommune_goal_page_shows_the_goal_among_all_peer_groups(measured, client):
    client.cookies["lokalagenda_language"] = "en"
    html = client.get("/kommune/4601/mal/3/").content.decode()
    assert "Among its peers" in html and "among the kommuner in Vestland" in html
    assert "with a value in KOSTRA group EKG12" in html and "with a value in the network Testnettverk" in html


def test_api_results_carry_the_group_percentiles_and_the_group_names(measured, client):
    body = client.get("/api/kommuner/4601/results").json()
    assert body["peer_groups"] == [{"kind": "kostra", "code": "EKG12", "name": "Testgruppe 12 (handlaget)"},
                                   {"kind": "network", "code": "testnettverk", "name": "Testnettverk"}]
    measles = next(result for result in body["indicators"] if result["indicator"] == INDICATOR)
    kostra = PeerPercentile.objects.get(run=measured, place="4601", indicator=INDICATOR, group_kind="kostra")
    assert measles["peer_groups"][0] == {"kind": "kostra", "code": "EKG12", "name": "Testgruppe 12 (handlaget)",
                                         "percentile": kostra.percentile, "group_size": kostra.group_size}
    goal3 = next(result for result in body["goals"] if result["goal"] == 3)
    assert [group["kind"] for group in goal3["peer_groups"]] == ["kostra", "network"]
    everyone = client.get(f"/api/indicators/{INDICATOR}/results").json()["results"]
    by_place = {result["place"]: result["peer_groups"] for result in everyone}
    assert len(by_place["1106"]) == 2 and by_place["1812"] == [] and by_place["46"] == []
    goal = {result["place"]: result for result in client.get("/api/goals/3/results").json()["results"]}
    assert [group["code"] for group in goal["0301"]["peer_groups"]] == ["EKG13", "testnettverk"]
    schema = client.get("/api/openapi.json").json()["components"]["schemas"]
    assert "PeerGroupPercentileOut" in schema and "peer_groups" in schema["IndicatorResultOut"]["properties"]


def test_the_indicator_series_has_the_median_of_the_kostra_group_the_run_used(measured):
    page = kommune_indicator(Kommune.objects.get(number="4601"), Indicator.objects.get(id=INDICATOR))
    assert page.kostra_group.code == "EKG12" and page.kostra_group.members == frozenset(KOSTRA_12)
    values = Observation.objects.filter(indicator=INDICATOR, year=2018, disaggregation="", place__in=KOSTRA_12)
    expected = statistics.median(values.exclude(value=None).values_list("value", flat=True))
    assert page.series[page.series["year"] == 2018]["kostra"].iloc[0] == pytest.approx(expected)


def test_the_dashboard_pairs_each_stored_result_with_its_peer_positions(measured):
    from lokalagenda.measurement.querysets import dashboard_for, goal_for

    dashboard = dashboard_for("4601")
    goal = dashboard.goals[3]
    assert [(p.group_kind, p.goal_id) for p in goal.peer_positions] == [("kostra", 3), ("network", 3)]
    assert not hasattr(goal.result, "peer_positions")
    assert len(dashboard.indicators) == 4
    for stored in dashboard.indicators:
        assert {p.indicator_id for p in stored.peer_positions} == {stored.result.indicator_id}
        assert [p.group_kind for p in stored.peer_positions] == ["kostra", "network"]
    assert goal_for("4601", 3).goal_result.peer_positions == goal.peer_positions
