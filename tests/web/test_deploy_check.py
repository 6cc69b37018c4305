"""`lokalagenda check --deploy` with the production settings finds nothing to warn about."""

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
    result = _check_deploy({"LOKALAGENDA_SECRET_KEY": secrets.token_urlsafe(60)})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_settings_refuse_to_start_without_a_secret_key() -> None:
    result = _check_deploy({"LOKALAGENDA_SECRET_KEY": ""})
    assert result.returncode != 0 and "LOKALAGENDA_SECRET_KEY" in result.stderr


PRODUCTION = {
    "SESSION_COOKIE_SECURE": True, "CSRF_COOKIE_SECURE": True, "SECURE_HSTS_SECONDS": 31536000,
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": True, "SECURE_SSL_REDIRECT": True, "SESSION_COOKIE_HTTPONLY": True,
    "CSRF_COOKIE_HTTPONLY": True, "SESSION_COOKIE_SAMESITE": "Lax", "SESSION_EXPIRE_AT_BROWSER_CLOSE": True,
    "SESSION_COOKIE_AGE": 8 * 60 * 60, "DEBUG": False,
}
READ_SETTINGS = (
    "import json, django; django.setup(); from django.conf import settings; "
    f"print(json.dumps({{name: getattr(settings, name) for name in {sorted(PRODUCTION)!r}}}))"
)


def test_production_cookies_sessions_and_hsts() -> None:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "lokalagenda.web.settings.prod",
           "LOKALAGENDA_SECRET_KEY": secrets.token_urlsafe(60), "LOKALAGENDA_ALLOWED_HOSTS": "example.org"}
    env.pop("LOKALAGENDA_SSL_REDIRECT", None)
    result = subprocess.run([sys.executable, "-c", READ_SETTINGS], env=env, capture_output=True, text=True,
                            timeout=600, check=True)
    assert json.loads(result.stdout) == PRODUCTION
