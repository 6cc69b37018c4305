"""Fixtures for the Django tests: the real reference data in the test database, and users with roles.

Imported by the conftest of each Django test folder, so the core tests (run without Django) never load them.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

#: The year the tests measure as: the bundle's series end between 2018 and 2026, so a run made in a later year
#: would find them older than the freshness window; pinned so results do not move with the calendar.
MEASURE_YEAR = 2026


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any, data_dir: Path) -> None:
    """Load the real reference bundle once; every test then runs in a transaction that is rolled back."""
    from lokalagenda.core.datadir import DataDirectory
    from lokalagenda.reference.services import load_reference

    with django_db_blocker.unblock():
        load_reference(DataDirectory(data_dir))


def make_member(username: str, organisation_slug: str, role: str) -> Any:
    """A user with ``role`` in the organisation ``organisation_slug`` (e.g. ``kommune-0301``)."""
    from django.contrib.auth import get_user_model

    from lokalagenda.accounts.models import Membership, Organisation

    user = get_user_model().objects.create_user(username=username, password="correct horse battery")
    Membership.objects.create(user=user, organisation=Organisation.objects.get(slug=organisation_slug), role=role)
    return user


@pytest.fixture
def oslo_editor(db: Any) -> Any:
    return make_member("oslo-editor", "kommune-0301", "editor")


@pytest.fixture
def oslo_viewer(db: Any) -> Any:
    return make_member("oslo-viewer", "kommune-0301", "viewer")


@pytest.fixture
def bergen_editor(db: Any) -> Any:
    return make_member("bergen-editor", "kommune-4601", "editor")


@pytest.fixture
def national_editor(db: Any) -> Any:
    return make_member("national-editor", "nasjonalt", "editor")


def organisation(slug: str) -> Any:
    from lokalagenda.accounts.models import Organisation

    return Organisation.objects.get(slug=slug)


@pytest.fixture
def oslo(db: Any) -> Any:
    return organisation("kommune-0301")


@pytest.fixture
def bergen(db: Any) -> Any:
    return organisation("kommune-4601")


@pytest.fixture
def vestland(db: Any) -> Any:
    """Vestland fylkeskommune."""
    return organisation("fylkeskommune-46")


@pytest.fixture
def vestland_editor(db: Any) -> Any:
    return make_member("vestland-editor", "fylkeskommune-46", "editor")


@pytest.fixture
def scored_values(data_dir: Path, tmp_path_factory: Any) -> Path:
    """The bundle's values of the indicators with a direction (the vaccination series), as a file to import:
    the only ones the methods score, so tests import 7,000 rows rather than 41,000."""
    return _scored_values_file(data_dir, tmp_path_factory.mktemp("values"))


@pytest.fixture(autouse=True)
def default_language() -> Any:
    """Every test starts in the site's default language (bokmål), whatever the test before it activated."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def empty_page_cache() -> Any:
    """Every test starts with an empty cache: ids repeat between rolled-back tests, so cached pages would not."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def _scored_values_file(data_dir: Path, folder: Path) -> Path:
    path = folder / "scored_values.csv"
    with (data_dir / "indicators" / "values.csv").open(encoding="utf-8") as source, path.open("w") as target:
        for number, line in enumerate(source):
            if number == 0 or line.startswith("VAX_"):
                target.write(line)
    return path


@contextmanager
def rolled_back() -> Iterator[None]:
    """A transaction that is always rolled back: data a module fixture makes once inside it is gone when the
    module ends, while each test runs in a savepoint inside it (pytest-django's ``db``)."""
    from django.db import transaction

    with transaction.atomic():
        try:
            yield
        finally:
            transaction.set_rollback(True)


@pytest.fixture(scope="module")
def measured_module(django_db_setup: Any, django_db_blocker: Any, data_dir: Path,
                    tmp_path_factory: Any) -> Any:
    """The scored values imported and one measurement run stored, once per test module.

    Made inside a transaction that is rolled back when the module ends; each test runs in a savepoint inside it
    (pytest-django's ``db``), so what a test writes is undone before the next while the run is made only once.
    Request it through a function fixture that also asks for ``db``.
    """
    from django.core.management import call_command

    from lokalagenda.indicators.services import import_file
    from lokalagenda.measurement.models import MeasurementRun

    with django_db_blocker.unblock(), rolled_back():
        import_file(_scored_values_file(data_dir, tmp_path_factory.mktemp("values")))
        call_command("measure", year=MEASURE_YEAR, verbosity=0)
        yield MeasurementRun.objects.get()


@pytest.fixture
def unmeasured(db: Any) -> None:
    """A database before any measurement run, also in a module whose other tests share ``measured_module``'s run
    (deleted inside the test's savepoint, so the next test has it again)."""
    from lokalagenda.measurement.models import MeasurementRun

    MeasurementRun.objects.all().delete()


#: Four indicators of the core set for tests (``tests/indicators/core_set_sample.csv``).
CORE_SET_SAMPLE = Path(__file__).parent / "indicators" / "core_set_sample.csv"


@pytest.fixture
def loaded_core_set(db: Any) -> Any:
    """The sample loaded as the core set, as ``load-catalogue --set kjernesett`` loads it."""
    from django.core.management import call_command

    from lokalagenda.indicators.set_membership import core_set

    call_command("load_catalogue", str(CORE_SET_SAMPLE), "--set", "kjernesett", "--set-name", "Kjernesett",
                 verbosity=0)
    indicator_set = core_set()
    assert indicator_set is not None
    return indicator_set
