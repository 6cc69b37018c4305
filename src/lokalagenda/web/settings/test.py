"""Settings for the test suite. The database comes from DATABASE_URL (SQLite when unset)."""

from lokalagenda.web.settings.base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret-lokalagenda"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
# Compressed manifests are for production; tests serve the vendored files as they are.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
