"""Writes of a target's local relevance by national editors: checked, recorded in its history and audited."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from lokalagenda.accounts.permissions import require_national_editor
from lokalagenda.accounts.services import audit
from lokalagenda.framework.models import TargetRelevance, TargetRelevanceChange


def relevance_values(relevance: TargetRelevance) -> dict[str, Any]:
    """The values the history compares and keeps: levels, rationale, source and service-area keys."""
    return {"kommune": relevance.kommune, "fylkeskommune": relevance.fylkeskommune,
            "rationale": relevance.rationale, "source": relevance.source,
            "service_areas": sorted(area.key for area in relevance.service_areas.all())}


@transaction.atomic
def refine_relevance(relevance: TargetRelevance, user: Any, *, kommune: str, fylkeskommune: str, rationale: str,
                     source: str, comment: str) -> bool:
    """A national editor's refinement: from now on the seed never overwrites this target's relevance.

    Returns False when nothing changed (then nothing is recorded). Raises ``PermissionDenied`` for anyone
    but a national editor, whatever the caller checked before.
    """
    require_national_editor(user)
    before = relevance_values(relevance)
    relevance.kommune, relevance.fylkeskommune = kommune, fylkeskommune
    relevance.rationale, relevance.source = rationale.strip(), source.strip()
    after = relevance_values(relevance)
    if before == after:
        return False
    relevance.origin = TargetRelevance.Origin.EDITOR
    relevance.changed_by, relevance.changed_at = user, timezone.now()
    relevance.save()
    TargetRelevanceChange.objects.create(relevance=relevance, at=relevance.changed_at, user=user,
                                         origin=TargetRelevance.Origin.EDITOR, before=before, after=after,
                                         comment=comment.strip())
    audit(user, "update", relevance, before, after)
    return True
