"""Settings for the background worker test (tests/web/test_db_worker.py): the demo's SQLite file database in
``LOKALAGENDA_VAR_DIR``, with a busy timeout far shorter than the real one, so a lock held by the test outlasts it
and the worker meets "database is locked" as it would behind a long import."""

from lokalagenda.web.settings.dev import *  # noqa: F403
from lokalagenda.web.settings.dev import DATABASES

DATABASES["default"]["OPTIONS"]["timeout"] = 0.2
