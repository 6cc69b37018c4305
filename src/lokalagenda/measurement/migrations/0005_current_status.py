"""What the data can carry: an indicator result too old for a status, how many indicators carry a goal score,
how many goals a place has measured.

Runs stored before this migration gave an index built from any number of goals (Bergen: 84.4 from one goal).
The backfill counts each stored place's measured goals and each goal's scored indicators, and takes away the
index where fewer than 14 of the 17 goals have a score, recording that in the run's ``sdsn_index`` parameters,
so no page, report or file shows such an index while the next ``lokalagenda measure`` has not yet run. The
freshness of the old runs' values is not known (their year is stored, the run's window is not): ``too_old``
stays false for them.
"""

from collections import Counter, defaultdict

from django.db import migrations, models

#: The rule as this migration applies it (frozen here: a migration must not follow later code).
MIN_GOALS = 14
BATCH = 5000


def _goal_of(apps):
    """Each catalogue indicator's goal as the measurement shows it: that of its first target."""
    Indicator = apps.get_model("indicators", "Indicator")
    goals = {}
    for indicator_id, goal in Indicator.targets.through.objects.values_list("indicator_id", "target__goal_id"):
        goals[indicator_id] = min(goal, goals.get(indicator_id, goal))
    return goals


def _backfill_run(apps, run, goal_of):
    GoalResult = apps.get_model("measurement", "GoalResult")
    IndicatorResult = apps.get_model("measurement", "IndicatorResult")
    PlaceResult = apps.get_model("measurement", "PlaceResult")
    scored = Counter((place, goal_of.get(indicator)) for place, indicator in
                     IndicatorResult.objects.filter(run=run, score__isnull=False).values_list("place", "indicator_id"))
    goals = list(GoalResult.objects.filter(run=run))
    measured = defaultdict(int)
    for result in goals:
        result.scored_indicators = scored.get((result.place, result.goal_id), 0)
        measured[result.place] += result.score is not None
    GoalResult.objects.bulk_update(goals, ["scored_indicators"], batch_size=BATCH)
    places = list(PlaceResult.objects.filter(run=run))
    for result in places:
        result.goals_measured = measured[result.place]
        if result.goals_measured < MIN_GOALS:
            result.index = None
    PlaceResult.objects.bulk_update(places, ["goals_measured", "index"], batch_size=BATCH)


def backfill(apps, schema_editor):
    MeasurementRun = apps.get_model("measurement", "MeasurementRun")
    goal_of = _goal_of(apps)
    for run in MeasurementRun.objects.all():
        _backfill_run(apps, run, goal_of)
        index = run.methods.get("sdsn_index") if isinstance(run.methods, dict) else None
        if isinstance(index, dict):
            index.setdefault("parameters", {}).update(min_goals=MIN_GOALS, goals=17, min_goals_applied_later=True)
            run.save(update_fields=["methods"])


class Migration(migrations.Migration):

    dependencies = [
        ("framework", "0002_target_relevance"),
        ("indicators", "0002_importjob"),
        ("measurement", "0004_peer_percentiles"),
    ]

    operations = [
        migrations.AddField(
            model_name="indicatorresult",
            name="too_old",
            field=models.BooleanField(default=False),
        ),
        migrations.AddField(
            model_name="goalresult",
            name="scored_indicators",
            field=models.PositiveSmallIntegerField(default=0),
        ),
        migrations.AddField(
            model_name="placeresult",
            name="goals_measured",
            field=models.PositiveSmallIntegerField(default=0),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
