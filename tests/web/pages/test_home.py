"""The front page (``/``): the country's 17 goal tiles and how many kommuner have each status, the map of how many
goals each kommune has measured (with its table and data download), the latest published changes, and the kommune
finder. Built on a small measurement run stored in the test database, so every number is known."""

from __future__ import annotations

import io
import json
import re
from datetime import UTC, datetime, timedelta

import pandas as pd
import pytest
from django.utils import timezone, translation

from lokalagenda.accounts.models import Organisation
from lokalagenda.core.i18n import alphabetical
from lokalagenda.core.observations import COUNTRY
from lokalagenda.indicators.models import DatasetRevision, Indicator, IndicatorSet, ObservationChange
from lokalagenda.measurement.coverage import coverage_bands, goal_coverage
from lokalagenda.measurement.models import GoalResult, MeasurementRun, PlaceResult
from lokalagenda.places.models import Kommune
from lokalagenda.plans.services import save_plan
from lokalagenda.practices.models import Practice
from lokalagenda.reports.models import NarrativeVersion
from lokalagenda.reports.vlr.narratives import save_narrative
from lokalagenda.web.pages.changes import latest_changes

pytestmark = pytest.mark.django_db

#: Goals measured per kommune in the stored run: Oslo enough for an index, Bergen a few, Tromsø all 17.
MEASURED = {"0301": 15, "4601": 5, "5501": 17}
#: The country's own stored results: (goal, score, colour).
COUNTRY_RESULTS = [(3, 71.6, "yellow"), (8, 40.2, "red")]


@pytest.fixture
def run(db) -> MeasurementRun:
    """A finished complete run: the country's goals 3 and 8, and the kommuner of ``MEASURED`` with a score on
    their first goals (green for an even goal, red for an odd one)."""
    stored = MeasurementRun.objects.create(
        status=MeasurementRun.Status.DONE, finished_at=timezone.now(), fingerprint="front-page-test",
        methods={"sdsn_index": {"version": "sdsn-sdg-index/2", "parameters": {"min_goals": 14, "goals": 17}}})
    GoalResult.objects.bulk_create(
        [GoalResult(run=stored, goal_id=goal, place=COUNTRY, score=score, colour=colour, indicators=2,
                    scored_indicators=2) for goal, score, colour in COUNTRY_RESULTS]
        + [GoalResult(run=stored, goal_id=goal, place=number, score=50.0 + goal, colour="green" if goal % 2 == 0
                      else "red", indicators=1, scored_indicators=1)
           for number, count in MEASURED.items() for goal in range(1, count + 1)])
    PlaceResult.objects.bulk_create([PlaceResult(run=stored, place=number, goals_measured=count)
                                     for number, count in MEASURED.items()])
    return stored


def _spec(html: str, spec_id: str) -> dict:
    match = re.search(rf'<script id="{spec_id}" type="application/json">(.*?)</script>', html, re.S)
    assert match, f"no {spec_id} on the page"
    return json.loads(match.group(1))


def test_front_page_opens_with_the_countrys_tiles_from_its_stored_results(client, run):
    response = client.get("/")
    assert response.status_code == 200
    tiles = response.context["page"].tiles
    assert [tile.number for tile in tiles.tiles] == list(range(1, 18))
    by_goal = {tile.number: tile for tile in tiles.tiles}
    assert by_goal[3].score == pytest.approx(71.6) and by_goal[3].status.colour == "yellow"
    assert by_goal[8].score == pytest.approx(40.2) and by_goal[8].status.symbol
    assert not by_goal[1].measured and by_goal[1].not_measured  # the country has no result for goal 1: says why
    html = response.content.decode()
    assert 'id="country-heading"' in html and html.count("data-goal-tile=") == 17
    assert 'data-goal-tile="3"' in html and "<strong>72</strong>" in html  # the score, rounded
    assert "data-country-note" in html
    assert ">Nasjonal oversikt</a>" in html and ">Fylker</h2>" in html  # bokmål, the site's default


def test_country_table_counts_every_kommune_by_its_stored_status(client, run):
    rows = {row.goal: row for row in client.get("/").context["page"].country.rows}
    total = Kommune.objects.count()
    # Goal 2 is green for all three kommuner; goal 15 is red for Oslo and Tromsø only; goal 17 for Tromsø only.
    assert rows[2].counts["green"] == 3 and rows[2].counts["no_data"] == total - 3
    assert rows[15].counts["red"] == 2 and rows[15].counts["no_data"] == total - 2
    assert rows[17].counts["red"] == 1 and sum(rows[17].counts.values()) == total


def test_coverage_map_and_table_give_each_kommunes_measured_goals(client, run):
    response = client.get("/")
    coverage = response.context["page"].coverage
    counts = {band.key: count for band, count in coverage.counts()}
    total = Kommune.objects.count()
    assert counts == {"none": total - 3, "below-1": 0, "below-4": 1, "below-7": 0, "below-10": 0, "index": 1,
                      "all": 1}
    assert coverage.with_index() == 2
    html = response.content.decode()
    spec = _spec(html, "coverage-map-spec")
    values = {row["code"]: row for row in spec["transform"][0]["from"]["data"]["values"]}
    assert len(values) == total and values["0301"]["count"] == 15 and values["1101"]["count"] == 0
    bands = coverage_bands(14)
    assert values["0301"]["band"] == bands[5].words  # 14–16: enough for an index
    assert spec["encoding"]["color"]["scale"]["domain"] == [band.words for band in bands]
    assert re.search(r'<tr data-kommune="4601"><td>4601</td>.*?<td class="numeric">5</td></tr>', html)
    assert "/diagramdata/goal-coverage.csv" in html and "/diagramdata/goal-coverage.xlsx" in html


def test_coverage_download_holds_every_kommune_with_source_and_licence(client, run):
    client.cookies["lokalagenda_language"] = "en"
    response = client.get("/diagramdata/goal-coverage.csv")
    assert response.status_code == 200
    assert 'filename="alle-kommuner-malte-mal.csv"' in response["Content-Disposition"]
    table = pd.read_csv(io.BytesIO(response.content), dtype={"kommune": str})
    assert list(table.columns) == ["kommune", "name", "goals_measured", "band", "source", "licence"]
    assert len(table) == Kommune.objects.count()
    measured = dict(zip(table["kommune"], table["goals_measured"], strict=True))
    assert {number: measured[number] for number in MEASURED} == MEASURED and measured["1101"] == 0
    assert table.loc[table["kommune"] == "5501", "band"].iloc[0] == "all 17 goals measured"
    assert table["source"].str.contains("measurement run").all() and table["licence"].iloc[0].strip()


def test_coverage_reads_a_later_run_narrowed_to_one_kommune(run):
    later = MeasurementRun.objects.create(status=MeasurementRun.Status.DONE, finished_at=timezone.now(),
                                          fingerprint="narrowed", complete=False, kommuner=" 4601 ")
    PlaceResult.objects.create(run=later, place="4601", goals_measured=9)
    rows = {row.number: row for row in goal_coverage().kommuner}
    assert rows["4601"].measured == 9 and rows["4601"].band.key == "below-7"  # what Bergen's dashboard reads
    assert rows["0301"].measured == 15


def test_front_page_before_any_measurement_run_says_so(client):
    html = client.get("/").content.decode()
    assert "data-goal-tiles" not in html and "coverage-map-spec" not in html
    with_english = client.get("/", HTTP_COOKIE="lokalagenda_language=en").content.decode()
    assert "No measurement run has finished yet, so there is no status to show." in with_english


def _revision(indicator: Indicator, number: int, places: list[str], at: datetime) -> DatasetRevision:
    revision = DatasetRevision.objects.create(indicator=indicator, number=number, source="test.csv",
                                              added=len(places))
    DatasetRevision.objects.filter(pk=revision.pk).update(created_at=at)
    ObservationChange.objects.bulk_create([ObservationChange(revision=revision, kind="added", place=place,
                                                             year=2024, new_value=1.0) for place in places])
    return revision


def test_latest_changes_list_only_published_things_newest_first(oslo_editor, bergen_editor):
    oslo, bergen = (Organisation.objects.get(slug=slug) for slug in ("kommune-0301", "kommune-4601"))
    base = datetime(2026, 3, 1, 12, tzinfo=UTC)
    catalogue = Indicator.objects.create(id="FRONT_TEST", name_en="Front test", name_nb="Forsidetest")
    _revision(catalogue, 1, ["0301", "4601"], base)
    _revision(catalogue, 2, ["4601"], base + timedelta(days=1))
    local_set = IndicatorSet.objects.create(slug="oslo-lokale", name="Oslo", kind="local", organisation=oslo)
    local = Indicator.objects.create(id="OSLO_LOCAL", name_en="Local", organisation=oslo)
    local.sets.add(local_set)
    _revision(local, 1, ["0301"], base + timedelta(days=5))  # a kommune's local indicator: not published
    plan_fields = {"kind": "temaplan", "start_year": 2024, "end_year": None, "status": "adopted", "url": ""}
    plan = save_plan(bergen, bergen_editor, title="Klimaplan", published=False, **plan_fields)
    save_plan(bergen, bergen_editor, plan, title="Klimaplan", published=True, **plan_fields)
    save_plan(oslo, oslo_editor, title="Utkast", published=False, **plan_fields)
    Practice.objects.create(organisation=oslo, title="Gåbuss", summary="Til skolen", start_year=2021,
                            status="published", published_at=base + timedelta(days=2))
    Practice.objects.create(organisation=oslo, title="Kladd", summary="Ikke publisert", start_year=2021)
    save_narrative(bergen_editor, bergen, "introduction", "nb", "Bergen sin gjennomgang.", publish=True)
    save_narrative(oslo_editor, oslo, "introduction", "nb", "Bare et utkast.")
    NarrativeVersion.objects.filter(organisation=bergen).update(created_at=base + timedelta(days=3))
    with translation.override("en"):
        changes = latest_changes()
    assert [(change.kind, change.title) for change in changes] == [
        ("plan", "Klimaplan"), ("vlr", "Voluntary Local Review of Bergen"), ("practice", "Gåbuss"),
        ("data", "Front test"), ("data", "Front test")]
    assert [change.at for change in changes] == sorted((change.at for change in changes), reverse=True)
    newest_data = changes[3]
    assert newest_data.place == "Bergen" and newest_data.place_url == "/kommune/4601/"  # one place: named
    assert newest_data.url == "/indikatorer/FRONT_TEST/revisjon/2/"
    assert changes[4].place_url == "" and "2" in changes[4].place  # two places: counted
    assert changes[0].url == f"/kommune/4601/planer/{plan.pk}/" and changes[0].place == "Bergen"
    assert changes[1].url == "/kommune/4601/rapport/vlr/"


def test_latest_changes_on_the_page_link_each_entry(client, run, bergen_editor):
    bergen = Organisation.objects.get(slug="kommune-4601")
    save_narrative(bergen_editor, bergen, "introduction", "nb", "Bergen sin gjennomgang.", publish=True)
    html = client.get("/").content.decode()
    section = html[html.index("data-latest-changes"):]
    assert 'data-change="vlr"' in section and 'href="/kommune/4601/rapport/vlr/"' in section
    assert '<time datetime="' in section


def test_kommune_finder_is_a_picker_that_opens_the_chosen_kommune(client):
    html = client.get("/").content.decode()
    select = re.search(r'<select name="q"[^>]*>', html)
    assert select and "data-picker" in select.group(0)
    assert '<option value="4601">Bergen (4601)</option>' in html
    assert re.search(r'<option value="5540">Kåfjord – Gáivuotna – Kaivuono \(5540\)</option>', html)
    response = client.get("/sok/", {"q": "4601"})
    assert response.status_code == 302 and response["Location"] == "/kommune/4601/"


def test_kommune_finder_lists_the_kommuner_in_the_norwegian_alphabet(client):
    html = client.get("/").content.decode()
    names = re.findall(r'<option value="\d{4}">([^<(]+?)(?: – [^<(]+)? \(\d{4}\)</option>', html)
    assert len(names) == 357
    assert names == sorted(names, key=alphabetical)
    assert names.index("Vågå") < names.index("Ørland") < names.index("Ål") < names.index("Åsnes")


def test_front_page_is_cached_until_the_data_changes(client, run, bergen_editor):
    first = client.get("/").content
    assert client.get("/").content == first
    bergen = Organisation.objects.get(slug="kommune-4601")
    save_narrative(bergen_editor, bergen, "introduction", "nb", "Ny tekst.", publish=True)
    assert b'data-change="vlr"' in client.get("/").content


def test_front_page_keeps_the_fylker_and_links_the_goals(client, run):
    html = client.get("/").content.decode()
    assert 'href="/fylke/46/"' in html and 'href="/mal/"' in html
    assert "goal-grid" not in html  # the plain goal tiles gave way to the country's

