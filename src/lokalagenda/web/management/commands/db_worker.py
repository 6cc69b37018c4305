"""``lokalagenda db_worker``: django-tasks-db's worker, made to outlast a busy or lost database.

The installed worker ignores "database is locked" only while it selects a task; the same error when its
transaction begins (SQLite's ``BEGIN EXCLUSIVE`` behind a long write of the web process), or any lost connection,
ends its loop. Under the autoreloader (the default when ``DEBUG`` is on, as in ``make demo``) the loop runs in a
thread, so the process then stays alive with no loop: queued imports wait for ever. This command (it takes the
installed one's place: ``lokalagenda.web`` comes first in ``INSTALLED_APPS``) retries such errors after a pause, and
runs without the autoreloader unless asked, so a worker that dies of anything else ends its process visibly.
"""

from __future__ import annotations

import logging
import os
import time
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import CommandError
from django.db import InterfaceError, OperationalError, connections
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker

logger = logging.getLogger(__name__)
#: The shortest pause before the loop starts again after a database error, in seconds.
MIN_PAUSE = 1.0


class PatientWorker(db_worker.Worker):
    """The installed worker, whose loop starts again after a database error instead of ending."""

    def run(self) -> None:
        while True:
            try:
                return super().run()
            except (OperationalError, InterfaceError) as error:
                pause = max(self.interval, MIN_PAUSE)
                logger.warning("The worker's database call failed (%s); trying again in %.0f s.", error, pause)
                connections.close_all()
                time.sleep(pause)


class Command(db_worker.Command):
    help = ("Run the background worker (imports, document suggestions): django-tasks-db's worker, which waits out "
            "a locked or lost database instead of stopping.")

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        parser.set_defaults(reload=False)

    def handle(self, *, verbosity: int, queue_name: str, exclude_queues: str, reload: bool, batch: bool,
               **options: Any) -> None:
        self.configure_logging(verbosity)
        queue_names = queue_name.split(",")
        excluded = exclude_queues.split(",") if exclude_queues else []
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = PatientWorker(
            queue_names=queue_names, excluded_queue_names=excluded, batch=batch, interval=options["interval"],
            backend_name=options["backend_name"], startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"], worker_id=options["worker_id"],
        )
        if reload and not batch:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()  # only the reloader's child runs the loop
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
