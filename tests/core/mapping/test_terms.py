"""The Norwegian term lists: every target has terms, and they match inflected, compound and nynorsk forms."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from lokalagenda.core.errors import SourceDataError
from lokalagenda.core.mapping.terms import TermIndex


@pytest.fixture(scope="module")
def terms(data_dir: Path) -> TermIndex:
    with (data_dir / "sdg" / "targets.csv").open(encoding="utf-8") as handle:
        codes = [row["code"] for row in csv.DictReader(handle)]
    return TermIndex.load(known_targets=codes)


def found(terms: TermIndex, text: str, target: str) -> dict[str, str]:
    return {hit.term: hit.found for hit in terms.match(text).get(target, [])}


def test_every_one_of_the_169_targets_has_terms(terms: TermIndex, data_dir: Path):
    with (data_dir / "sdg" / "targets.csv").open(encoding="utf-8") as handle:
        codes = {row["code"] for row in csv.DictReader(handle)}
    assert set(terms.terms) == codes
    assert all(terms.terms[code] for code in codes)


def test_an_inflected_compound_matches_its_stem(terms: TermIndex):
    assert found(terms, "Klimagassutslippene skal ned.", "13.2") == {"klimagassutslipp": "klimagassutslippene"}


def test_a_term_at_the_end_of_a_compound_matches(terms: TermIndex):
    assert found(terms, "Mengda husholdningsavfallet går ned", "12.5") == {
        "husholdningsavfall": "husholdningsavfallet"
    }


def test_nynorsk_forms_match(terms: TermIndex):
    hits = found(terms, "Kommunen skal auke kjeldesorteringa av hushaldsavfallet", "12.5")
    assert hits == {"kjeldesortering": "kjeldesorteringa", "hushaldsavfall": "hushaldsavfallet"}


def test_a_term_of_several_words_matches_them_in_order(terms: TermIndex):
    assert "fornybar energi" in found(terms, "Mer fornybar energiforsyning i kommunen", "7.2")
    assert "fornybar energi" not in found(terms, "energi som er fornybar", "7.2")


def test_the_longest_term_at_a_place_is_the_evidence(terms: TermIndex):
    assert "utslipp" not in found(terms, "klimagassutslippene", "13.2")


def test_compound_exceptions_do_not_match(terms: TermIndex):
    assert "8.5" not in terms.match("Samarbeidet med foreldre er godt")
    assert "fritidsbolig" in found(terms, "Mange fritidsboliger i fjellet", "15.4")
    assert "bolig" not in found(terms, "Mange fritidsboliger i fjellet", "11.1")


def test_a_short_term_only_matches_at_the_start_of_a_word(terms: TermIndex):
    assert "tog" in found(terms, "Toget går hver time", "11.2")
    assert "tog" not in found(terms, "Fotografen kom", "11.2")


def test_a_term_file_with_an_unknown_target_is_refused(tmp_path: Path):
    path = tmp_path / "terms.yaml"
    path.write_text('targets:\n  "11.6": [luftkvalitet]\n  "18.1": [noe]\n  "11.99": [x]\n', encoding="utf-8")
    with pytest.raises(SourceDataError) as raised:
        TermIndex.load(path, known_targets=["11.6"])
    assert "18.1" in str(raised.value) and "11.99" in str(raised.value)
