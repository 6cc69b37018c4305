"""The login lockout's two limits: django-axes' database handler with one limit per username and address
(``AXES_FAILURE_LIMIT``) and a higher one per address whatever the usernames
(``LOKALAGENDA_LOGIN_FAILURE_LIMIT_PER_ADDRESS``).

django-axes 8.3 has one threshold: ``handlers/database.py`` sums the failures of each combination in
``AXES_LOCKOUT_PARAMETERS`` and ``handlers/base.py`` locks when the largest sum reaches ``AXES_FAILURE_LIMIT``.
With ``[["username", "ip_address"], "ip_address"]`` and that one threshold, five typos by anyone in an office
behind one address would lock out the whole office. So the per-address sum is counted here in units of the
per-username limit: ``failures * AXES_FAILURE_LIMIT // per_address_limit`` reaches ``AXES_FAILURE_LIMIT``
exactly when ``failures`` reaches the per-address limit, and axes' own comparison does the rest.

A successful login resets only that username's failures from that address: axes would delete every attempt that
matches any combination, including the per-address one, so whoever has an account of their own could log in
between guesses at someone else's password and never be locked out.
"""

from __future__ import annotations

from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_failure_limit, get_lockout_parameters
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest

#: The lockout combination that counts an address's failures whatever the usernames.
PER_ADDRESS = "ip_address"


class TwoLimitHandler(AxesDatabaseHandler):
    """Locks a username at one address after ``AXES_FAILURE_LIMIT`` failures, and an address after
    ``LOKALAGENDA_LOGIN_FAILURE_LIMIT_PER_ADDRESS`` failures across usernames, within the cool-off."""

    def get_failures(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        """The larger of the username's failures and the address's (scaled); notes on the request which of the
        two locks it, for the page that says why (``locked_by_address``)."""
        limit = get_failure_limit(request, credentials)
        address_limit = settings.LOKALAGENDA_LOGIN_FAILURE_LIMIT_PER_ADDRESS
        parameters = get_lockout_parameters(request, credentials)
        per_username = per_address = 0
        for parameter, attempts in zip(parameters, self.get_user_attempts(request, credentials), strict=True):
            failures = attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            if parameter in (PER_ADDRESS, [PER_ADDRESS]):
                per_address = max(per_address, failures * limit // address_limit)
            else:
                per_username = max(per_username, failures)
        request.lokalagenda_locked_by_address = per_username < limit <= per_address  # type: ignore[attr-defined]
        return max(per_username, per_address)

    def reset_user_attempts(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        address = request.axes_ip_address  # type: ignore[attr-defined]
        username = get_client_username(request, credentials)
        deleted, _ = AccessAttempt.objects.filter(username=username, ip_address=address).delete()
        return deleted


def locked_by_address(request: HttpRequest) -> bool:
    """Whether the address's failures, not the username's, blocked this request's login."""
    return bool(getattr(request, "lokalagenda_locked_by_address", False))
