"""Settings shared by every environment."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from lokalagenda.core.bounded import Budget

PACKAGE_DIR = Path(__file__).resolve().parent.parent.parent
#: Where the platform keeps its own files (the SQLite database, collected static files, uploads).
VAR_DIR = Path(os.environ.get("LOKALAGENDA_VAR_DIR", Path.cwd() / "var")).resolve()

DEBUG = False
SECRET_KEY = os.environ.get("LOKALAGENDA_SECRET_KEY", "")
ALLOWED_HOSTS = [host for host in os.environ.get("LOKALAGENDA_ALLOWED_HOSTS", "").split(",") if host]

INSTALLED_APPS = [
    "lokalagenda.web",
    "lokalagenda.ui",
    "lokalagenda.accounts",
    "lokalagenda.places",
    "lokalagenda.framework",
    "lokalagenda.indicators",
    "lokalagenda.connectors",
    "lokalagenda.measurement",
    "lokalagenda.plans",
    "lokalagenda.practices",
    "lokalagenda.materiality",
    "lokalagenda.decisions",
    "lokalagenda.partnerships",
    "lokalagenda.reports",
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
    # Login rate limiting (its own migrations hold the attempts); CSP checks; ninja serves its docs' files itself.
    "axes",
    "csp",
    "ninja",
]

# Background work (imports of uploaded files): Django's task framework (the django-tasks backport for 5.2),
# with tasks kept in the database and run by `lokalagenda db_worker`. Tests run them immediately.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
MEDIA_ROOT = VAR_DIR / "uploads"
# Rendered public pages are shared by every web process on the machine (see lokalagenda.ui.caching).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                      "LOCATION": VAR_DIR / "cache", "OPTIONS": {"MAX_ENTRIES": 20_000}}}
#: The largest file an editor may upload for import.
LOKALAGENDA_MAX_UPLOAD_BYTES = 50 * 1024 * 1024
#: What reading one uploaded file for import may use, in a child process of the task worker
#: (lokalagenda.core.bounded): memory on top of what the worker holds, CPU seconds and wall-clock seconds.
LOKALAGENDA_PARSE_BUDGET = Budget(memory_bytes=1024 * 1024 * 1024, cpu_seconds=120, wall_seconds=300.0)

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Permissions-Policy on every response (static files too), Cache-Control for a signed-in person's pages.
    "lokalagenda.web.middleware.ResponseHeadersMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "lokalagenda.web.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, so it sees the outcome of every login attempt.
    "axes.middleware.AxesMiddleware",
]

# Content-Security-Policy: everything from this site, no inline script or style, no eval (Vega runs with its
# interpreter, see web/static/lokalagenda/charts.js). A view that may be framed elsewhere (the widget) widens
# frame-ancestors itself with csp.decorators.csp_replace.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}
# Browsers that know frame-ancestors ignore X-Frame-Options; older ones get Django's DENY. The widget view is
# exempted from both (csp_replace and xframe_options_exempt).
X_FRAME_OPTIONS = "DENY"

# Sessions: the cookie is gone when the browser closes, and a session ends on the server 8 hours (a working
# day) after login whatever the browser does. Neither cookie is readable from JavaScript: htmx sends the CSRF
# token from the page (hx-headers in web/base.html), never from the cookie.
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"

# The client's address (lokalagenda.ui.client_address): REMOTE_ADDR unless proxies are declared; production
# reads both from the environment (web/settings/prod.py, docs/operations.md "Behind a reverse proxy").
LOKALAGENDA_PROXY_COUNT = 0
LOKALAGENDA_CLIENT_IP_HEADER = "X-Forwarded-For"

# Login rate limiting (django-axes): after 5 failed attempts for one username from one client address, that
# combination is locked out for 15 minutes, and after 20 from one address whatever the usernames, the address is;
# a page says so and for how long (accounts.views.locked_out, status 429). axes has one threshold for every
# combination; accounts.lockout.TwoLimitHandler gives the per-address one its own.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "lokalagenda.accounts.lockout.TwoLimitHandler"
AXES_FAILURE_LIMIT = 5
LOKALAGENDA_LOGIN_FAILURE_LIMIT_PER_ADDRESS = 20
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_LOCKOUT_CALLABLE = "lokalagenda.accounts.views.locked_out"
AXES_RESET_ON_SUCCESS = True
# The address axes records and locks: ours, proxy-aware. axes 8.3 would otherwise use django-ipware's
# AXES_IPWARE_* settings, but django-ipware is not installed, so axes falls back to REMOTE_ADDR
# (axes/helpers.py, get_client_ip_address; axes/conf.py).
AXES_CLIENT_IP_CALLABLE = "lokalagenda.ui.client_address.client_address"

#: Searches (requests with a non-empty q: /sok/, /erfaringer/, /api/practices) a minute from one client address;
#: the next is answered 429 (lokalagenda.ui.ratelimit).
LOKALAGENDA_SEARCH_RATE_LIMIT = int(os.environ.get("LOKALAGENDA_SEARCH_RATE_LIMIT", "60"))

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
# SQLite (the demo, small installations): the web process and the background worker write to one file. WAL lets
# readers go on while one connection writes; IMMEDIATE takes the write lock when a transaction begins, so writers
# queue for it (up to the 20 s busy timeout) instead of failing at once with "database is locked" when a read
# turns into a write; synchronous=NORMAL is safe with WAL (a power cut may lose the last commits, never the file).
# The worker also survives a lock held longer than that (lokalagenda.web.management.commands.db_worker).
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update({
        "timeout": 20, "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
    })
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
# Only for users without an organisation page: accounts.views.LoginView sends the others to their own
# organisation's page (accounts.landing), unless a safe ``next`` names another page.
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:home"

# Bokmål is the default; nynorsk and English through the language switcher. Django's own catalogues cover
# nb and nn; ours are in lokalagenda/web/locale.
LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", _("Norwegian Bokmål")), ("nn", _("Norwegian Nynorsk")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "web" / "locale"]
# English dates day first, the month in words (Django's English formats are American): lokalagenda.ui.formats.
FORMAT_MODULE_PATH = ["lokalagenda.ui.formats"]
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
