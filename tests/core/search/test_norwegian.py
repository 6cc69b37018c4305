"""The shared Norwegian normaliser: inflections, compounds and nynorsk variants meet in the same terms."""

from __future__ import annotations

import pytest

from lokalagenda.core.search.norwegian import compound_parts, highlight, index_terms, parse_query, stem


@pytest.mark.parametrize(("one", "other"), [
    ("klimagasser", "klimagass"), ("utslippene", "utslipp"), ("utsleppa", "utslipp"),
    ("planlegginga", "planlegging"), ("bilar", "biler"), ("kommunane", "kommunen"),
])
def test_inflections_and_nynorsk_forms_share_a_stem(one: str, other: str) -> None:
    assert stem(one) == stem(other)


def test_diacritics_keep_words_apart() -> None:
    assert stem("får") != stem("far")
    assert not parse_query("far").matches(index_terms("Hva får vi til?"))


def test_compounds_are_split_into_known_parts() -> None:
    assert compound_parts(stem("klimagassutslippene")) == ("klimagass", "utslipp")
    assert compound_parts(stem("bærekraftsmål")) == ("bærekraft", "mål")
    assert compound_parts(stem("kommunen")) == ()


@pytest.mark.parametrize(("query", "text"), [
    ("klimagasser", "Vi halverte klimagassutslippet i kommunen."),
    ("utslepp", "Tiltaket kutter klimagassutslipp fra transport."),
    ("klimagassutslipp", "Klimagassene og utsleppa frå bilar gikk ned."),
    ("ikkje matsvinn", "Maten blir ikke kastet: mindre matsvinnet."),
    ("berekraftsmåla", "Kommunen jobber med bærekraftsmålene."),
])
def test_a_query_finds_other_inflections_compounds_and_variants(query: str, text: str) -> None:
    assert parse_query(query).matches(index_terms(text))


def test_every_query_term_must_match() -> None:
    assert not parse_query("klimagass sykkel").matches(index_terms("Klimagassutslipp fra biler."))


def test_a_query_without_searchable_words_is_empty_and_matches_nothing() -> None:
    query = parse_query("og i på 2030 !!")
    assert not query
    assert not query.matches(index_terms("og i på"))


def test_highlight_marks_matching_words_and_keeps_the_rest() -> None:
    text = "Kommunen kutter <klimagassutslippene> fra biler."
    pieces = highlight(text, parse_query("utslepp bil"))
    assert "".join(piece for piece, _ in pieces) == text
    assert [piece for piece, marked in pieces if marked] == ["klimagassutslippene", "biler"]


def test_a_long_query_keeps_its_first_terms_only() -> None:
    from lokalagenda.core.search.norwegian import MAX_TERMS

    text = " ".join(f"ord{chr(97 + i // 26)}{chr(97 + i % 26)}x" for i in range(MAX_TERMS + 5))
    assert len(parse_query(text).terms) == MAX_TERMS
