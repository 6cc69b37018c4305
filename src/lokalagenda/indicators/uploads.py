"""Editors' uploads: check a file and show a preview, then import it in the background with progress.

Who may write what: an editor of a kommune may import values of that kommune's local indicators; an editor of
the national organisation may import values of the national and international sets. Every indicator in a
file must be writable by the uploader, or the file is refused with a problem per row.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from lokalagenda.accounts.models import Organisation
from lokalagenda.accounts.permissions import can_edit
from lokalagenda.core.imports import PreparedImport
from lokalagenda.core.observations import Problem
from lokalagenda.indicators.models import ImportJob, Indicator
from lokalagenda.indicators.services import ImportFailed, import_file, prepare_file

PREVIEW_ROWS = 20
SHOWN = 50


def writable_indicators(organisation: Organisation) -> Any:
    """The catalogue indicators whose values editors of ``organisation`` may import."""
    if organisation.kind == Organisation.Kind.NATIONAL:
        return Indicator.objects.filter(organisation__isnull=True)
    return Indicator.objects.filter(organisation=organisation)


def editable_organisations(user: Any) -> list[Organisation]:
    """The organisations the user may import for (editor or admin role)."""
    organisations = Organisation.objects.filter(memberships__user=user).distinct().order_by("name")
    return [organisation for organisation in organisations if can_edit(user, organisation)]


def check_upload(organisation: Organisation, user: Any, upload: UploadedFile, *, format: str = "auto",
                 indicator: Indicator | None = None) -> ImportJob:
    """Store the upload and check it without importing anything; the job holds the preview and problems."""
    job = ImportJob.objects.create(organisation=organisation, user=user, file=upload,
                                   original_name=Path(upload.name or "upload").name, format=format,
                                   indicator=indicator)
    prepared = prepare_file(_named_copy(job), format=format, indicator=indicator.id if indicator else None)
    problems = prepared.problems + permission_problems(prepared, organisation, job.original_name)
    job.problems = [_problem(p) for p in problems[:SHOWN]] + ([{"more": len(problems) - SHOWN}]
                                                              if len(problems) > SHOWN else [])
    job.preview = _preview(prepared)
    job.status = ImportJob.Status.INVALID if problems else ImportJob.Status.PREVIEW
    job.save()
    return job


def confirm(job: ImportJob, user: Any) -> ImportJob:
    """Queue the import of a checked file."""
    if job.status != ImportJob.Status.PREVIEW or not can_edit(user, job.organisation):
        raise PermissionError("This file cannot be imported.")
    job.status = ImportJob.Status.QUEUED
    job.save(update_fields=["status"])
    transaction.on_commit(lambda: run_import.enqueue(job.id))
    return job


@task()
def run_import(job_id: int) -> None:
    """The background task: reload the job by id, import with progress reported into the job row."""
    job = ImportJob.objects.select_related("organisation", "user", "indicator").get(id=job_id)
    job.status = ImportJob.Status.RUNNING
    job.save(update_fields=["status"])

    def progress(done: int, total: int, message: str) -> None:
        ImportJob.objects.filter(id=job_id).update(done=done, total=total, message=message[:200])

    try:
        report = import_file(_named_copy(job), format=job.format, user=job.user, progress=progress,
                             indicator=job.indicator_id)
    except ImportFailed as error:
        _finish(job_id, ImportJob.Status.FAILED, problems=[_problem(p) for p in error.problems[:SHOWN]])
        return
    revisions = [vars(summary) for summary in report.revisions]
    _finish(job_id, ImportJob.Status.DONE, report={"rows": report.rows, "revisions": revisions,
                                                    "unmapped": len(report.unmapped)})


def _finish(job_id: int, status: str, **fields: Any) -> None:
    ImportJob.objects.filter(id=job_id).update(status=status, finished_at=timezone.now(), **fields)


def _named_copy(job: ImportJob) -> Path:
    """The stored file under its original name (problems name the file the editor knows)."""
    stored = Path(job.file.path)
    named = stored.parent / f"{stored.name}.d" / job.original_name
    named.parent.mkdir(parents=True, exist_ok=True)
    named.unlink(missing_ok=True)
    named.hardlink_to(stored)
    return named


def permission_problems(prepared: PreparedImport, organisation: Organisation, file: str) -> list[Problem]:
    allowed = set(writable_indicators(organisation).values_list("id", flat=True))
    refused = prepared.table[~prepared.table["indicator"].isin(list(allowed))]
    return [Problem(file, int(row.source_row), "indicator",
                    f"{organisation.name} may not import values of indicator {row.indicator!r}")
            for row in refused.itertuples(index=False)]


def _preview(prepared: PreparedImport) -> dict[str, Any]:
    table = prepared.table
    counts = table.groupby("indicator").size().to_dict() if len(table) else {}
    head = table.head(PREVIEW_ROWS)[["indicator", "place", "year", "disaggregation", "value", "unit", "flag"]]
    return {
        "rows": len(table), "indicators": {str(k): int(v) for k, v in counts.items()},
        "years": [int(table["year"].min()), int(table["year"].max())] if len(table) else [],
        "head": [[None if v != v else v for v in row] for row in head.astype(object).itertuples(index=False)],
        "unmapped": [vars(u) for u in prepared.unmapped[:SHOWN]], "unmapped_count": len(prepared.unmapped),
    }


def _problem(problem: Problem) -> dict[str, Any]:
    return {"file": problem.file, "row": problem.row, "column": problem.column, "message": problem.message,
            "text": str(problem)}
