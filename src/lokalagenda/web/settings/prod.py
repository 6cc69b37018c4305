"""Production settings: PostgreSQL from DATABASE_URL, secrets and hosts from the environment."""

import os

from django.core.exceptions import ImproperlyConfigured

from lokalagenda.web.settings.base import *  # noqa: F403
from lokalagenda.web.settings.base import SECRET_KEY

if not SECRET_KEY:
    raise ImproperlyConfigured("Set LOKALAGENDA_SECRET_KEY to a long random value for production.")

DEBUG = False
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = os.environ.get("LOKALAGENDA_SSL_REDIRECT", "1") == "1"
# Behind the reverse proxy of docs/operations.md: it writes X-Forwarded-Proto for the scheme, and X-Forwarded-For
# (or X-Real-IP) for the client's address, which the login lockout and the search limit count by
# (lokalagenda.ui.client_address, which django-axes asks through AXES_CLIENT_IP_CALLABLE). Until
# LOKALAGENDA_PROXY_COUNT declares the proxies, the address is REMOTE_ADDR and no header is believed, and
# `lokalagenda check --deploy` fails with lokalagenda.E001 (web/checks.py).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
_PROXY_COUNT = os.environ.get("LOKALAGENDA_PROXY_COUNT") or "0"
if not _PROXY_COUNT.isdigit():
    raise ImproperlyConfigured(f"LOKALAGENDA_PROXY_COUNT is how many proxies are in front (0, 1, 2 …), not "
                               f"{_PROXY_COUNT!r}.")
LOKALAGENDA_PROXY_COUNT = int(_PROXY_COUNT)
LOKALAGENDA_CLIENT_IP_HEADER = os.environ.get("LOKALAGENDA_CLIENT_IP_HEADER") or "X-Forwarded-For"
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
