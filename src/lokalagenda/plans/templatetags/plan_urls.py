"""``{% owner_url owner "plan" plan.pk %}``: the URL of a plan page of the page's owner (kommune or fylkeskommune)."""

from __future__ import annotations

from typing import Any

from django import template

from lokalagenda.plans.owners import PlanOwner

register = template.Library()


@register.simple_tag
def owner_url(owner: PlanOwner, name: str, *args: Any) -> str:
    return owner.url(name, *args)
