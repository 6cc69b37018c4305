"""The materiality assessment in the reports: the VLR's methodology section describes the newest published version
and the decision that adopted it (or says it is not adopted), and lists the material targets; the saksframlegg
(draft council case) downloads as DOCX and PDF, public for published versions and members-only for the draft."""

import datetime
import io

import pytest
from docx import Document
from pypdf import PdfReader

from lokalagenda.accounts.models import Organisation
from lokalagenda.decisions.services import record_decision
from lokalagenda.framework.models import Target
from lokalagenda.materiality.services import publish, save_entry
from lokalagenda.places.place import place_for
from lokalagenda.reports.vlr.rendering import render
from lokalagenda.reports.vlr.saksframlegg import build_saksframlegg, render_docx
from lokalagenda.reports.vlr.scope import ReportError

pytestmark = pytest.mark.django_db

BERGEN = "kommune-4601"
URL = "/kommune/4601/rapport/saksframlegg/{format}/"


def bergen():
    return Organisation.objects.get(slug=BERGEN)


@pytest.fixture
def published(bergen_editor):
    """Bergen's version 1: 11.6 a major challenge it changes directly (material), 3.4 material but going well,
    9.1 not material; the administration and residents took part."""
    for code, situation, influence, material, rationale in (
            ("11.6", "major_challenge", "direct", True, "Svevestøv i sentrum om vinteren."),
            ("3.4", "going_well", "indirect", True, "Folkehelse er et satsingsområde."),
            ("9.1", "mixed", "little", False, "")):
        save_entry(bergen(), bergen_editor, Target.objects.get(code=code), situation=situation, influence=influence,
                   material=material, rationale=rationale, involved=["residents", "administration"])
    return publish(bergen(), bergen_editor)


def adopt(user, day=datetime.date(2024, 6, 20), case="45/24"):
    """Kommunestyret adopts the newest published version (through the decisions service, with its fingerprint)."""
    return record_decision(bergen(), user, subject="assessment", body="kommunestyret", decided_on=day,
                           case_number=case, text="Vedtatt.")


def text_of(html):
    return " ".join(html.split())


def test_the_vlr_methodology_section_describes_the_assessment_not_yet_adopted(measured, published, client):
    client.cookies["lokalagenda_language"] = "en"
    html = text_of(client.get("/kommune/4601/rapport/vlr/?language=en").content.decode())
    section = html[html.index('id="assessment"'):html.index('id="policy-heading"')]
    assert "version 1, published" in section and "of 3 targets" in section
    assert "the administration, residents" in section
    assert "Not yet adopted by a political body." in section
    assert 'data-target="11.6"' in section and 'data-target="3.4"' in section
    assert 'data-target="9.1"' not in section and "Svevestøv i sentrum om vinteren." in section


def test_the_vlr_names_the_decision_and_marks_a_later_version(measured, published, bergen_editor, client):
    adopt(bergen_editor)
    html = text_of(client.get("/kommune/4601/rapport/vlr/?language=en").content.decode())
    section = html[html.index('id="assessment"'):html.index('id="policy-heading"')]
    assert "Adopted by kommunestyret on 20 Jun 2024, case 45/24" in section
    assert "Changed since the decision" not in section and "Not yet adopted" not in section
    save_entry(bergen(), bergen_editor, Target.objects.get(code="9.1"), situation="challenge", influence="direct",
               material=True)
    publish(bergen(), bergen_editor)
    html = text_of(client.get("/kommune/4601/rapport/vlr/?language=en").content.decode())
    section = html[html.index('id="assessment"'):html.index('id="policy-heading"')]
    assert "version 2" in section and "Changed since the decision" in section
    assert "The decision adopted version 1." in section and 'data-target="9.1"' in section


def test_the_vlr_says_so_without_a_published_assessment(measured, bergen_editor, client):
    save_entry(bergen(), bergen_editor, Target.objects.get(code="11.6"), situation="challenge", influence="direct",
               material=True)  # a draft only: readers never see it
    html = text_of(client.get("/kommune/4601/rapport/vlr/?language=en").content.decode())
    assert "The kommune has not published a materiality assessment of the targets yet." in html
    assert 'id="material-targets"' not in html and "saksframlegg" not in html


def test_the_vlr_pdf_has_the_methodology_section(measured, published, bergen_editor):
    adopt(bergen_editor)
    reader = PdfReader(io.BytesIO(render("vlr", "pdf", place_for("4601"), "en")))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "Materiality assessment" in text and "Adopted by kommunestyret on 20 Jun 2024, case 45/24" in text
    assert "Changed since the decision" not in text and "Svevestøv i sentrum om vinteren." in text


def test_the_docx_opens_and_holds_the_parts_and_the_material_targets(published):
    document = Document(io.BytesIO(render_docx(build_saksframlegg(place_for("4601"), "en"))))
    paragraphs = [paragraph.text for paragraph in document.paragraphs]
    headings = [paragraph.text for paragraph in document.paragraphs if paragraph.style.name.startswith("Heading")
                or paragraph.style.name == "Title"]
    assert headings == ["Saksframlegg", "Materiality assessment of the Sustainable Development Goals",
                        "Proposed decision", "Background", "Assessment", "Attachments"]
    assert document.core_properties.language == "en-GB" and document.core_properties.title.startswith("Saksframlegg")
    header = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}
    assert header["Deciding body"] == "Kommunestyret" and not header["Case number"].strip()
    assert any(text.startswith("Kommunestyret adopts the materiality assessment of the Sustainable Development "
                               "Goals for Bergen kommune, version 1 of") for text in paragraphs)
    # the matrix suggests 11.6 only (3.4 is going well); Bergen has confirmed no priorities, so they are proposed
    proposal = paragraphs[paragraphs.index("Proposed decision") + 1:paragraphs.index("Background")]
    assert proposal[1] == "Kommunestyret adopts these targets as the priority targets of Bergen kommune:"
    assert [line.split()[0] for line in proposal[2:]] == ["11.6"]
    material = [[cell.text for cell in row.cells] for row in document.tables[1].rows]
    assert material[0] == ["Target", "Situation", "Influence", "Rationale"]
    assert [row[0].split()[0] for row in material[1:]] == ["3.4", "11.6"]
    assert material[2][1:] == ["major challenge", "direct: own services and powers",
                               "Svevestøv i sentrum om vinteren."]


def test_the_docx_is_in_the_asked_language(published):
    document = Document(io.BytesIO(render_docx(build_saksframlegg(place_for("4601"), "nb"))))
    assert document.core_properties.language == "nb-NO"
    assert document.paragraphs[0].text == "Bergen kommune"


def test_downloads_are_public_for_published_versions(published, client):
    client.cookies["lokalagenda_language"] = "en"
    response = client.get(URL.format(format="docx"))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="saksframlegg-4601-v1-en.docx"'
    assert Document(io.BytesIO(response.content)).paragraphs[0].text == "Bergen kommune"
    pdf = client.get(URL.format(format="pdf") + "?language=en&versjon=1")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(pdf.content))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    for part in ("Saksframlegg", "Proposed decision", "Background", "2030 Agenda", "Assessment", "Attachments",
                 "11.6", "Svevestøv i sentrum om vinteren."):
        assert part in text, part
    assert "http://testserver/kommune/4601/vesentlighet/versjon/1/" in text.replace(" ", "")
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    assert client.get(URL.format(format="docx") + "?versjon=2").status_code == 404
    assert client.get(URL.format(format="docx") + "?versjon=nope").status_code == 404


def test_the_draft_is_for_members_only(published, bergen_editor, oslo_editor, client):
    save_entry(bergen(), bergen_editor, Target.objects.get(code="1.1"), situation="challenge", influence="direct",
               material=True, rationale="Barnefattigdom.")
    draft = URL.format(format="docx") + "?versjon=utkast&language=en"
    assert client.get(draft).status_code == 404
    client.force_login(oslo_editor)
    assert client.get(draft).status_code == 404
    client.force_login(bergen_editor)
    response = client.get(draft)
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    document = Document(io.BytesIO(response.content))
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert "Draft: based on the unpublished working draft of the assessment." in texts
    assert "Barnefattigdom." in [row.cells[3].text for row in document.tables[1].rows]
    client.logout()  # the published version does not hold the draft's target
    published_text = Document(io.BytesIO(client.get(URL.format(format="docx") + "?language=en").content))
    assert "Barnefattigdom." not in [row.cells[3].text for row in published_text.tables[1].rows]


def test_no_published_assessment_is_a_clear_error(db, client):
    with pytest.raises(ReportError, match="has no published materiality assessment"):
        build_saksframlegg(place_for("4601"), "en")
    assert client.get(URL.format(format="pdf")).status_code == 404
    assert client.get("/fylke/03/rapport/saksframlegg/docx/").status_code == 404


def test_the_report_page_links_the_saksframlegg(measured, published, client):
    html = client.get("/kommune/4601/rapport/brief/?language=nn").content.decode()
    assert 'href="/kommune/4601/rapport/saksframlegg/docx/?language=nn"' in html
    assert 'href="/kommune/4601/rapport/saksframlegg/pdf/?language=nn"' in html


def test_a_stored_download_follows_a_new_decision(published, bergen_editor, client):
    def background():
        document = Document(io.BytesIO(client.get(URL.format(format="docx") + "?language=en").content))
        return [paragraph.text for paragraph in document.paragraphs]

    assert not any("was adopted by" in text for text in background())
    adopt(bergen_editor)
    assert "This version was adopted by kommunestyret on 20 Jun 2024, case 45/24." in background()


def test_a_fylkeskommune_case_goes_to_fylkestinget(db):
    from tests.fixtures import make_member

    editor = make_member("vestland-editor", "fylkeskommune-46", "editor")
    vestland = Organisation.objects.get(slug="fylkeskommune-46")
    save_entry(vestland, editor, Target.objects.get(code="9.1"), situation="challenge", influence="direct",
               material=True)
    publish(vestland, editor)
    case = build_saksframlegg(place_for("46"), "en")
    assert case.fields[0][1] == "Fylkestinget" and case.filename == "saksframlegg-46-v1-en"
    assert case.parts[0].blocks[0].lines[0].startswith("Fylkestinget adopts the materiality assessment")
