"""``{% place_priorities "fylke" fylke.number %}``: the priorities of the organisation of a place, for the pages
outside ``plans`` that show them (the fylke page, ``web.pages.fylke``)."""

from __future__ import annotations

from typing import Any

from django import template
from django.http import Http404
from django.utils.translation import gettext as _

from lokalagenda.accounts.permissions import can_edit
from lokalagenda.plans.models import Priorities
from lokalagenda.plans.owners import REGISTER_PAGES, owner_for, plan_url

register = template.Library()


@register.inclusion_tag("plans/_priorities.html", takes_context=True)
def place_priorities(context: dict[str, Any], place_kind: str, number: str) -> dict[str, Any]:
    """The priorities the visitor may see (published, or also the draft for the organisation's members), and the
    edit button for its editors; an empty section for a place without an organisation."""
    try:
        owner = owner_for(place_kind, number)
    except Http404:
        return {"priorities": None, "can_edit": False, "none_note": ""}
    user = context["request"].user
    priorities = Priorities.objects.visible_to(user).for_organisation(owner.organisation).first()
    return {
        "priorities": priorities, "can_edit": can_edit(user, owner.organisation), "owner": owner,
        "edit_url": plan_url(owner, "priorities-edit"), "draft_note": REGISTER_PAGES[owner.kind].draft_note,
        "none_note": _("%(name)s has not published its priorities yet.") % {"name": owner.organisation_name},
    }
