"""Report kinds and output formats as registries: a kind builds the content, a format renders it.

HTML is the accessible web page's body (or a standalone document for files); PDF is WeasyPrint's tagged PDF/UA-1
of a print template, with the charts as static SVG images carrying their text alternative.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lokalagenda.places.place import Place
from lokalagenda.reports.vlr.brief import build_brief
from lokalagenda.reports.vlr.content import build_vlr
from lokalagenda.reports.vlr.scope import ReportError, check_language


@dataclass(frozen=True)
class ReportKind:
    key: str
    title: Any
    build: Callable[..., Any]
    body_template: str


KINDS: dict[str, ReportKind] = {kind.key: kind for kind in (
    ReportKind("vlr", gettext_lazy("Voluntary Local Review"), build_vlr, "reports/_report_vlr.html"),
    ReportKind("brief", gettext_lazy("Council brief"), build_brief, "reports/_report_brief.html"),
)}


def kind_for(key: str) -> ReportKind:
    if key not in KINDS:
        raise ReportError(_("Unknown report type “%(type)s”: use %(types)s.") % {"type": key,
                                                                                 "types": ", ".join(KINDS)})
    return KINDS[key]


def title_of(kind: ReportKind, place: Place) -> str:
    return f"{kind.title} – {place.name}"


def context_for(kind: ReportKind, place: Place, language: str, run_id: int | None = None, *,
                draw: bool = True, pdf: bool = False, drafts: bool = False) -> dict[str, Any]:
    """The template context of a report: its content, title and which output it is for. ``drafts`` (an editor's
    preview) includes texts that are not published yet."""
    content = kind.build(place, language, run_id, draw=draw, drafts=drafts)
    return {"report": content, "kind": kind, "title": title_of(kind, place), "pdf": pdf,
            "body_template": kind.body_template, "language": language}


def render_html(kind: ReportKind, place: Place, language: str, run_id: int | None = None, *,
                draw: bool = True, drafts: bool = False) -> bytes:
    """A standalone HTML document of the report (the CLI's ``--format html``)."""
    with translation.override(language):
        context = context_for(kind, place, language, run_id, draw=draw, drafts=drafts)
        return render_to_string("reports/report_document.html", context).encode("utf-8")


def render_pdf(kind: ReportKind, place: Place, language: str, run_id: int | None = None, *,
               draw: bool = True, drafts: bool = False) -> bytes:
    """A tagged PDF (PDF/UA-1) of the report, with document language and title set."""
    from weasyprint import HTML

    with translation.override(language):
        context = context_for(kind, place, language, run_id, draw=draw, pdf=True, drafts=drafts)
        html = render_to_string("reports/report_pdf.html", context)
    return HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")  # type: ignore[no-any-return]


FORMATS: dict[str, Callable[..., bytes]] = {"html": render_html, "pdf": render_pdf}


def render(kind_key: str, output_format: str, place: Place, language: str, run_id: int | None = None, *,
           draw: bool = True, drafts: bool = False) -> bytes:
    """The report of kind ``kind_key`` for ``place`` in ``output_format`` (html or pdf) and ``language``; the
    narrative sections' published texts, or with ``drafts`` the latest ones (an editor's preview)."""
    kind = kind_for(kind_key)
    check_language(language)
    if output_format not in FORMATS:
        raise ReportError(_("Unknown format “%(format)s”: use %(formats)s.") % {
            "format": output_format, "formats": ", ".join(FORMATS)})
    return FORMATS[output_format](kind, place, language, run_id, draw=draw, drafts=drafts)
