"""An editor describes a practice with targets, partners and an attachment and sends it; the organisation's
admin publishes it. Drafts stay hidden from the public and other kommuner; every change is audited."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from lokalagenda.accounts.models import AuditEntry
from lokalagenda.partnerships.models import Partner
from lokalagenda.practices.attachments import MAX_BYTES
from lokalagenda.practices.models import Practice
from tests.documents import minimal_pdf

pytestmark = pytest.mark.django_db

PDF = minimal_pdf("Rapport")
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def _form(**extra: Any) -> dict[str, Any]:
    return {"organisation": "", "title": "Klimagassutslippene fra ferjene halvert",
            "summary": "Elektriske ferjer kuttet utsleppa.", "body": "Les **mer** <script>alert(1)</script>",
            "kommuner": ["0301"], "start_year": "2019", "end_year": "", "targets": ["13.2", "14.1"],
            "partners": [], "themes": "transport, klima", "contact_name": "Kari", "contact_email": "kari@oslo.no",
            "language": "nb", **extra}


@pytest.fixture
def partner(db: Any) -> Partner:
    return Partner.objects.create(name="Fjord1", kind=Partner.Kind.BUSINESS)


def test_editor_creates_submits_and_admin_publishes(client: Any, oslo_editor: Any, oslo_admin: Any,
                                                     partner: Partner) -> None:
    from lokalagenda.accounts.models import Organisation

    oslo = Organisation.objects.get(slug="kommune-0301")
    client.force_login(oslo_editor)
    response = client.post("/erfaringer/ny/", _form(organisation=oslo.pk, partners=[partner.pk]))
    practice = Practice.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/erfaringer/{practice.pk}/"
    assert practice.status == "draft"
    assert set(practice.targets.values_list("code", flat=True)) == {"13.2", "14.1"}
    assert list(practice.partners.all()) == [partner]
    upload = SimpleUploadedFile("rapport.pdf", PDF, content_type="application/pdf")
    client.post(f"/erfaringer/{practice.pk}/vedlegg/", {"file": upload, "title": "Rapport"})
    assert practice.attachments.get().kind == "pdf"
    client.post(f"/erfaringer/{practice.pk}/send/")
    client.post(f"/erfaringer/{practice.pk}/publiser/")
    practice.refresh_from_db()
    assert practice.status == "submitted"  # an editor cannot publish
    client.force_login(oslo_admin)
    client.post(f"/erfaringer/{practice.pk}/publiser/")
    practice.refresh_from_db()
    assert practice.status == "published" and practice.approved_by == oslo_admin
    client.logout()
    page = client.get("/erfaringer/?q=klimagasser").content.decode()
    assert f'data-practice="{practice.pk}"' in page and "<mark>Klimagassutslippene</mark>" in page
    detail = client.get(f"/erfaringer/{practice.pk}/").content.decode()
    assert "<strong>mer</strong>" in detail and "<script>alert" not in detail
    attachment = client.get(f"/erfaringer/vedlegg/{practice.attachments.get().pk}/")
    assert attachment.status_code == 200 and attachment["Content-Type"] == "application/pdf"
    actions = list(AuditEntry.objects.filter(model__startswith="practices.").values_list("action", flat=True))
    assert actions.count("create") == 2 and actions.count("update") == 2


def test_a_draft_is_invisible_to_the_public_and_other_kommuner(client: Any, make_practice: Any, oslo_editor: Any,
                                                              oslo_viewer: Any, bergen_editor: Any) -> None:
    draft = make_practice(oslo_editor, title="Hemmelig utkast om klimagass")
    for user, status in ((None, 404), (bergen_editor, 404), (oslo_viewer, 200), (oslo_editor, 200)):
        client.logout()
        if user is not None:
            client.force_login(user)
        assert client.get(f"/erfaringer/{draft.pk}/").status_code == status
        listed = f'data-practice="{draft.pk}"' in client.get("/erfaringer/?q=klimagass").content.decode()
        assert listed == (status == 200)
        api = client.get("/api/practices", {"q": "klimagass"}).json()
        assert (draft.pk in [row["id"] for row in api["results"]]) == (status == 200)


def test_other_kommuner_and_viewers_cannot_change_a_practice(client: Any, make_practice: Any, oslo_editor: Any,
                                                             oslo_viewer: Any, bergen_editor: Any) -> None:
    practice = make_practice(oslo_editor, title="Delt tiltak", published=True)
    for user in (bergen_editor, oslo_viewer):
        client.force_login(user)
        assert client.get(f"/erfaringer/{practice.pk}/rediger/").status_code == 403
        assert client.post(f"/erfaringer/{practice.pk}/rediger/", _form()).status_code == 403
        assert client.post(f"/erfaringer/{practice.pk}/trekk/").status_code == 403
    practice.refresh_from_db()
    assert practice.title == "Delt tiltak" and practice.status == "published"


@pytest.mark.parametrize(("name", "content", "message"), [
    ("virus.pdf", b"MZ\x90\x00 not a pdf at all", "not a PDF, PNG, JPEG or WebP"),
    ("tom.png", b"", "empty"),
    ("stor.png", PNG + b"\x00" * MAX_BYTES, "at most 10 MB"),
])
def test_an_attachment_is_checked_by_content_and_size(client: Any, make_practice: Any, oslo_editor: Any,
                                                      name: str, content: bytes, message: str) -> None:
    practice = make_practice(oslo_editor)
    client.force_login(oslo_editor)
    client.cookies["lokalagenda_language"] = "en"
    response = client.post(f"/erfaringer/{practice.pk}/vedlegg/", {"file": SimpleUploadedFile(name, content)},
                           follow=True)
    assert message in response.content.decode()
    assert not practice.attachments.exists()


def test_webp_and_jpeg_images_are_accepted(client: Any, make_practice: Any, oslo_editor: Any) -> None:
    practice = make_practice(oslo_editor)
    client.force_login(oslo_editor)
    for name, content in (("a.webp", b"RIFF\x10\x00\x00\x00WEBPVP8 " + b"\x00" * 16),
                          ("b.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 16)):
        client.post(f"/erfaringer/{practice.pk}/vedlegg/", {"file": SimpleUploadedFile(name, content)})
    assert sorted(practice.attachments.values_list("kind", flat=True)) == ["jpeg", "webp"]


def test_the_api_exports_published_practices_as_csv(client: Any, make_practice: Any, oslo_editor: Any,
                                                     partner: Partner) -> None:
    import csv
    import io

    published = make_practice(oslo_editor, title="Matsvinn i kantina", targets=("12.3",), partners=(partner,),
                              published=True)
    make_practice(oslo_editor, title="Matsvinn, utkast")
    response = client.get("/api/practices.csv", {"q": "matsvinnet"})
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [int(row["id"]) for row in rows] == [published.pk]
    assert rows[0]["goals"] == "12" and rows[0]["partner_kinds"] == "business" and rows[0]["fylker"] == "03"
    detail = client.get(f"/api/practices/{published.pk}").json()
    assert detail["targets"] == ["12.3"] and detail["partners"] == [{"name": "Fjord1", "kind": "business"}]
    facets = client.get("/api/practices", {"q": "matsvinn"}).json()["facets"]
    assert facets["partner_kind"] == [["business", 1]]


def test_an_editor_records_a_measurable_result_and_removes_it(client: Any, make_practice: Any, oslo_editor: Any,
                                                             bergen_editor: Any) -> None:
    from lokalagenda.indicators.models import Indicator

    practice = make_practice(oslo_editor)  # a draft: on a published practice results are the admin's alone
    indicator = Indicator.objects.order_by("id").first()
    form = {"result-description": "Færre utslipp", "result-indicator": indicator.pk, "result-before": "12.5",
            "result-after": "8", "result-year": "2024"}
    client.force_login(bergen_editor)
    assert client.post(f"/erfaringer/{practice.pk}/resultat/", form).status_code == 404  # another kommune's draft
    client.force_login(oslo_editor)
    client.post(f"/erfaringer/{practice.pk}/resultat/", form)
    result = practice.results.get()
    assert (result.indicator, result.before, result.after, result.year) == (indicator, 12.5, 8.0, 2024)
    client.cookies["lokalagenda_language"] = "en"
    response = client.post(f"/erfaringer/{practice.pk}/resultat/", {**form, "result-indicator": "NO_SUCH"},
                           follow=True)
    assert "no indicator with that id" in response.content.decode()
    client.post(f"/erfaringer/resultat/{result.pk}/slett/")
    assert not practice.results.exists()
    assert AuditEntry.objects.filter(model="practices.PracticeResult").count() == 2
