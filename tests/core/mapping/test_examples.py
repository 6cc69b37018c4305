"""The labelled KS texts and the held-out split the benchmark uses."""

from __future__ import annotations

from pathlib import Path

from lokalagenda.core.mapping.examples import parse_targets, read_ks_texts, scheme_label, split_texts
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
