"""Tenancy: scoped reads of rows that an organisation owns.

The public sees published rows; members of the organisation (any role) also see its drafts; superusers see
everything. What "published" means is the model's: a ``published`` flag (plans, priorities, partnerships) or a
``status`` (practices, which go draft → submitted → published).
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import models
from django.db.models import Q


class OrganisationOwnedQuerySet(models.QuerySet):
    """For models with an ``organisation`` and a ``published`` flag."""

    #: The rows everyone may read.
    published_rows: ClassVar[Q] = Q(published=True)

    def for_organisation(self, organisation: Any) -> OrganisationOwnedQuerySet:
        return self.filter(organisation=organisation)

    def published(self) -> OrganisationOwnedQuerySet:
        return self.filter(self.published_rows)

    def visible_to(self, user: Any) -> OrganisationOwnedQuerySet:
        """Published rows, plus every row of the organisations the user is a member of."""
        if getattr(user, "is_superuser", False):
            return self
        if not getattr(user, "is_authenticated", False):
            return self.published()
        return self.filter(self.published_rows | Q(organisation__memberships__user=user)).distinct()


class StatusOwnedQuerySet(OrganisationOwnedQuerySet):
    """For models with an ``organisation`` and a ``status`` that is ``"published"`` once they are (practices)."""

    published_rows: ClassVar[Q] = Q(status="published")
