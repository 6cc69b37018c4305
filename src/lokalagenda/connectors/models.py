"""How catalogue indicators are fetched live (``FetchSpec``), and what every fetched piece did (``FetchLog``).

A spec says which publisher table and contents code hold an indicator's values for every kommune. ``sync``
plans the queries for a spec, splits them into pieces under the publisher's limits, and logs each piece under a
stable task key; a piece whose log row has a success status is done, which is how an interrupted sync resumes.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from lokalagenda.connectors.querysets import FetchLogQuerySet
from lokalagenda.core.sources.derivation import Derivation, DerivationError
from lokalagenda.core.sources.fetchspecs import YEAR_RANGE, SpecEntry, entry_of, unverified_reasons

#: The fields that decide what a spec fetches (besides its indicator).
FETCH_FIELDS = ("publisher", "table", "contents", "region_dimension", "codelist", "selections", "first_year",
                "last_year", "source", "time_from_metadata", "derivation")
#: The fields a spec file adds: SDG ties and the evidence for the codes.
EVIDENCE_FIELDS = ("targets", "goals", "evidence", "verified")


class FetchSpec(models.Model):
    """How one catalogue indicator is fetched live: a publisher table, a contents code, the region dimension
    (all 2024 kommuner are selected) and any further fixed selections."""

    class Publisher(models.TextChoices):
        SSB = "ssb", _("Statistics Norway (SSB)")
        FHI = "fhi", _("Norwegian Institute of Public Health (FHI)")
        VALG = "valg", _("Norwegian Directorate of Elections (Valgdirektoratet)")

    indicator = models.OneToOneField("indicators.Indicator", on_delete=models.CASCADE, related_name="fetch_spec",
                                     verbose_name=_("indicator"))
    publisher = models.CharField(_("publisher"), max_length=10, choices=Publisher.choices)
    table = models.CharField(_("table"), max_length=40)
    contents = models.CharField(_("contents code"), max_length=100,
                                help_text=_("SSB ContentsCode or FHI MEASURE_TYPE, e.g. Personer1"))
    region_dimension = models.CharField(_("region dimension"), max_length=60, default="Region",
                                        help_text=_("Region, or KOKkommuneregion0000 in KOSTRA tables (SSB only)"))
    codelist = models.CharField(_("codelist"), max_length=60, blank=True,
                                help_text=_("A codelist of the region dimension, e.g. agg_KommSummer (SSB only)"))
    selections = models.JSONField(_("other fixed selections"), default=dict, blank=True,
                                  help_text=_('Codes of further dimensions, e.g. {"KJONN": ["0"]}'))
    first_year = models.PositiveSmallIntegerField(_("first year"), default=2000)
    last_year = models.PositiveSmallIntegerField(_("last year"), null=True, blank=True,
                                                 help_text=_("Empty: the current year"))
    source = models.CharField(_("FHI source"), max_length=60, blank=True,
                              help_text=_("The FHI Statistikk source, e.g. nokkel (FHI only)"))
    time_from_metadata = models.BooleanField(
        _("time codes from the metadata"), default=False,
        help_text=_("Read the table's time codes first and ask for those in the years: periods such as 2022-2024 "
                    "count for their end year, and years the table does not have are left out"))
    derivation = models.JSONField(
        _("derivation"), null=True, blank=True,
        help_text=_('How the selected cells make one value, e.g. {"op": "share", "of": {"HovArbStyrkStatus": '
                    '["A.01"]}, "per": {"HovArbStyrkStatus": ["TOT"]}}; empty: the cell is the value'))
    targets = models.JSONField(_("SDG targets"), default=list, blank=True, help_text=_('e.g. ["1.2", "10.2"]'))
    goals = models.JSONField(_("SDG goals"), default=list, blank=True, help_text=_("e.g. [1, 10]"))
    evidence = models.JSONField(
        _("evidence"), default=list, blank=True,
        help_text=_('Where the codes were found and what that shows: [{"source": …, "shows": …}]'))
    verified = models.BooleanField(
        _("marked verified"), default=False,
        help_text=_("The spec counts as verified only when its evidence also names every code it asks for"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["indicator"]
        verbose_name = _("fetch specification")
        verbose_name_plural = _("fetch specifications")

    def __str__(self) -> str:
        return f"{self.indicator_id} ← {self.publisher} {self.table} {self.contents}"

    def entry(self) -> SpecEntry:
        """This spec as a spec-file entry, for listing and checking it like the files' specs."""
        fields = {name: getattr(self, name) for name in (*FETCH_FIELDS, *EVIDENCE_FIELDS)}
        return entry_of(self.indicator_id, fields, origin="database")

    def unverified_reasons(self) -> list[str]:
        """Why this spec is not verified (empty when it is): not marked so, no evidence, or evidence that does
        not name every code the spec asks for."""
        return unverified_reasons(self.entry())

    def years(self, current_year: int) -> list[int]:
        """The years to ask for: ``first_year`` through ``last_year`` (or ``current_year`` when empty)."""
        return list(range(self.first_year, (self.last_year or current_year) + 1))

    def problems(self) -> list[str]:
        """What is wrong with this spec, in sentences (empty when it can be fetched)."""
        problems = [] if self.publisher in self.Publisher.values else [
            f"unknown publisher {self.publisher!r}; choose one of: {', '.join(self.Publisher.values)}"]
        if not self.table or not self.contents:
            problems.append("a spec needs a table and a contents code")
        if self.publisher == self.Publisher.FHI and not self.source:
            problems.append("an FHI spec needs its source, e.g. nokkel")
        problems += _year_problems(self.first_year, self.last_year)
        problems += _selection_problems(self.selections)
        problems += _derivation_problems(self.derivation, self.selections)
        return problems

    def derivation_rule(self) -> Derivation | None:
        """The derivation as the sync applies it (``None``: each fetched cell is a value)."""
        return Derivation.parse(self.derivation) if self.derivation else None

    def clean(self) -> None:
        problems = self.problems()
        if problems:
            raise ValidationError(problems)


def _year_problems(first: Any, last: Any) -> list[str]:
    low, high = YEAR_RANGE
    if not isinstance(first, int) or not low <= first <= high:
        return [f"first year {first!r} is not a year between {low} and {high}"]
    if last is not None and (not isinstance(last, int) or not first <= last <= high):
        return [f"last year {last!r} is not a year between the first year {first} and {high}"]
    return []


def _selection_problems(selections: Any) -> list[str]:
    if not isinstance(selections, dict):
        return ['other selections must be an object of dimension → list of codes, e.g. {"KJONN": ["0"]}']
    return [f"selection {dimension!r} must be a non-empty list of codes"
            for dimension, codes in selections.items()
            if not isinstance(codes, list) or not codes or not all(isinstance(code, str) and code for code in codes)]


def _derivation_problems(derivation: Any, selections: Any) -> list[str]:
    if derivation is None:
        return []
    try:
        rule = Derivation.parse(derivation)
    except DerivationError as error:
        return [f"derivation: {error}"]
    return rule.selection_problems(selections) if isinstance(selections, dict) else []


class FetchLog(models.Model):
    """One fetched piece of a spec's plan: where it came from, what the publisher answered, what it stored."""

    class Status(models.TextChoices):
        STORED = "stored", _("stored")
        UNCHANGED = "unchanged", _("no changes")
        FAILED = "failed", _("failed")

    spec = models.ForeignKey(FetchSpec, on_delete=models.CASCADE, related_name="logs",
                             verbose_name=_("fetch specification"))
    task_key = models.CharField(_("task key"), max_length=120)
    url = models.TextField(_("URL"))
    query = models.JSONField(_("query"), default=dict, blank=True)
    fetched_at = models.DateTimeField(_("fetched"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    http_status = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    table_updated = models.CharField(_("table updated"), max_length=40, blank=True)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    revision = models.ForeignKey("indicators.DatasetRevision", on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="+", verbose_name=_("dataset revision"))
    message = models.TextField(_("message"), blank=True)

    objects = FetchLogQuerySet.as_manager()

    class Meta:
        ordering = ["spec", "fetched_at"]
        verbose_name = _("fetch log entry")
        verbose_name_plural = _("fetch log")
        constraints = [models.UniqueConstraint(fields=["spec", "task_key"], name="unique_fetch_task_per_spec")]

    def __str__(self) -> str:
        return f"{self.spec_id} {self.task_key}: {self.status}"
