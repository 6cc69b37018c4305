"""The colour, trend and status choices are the words the core's methods store."""

from __future__ import annotations

from lokalagenda.core.measure import noise, normalise, progress
from lokalagenda.measurement.models import Colour, GoalStatus, ProgressStatus, Trend


def test_colours_are_the_core_dashboard_colours_best_first():
    assert Colour.values == list(reversed(normalise.COLOURS.tolist()))


def test_trends_are_the_core_trends_and_the_noise_words():
    assert set(Trend.values) == set(normalise.TRENDS) | set(noise.TRENDS)


def test_progress_statuses_are_the_core_statuses():
    assert set(ProgressStatus.values) == {progress.TARGET_ACHIEVED, progress.SUBSTANTIAL, progress.MODERATE,
                                          progress.LIMITED, progress.DETERIORATION, progress.NOT_AVAILABLE}


def test_goal_statuses_are_the_colours_then_no_status_then_no_data():
    assert GoalStatus.values == [*Colour.values, "no_status", "no_data"]
    assert [GoalStatus(colour).label for colour in Colour.values] == [colour.label for colour in Colour]
