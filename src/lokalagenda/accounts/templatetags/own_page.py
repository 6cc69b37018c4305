"""``{% own_page_link %}``: the navigation's link to the signed-in user's own organisation ("My kommune")."""

from __future__ import annotations

from typing import Any

from django import template

from lokalagenda.accounts.landing import own_page

register = template.Library()


@register.inclusion_tag("accounts/_own_page_link.html", takes_context=True)
def own_page_link(context: dict[str, Any]) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    page = own_page(user) if user is not None else None
    return {"page": page, "current": page is not None and request.path == page.url}
