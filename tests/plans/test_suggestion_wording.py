"""Target suggestions explained in plain words: the engine's stored evidence strings are shown as sentences, the
strength of a match in words, and the numbers only in the details."""

import pytest
from django.utils import translation

from lokalagenda.framework.models import Target
from lokalagenda.plans.suggestions import TargetSuggestion, explain


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.mark.parametrize("stored, words", [
    ('term: "klimagassutslipp" (klimagassutslippene)',
     "The text uses “klimagassutslippene”, a form of “klimagassutslipp”"),
    ('term: "eldre"', "The text uses the word “eldre”"),
    ('similar: "Fornøyd med kollektivtilbudet, ungdom" (KS: Kommunehelsa statistikkbank)',
     "Resembles a KS example from Kommunehelsa statistikkbank: “Fornøyd med kollektivtilbudet, ungdom”"),
    ('passage: "Vi skal (snart) bygge sykkelveier"', "From the document: “Vi skal (snart) bygge sykkelveier”"),
    ("model: classifier 0.08, nearest KS texts 0.07",
     "The wording as a whole resembles the KS examples for this target"),
])
def test_stored_evidence_is_explained_in_words(stored, words):
    assert explain(stored).text == words


def test_model_numbers_go_to_the_details_only():
    line = explain("model: classifier 0.08, nearest KS texts 0.07")
    assert "0.08" not in line.text and line.detail == "classifier 0.08, nearest KS texts 0.07"


@pytest.mark.parametrize("score, strength", [(0.56, "strong match"), (0.13, "moderate match"), (0.05, "weak match")])
def test_strength_of_a_match_is_in_words_and_its_score_in_the_details(score, strength):
    suggestion = TargetSuggestion(Target(code="11.2"), score, ("model: classifier 0.20, nearest KS texts 0.13",))
    assert suggestion.strength == strength
    assert suggestion.details == [f"score {score:.2f} of 1", "classifier 0.20, nearest KS texts 0.13"]
