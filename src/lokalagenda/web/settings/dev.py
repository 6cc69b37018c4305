"""Settings for the demo and local development (``make demo``).

The demo runs like production: ``DEBUG`` is off, so visitors see the site's translated 403, 404 and 500 pages
(``web/templates/403.html``, ``404.html``, ``500.html``) and never Django's debug page, which lists every URL and
setting. ``LOKALAGENDA_DEBUG=1`` turns it on for development. With ``DEBUG`` off ``runserver`` serves no static
files; WhiteNoise (in the middleware of ``base.py``) does, straight from the apps' static folders through Django's
finders, so the demo needs no ``collectstatic``.
"""

import os

from lokalagenda.web.settings.base import *  # noqa: F403
from lokalagenda.web.settings.base import SECRET_KEY

DEBUG = os.environ.get("LOKALAGENDA_DEBUG", "") == "1"
SECRET_KEY = SECRET_KEY or "dev-only-not-secret-lokalagenda"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
# WhiteNoise finds the files through the static-file finders; it looks for new ones on every request only when
# debugging (its default: WHITENOISE_AUTOREFRESH = DEBUG).
WHITENOISE_USE_FINDERS = True
