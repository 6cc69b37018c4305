"""The good-practice library (erfaringsbank): what a kommune did, with whom, towards which targets, and what
came of it. Drafts belong to their organisation until its admin publishes them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lokalagenda.practices.querysets import PracticeQuerySet


class Practice(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("awaiting approval")
        PUBLISHED = "published", _("published")

    class Language(models.TextChoices):
        NB = "nb", _("Norwegian Bokmål")
        NN = "nn", _("Norwegian Nynorsk")
        EN = "en", _("English")
        SE = "se", _("Northern Sámi")

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="practices",
                                     verbose_name=_("organisation"))
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=1000)
    body = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    kommuner = models.ManyToManyField("places.Kommune", related_name="practices", verbose_name=_("kommuner"))
    start_year = models.PositiveSmallIntegerField(_("first year"))
    end_year = models.PositiveSmallIntegerField(_("last year"), null=True, blank=True)
    targets = models.ManyToManyField("framework.Target", related_name="practices", blank=True,
                                     verbose_name=_("SDG targets"))
    partners = models.ManyToManyField("partnerships.Partner", related_name="practices", blank=True,
                                      verbose_name=_("partners"))
    themes = models.JSONField(_("themes"), default=list, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, default=Language.NB)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")

    objects = PracticeQuerySet.as_manager()

    class Meta:
        ordering = ["-start_year", "title", "id"]
        indexes = [models.Index(fields=["status", "start_year"], name="practice_status_year_idx")]
        verbose_name = _("practice")
        verbose_name_plural = _("practices")

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class PracticeRevision(models.Model):
    """An editor's change to a published practice, waiting for the organisation's admin.

    Readers (pages, API, search index, reports) read the ``Practice`` row only, so the published text stays
    what they see until the admin approves and the services copy this revision onto the practice. One per
    practice: a later edit replaces the proposal, and the audit log keeps every version.
    """

    practice = models.OneToOneField(Practice, on_delete=models.CASCADE, related_name="pending_revision")
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=1000)
    body = models.TextField(_("description"), blank=True)
    kommuner = models.ManyToManyField("places.Kommune", related_name="+", verbose_name=_("kommuner"))
    start_year = models.PositiveSmallIntegerField(_("first year"))
    end_year = models.PositiveSmallIntegerField(_("last year"), null=True, blank=True)
    targets = models.ManyToManyField("framework.Target", related_name="+", blank=True,
                                     verbose_name=_("SDG targets"))
    partners = models.ManyToManyField("partnerships.Partner", related_name="+", blank=True,
                                      verbose_name=_("partners"))
    themes = models.JSONField(_("themes"), default=list, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    language = models.CharField(_("language"), max_length=2, choices=Practice.Language.choices,
                                default=Practice.Language.NB)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")

    class Meta:
        verbose_name = _("pending change of a practice")
        verbose_name_plural = _("pending changes of practices")

    def __str__(self) -> str:
        return f"pending change of {self.practice_id}"


class PracticeResult(models.Model):
    """One result of a practice; measurable ones name a catalogue indicator and the values before and after."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="results")
    description = models.CharField(_("result"), max_length=500)
    indicator = models.ForeignKey("indicators.Indicator", on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+", verbose_name=_("indicator"))
    before = models.FloatField(_("value before"), null=True, blank=True)
    after = models.FloatField(_("value after"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(_("year measured"), null=True, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.description


class Attachment(models.Model):
    """A PDF or image belonging to a practice; its kind is read from the file's first bytes, not its name."""

    class Kind(models.TextChoices):
        PDF = "pdf", "PDF"
        PNG = "png", "PNG"
        JPEG = "jpeg", "JPEG"
        WEBP = "webp", "WebP"

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="practices/%Y/")
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(max_length=4, choices=Kind.choices)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title


class SearchDocument(models.Model):
    """The search terms of a practice (see ``lokalagenda.core.search.norwegian``), kept in step by the services.

    On PostgreSQL the migration adds a generated ``terms`` tsvector (GIN-indexed) over ``document`` and a
    ``norwegian`` tsvector over ``text`` for ranking; on SQLite an FTS5 table ``practices_fts`` holds the
    same terms, keyed by the practice id.
    """

    practice = models.OneToOneField(Practice, on_delete=models.CASCADE, primary_key=True,
                                    related_name="search_document")
    document = models.TextField(help_text="index terms separated by spaces")
    text = models.TextField(help_text="title, summary, body and themes as written")

    def __str__(self) -> str:
        return f"search document of {self.practice_id}"
