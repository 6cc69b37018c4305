"""The Voluntary Local Review over a measured database: a tagged multi-page PDF naming the place, all 17 goals
and the sources of its indicators, and the accessible HTML page with static charts and data tables."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from lokalagenda.framework.models import Goal
from lokalagenda.indicators.models import DatasetRevision
from lokalagenda.measurement.models import GoalResult, IndicatorResult, MeasurementRun, PlaceResult
from lokalagenda.measurement.services import StatusRules, measure
from lokalagenda.places.place import place_for
from lokalagenda.reports.vlr.rendering import render
from lokalagenda.reports.vlr.scope import ReportError

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(data))
    return reader, " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_bergen_vlr_pdf_is_tagged_multi_page_and_names_every_goal_and_source(measured):
    reader, text = pdf_text(render("vlr", "pdf", place_for("4601"), "en"))
    catalog = reader.trailer["/Root"]
    assert len(reader.pages) >= 2
    assert "/StructTreeRoot" in catalog and catalog["/MarkInfo"]["/Marked"]
    assert catalog["/Lang"] == "en" and reader.metadata.title == "Voluntary Local Review – Bergen"
    assert "Bergen" in text
    for number in range(1, 18):
        assert f"Goal {number}:" in text
    results = IndicatorResult.objects.filter(run=measured, place="4601").select_related("indicator")
    assert results.count() == 4
    for result in results:
        assert result.indicator_id in text
        assert result.indicator.publisher in text
        revision = DatasetRevision.objects.get(indicator=result.indicator)
        assert f"data: {revision.source} (revision {revision.number})" in text


def test_vlr_pdf_in_bokmal_uses_norwegian_goal_titles(measured):
    reader, text = pdf_text(render("vlr", "pdf", place_for("4601"), "nb"))
    assert reader.trailer["/Root"]["/Lang"] == "nb"
    for goal in Goal.objects.all():
        assert goal.short_nb in text


def test_vlr_page_shows_sections_static_charts_with_text_alternatives_and_tables(measured, client):
    response = client.get("/kommune/4601/rapport/vlr/?language=en")
    assert response.status_code == 200
    html = response.content.decode()
    for heading in ("Opening statement", "Highlights", "Introduction", "Methodology and process",
                    "Policy and enabling environment", "Leave no one behind", "Progress on goals and targets",
                    "Means of implementation", "Conclusion and next steps", "Annex: indicators and sources"):
        assert heading in html
    # goals and the four indicators; no map of the index, which no kommune has from one goal; the goal tiles are
    # the site's own on the web page, which reflow on a phone (the PDF and the HTML file draw them as a figure)
    assert html.count('<img src="data:image/svg+xml;base64,') == 5 and html.count("data-goal-tile=") == 17
    assert html.count("<caption") >= 6
    assert "Median of kommuner in Vestland" in html and "SDG index of the kommuner in Vestland" not in html
    assert "No kommune in Vestland has enough goals measured for an SDG index yet." in html
    assert 'style="' not in html and " onclick=" not in html
    assert "?language=en&amp;format=pdf" in html


def test_vlr_pdf_download_and_fylke_report(measured, client):
    response = client.get("/kommune/4601/rapport/vlr/?language=nn&format=pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert PdfReader(io.BytesIO(response.content)).trailer["/Root"]["/Lang"] == "nn"
    page = client.get("/fylke/46/rapport/vlr/?language=en")
    assert page.status_code == 200
    assert "Voluntary Local Review – Vestland" in page.content.decode()


def test_unknown_place_or_language_is_404(measured, client):
    for path in ("/kommune/9999/rapport/vlr/", "/fylke/99/rapport/vlr/", "/kommune/4601/rapport/vlr/?language=de",
                 "/kommune/46/rapport/vlr/"):
        assert client.get(path).status_code == 404, path


def test_a_report_before_any_run_says_to_measure_first(unmeasured):
    with pytest.raises(ReportError, match="lokalagenda measure"):
        render("vlr", "html", place_for("4601"), "en")


def test_a_named_run_is_used_and_an_unknown_run_refused(measured):
    html = render("vlr", "html", place_for("4601"), "en", measured.pk).decode()
    assert f"Data from measurement run {measured.pk} of" in html
    with pytest.raises(ReportError, match="no finished measurement run with the id 999"):
        render("vlr", "html", place_for("4601"), "en", 999)


def test_vlr_lists_the_published_good_practices_with_their_targets_and_never_drafts(measured):
    from lokalagenda.accounts.models import Organisation
    from lokalagenda.practices.models import Practice

    bergen = Organisation.objects.get(slug="kommune-4601")
    shared = Practice.objects.create(organisation=bergen, title="Bysykkel for alle",
                                     summary="Gratis bysykkel for unge.", start_year=2021,
                                     status=Practice.Status.PUBLISHED)
    shared.targets.set(["11.2", "3.6"])
    Practice.objects.create(organisation=bergen, title="Utkast til tiltak", summary="Ikke ferdig.", start_year=2024)
    html = render("vlr", "html", place_for("4601"), "en").decode()
    assert "Good practices shared with other kommuner" in html
    assert "<strong>Bysykkel for alle</strong> (2021; targets 3.6, 11.2): Gratis bysykkel for unge." in html
    assert "Utkast til tiltak" not in html
    oslo = render("vlr", "html", place_for("0301"), "en").decode()
    assert "Bysykkel for alle" not in oslo and "No published good practice is registered." in oslo


def test_the_vlr_says_why_there_is_no_index_instead_of_giving_one_from_one_goal(measured, client):
    run = measure(rules=StatusRules(as_of_year=2026), force=True).run
    assert PlaceResult.objects.get(run=run, place="4601").goals_measured == 1
    html = client.get("/kommune/4601/rapport/vlr/?language=nb").content.decode()
    assert "For lite data til en samlet indeks (1 av 17 mål målt)." in html
    assert "har en bærekraftsindeks på" not in html.lower()


def test_the_vlr_maps_the_index_where_kommuner_have_one(measured, client):
    measure(rules=StatusRules(as_of_year=2026, min_goals=1), force=True)
    html = client.get("/kommune/4601/rapport/vlr/?language=en").content.decode()
    assert html.count('<img src="data:image/svg+xml;base64,') == 6  # goals, map and the four indicators
    assert "SDG index of the kommuner in Vestland" in html and "Bergen has an SDG index of" in html


def test_the_vlr_says_when_a_figure_is_too_old_to_give_a_status(measured, client):
    measure(rules=StatusRules(as_of_year=2030), force=True)
    html = client.get("/kommune/4601/rapport/vlr/?language=nb").content.decode()
    assert "siste tall fra 2018 – for gammelt til å gi status" in html


def figures_with_alt(reader: PdfReader) -> list[tuple[int | None, str]]:
    """Every /Figure of the PDF's structure tree as (its page, 1-based; its /Alt), in document order."""
    pages = [page.indirect_reference for page in reader.pages]
    found: list[tuple[int | None, str]] = []

    def walk(node):
        node = node.get_object()
        if isinstance(node, list):
            for kid in node:
                walk(kid)
            return
        if not hasattr(node, "get"):
            return  # a marked-content id
        if node.get("/S") == "/Figure":
            page = node.get("/Pg")
            found.append((pages.index(page) + 1 if page in pages else None, str(node.get("/Alt", ""))))
        if "/K" in node:
            walk(node["/K"])

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return found


@pytest.mark.parametrize(("number", "name"), [("4601", "Bergen"), ("46", "Vestland")])
def test_the_vlr_pdf_opens_with_the_17_goal_tiles_as_a_figure_with_alt_text_on_its_first_page(measured, number,
                                                                                               name):
    reader, _text = pdf_text(render("vlr", "pdf", place_for(number), "en"))
    first_page = " ".join(reader.pages[0].extract_text().split())
    assert "The 17 goals at a glance" in first_page and "goals measured" in first_page
    page, alt = figures_with_alt(reader)[0]
    assert page == 1 and alt.startswith(f"The 17 goals of {name} as tiles: 1 No poverty")
    for goal in Goal.objects.all():
        assert f"{goal.number} {goal.short_en}" in alt
    measured_goal = GoalResult.objects.filter(run=measured, place=number, score__isnull=False).first()
    assert f"score {measured_goal.score:.0f}" in alt and "not measured – " in alt


def test_the_vlr_tiles_have_a_data_table_and_come_from_the_reports_run(measured):
    later = MeasurementRun.objects.create(status=MeasurementRun.Status.DONE, complete=False, kommuner=" 4601 ")
    GoalResult.objects.create(run=later, goal_id=1, place="4601", score=91.0, colour="green", scored_indicators=1)
    html = render("vlr", "html", place_for("4601"), "en").decode()
    tiles = html[html.index("data-report-tiles"):html.index("</section>", html.index("data-report-tiles"))]
    assert "The 17 goal tiles of Bergen as a table" in tiles and tiles.count('<th scope="row">') == 17
    assert "<th scope=\"row\">1 No poverty</th>" in tiles and ">91</td>" in tiles
    named = render("vlr", "html", place_for("4601"), "en", measured.pk).decode()
    tiles = named[named.index("data-report-tiles"):named.index("</section>", named.index("data-report-tiles"))]
    assert "<th scope=\"row\">1 No poverty</th><td colspan=\"4\">Not measured: " in tiles


def test_the_vlr_web_page_draws_no_tile_figure_it_does_not_show(measured, client, monkeypatch):
    """The web page shows the site's own tiles; the static figure of them is for the PDF and the printed page."""
    from lokalagenda.reports.vlr import content

    def refuse(*args, **kwargs):
        raise AssertionError("the tile figure was drawn")

    monkeypatch.setattr(content, "goal_tiles_spec", refuse)
    response = client.get("/kommune/4601/rapport/vlr/?language=en")
    assert response.status_code == 200 and b"data-goal-tiles" in response.content
    with pytest.raises(AssertionError, match="tile figure was drawn"):
        render("vlr", "pdf", place_for("4601"), "en")
