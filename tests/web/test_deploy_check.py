"""`lokalagenda check --deploy` with the production settings finds nothing to warn about once the proxy in front
is declared, and fails until it is (the login lockout would count every visitor as the proxy)."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys


def _check_deploy(extra: dict[str, str]) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "lokalagenda.web.settings.prod",
           "LOKALAGENDA_ALLOWED_HOSTS": "example.org", **extra}
    env.pop("LOKALAGENDA_SSL_REDIRECT", None)
    return subprocess.run([sys.executable, "-m", "lokalagenda.cli", "check", "--deploy", "--fail-level", "WARNING"],
                          env=env, capture_output=True, text=True, timeout=600, check=False)


def test_production_settings_pass_the_deploy_check_without_warnings() -> None:
    result = _check_deploy({"LOKALAGENDA_SECRET_KEY": secrets.token_urlsafe(60), "LOKALAGENDA_PROXY_COUNT": "1"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_the_deploy_check_fails_until_the_proxy_in_front_is_declared() -> None:
    result = _check_deploy({"LOKALAGENDA_SECRET_KEY": secrets.token_urlsafe(60), "LOKALAGENDA_PROXY_COUNT": ""})
    assert result.returncode != 0 and "lokalagenda.E001" in result.stderr, result.stdout + result.stderr


def test_production_settings_refuse_to_start_without_a_secret_key() -> None:
    result = _check_deploy({"LOKALAGENDA_SECRET_KEY": ""})
    assert result.returncode != 0 and "LOKALAGENDA_SECRET_KEY" in result.stderr


PRODUCTION = {
    "SESSION_COOKIE_SECURE": True, "CSRF_COOKIE_SECURE": True, "SECURE_HSTS_SECONDS": 31536000,
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": True, "SECURE_SSL_REDIRECT": True, "SESSION_COOKIE_HTTPONLY": True,
    "CSRF_COOKIE_HTTPONLY": True, "SESSION_COOKIE_SAMESITE": "Lax", "SESSION_EXPIRE_AT_BROWSER_CLOSE": True,
    "SESSION_COOKIE_AGE": 8 * 60 * 60, "DEBUG": False,
}


def _production_settings(extra: dict[str, str], names: list[str]) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "lokalagenda.web.settings.prod",
           "LOKALAGENDA_SECRET_KEY": secrets.token_urlsafe(60), "LOKALAGENDA_ALLOWED_HOSTS": "example.org", **extra}
    env.pop("LOKALAGENDA_SSL_REDIRECT", None)
    read = ("import json, django; django.setup(); from django.conf import settings; "
            f"print(json.dumps({{name: getattr(settings, name) for name in {sorted(names)!r}}}))")
    return subprocess.run([sys.executable, "-c", read], env=env, capture_output=True, text=True, timeout=600,
                          check=False)


def test_production_cookies_sessions_and_hsts() -> None:
    result = _production_settings({}, list(PRODUCTION))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == PRODUCTION


PROXY = ["LOKALAGENDA_PROXY_COUNT", "LOKALAGENDA_CLIENT_IP_HEADER", "AXES_CLIENT_IP_CALLABLE"]


def test_production_reads_the_client_address_only_from_remote_addr_unless_a_proxy_is_declared() -> None:
    result = _production_settings({"LOKALAGENDA_PROXY_COUNT": "", "LOKALAGENDA_CLIENT_IP_HEADER": ""}, PROXY)
    assert json.loads(result.stdout) == {
        "LOKALAGENDA_PROXY_COUNT": 0, "LOKALAGENDA_CLIENT_IP_HEADER": "X-Forwarded-For",
        "AXES_CLIENT_IP_CALLABLE": "lokalagenda.ui.client_address.client_address",
    }


def test_production_takes_the_proxy_from_the_environment() -> None:
    result = _production_settings({"LOKALAGENDA_PROXY_COUNT": "2", "LOKALAGENDA_CLIENT_IP_HEADER": "X-Real-IP"}, PROXY)
    assert json.loads(result.stdout)["LOKALAGENDA_PROXY_COUNT"] == 2
    assert json.loads(result.stdout)["LOKALAGENDA_CLIENT_IP_HEADER"] == "X-Real-IP"


def test_production_refuses_a_proxy_count_that_is_not_a_whole_number() -> None:
    result = _production_settings({"LOKALAGENDA_PROXY_COUNT": "yes"}, PROXY)
    assert result.returncode != 0 and "LOKALAGENDA_PROXY_COUNT" in result.stderr
