"""The client's address: who is asking, for the login lockout (django-axes calls this through
``AXES_CLIENT_IP_CALLABLE``) and the search rate limit (``lokalagenda.ui.ratelimit``).

Without a declared proxy it is ``REMOTE_ADDR`` and nothing else: a header is only as trustworthy as whoever wrote
it, and a visitor who reaches the application directly writes them all. With ``LOKALAGENDA_PROXY_COUNT`` proxies
in front it is the address that the outermost of them saw, which they pass on in ``X-Forwarded-For`` (nginx's
``$proxy_add_x_forwarded_for`` appends it, so it is the count-th entry from the right; whatever the visitor sent
stands to its left and is never read) or, with one proxy, in ``X-Real-IP`` (nginx overwrites it with
``$remote_addr``). A missing or unreadable header falls back to ``REMOTE_ADDR``: a misconfigured proxy then makes
every visitor one address (safe, if crowded) rather than letting anyone choose theirs.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest

#: The headers a proxy may name the client in, and where Django puts them in ``request.META``.
HEADERS = {"X-Forwarded-For": "HTTP_X_FORWARDED_FOR", "X-Real-IP": "HTTP_X_REAL_IP"}


def client_address(request: HttpRequest) -> str:
    """The address of the visitor behind the declared proxies, in one canonical spelling (so one IPv6 visitor
    has one key)."""
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.LOKALAGENDA_PROXY_COUNT
    if proxies < 1:
        return remote
    header = settings.LOKALAGENDA_CLIENT_IP_HEADER
    value = request.META.get(HEADERS.get(header, ""), "")
    if header == "X-Real-IP":
        candidate = value.strip()
    else:
        hops = [hop.strip() for hop in value.split(",")]
        candidate = hops[-proxies] if len(hops) >= proxies else ""
    return _canonical(candidate) or remote


def _canonical(candidate: str) -> str:
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return ""
