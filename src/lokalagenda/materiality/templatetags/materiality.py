"""``{% assessment_url owner "matrix" %}``: the URL of an assessment page of the page's owner (kommune or
fylkeskommune), see ``materiality.links``; ``{{ code|target_anchor }}``: the id of a target's part of a page."""

from __future__ import annotations

from typing import Any

from django import template

from lokalagenda.materiality.forms import entry_prefix
from lokalagenda.materiality.links import assessment_url as page_url
from lokalagenda.places.place import Place

register = template.Library()


@register.simple_tag
def assessment_url(owner: Place, name: str = "assessment", *args: Any) -> str:
    return page_url(owner, name, *args)


@register.filter
def target_anchor(code: str) -> str:
    """The id of a target's part of an assessment page ("t11_6"), the same as its entry form's prefix."""
    return entry_prefix(code)
