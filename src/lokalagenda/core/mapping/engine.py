"""Ranked SDG target suggestions for Norwegian text, with the evidence a planner can check.

The score of a target for a text is one number in [0, 1]. First the three signals are combined::

    combined = 0.5 · classifier + 0.2 · neighbours + 0.3 · terms

* ``classifier``: the probability the softmax classifier (trained on the labelled KS texts and each target's
  description: its English and bokmål texts, its UN indicators' titles and its term lists, one text per kind of
  source cut at the words the embedding model reads, see :func:`_term_texts`, over e5 embeddings;
  each text weighted by ``1 / sqrt(size of its source)``, then so that every target's texts weigh the same,
  then a KS title by :data:`~lokalagenda.core.mapping.model.KS_WEIGHT`, see
  :func:`~lokalagenda.core.mapping.model.training_weights`) gives the target;
* ``neighbours``: the similarity-weighted share of the :data:`NEIGHBOURS` most similar labelled texts that are
  linked to the target (weights ``exp(similarity / 0.02)``), times how close the nearest of them is
  (:data:`NEIGHBOUR_CLOSENESS`: nothing at a similarity unrelated texts reach, in full from one only a text on
  the same subject reaches);
* ``terms``: ``1 − exp(−w / 3)`` where ``w`` is the summed weight of the distinct terms of the target found in
  the text (see :mod:`lokalagenda.core.mapping.terms`).

Then the goal comes first: a goal's strength is ``0.5 · goal classifier + 0.2 · neighbours + 0.3 · terms``, where
``goal classifier`` is the probability a second softmax classifier, trained on the same texts with their targets'
goals as labels, gives the goal, and the other two are summed over the goal's targets. Each target's score is its
combined score times its goal's strength relative to the best goal's (see :meth:`TargetSuggester._goal_first`), so
the targets of the goal a text is about come before a lone strong target of another goal.

The weights and the temperature were chosen by a grid search on a validation quarter of the benchmark's training
texts (never on its test texts); the terms keep a large weight because they are what a planner can check. The
goal-first step, the UN indicator titles and the weighting by source were added after the leave-one-scheme-out
evaluation of ``benchmarks/text_mapping.py`` (see its section of ``benchmarks/README.md``), the balancing by
target, the goal classifier, the neighbours' closeness and the KS titles' weight after its leave-one-topic-out
evaluation; the weights were left as they were, since a grid over them on the leave-one-scheme-out evaluation
moved its averages by about as much as its noise.
The evidence lists the matched terms first, then the most similar labelled texts linked to the target.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from lokalagenda.core.datadir import DataDirectory
from lokalagenda.core.mapping.examples import (
    INDICATORS_FILE,
    KS_FILE,
    TARGETS_FILE,
    LabelledText,
    read_indicator_texts,
    read_ks_texts,
    read_target_texts,
    without_near_duplicates,
    without_siblings,
)
from lokalagenda.core.mapping.model import EMBED_WORDS, GOALS, E5Encoder, Encoder, TrainedModel, build_model
from lokalagenda.core.mapping.terms import TermHit, TermIndex
from lokalagenda.core.mapping.text import clip_words, split_passages, tokens

#: How the three signals are combined (they sum to 1, so the score stays in [0, 1]).
WEIGHTS = {"classifier": 0.5, "neighbours": 0.2, "terms": 0.3}
NEIGHBOURS = 10
#: How much the goal's strength weighs on its targets' scores (goal first, then the targets within it).
GOAL_FIRST = 1.0
NEIGHBOUR_TEMPERATURE = 0.02
#: The nearest labelled texts are evidence in proportion to how close the nearest is: not at all at the first
#: similarity or below (e5's similarities are compressed, unrelated Norwegian texts often reach 0.88), in full
#: from the second. A text on a subject no labelled text covers has neighbours all the same, and their targets
#: are then noise; the leave-one-topic-out evaluation showed it (``benchmarks/README.md``).
NEIGHBOUR_CLOSENESS = (0.88, 0.95)
TERM_SATURATION = 3.0
#: The embedding model reads this many words of a document passage (one or two sentences).
DOCUMENT_EMBED_WORDS = 24
#: Targets whose combined signals (before the goal-first weighting) are below this are left out: they are
#: noise, not evidence. A target of a weaker goal that passes may show a lower score after the weighting.
MIN_SCORE = 0.02
#: At most this many terms and similar texts are named per suggestion.
EVIDENCE_TERMS = 4
EVIDENCE_SIMILAR = 2
#: Similar texts named as evidence are looked for among this many nearest labelled texts.
EVIDENCE_POOL = 30
#: A labelled text this similar is named as evidence even without a word in common.
CLOSE_SIMILARITY = 0.91


@dataclass(frozen=True)
class Suggestion:
    """A suggested target for a text, its combined score and the evidence behind it."""

    target: str
    goal: int
    score: float
    evidence: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape the CLI prints."""
        score = round(self.score, 4)
        return {"target": self.target, "goal": self.goal, "score": score, "evidence": list(self.evidence)}


@dataclass(frozen=True)
class DocumentProfile:
    """A plan document mapped passage by passage: each goal's share and the passages that speak most to it."""

    passages: list[str]
    goals: dict[int, float]
    top_passages: dict[int, list[tuple[str, list[Suggestion]]]] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "passages": len(self.passages),
            "goals": {str(goal): round(share, 4) for goal, share in self.goals.items()},
            "top_passages": {
                str(goal): [
                    {"text": text, "suggestions": [s.as_dict() for s in suggestions]} for text, suggestions in items
                ]
                for goal, items in self.top_passages.items()
            },
        }


#: Word beginnings too common in municipal text to show that two texts are about the same thing.
_COMMON_STEMS = frozenset(["kommu", "innby", "innbu", "fylke", "gjenn", "mello", "andel", "antal", "prose", "total"])


def _stems(text: str) -> frozenset[str]:
    """The first five letters of each word of six letters or more: enough to see that two texts share a word."""
    stems = {word[:5] for word in tokens(text) if len(word) >= 6 and word.isalpha()}
    return frozenset(stems - _COMMON_STEMS)


def _term_evidence(hits: list[TermHit]) -> list[str]:
    strongest = sorted(hits, key=lambda hit: (-hit.weight, hit.term))[:EVIDENCE_TERMS]
    return [f'term: "{hit.term}"' + ("" if hit.found == hit.term else f" ({hit.found})") for hit in strongest]


class TargetSuggester:
    """Suggests SDG targets for Norwegian (bokmål or nynorsk) text. Build it with :meth:`load`."""

    def __init__(
        self,
        targets: Sequence[str],
        terms: TermIndex,
        examples: Sequence[LabelledText],
        model: TrainedModel,
        encoder: Encoder,
    ) -> None:
        self.targets = tuple(targets)
        self.terms = terms
        self.examples = list(examples)
        self.model = model
        self.encoder = encoder
        self._column = {target: index for index, target in enumerate(self.targets)}
        self._goal_index = np.array([int(target.split(".")[0]) for target in self.targets])
        self._example_labels = np.zeros((len(self.examples), len(self.targets)), dtype=np.float32)
        for row, example in enumerate(self.examples):
            for target in example.targets:
                if target in self._column:
                    self._example_labels[row, self._column[target]] = 1.0

    @classmethod
    def load(
        cls,
        data_dir: Path,
        cache_dir: Path | None = None,
        *,
        examples: Sequence[LabelledText] | None = None,
        held_out: Sequence[str] = (),
        siblings: bool = False,
        terms: TermIndex | None = None,
        encoder: Encoder | None = None,
    ) -> TargetSuggester:
        """Read the targets, term lists and labelled texts of ``data_dir`` and load (or train and cache) the model.

        ``examples`` replaces the labelled KS texts (the benchmark passes its training split); each target's
        description (its texts, its UN indicators' titles, its term list) is always added. Every training text
        that is a near-duplicate of a ``held_out`` text (the benchmark's test texts) is left out, with its
        translation; with ``siblings``, so is every sibling of one (the leave-one-topic-out evaluation, see
        :func:`~lokalagenda.core.mapping.examples.without_siblings`). ``terms`` replaces the packaged term lists
        (the evaluation leaves out the terms a held-out group could have taught). Without ``cache_dir`` nothing
        is cached and loading embeds every text.
        """
        directory = DataDirectory(Path(data_dir))
        targets_path = directory.file(TARGETS_FILE)
        with targets_path.open(encoding="utf-8", newline="") as handle:
            targets = [row["code"] for row in csv.DictReader(handle)]
        terms = terms if terms is not None else TermIndex.load(known_targets=targets)
        labelled = list(examples) if examples is not None else read_ks_texts(directory.file(KS_FILE))
        descriptions = read_target_texts(targets_path) + read_indicator_texts(directory.file(INDICATORS_FILE))
        training = labelled + descriptions + _term_texts(terms)
        if held_out:
            training = (without_siblings if siblings else without_near_duplicates)(training, held_out)
        encoder = encoder or E5Encoder()
        model = build_model(training, targets, encoder, cache_dir)
        return cls(targets, terms, training, model, encoder)

    def suggest(self, text: str, top: int = 5) -> list[Suggestion]:
        """The ``top`` best targets for ``text``, best first; no suggestions for a text without words."""
        return self.suggest_many([text], top)[0]

    def suggest_many(
        self, texts: Sequence[str], top: int = 5, *, embed_words: int = EMBED_WORDS
    ) -> list[list[Suggestion]]:
        """:meth:`suggest` for many texts at once (the embedding model runs in one batch).

        The embedding model reads the first ``embed_words`` words of each text; the terms are matched in all of it.
        """
        results: list[list[Suggestion]] = [[] for _ in texts]
        indices = [index for index, text in enumerate(texts) if tokens(text)]
        if not indices or top <= 0:
            return results
        vectors = self.encoder.encode([clip_words(texts[index], embed_words) for index in indices])
        classifier = self.model.probabilities(vectors)
        goals = self.model.goal_probabilities(vectors)
        similarities = vectors @ self.model.example_vectors.T
        for row, index in enumerate(indices):
            results[index] = self._rank(texts[index], classifier[row], goals[row], similarities[row], top)
        return results

    def _rank(
        self, text: str, classifier: np.ndarray, goals: np.ndarray, similarities: np.ndarray, top: int
    ) -> list[Suggestion]:
        nearest = np.argsort(-similarities)[:NEIGHBOURS]
        weights = np.exp((similarities[nearest] - similarities[nearest[0]]) / NEIGHBOUR_TEMPERATURE)
        unrelated, close = NEIGHBOUR_CLOSENESS
        closeness = min(max((similarities[nearest[0]] - unrelated) / (close - unrelated), 0.0), 1.0)
        neighbours = closeness * (weights / weights.sum()) @ self._example_labels[nearest]
        hits = self.terms.match(text)
        term_scores = np.zeros(len(self.targets), dtype=np.float32)
        for target, target_hits in hits.items():
            term_scores[self._column[target]] = 1 - math.exp(-sum(h.weight for h in target_hits) / TERM_SATURATION)
        combined = (
            WEIGHTS["classifier"] * classifier + WEIGHTS["neighbours"] * neighbours + WEIGHTS["terms"] * term_scores
        )
        scores = self._goal_first(combined, self._goal_strength(goals, neighbours, term_scores))
        pool = np.argsort(-similarities)[:EVIDENCE_POOL]
        stems = _stems(text)
        suggestions = []
        ranked = [column for column in np.argsort(-scores, kind="stable") if combined[column] >= MIN_SCORE]
        for column in ranked[:top]:
            target = self.targets[column]
            evidence = _term_evidence(hits.get(target, [])) + self._similar_evidence(pool, similarities, stems, column)
            if not evidence:  # say which learned signal the score comes from
                evidence = [f"model: classifier {classifier[column]:.2f}, nearest KS texts {neighbours[column]:.2f}"]
            suggestions.append(Suggestion(target, int(target.split(".")[0]), float(scores[column]), tuple(evidence)))
        return suggestions

    def _goal_strength(self, goals: np.ndarray, neighbours: np.ndarray, term_scores: np.ndarray) -> np.ndarray:
        """How strongly the text speaks to each goal, indexed by goal number: the goal classifier's probability
        in place of the target classifier's, and the neighbours and the terms summed over the goal's targets,
        weighed as in the combined score.

        The goal classifier learns from every text of a goal at once, so it generalises better to a text unlike
        the labelled ones than the sum of 169 target probabilities does (``benchmarks/README.md``).
        """
        per_target = WEIGHTS["neighbours"] * neighbours + WEIGHTS["terms"] * term_scores
        strength = np.bincount(self._goal_index, weights=per_target, minlength=GOALS[-1] + 1)
        strength[list(GOALS)] += WEIGHTS["classifier"] * goals
        return strength

    def _goal_first(self, scores: np.ndarray, strength: np.ndarray) -> np.ndarray:
        """Weigh each target's score by how strongly the text speaks to its goal, relative to the best goal.

        ``strength`` is indexed by goal number. A target's score is multiplied by
        ``(strength of its goal / strength of the best goal) ** GOAL_FIRST``, so the best goal's targets keep
        their scores and a lone target of a weak goal falls behind the targets of the goal the text is about.
        """
        best = strength.max()
        if best <= 0:
            return scores
        return scores * (strength[self._goal_index] / best) ** GOAL_FIRST

    def _similar_evidence(
        self, pool: np.ndarray, similarities: np.ndarray, stems: frozenset[str], column: int
    ) -> list[str]:
        """The most similar KS texts linked to the target that share a word with the text or are very close.

        e5's similarities are compressed (unrelated Norwegian texts often reach 0.88), so a neighbour is shown as
        evidence only when it also shares a word stem with the text, or its similarity is at least
        :data:`CLOSE_SIMILARITY`; the machine-translated target texts are never shown.
        """
        found: list[str] = []
        for row in pool:
            example = self.examples[row]
            if len(found) == EVIDENCE_SIMILAR:
                break
            if not self._example_labels[row, column] or not example.from_ks:
                continue
            if similarities[row] < CLOSE_SIMILARITY and stems.isdisjoint(_stems(example.text)):
                continue
            line = f'similar: "{example.text}" ({example.source})'
            if line not in found:
                found.append(line)
        return found

    def profile_document(self, text: str, top_passages: int = 3) -> DocumentProfile:
        """Split a plan into passages, suggest targets for each and sum the scores per goal.

        To keep a long plan within seconds, the embedding model reads the first :data:`DOCUMENT_EMBED_WORDS`
        words of each passage (its cost grows with the number of words); the terms are matched in the whole passage.

        A goal's share is the sum of the scores of its targets among each passage's five best suggestions,
        divided by the sum over all goals; the top passages of a goal are those where that sum is largest.
        """
        passages = split_passages(text)
        suggestions = self.suggest_many(passages, top=5, embed_words=DOCUMENT_EMBED_WORDS)
        per_passage: list[dict[int, float]] = []
        totals: dict[int, float] = {}
        for passage_suggestions in suggestions:
            by_goal: dict[int, float] = {}
            for suggestion in passage_suggestions:
                by_goal[suggestion.goal] = by_goal.get(suggestion.goal, 0.0) + suggestion.score
            per_passage.append(by_goal)
            for goal, value in by_goal.items():
                totals[goal] = totals.get(goal, 0.0) + value
        grand_total = sum(totals.values())
        goals = {goal: (totals.get(goal, 0.0) / grand_total if grand_total else 0.0) for goal in range(1, 18)}
        best: dict[int, list[tuple[str, list[Suggestion]]]] = {}
        for goal in sorted(totals):
            ranked = sorted(range(len(passages)), key=lambda i: -per_passage[i].get(goal, 0.0))
            chosen = [i for i in ranked[:top_passages] if per_passage[i].get(goal, 0.0) > 0]
            best[goal] = [(passages[i], suggestions[i]) for i in chosen]
        return DocumentProfile(passages, goals, best)


def _term_texts(terms: TermIndex) -> list[LabelledText]:
    """Each target's term lists as labelled texts, so targets the KS sets never link still have examples: one
    text per kind of source, cut where it would pass :data:`~lokalagenda.core.mapping.model.EMBED_WORDS` words
    (the embedding model reads no further), so every term is read."""
    texts: list[LabelledText] = []
    for target, target_terms in terms.terms.items():
        by_kind: dict[str, list[str]] = {}
        for term in target_terms:
            by_kind.setdefault(term.source, []).append(term.text)
        for listed in by_kind.values():
            texts += [LabelledText(chunk, (target,), f"terms {target}") for chunk in _chunks(listed, EMBED_WORDS)]
    return texts


def _chunks(entries: list[str], words: int) -> list[str]:
    """``entries`` joined by commas into texts of at most ``words`` words (a longer entry stands alone)."""
    chunks: list[list[str]] = [[]]
    count = 0
    for entry in entries:
        size = len(entry.split())
        if chunks[-1] and count + size > words:
            chunks.append([])
            count = 0
        chunks[-1].append(entry)
        count += size
    return [", ".join(chunk) for chunk in chunks if chunk]
