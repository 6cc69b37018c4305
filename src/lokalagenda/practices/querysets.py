"""Named reads of practices: what the public, members and editors may see."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q


class PracticeQuerySet(models.QuerySet):
    def published(self) -> PracticeQuerySet:
        return self.filter(status="published")

    def for_organisation(self, organisation: Any) -> PracticeQuerySet:
        return self.filter(organisation=organisation)

    def visible_to(self, user: Any) -> PracticeQuerySet:
        """Published practices, plus drafts of the organisations the user is a member of (superusers: all)."""
        if getattr(user, "is_superuser", False):
            return self
        if not getattr(user, "is_authenticated", False):
            return self.published()
        return self.filter(Q(status="published") | Q(organisation__memberships__user=user)).distinct()
