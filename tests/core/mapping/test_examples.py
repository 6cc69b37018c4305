"""The labelled KS texts and the held-out split the benchmark uses."""

from __future__ import annotations

from pathlib import Path

import pytest

from lokalagenda.core.errors import SourceDataError
from lokalagenda.core.mapping.examples import (
    SIBLING_SIMILARITY,
    LabelledText,
    inverse_document_frequencies,
    leave_one_scheme_out,
    leave_one_topic_out,
    parse_targets,
    read_indicator_texts,
    read_ks_texts,
    read_labelled_file,
    scheme_label,
    split_texts,
    tfidf_vectors,
    without_near_duplicates,
    without_siblings,
)
from lokalagenda.core.mapping.text import tokens


def test_indicator_codes_count_as_their_target_and_junk_is_skipped():
    assert parse_targets("11.6; 3.5.2;11.6;  ;x") == ("11.6", "3.5")


def test_un_indicator_titles_lose_their_leading_code(data_dir: Path):
    texts = read_ks_texts(data_dir / "frameworks" / "ks_sdg_taxonomy_indicators.csv")
    un = [t for t in texts if t.source == "KS: UN SDG indicators"]
    assert un and not any(t.text[:1].isdigit() and "." in t.text[:4] for t in un)
    assert all(t.targets for t in texts)


def test_the_split_is_fixed_and_keeps_each_wording_on_one_side(data_dir: Path):
    texts = read_ks_texts(data_dir / "frameworks" / "ks_sdg_taxonomy_indicators.csv")
    train, test = split_texts(texts)
    assert split_texts(texts) == (train, test)
    assert len(train) + len(test) == len(texts)
    assert {" ".join(tokens(t.text)) for t in train}.isdisjoint({" ".join(tokens(t.text)) for t in test})
    assert 0.15 < len(test) / len(texts) < 0.25


def test_scheme_ids_read_as_names():
    assert scheme_label("Avfall---Avfall-fra-husholdninger") == "Avfall – Avfall fra husholdninger"
    assert scheme_label("Areal---Plan--og-byggesaksbehandlinger") == "Areal – Plan- og byggesaksbehandlinger"
    assert scheme_label("Elevundersøkelsen-(5.-10.-trinn-og-vg1-vg3)") == "Elevundersøkelsen (5.–10. trinn og vg1 vg3)"


def test_leave_one_scheme_out_never_puts_a_scheme_or_a_wording_on_both_sides(data_dir: Path):
    texts = read_ks_texts(data_dir / "frameworks" / "ks_sdg_taxonomy_indicators.csv")
    folds = leave_one_scheme_out(texts)
    sizes = {source: sum(t.source == source for t in texts) for source in {t.source for t in texts}}
    assert sorted(fold.name for fold in folds) == sorted(s for s, n in sizes.items() if n >= 20)
    for fold in folds:
        assert {t.source for t in fold.test} == {fold.name}
        assert fold.name not in {t.source for t in fold.train}
        assert {" ".join(tokens(t.text)) for t in fold.train}.isdisjoint({" ".join(tokens(t.text)) for t in fold.test})
        assert len(fold.test) == sizes[fold.name] and len(fold.train) <= len(texts) - len(fold.test)


def _text(text: str, source: str, target: str = "8.5") -> LabelledText:
    return LabelledText(text, (target,), source)


def test_a_fold_leaves_out_the_same_title_in_another_scheme_and_only_schemes_large_enough_are_folds():
    oecd = [_text("Unemployment rate", "KS: OECD"), _text("Youth unemployment rate", "KS: OECD")]
    jrc = [_text("Unemployment  rate.", "KS: JRC"), _text("Gini index", "KS: JRC", "10.1")]
    small = [_text("Arbeidsledighet", "KS: Liten")]
    folds = leave_one_scheme_out(oecd + jrc + small, min_texts=2)
    assert [fold.name for fold in folds] == ["KS: JRC", "KS: OECD"]
    jrc_fold, oecd_fold = folds
    assert [t.text for t in jrc_fold.train] == ["Youth unemployment rate", "Arbeidsledighet"]
    assert [t.text for t in oecd_fold.train] == ["Gini index", "Arbeidsledighet"]


def test_a_near_duplicate_takes_its_translation_out_of_training_too(data_dir: Path):
    indicators = read_indicator_texts(data_dir / "sdg" / "indicators.csv")
    english = next(t for t in indicators if t.source == "FN-indikator 8.5.2" and t.text.startswith("Unemployment"))
    kept = without_near_duplicates(indicators, [english.text.upper()])
    assert not any(t.source == "FN-indikator 8.5.2" for t in kept)
    assert len(kept) == len(indicators) - 2 and english.targets == ("8.5",)


def test_leave_one_topic_out_tests_each_text_once_and_keeps_its_topic_and_siblings_out_of_training(data_dir: Path):
    texts = read_ks_texts(data_dir / "frameworks" / "ks_sdg_taxonomy_indicators.csv")
    folds = leave_one_topic_out(texts)
    firsts = {text.topics[0] for text in texts if text.topics}
    assert {fold.name for fold in folds} == {t for t in firsts if sum(x.topics[:1] == (t,) for x in texts) >= 20}
    assert len(folds) >= 8 and "Water_and_waste" in {fold.name for fold in folds}
    tested = [text for fold in folds for text in fold.test]
    assert len(tested) == len(set(map(id, tested)))  # no text is tested twice
    for fold in folds:
        assert all(text.topics[0] == fold.name for text in fold.test)
        assert not any(fold.name in text.topics for text in fold.train)
    energy = next(fold for fold in folds if fold.name == "Energy")  # the sludge titles of the sewage scheme
    idf = inverse_document_frequencies([t.text for t in [*energy.train, *energy.test]])
    test_vectors = tfidf_vectors([t.text for t in energy.test], idf)
    for vector in tfidf_vectors([t.text for t in energy.train], idf):  # idf as without_siblings's, within 0.02
        assert max(sum(v * w.get(g, 0.0) for g, v in vector.items()) for w in test_vectors) < SIBLING_SIMILARITY + 0.02


def test_a_sibling_title_leaves_training_with_its_translation_and_other_titles_stay():
    training = [
        _text("Mengde slam levert til jordprodusent", "KS: Avløp", "6.3"),
        _text("Antall sysselsatte i industrien", "KS: Arbeid"),
        _text("Proportion of sludge delivered to soil producers", "FN-indikator 6.3.9", "6.3"),
        _text("Andel slam levert til jordprodusenter", "FN-indikator 6.3.9", "6.3"),
    ]
    kept = without_siblings(training, ["Andel slam levert til jordprodusent"])
    assert [t.text for t in kept] == ["Antall sysselsatte i industrien"]


def test_ks_texts_carry_their_topics_in_the_taxonomys_order(data_dir: Path):
    texts = read_ks_texts(data_dir / "frameworks" / "ks_sdg_taxonomy_indicators.csv")
    waste = [t for t in texts if t.source == "KS: Avfall – Avfall fra husholdninger"]
    assert waste and all(t.topics == ("Water_and_waste",) for t in waste)
    assert any(len(t.topics) > 1 for t in texts)


FIXTURES = Path(__file__).parent / "fixtures"
KNOWN = ["3.4", "4.1", "6.3", "8.5", "11.6", "12.3", "12.5"]


def test_a_held_back_file_of_texts_and_targets_is_read_with_indicator_codes_as_their_target():
    texts = read_labelled_file(FIXTURES / "held_back.csv", known_targets=KNOWN)
    assert [(t.targets, t.source) for t in texts] == [
        (("6.3",), "hand-made"), (("12.3", "12.5"), "hand-made"), (("3.4",), "held_back.csv"),
    ]
    assert texts[2].text.startswith("Barn og unge som deltar")


def test_a_bad_held_back_file_names_the_file_row_and_column_of_every_problem():
    path = FIXTURES / "held_back_bad.csv"
    with pytest.raises(SourceDataError) as caught:
        read_labelled_file(path, known_targets=KNOWN)
    assert [(str(location), message) for location, message in caught.value.problems] == [
        (f"{path}, row 3, column 'text'", "the text is empty"),
        (f"{path}, row 4, column 'targets'",
         "'mål 11' is not an SDG target code (such as 11.6) or indicator code (11.6.1)"),
        (f"{path}, row 5, column 'targets'", "no target is given"),
        (f"{path}, row 6, column 'targets'", "'4.9': there is no SDG target 4.9"),
    ]


def test_a_held_back_file_without_the_columns_says_which_are_missing_and_which_were_found():
    path = FIXTURES / "held_back_no_targets_column.csv"
    with pytest.raises(SourceDataError, match=r"row 1: the header needs the columns 'text' and 'targets'.*"
                                              r"missing 'text', 'targets', found 'tekst', 'delmål'"):
        read_labelled_file(path)
    with pytest.raises(SourceDataError, match=r"nowhere\.csv: file not found"):
        read_labelled_file(FIXTURES / "nowhere.csv")


def test_a_held_back_ks_taxonomy_export_is_read_like_the_bundles_and_skips_unlinked_concepts():
    texts = read_labelled_file(FIXTURES / "held_back_ks_layout.csv")
    assert [(t.source, t.targets, t.topics) for t in texts] == [
        ("KS: De norske målepunktene", ("12.5",), ("Water_and_waste",)),
        ("KS: Annet sett", ("8.5",), ("Work_and_employment",)),
    ]
