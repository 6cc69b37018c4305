"""What readers of the reports read: never an editor's instruction, counts with their plural forms, and the
brief's changes compared like with like (shares in percentage points, other units in per cent)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from lokalagenda.indicators.services import prepare_file, store
from lokalagenda.indicators.units import UnitKind, unit_kind
from lokalagenda.places.place import place_for
from lokalagenda.reports.vlr.brief import changes_since_last_year
from lokalagenda.reports.vlr.content import register_counts
from lokalagenda.reports.vlr.rendering import context_for, kind_for
from lokalagenda.reports.vlr.sections import SECTIONS, DraftFacts

pytestmark = pytest.mark.django_db

VLR = "/kommune/4601/rapport/vlr/"


def instructions(language: str) -> list[str]:
    with translation.override(language):
        return [str(section.instruction) for section in SECTIONS.values()]


def facts(**changes: object) -> DraftFacts:
    values: dict[str, object] = {"place": "Bergen", "run_date": "1 May 2026", "indicators": 12,
                                 "goals_with_results": 5, "red_goals": [], "green_goals": [], "plans": 0,
                                 "actions": 0, "partnerships": 0}
    return DraftFacts(**{**values, **changes})  # type: ignore[arg-type]


# --- readers never see an instruction ----------------------------------------------------------------------

@pytest.mark.parametrize("language", ["en", "nb", "nn"])
def test_the_public_vlr_shows_no_instruction_only_generated_drafts_and_notes(measured, client, language):
    html = client.get(f"{VLR}?language={language}").content.decode()
    assert all(text not in html for text in instructions(language))
    assert "Describe" not in html and "Beskriv" not in html
    assert html.count("data-generated") >= 3  # opening, introduction, methodology: written from the data
    assert "data-not-written" in html  # leave no one behind: the data say nothing, the kommune has not written it


def test_the_pdf_source_shows_no_instruction(measured):
    place = place_for("4601")
    for language in ("en", "nb"):
        with translation.override(language):
            context = context_for(kind_for("vlr"), place, language, draw=False, pdf=True)
            html = render_to_string("reports/report_pdf.html", context)
        assert all(text not in html for text in instructions(language)) and "data-not-written" in html


def test_the_english_notes_say_who_has_not_written_the_section(measured, client):
    html = client.get(f"{VLR}?language=en").content.decode()
    assert "Generated from the data: the kommune has not written this section yet." in html
    assert "The kommune has not written this section yet." in html
    fylke = client.get("/fylke/46/rapport/vlr/?language=en").content.decode()
    assert "The fylkeskommune has not written this section yet." in fylke


def test_editors_see_the_instruction_as_help_text_in_the_editing_views(measured, client, bergen_editor):
    client.force_login(bergen_editor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    listing = client.get("/kommune/4601/rapport/tekster/?language=en").content.decode()
    assert all(text in listing for text in instructions("en"))
    page = client.get("/kommune/4601/rapport/tekster/leave_no_one_behind/?language=en").content.decode()
    instruction = str(SECTIONS["leave_no_one_behind"].instruction)
    assert f'id="id_text_helptext" data-instruction>What to write: {instruction}</p>' in page
    assert 'aria-describedby="id_text_helptext"' in page
    # The editor's report preview is what readers get: the instruction stays in the editing views.
    preview = client.get(f"{VLR}?language=en").content.decode()
    assert instruction not in preview


def test_sections_without_facts_have_no_draft_and_the_others_say_only_what_the_data_say():
    empty = facts(indicators=0, goals_with_results=0)
    assert all(section.draft(empty) is None for section in SECTIONS.values())
    with translation.override("en"):
        drafts = {key: section.draft(facts(red_goals=["13 Climate action"])) for key, section in SECTIONS.items()}
    assert drafts["leave_no_one_behind"] is None and drafts["institutions"] is None and drafts["means"] is None
    assert drafts["conclusion"] == "The measurement rates 1 goal red: 13 Climate action."


# --- plural forms ------------------------------------------------------------------------------------------

def test_counts_take_the_singular_for_one_and_the_plural_for_two():
    with translation.override("en"):
        assert SECTIONS["institutions"].draft(facts(plans=1, actions=1)) == \
            "Bergen has 1 published plan with 1 action in all."
        assert SECTIONS["institutions"].draft(facts(plans=2, actions=2)) == \
            "Bergen has 2 published plans with 2 actions in all."
        assert SECTIONS["means"].draft(facts(partnerships=1)) == "Bergen takes part in 1 published partnership."
        assert SECTIONS["means"].draft(facts(partnerships=2)) == "Bergen takes part in 2 published partnerships."
        assert register_counts(1, 1, 1) == "1 published plan with 1 action, 1 partnership."
        assert register_counts(2, 2, 2) == "2 published plans with 2 actions, 2 partnerships."
        assert "1 of them has measured" in SECTIONS["introduction"].draft(facts(goals_with_results=1))
        assert "2 of them have measured" in SECTIONS["introduction"].draft(facts(goals_with_results=2))


def test_counts_in_bokmal_and_nynorsk_use_the_plural_forms_of_the_catalogue():
    """Needs the merged translation catalogue (the helpers' PO snippets)."""
    with translation.override("nb"):
        assert register_counts(1, 1, 1) == "1 publisert plan med 1 tiltak, 1 partnerskap."
        assert register_counts(2, 2, 2) == "2 publiserte planer med 2 tiltak, 2 partnerskap."
        assert SECTIONS["institutions"].draft(facts(plans=1, actions=2)) == \
            "Bergen har 1 publisert plan med til sammen 2 tiltak."
    with translation.override("nn"):
        assert register_counts(1, 1, 1) == "1 publisert plan med 1 tiltak, 1 partnarskap."
        assert register_counts(2, 2, 2) == "2 publiserte planar med 2 tiltak, 2 partnarskap."


# --- the brief's changes -----------------------------------------------------------------------------------

@pytest.fixture
def mixed_units(tmp_path):
    """Two years of a count (persons), a length (km) and two shares (percent) for Bergen."""
    path = tmp_path / "changes.csv"
    path.write_text("indicator_id,municipality_code,year,value\n"
                    "POP_TOTAL,4601,2030,280000\nPOP_TOTAL,4601,2031,290000\n"
                    "ROAD_KM_MUNICIPAL,4601,2030,100\nROAD_KM_MUNICIPAL,4601,2031,150\n"
                    "POP_SHARE_0_17,4601,2030,20.0\nPOP_SHARE_0_17,4601,2031,19.8\n"
                    "POP_SHARE_67PLUS,4601,2030,15.0\nPOP_SHARE_67PLUS,4601,2031,16.0\n", encoding="utf-8")
    store(prepare_file(path), source="changes.csv")


def test_unit_kinds_tell_shares_from_counts_and_amounts():
    assert [unit_kind(unit) for unit in ("percent", "per cent", "%", "percentage points", "Percent per year")] \
        == [UnitKind.SHARE] * 5
    assert [unit_kind(unit) for unit in ("persons", "km", "NOK per inhabitant", "index", "")] == [UnitKind.LEVEL] * 5


def test_changes_are_ranked_within_their_kind_of_unit(db, mixed_units):
    groups = {group.kind: group for group in changes_since_last_year("4601", "en", limit=100)}
    ours = {"POP_TOTAL", "ROAD_KM_MUNICIPAL", "POP_SHARE_0_17", "POP_SHARE_67PLUS"}
    shares = [change.indicator.pk for change in groups[UnitKind.SHARE].changes if change.indicator.pk in ours]
    levels = [change.indicator.pk for change in groups[UnitKind.LEVEL].changes if change.indicator.pk in ours]
    for group in groups.values():
        assert [change.size for change in group.changes] == sorted((c.size for c in group.changes), reverse=True)
    # +1 point before -0.2 points; +50 % (km) before +3.6 % (persons), though 10,000 persons is the largest number.
    assert shares == ["POP_SHARE_67PLUS", "POP_SHARE_0_17"]
    assert levels.index("ROAD_KM_MUNICIPAL") < levels.index("POP_TOTAL")
    road = next(change for change in groups[UnitKind.LEVEL].changes if change.indicator.pk == "ROAD_KM_MUNICIPAL")
    assert (road.difference, road.percent) == (50, 50)
    share = next(change for change in groups[UnitKind.SHARE].changes if change.indicator.pk == "POP_SHARE_0_17")
    assert share.difference == pytest.approx(-0.2) and share.size == pytest.approx(0.2)


def test_the_brief_writes_a_shares_change_in_percentage_points(measured, client, mixed_units):
    html = client.get("/kommune/4601/rapport/brief/?language=en").content.decode()
    assert 'data-changes="share"' in html and 'data-changes="level"' in html
    assert "-0.2 percentage points" in html and "+1 percentage points" in html
    assert "+50 % (+50 km)" in html
    assert "-0.2 percent:" not in html and "-0.2 percent " not in html
