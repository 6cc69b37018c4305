"""Settings for the demo and local development (``make demo``)."""

from lokalagenda.web.settings.base import *  # noqa: F403
from lokalagenda.web.settings.base import SECRET_KEY

DEBUG = True
SECRET_KEY = SECRET_KEY or "dev-only-not-secret-lokalagenda"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
