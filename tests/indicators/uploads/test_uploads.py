"""Editors upload files: a preview with problems before anything is saved, then a background import."""

import io
import json
import random

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lokalagenda.accounts.models import AuditEntry, Organisation
from lokalagenda.core.bounded import MEGABYTE, Budget
from lokalagenda.indicators.catalogue import create_local_indicator
from lokalagenda.indicators.models import DatasetRevision, ImportJob, Indicator, Observation
from tests.core.sources.test_excel import padded_workbook
from tests.fixtures import make_member

pytestmark = pytest.mark.django_db
HEADER = "indicator_id,municipality_code,year,value\n"


def _upload(client, content, name="data.csv", **extra):
    data = content.encode("utf-8") if isinstance(content, str) else content
    file = SimpleUploadedFile(name, data, content_type="application/octet-stream")
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


def test_a_superuser_opens_any_job_but_is_offered_only_the_organisations_of_their_editing_memberships(
        client, local_indicator):
    _upload(client, HEADER + "LOKAL-0301-1,0301,2023,41.5\n", organisation=local_indicator.organisation_id)
    job = ImportJob.objects.get()
    superuser = make_member("drift", "kommune-4601", "editor")
    superuser.is_superuser = True
    superuser.save()
    client.force_login(superuser)
    assert client.get(reverse("uploads:job", args=[job.id])).status_code == 200
    form = client.get(reverse("uploads:upload")).context["form"]
    assert [o.slug for o in form.fields["organisation"].queryset] == ["kommune-4601"]


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


def _stored_files(settings):
    return sorted(path for path in settings.MEDIA_ROOT.rglob("*") if path.is_file())


def _workbook(rows):
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _local_indicator_of(slug, editor):
    organisation = Organisation.objects.get(slug=slug)
    return create_local_indicator(organisation, editor, targets=["11.6"], name_nb="Luftkvalitet", unit="µg/m3",
                                  direction="lower", aggregation="none")


# --- the check runs in the background, within a budget (F2) ---------------------------------------------------


def test_the_check_runs_in_a_background_task_and_the_page_polls_until_it_is_done(client, local_indicator,
                                                                                 settings):
    from lokalagenda.indicators.uploads.services import run_check

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    response = _upload(client, HEADER + "LOKAL-0301-1,0301,2023,41.5\n", organisation=local_indicator.organisation_id)
    job = ImportJob.objects.get()
    assert job.status == "checking" and not job.preview and not job.problems
    page = client.get(response.url).content.decode()
    assert f'hx-get="{response.url}"' in page and "preview-heading" not in page
    assert client.post(response.url).status_code == 403, "a file being checked cannot be imported"
    run_check.call(job.id)
    job.refresh_from_db()
    assert job.status == "preview" and job.preview["rows"] == 1
    page = client.get(response.url).content.decode()
    assert "preview-heading" in page and "hx-trigger" not in page


def test_an_xlsx_zip_bomb_is_refused_without_being_read_and_its_file_deleted(client, local_indicator, settings,
                                                                            tmp_path):
    bomb = padded_workbook(tmp_path / "bombe.xlsx", 300)
    response = _upload(client, bomb.read_bytes(), name="bombe.xlsx", organisation=local_indicator.organisation_id)
    assert response.status_code == 302
    job = ImportJob.objects.get()
    assert job.status == "invalid"
    assert job.problems[0]["text"] == ("bombe.xlsx: cannot read the file as an Excel workbook (.xlsx): part "
                                       "'xl/worksheets/sheet1.xml' unpacks to 300 MB; at most 200 MB are accepted")
    assert _stored_files(settings) == []


def test_reading_an_upload_is_stopped_when_it_goes_over_the_parse_budget(client, local_indicator, settings):
    settings.LOKALAGENDA_PARSE_BUDGET = Budget(memory_bytes=2 * MEGABYTE)
    # 300,000 rows of distinct cells: reading them makes a million text objects, far more than 2 MB.
    rows = "".join(f"LOKAL-0301-{number},{number:06d},{2000 + number % 25},{number}\n" for number in range(300_000))
    _upload(client, HEADER + rows, organisation=local_indicator.organisation_id)
    job = ImportJob.objects.get()
    assert job.status == "invalid" and len(job.problems) == 1
    assert job.problems[0]["text"].startswith("data.csv: reading the file needed more than 2 MB of memory") or \
        job.problems[0]["text"].startswith("data.csv: reading the file stopped unexpectedly"), job.problems
    assert client.get(reverse("uploads:job", args=[job.id])).status_code == 200


def test_the_import_step_reads_the_file_again_within_the_parse_budget(client, local_indicator, settings,
                                                                       django_capture_on_commit_callbacks):
    response = _upload(client, HEADER + "LOKAL-0301-1,0301,2023,41.5\n", organisation=local_indicator.organisation_id)
    assert ImportJob.objects.get().status == "preview"
    settings.LOKALAGENDA_PARSE_BUDGET = Budget(wall_seconds=0.0)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(response.url)
    job = ImportJob.objects.get()
    assert job.status == "failed" and "reading the file took longer than 0 seconds" in job.problems[0]["text"]
    assert not Observation.objects.exists()


# --- a local indicator takes values only for its owner's place (F3) --------------------------------------------


def test_a_kommune_s_local_indicator_takes_values_only_for_that_kommune(client, bergen_editor):
    indicator = _local_indicator_of("kommune-4601", bergen_editor)
    client.force_login(bergen_editor)
    rows = "".join(f"{indicator.id},{place},2024,1\n" for place in ("4601", "0301", "5001", "0", "03"))
    _upload(client, HEADER + rows, organisation=indicator.organisation_id)
    job = ImportJob.objects.get()
    assert job.status == "invalid"
    assert [(p["row"], p["column"]) for p in job.problems] == [(row, "municipality_code") for row in (3, 4, 5, 6)]
    assert "'0301'" in job.problems[0]["message"] and "only for 4601" in job.problems[0]["message"]
    assert client.post(reverse("uploads:job", args=[job.id])).status_code == 403
    assert not Observation.objects.exists()


def test_a_fylkeskommune_s_local_indicator_takes_its_fylke_and_its_kommuner_only(client,
                                                                                 django_capture_on_commit_callbacks):
    editor = make_member("vestland-editor", "fylkeskommune-46", "editor")
    indicator = _local_indicator_of("fylkeskommune-46", editor)
    client.force_login(editor)
    rows = "".join(f"{indicator.id},{place},2024,1\n" for place in ("46", "4601", "4602", "0301", "03", "5001", "0"))
    response = _upload(client, HEADER + rows, organisation=indicator.organisation_id)
    job = ImportJob.objects.get()
    assert [p["row"] for p in job.problems] == [5, 6, 7, 8]
    own = HEADER + "".join(f"{indicator.id},{place},2024,1\n" for place in ("46", "4601", "4602"))
    response = _upload(client, own, organisation=indicator.organisation_id)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(response.url)
    assert set(Observation.objects.values_list("place", flat=True)) == {"46", "4601", "4602"}


# --- cells quoted in problems and previews are shortened; files are deleted when done (F9) ---------------------


def test_a_huge_cell_is_quoted_shortened_in_the_job_and_on_its_page(client, local_indicator):
    cell = "x" * 1_000_000
    response = _upload(client, HEADER + f"{cell},0301,2024,1\n", organisation=local_indicator.organisation_id)
    job = ImportJob.objects.get()
    assert job.status == "invalid" and job.problems
    assert len(json.dumps(job.problems)) + len(json.dumps(job.preview)) < 10_000
    assert all(len(p["message"]) <= 400 for p in job.problems) and job.problems[0]["message"].endswith("x…")
    assert len(client.get(response.url).content) < 100_000


def test_the_uploaded_file_is_deleted_once_the_job_is_refused_or_imported(client, local_indicator, settings,
                                                                          django_capture_on_commit_callbacks):
    _upload(client, HEADER + "LOKAL-0301-1,9999,2024,1\n", organisation=local_indicator.organisation_id)
    assert ImportJob.objects.get().status == "invalid" and _stored_files(settings) == []
    response = _upload(client, HEADER + "LOKAL-0301-1,0301,2024,1\n", organisation=local_indicator.organisation_id)
    assert len(_stored_files(settings)) == 2, "the stored upload and its link under the original name"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(response.url)
    assert ImportJob.objects.get(status="done") and _stored_files(settings) == []


# --- messages name the uploaded file, never a server path (F10) ------------------------------------------------


def test_problems_pages_and_revisions_name_the_uploaded_file_never_a_server_path(client, local_indicator, settings,
                                                                                 django_capture_on_commit_callbacks):
    header = ["indicator_id", "municipality_code", "year", "value"]
    bad = _workbook([header, ["LOKAL-0301-1", "0301", "2022", "1"], ["LOKAL-0301-1", "0301", "2023", "2"],
                     ["LOKAL-0301-1", "0301", "2024", "tre"]])
    response = _upload(client, bad, name="verdier.xlsx", organisation=local_indicator.organisation_id)
    job = ImportJob.objects.get()
    assert job.status == "invalid" and job.problems[0]["text"].startswith("verdier.xlsx:4:value: ")
    server = str(settings.MEDIA_ROOT.parent)
    assert server not in json.dumps([job.problems, job.preview])
    assert server not in client.get(response.url).content.decode()
    good = _workbook([header, ["LOKAL-0301-1", "0301", "2024", "3"]])
    response = _upload(client, good, name="verdier.xlsx", organisation=local_indicator.organisation_id)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(response.url)
    revision = DatasetRevision.objects.get(indicator=local_indicator)
    assert revision.source == "verdier.xlsx" and server not in json.dumps(revision.provenance)


# --- a file no reader takes is refused, never a 500, and never confirmable (F11) -------------------------------


@pytest.mark.parametrize(("name", "content"), [
    ("tilfeldig.csv", random.Random(11).randbytes(5000)),
    ("bred.csv", (",".join(f"c{i}" for i in range(1_000_000)) + "\n").encode()),
])
def test_a_file_whose_format_cannot_be_told_is_refused_and_cannot_be_confirmed(client, local_indicator, name,
                                                                               content):
    response = _upload(client, content, name=name, organisation=local_indicator.organisation_id)
    assert response.status_code == 302
    job = ImportJob.objects.get()
    assert job.status == "invalid" and job.problems[0]["text"].startswith(f"{name}: cannot tell the format")
    assert client.post(response.url).status_code == 403
    job.refresh_from_db()
    assert job.status == "invalid" and not Observation.objects.exists()


def test_confirm_refuses_a_job_that_is_not_waiting_for_confirmation_with_permission_denied(client, local_indicator,
                                                                                         oslo_editor):
    from lokalagenda.indicators.uploads.services import confirm

    _upload(client, HEADER + "LOKAL-0301-1,9999,2024,1\n", organisation=local_indicator.organisation_id)
    job = ImportJob.objects.get()
    with pytest.raises(PermissionDenied):
        confirm(job, oslo_editor)
    job.refresh_from_db()
    assert job.status == "invalid"
