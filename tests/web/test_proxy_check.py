"""The deploy check `lokalagenda.E001`/`E002`: behind a proxy, the client's address must come from the proxy's
header, or the login lockout and the search limit count every visitor as the proxy (finding F6)."""

from __future__ import annotations

from django.core import checks
from django.test import override_settings

from lokalagenda.web.checks import client_address_behind_proxy

PROXY_SSL = ("HTTP_X_FORWARDED_PROTO", "https")


def _ids() -> list[str]:
    return [message.id for message in client_address_behind_proxy(None)]


@override_settings(SECURE_PROXY_SSL_HEADER=PROXY_SSL, LOKALAGENDA_PROXY_COUNT=0)
def test_trusting_a_proxys_scheme_without_declaring_the_proxy_is_an_error() -> None:
    [message] = client_address_behind_proxy(None)
    assert message.id == "lokalagenda.E001" and message.level == checks.ERROR
    assert "LOKALAGENDA_PROXY_COUNT" in message.hint


@override_settings(SECURE_PROXY_SSL_HEADER=PROXY_SSL, LOKALAGENDA_PROXY_COUNT=1)
def test_a_declared_proxy_passes() -> None:
    assert _ids() == []


@override_settings(SECURE_PROXY_SSL_HEADER=None, LOKALAGENDA_PROXY_COUNT=0)
def test_no_proxy_at_all_passes() -> None:
    assert _ids() == []


@override_settings(SECURE_PROXY_SSL_HEADER=PROXY_SSL, LOKALAGENDA_PROXY_COUNT=1, AXES_CLIENT_IP_CALLABLE=None)
def test_a_declared_proxy_that_axes_does_not_ask_about_is_an_error() -> None:
    assert _ids() == ["lokalagenda.E002"]


@override_settings(LOKALAGENDA_PROXY_COUNT=1, LOKALAGENDA_CLIENT_IP_HEADER="Forwarded")
def test_a_header_the_application_cannot_read_is_an_error() -> None:
    assert _ids() == ["lokalagenda.E003"]


@override_settings(SECURE_PROXY_SSL_HEADER=PROXY_SSL, LOKALAGENDA_PROXY_COUNT=0)
def test_the_check_runs_with_deploy_and_only_then() -> None:
    deploy = [message.id for message in checks.run_checks(include_deployment_checks=True)]
    everyday = [message.id for message in checks.run_checks()]
    assert "lokalagenda.E001" in deploy and "lokalagenda.E001" not in everyday
