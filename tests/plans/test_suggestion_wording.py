"""Target suggestions explained in plain words: the engine's stored evidence strings are shown as sentences, the
strength of a match in words (how often a suggestion with its score was right in the evaluation), and the
numbers only in the details."""

import pytest
from django.utils import translation

from lokalagenda.core.mapping import calibration
from lokalagenda.core.mapping.calibration import Band, Calibration
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


#: Suggestions scoring under 0.1 were right 1 time in 10, from 0.1 to 0.3 three times, from 0.3 six times.
TESTED = Calibration("test", "a test", (Band(0.0, 0.1, 100), Band(0.1, 0.3, 100), Band(0.3, 0.6, 100)))


@pytest.mark.parametrize("score, strength, right", [
    (0.56, "strong match", 60), (0.13, "moderate match", 30), (0.05, "weak match", 10),
])
def test_strength_of_a_match_is_how_often_such_a_score_was_right_and_the_numbers_are_in_the_details(
    monkeypatch: pytest.MonkeyPatch, score: float, strength: str, right: int
):
    monkeypatch.setattr(calibration, "packaged", lambda: TESTED)
    suggestion = TargetSuggestion(Target(code="11.2"), score, ("model: classifier 0.20, nearest KS texts 0.13",))
    assert suggestion.strength == strength
    assert suggestion.details == [
        f"score {score:.2f} of 1",
        f"in a test on texts unlike those the engine learned from, {right} per cent of the suggestions with this "
        "score were targets KS links the text to",
        "classifier 0.20, nearest KS texts 0.13",
    ]
