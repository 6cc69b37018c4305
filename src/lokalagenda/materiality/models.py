"""A kommune's or fylkeskommune's own materiality assessment (vesentlighetsanalyse) of the SDG targets.

For each target its editors judge the **situation** (is this a real problem or opportunity here?) and their
**influence** (can the organisation change it?), give a rationale, say who was involved and whether the target is
material. The editors work on a draft (:class:`DraftEntry`, one row per assessed target); publishing copies the
draft into a numbered :class:`AssessmentVersion` with its :class:`PublishedEntry` rows, which readers and the
national summary see. Earlier versions stay, so a council decision can point to the version it adopted.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lokalagenda.materiality.querysets import AssessmentVersionQuerySet, DraftEntryQuerySet


class Situation(models.TextChoices):
    """How the target stands locally, from the worst to the best (the order of the matrix's rows)."""

    MAJOR_CHALLENGE = "major_challenge", _("major challenge")
    CHALLENGE = "challenge", _("challenge")
    MIXED = "mixed", _("mixed picture")
    GOING_WELL = "going_well", _("going well")


class Influence(models.TextChoices):
    """How far the organisation can change the target's situation (the order of the matrix's columns)."""

    DIRECT = "direct", _("direct: own services and powers")
    INDIRECT = "indirect", _("indirect: through partners, planning, purchasing")
    LITTLE = "little", _("little")


class Participant(models.TextChoices):
    """Who took part in assessing a target."""

    ADMINISTRATION = "administration", _("the administration")
    COUNCIL = "council", _("elected representatives")
    RESIDENTS = "residents", _("residents")
    PARTNERS = "partners", _("partners")


class Judgement(models.Model):
    """The fields of one target's assessment, shared by the draft and the published rows."""

    target = models.ForeignKey("framework.Target", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("target"))
    situation = models.CharField(_("situation"), max_length=20, choices=Situation.choices)
    influence = models.CharField(_("influence"), max_length=10, choices=Influence.choices)
    rationale = models.TextField(_("rationale"), blank=True, max_length=4000)
    material = models.BooleanField(_("material"), default=False,
                                   help_text=_("The target matters enough here to be considered a priority."))
    involved = models.JSONField(_("involved"), default=list, blank=True,
                                help_text=_("Who took part: administration, council, residents, partners."))

    #: The fields a version copies and a fingerprint reads, in this order.
    FIELDS = ("situation", "influence", "rationale", "material", "involved")

    class Meta:
        abstract = True

    @property
    def involved_labels(self) -> list[str]:
        """Who took part, in words, in the participants' order."""
        return [str(Participant(value).label) for value in self.involved if value in Participant.values]

    def judgement(self) -> dict[str, object]:
        """The entry as plain data, keyed by the target's code (the API's and the fingerprint's shape)."""
        return {"target": self.target_id, **{name: getattr(self, name) for name in self.FIELDS}}


class DraftEntry(Judgement):
    """One target in the organisation's working draft; editors change it until they publish."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE,
                                     related_name="materiality_drafts")
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")

    objects = DraftEntryQuerySet.as_manager()

    class Meta:
        ordering = ["organisation", "target__position"]
        constraints = [models.UniqueConstraint(fields=["organisation", "target"], name="unique_materiality_draft")]
        verbose_name = _("assessment entry (draft)")
        verbose_name_plural = _("assessment entries (draft)")

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.target_id} (draft)"


class AssessmentVersion(models.Model):
    """One published version of an organisation's assessment; numbered from 1 per organisation."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE,
                                     related_name="materiality_versions")
    number = models.PositiveIntegerField(_("version"))
    published_at = models.DateTimeField(_("published"), auto_now_add=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+")
    #: The SHA-256 of the version's entries (``materiality.services.fingerprint``): a decision that adopted this
    #: version keeps it, so a later version with other content shows as changed since the decision.
    fingerprint = models.CharField(max_length=64)

    objects = AssessmentVersionQuerySet.as_manager()

    class Meta:
        ordering = ["organisation", "-number"]
        constraints = [models.UniqueConstraint(fields=["organisation", "number"], name="unique_assessment_version")]
        verbose_name = _("published assessment")
        verbose_name_plural = _("published assessments")

    def __str__(self) -> str:
        return f"{self.organisation_id} v{self.number}"


class PublishedEntry(Judgement):
    """One target as a published version holds it; never changed after publishing."""

    version = models.ForeignKey(AssessmentVersion, on_delete=models.CASCADE, related_name="entries")

    class Meta:
        ordering = ["version", "target__position"]
        constraints = [models.UniqueConstraint(fields=["version", "target"], name="unique_published_entry")]
        verbose_name = _("assessment entry (published)")
        verbose_name_plural = _("assessment entries (published)")

    def __str__(self) -> str:
        return f"{self.version} {self.target_id}"
