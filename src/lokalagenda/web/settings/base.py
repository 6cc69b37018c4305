"""Settings shared by every environment."""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent.parent.parent
#: Where the platform keeps its own files (the SQLite database, collected static files, uploads).
VAR_DIR = Path(os.environ.get("LOKALAGENDA_VAR_DIR", Path.cwd() / "var")).resolve()

DEBUG = False
SECRET_KEY = os.environ.get("LOKALAGENDA_SECRET_KEY", "")
ALLOWED_HOSTS = [host for host in os.environ.get("LOKALAGENDA_ALLOWED_HOSTS", "").split(",") if host]

INSTALLED_APPS = [
    "lokalagenda.web",
    "lokalagenda.accounts",
    "lokalagenda.places",
    "lokalagenda.framework",
    "lokalagenda.indicators",
    "lokalagenda.connectors",
    "lokalagenda.measurement",
    "lokalagenda.plans",
    "lokalagenda.practices",
    "lokalagenda.partnerships",
    "lokalagenda.reference",
    "lokalagenda.api",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tasks",
    "django_tasks_db",
]

# Background work (imports of uploaded files): Django's task framework (the django-tasks backport for 5.2),
# with tasks kept in the database and run by `lokalagenda db_worker`. Tests run them immediately.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
MEDIA_ROOT = VAR_DIR / "uploads"
# Rendered public pages are shared by every web process on the machine (see lokalagenda.web.caching).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                      "LOCATION": VAR_DIR / "cache", "OPTIONS": {"MAX_ENTRIES": 20_000}}}
#: The largest file an editor may upload for import.
LOKALAGENDA_MAX_UPLOAD_BYTES = 50 * 1024 * 1024

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "lokalagenda.web.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "lokalagenda.web.urls"
WSGI_APPLICATION = "lokalagenda.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'lokalagenda.sqlite3'}", conn_max_age=60, conn_health_checks=True
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:home"

# Bokmål is the default; nynorsk and English through the language switcher. Django's own catalogues cover
# nb and nn; ours are in lokalagenda/web/locale.
LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", _("Norwegian Bokmål")), ("nn", _("Norwegian Nynorsk")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "web" / "locale"]
LANGUAGE_COOKIE_NAME = "lokalagenda_language"
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

#: The folder that holds the data bundle (sdg/, norway/ …); see docs/data-sources.md.
LOKALAGENDA_DATA_DIR = os.environ.get("LOKALAGENDA_DATA_DIR", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
