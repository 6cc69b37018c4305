"""The words a page gives a status colour, by what the colour compares (``measurement.colour_meaning``), in English.

The bundle's scored indicators (the vaccination series) have no thresholds in the catalogue, so every colour a
measured test database shows compares with the other kommuner: its words name a position, never a target."""

from lokalagenda.measurement.models import GoalResult, IndicatorResult

#: Pieces of the words of a relative colour: an indicator's quartile, a goal's weakest indicators, a column head.
RELATIVE_WORDS = ("per cent of the kommuner", "the middle", "quarter of the kommuner", "weakest indicators")
#: The words of a colour against a target (``measurement.labels.COLOURS``): never on a relative colour.
TARGET_WORDS = ("target reached", "challenges remain", "significant challenges", "major challenges")


def make_all_absolute(run) -> None:
    """Every stored colour of the run as if the catalogue had 2030 targets and thresholds: 30 % of the way."""
    IndicatorResult.objects.filter(run=run).update(colour_is_relative=False, distance_score=30.0)
    GoalResult.objects.filter(run=run).update(distance=70.0)
