"""``{% fylke_goal_status fylke %}``: where a fylke stands on the 17 goals, with the same status table as the
kommune page (``web/_goal_status.html``), for the fylke page, which lives in ``places`` and must not import the
apps above it."""

from __future__ import annotations

from typing import Any

from django import template

from lokalagenda.accounts.models import Organisation
from lokalagenda.plans.models import Priorities
from lokalagenda.web.dashboards import place_dashboard

register = template.Library()


@register.inclusion_tag("web/_fylke_status.html", takes_context=True)
def fylke_goal_status(context: dict[str, Any], fylke: Any) -> dict[str, Any]:
    """The fylke's stored goal results with the fylkeskommune's priority goals (as far as the visitor may see
    them) marked; an empty section before the first measurement run."""
    organisation = Organisation.objects.filter(fylke=fylke).first()
    priorities = None
    if organisation is not None:
        priorities = Priorities.objects.visible_to(context["request"].user).for_organisation(organisation).first()
    return {"fylke": fylke, "dashboard": place_dashboard(fylke.number, priorities)}
