"""Target suggestions on real Norwegian municipal text, with the evidence a planner reads."""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import numpy as np
import pytest

from lokalagenda.core.mapping import Suggestion, TargetSuggester, engine
from lokalagenda.core.mapping.examples import LabelledText
from lokalagenda.core.mapping.model import GOALS, TrainedModel
from lokalagenda.core.mapping.terms import Term, TermIndex
from tests.core.mapping.conftest import mapping_cache_dir

WASTE = "Kommunen skal øke kildesorteringen av husholdningsavfall og få mer til materialgjenvinning."
NYNORSK_CLIMATE = "Kommunen skal redusere klimagassutsleppa frå vegtrafikken og byggja ut lading for elbilar."


def test_a_text_about_household_waste_sorting_suggests_12_5_first(suggester: TargetSuggester):
    first = suggester.suggest(WASTE)[0]
    assert (first.target, first.goal) == ("12.5", 12)


def test_a_nynorsk_text_about_climate_gas_emissions_suggests_13_2_first(suggester: TargetSuggester):
    first = suggester.suggest(NYNORSK_CLIMATE)[0]
    assert first.target == "13.2"
    assert any(item.startswith('term: "klimagassutslepp"') for item in first.evidence)


def test_an_inflected_compound_is_named_in_the_evidence(suggester: TargetSuggester):
    suggestions = suggester.suggest("Klimagassutslippene i kommunen skal halveres")
    suggestion = next(s for s in suggestions if s.target == "13.2")
    assert 'term: "klimagassutslipp" (klimagassutslippene)' in suggestion.evidence


def test_evidence_names_the_matched_terms_and_a_similar_ks_text(suggester: TargetSuggester):
    evidence = suggester.suggest(WASTE)[0].evidence
    assert 'term: "husholdningsavfall"' in evidence
    similar = [item for item in evidence if item.startswith("similar: ")]
    assert similar and all(item.endswith("(KS: Avfall – Avfall fra husholdninger)") for item in similar)


def test_unrelated_neighbours_are_not_named_and_model_only_suggestions_say_so(suggester: TargetSuggester):
    suggestions = suggester.suggest("Fremmede arter som hagelupin skal bekjempes", top=3)
    assert suggestions[0].target == "15.8"
    assert suggestions[0].evidence == ('term: "fremmede arter"', 'term: "hagelupin"')  # not "Hageavfall - I alt"
    assert all(item.startswith("model: classifier ") for s in suggestions[1:] for item in s.evidence)


def test_a_kindergarten_text_suggests_early_childhood_education(suggester: TargetSuggester):
    assert suggester.suggest("Alle barn skal få barnehageplass, og barnehagedekningen skal økes.")[0].target == "4.2"


@pytest.mark.parametrize("text", ["", "   \n", "–!?"])
def test_a_text_without_words_gets_no_suggestions(suggester: TargetSuggester, text: str):
    assert suggester.suggest(text) == []


def test_scores_are_between_0_and_1_best_first_and_weak_ones_are_left_out(suggester: TargetSuggester):
    assert len(suggester.suggest(WASTE, top=3)) == 3
    suggestions = suggester.suggest(WASTE, top=169)
    scores = [s.score for s in suggestions]
    assert scores == sorted(scores, reverse=True)
    assert all(0 < score <= 1 for score in scores)
    assert 3 <= len(suggestions) < 169
    assert len({s.target for s in suggestions}) == len(suggestions)


def test_suggest_many_answers_each_text_in_order(suggester: TargetSuggester):
    results = suggester.suggest_many([NYNORSK_CLIMATE, "", WASTE], top=3)
    assert [r[0].target if r else None for r in results] == ["13.2", None, "12.5"]
    alone = suggester.suggest(WASTE, top=3)
    assert [s.target for s in results[2]] == [s.target for s in alone]
    assert [s.score for s in results[2]] == pytest.approx([s.score for s in alone], abs=1e-4)


def test_a_suggestion_has_the_cli_shape():
    suggestion = Suggestion("11.6", 11, 0.123456, ('term: "svevestøv"',))
    assert suggestion.as_dict() == {"target": "11.6", "goal": 11, "score": 0.1235, "evidence": ['term: "svevestøv"']}


def test_a_document_profile_sums_to_one_and_points_to_its_passages(suggester: TargetSuggester):
    water = "Drikkevannet skal ha god kvalitet, og vannverket skal ha reservevannforsyning. " * 20  # 220 words
    waste = "Husholdningsavfallet skal sorteres, og mer skal gå til materialgjenvinning og ombruk. " * 20
    profile = suggester.profile_document(f"{water}\n\n{waste}")
    assert len(profile.passages) == 2
    assert set(profile.goals) == set(range(1, 18))
    assert sum(profile.goals.values()) == pytest.approx(1.0)
    assert profile.top_passages[6][0][0] == profile.passages[0]
    assert profile.top_passages[12][0][0] == profile.passages[1]
    assert profile.as_dict()["passages"] == 2


def test_an_empty_document_has_an_empty_profile(suggester: TargetSuggester):
    profile = suggester.profile_document("")
    assert profile.passages == [] and sum(profile.goals.values()) == 0 and profile.top_passages == {}


def test_the_cached_model_is_rebuilt_when_the_labelled_texts_change(
    suggester: TargetSuggester, data_dir: Path, tmp_path: Path
):
    data = tmp_path / "data"
    for relative in ("sdg/targets.csv", "sdg/indicators.csv", "frameworks/ks_sdg_taxonomy_indicators.csv"):
        (data / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(data_dir / relative, data / relative)
    cache = tmp_path / "cache"
    cache.mkdir()
    for stored in mapping_cache_dir().glob("embeddings-*.npz"):  # reuse the vectors; the model is trained anew
        shutil.copy(stored, cache / stored.name)
    TargetSuggester.load(data, cache)
    (first,) = cache.glob("model-*.npz")
    assert TargetSuggester.load(data, cache) is not None and list(cache.glob("model-*.npz")) == [first]

    ks = data / "frameworks" / "ks_sdg_taxonomy_indicators.csv"
    new_title = "Antall solcelleanlegg på kommunale formålsbygg"
    ks.write_text(ks.read_text(encoding="utf-8").replace("Landareal ,", f"{new_title},", 1), encoding="utf-8")
    rebuilt = TargetSuggester.load(data, cache)
    (second,) = cache.glob("model-*.npz")
    assert second != first
    assert any(example.text == new_title for example in rebuilt.examples)


class _FixedEncoder:
    """Every text is the same vector: the test is about how the signals are combined, not about embeddings.

    The labelled examples of these tests are the vector (1, 0), so ``similarity`` is a text's cosine to them.
    """

    name = "fixed"

    def __init__(self, similarity: float = 1.0) -> None:
        self.vector = np.array([similarity, math.sqrt(1 - similarity**2)], dtype=np.float32)

    def encode(self, texts):  # type: ignore[no-untyped-def]
        return np.tile(self.vector, (len(texts), 1))


def _small_suggester() -> TargetSuggester:
    """Goal 1's three targets each have a term in the text; 2.1 has none but is the nearest labelled text's target."""
    targets = ("1.1", "1.2", "1.3", "2.1")
    words = {"1.1": "fattigdom", "1.2": "lavinntekt", "1.3": "sosialhjelp", "2.1": "sult"}
    terms = TermIndex({code: [Term(word, (word,))] for code, word in words.items()}, {})
    examples = [LabelledText("Matmangel", ("2.1",), "KS: Test")]
    return TargetSuggester(targets, terms, examples, _untrained_model(targets), _FixedEncoder())


def _untrained_model(targets: tuple[str, ...], goal_bias: np.ndarray | None = None) -> TrainedModel:
    """Both classifiers give every class the same probability, unless ``goal_bias`` tilts the goal classifier."""
    return TrainedModel(targets, np.array([[1.0, 0.0]], dtype=np.float32), np.zeros((2, len(targets)), np.float32),
                        np.zeros(len(targets), np.float32), np.zeros((2, len(GOALS)), np.float32),
                        np.zeros(len(GOALS), np.float32) if goal_bias is None else goal_bias)


def test_the_goal_a_text_is_about_comes_before_a_lone_target_of_another_goal(monkeypatch: pytest.MonkeyPatch):
    text = "Fattigdom, lavinntekt og sosialhjelp"
    suggester = _small_suggester()
    ranked = suggester.suggest(text, top=4)
    assert [s.goal for s in ranked] == [1, 1, 1, 2]
    assert ranked[0].score == pytest.approx(0.5 / 4 + 0.3 * (1 - math.exp(-math.log(5) / 3)), abs=1e-5)
    monkeypatch.setattr(engine, "GOAL_FIRST", 0.0)  # each target on its own, as before: 2.1 would come first
    assert suggester.suggest(text, top=1)[0].target == "2.1"


def test_the_goal_classifier_decides_between_goals_the_target_classifier_cannot_tell_apart():
    targets = ("1.1", "2.1")
    examples = [LabelledText("Tekst", ("1.1", "2.1"), "KS: Test")]  # the nearest text speaks for both
    even = TargetSuggester(targets, TermIndex({}, {}), examples, _untrained_model(targets), _FixedEncoder())
    assert [s.target for s in even.suggest("Matforsyning i kommunen", top=2)] == ["1.1", "2.1"]  # a tie: code order
    bias = np.zeros(len(GOALS), np.float32)
    bias[GOALS.index(2)] = 5.0  # the goal classifier is sure the text is about goal 2
    sure = TargetSuggester(targets, TermIndex({}, {}), examples, _untrained_model(targets, bias), _FixedEncoder())
    first, second = sure.suggest("Matforsyning i kommunen", top=2)
    assert (first.target, second.target) == ("2.1", "1.1")
    assert first.score == pytest.approx(0.5 / 2 + 0.2)  # its own score is left as it was
    assert second.score < first.score / 2


@pytest.mark.parametrize(("similarity", "closeness"), [(0.99, 1.0), (0.95, 1.0), (0.915, 0.5), (0.88, 0.0), (0.7, 0.0)])
def test_the_nearest_labelled_texts_count_as_far_as_the_nearest_is_close(similarity: float, closeness: float):
    targets = ("1.1", "2.1")
    examples = [LabelledText("Matmangel", ("2.1",), "KS: Test")]
    suggester = TargetSuggester(targets, TermIndex({}, {}), examples, _untrained_model(targets),
                                _FixedEncoder(similarity))
    by_target = {s.target: s.score for s in suggester.suggest("Matforsyning i kommunen", top=2)}
    assert by_target["2.1"] == pytest.approx(0.5 / 2 + 0.2 * closeness, abs=1e-5)
    assert by_target["1.1"] <= by_target["2.1"]


def test_every_term_is_in_a_training_text_of_its_target_that_the_model_reads_whole(tmp_path: Path):
    path = tmp_path / "terms.yaml"
    planner = ", ".join(f"ord{index} i plan" for index in range(30))  # 90 words: more than the model reads
    path.write_text(f'targets:\n  "11.3": {{un: [urbanisering], planner: [{planner}]}}\n', encoding="utf-8")
    texts = engine._term_texts(TermIndex.load(path))
    assert texts[0] == LabelledText("urbanisering", ("11.3",), "terms 11.3")
    assert [len(text.text.split()) for text in texts[1:]] == [63, 27]
    assert ", ".join(text.text for text in texts[1:]) == planner
    assert {text.source for text in texts} == {"terms 11.3"}
