"""A kommune's or fylkeskommune's materiality assessment (vesentlighetsanalyse) through the API, the national counts
of the published assessments, and the political decisions that adopted what the organisation publishes.

- ``GET /api/kommuner/{number}/materiality`` (and ``/api/fylker/{number}/…``): the latest published version is
  public; the organisation's members (a session, or a token of the organisation with the ``read`` scope) get the
  working draft instead, with ``unpublished_changes`` saying whether it differs from the published version. 404 when
  there is nothing the reader may see.
- ``PUT`` and ``DELETE /api/kommuner/{number}/materiality/{target}`` save or remove one target's entry of the draft,
  ``POST /api/kommuner/{number}/materiality/publish`` publishes the draft as the next version. They take a logged-in
  session with its CSRF token, or a token of that organisation with the ``materiality:write`` scope, and call
  ``materiality.services`` as the pages do (the editing role is checked there, and every write is audited): 401
  without credentials, 403 for another organisation, a viewer or a token without the scope, 422 for an unknown
  target (as the priorities' ``PUT`` answers an unknown code) or an empty draft to publish.
- ``GET /api/materiality/summary?kind=kommune|fylkeskommune``: per target, how many organisations of the kind
  assessed it and found it material in their latest *published* version; drafts are never counted.
- ``GET /api/kommuner/{number}/decisions`` (and ``/api/fylker/{number}/decisions``): the organisation's political
  decisions, public records, newest first, each with whether what it adopted has changed since.

A fylke without a fylkeskommune (Oslo, 03) is 404 throughout.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import Annotated, Any, Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.security import django_auth

from lokalagenda.accounts.models import ApiToken, Organisation
from lokalagenda.api.auth import TokenAuth, draft_read, sees_drafts_of, visible
from lokalagenda.api.errors import InvalidInput
from lokalagenda.api.params import max_length_of
from lokalagenda.api.schemas import ErrorOut
from lokalagenda.decisions.models import Body, Decision, Subject
from lokalagenda.decisions.subjects import changes_since
from lokalagenda.framework.models import Target
from lokalagenda.materiality import services
from lokalagenda.materiality.models import (
    AssessmentVersion,
    DraftEntry,
    Influence,
    Participant,
    Situation,
)
from lokalagenda.materiality.summary import national_summary
from lokalagenda.places.place import PlaceKind
from lokalagenda.plans.models import Plan
from lokalagenda.plans.owners import owner_for

router = Router(tags=["materiality"])

TargetPath = Annotated[str, Path(max_length=max_length_of(Target, "code"),
                                 description="The target's code, e.g. 11.6 or 11.a.")]
#: Writes take a token (with the ``materiality:write`` scope) or, without one, the session with its CSRF token.
WRITE_AUTH = [TokenAuth(), django_auth]
WRITE_ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut}


class EntryIn(Schema):
    """One target's judgement, as the page's form takes it."""

    situation: Situation = Field(description="How the target stands locally, from major_challenge to going_well.")
    influence: Influence = Field(description="How far the organisation can change it: direct, indirect or little.")
    rationale: str = Field("", max_length=max_length_of(DraftEntry, "rationale"))
    material: bool = Field(False, description="The target matters enough here to be considered a priority.")
    involved: list[Participant] = Field([], max_length=len(Participant.values),
                                        description="Who took part in assessing it.")


class EntryOut(Schema):
    target: str
    situation: Situation
    influence: Influence
    rationale: str
    material: bool
    involved: list[Participant]


class AssessmentBodyOut(Schema):
    state: Literal["draft", "published"] = Field(
        description="published: the latest published version; draft: the working draft (members only).")
    version: int | None = Field(description="The number of the latest published version (null before the first).")
    published_at: datetime | None
    unpublished_changes: bool | None = Field(
        description="Whether the draft differs from the latest published version (null for readers who cannot "
                    "see the draft).")
    entries: list[EntryOut]


class AssessmentOut(AssessmentBodyOut):
    kommune: str


class FylkeAssessmentOut(AssessmentBodyOut):
    fylke: str


class TargetCountOut(Schema):
    target: str
    assessed: int
    material: int


class SummaryOut(Schema):
    published_assessments: int = Field(description="How many organisations of the kind have published one.")
    targets: list[TargetCountOut]


class DecisionOut(Schema):
    id: int
    subject: Subject
    plan: int | None = Field(description="The adopted plan's id (subject plan).")
    plan_title: str | None = Field(description="Its title, when the reader may see the plan (null for a draft).")
    assessment_version: int | None = Field(description="The number of the adopted assessment version.")
    body: Body
    body_name: str = Field(description="The committee's name (body utvalg).")
    decided_on: date
    case_number: str
    text: str
    record_url: str
    changed_since: bool = Field(description="What the decision adopted has changed since it was made.")


# ---------------------------------------------------------------------------------------------- reads


def _organisation(kind: PlaceKind, number: str) -> Organisation:
    """The kommune's or fylkeskommune's organisation; 404 for an unknown number and for fylke 03 (Oslo)."""
    organisation = owner_for(kind, number).organisation
    if organisation is None:  # owner_for has answered 404 already; this narrows the type
        raise Http404
    return organisation


def _published(version: AssessmentVersion) -> dict[str, Any]:
    return {"state": "published", "version": version.number, "published_at": version.published_at,
            "unpublished_changes": None,
            "entries": [entry.judgement() for entry in version.entries.all()]}


def _assessment(request: HttpRequest, organisation: Organisation) -> dict[str, Any]:
    latest = AssessmentVersion.objects.latest_for(organisation)
    if sees_drafts_of(request, organisation):
        drafts = [entry.judgement() for entry in DraftEntry.objects.for_organisation(organisation)]
        if drafts or latest is not None:
            return {"state": "draft", "version": latest.number if latest else None,
                    "published_at": latest.published_at if latest else None,
                    "unpublished_changes": services.has_unpublished_changes(organisation), "entries": drafts}
    if latest is None:
        raise HttpError(404, f"{organisation} has no published materiality assessment.")
    return _published(latest)


@router.get("/kommuner/{number}/materiality", **draft_read({200: AssessmentOut, 404: ErrorOut}))
def get_materiality(request: HttpRequest, number: str) -> dict[str, Any]:
    """A kommune's materiality assessment: the latest published version, or the draft for its members."""
    return {**_assessment(request, _organisation(PlaceKind.KOMMUNE, number)), "kommune": number}


@router.get("/fylker/{number}/materiality", **draft_read({200: FylkeAssessmentOut, 404: ErrorOut}))
def get_fylke_materiality(request: HttpRequest, number: str) -> dict[str, Any]:
    """A fylkeskommune's materiality assessment: the latest published version, or the draft for its members (404
    for Oslo, 03)."""
    return {**_assessment(request, _organisation(PlaceKind.FYLKE, number)), "fylke": number}


@router.get("/materiality/summary", response=SummaryOut)
def get_materiality_summary(
        request: HttpRequest,
        kind: Literal["kommune", "fylkeskommune"] = Query("kommune", description="Whose assessments to count"),
) -> dict[str, Any]:
    """National counts from the latest published assessment of every kommune (or fylkeskommune): per target in the
    UN order, how many assessed it and how many found it material. Drafts are never counted."""
    return national_summary(kind).as_dict()


def _decisions(request: HttpRequest, organisation: Organisation) -> list[dict[str, Any]]:
    decisions = list(Decision.objects.for_organisation(organisation)
                     .select_related("organisation", "plan", "assessment_version"))
    plan_ids = {decision.plan_id for decision in decisions if decision.plan_id}
    readable = set(visible(Plan.objects.filter(pk__in=plan_ids), request).values_list("pk", flat=True))
    return [{
        "id": decision.pk, "subject": decision.subject, "plan": decision.plan_id,
        "plan_title": decision.plan.title if decision.plan_id in readable else None,
        "assessment_version": decision.assessment_version.number if decision.assessment_version else None,
        **{name: getattr(decision, name) for name in ("body", "body_name", "decided_on", "case_number", "text",
                                                      "record_url")},
        "changed_since": changed,
    } for decision, changed in zip(decisions, changes_since(decisions), strict=True)]


@router.get("/kommuner/{number}/decisions", **draft_read({200: list[DecisionOut], 404: ErrorOut}))
def list_decisions(request: HttpRequest, number: str) -> list[dict[str, Any]]:
    """A kommune's political decisions adopting its assessment, priorities, plans or VLR, newest first."""
    return _decisions(request, _organisation(PlaceKind.KOMMUNE, number))


@router.get("/fylker/{number}/decisions", **draft_read({200: list[DecisionOut], 404: ErrorOut}))
def list_fylke_decisions(request: HttpRequest, number: str) -> list[dict[str, Any]]:
    """A fylkeskommune's political decisions, newest first (404 for Oslo, 03)."""
    return _decisions(request, _organisation(PlaceKind.FYLKE, number))


# ---------------------------------------------------------------------------------------------- writes


def _writer(request: HttpRequest, organisation: Organisation) -> Any:
    """The user a write acts as: the session's, or the token's when the token may write this assessment."""
    credentials = request.auth  # type: ignore[attr-defined]
    if not isinstance(credentials, ApiToken):
        return credentials
    if ApiToken.Scope.WRITE_MATERIALITY not in credentials.scopes:
        raise HttpError(403, "This token may not change materiality assessments (it lacks the materiality:write "
                             "scope).")
    if credentials.organisation_id != organisation.pk:
        raise HttpError(403, f"This token acts for {credentials.organisation}; it cannot change the materiality "
                             f"assessment of {organisation}.")
    return credentials.user


def _target(code: str) -> Target:
    target = Target.objects.filter(code=code).first()
    if target is None:
        raise InvalidInput(f"Unknown target: {code}", ["path", "target"], "unknown_code")
    return target


@contextmanager
def _refusals() -> Iterator[None]:
    """The services' refusals as the API's answers: not an editor is 403, a refused value 422."""
    try:
        yield
    except PermissionDenied as error:
        raise HttpError(403, str(error)) from error
    except ValidationError as error:
        raise HttpError(422, " ".join(error.messages)) from error


def _publish(request: HttpRequest, organisation: Organisation) -> dict[str, Any]:
    user = _writer(request, organisation)
    with _refusals():
        version = services.publish(organisation, user)
    return _published(version)


def _save(request: HttpRequest, organisation: Organisation, code: str, payload: EntryIn) -> dict[str, Any]:
    user = _writer(request, organisation)
    target = _target(code)
    values = payload.model_dump(mode="json")
    with _refusals():
        entry = services.save_entry(organisation, user, target, **values)
    return entry.judgement()


def _remove(request: HttpRequest, organisation: Organisation, code: str) -> Status[None]:
    user = _writer(request, organisation)
    target = _target(code)
    with _refusals():
        services.remove_entry(organisation, user, target)
    return Status(204, None)


# The publish routes come before the entry routes: their paths would otherwise match ``{target}``.
@router.post("/kommuner/{number}/materiality/publish", auth=WRITE_AUTH,
             response={200: AssessmentOut, **WRITE_ERRORS})
def publish_materiality(request: HttpRequest, number: str) -> dict[str, Any]:
    """Publish the kommune's draft as its next version (a draft equal to the latest version publishes nothing and
    answers that version). An empty draft is 422."""
    return {**_publish(request, _organisation(PlaceKind.KOMMUNE, number)), "kommune": number}


@router.post("/fylker/{number}/materiality/publish", auth=WRITE_AUTH,
             response={200: FylkeAssessmentOut, **WRITE_ERRORS})
def publish_fylke_materiality(request: HttpRequest, number: str) -> dict[str, Any]:
    """Publish the fylkeskommune's draft as its next version (404 for Oslo, 03)."""
    return {**_publish(request, _organisation(PlaceKind.FYLKE, number)), "fylke": number}


@router.put("/kommuner/{number}/materiality/{target}", auth=WRITE_AUTH, response={200: EntryOut, **WRITE_ERRORS})
def put_materiality_entry(request: HttpRequest, number: str, target: TargetPath, payload: EntryIn
                          ) -> dict[str, Any]:
    """Save one target's entry in the kommune's draft (created or replaced). Published versions do not change
    until the draft is published."""
    return _save(request, _organisation(PlaceKind.KOMMUNE, number), target, payload)


@router.put("/fylker/{number}/materiality/{target}", auth=WRITE_AUTH, response={200: EntryOut, **WRITE_ERRORS})
def put_fylke_materiality_entry(request: HttpRequest, number: str, target: TargetPath, payload: EntryIn
                                ) -> dict[str, Any]:
    """Save one target's entry in the fylkeskommune's draft (404 for Oslo, 03)."""
    return _save(request, _organisation(PlaceKind.FYLKE, number), target, payload)


@router.delete("/kommuner/{number}/materiality/{target}", auth=WRITE_AUTH, response={204: None, **WRITE_ERRORS})
def delete_materiality_entry(request: HttpRequest, number: str, target: TargetPath) -> Status[None]:
    """Take one target out of the kommune's draft; 204 also when it was not there. Published versions keep it."""
    return _remove(request, _organisation(PlaceKind.KOMMUNE, number), target)


@router.delete("/fylker/{number}/materiality/{target}", auth=WRITE_AUTH, response={204: None, **WRITE_ERRORS})
def delete_fylke_materiality_entry(request: HttpRequest, number: str, target: TargetPath) -> Status[None]:
    """Take one target out of the fylkeskommune's draft (404 for Oslo, 03)."""
    return _remove(request, _organisation(PlaceKind.FYLKE, number), target)

