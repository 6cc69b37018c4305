"""Editors upload files: a preview with problems before anything is saved, then a background import."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lokalagenda.accounts.models import AuditEntry
from lokalagenda.indicators.models import ImportJob, Indicator, Observation

pytestmark = pytest.mark.django_db
HEADER = "indicator_id,municipality_code,year,value\n"


def _upload(client, text, name="data.csv", **extra):
    file = SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")
    organisation = extra.pop("organisation")
    return client.post(reverse("uploads:upload"), {"file": file, "format": "auto", "organisation": organisation,
                                                   **extra})


@pytest.fixture
def local_indicator(client, oslo_editor):
    client.force_login(oslo_editor)
    response = client.post(reverse("uploads:new-indicator"), {
        "name_nb": "Andel sykkelparkering ved skoler", "unit": "percent", "direction": "higher",
        "aggregation": "none", "targets": "11.2, 3.4"})
    assert response.status_code == 302
    return Indicator.objects.get(organisation__slug="kommune-0301")


def test_kommune_editor_defines_a_local_indicator_in_its_own_set(local_indicator, oslo_editor):
    assert local_indicator.id == "LOKAL-0301-1"
    assert list(local_indicator.sets.values_list("slug", flat=True)) == ["local-kommune-0301"]
    assert sorted(local_indicator.targets.values_list("code", flat=True)) == ["11.2", "3.4"]
    assert AuditEntry.objects.filter(model="indicators.Indicator", object_pk="LOKAL-0301-1", user=oslo_editor).exists()


def test_upload_shows_a_preview_and_saves_nothing_until_confirmed(client, local_indicator, oslo_editor,
                                                                   django_capture_on_commit_callbacks):
    organisation = local_indicator.organisation_id
    response = _upload(client, HEADER + "LOKAL-0301-1,0301,2023,41.5\nLOKAL-0301-1,0301,2024,44\n",
                       organisation=organisation)
    job = ImportJob.objects.get()
    assert response.url == reverse("uploads:job", args=[job.id])
    assert job.status == "preview" and job.preview["rows"] == 2 and not Observation.objects.exists()
    page = client.get(response.url).content.decode()
    assert "41,5" in page or "41.5" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(response.url)
    job.refresh_from_db()
    assert job.status == "done" and job.report["revisions"][0]["added"] == 2
    assert Observation.objects.get(indicator=local_indicator, year=2024).value == 44


def test_upload_with_problems_lists_them_with_row_and_column(client, local_indicator):
    response = _upload(client, HEADER + "LOKAL-0301-1,0301,2023,41.5\nLOKAL-0301-1,9999,2024,44\n",
                       organisation=local_indicator.organisation_id)
    job = ImportJob.objects.get()
    assert job.status == "invalid" and job.problems[0]["row"] == 3 and job.problems[0]["column"] == "municipality_code"
    page = client.get(response.url).content.decode()
    assert "data.csv:3:municipality_code" in page
    assert client.post(response.url).status_code == 403 and not Observation.objects.exists()


def test_kommune_editor_cannot_import_national_indicators(client, oslo_editor):
    client.force_login(oslo_editor)
    from lokalagenda.accounts.models import Organisation

    oslo = Organisation.objects.get(slug="kommune-0301")
    _upload(client, HEADER + "POP_TOTAL,0301,2024,1\n", organisation=oslo.id)
    job = ImportJob.objects.get()
    assert job.status == "invalid" and "may not import values of indicator 'POP_TOTAL'" in job.problems[0]["message"]


def test_editor_of_another_kommune_cannot_see_or_confirm_the_job(client, local_indicator, bergen_editor):
    _upload(client, HEADER + "LOKAL-0301-1,0301,2023,41.5\n", organisation=local_indicator.organisation_id)
    job = ImportJob.objects.get()
    client.force_login(bergen_editor)
    assert client.get(reverse("uploads:job", args=[job.id])).status_code == 403
    assert client.post(reverse("uploads:job", args=[job.id])).status_code == 403
    assert client.get(reverse("uploads:job-status", args=[job.id])).status_code == 403


def test_upload_page_needs_an_editing_role(client, oslo_viewer):
    assert client.get(reverse("uploads:upload")).status_code == 302
    client.force_login(oslo_viewer)
    assert client.get(reverse("uploads:upload")).status_code == 403


def test_national_editor_imports_national_series(client, national_editor, django_capture_on_commit_callbacks):
    from lokalagenda.accounts.models import Organisation

    client.force_login(national_editor)
    national = Organisation.objects.get(slug="nasjonalt")
    _upload(client, HEADER + "POP_TOTAL,0301,2024,717710\n", organisation=national.id)
    job = ImportJob.objects.get()
    assert job.status == "preview"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("uploads:job", args=[job.id]))
    job.refresh_from_db()
    assert job.status == "done"
    assert Observation.objects.get(indicator="POP_TOTAL").revision.created_by == national_editor
