"""Deploy checks of our own (``lokalagenda check --deploy``): the client's address behind a reverse proxy.

"Behind a proxy" is read from ``SECURE_PROXY_SSL_HEADER``: a site that trusts a header for the scheme has a
proxy in front that writes it (production's settings set it, as the documented nginx deployment needs). Such a
site must also say how many proxies there are (``LOKALAGENDA_PROXY_COUNT``), or every visitor has the proxy's
address, and five wrong passwords lock a username out for everyone (finding F6). A separate "behind a proxy"
switch would be a second way to say what the count already says.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register

from lokalagenda.ui.client_address import HEADERS

#: The function that django-axes must ask for the client's address (``AXES_CLIENT_IP_CALLABLE``).
CLIENT_ADDRESS = "lokalagenda.ui.client_address.client_address"


@register(Tags.security, deploy=True)
def client_address_behind_proxy(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    """E001: a proxy in front but none declared; E002: declared, but the login lockout does not ask;
    E003: declared with a header the application cannot read."""
    messages: list[CheckMessage] = []
    proxies = settings.LOKALAGENDA_PROXY_COUNT
    if settings.SECURE_PROXY_SSL_HEADER and proxies < 1:
        messages.append(Error(
            "SECURE_PROXY_SSL_HEADER trusts a proxy in front, but the client's address is read from REMOTE_ADDR: "
            "every visitor has the proxy's address, so the login lockout and the search limit treat them as one.",
            hint="Set LOKALAGENDA_PROXY_COUNT to the number of proxies in front (1 for one nginx) and make the "
                 "proxy set X-Forwarded-For (see docs/operations.md).",
            id="lokalagenda.E001"))
    if proxies >= 1 and settings.AXES_CLIENT_IP_CALLABLE != CLIENT_ADDRESS:
        messages.append(Error(
            "A proxy is declared, but django-axes does not ask lokalagenda for the client's address.",
            hint=f"Set AXES_CLIENT_IP_CALLABLE = {CLIENT_ADDRESS!r}.", id="lokalagenda.E002"))
    if proxies >= 1 and settings.LOKALAGENDA_CLIENT_IP_HEADER not in HEADERS:
        messages.append(Error(
            f"LOKALAGENDA_CLIENT_IP_HEADER is {settings.LOKALAGENDA_CLIENT_IP_HEADER!r}, which lokalagenda cannot "
            "read: every visitor has the proxy's address.",
            hint=f"Use one of {', '.join(HEADERS)}.", id="lokalagenda.E003"))
    return messages
