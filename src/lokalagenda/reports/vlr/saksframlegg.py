"""The saksframlegg: a draft council case that proposes to adopt a materiality assessment and its priority targets,
as a Word document (python-docx) and a tagged PDF (WeasyPrint), in nb, nn or en.

It follows the parts of a Norwegian saksframlegg: a header (the organisation, "Saksframlegg", the body that decides
and the case number and meeting date left blank for the case system), the proposed decision ("Forslag til
vedtak"), the background ("Bakgrunn": the 2030 Agenda and the method), the assessment ("Vurdering": the material
targets with situation, influence and rationale, and the priorities the matrix suggests) and the attachments
("Vedlegg"). The document is built once as plain :class:`Part` blocks; each format only lays them out.

The published versions are public, like the assessment pages; the working draft only for the organisation's
members (the view checks ``can_read_unpublished``).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lokalagenda.decisions.models import Body
from lokalagenda.places.place import Place
from lokalagenda.plans.models import Priorities
from lokalagenda.reports.vlr.assessment import AssessedTarget, AssessmentAccount, draft_account, published_account
from lokalagenda.reports.vlr.scope import ReportError, check_language

#: The language tags the Word document declares, per report language.
DOCX_LANGUAGES = {"nb": "nb-NO", "nn": "nn-NO", "en": "en-GB"}
#: Left blank in the header for the case system to fill in.
BLANK = "\u00a0" * 12


@dataclass(frozen=True)
class Items:
    """A list of lines, numbered (the proposed decision, the attachments) or not."""

    lines: list[str]
    numbered: bool = False


@dataclass(frozen=True)
class Grid:
    """A table with a caption, a header row and rows of text."""

    caption: str
    header: list[str]
    rows: list[list[str]]


Block = str | Items | Grid


@dataclass(frozen=True)
class Part:
    heading: str
    blocks: list[Block] = field(default_factory=list)


@dataclass(frozen=True)
class Saksframlegg:
    place: Place
    language: str
    organisation: str
    title: str
    #: The header's fields: the body that decides, then the case number and meeting date left blank.
    fields: list[tuple[str, str]]
    #: The published version's number; None for the working draft.
    version: int | None
    parts: list[Part]

    @property
    def draft(self) -> bool:
        return self.version is None

    @property
    def document_title(self) -> str:
        return f"{_('Saksframlegg')} – {self.title}"

    @property
    def filename(self) -> str:
        """The download's name without extension, e.g. ``saksframlegg-4601-v2-nb``."""
        version = "utkast" if self.version is None else f"v{self.version}"
        return f"saksframlegg-{self.place.number}-{version}-{self.language}"


def deciding_body(place: Place) -> str:
    """The body that adopts the assessment: kommunestyret for a kommune, fylkestinget for a fylkeskommune."""
    return str(Body.KOMMUNESTYRET.label if place.is_kommune else Body.FYLKESTINGET.label)


def _target_line(code: str, title: str) -> str:
    return f"{code} {title}"


def priority_targets(account: AssessmentAccount, language: str) -> tuple[list[str], bool]:
    """The priority targets the decision proposes: those the organisation has confirmed (published priorities; a
    draft case also reads unpublished ones), else the matrix's suggestions. The flag says which."""
    priorities = Priorities.objects.filter(organisation=account.organisation).first()
    if priorities is not None and (priorities.published or account.draft):
        confirmed = [_target_line(target.code, target.title_in(language))
                     for target in priorities.targets.order_by("position")]
        if confirmed:
            return confirmed, True
    return [_target_line(target.code, target.title) for target in account.suggested], False


def _proposal(account: AssessmentAccount, body: str, priorities: list[str]) -> Part:
    name = account.organisation.name
    if account.draft:
        adopt = _("{body} adopts the materiality assessment of the Sustainable Development Goals for "
                  "{organisation} as laid out in this case.").format(body=body.capitalize(), organisation=name)
    else:
        adopt = _("{body} adopts the materiality assessment of the Sustainable Development Goals for "
                  "{organisation}, version {number} of {date}.").format(
            body=body.capitalize(), organisation=name, number=account.number, date=account.published_on)
    if not priorities:
        return Part(_("Proposed decision"), [Items([adopt], numbered=True)])
    choose = _("{body} adopts these targets as the priority targets of {organisation}:").format(
        body=body.capitalize(), organisation=name)
    return Part(_("Proposed decision"), [Items([adopt, choose], numbered=True), Items(priorities)])


def _background(account: AssessmentAccount) -> Part:
    # "Nasjonale forventninger til regional og kommunal planlegging 2023–2027", adopted by kongelig resolusjon on
    # 20 June 2023 (https://www.regjeringen.no/no/dokumenter/nasjonale-forventninger-til-regional-og-kommunal-
    # planlegging-20232027/id2985764/); the Government's summary: planning shall build on the SDGs ("bygge på
    # berekraftsmåla", Statsforvalteren i Møre og Romsdal, 21 June 2023), and kommuner and fylkeskommuner follow
    # the expectations up in their planning strategies and plans (plan- og bygningsloven §§ 3-5 and 6-1).
    agenda = _("In 2015 the member states of the United Nations adopted the 2030 Agenda for Sustainable "
               "Development, with 17 goals and 169 targets. The Government expects the planning of kommuner and "
               "fylkeskommuner to build on the goals (Nasjonale forventninger til regional og kommunal planlegging "
               "2023–2027).")
    method = _("A materiality assessment asks two questions of each target: is it a real problem or opportunity "
               "here, and can {organisation} change it? The situation was judged on a scale from a major challenge "
               "to going well, beside the place's own indicators for the target; the influence as direct (own "
               "services and powers), indirect (through partners, planning and purchasing) or little. A target is "
               "material when it matters enough here to be considered a priority.").format(
        organisation=account.organisation.name)
    involved = ", ".join(account.involved) if account.involved else _("not stated")
    done = ngettext("{count} target was assessed. Involved: {involved}.",
                    "{count} targets were assessed. Involved: {involved}.",
                    len(account.targets)).format(count=len(account.targets), involved=involved)
    if account.draft:
        status = _("This case is based on the working draft of the assessment, which is not published yet.")
    else:
        status = _("The assessment was published in Lokalagenda on {date} as version {number}.").format(
            date=account.published_on, number=account.number)
    blocks: list[Block] = [agenda, method, f"{done} {status}"]
    if account.adoption is not None:
        blocks.append(_adopted(account))
    return Part(_("Background"), blocks)


def _adopted(account: AssessmentAccount) -> str:
    """The latest decision that adopted the assessment: this version, or an earlier one."""
    assert account.adoption is not None
    decision = account.adoption.decision
    words = {"body": account.adoption.body, "date": date_format(decision.decided_on, "SHORT_DATE_FORMAT"),
             "case": decision.case_number}
    if account.adopts_this_version:
        return _("This version was adopted by {body} on {date}, case {case}.").format(**words)
    return _("An earlier version was adopted by {body} on {date}, case {case}.").format(**words)


def _material_grid(targets: list[AssessedTarget]) -> Grid:
    return Grid(_("The material targets"), [_("Target"), _("Situation"), _("Influence"), _("Rationale")],
                [[_target_line(row.code, row.title), row.situation, row.influence, row.rationale or "–"]
                 for row in targets])


def _assessment(account: AssessmentAccount, confirmed: bool) -> Part:
    material = account.material
    blocks: list[Block] = [ngettext(
        "Of the {count} target assessed, {material} was found material.",
        "Of the {count} targets assessed, {material} were found material.",
        len(account.targets)).format(count=len(account.targets), material=len(material))]
    if material:
        blocks.append(_material_grid(material))
    if account.suggested:
        blocks += [_("The matrix of situation against influence suggests these priority targets, the largest "
                     "challenge with the most direct influence first:"),
                   Items([_target_line(row.code, row.title) for row in account.suggested])]
    else:
        blocks.append(_("The matrix suggests no priority target: no material target is a challenge that "
                        "{organisation} can influence directly or indirectly.").format(
            organisation=account.organisation.name))
    blocks.append(_("The priority targets in the proposed decision are those {organisation} has confirmed.")
                  .format(organisation=account.organisation.name) if confirmed else
                  _("The priority targets in the proposed decision are those the matrix suggests."))
    return Part(_("Assessment"), blocks)


def _attachments(account: AssessmentAccount, links: list[tuple[str, str]]) -> Part:
    return Part(_("Attachments"), [Items([f"{label}: {url}" for label, url in links], numbered=True)]
                if links else [_("None.")])


def build_saksframlegg(place: Place, language: str, *, number: int | None = None, draft: bool = False,
                       links: Callable[[AssessmentAccount], list[tuple[str, str]]] | None = None) -> Saksframlegg:
    """The saksframlegg of published version ``number`` (the newest when None) or, with ``draft``, of the working
    draft, in ``language``. ``links`` gives the attachments' (label, address) pairs for an account.

    Raises ReportError when the place has no organisation, no such version, or an empty draft."""
    check_language(language)
    if place.organisation is None:
        raise ReportError(_("{place} has no organisation that assesses the targets.").format(place=place.name))
    with translation.override(language):
        account = (draft_account(place.organisation, language) if draft
                   else published_account(place.organisation, language, number))
        if account is None:
            raise ReportError(_("There is no assessment to make a case of: the draft is empty.") if draft else
                              _("{place} has no published materiality assessment of that version.").format(
                                  place=place.name))
        body = deciding_body(place)
        priorities, confirmed = priority_targets(account, language)
        title = _("Materiality assessment of the Sustainable Development Goals")
        fields = [(_("Deciding body"), body.capitalize()), (_("Meeting date"), BLANK), (_("Case number"), BLANK)]
        parts = [_proposal(account, body, priorities), _background(account), _assessment(account, confirmed),
                 _attachments(account, links(account) if links else [])]
        return Saksframlegg(place, language, place.organisation.name, title, fields, account.number, parts)


# Word ------------------------------------------------------------------------------------------------------------

def _declare_language(document: object, tag: str) -> None:
    """Set the language of the document's default style (``w:lang``), which Word and screen readers use."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = document.styles["Normal"].element.get_or_add_rPr()  # type: ignore[attr-defined]
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), tag)
    properties.append(language)


def _docx_grid(document: object, grid: Grid) -> None:
    document.add_paragraph(grid.caption, style="Caption")  # type: ignore[attr-defined]
    table = document.add_table(rows=1, cols=len(grid.header))  # type: ignore[attr-defined]
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, grid.header, strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    for row in grid.rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text


def _docx_block(document: object, block: Block) -> None:
    if isinstance(block, Items):
        for line in block.lines:
            document.add_paragraph(line, style="List Number" if block.numbered else "List Bullet")  # type: ignore
    elif isinstance(block, Grid):
        _docx_grid(document, block)
    else:
        document.add_paragraph(block)  # type: ignore[attr-defined]


def render_docx(case: Saksframlegg) -> bytes:
    """The saksframlegg as a Word document: title and language set, headings as Word headings."""
    from docx import Document

    document = Document()
    document.core_properties.title = case.document_title
    document.core_properties.author = case.organisation
    document.core_properties.language = DOCX_LANGUAGES[case.language]
    _declare_language(document, DOCX_LANGUAGES[case.language])
    with translation.override(case.language):
        document.add_paragraph(case.organisation, style="Subtitle")
        document.add_heading(_("Saksframlegg"), level=0)
        if case.draft:
            document.add_paragraph(_("Draft: based on the unpublished working draft of the assessment."))
        header = document.add_table(rows=0, cols=2)
        header.style = "Table Grid"
        for label, value in case.fields:
            cells = header.add_row().cells
            cells[0].paragraphs[0].add_run(label).bold = True
            cells[1].text = value
        document.add_heading(case.title, level=1)
        for part in case.parts:
            document.add_heading(part.heading, level=2)
            for block in part.blocks:
                _docx_block(document, block)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# PDF -------------------------------------------------------------------------------------------------------------

def render_pdf(case: Saksframlegg) -> bytes:
    """The saksframlegg as a tagged PDF (PDF/UA-1), with document language and title set."""
    from weasyprint import HTML

    with translation.override(case.language):
        html = render_to_string("reports/saksframlegg_pdf.html", {"case": case, "language": case.language})
    return HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")  # type: ignore[no-any-return]


#: The saksframlegg's formats: name → (renderer, content type).
FORMATS: dict[str, tuple[Callable[[Saksframlegg], bytes], str]] = {
    "docx": (render_docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "pdf": (render_pdf, "application/pdf"),
}

