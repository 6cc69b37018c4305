"""The labelled KS texts and the held-out split the benchmark uses."""

from __future__ import annotations

from pathlib import Path

from lokalagenda.core.mapping.examples import (
    LabelledText,
    leave_one_scheme_out,
    parse_targets,
    read_indicator_texts,
    read_ks_texts,
    scheme_label,
    split_texts,
    without_near_duplicates,
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
    assert sorted(fold.scheme for fold in folds) == sorted(s for s, n in sizes.items() if n >= 20)
    for fold in folds:
        assert {t.source for t in fold.test} == {fold.scheme}
        assert fold.scheme not in {t.source for t in fold.train}
        assert {" ".join(tokens(t.text)) for t in fold.train}.isdisjoint({" ".join(tokens(t.text)) for t in fold.test})
        assert len(fold.test) == sizes[fold.scheme] and len(fold.train) <= len(texts) - len(fold.test)


def _text(text: str, source: str, target: str = "8.5") -> LabelledText:
    return LabelledText(text, (target,), source)


def test_a_fold_leaves_out_the_same_title_in_another_scheme_and_only_schemes_large_enough_are_folds():
    oecd = [_text("Unemployment rate", "KS: OECD"), _text("Youth unemployment rate", "KS: OECD")]
    jrc = [_text("Unemployment  rate.", "KS: JRC"), _text("Gini index", "KS: JRC", "10.1")]
    small = [_text("Arbeidsledighet", "KS: Liten")]
    folds = leave_one_scheme_out(oecd + jrc + small, min_texts=2)
    assert [fold.scheme for fold in folds] == ["KS: JRC", "KS: OECD"]
    jrc_fold, oecd_fold = folds
    assert [t.text for t in jrc_fold.train] == ["Youth unemployment rate", "Arbeidsledighet"]
    assert [t.text for t in oecd_fold.train] == ["Gini index", "Arbeidsledighet"]


def test_a_near_duplicate_takes_its_translation_out_of_training_too(data_dir: Path):
    indicators = read_indicator_texts(data_dir / "sdg" / "indicators.csv")
    english = next(t for t in indicators if t.source == "FN-indikator 8.5.2" and t.text.startswith("Unemployment"))
    kept = without_near_duplicates(indicators, [english.text.upper()])
    assert not any(t.source == "FN-indikator 8.5.2" for t in kept)
    assert len(kept) == len(indicators) - 2 and english.targets == ("8.5",)
