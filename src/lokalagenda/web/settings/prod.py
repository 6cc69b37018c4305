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
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
