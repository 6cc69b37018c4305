"""Public pages are cached for anonymous visitors and renewed as soon as the data they show change."""

from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lokalagenda.indicators.services import import_file
from lokalagenda.ui.caching import STAMPS

pytestmark = pytest.mark.django_db
HEADER = "indicator_id,municipality_code,year,value\n"


def test_second_anonymous_request_is_served_from_the_cache(client):
    first = client.get("/kommune/4601/")
    with CaptureQueriesContext(connection) as queries:
        second = client.get("/kommune/4601/")
    assert second.content == first.content and len(queries) <= len(STAMPS)  # the data version's reads only


def test_new_data_renews_the_cached_page(client, tmp_path):
    client.get("/kommune/0301/")
    path = tmp_path / "pop.csv"
    path.write_text(HEADER + "POP_TOTAL,0301,2024,717710\n", encoding="utf-8")
    import_file(path)
    assert "717\xa0710" in client.get("/kommune/0301/").content.decode()


def test_each_language_has_its_own_copy(client):
    assert '<html lang="nb"' in client.get("/kommune/0301/").content.decode()
    client.cookies["lokalagenda_language"] = "en"
    assert '<html lang="en"' in client.get("/kommune/0301/").content.decode()


def test_logged_in_editors_are_never_served_a_cached_page(client, oslo_editor):
    client.get("/kommune/0301/")
    client.force_login(oslo_editor)
    assert "/kommune/0301/prioriteringer/rediger/" in client.get("/kommune/0301/").content.decode()


def test_a_new_or_deleted_practice_renews_the_cached_kommune_page():
    from lokalagenda.accounts.models import Organisation
    from lokalagenda.practices.models import Practice
    from lokalagenda.ui.caching import data_version

    bergen = Organisation.objects.get(slug="kommune-4601")
    before = data_version()
    first = Practice.objects.create(organisation=bergen, title="Matavfall", summary="Innsamling", start_year=2020)
    Practice.objects.create(organisation=bergen, title="Gåbuss", summary="Til skolen", start_year=2021)
    with_both = data_version()
    first.delete()
    assert len({before, with_both, data_version()}) == 3


def test_the_data_version_reads_the_stamp_each_app_registered_for_the_data_its_pages_show():
    """``ui`` names no app: the apps whose data cached pages show register what the version reads."""
    from lokalagenda.ui.caching import STAMPS, data_version

    assert sorted(STAMPS) == ["audit", "practices", "priorities", "revision", "run"]
    assert [part.split("=")[0] for part in data_version().split("|")] == sorted(STAMPS)


def test_a_stamp_name_registered_again_for_other_data_is_refused():
    from django.core.exceptions import ImproperlyConfigured

    from lokalagenda.accounts.models import Organisation
    from lokalagenda.ui.caching import register_data_stamp

    with pytest.raises(ImproperlyConfigured, match="'audit' is registered twice"):
        register_data_stamp("audit", Organisation, "id")


def test_a_new_code_version_renews_the_cached_page(client, monkeypatch):
    """The cache is on disk and outlives an upgrade: a page rendered by the old templates must not be served."""
    from lokalagenda.ui import caching

    client.get("/kommune/4601/")
    monkeypatch.setattr(caching, "code_version", lambda: "after-an-upgrade")
    with CaptureQueriesContext(connection) as queries:
        client.get("/kommune/4601/")
    assert len(queries) > len(STAMPS)  # rendered again, not only the data version read


def test_the_code_version_changes_with_any_file_of_the_package_but_not_with_compiled_python(tmp_path):
    from lokalagenda.ui.caching import files_digest

    (tmp_path / "templates").mkdir()
    (tmp_path / "__pycache__").mkdir()
    template = tmp_path / "templates" / "page.html"
    template.write_text("<h1>{{ title }}</h1>", encoding="utf-8")
    (tmp_path / "views.py").write_text("x = 1\n", encoding="utf-8")
    before = files_digest(tmp_path)
    (tmp_path / "__pycache__" / "views.cpython-311.pyc").write_bytes(b"\x00compiled")
    assert files_digest(tmp_path) == before
    template.write_text("<h2>{{ title }}</h2>", encoding="utf-8")
    changed = files_digest(tmp_path)
    template.rename(tmp_path / "templates" / "other.html")
    assert len({before, changed, files_digest(tmp_path)}) == 3


def test_the_code_is_as_new_as_the_newest_file_of_the_package():
    from lokalagenda.ui import caching

    newest = max(path.stat().st_mtime for path in caching.package_files(caching.PACKAGE_ROOT))
    assert caching.code_modified().timestamp() == pytest.approx(newest, abs=1e-3)
    assert caching.code_modified().timestamp() >= Path(caching.__file__).stat().st_mtime - 1e-3
