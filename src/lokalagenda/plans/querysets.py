"""Scoped reads of rows that an organisation owns."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q


class OrganisationOwnedQuerySet(models.QuerySet):
    """For models with an ``organisation`` and a ``published`` flag."""

    def for_organisation(self, organisation: Any) -> OrganisationOwnedQuerySet:
        return self.filter(organisation=organisation)

    def published(self) -> OrganisationOwnedQuerySet:
        return self.filter(published=True)

    def visible_to(self, user: Any) -> OrganisationOwnedQuerySet:
        """Published rows, plus every row of the organisations the user is a member of."""
        if getattr(user, "is_superuser", False):
            return self
        if not getattr(user, "is_authenticated", False):
            return self.published()
        return self.filter(Q(published=True) | Q(organisation__memberships__user=user)).distinct()

