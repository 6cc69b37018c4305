"""``{% owner_url owner "plan" plan.pk %}``: the URL of a plan page of the page's owner (kommune or fylkeskommune);
``{% register_text owner "draft_note" %}``: what the owner's plan register pages say (``plans.owners``)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.functional import Promise

from lokalagenda.places.place import Place
from lokalagenda.plans.owners import REGISTER_PAGES, plan_url

register = template.Library()

TEXTS = ("draft_note", "national_column", "national_note")


@register.simple_tag
def owner_url(owner: Place, name: str, *args: Any) -> str:
    return plan_url(owner, name, *args)


@register.simple_tag
def register_text(owner: Place, name: str) -> Promise:
    """One of the register pages' words for the owner's kind of place; a template error for an unknown name, so a
    typo does not show an empty tag."""
    if name not in TEXTS:
        raise template.TemplateSyntaxError(f"register_text: unknown text {name!r}; use one of {', '.join(TEXTS)}")
    text: Promise = getattr(REGISTER_PAGES[owner.kind], name)
    return text
