"""What a kommune or fylkeskommune plans: its priorities, its plans with local goals and actions (tiltak), and how
these link to SDG targets and to indicators.

A plan belongs to one organisation and is a draft until published; its documents, goals, actions and links are
visible exactly when the plan is. Links to targets remember where they came from (entered by hand, or suggested by
the mapping engine and accepted), and rejected suggestions are kept so they are not offered again.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from lokalagenda.accounts.tenancy import OrganisationOwnedQuerySet

#: The longest priorities statement: the page's form and the API refuse a longer one.
STATEMENT_MAX_LENGTH = 5000


class Priorities(models.Model):
    """An organisation's chosen priority goals and targets, with a statement; draft until published."""

    organisation = models.OneToOneField(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="priorities"
    )
    statement = models.TextField(_("statement"), blank=True)
    goals = models.ManyToManyField("framework.Goal", blank=True, verbose_name=_("priority goals"))
    targets = models.ManyToManyField("framework.Target", blank=True, verbose_name=_("priority targets"))
    published = models.BooleanField(_("published"), default=False)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)

    objects = OrganisationOwnedQuerySet.as_manager()

    class Meta:
        verbose_name = _("priorities")
        verbose_name_plural = _("priorities")

    def __str__(self) -> str:
        return f"{self.organisation}"


class Plan(models.Model):
    """One plan in an organisation's plan register, e.g. the kommuneplan's samfunnsdel for 2024–2036."""

    class Kind(models.TextChoices):
        SAMFUNNSDEL = "samfunnsdel", _("kommuneplan, samfunnsdel")
        AREALDEL = "arealdel", _("kommuneplan, arealdel")
        HANDLINGSPLAN = "handlingsplan", _("handlingsplan")
        TEMAPLAN = "temaplan", _("temaplan")
        OTHER = "other", _("other plan")

    class Status(models.TextChoices):
        DRAFT = "draft", _("being drafted")
        CONSULTATION = "consultation", _("in consultation")
        ADOPTED = "adopted", _("adopted")
        EXPIRED = "expired", _("expired")

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="plans")
    kind = models.CharField(_("kind of plan"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    start_year = models.PositiveSmallIntegerField(_("first year"))
    end_year = models.PositiveSmallIntegerField(_("last year"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    url = models.URLField(_("link"), max_length=500, blank=True)
    published = models.BooleanField(_("published"), default=False)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")

    objects = OrganisationOwnedQuerySet.as_manager()

    class Meta:
        ordering = ["-start_year", "title", "id"]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        constraints = [
            models.CheckConstraint(condition=Q(end_year__isnull=True) | Q(end_year__gte=models.F("start_year")),
                                   name="plan_period_in_order"),
        ]

    def __str__(self) -> str:
        return self.title


class PlanDocument(models.Model):
    """An uploaded plan document, with the text the background task read from it.

    The upload stores the file at once (after the cheap checks) with ``text_status`` "reading"; the task
    (``plans.documents.read_plan_document``) reads the text within its limits and budget, and stores it with what
    the limits left out (``reading``), or marks the document failed with the reason, for the editor to see and
    delete the document.
    """

    class FileType(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "Word (.docx)"
        TXT = "txt", _("plain text")

    class TextStatus(models.TextChoices):
        READING = "reading", _("being read")
        READ = "read", _("read")
        FAILED = "failed", _("could not be read")

    class SuggestionStatus(models.TextChoices):
        NONE = "", _("not asked for yet")
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("being computed")
        DONE = "done", _("ready")
        FAILED = "failed", _("failed")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(upload_to="plans/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    file_type = models.CharField(_("file type"), max_length=10, choices=FileType.choices)
    size = models.PositiveIntegerField(_("size in bytes"))
    text = models.TextField(_("extracted text"), blank=True)
    text_status = models.CharField(_("text"), max_length=10, choices=TextStatus.choices, default=TextStatus.READ)
    reading = models.JSONField(default=dict, blank=True, help_text=(
        'What reading left out ({"pages": 412, "pages_read": 300, "skipped": [7], "stopped": "pages"}), or why it '
        'failed ({"failure": "unreadable", "reason": "…"}); see reading_notes and reading_problem.'))
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")
    # Target suggestions for the whole document take seconds for a long plan, so a background task computes
    # them once after the text is read (plans.suggestions.suggest_document_targets) and stores them here.
    suggestion_status = models.CharField(_("target suggestions"), max_length=10, choices=SuggestionStatus.choices,
                                         default=SuggestionStatus.NONE, blank=True)
    suggestions = models.JSONField(default=list, blank=True,
                                   help_text="[[target code, score, [evidence, …]], …], best first")
    suggestion_error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("plan document")
        verbose_name_plural = _("plan documents")

    def __str__(self) -> str:
        return self.original_name

    def reading_problem(self) -> str:
        """Why the text could not be read, naming the file, in the active language ("" unless it failed)."""
        if self.text_status != self.TextStatus.FAILED:
            return ""
        name, failure = self.original_name, self.reading.get("failure")
        if failure == "empty":
            return gettext("%(name)s has no text that can be read (is it a scanned image?).") % {"name": name}
        if failure == "complex":
            return gettext("%(name)s could not be read: its pages are too complex or damaged to read as text.") % {
                "name": name}
        if failure == "budget":
            return gettext("%(name)s could not be read: reading it needs more computing time or memory than one "
                           "document may use. Save it again as a new PDF, or split it, and upload it again.") % {
                "name": name}
        if failure == "error":
            return gettext("%(name)s could not be read because of an error in Lokalagenda; the administrators can "
                           "see what went wrong. Delete it and try again later.") % {"name": name}
        return gettext("%(name)s could not be read: %(reason)s") % {"name": name,
                                                                    "reason": self.reading.get("reason", "")}

    def reading_notes(self) -> list[str]:
        """What the limits left out of the text, naming the file, in the active language."""
        if self.text_status != self.TextStatus.READ:
            return []
        name, facts, notes = self.original_name, self.reading, []
        values = {"name": name, "read": facts.get("pages_read"), "pages": facts.get("pages")}
        if facts.get("stopped") == "pages":
            notes.append(gettext("%(name)s: only the first %(read)s of its %(pages)s pages were read (at most "
                                 "%(read)s pages are read of a document).") % values)
        elif facts.get("stopped") == "time":
            notes.append(gettext("%(name)s: only the first %(read)s of its %(pages)s pages were read; reading the "
                                 "rest would take too long.") % values)
        elif facts.get("stopped") == "characters":
            notes.append(gettext("%(name)s: only the first %(characters)s characters of its text were read.") % {
                "name": name, "characters": len(self.text)})
        skipped = facts.get("skipped") or []
        if skipped:
            notes.append(ngettext(
                "%(name)s: page %(pages)s was left out because it is too complex or damaged to read as text.",
                "%(name)s: pages %(pages)s were left out because they are too complex or damaged to read as text.",
                len(skipped)) % {"name": name, "pages": ", ".join(map(str, skipped))})
        return notes


class LocalGoal(models.Model):
    """A goal the plan sets for the kommune itself ("Alle barn skal ha en trygg oppvekst")."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="goals")
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("local goal")
        verbose_name_plural = _("local goals")

    def __str__(self) -> str:
        return self.title


class Action(models.Model):
    """An action (tiltak) towards a local goal: who does it, what it costs, when, and how far it has come."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        ONGOING = "ongoing", _("ongoing")
        DONE = "done", _("done")
        CANCELLED = "cancelled", _("cancelled")

    goal = models.ForeignKey(LocalGoal, on_delete=models.CASCADE, related_name="actions")
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    responsible_unit = models.CharField(_("responsible unit"), max_length=200, blank=True)
    budget_nok = models.DecimalField(_("budget (NOK)"), max_digits=14, decimal_places=2, null=True, blank=True)
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED)

    class Meta:
        ordering = ["id"]
        verbose_name = _("action (tiltak)")
        verbose_name_plural = _("actions (tiltak)")
        constraints = [
            models.CheckConstraint(condition=Q(budget_nok__isnull=True) | Q(budget_nok__gte=0),
                                   name="action_budget_not_negative"),
            models.CheckConstraint(
                condition=(Q(start_date__isnull=True) | Q(end_date__isnull=True)
                           | Q(end_date__gte=models.F("start_date"))),
                name="action_dates_in_order"),
        ]

    def __str__(self) -> str:
        return self.title


def _exactly_one(*fields: str) -> Q:
    """A condition that exactly one of ``fields`` is set."""
    condition = Q()
    for chosen in fields:
        part = Q(**{f"{chosen}__isnull": False})
        for other in fields:
            if other != chosen:
                part &= Q(**{f"{other}__isnull": True})
        condition |= part
    return condition


class TargetLink(models.Model):
    """A local goal, an action or a whole plan document linked to an SDG target.

    A link is entered by hand or comes from an accepted suggestion (with the engine's score and evidence); a
    rejected suggestion is kept as a rejected link so it is not suggested again. ``plan`` is the plan the subject
    belongs to, stored so coverage and tenancy need no joins through three tables.
    """

    class Origin(models.TextChoices):
        MANUAL = "manual", _("entered by hand")
        SUGGESTED = "suggested", _("suggested")

    class State(models.TextChoices):
        ACCEPTED = "accepted", _("accepted")
        REJECTED = "rejected", _("rejected")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="target_links")
    goal = models.ForeignKey(LocalGoal, on_delete=models.CASCADE, null=True, blank=True, related_name="target_links")
    action = models.ForeignKey(Action, on_delete=models.CASCADE, null=True, blank=True, related_name="target_links")
    document = models.ForeignKey(PlanDocument, on_delete=models.CASCADE, null=True, blank=True,
                                 related_name="target_links")
    target = models.ForeignKey("framework.Target", on_delete=models.PROTECT, related_name="plan_links")
    origin = models.CharField(_("origin"), max_length=10, choices=Origin.choices)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.ACCEPTED)
    score = models.FloatField(_("score"), null=True, blank=True)
    evidence = models.JSONField(_("evidence"), default=list, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    decided_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["target__position"]
        verbose_name = _("target link")
        verbose_name_plural = _("target links")
        constraints = [
            models.CheckConstraint(condition=_exactly_one("goal", "action", "document"),
                                   name="target_link_has_one_subject"),
            models.CheckConstraint(condition=Q(origin="suggested") | Q(state="accepted", score__isnull=True),
                                   name="manual_target_link_is_accepted_without_score"),
            models.UniqueConstraint(fields=["goal", "target"], condition=Q(goal__isnull=False),
                                    name="one_link_per_goal_and_target"),
            models.UniqueConstraint(fields=["action", "target"], condition=Q(action__isnull=False),
                                    name="one_link_per_action_and_target"),
            models.UniqueConstraint(fields=["document", "target"], condition=Q(document__isnull=False),
                                    name="one_link_per_document_and_target"),
        ]

    def __str__(self) -> str:
        return f"{self.subject} → {self.target_id} ({self.state})"

    @property
    def subject(self) -> LocalGoal | Action | PlanDocument:
        return self.goal or self.action or self.document  # type: ignore[return-value]


class IndicatorLink(models.Model):
    """A local goal or action measured by a catalogue indicator: a key result with a start and a target value.

    The current value is the kommune's latest stored observation of the indicator, unless the editor entered a
    newer one (with its date and source), e.g. from the kommune's own records.
    """

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="indicator_links")
    goal = models.ForeignKey(LocalGoal, on_delete=models.CASCADE, null=True, blank=True,
                             related_name="indicator_links")
    action = models.ForeignKey(Action, on_delete=models.CASCADE, null=True, blank=True, related_name="indicator_links")
    indicator = models.ForeignKey("indicators.Indicator", on_delete=models.PROTECT, related_name="plan_links")
    start_value = models.FloatField(_("start value"))
    start_year = models.PositiveSmallIntegerField(_("start year"))
    target_value = models.FloatField(_("target value"))
    target_year = models.PositiveSmallIntegerField(_("target year"))
    current_value = models.FloatField(_("current value (entered)"), null=True, blank=True)
    current_date = models.DateField(_("date of the current value"), null=True, blank=True)
    current_source = models.CharField(_("source of the current value"), max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")

    class Meta:
        ordering = ["id"]
        verbose_name = _("indicator link")
        verbose_name_plural = _("indicator links")
        constraints = [
            models.CheckConstraint(condition=_exactly_one("goal", "action"), name="indicator_link_has_one_subject"),
            models.CheckConstraint(condition=Q(target_year__gte=models.F("start_year")),
                                   name="indicator_link_years_in_order"),
            models.CheckConstraint(
                condition=Q(current_value__isnull=True) | (Q(current_date__isnull=False) & ~Q(current_source="")),
                name="entered_current_value_has_date_and_source"),
            # One key result per subject and indicator: a second start and target value for the same indicator
            # would make two progress figures for one thing. Change the existing link instead.
            models.UniqueConstraint(
                fields=["goal", "indicator"], condition=Q(goal__isnull=False),
                name="one_key_result_per_goal_and_indicator",
                violation_error_message=_("This goal is already measured by that indicator; change that link "
                                          "instead.")),
            models.UniqueConstraint(
                fields=["action", "indicator"], condition=Q(action__isnull=False),
                name="one_key_result_per_action_and_indicator",
                violation_error_message=_("This action is already measured by that indicator; change that link "
                                          "instead.")),
        ]

    def __str__(self) -> str:
        return f"{self.goal or self.action} ~ {self.indicator_id}"
