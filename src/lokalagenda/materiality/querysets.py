"""Named reads of materiality assessments: an organisation's draft, its versions, and the latest published version
of every organisation (what national counts read: drafts are never counted)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models

if TYPE_CHECKING:
    from lokalagenda.materiality.models import AssessmentVersion


class DraftEntryQuerySet(models.QuerySet):
    def for_organisation(self, organisation: Any) -> DraftEntryQuerySet:
        return self.filter(organisation=organisation).select_related("target")


class AssessmentVersionQuerySet(models.QuerySet):
    def for_organisation(self, organisation: Any) -> AssessmentVersionQuerySet:
        return self.filter(organisation=organisation)

    def latest_for(self, organisation: Any) -> AssessmentVersion | None:
        """The organisation's newest published version, or None before its first publishing."""
        return self.for_organisation(organisation).order_by("-number").first()

    def latest_per_organisation(self) -> AssessmentVersionQuerySet:
        """The newest version of every organisation that has published one (a subquery, so one query)."""
        newest = self.model.objects.filter(organisation=models.OuterRef("organisation")).order_by("-number")
        return self.filter(pk=models.Subquery(newest.values("pk")[:1]))
