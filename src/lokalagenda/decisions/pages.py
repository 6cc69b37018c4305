"""What the decisions page shows and where it is: the organisation's decisions, newest first, each with whether
what it adopted has changed since, and the page's address for a kommune or a fylke."""

from __future__ import annotations

from typing import Any

from lokalagenda.decisions.badges import Adoption
from lokalagenda.decisions.models import Decision
from lokalagenda.decisions.subjects import changes_since
from lokalagenda.places.owner_pages import place_page_url
from lokalagenda.places.place import Place


def decisions_url(owner: Place, name: str = "list", *args: Any) -> str:
    """The address of the decision page ``name`` (``list``, ``new``, ``edit``, ``delete``) of ``owner``."""
    return place_page_url("decisions", owner, name, *args)


def decision_rows(organisation: Any) -> list[Adoption]:
    """Every decision of the organisation, newest first, each with whether its subject has changed since."""
    decisions = list(Decision.objects.for_organisation(organisation)
                     .select_related("organisation", "plan", "assessment_version").order_by("-decided_on", "-pk"))
    return [Adoption(decision, changed) for decision, changed in zip(decisions, changes_since(decisions),
                                                                     strict=True)]
