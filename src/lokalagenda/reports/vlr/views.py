"""Report pages: the VLR and the council brief of a kommune or fylke (HTML, or the PDF with ``?format=pdf``),
and the narrative editor (editors and admins of the owning organisation only)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _

from lokalagenda.accounts.models import Organisation
from lokalagenda.accounts.permissions import can_edit, can_read_unpublished, require_editor
from lokalagenda.materiality.links import assessment_url
from lokalagenda.materiality.models import AssessmentVersion
from lokalagenda.places.place import Place, PlaceKind, place_or_404
from lokalagenda.reports.models import NarrativeVersion
from lokalagenda.reports.vlr import saksframlegg as case_text
from lokalagenda.reports.vlr.assessment import AssessmentAccount
from lokalagenda.reports.vlr.content import narratives_of
from lokalagenda.reports.vlr.forms import NarrativeForm
from lokalagenda.reports.vlr.narratives import publish_version, save_narrative, versions_of
from lokalagenda.reports.vlr.rendering import ReportKind, context_for, kind_for, render_pdf
from lokalagenda.reports.vlr.scope import LANGUAGES, ReportError
from lokalagenda.reports.vlr.sections import SECTIONS
from lokalagenda.ui.caching import cached_bytes
from lokalagenda.ui.language import active_language


def _language(request: HttpRequest) -> str:
    language = request.GET.get("language") or request.POST.get("language") or active_language()
    language = language.split("-")[0]
    if language not in LANGUAGES:
        raise Http404(_("Unknown language."))
    return language


def _languages() -> list[tuple[str, str]]:
    return [(code, str(NarrativeVersion.Language(code).label)) for code in LANGUAGES]


def report(request: HttpRequest, place_kind: str, number: str, report_type: str) -> HttpResponse:
    """The report as an accessible page, or as a tagged PDF download with ``?format=pdf``."""
    place = place_or_404(number, PlaceKind(place_kind))
    language = _language(request)
    # The organisation's editors preview the unpublished narrative texts too; everyone else reads the published.
    editor = place.organisation is not None and can_edit(request.user, place.organisation)
    try:
        kind = kind_for(report_type)
        if request.GET.get("format") == "pdf":
            response = HttpResponse(_pdf(kind, place, language, editor=editor), content_type="application/pdf")
            response["Content-Disposition"] = f'attachment; filename="{report_type}-{place.number}-{language}.pdf"'
            return response
        # The whole page in the report's language: its headings come from the templates.
        with translation.override(language):
            context = context_for(kind, place, language, drafts=editor)
            narratives = getattr(context["report"], "narratives", {})
            context.update(report_languages=_languages(), can_edit=editor,
                           unpublished=[narrative for narrative in narratives.values() if narrative.unpublished],
                           has_assessment=place.organisation is not None and AssessmentVersion.objects.filter(
                               organisation=place.organisation).exists())
            return render(request, "reports/report_page.html", context)
    except ReportError as error:
        raise Http404(str(error)) from error


def _pdf(kind: ReportKind, place: Place, language: str, *, editor: bool) -> bytes:
    """The report's PDF. Rendering costs seconds of CPU, so the published report (what every reader but the
    organisation's editors gets) is rendered once per place, type, language and data version; an editor's preview
    with unpublished texts is always rendered fresh."""
    if editor:
        return render_pdf(kind, place, language, drafts=True)
    return cached_bytes("report-pdf", (kind.key, place.number, language), lambda: render_pdf(kind, place, language))


def saksframlegg(request: HttpRequest, place_kind: str, number: str, output_format: str) -> HttpResponse:
    """The draft council case of the place's materiality assessment as ``docx`` or ``pdf``: the newest published
    version (or ``?versjon=N``) for everyone, the working draft (``?versjon=utkast``) for the organisation's members
    only; 404 otherwise."""
    place = place_or_404(number, PlaceKind(place_kind))
    language = _language(request)
    asked = request.GET.get("versjon", "")
    draft = asked == "utkast"
    if draft and (place.organisation is None or not can_read_unpublished(request.user, place.organisation)):
        raise Http404(_("Only the organisation's members can read the draft of its assessment."))
    if asked and not draft and not asked.isdigit():
        raise Http404(_("Unknown version: give its number, or utkast for the draft."))
    try:
        case = case_text.build_saksframlegg(place, language, number=int(asked) if asked.isdigit() else None,
                                            draft=draft, links=lambda account: _attachments(request, place, account))
    except ReportError as error:
        raise Http404(str(error)) from error
    write, content_type = case_text.FORMATS[output_format]
    if draft:  # a member's draft is always made fresh and never stored
        response = HttpResponse(write(case), content_type=content_type)
        response["Cache-Control"] = "private, no-store"
    else:  # a published version is the same for everyone: made once per data version (its links name the host)
        content = cached_bytes("saksframlegg", (case.filename, output_format, request.get_host()),
                               lambda: write(case))
        response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{case.filename}.{output_format}"'
    return response


def _attachments(request: HttpRequest, place: Place, account: AssessmentAccount) -> list[tuple[str, str]]:
    """The saksframlegg's attachments: the assessment's page (the version, or the draft) and its matrix."""
    page = assessment_url(place) if account.draft else assessment_url(place, "version", account.number)
    return [(_("The materiality assessment in Lokalagenda"), request.build_absolute_uri(page)),
            (_("The matrix of situation against influence"), request.build_absolute_uri(assessment_url(place,
                                                                                                      "matrix")))]


def _editable(request: HttpRequest, place_kind: str, number: str) -> tuple[Place, Organisation]:
    place = place_or_404(number, PlaceKind(place_kind))
    if place.organisation is None:
        raise Http404
    require_editor(request.user, place.organisation)
    return place, place.organisation


def narratives(request: HttpRequest, place_kind: str, number: str) -> HttpResponse:
    """Every narrative section of the place's review with its latest version (or the generated draft)."""
    place, _organisation = _editable(request, place_kind, number)
    language = _language(request)
    with translation.override(language):
        sections = narratives_of(place, language, drafts=True)
    return render(request, "reports/narrative_list.html", {
        "place": place, "language": language, "report_languages": _languages(), "narratives": sections})


def narrative(request: HttpRequest, place_kind: str, number: str, section: str) -> HttpResponse:
    """Edit one section: each save is a new version; earlier versions are listed."""
    if section not in SECTIONS:
        raise Http404
    place, organisation = _editable(request, place_kind, number)
    language = _language(request)
    if request.method != "POST":
        form = NarrativeForm(initial={"text": _current_text(place, section, language)})
    elif request.POST.get("action") == "publish-version":
        number = request.POST.get("version", "")
        version = get_object_or_404(NarrativeVersion, organisation=organisation, section=section, language=language,
                                    number=int(number) if number.isdigit() else 0)
        publish_version(request.user, version)
        return redirect(f"{request.path}?language={language}")
    elif (form := NarrativeForm(request.POST)).is_valid():
        try:
            save_narrative(request.user, organisation, section, language, form.cleaned_data["text"],
                           publish=request.POST.get("action") == "publish")
        except ValidationError as error:
            form.add_error("text", error)
        else:
            return redirect(f"{request.path}?language={language}")
    # The instruction is the editor's help text (Django links it to the field with aria-describedby).
    form.fields["text"].help_text = SECTIONS[section].instruction
    return render(request, "reports/narrative_edit.html", {
        "place": place, "section": SECTIONS[section], "language": language, "form": form,
        "language_name": NarrativeVersion.Language(language).label,
        "versions": versions_of(organisation, section, language)})


def _current_text(place: Place, section: str, language: str) -> str:
    """The text the editor continues from: the latest saved version (published or not), else the factual draft
    (empty when the data give none; the instruction is shown beside the field, never in it)."""
    with translation.override(language):
        return next(narrative.text for narrative in narratives_of(place, language, drafts=True)
                    if narrative.key == section)
