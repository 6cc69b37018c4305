"""The Norwegian term lists: every target has terms, and they match inflected, compound and nynorsk forms."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from lokalagenda.core.errors import SourceDataError
from lokalagenda.core.mapping.terms import SOURCE_KINDS, TermIndex, evidenced_terms, title_overlap


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


def test_a_term_for_the_end_of_a_compound_yields_to_another_targets_term_for_the_whole_word(tmp_path: Path):
    path = tmp_path / "terms.yaml"
    path.write_text('targets:\n  "13.2": [klimagassutslipp]\n  "11.6": [utslipp fra trafikk, avfall]\n'
                    '  "12.3": [matavfall]\n', encoding="utf-8")
    index = TermIndex.load(path)
    assert set(index.match("Klimagassutslippene fra veitrafikken")) == {"13.2"}
    assert set(index.match("Utslipp fra veitrafikken")) == {"11.6"}  # no other term names the word
    assert set(index.match("Matavfallet og hageavfallet")) == {"12.3", "11.6"}  # "avfall" still ends "hageavfallet"
    assert index.match("Matavfallet og hageavfallet")["11.6"][0].found == "hageavfallet"


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


def _small_index(tmp_path: Path) -> TermIndex:
    path = tmp_path / "terms.yaml"
    path.write_text('targets:\n  "12.5": [avfall, hageavfall, trivsel på skolen]\n'
                    '  "4.1": [trivsel på skolen, elever]\n  "11.6": [avfall]\n', encoding="utf-8")
    return TermIndex.load(path)


def test_the_terms_a_text_evidences_are_those_found_in_it_for_one_of_its_targets(tmp_path: Path):
    index = _small_index(tmp_path)
    pairs = [("Hageavfall levert til kompostering", ("12.5",)), ("Trivsel på skolen, 7. trinn", ("4.1",))]
    assert evidenced_terms(index, pairs) == {("12.5", "hageavfall"), ("4.1", "trivsel på skolen")}


def test_an_index_without_some_entries_keeps_the_same_term_for_other_targets(tmp_path: Path):
    index = _small_index(tmp_path).without({("12.5", "avfall"), ("4.1", "elever")})
    assert set(index.match("Mer avfall")) == {"11.6"}
    assert "4.1" not in index.match("Elever som trives")
    assert index.weights["avfall"] > _small_index(tmp_path).weights["avfall"]  # now listed by one target only


def test_title_overlap_finds_whole_title_copies_long_phrases_and_coverage(tmp_path: Path):
    index = _small_index(tmp_path)
    titles = [("Hageavfall", ("12.5",)), ("Andel elever: trivsel på skolen i alt", ("4.1",)), ("Landareal", ("15.1",))]
    overlap = title_overlap(index, titles)
    assert overlap.entries == 6 and overlap.titles == 3 and overlap.covered == 2
    assert overlap.copies == [("12.5", "hageavfall", "Hageavfall")]
    assert overlap.phrases == [("12.5", "trivsel på skolen", "Andel elever: trivsel på skolen i alt"),
                               ("4.1", "trivsel på skolen", "Andel elever: trivsel på skolen i alt")]
    assert overlap.evidenced == {("12.5", "hageavfall"), ("4.1", "trivsel på skolen"), ("4.1", "elever")}


def test_every_packaged_entry_names_the_kind_of_source_it_comes_from(terms: TermIndex):
    grouped = terms.by_source()
    assert set(grouped) == set(SOURCE_KINDS)
    assert all(len(grouped[kind]) > 1000 for kind in SOURCE_KINDS)
    assert {term.source for term in terms.terms["12.5"]} == {"un", "planner"}


def test_a_term_file_with_an_unknown_source_kind_is_refused(tmp_path: Path):
    path = tmp_path / "terms.yaml"
    path.write_text('targets:\n  "11.6": {un: [luftkvalitet], ks: [svevestøv]}\n', encoding="utf-8")
    with pytest.raises(SourceDataError) as raised:
        TermIndex.load(path)
    assert "unknown source kind ks" in str(raised.value) and "11.6" in str(raised.value)


def test_a_term_listed_under_two_kinds_is_kept_once_under_the_first(tmp_path: Path):
    path = tmp_path / "terms.yaml"
    path.write_text('targets:\n  "6.1": {un: [drikkevann], planner: [vannverk, drikkevann]}\n', encoding="utf-8")
    index = TermIndex.load(path)
    assert [(term.text, term.source) for term in index.terms["6.1"]] == [("drikkevann", "un"), ("vannverk", "planner")]


#: Systematic bokmål spellings and their nynorsk forms (Nynorskordboka, ordbokene.no, Språkrådet and the University
#: of Bergen): a target that lists a term with the bokmål spelling must also list a term with one of the nynorsk
#: ones ("tjenester" → "tenester", "sikkerhet" → "tryggleik", "ulikhet" → "ulikskap", "skoler" → "skular").
NYNORSK_FORMS = [
    (r"tjeneste", ("tenest",)), (r"sykdom", ("sjukdom",)), (r"syke", ("sjuke",)), (r"\bikke\b", ("ikkje",)),
    (r"hjem", ("heim",)), (r"vann", ("vatn", "vass")), (r"forurens", ("forurein",)), (r"utslipp", ("utslepp",)),
    (r"bolig", ("bustad",)), (r"innbygger", ("innbyggjar",)), (r"\bhøy(?!ring)", ("høg",)),
    (r"skole", ("skule", "skul")), (r"lærer", ("lærar",)), (r"bærekraft", ("berekraft",)),
    (r"mangfold", ("mangfald",)), (r"vold", ("vald",)), (r"utenfor", ("utanfor",)),
    (r"voksn|voksen", ("vaksn", "vaksen")),
    (r"het\b|heter\b", ("heit", "leik", "semd", "skap", "eining", "medvit", "fridom", "rettar")),
]


def test_the_systematic_bokmal_spellings_have_their_nynorsk_forms(terms: TermIndex):
    missing = []
    for target, target_terms in terms.terms.items():
        texts = [term.text for term in target_terms]
        for text in texts:
            for bokmal, nynorsk in NYNORSK_FORMS:
                if re.search(bokmal, text) and not any(form in other for other in texts for form in nynorsk):
                    missing.append((target, text))
    assert missing == []
    assert "kjeldesortering" in {term.text for term in terms.terms["12.5"]}


def test_nynorsk_plan_wording_finds_its_targets(terms: TermIndex):
    assert "sjukeheimsplass" in found(terms, "Kommunen treng fleire sjukeheimsplassar", "3.8")
    assert "trafikktryggleik" in found(terms, "Plan for trafikktryggleik 2026–2030", "3.6")
    assert "vassforsyning" in found(terms, "Vassforsyninga skal vere sikker", "6.1")
