"""Normalising Norwegian text and splitting plans into passages."""

from __future__ import annotations

from lokalagenda.core.mapping.text import PASSAGE_WORDS, split_passages, tokens


def test_tokens_are_lower_case_words_with_hyphens_split():
    assert tokens("Glass- og metallemballasje, EE-avfall og Æøå!") == [
        "glass", "og", "metallemballasje", "ee", "avfall", "og", "æøå"
    ]


def test_short_paragraphs_are_merged_and_long_ones_split_between_sentences():
    heading = "Klima og miljø"
    sentence = "Kommunen skal redusere utslippene fra transport og bygg innen 2030. "
    long_paragraph = sentence * 100  # 1,000 words
    passages = split_passages(f"{heading}\n\n{long_paragraph}\n\nSlutt.")
    assert passages[0].startswith(heading)
    assert all(len(p.split()) <= PASSAGE_WORDS for p in passages)
    assert sum(len(p.split()) for p in passages) == len(f"{heading} {long_paragraph} Slutt.".split())


def test_a_document_without_words_has_no_passages():
    assert split_passages("\n\n  \n") == []


def test_headings_start_new_passages_once_a_passage_says_enough():
    climate = "Kommunen skal redusere klimagassutslippene fra transport, bygg og landbruk med seksti prosent. " * 2
    plan = f"# Samfunnsdelen\n## Klima\n{climate}\n## Oppvekst\nAlle barn skal ha barnehageplass.\n\nKort avsnitt.\n"
    passages = split_passages(plan)
    assert passages == [
        f"# Samfunnsdelen\n## Klima\n{climate.strip()}",
        "## Oppvekst\nAlle barn skal ha barnehageplass.\nKort avsnitt.",
    ]


def test_wrapped_lines_of_a_paragraph_are_joined():
    assert split_passages("Kommunen skal redusere\nklimagassutslippene fra\ntransport.") == [
        "Kommunen skal redusere klimagassutslippene fra transport."
    ]
