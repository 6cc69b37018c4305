"""Partners and partnerships (SDG 17): who a kommune works with, towards which targets, and in which actions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lokalagenda.partnerships.querysets import PartnershipQuerySet
from lokalagenda.partnerships.validators import validate_organisation_number


class Partner(models.Model):
    """An organisation a kommune works with. Partners are public: anyone may read them; their entering
    organisation's editors (and national editors) change them."""

    class Kind(models.TextChoices):
        BUSINESS = "business", _("business")
        ACADEMIA = "academia", _("academia")
        CIVIL_SOCIETY = "civil_society", _("civil society and voluntary organisations")
        PUBLIC_AGENCY = "public_agency", _("public agency")
        RESIDENTS_GROUP = "residents_group", _("residents' group")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    organisation_number = models.CharField(
        _("organisation number"), max_length=9, blank=True, validators=[validate_organisation_number],
        help_text=_("Nine digits, from the Brønnøysund Register Centre. Leave empty if the partner has none."),
    )
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    owner = models.ForeignKey("accounts.Organisation", on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="entered_partners", verbose_name=_("entered by"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        constraints = [
            models.UniqueConstraint(fields=["organisation_number"], condition=~Q(organisation_number=""),
                                    name="unique_partner_organisation_number"),
        ]

    def __str__(self) -> str:
        return self.name


class Partnership(models.Model):
    """A partnership owned by one organisation, with partners and other kommuner taking part; draft until
    published."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        ACTIVE = "active", _("active")
        ENDED = "ended", _("ended")

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE,
                                     related_name="partnerships", verbose_name=_("owner"))
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    kommuner = models.ManyToManyField("places.Kommune", blank=True, related_name="partnerships",
                                      verbose_name=_("other kommuner taking part"))
    partners = models.ManyToManyField(Partner, blank=True, related_name="partnerships", verbose_name=_("partners"))
    targets = models.ManyToManyField("framework.Target", blank=True, related_name="partnerships",
                                     verbose_name=_("SDG targets"))
    actions = models.ManyToManyField("plans.Action", blank=True, related_name="partnerships",
                                     verbose_name=_("actions (tiltak)"))
    start_year = models.PositiveSmallIntegerField(_("start (year)"), null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(_("end (year)"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    published = models.BooleanField(_("published"), default=False)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        ordering = ["title", "id"]
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        constraints = [
            models.CheckConstraint(
                condition=Q(start_year__isnull=True) | Q(end_year__isnull=True)
                | Q(end_year__gte=models.F("start_year")),
                name="partnership_years_in_order"),
        ]

    def __str__(self) -> str:
        return self.title
