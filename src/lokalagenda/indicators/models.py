"""The indicator catalogue, and the observations with their provenance.

An indicator belongs to one or more sets (UN global indicators, U4SSC, OECD, EU JRC, the KS municipal sets,
the bundle's national series, a kommune's local indicators). Its values are observations: one value per
(indicator, place, year, disaggregation). Every observation points to the dataset revision that wrote it,
and every change an import makes is kept as an ``ObservationChange`` of its revision, so nothing is
overwritten without a trace and any earlier revision can be rebuilt.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lokalagenda.core.framework import MultilingualText
from lokalagenda.framework.models import RelevanceLevel
from lokalagenda.indicators.querysets import IndicatorQuerySet, ObservationQuerySet
from lokalagenda.indicators.units import unit_label


class IndicatorSet(models.Model):
    class Kind(models.TextChoices):
        GLOBAL = "global", _("UN global indicators")
        U4SSC = "u4ssc", _("U4SSC key performance indicators")
        OECD = "oecd", _("OECD territorial indicators")
        JRC = "jrc", _("EU JRC VLR handbook indicators")
        KS = "ks", _("KS municipal indicator sets")
        NATIONAL = "national", _("National statistics")
        LOCAL = "local", _("Local indicators")
        CORE = "core", _("Lokalagenda core set")

    slug = models.SlugField(max_length=120, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, null=True, blank=True,
                                     help_text="The owner of a local set; empty for national and international sets.")
    source = models.TextField(_("source"), blank=True)

    class Meta:
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name


class Indicator(models.Model):
    class Direction(models.TextChoices):
        HIGHER = "higher", _("higher is better")
        LOWER = "lower", _("lower is better")
        NEUTRAL = "neutral", _("context (no direction)")
        UNKNOWN = "", _("not assessed")

    class Aggregation(models.TextChoices):
        SUM = "sum", _("count: parts may be summed")
        NONE = "none", _("rate, share or index: never summed")

    id = models.CharField(max_length=60, primary_key=True)
    name_nb = models.TextField(_("name (bokmål)"), blank=True)
    name_nn = models.TextField(_("name (nynorsk)"), blank=True)
    name_en = models.TextField(_("name (English)"), blank=True)
    notation = models.CharField(_("code in its set"), max_length=60, blank=True)
    unit = models.CharField(_("unit"), max_length=60, blank=True)
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices, blank=True)
    aggregation = models.CharField(max_length=10, choices=Aggregation.choices, default=Aggregation.NONE)
    sets = models.ManyToManyField(IndicatorSet, related_name="indicators")
    targets = models.ManyToManyField("framework.Target", blank=True, related_name="catalogue_indicators")
    global_indicator = models.ForeignKey("framework.Indicator", on_delete=models.PROTECT, null=True, blank=True,
                                         related_name="catalogue_entries")
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    table_id = models.CharField(_("table"), max_length=100, blank=True)
    source_url = models.TextField(_("source"), blank=True)
    licence = models.TextField(_("licence"), blank=True)
    periodicity = models.CharField(max_length=40, blank=True)
    level_of_geography = models.CharField(_("level of geography"), max_length=60, blank=True)
    quality_class = models.CharField(_("quality class"), max_length=20, blank=True)
    evaluation_level = models.CharField(_("evaluation level"), max_length=60, blank=True)
    triple_bottom_line = models.CharField(_("people, planet, prosperity"), max_length=60, blank=True)
    development_sector = models.CharField(_("development sector"), max_length=200, blank=True)
    taxonomy_uri = models.TextField(blank=True)
    target_2030 = models.FloatField(_("target value 2030"), null=True, blank=True)
    threshold_green = models.FloatField(null=True, blank=True)
    threshold_red = models.FloatField(null=True, blank=True)
    disaggregations = models.JSONField(default=list, blank=True)
    # The core set's facts (``lokalagenda load-catalogue``): what the indicator measures, for whom, how it is
    # scored and why it was chosen.
    definition_nb = models.TextField(_("definition (bokmål)"), blank=True)
    definition_nn = models.TextField(_("definition (nynorsk)"), blank=True)
    definition_en = models.TextField(_("definition (English)"), blank=True)
    targets_text = models.TextField(_("SDG targets as the source states them"), blank=True,
                                    help_text="The source's own cell, notes on context and denominators included.")
    relevance_kommune = models.CharField(_("relevance for kommuner"), max_length=10, choices=RelevanceLevel.choices,
                                         blank=True)
    relevance_fylke = models.CharField(_("relevance for fylkeskommuner"), max_length=10,
                                       choices=RelevanceLevel.choices, blank=True)
    ks_match = models.TextField(_("matching KS taxonomy indicator"), blank=True)
    u4ssc_match = models.TextField(_("matching U4SSC indicator"), blank=True)
    bound_best = models.FloatField(_("best bound of the score"), null=True, blank=True)
    bound_worst = models.FloatField(_("worst bound of the score"), null=True, blank=True)
    bound_rule = models.TextField(_("rule that gave the bounds"), blank=True)
    target_2030_citation = models.TextField(_("source of the 2030 target"), blank=True)
    why_chosen = models.TextField(_("why it was chosen"), blank=True)
    loaded_values = models.JSONField(
        default=dict, blank=True,
        help_text="The values the last catalogue file gave, field by field. A stored value that differs from it "
                  "was changed by an editor, and the next load keeps it.")
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, null=True, blank=True,
                                     help_text="The kommune that defined a local indicator.")

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.id

    @property
    def names(self) -> MultilingualText:
        return MultilingualText({"nb": self.name_nb, "nn": self.name_nn, "en": self.name_en})

    def title_in(self, language: str) -> str:
        return self.names.get(language) or self.id

    @property
    def unit_label(self) -> str:
        """The unit in the active language (see ``indicators.units``)."""
        return unit_label(self.unit)

    def definition_in(self, language: str) -> str:
        """The core set's definition in ``language`` (nynorsk falls back to bokmål, as names do)."""
        return MultilingualText({"nb": self.definition_nb, "nn": self.definition_nn,
                                 "en": self.definition_en}).get(language)


class IndicatorSetChange(models.Model):
    """One entry of a set's revision log: an indicator added to or removed from the set, or its facts changed by
    a catalogue load, with the reason, who (empty for a command) and when. Written only by
    ``indicators.set_membership``; a change that changes nothing writes no entry."""

    class Action(models.TextChoices):
        ADDED = "added", _("added")
        REMOVED = "removed", _("removed")
        CHANGED = "changed", _("changed")

    indicator_set = models.ForeignKey(IndicatorSet, on_delete=models.CASCADE, related_name="changes",
                                      verbose_name=_("indicator set"))
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="set_changes",
                                  verbose_name=_("indicator"))
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    reason = models.TextField(_("reason"), blank=True, help_text="An editor's reason; empty for a catalogue load.")
    source = models.CharField(_("catalogue file"), max_length=255, blank=True,
                              help_text="The file of a catalogue load (``lokalagenda load-catalogue``).")
    fields = models.JSONField(default=list, blank=True, help_text="The fields a load changed (action changed).")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="+", verbose_name=_("user"))
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("change of an indicator set")
        verbose_name_plural = _("changes of indicator sets")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d} {self.indicator_set_id} {self.action} {self.indicator_id}"


class DatasetRevision(models.Model):
    """One import that changed an indicator's values: where the data came from, and what it changed."""

    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="revisions")
    number = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    source = models.TextField(help_text="File name or URL")
    provenance = models.JSONField(default=dict, blank=True)
    added = models.PositiveIntegerField(default=0)
    changed = models.PositiveIntegerField(default=0)
    removed = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["indicator", "-number"]
        constraints = [models.UniqueConstraint(fields=["indicator", "number"], name="unique_revision_number")]

    def __str__(self) -> str:
        return f"{self.indicator_id} r{self.number}"


class Observation(models.Model):
    """The current value of an indicator for a place (kommune, fylke or the country "0") and year."""

    # No index of its own: ``unique_observation`` starts with it. Every index costs each stored value a write
    # (see store() and benchmarks/store_observations.py).
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="observations", db_index=False)
    place = models.CharField(max_length=4)
    year = models.SmallIntegerField()
    disaggregation = models.CharField(max_length=200, blank=True, default="")
    value = models.FloatField(null=True)
    unit = models.CharField(max_length=60, blank=True)
    flag = models.CharField(max_length=20, blank=True)
    revision = models.ForeignKey(DatasetRevision, on_delete=models.PROTECT, related_name="+")

    objects = ObservationQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["indicator", "place", "year", "disaggregation"],
                                    name="unique_observation")
        ]
        indexes = [models.Index(fields=["place", "indicator"], name="observation_place_idx")]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.place} {self.year} {self.disaggregation}: {self.value}"


class ObservationChange(models.Model):
    """What one revision did to one observation: the value before (empty when added) and after (empty when
    removed). Together with the current observations these rebuild every earlier revision."""

    class Kind(models.TextChoices):
        ADDED = "added", _("added")
        CHANGED = "changed", _("changed")
        REMOVED = "removed", _("removed")

    # No index of its own: ``unique_observation_change`` starts with it.
    revision = models.ForeignKey(DatasetRevision, on_delete=models.CASCADE, related_name="changes", db_index=False)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    place = models.CharField(max_length=4)
    year = models.SmallIntegerField()
    disaggregation = models.CharField(max_length=200, blank=True, default="")
    old_value = models.FloatField(null=True)
    old_flag = models.CharField(max_length=20, blank=True)
    new_value = models.FloatField(null=True)
    new_flag = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["revision", "place", "year", "disaggregation"]
        constraints = [
            models.UniqueConstraint(fields=["revision", "place", "year", "disaggregation"],
                                    name="unique_observation_change")
        ]

    def __str__(self) -> str:
        return f"{self.revision} {self.kind} {self.place} {self.year}"


class ImportJob(models.Model):
    """An editor's upload: checked in the background and previewed, then imported in the background with its
    progress on the page. The file is kept only while the job waits for the check or for confirmation."""

    class Status(models.TextChoices):
        CHECKING = "checking", _("being checked")
        PREVIEW = "preview", _("checked, waiting for confirmation")
        INVALID = "invalid", _("has problems, not imported")
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("importing")
        DONE = "done", _("imported")
        FAILED = "failed", _("failed")

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="import_jobs")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True)
    file = models.FileField(upload_to="imports/%Y/%m/", blank=True, help_text="Empty once the job has ended.")
    original_name = models.CharField(max_length=255)
    format = models.CharField(max_length=20, default="auto")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.CHECKING)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    message = models.CharField(max_length=200, blank=True)
    preview = models.JSONField(default=dict, blank=True)
    problems = models.JSONField(default=list, blank=True)
    report = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.original_name} ({self.status})"

    @property
    def percent(self) -> int:
        return int(100 * self.done / self.total) if self.total else 0

    @property
    def active(self) -> bool:
        """The import is queued or running (its progress is polled)."""
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def checking(self) -> bool:
        """The check has not finished yet (the page is polled until the preview or the problems are ready)."""
        return self.status == self.Status.CHECKING
