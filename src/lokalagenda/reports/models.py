"""Narrative sections of a Voluntary Local Review: every save is a new version. Readers see the latest published
version; the organisation's editors preview the latest version, published or not."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NarrativeQuerySet(models.QuerySet):
    def for_organisation(self, organisation: object) -> NarrativeQuerySet:
        return self.filter(organisation=organisation)

    def of_section(self, section: str, language: str) -> NarrativeQuerySet:
        return self.filter(section=section, language=language)

    def latest_per_section(self, organisation: object, language: str, *, drafts: bool = False
                           ) -> dict[str, NarrativeVersion]:
        """The newest published version of every written section of the organisation in ``language`` (with
        ``drafts``, the newest version whether published or not)."""
        versions = self.for_organisation(organisation).filter(language=language)
        if not drafts:
            versions = versions.filter(published=True)
        latest: dict[str, NarrativeVersion] = {}
        for version in versions.order_by("section", "-number"):
            latest.setdefault(version.section, version)
        return latest


class NarrativeVersion(models.Model):
    """One saved version of one narrative section of an organisation's review, in one language."""

    class Language(models.TextChoices):
        NB = "nb", _("Norwegian Bokmål")
        NN = "nn", _("Norwegian Nynorsk")
        EN = "en", _("English")

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="narratives")
    section = models.SlugField(_("section"), max_length=40)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    number = models.PositiveIntegerField(_("version"))
    text = models.TextField(_("text"))
    published = models.BooleanField(_("published"), default=False,
                                    help_text=_("Readers of the report see the latest published version."))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = NarrativeQuerySet.as_manager()

    class Meta:
        ordering = ["organisation", "section", "language", "-number"]
        constraints = [models.UniqueConstraint(fields=["organisation", "section", "language", "number"],
                                               name="unique_narrative_version")]
        verbose_name = _("narrative version")
        verbose_name_plural = _("narrative versions")

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.section} {self.language} v{self.number}"
