"""The background worker on SQLite survives "database is locked": when another connection holds the write lock
longer than the busy timeout, the worker waits and tries again, then runs the queued task, instead of dying and
leaving the queue unrun. A real worker process on a real database file, with a real lock held by the test."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = "tests.web.sqlite_worker_settings"
ENQUEUE = """
import sys, django
django.setup()
from django.core.management import call_command
from tests.web.sqlite_worker_tasks import leave_a_mark
call_command("migrate", "django_tasks_database", verbosity=0)
leave_a_mark.enqueue(sys.argv[1])
"""
DEADLINE = 120


def _environment(var_dir: Path) -> dict[str, str]:
    env = {name: value for name, value in os.environ.items() if name != "DATABASE_URL"}
    env.update(DJANGO_SETTINGS_MODULE=SETTINGS, LOKALAGENDA_VAR_DIR=str(var_dir),
               PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")])))
    return env


def _wait_for(condition: object, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:  # type: ignore[operator]
        time.sleep(0.1)


def test_the_worker_waits_out_a_locked_database_and_then_runs_the_queued_task(tmp_path: Path) -> None:
    env, mark, log = _environment(tmp_path), tmp_path / "mark.txt", tmp_path / "worker.log"
    subprocess.run([sys.executable, "-c", ENQUEUE, str(mark)], env=env, cwd=ROOT, check=True, timeout=DEADLINE)
    database = sqlite3.connect(tmp_path / "lokalagenda.sqlite3", isolation_level=None)
    assert database.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    database.execute("BEGIN IMMEDIATE")  # another writer holds the lock, e.g. the web process saving an import
    with log.open("w") as output:
        worker = subprocess.Popen(
            [sys.executable, "-m", "lokalagenda.cli", "db_worker", "--batch", "--no-startup-delay", "--interval", "0"],
            env=env, cwd=ROOT, stdout=output, stderr=subprocess.STDOUT)
    try:
        _wait_for(lambda: "database is locked" in log.read_text() or worker.poll() is not None, DEADLINE)
        database.execute("COMMIT")
        worker.wait(timeout=DEADLINE)
    finally:
        worker.kill()
    output = log.read_text()
    assert "database is locked" in output, output
    assert worker.returncode == 0, output
    assert mark.read_text() == "ran"
    assert database.execute("SELECT status FROM django_tasks_database_dbtaskresult").fetchall() == [("SUCCESSFUL",)]
