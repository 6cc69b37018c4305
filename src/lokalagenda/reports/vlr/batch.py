"""Writing report files: one for a place, or one per kommune into a folder with progress."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

from lokalagenda.core.progress import Progress, null_progress
from lokalagenda.places.models import Kommune
from lokalagenda.places.place import PlaceKind
from lokalagenda.reports.vlr.rendering import render
from lokalagenda.reports.vlr.scope import ReportError, report_place


@dataclass(frozen=True)
class ReportRequest:
    kind: str
    output_format: str
    language: str = "nb"
    run_id: int | None = None
    draw: bool = True


def write_report(code: str, request: ReportRequest, out: Path, kind: PlaceKind | None = None) -> Path:
    """Render the report of the kommune or fylke ``code`` (of ``kind`` when given: ``--kommune 46`` is no
    kommune) into the file ``out``."""
    data = render(request.kind, request.output_format, report_place(code, kind), request.language, request.run_id,
                  draw=request.draw)
    if not out.parent.is_dir():
        raise ReportError(_("The folder %(folder)s does not exist.") % {"folder": out.parent})
    out.write_bytes(data)
    return out


def file_name(code: str, request: ReportRequest) -> str:
    return f"{request.kind}-{code}-{request.language}.{request.output_format}"


def write_all_kommuner(request: ReportRequest, folder: Path, progress: Progress = null_progress,
                       numbers: list[str] | None = None) -> list[Path]:
    """One report per kommune (or per number in ``numbers``) into ``folder``, named ``TYPE-NR-LANG.FORMAT``."""
    if folder.exists() and not folder.is_dir():
        raise ReportError(_("%(path)s is a file: with --kommune all, --out must be a folder.") % {"path": folder})
    folder.mkdir(parents=True, exist_ok=True)
    numbers = numbers if numbers is not None else list(Kommune.objects.order_by("number")
                                                       .values_list("number", flat=True))
    written = []
    for done, number in enumerate(numbers, start=1):
        written.append(write_report(number, request, folder / file_name(number, request)))
        progress(done, len(numbers), number)
    return written
