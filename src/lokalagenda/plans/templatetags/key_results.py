"""``{% place_key_results "kommune" kommune.number variant="goal" goal=goal.number %}``: the key results of a
place's organisation with their progress, for pages of other apps (the goal page in ``measurement``, the kommune
page in ``web``, the residents' page in ``reports``). All of them read :func:`plans.keyresults.key_results_of`.

Variants: ``goal`` (the key results about one SDG goal), ``dashboard`` (a compact list on the kommune page) and
``residents`` (published plans only, whoever looks, and nothing shown when there are none).
"""

from __future__ import annotations

from typing import Any

from django import template
from django.http import Http404

from lokalagenda.plans.keyresults import key_results_of
from lokalagenda.plans.models import Plan
from lokalagenda.plans.owners import owner_for, plan_url

register = template.Library()

VARIANTS = ("goal", "dashboard", "residents")


@register.inclusion_tag("plans/_place_key_results.html", takes_context=True)
def place_key_results(context: dict[str, Any], place_kind: str, number: str, variant: str = "dashboard",
                      goal: int | None = None) -> dict[str, Any]:
    """The key results the visitor may see (the residents' variant: published plans only), each with the address
    of its plan's page; an empty list for a place without an organisation."""
    if variant not in VARIANTS:
        raise template.TemplateSyntaxError(f"place_key_results: unknown variant {variant!r}")
    try:
        owner = owner_for(place_kind, number)
    except Http404:
        return {"entries": [], "variant": variant, "goal": goal}
    plans = Plan.objects.published() if variant == "residents" else Plan.objects.visible_to(context["request"].user)
    results = key_results_of(owner.organisation, plans, goal=goal)
    return {"entries": [(result, plan_url(owner, "plan", result.link.plan_id)) for result in results],
            "variant": variant, "goal": goal, "owner": owner}
