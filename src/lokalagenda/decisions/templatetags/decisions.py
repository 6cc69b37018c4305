"""``{% decision_badge organisation "priorities" %}`` (or ``"assessment"``, ``"vlr"``, and
``{% decision_badge organisation "plan" plan %}``): the latest decision that adopted the subject, "Vedtatt i
kommunestyret 20.06.2024, sak 45/24", linked to the public case record, and marked "Endret etter vedtaket" when the
subject has changed since; nothing when no decision adopted it (or ``organisation`` is None). See
``decisions.badges``. ``{% decisions_url owner "list" %}``: the address of a decision page of a kommune or fylke."""

from __future__ import annotations

from typing import Any

from django import template

from lokalagenda.decisions.badges import BADGE_TEMPLATE, adoption_of
from lokalagenda.decisions.pages import decisions_url

register = template.Library()


@register.inclusion_tag(BADGE_TEMPLATE)
def decision_badge(organisation: Any, subject: str, plan: Any = None) -> dict[str, Any]:
    return {"adoption": adoption_of(organisation, subject, plan)}


@register.simple_tag(name="decisions_url")
def decisions_url_tag(owner: Any, name: str = "list", *args: Any) -> str:
    """``{% decisions_url owner "edit" decision.pk %}``: a decision page of the owner (``pages.decisions_url``)."""
    return decisions_url(owner, name, *args)
