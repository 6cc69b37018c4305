"""A suggestion's score read as how often such a suggestion was right on texts unlike the training texts."""

from __future__ import annotations

from pathlib import Path

import pytest

from lokalagenda.core.mapping.calibration import Band, Calibration, fit, packaged
from lokalagenda.core.mapping.model import MODEL_VERSION


def test_bands_of_equal_size_are_merged_until_a_higher_score_is_never_right_less_often():
    outcomes = [(0.01, False), (0.02, False), (0.03, True), (0.04, False),  # 1 of 4 right
                (0.10, True), (0.11, False), (0.12, False), (0.13, False),  # 1 of 4: as often, kept apart
                (0.20, False), (0.21, False), (0.22, False), (0.23, False),  # 0 of 4: merged with the band before,
                (0.40, True), (0.41, True), (0.42, True), (0.43, False)]   # then 1 of 8 with the first band too
    bands = fit(outcomes, bands=4)
    assert [(b.low, b.suggestions) for b in bands] == [(0.0, 12), (0.40, 4)]
    assert [b.right for b in bands] == pytest.approx([2 / 12, 0.75])
    assert fit(outcomes[:8], bands=2) == (Band(0.0, 0.25, 4), Band(0.10, 0.25, 4))


def test_merging_goes_back_as_far_as_it_must():
    outcomes = [(0.1, True), (0.2, True), (0.3, False), (0.4, False), (0.5, True), (0.6, True)]
    bands = fit(outcomes, bands=6)
    shares = [b.right for b in bands]
    assert shares == sorted(shares)
    assert sum(b.suggestions for b in bands) == 6 and bands[0].low == 0.0


def test_a_score_takes_the_share_of_its_band_and_the_file_reads_back_as_written(tmp_path: Path):
    calibration = Calibration("9", "a test", (Band(0.0, 0.1, 50), Band(0.2, 0.4, 30), Band(0.5, 0.8, 20)))
    assert [calibration.chance(score) for score in (0.0, 0.19, 0.2, 0.49, 0.5, 1.0)] == [0.1, 0.1, 0.4, 0.4, 0.8, 0.8]
    path = tmp_path / "calibration.json"
    calibration.write(path)
    assert Calibration.read(path) == calibration
    assert fit([]) == () and Calibration("9", "empty", ()).chance(0.5) == 0.0


def test_the_shipped_calibration_was_measured_on_this_model_and_never_falls_as_the_score_rises():
    shipped = packaged()
    assert shipped.model_version == MODEL_VERSION, (
        "the model changed: rerun benchmarks/text_mapping.py --write-calibration")
    assert "leave-one-topic-out" in shipped.measured_on
    shares = [band.right for band in shipped.bands]
    assert shares == sorted(shares) and shipped.bands[0].low == 0.0
    assert sum(band.suggestions for band in shipped.bands) > 5000
