"""Editors' uploads: store a file, check it in the background and show a preview, then import it in the
background with progress.

Who may write what: an editor of a kommune may import values of that kommune's local indicators, for that
kommune only; an editor of a fylkeskommune, values of its local indicators for the fylke and its kommuner; an
editor of the national organisation, values of the national and international sets for any place. Every row of a
file must be writable by the uploader, or the file is refused with a problem per row (the API's writes use the
same :func:`permission_problems`).

An uploaded file is untrusted. The web request only stores it and queues :func:`run_check`; the task reads it in
a child process within ``settings.LOKALAGENDA_PARSE_BUDGET`` (:mod:`lokalagenda.core.bounded`), and
:func:`run_import` reads it again the same way. Every message names the file by the name it was uploaded under,
never a server path. A job stores at most :data:`QUOTED` characters of any text from the file, and the file is
deleted as soon as the job is refused, failed or imported: nothing reads it again (the job page shows the stored
preview, problems and report).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from lokalagenda.accounts.models import Organisation
from lokalagenda.accounts.permissions import require_editor
from lokalagenda.core.bounded import Budget
from lokalagenda.core.errors import InvalidCode, LokalagendaError
from lokalagenda.core.geography import FylkeNumber, KommuneNumber
from lokalagenda.core.imports import PreparedImport
from lokalagenda.core.observations import Problem
from lokalagenda.core.progress import Progress, null_progress
from lokalagenda.indicators.models import ImportJob, Indicator
from lokalagenda.indicators.services import prepare_file, store

PREVIEW_ROWS = 20
SHOWN = 50
#: The most characters of a cell a job stores and shows (in the preview, and quoted in a problem's message).
QUOTED = 200
#: The most characters of a problem's message a job stores: its own words and a quoted cell.
MESSAGE = 2 * QUOTED


def writable_indicators(organisation: Organisation) -> Any:
    """The catalogue indicators whose values editors of ``organisation`` may import."""
    if organisation.kind == Organisation.Kind.NATIONAL:
        return Indicator.objects.filter(organisation__isnull=True)
    return Indicator.objects.filter(organisation=organisation)


def parse_budget() -> Budget:
    """What reading one uploaded file may use (a setting, so an operator can give large imports more)."""
    budget: Budget = settings.LOKALAGENDA_PARSE_BUDGET
    return budget


def check_upload(organisation: Organisation, user: Any, upload: UploadedFile, *, format: str = "auto",
                 indicator: Indicator | None = None) -> ImportJob:
    """Store the upload and queue its check; the job is "checking" until its preview or problems are ready.

    The check is queued at once rather than on commit: the job row is already committed in a web request, and
    the database task backend writes the task in the same transaction as the job anyway.
    """
    job = ImportJob.objects.create(organisation=organisation, user=user, file=upload, format=format,
                                   original_name=_file_name(upload.name), indicator=indicator,
                                   status=ImportJob.Status.CHECKING)
    run_check.enqueue(job.id)
    job.refresh_from_db()
    return job


def confirm(job: ImportJob, user: Any) -> ImportJob:
    """Queue the import of a checked file: only by an editor of its organisation, only while it waits for
    confirmation, and only once (a second click finds it queued already)."""
    require_editor(user, job.organisation, _("Only editors of the organisation may import this file."))
    waiting = ImportJob.objects.filter(id=job.id, status=ImportJob.Status.PREVIEW)
    if not waiting.update(status=ImportJob.Status.QUEUED):
        raise PermissionDenied(_("This file cannot be imported: it is not waiting for confirmation."))
    job.status = ImportJob.Status.QUEUED
    transaction.on_commit(lambda: run_import.enqueue(job.id))
    return job


@task()
def run_check(job_id: int) -> None:
    """The background check: read the file within the budget, validate it, store a preview or the problems."""
    job = _reloaded(job_id)
    if job.status != ImportJob.Status.CHECKING:
        return
    with _failed_on_error(job):
        try:
            prepared, problems = _checked(job)
        except LokalagendaError as error:  # no reader takes the file, a zip bomb, over the budget
            _end(job, ImportJob.Status.INVALID, [_unreadable(job, error)])
            return
        status = ImportJob.Status.INVALID if problems else ImportJob.Status.PREVIEW
        _end(job, status, problems, preview=_preview(prepared))


@task()
def run_import(job_id: int) -> None:
    """The background import: read the file again within the budget, check it again, store it with progress."""
    job = _reloaded(job_id)
    if job.status != ImportJob.Status.QUEUED:
        return
    job.status = ImportJob.Status.RUNNING
    job.save(update_fields=["status"])

    def progress(done: int, total: int, message: str) -> None:
        ImportJob.objects.filter(id=job_id).update(done=done, total=total, message=message[:200])

    with _failed_on_error(job):
        try:
            prepared, problems = _checked(job, progress)
        except LokalagendaError as error:
            _end(job, ImportJob.Status.FAILED, [_unreadable(job, error)])
            return
        if problems:
            _end(job, ImportJob.Status.FAILED, problems)
            return
        report = store(prepared, source=job.original_name, user=job.user, progress=progress)
        _end(job, ImportJob.Status.DONE, report={"rows": report.rows, "revisions": [vars(r) for r in report.revisions],
                                                 "unmapped": len(report.unmapped)})


def _reloaded(job_id: int) -> ImportJob:
    return ImportJob.objects.select_related("organisation", "user", "indicator").get(id=job_id)


def _checked(job: ImportJob, progress: Progress = null_progress) -> tuple[PreparedImport, list[Problem]]:
    """The file read (in a child process within the budget), validated, and checked against the uploader's
    rights: what the check shows and what the import stores are decided by the same code."""
    prepared = prepare_file(_named_copy(job), format=job.format, indicator=job.indicator_id, progress=progress,
                            budget=parse_budget())
    return prepared, prepared.problems + permission_problems(prepared, job.organisation, job.original_name)


def _unreadable(job: ImportJob, error: LokalagendaError) -> Problem:
    """The core's error as the job's one problem, without repeating the file name it starts with."""
    return Problem(job.original_name, None, None, str(error).removeprefix(f"{job.original_name}: "))


@contextmanager
def _failed_on_error(job: ImportJob) -> Iterator[None]:
    """An error nobody foresaw marks the job failed, so its page stops waiting and its file is deleted; the error
    is raised again for the task's log."""
    try:
        yield
    except Exception:
        message = _("The file could not be checked or imported because of an error in Lokalagenda. The "
                    "administrators can see it in the log of the background tasks.")
        _end(job, ImportJob.Status.FAILED, [Problem(job.original_name, None, None, message)])
        raise


def _end(job: ImportJob, status: str, problems: list[Problem] | None = None, **fields: Any) -> None:
    """Store the outcome of a step with its problems shortened; delete the file unless an import will read it."""
    waiting = status == ImportJob.Status.PREVIEW
    ImportJob.objects.filter(id=job.id).update(status=status, problems=_stored(problems or []),
                                               finished_at=None if waiting else timezone.now(), **fields)
    if not waiting:
        _discard_file(job)


def _file_name(name: str | None) -> str:
    """The uploaded file's own name, without any folder (a name that is only dots becomes "upload")."""
    own = Path(name or "").name
    return own if own.strip(".") else "upload"


def _named_copy(job: ImportJob) -> Path:
    """The stored file under its original name (problems name the file the editor knows)."""
    stored = Path(job.file.path)
    named = stored.parent / f"{stored.name}.d" / job.original_name
    named.parent.mkdir(parents=True, exist_ok=True)
    named.unlink(missing_ok=True)
    named.hardlink_to(stored)
    return named


def _discard_file(job: ImportJob) -> None:
    """Delete the stored upload and its folder of links under the original name."""
    if not job.file:
        return
    stored = Path(job.file.path)
    links = stored.parent / f"{stored.name}.d"
    if links.is_dir():
        shutil.rmtree(links)
    job.file.delete(save=False)
    ImportJob.objects.filter(id=job.id).update(file="")


# --- who may write where ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Area:
    """The places an organisation's local indicators take values for, and how a message names them."""

    contains: Callable[[Organisation, str], bool]
    described: Callable[[Organisation], str]


def _in_fylke(organisation: Organisation, place: str) -> bool:
    fylke = FylkeNumber(str(organisation.fylke_id))
    try:
        return place == fylke.code or KommuneNumber(place).fylke == fylke
    except InvalidCode:  # a fylkesnummer of another fylke, the country "0" or no code at all
        return False


#: Local indicators of other kinds of organisation (partners) take no place: they have none of their own.
AREAS: dict[str, Area] = {
    Organisation.Kind.KOMMUNE: Area(lambda o, place: place == o.kommune_id, lambda o: str(o.kommune_id)),
    Organisation.Kind.FYLKESKOMMUNE: Area(_in_fylke, lambda o: f"{o.fylke_id} and its kommuner"),
}
NO_AREA = Area(lambda o, place: False, lambda o: "no place (it has none of its own)")


def permission_problems(prepared: PreparedImport, organisation: Organisation, file: str) -> list[Problem]:
    """A problem per row ``organisation`` may not write: an indicator that is not its to write, or a value of
    its local indicator for a place outside its area. Sorted by row; used by uploads and the API alike."""
    table = prepared.table
    owners = dict(writable_indicators(organisation).values_list("id", "organisation_id"))
    refused = table[~table["indicator"].isin(list(owners))]
    problems = [Problem(file, int(row.source_row), "indicator",
                        f"{organisation.name} may not import values of indicator {row.indicator!r}")
                for row in refused.itertuples(index=False)]
    local = table[table["indicator"].isin([indicator for indicator, owner in owners.items() if owner is not None])]
    area = AREAS.get(organisation.kind, NO_AREA)
    outside = [place for place in local["place"].unique() if not area.contains(organisation, place)]
    headers = prepared.provenance.get("columns")
    column = headers.get("place", "place") if isinstance(headers, dict) else "place"
    problems += [Problem(file, int(row.source_row), column,
                         f"{organisation.name} may import values of its local indicators only for "
                         f"{area.described(organisation)}, not for {row.place!r}")
                 for row in local[local["place"].isin(outside)].itertuples(index=False)]
    return sorted(problems, key=lambda problem: problem.row or 0)


# --- what a job stores -----------------------------------------------------------------------------------------


def shortened(text: str, limit: int = QUOTED) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis: a job stores and shows no cell of any size."""
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _capped(value: Any) -> Any:
    """Every text in a JSON-like value (keys too) shortened."""
    if isinstance(value, str):
        return shortened(value)
    if isinstance(value, dict):
        return {shortened(str(k)): _capped(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_capped(v) for v in value]
    return value


def _preview(prepared: PreparedImport) -> dict[str, Any]:
    table = prepared.table
    counts = table["indicator"].value_counts() if len(table) else None
    head = table.head(PREVIEW_ROWS)[["indicator", "place", "year", "disaggregation", "value", "unit", "flag"]]
    return _capped({
        "rows": len(table),
        "indicators": dict(sorted((str(k), int(v)) for k, v in counts.head(SHOWN).items())) if counts is not None
        else {},
        "indicator_count": len(counts) if counts is not None else 0,
        "years": [int(table["year"].min()), int(table["year"].max())] if len(table) else [],
        "head": [[None if v != v else v for v in row] for row in head.astype(object).itertuples(index=False)],
        "unmapped": [vars(u) for u in prepared.unmapped[:SHOWN]], "unmapped_count": len(prepared.unmapped),
    })


def _stored(problems: list[Problem]) -> list[dict[str, Any]]:
    """The first problems as the job stores them, shortened, and a count of the rest."""
    rows = [_problem(problem) for problem in problems[:SHOWN]]
    return rows + ([{"more": len(problems) - SHOWN}] if len(problems) > SHOWN else [])


def _problem(problem: Problem) -> dict[str, Any]:
    short = Problem(shortened(problem.file), problem.row, shortened(problem.column) if problem.column else None,
                    shortened(problem.message, MESSAGE))
    return {"file": short.file, "row": short.row, "column": short.column, "message": short.message,
            "text": str(short)}
