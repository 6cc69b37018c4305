"""Search finds other inflections, compounds and nynorsk forms, and gives the same practices and facet counts
on SQLite and PostgreSQL: both are checked against the shared normaliser evaluated in Python."""

from __future__ import annotations

from typing import Any

import pytest

from lokalagenda.core.search.norwegian import index_terms, parse_query
from lokalagenda.practices.models import Practice
from lokalagenda.practices.search import Filters, document_text, highlighted, search

TEXTS = [
    ("Klimagassutslippene fra ferjene halvert", "Elektriske ferjer kuttet utsleppa frå sjøtransporten.",
     ("0301",), ("13.2",), 2019),
    ("Mindre matsvinn i skolekantinene", "Elevene kastar ikkje lenger maten.", ("4601",), ("12.3",), 2021),
    ("Sykkelveier for barn", "Tryggere skolevei gir flere syklister og mindre klimagasser.", ("0301", "4601"),
     ("11.2", "13.2"), 2021),
    ("Bærekraftsmål i kommuneplanen", "Kommunen bruker berekraftsmåla i planlegginga.", ("5001",),
     ("11.3", "17.14"), 2022),
    ("Hva får vi ut av energisparing?", "Energieffektive bygg i kommunen.", ("1103",), ("7.3",), 2020),
]
QUERIES = ["klimagasser", "utslipp", "klimagassutslepp", "matsvinnet", "skoleveien", "bærekraftsmål",
           "planlegging kommune", "far", "får", "sykkel barn", "ikke", "energi"]


@pytest.fixture
def library(make_practice: Any, oslo_editor: Any) -> list[Practice]:
    return [make_practice(oslo_editor, title=title, summary=summary, kommuner=kommuner, targets=targets,
                          start_year=year, published=True)
            for title, summary, kommuner, targets, year in TEXTS]


def _expected(library: list[Practice], text: str) -> set[int]:
    query = parse_query(text)
    return {p.pk for p in library if query.matches(index_terms(document_text(p)))}


@pytest.mark.parametrize("text", QUERIES)
def test_the_database_finds_what_the_normaliser_matches(library: list[Practice], text: str) -> None:
    result = search(Practice.objects.published(), text)
    assert set(result.ids) == _expected(library, text)


def test_another_inflection_compound_or_nynorsk_form_finds_the_practice(library: list[Practice]) -> None:
    ferries = library[0]
    for text in ["klimagasser", "utslipp", "klimagassutslepp", "sjøtransport"]:
        assert ferries.pk in search(Practice.objects.published(), text).ids, text
    assert library[4].pk in search(Practice.objects.published(), "får").ids
    assert library[4].pk not in search(Practice.objects.published(), "far").ids


def test_facet_counts_agree_with_the_hits(library: list[Practice]) -> None:
    result = search(Practice.objects.published(), "klimagass")
    hits = Practice.objects.filter(id__in=result.ids)
    goals = {goal: hits.filter(targets__goal=goal).distinct().count() for goal, _ in result.facets["goal"]}
    assert dict(result.facets["goal"]) == goals
    assert dict(result.facets["year"]) == {year: hits.filter(start_year=year).count()
                                           for year in set(hits.values_list("start_year", flat=True))}
    assert sum(n for _, n in result.facets["fylke"]) >= len(result.ids) > 0


def test_a_facet_narrows_the_hits(library: list[Practice]) -> None:
    everything = search(Practice.objects.published(), "klimagass")
    bergen = search(Practice.objects.published(), "klimagass", Filters(fylke="46"))
    assert set(bergen.ids) < set(everything.ids)
    assert all(Practice.objects.get(pk=pk).kommuner.filter(fylke="46").exists() for pk in bergen.ids)
    assert set(search(Practice.objects.published(), "", Filters(goal=12)).ids) == {library[1].pk}


def test_highlight_marks_the_matching_words_and_escapes_the_rest() -> None:
    html = highlighted("<b>Utsleppa</b> gikk ned", parse_query("utslipp"))
    assert html == "&lt;b&gt;<mark>Utsleppa</mark>&lt;/b&gt; gikk ned"


def test_drafts_are_found_only_by_their_own_organisation(make_practice: Any, oslo_editor: Any,
                                                        bergen_editor: Any) -> None:
    draft = make_practice(oslo_editor, title="Klimagassregnskap for Oslo")
    assert draft.pk in search(Practice.objects.visible_to(oslo_editor), "klimagass").ids
    assert draft.pk not in search(Practice.objects.visible_to(bergen_editor), "klimagass").ids
    assert draft.pk not in search(Practice.objects.published(), "klimagass").ids


def test_an_edit_and_a_deletion_reach_the_index(make_practice: Any, oslo_editor: Any, oslo_admin: Any) -> None:
    """The admin's edit of a published practice is live at once, so it reaches the index (an editor's waits for
    approval: see test_revisions)."""
    from lokalagenda.practices import services

    practice = make_practice(oslo_editor, title="Sykkelparkering", published=True)
    assert search(Practice.objects.all(), "sykkel").ids == [practice.pk]
    data = services.PracticeData(title="Ladestasjoner", summary="For elbiler.", body="", kommuner=[],
                                 start_year=2020, end_year=None, targets=[], partners=[], themes=[])
    services.save_practice(practice.organisation, oslo_admin, data, practice)
    assert search(Practice.objects.all(), "sykkel").ids == []
    assert search(Practice.objects.all(), "ladestasjon").ids == [practice.pk]
    services.delete_practice(practice, oslo_admin)
    assert search(Practice.objects.all(), "ladestasjon").ids == []


def test_the_search_page_shows_highlighted_hits_and_facets_that_narrow(library: list[Practice], client: Any) -> None:
    import re

    client.cookies["lokalagenda_language"] = "en"
    html = client.get("/erfaringer/", {"q": "klimagass"}).content.decode()
    expected = _expected(library, "klimagass")
    assert set(map(int, re.findall(r'data-practice="(\d+)"', html))) == expected
    assert "<mark>Klimagassutslippene</mark>" in html
    fylke_links = re.findall(r'<ul class="ds-list facet" data-facet="fylke">(.*?)</ul>', html, re.S)[0]
    link = re.search(r'href="([^"]*fylke=46[^"]*)"', fylke_links).group(1).replace("&amp;", "&")
    narrowed = client.get("/erfaringer/" + link).content.decode()
    bergen = set(search(Practice.objects.published(), "klimagass", Filters(fylke="46")).ids)
    assert set(map(int, re.findall(r'data-practice="(\d+)"', narrowed))) == bergen
    assert 'aria-current="true"' in narrowed
