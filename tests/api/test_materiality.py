"""The materiality assessment through the API: writes with a ``materiality:write`` token or a session with its CSRF
token, the draft shown only to the organisation's members, national counts from published versions only, the fylke
equivalents, and the political decisions."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.management import call_command
from django.test import Client

from lokalagenda.accounts.models import Organisation
from lokalagenda.accounts.tokens import issue_token
from lokalagenda.decisions.models import Decision
from lokalagenda.decisions.subjects import current_fingerprint
from lokalagenda.materiality.models import AssessmentVersion, DraftEntry
from lokalagenda.plans.services import save_plan

pytestmark = pytest.mark.django_db

OSLO = "/api/kommuner/0301/materiality"
VESTLAND = "/api/fylker/46/materiality"
SUMMARY = "/api/materiality/summary"
ENTRY = {"situation": "major_challenge", "influence": "direct", "rationale": "Svevestøv over grenseverdien.",
         "material": True}
#: The CSRF secret of a session's requests: Django takes the unmasked 32-character secret in the header as well.
CSRF_SECRET = "materialitymaterialitymaterialit"


def _token(user, organisation, *scopes):
    return issue_token(user, organisation, "vesentlighet", list(scopes))[1]


def _bearer(secret):
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"} if secret else {}


def _put(client, url, body, secret=None, **headers):
    return client.put(url, json.dumps(body), content_type="application/json", **_bearer(secret), **headers)


def _publish(client, url, secret=None, **headers):
    return client.post(f"{url}/publish", **_bearer(secret), **headers)


def _row(summary, code):
    return next(row for row in summary["targets"] if row["target"] == code)


def test_a_token_write_is_counted_once_published_and_a_draft_never(client, oslo, oslo_editor):
    secret = _token(oslo_editor, oslo, "materiality:write")
    before = client.get(SUMMARY).json()
    assert _put(client, f"{OSLO}/11.6", ENTRY, secret).status_code == 200
    assert client.get(SUMMARY).json() == before, "a draft was counted"

    published = _publish(client, OSLO, secret)
    assert published.status_code == 200 and published.json()["version"] == 1
    after = client.get(SUMMARY).json()
    assert after["published_assessments"] == before["published_assessments"] + 1
    assert _row(after, "11.6") == {"target": "11.6", "assessed": _row(before, "11.6")["assessed"] + 1,
                                   "material": _row(before, "11.6")["material"] + 1}

    # A changed draft is not counted; publishing it replaces the version counted, it does not add one.
    assert _put(client, f"{OSLO}/11.6", {**ENTRY, "material": False}, secret).status_code == 200
    assert client.get(SUMMARY).json() == after
    assert _publish(client, OSLO, secret).json()["version"] == 2
    again = client.get(SUMMARY).json()
    assert again["published_assessments"] == after["published_assessments"]
    assert _row(again, "11.6")["material"] == _row(before, "11.6")["material"]


def test_the_summary_has_every_target_in_the_documented_shape(client):
    summary = client.get(SUMMARY).json()
    assert set(summary) == {"published_assessments", "targets"}
    assert summary["targets"][0] == {"target": "1.1", "assessed": 0, "material": 0}
    assert len(summary["targets"]) == 169


def test_the_put_answers_the_entry_and_keeps_the_participants_in_order(client, oslo, oslo_editor):
    secret = _token(oslo_editor, oslo, "materiality:write")
    response = _put(client, f"{OSLO}/11.6", {**ENTRY, "involved": ["residents", "administration"]}, secret)
    assert response.json() == {**ENTRY, "target": "11.6", "involved": ["administration", "residents"]}
    assert DraftEntry.objects.get(organisation=oslo, target="11.6").updated_by == oslo_editor


def test_a_read_token_and_members_see_the_draft_anonymous_visitors_only_what_is_published(
        client, oslo, oslo_editor, oslo_viewer):
    secret = _token(oslo_editor, oslo, "materiality:write")
    _put(client, f"{OSLO}/11.6", ENTRY, secret)
    response = client.get(OSLO)
    assert response.status_code == 404 and "no published materiality assessment" in response.json()["detail"]

    reader = _token(oslo_editor, oslo, "read")
    draft = client.get(OSLO, **_bearer(reader)).json()
    assert draft["state"] == "draft" and draft["version"] is None and draft["unpublished_changes"] is True
    assert [entry["target"] for entry in draft["entries"]] == ["11.6"]

    _publish(client, OSLO, secret)
    _put(client, f"{OSLO}/13.2", {**ENTRY, "influence": "indirect"}, secret)
    public = client.get(OSLO).json()
    assert public["state"] == "published" and public["unpublished_changes"] is None and public["version"] == 1
    assert [entry["target"] for entry in public["entries"]] == ["11.6"]

    viewer = Client()
    viewer.force_login(oslo_viewer)
    member = viewer.get(OSLO).json()
    assert member["state"] == "draft" and member["unpublished_changes"] is True and member["version"] == 1
    assert [entry["target"] for entry in member["entries"]] == ["11.6", "13.2"]


def test_a_read_token_of_another_kommune_sees_only_what_is_published(client, oslo, oslo_editor, bergen_editor):
    _put(client, f"{OSLO}/11.6", ENTRY, _token(oslo_editor, oslo, "materiality:write"))
    bergen_reader = _token(bergen_editor, Organisation.objects.get(slug="kommune-4601"), "read")
    assert client.get(OSLO, **_bearer(bergen_reader)).status_code == 404


def test_a_draft_equal_to_the_published_version_shows_no_unpublished_changes(client, oslo, oslo_editor):
    secret = _token(oslo_editor, oslo, "materiality:write", "read")
    _put(client, f"{OSLO}/11.6", ENTRY, secret)
    _publish(client, OSLO, secret)
    draft = client.get(OSLO, **_bearer(secret)).json()
    assert draft["state"] == "draft" and draft["unpublished_changes"] is False
    assert _publish(client, OSLO, secret).json()["version"] == 1, "an unchanged draft made a new version"


def test_a_session_writes_with_its_csrf_token(oslo, oslo_editor):
    session = Client(enforce_csrf_checks=True)
    session.force_login(oslo_editor)
    session.cookies["csrftoken"] = CSRF_SECRET
    assert _put(session, f"{OSLO}/11.6", ENTRY).status_code == 403, "a session write without its CSRF token"
    assert not DraftEntry.objects.filter(organisation=oslo).exists()
    csrf = {"HTTP_X_CSRFTOKEN": CSRF_SECRET}
    assert _put(session, f"{OSLO}/11.6", ENTRY, **csrf).status_code == 200
    published = _publish(session, OSLO, **csrf)
    assert published.status_code == 200 and published.json()["entries"][0]["target"] == "11.6"
    assert AssessmentVersion.objects.latest_for(oslo).published_by == oslo_editor


def test_other_organisations_viewers_and_anonymous_visitors_cannot_write(client, oslo, oslo_viewer, bergen_editor,
                                                                        national_editor):
    bergen = Organisation.objects.get(slug="kommune-4601")
    assert _put(client, f"{OSLO}/11.6", ENTRY).status_code == 401
    refused = _put(client, f"{OSLO}/11.6", ENTRY, _token(bergen_editor, bergen, "materiality:write"))
    assert refused.status_code == 403 and "acts for" in refused.json()["detail"]
    for user in (bergen_editor, oslo_viewer, national_editor):
        session = Client()
        session.force_login(user)
        assert _put(session, f"{OSLO}/11.6", ENTRY).status_code == 403, user
        assert _publish(session, OSLO).status_code == 403, user
        assert session.delete(f"{OSLO}/11.6").status_code == 403, user
    assert not DraftEntry.objects.filter(organisation=oslo).exists()


def test_a_token_without_the_scope_may_not_write(client, oslo, oslo_editor):
    secret = _token(oslo_editor, oslo, "read", "observations:write")
    response = _put(client, f"{OSLO}/11.6", ENTRY, secret)
    assert response.status_code == 403 and "materiality:write" in response.json()["detail"]
    assert _publish(client, OSLO, secret).status_code == 403


def test_a_token_acts_only_for_its_own_organisation_even_when_the_user_edits_another(client, oslo, oslo_editor):
    """A user who edits Oslo and Bergen, with a token of Bergen: Oslo's assessment is refused."""
    from lokalagenda.accounts.models import Membership

    bergen = Organisation.objects.get(slug="kommune-4601")
    Membership.objects.create(user=oslo_editor, organisation=bergen, role="editor")
    secret = _token(oslo_editor, bergen, "materiality:write")
    assert _put(client, f"{OSLO}/11.6", ENTRY, secret).status_code == 403
    assert _put(client, "/api/kommuner/4601/materiality/11.6", ENTRY, secret).status_code == 200


def test_bad_input_is_a_422_that_names_it(client, oslo, oslo_editor):
    secret = _token(oslo_editor, oslo, "materiality:write")
    unknown = _put(client, f"{OSLO}/99.9", ENTRY, secret)
    assert unknown.status_code == 422
    assert unknown.json()["errors"] == [{"loc": ["path", "target"], "msg": "Unknown target: 99.9",
                                         "type": "unknown_code"}]
    wrong = _put(client, f"{OSLO}/11.6", {**ENTRY, "situation": "terrible", "involved": ["mayor"]}, secret)
    assert wrong.status_code == 422
    assert {tuple(error["loc"]) for error in wrong.json()["errors"]} == {("body", "payload", "situation"),
                                                                         ("body", "payload", "involved", 0)}
    missing = _put(client, f"{OSLO}/11.6", {"situation": "mixed"}, secret)
    assert missing.status_code == 422 and ["body", "payload", "influence"] in [
        error["loc"] for error in missing.json()["errors"]]
    assert not DraftEntry.objects.filter(organisation=oslo).exists()


def test_publishing_an_empty_draft_is_refused(client, oslo, oslo_editor):
    response = _publish(client, OSLO, _token(oslo_editor, oslo, "materiality:write"))
    assert response.status_code == 422 and response.json()["detail"]
    assert not AssessmentVersion.objects.filter(organisation=oslo).exists()


def test_delete_takes_a_target_out_of_the_draft_and_keeps_the_published_version(client, oslo, oslo_editor):
    secret = _token(oslo_editor, oslo, "materiality:write", "read")
    _put(client, f"{OSLO}/11.6", ENTRY, secret)
    _publish(client, OSLO, secret)
    assert client.delete(f"{OSLO}/11.6", **_bearer(secret)).status_code == 204
    assert client.delete(f"{OSLO}/11.6", **_bearer(secret)).status_code == 204, "a second delete"
    draft = client.get(OSLO, **_bearer(secret)).json()
    assert draft["entries"] == [] and draft["unpublished_changes"] is True
    assert [entry["target"] for entry in client.get(OSLO).json()["entries"]] == ["11.6"]
    assert client.delete(f"{OSLO}/99.9", **_bearer(secret)).status_code == 422


def test_the_fylke_endpoints_write_and_read_a_fylkeskommunes_assessment(client, vestland_editor):
    vestland = Organisation.objects.get(slug="fylkeskommune-46")
    secret = _token(vestland_editor, vestland, "materiality:write")
    before = client.get(SUMMARY, {"kind": "fylkeskommune"}).json()
    kommuner = client.get(SUMMARY).json()
    assert _put(client, f"{VESTLAND}/9.1", {**ENTRY, "influence": "indirect"}, secret).status_code == 200
    assert client.get(VESTLAND).status_code == 404
    assert _publish(client, VESTLAND, secret).json()["fylke"] == "46"
    public = client.get(VESTLAND).json()
    assert public["fylke"] == "46" and public["entries"][0]["influence"] == "indirect"
    after = client.get(SUMMARY, {"kind": "fylkeskommune"}).json()
    assert after["published_assessments"] == before["published_assessments"] + 1
    assert _row(after, "9.1")["material"] == _row(before, "9.1")["material"] + 1
    assert client.get(SUMMARY).json() == kommuner, "a fylkeskommune was counted among the kommuner"
    assert client.delete(f"{VESTLAND}/9.1", **_bearer(secret)).status_code == 204


def test_oslo_has_no_fylkeskommune(client, oslo, oslo_editor):
    secret = _token(oslo_editor, oslo, "materiality:write")
    assert client.get("/api/fylker/03/materiality").status_code == 404
    assert _put(client, "/api/fylker/03/materiality/11.6", ENTRY, secret).status_code == 404
    assert _publish(client, "/api/fylker/03/materiality", secret).status_code == 404
    assert client.get("/api/fylker/03/decisions").status_code == 404
    assert client.get("/api/kommuner/9999/decisions").status_code == 404


def test_decisions_are_listed_newest_first_and_marked_when_changed_since(client, oslo, oslo_editor):
    secret = _token(oslo_editor, oslo, "materiality:write")
    _put(client, f"{OSLO}/11.6", ENTRY, secret)
    _publish(client, OSLO, secret)
    version = AssessmentVersion.objects.latest_for(oslo)
    plan = save_plan(oslo, oslo_editor, kind="samfunnsdel", title="Utkast til samfunnsdel", start_year=2025,
                     end_year=2040, status="consultation", url="", published=False)
    Decision.objects.create(organisation=oslo, subject="assessment", assessment_version=version,
                            body="kommunestyret", decided_on=dt.date(2024, 6, 20), case_number="45/24",
                            text="Kommunestyret vedtar vesentlighetsanalysen.", record_url="https://example.org/45",
                            fingerprint=current_fingerprint("assessment", oslo))
    Decision.objects.create(organisation=oslo, subject="plan", plan=plan, body="utvalg", body_name="Byutvikling",
                            decided_on=dt.date(2023, 3, 1), case_number="12/23", text="Planen sendes på høring.",
                            fingerprint=current_fingerprint("plan", oslo, plan))

    decisions = client.get("/api/kommuner/0301/decisions").json()
    assert [d["case_number"] for d in decisions] == ["45/24", "12/23"]
    assert decisions[0] | {"id": 0} == {
        "id": 0, "subject": "assessment", "plan": None, "plan_title": None, "assessment_version": 1,
        "body": "kommunestyret", "body_name": "", "decided_on": "2024-06-20", "case_number": "45/24",
        "text": "Kommunestyret vedtar vesentlighetsanalysen.", "record_url": "https://example.org/45",
        "changed_since": False}
    assert decisions[1]["plan"] == plan.pk and decisions[1]["plan_title"] is None, "a draft plan's title leaked"
    member = Client()
    member.force_login(oslo_editor)
    assert member.get("/api/kommuner/0301/decisions").json()[1]["plan_title"] == "Utkast til samfunnsdel"

    _put(client, f"{OSLO}/11.6", {**ENTRY, "rationale": "Ny vurdering."}, secret)
    assert client.get("/api/kommuner/0301/decisions").json()[0]["changed_since"] is False, "a draft counted"
    _publish(client, OSLO, secret)
    assert client.get("/api/kommuner/0301/decisions").json()[0]["changed_since"] is True


def test_a_fylkeskommunes_decisions(client):
    vestland = Organisation.objects.get(slug="fylkeskommune-46")
    assert client.get("/api/fylker/46/decisions").json() == []
    Decision.objects.create(organisation=vestland, subject="priorities", body="fylkestinget",
                            decided_on=dt.date(2024, 12, 10), case_number="88/24", text="Fylkestinget vedtar.")
    decisions = client.get("/api/fylker/46/decisions").json()
    assert [(d["body"], d["case_number"], d["changed_since"]) for d in decisions] == [("fylkestinget", "88/24",
                                                                                       False)]


def test_create_token_makes_a_materiality_token(capsys, client, oslo_editor):
    call_command("create_token", user="oslo-editor", organisation="kommune-0301", scope=["materiality:write"])
    output = capsys.readouterr().out
    secret = output.splitlines()[1].split("Bearer ")[-1].strip()
    assert "materiality:write" in output
    assert _put(client, f"{OSLO}/11.6", ENTRY, secret).status_code == 200

