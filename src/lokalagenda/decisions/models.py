"""Political decisions: the council (or another body) of a kommune or fylkeskommune adopts its materiality
assessment, its priorities, a plan or a VLR. A decision records the body, the date, the case number (saksnummer),
the decision text and a link to the public case record, and the *fingerprint* of what it adopted, so pages can
mark anything changed since (``decisions.subjects``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lokalagenda.accounts.tenancy import OrganisationOwnedQuerySet


class Body(models.TextChoices):
    KOMMUNESTYRET = "kommunestyret", _("kommunestyret")
    FYLKESTINGET = "fylkestinget", _("fylkestinget")
    FORMANNSKAPET = "formannskapet", _("formannskapet")
    FYLKESUTVALGET = "fylkesutvalget", _("fylkesutvalget")
    UTVALG = "utvalg", _("a committee (utvalg)")


class Subject(models.TextChoices):
    ASSESSMENT = "assessment", _("materiality assessment")
    PRIORITIES = "priorities", _("priorities")
    PLAN = "plan", _("plan")
    VLR = "vlr", _("Voluntary Local Review")


class DecisionQuerySet(OrganisationOwnedQuerySet):
    """Decisions are public records: every decision is published (``published_rows`` matches all)."""

    published_rows = models.Q()

    def about(self, subject: str, plan: object | None = None) -> DecisionQuerySet:
        rows = self.filter(subject=subject)
        return rows.filter(plan=plan) if subject == Subject.PLAN else rows

    def latest(self) -> Decision | None:
        return self.order_by("-decided_on", "-pk").first()


class Decision(models.Model):
    """One decision of a political body that adopted one subject of the organisation."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="decisions")
    subject = models.CharField(_("what was adopted"), max_length=12, choices=Subject.choices)
    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, null=True, blank=True,
                             related_name="decisions", verbose_name=_("plan"))
    assessment_version = models.ForeignKey("materiality.AssessmentVersion", on_delete=models.PROTECT, null=True,
                                           blank=True, related_name="decisions",
                                           verbose_name=_("assessment version"))
    body = models.CharField(_("body"), max_length=20, choices=Body.choices)
    body_name = models.CharField(_("name of the committee"), max_length=200, blank=True,
                                 help_text=_("For a committee (utvalg): its name."))
    decided_on = models.DateField(_("date of the decision"))
    case_number = models.CharField(_("case number (saksnummer)"), max_length=40, help_text=_("For example 45/24."))
    text = models.TextField(_("decision text"), max_length=20000)
    record_url = models.URLField(_("link to the public case record"), blank=True, max_length=500)
    #: The fingerprint of the subject's content when the decision was recorded (``decisions.subjects``).
    fingerprint = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")

    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["organisation", "-decided_on", "-pk"]
        verbose_name = _("political decision")
        verbose_name_plural = _("political decisions")
        constraints = [
            models.CheckConstraint(condition=~models.Q(subject="plan") | models.Q(plan__isnull=False),
                                   name="plan_decision_names_plan"),
            models.CheckConstraint(condition=~models.Q(body="utvalg") | ~models.Q(body_name=""),
                                   name="committee_decision_names_committee"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.subject} {self.case_number}"
