"""Measurement runs and their stored results. Pages and the API read these; a view never computes a score.

A run records what it used (the revision of every indicator's data), which methods in which versions with
which parameters, and when. Running again on the same data with the same methods reuses the last run.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Colour(models.TextChoices):
    """A dashboard colour (SDSN), best first; stored in ``colour`` of indicator and goal results ("": none).
    The values are those of ``lokalagenda.core.measure.normalise.COLOURS``."""

    GREEN = "green", _("green")
    YELLOW = "yellow", _("yellow")
    ORANGE = "orange", _("orange")
    RED = "red", _("red")


class Trend(models.TextChoices):
    """A trend of a score (SDSN), stored in ``trend`` ("": none); the values of
    ``lokalagenda.core.measure.normalise.TRENDS``, and of ``lokalagenda.core.measure.noise.TRENDS`` for an
    indicator whose change is within its noise or whose population is too small to tell."""

    MAINTAINING_ACHIEVEMENT = "maintaining_achievement", _("maintaining achievement")
    ON_TRACK = "on_track", _("on track")
    MODERATELY_IMPROVING = "moderately_improving", _("moderately improving")
    STAGNATING = "stagnating", _("stagnating")
    DECREASING = "decreasing", _("decreasing")
    NO_CLEAR_CHANGE = "no_clear_change", _("no clear change")
    TOO_UNCERTAIN = "too_uncertain", _("too few residents to say anything for certain")


class ProgressStatus(models.TextChoices):
    """An Open SDG progress status, stored in ``progress_status``; the values of
    ``lokalagenda.core.measure.progress``."""

    TARGET_ACHIEVED = "target_achieved", _("target achieved")
    SUBSTANTIAL_PROGRESS = "substantial_progress", _("substantial progress")
    MODERATE_PROGRESS = "moderate_progress", _("moderate progress")
    LIMITED_PROGRESS = "limited_progress", _("limited progress")
    DETERIORATION = "deterioration", _("deterioration")
    NOT_AVAILABLE = "not_available", _("not available")


class GoalStatus(models.TextChoices):
    """What a place's dashboard shows for a goal, best first: a :class:`Colour`, a result without a colour ("no
    status") or no result at all ("no data")."""

    GREEN = Colour.GREEN.value, Colour.GREEN.label
    YELLOW = Colour.YELLOW.value, Colour.YELLOW.label
    ORANGE = Colour.ORANGE.value, Colour.ORANGE.label
    RED = Colour.RED.value, Colour.RED.label
    NO_STATUS = "no_status", _("no status")
    NO_DATA = "no_data", _("no data")


class MeasurementRun(models.Model):
    class Status(models.TextChoices):
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RUNNING)
    #: A hash of the data revisions, method versions and parameters: equal fingerprints, equal results.
    fingerprint = models.CharField(max_length=64, db_index=True)
    methods = models.JSONField(default=dict, help_text="method name → {version, parameters}")
    revisions = models.JSONField(default=dict, help_text="indicator → data revision number used")
    counts = models.JSONField(default=dict, blank=True)
    message = models.TextField(blank=True)
    #: What the run was narrowed to: {"indicators": [...], "kommuner": [...]}; empty for a complete run.
    scope = models.JSONField(default=dict, blank=True)
    #: Complete runs hold every kommune, fylke and the country on every scored indicator: national pages read
    #: the last one.
    complete = models.BooleanField(default=True)
    #: For a run narrowed to kommuner only: " 0301 4601 ", so a kommune's pages can find the last run that holds
    #: it on either database (a run narrowed to indicators is read by no page).
    kommuner = models.CharField(max_length=2000, blank=True, default="")

    class Meta:
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"run {self.id} ({self.status}, {self.started_at:%Y-%m-%d %H:%M})"


class IndicatorResult(models.Model):
    """An indicator for one place in a run: latest value, Open SDG progress, normalised score, dashboard colour,
    trend, OECD distance and the place's percentile among its peers."""

    run = models.ForeignKey(MeasurementRun, on_delete=models.CASCADE, related_name="indicator_results")
    indicator = models.ForeignKey("indicators.Indicator", on_delete=models.CASCADE, related_name="+")
    place = models.CharField(max_length=4)
    year = models.SmallIntegerField(null=True)
    value = models.FloatField(null=True)
    #: The latest value is older than the run's freshness window: it gives no score, colour or percentile (no
    #: current status), but trends and progress still start from it.
    too_old = models.BooleanField(default=False)
    progress_status = models.CharField(max_length=24, blank=True)
    progress_score = models.FloatField(null=True)
    score = models.FloatField(null=True, help_text="normalised 0–100 (SDSN)")
    rating = models.FloatField(null=True, help_text="0–4: red 0–1, orange 1–2, yellow 2–3, green 3–4")
    colour = models.CharField(max_length=10, blank=True)
    colour_is_relative = models.BooleanField(default=False)
    trend = models.CharField(max_length=24, blank=True)
    #: The noise of a share or rate of a known population (method ``trend_noise``; empty: none): ``verdict``,
    #: ``sdsn_trend``, ``kind``, ``confidence``, ``base_year``, ``end_year``, ``change`` with ``change_lower`` and
    #: ``change_upper``, and ``intervals``: ``[year, lower, upper, n]`` of every year with a population.
    uncertainty = models.JSONField(default=dict, blank=True)
    distance_score = models.FloatField(null=True, help_text="normalised 0–100 towards the 2030 end value (OECD)")
    percentile_size = models.FloatField(null=True)
    percentile_fylke = models.FloatField(null=True)
    percentile_country = models.FloatField(null=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["run", "indicator", "place"], name="unique_indicator_result")]
        indexes = [models.Index(fields=["run", "place"], name="indicator_result_place_idx")]

    def __str__(self) -> str:
        return f"{self.run_id} {self.indicator_id} {self.place}"


class GoalResult(models.Model):
    """A goal for one place in a run: score, colour and trend (SDSN) and distance to 2030 (OECD)."""

    run = models.ForeignKey(MeasurementRun, on_delete=models.CASCADE, related_name="goal_results")
    goal = models.ForeignKey("framework.Goal", on_delete=models.CASCADE, related_name="+")
    place = models.CharField(max_length=4)
    score = models.FloatField(null=True)
    colour = models.CharField(max_length=10, blank=True)
    trend = models.CharField(max_length=24, blank=True)
    distance = models.FloatField(null=True)
    #: How many of the run's scored indicators belong to the goal.
    indicators = models.PositiveSmallIntegerField(default=0)
    #: How many of them carry this place's score: those with a current score.
    scored_indicators = models.PositiveSmallIntegerField(default=0)
    percentile_size = models.FloatField(null=True)
    percentile_fylke = models.FloatField(null=True)
    percentile_country = models.FloatField(null=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["run", "goal", "place"], name="unique_goal_result")]
        indexes = [models.Index(fields=["run", "place"], name="goal_result_place_idx")]

    def __str__(self) -> str:
        return f"{self.run_id} goal {self.goal_id} {self.place}"


class PlaceResult(models.Model):
    """A place in a run: its SDG index (none when fewer than the run's ``min_goals`` of the 17 goals have a score,
    or over 20 % of its indicators are missing), how many goals have a score, and its size class."""

    run = models.ForeignKey(MeasurementRun, on_delete=models.CASCADE, related_name="place_results")
    place = models.CharField(max_length=4)
    index = models.FloatField(null=True)
    goals_measured = models.PositiveSmallIntegerField(default=0)
    size_class = models.CharField(max_length=20, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["run", "place"], name="unique_place_result")]

    def __str__(self) -> str:
        return f"{self.run_id} {self.place}"


class PeerPercentile(models.Model):
    """A kommune's percentile for one indicator or goal among the members of one network, its KOSTRA group or
    its group of most similar kommuner (kind ``similar``: code is the kommune's own number, name the numbers of its
    nearest kommuner at the run, nearest first; see :mod:`lokalagenda.measurement.similar.service`).

    A kommune can be in several networks, so these are rows rather than columns of the results. Groups are taken
    as they were in the run's latest year; ``group_name`` keeps the group's name as it was at the run, and
    ``group_size`` is how many of the group's kommuner had a score.
    """

    class Kind(models.TextChoices):
        NETWORK = "network", _("network")
        KOSTRA = "kostra", _("KOSTRA group")
        SIMILAR = "similar", _("similar kommuner")

    run = models.ForeignKey(MeasurementRun, on_delete=models.CASCADE, related_name="peer_percentiles")
    place = models.CharField(max_length=4)
    group_kind = models.CharField(max_length=10, choices=Kind.choices)
    group_code = models.CharField(max_length=100, help_text="the network's short name or the KOSTRA group code")
    group_name = models.CharField(max_length=300)
    indicator = models.ForeignKey("indicators.Indicator", on_delete=models.CASCADE, null=True, blank=True,
                                  related_name="+")
    goal = models.ForeignKey("framework.Goal", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    percentile = models.FloatField()
    group_size = models.PositiveIntegerField()

    class Meta:
        ordering = ["run", "place", "group_kind", "group_name"]
        constraints = [
            models.CheckConstraint(condition=models.Q(indicator__isnull=False, goal__isnull=True)
                                   | models.Q(indicator__isnull=True, goal__isnull=False),
                                   name="peer_percentile_of_indicator_or_goal"),
            models.UniqueConstraint(fields=["run", "place", "group_kind", "group_code", "indicator"],
                                    condition=models.Q(indicator__isnull=False),
                                    name="unique_peer_percentile_indicator"),
            models.UniqueConstraint(fields=["run", "place", "group_kind", "group_code", "goal"],
                                    condition=models.Q(goal__isnull=False), name="unique_peer_percentile_goal"),
        ]
        indexes = [models.Index(fields=["run", "place"], name="peer_percentile_place_idx")]

    def __str__(self) -> str:
        subject = self.indicator_id or f"goal {self.goal_id}"
        return f"{self.run_id} {self.place} {subject} {self.group_kind}:{self.group_code}"
