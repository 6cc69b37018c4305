"""What the decisions page shows and where it is: the organisation's decisions, newest first, each with whether
what it adopted has changed since, and the page's address for a kommune or a fylke."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from lokalagenda.decisions.badges import Adoption
from lokalagenda.decisions.models import Decision
from lokalagenda.decisions.subjects import changed_since
from lokalagenda.places.place import Place, PlaceKind

#: What the URL names of each kind of place's decision pages start with (``decisions:{prefix}list``).
URL_PREFIXES = {PlaceKind.KOMMUNE: "", PlaceKind.FYLKE: "fylke-"}


def decisions_url(owner: Place, name: str = "list", *args: Any) -> str:
    """The address of the decision page ``name`` (``list``, ``new``, ``edit``, ``delete``) of ``owner``."""
    return reverse(f"decisions:{URL_PREFIXES[owner.kind]}{name}", args=[owner.number, *args])


def decision_rows(organisation: Any) -> list[Adoption]:
    """Every decision of the organisation, newest first, each with whether its subject has changed since."""
    decisions = (Decision.objects.for_organisation(organisation)
                 .select_related("organisation", "plan", "assessment_version").order_by("-decided_on", "-pk"))
    return [Adoption(decision, changed_since(decision)) for decision in decisions]
