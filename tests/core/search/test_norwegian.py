"""The shared Norwegian normaliser: inflections, compounds and nynorsk variants meet in the same terms."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from lokalagenda.core.search import norwegian
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


@pytest.fixture
def known_part_checks(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every candidate part the splitter looks up, with the memos emptied so earlier tests do not hide work."""
    checked: list[str] = []
    known = norwegian._known

    def counting(part: str) -> bool:
        checked.append(part)
        return known(part)

    monkeypatch.setattr(norwegian, "_known", counting)
    norwegian.compound_parts.cache_clear()
    getattr(norwegian._split, "cache_clear", lambda: None)()  # the memo this fixture is about
    yield checked
    norwegian.compound_parts.cache_clear()
    getattr(norwegian._split, "cache_clear", lambda: None)()


def test_splitting_a_word_of_repeated_parts_grows_with_its_square_not_exponentially(
        known_part_checks: list[str]) -> None:
    """'bile' is 'bil' and a linking 'e': every four letters double the ways to cut it, so an unmemoised split of a
    92-letter word took 39 s. A 60-letter one must take at most a few thousand look-ups."""
    compound_parts("bile" * 14 + "bilx")
    assert len(known_part_checks) < 3_000


def test_longer_words_are_kept_whole_and_never_split(known_part_checks: list[str]) -> None:
    word = "bile" * 50
    assert compound_parts(word) == ()
    assert known_part_checks == []
    assert [term.word for term in parse_query(word).terms] == [word]
    assert stem(word) in index_terms(f"Om {word} i kommunen")


def test_only_the_first_terms_of_a_query_are_split(known_part_checks: list[str]) -> None:
    from lokalagenda.core.search.norwegian import MAX_TERMS

    text = " ".join(f"ord{chr(97 + i)}x" for i in range(MAX_TERMS)) + " " + "bile" * 10
    query = parse_query(text)
    assert len(query.terms) == MAX_TERMS
    assert not any(part.startswith("bileb") for part in known_part_checks)


def test_a_query_reads_only_its_first_characters() -> None:
    from lokalagenda.core.search.norwegian import MAX_QUERY_CHARS

    text = "klima " * (MAX_QUERY_CHARS // 6 + 1) + "skog"
    assert "skog" not in [term.word for term in parse_query(text).terms]
    assert "skog" in [term.word for term in parse_query(text[-40:]).terms]
