"""What a kommune or fylkeskommune plans: for now its priorities (priority goals and targets, with a statement).

Plans, local goals and actions (tiltak) will join them here.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lokalagenda.plans.querysets import OrganisationOwnedQuerySet


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
