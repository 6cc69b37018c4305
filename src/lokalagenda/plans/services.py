"""Writes of the plans app. Every write checks the editor's right and lands in the audit log."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from lokalagenda.accounts.models import Organisation
from lokalagenda.accounts.permissions import can_edit
from lokalagenda.accounts.services import save_audited
from lokalagenda.framework.models import Goal, Target
from lokalagenda.plans.models import Priorities

PRIORITY_FIELDS = ["statement", "goals", "targets", "published"]


@transaction.atomic
def save_priorities(
    organisation: Organisation, user: Any, *, statement: str, goals: list[Goal], targets: list[Target],
    published: bool,
) -> Priorities:
    """Create or change the organisation's priorities; raises PermissionDenied for anyone but its editors."""
    if not can_edit(user, organisation):
        raise PermissionDenied("Only editors of this organisation can change its priorities.")
    priorities = (Priorities.objects.select_for_update().filter(organisation=organisation).first()
                  or Priorities(organisation=organisation))
    return save_audited(user, priorities, PRIORITY_FIELDS, organisation, validate=False,
                        values={"statement": statement, "published": published, "updated_by": user},
                        relations={"goals": goals, "targets": targets})
