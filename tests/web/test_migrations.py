"""The migrations: the models and migrations agree, and every app of ours migrates back to zero and up again on
the database the tests run on (SQLite or PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

OUR_APPS = sorted(config.label for config in apps.get_app_configs()
                  if config.name.startswith("lokalagenda.") and config.models_module is not None)


@pytest.fixture(scope="module")
def reference_data_afterwards(django_db_setup: Any, django_db_blocker: Any, data_dir: Path) -> Iterator[None]:
    """A transactional test ends by emptying the database; load the reference bundle again for the tests after."""
    yield
    from lokalagenda.core.datadir import DataDirectory
    from lokalagenda.reference.services import load_reference

    with django_db_blocker.unblock():
        load_reference(DataDirectory(data_dir))


def _our_tables() -> set[str]:
    return {model._meta.db_table for label in OUR_APPS for model in apps.get_app_config(label).get_models()}


@pytest.mark.django_db
def test_the_models_need_no_migration_that_is_not_written():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_every_app_of_ours_migrates_to_zero_and_back_to_the_latest(reference_data_afterwards):
    executor = MigrationExecutor(connection)
    executor.migrate([(label, None) for label in OUR_APPS])
    assert _our_tables() & set(connection.introspection.table_names()) == set()

    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate(latest)
    executor = MigrationExecutor(connection)
    assert executor.migration_plan(latest) == []
    assert _our_tables() <= set(connection.introspection.table_names())
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
