"""The classifier's training: each source of labelled texts counts by the square root of its size, every target
weighs the same, and a KS title less than a target's own text; the goal classifier learns each text's goals."""

from __future__ import annotations

import numpy as np
import pytest

from lokalagenda.core.mapping.examples import LabelledText
from lokalagenda.core.mapping.model import (
    GOALS,
    KS_WEIGHT,
    goal_label_matrix,
    softmax,
    source_weights,
    train_softmax,
    training_weights,
)


def test_a_large_scheme_counts_by_the_square_root_of_its_size_and_weights_average_one():
    texts = [LabelledText(f"Hageavfall {n}", ("12.5",), "KS: Avfall") for n in range(4)]
    texts.append(LabelledText("Reduce waste generation", ("12.5",), "FN-delmål 12.5"))
    weights = source_weights(texts)
    assert weights.mean() == pytest.approx(1.0)
    assert weights[:4].sum() / weights[4] == pytest.approx(2.0)  # four titles of one scheme count like two texts
    assert source_weights([]).shape == (0,)


def test_a_heavier_text_wins_where_two_texts_disagree():
    features = np.array([[1.0, 0.0], [1.0, 0.0]])
    labels = np.array([[1.0, 0.0], [0.0, 1.0]])
    weights, bias = train_softmax(features, labels)
    assert softmax(features @ weights + bias)[0, 0] == pytest.approx(0.5, abs=1e-3)
    weights, bias = train_softmax(features, labels, row_weights=np.array([1.5, 0.5]))
    assert softmax(features @ weights + bias)[0, 0] > 0.7


def test_every_target_weighs_the_same_in_training_however_many_texts_link_it():
    texts = [LabelledText(f"Hageavfall {n}", ("12.5",), "KS: Avfall") for n in range(6)]
    texts += [LabelledText("Reduce waste generation", ("12.5",), "FN-delmål 12.5"),
              LabelledText("Safe drinking water", ("6.1",), "FN-delmål 6.1")]
    weights = training_weights(texts)
    assert weights.mean() == pytest.approx(1.0)
    # one text of 6.1 weighs as much as seven of 12.5, before the KS titles count KS_WEIGHT of their weight
    assert weights[7] == pytest.approx(weights[:6].sum() / KS_WEIGHT + weights[6])
    assert weights[0] == pytest.approx(weights[5]) and weights[6] > weights[0]  # within 12.5 by source size
    assert training_weights([]).shape == (0,)


def test_a_ks_title_weighs_less_than_a_targets_own_text():
    texts = [LabelledText("Hageavfall", ("12.5",), "KS: Avfall"),
             LabelledText("Reduce waste generation", ("12.5",), "FN-delmål 12.5")]
    weights = training_weights(texts)
    assert weights[0] / weights[1] == pytest.approx(KS_WEIGHT) and weights.mean() == pytest.approx(1.0)
    assert texts[0].from_ks and not texts[1].from_ks


def test_a_text_of_several_targets_counts_each_of_its_goals_once_and_equally():
    texts = [LabelledText("Plastavfall i havet", ("12.5", "14.1", "12.4"), "KS: Avfall"),
             LabelledText("Uten mål", (), "KS: Avfall")]
    matrix = goal_label_matrix(texts)
    assert matrix.shape == (2, len(GOALS))
    assert matrix[0, GOALS.index(12)] == matrix[0, GOALS.index(14)] == pytest.approx(0.5)
    assert matrix[0].sum() == pytest.approx(1.0) and matrix[1].sum() == 0
