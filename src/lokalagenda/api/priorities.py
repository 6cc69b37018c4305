"""``/api/kommuner/{number}/priorities`` and ``/api/fylker/{number}/priorities``: the goals and targets a kommune or
fylkeskommune gives priority, with its statement.

Published priorities are public; a draft is visible to the organisation's own members (and to a token of the
organisation with the ``read`` scope) and 404 to everyone else. A ``PUT`` replaces them: it needs a logged-in session
with its CSRF token and calls the same ``plans.services.save_priorities`` as the page (403 for other organisations,
422 for an unknown goal or target). A fylke without a fylkeskommune (Oslo, 03) is 404.

The operationIds are those the operations had when they were defined in ``api.api`` (django-ninja names an operation
after its module), so clients generated from the OpenAPI document keep working.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router
from ninja.errors import HttpError
from ninja.security import django_auth

from lokalagenda.accounts.models import Organisation
from lokalagenda.api.auth import draft_read, visible
from lokalagenda.api.errors import InvalidInput
from lokalagenda.api.schemas import ErrorOut, FylkePrioritiesOut, PrioritiesIn, PrioritiesOut
from lokalagenda.framework.models import Goal, Target
from lokalagenda.plans.models import Priorities
from lokalagenda.plans.services import save_priorities

router = Router(tags=["plans"])


def _priorities(priorities: Priorities) -> dict:
    organisation = priorities.organisation
    place = ({"kommune": organisation.kommune_id} if organisation.kommune_id else {"fylke": organisation.fylke_id})
    return {**place, "statement": priorities.statement,
            "goals": list(priorities.goals.values_list("number", flat=True)),
            "targets": list(priorities.targets.values_list("code", flat=True)),
            "published": priorities.published}


@router.get("/kommuner/{number}/priorities", **draft_read({200: PrioritiesOut, 404: ErrorOut}),
            operation_id="lokalagenda_api_api_get_priorities")
def get_priorities(request: HttpRequest, number: str) -> dict:
    """A kommune's priorities: public once published, visible to its members (or a read token) while a draft."""
    priorities = get_object_or_404(
        visible(Priorities.objects.select_related("organisation"), request),
        organisation__kommune__number=number,
    )
    return _priorities(priorities)


@router.get("/fylker/{number}/priorities", **draft_read({200: FylkePrioritiesOut, 404: ErrorOut}),
            operation_id="lokalagenda_api_api_get_fylke_priorities")
def get_fylke_priorities(request: HttpRequest, number: str) -> dict:
    """A fylkeskommune's priorities: public once published, visible to its members (or a read token) while a draft
    (404 for Oslo, 03, which has no fylkeskommune)."""
    priorities = get_object_or_404(
        visible(Priorities.objects.select_related("organisation"), request),
        organisation__kind=Organisation.Kind.FYLKESKOMMUNE, organisation__fylke__number=number,
    )
    return _priorities(priorities)


@router.put("/kommuner/{number}/priorities", auth=django_auth,
            response={200: PrioritiesOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
            operation_id="lokalagenda_api_api_put_priorities")
def put_priorities(request: HttpRequest, number: str, payload: PrioritiesIn) -> dict:
    """Replace a kommune's priorities. Only editors and admins of that kommune may."""
    return _replace_priorities(request, get_object_or_404(Organisation, kommune__number=number), payload)


@router.put("/fylker/{number}/priorities", auth=django_auth,
            response={200: FylkePrioritiesOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
            operation_id="lokalagenda_api_api_put_fylke_priorities")
def put_fylke_priorities(request: HttpRequest, number: str, payload: PrioritiesIn) -> dict:
    """Replace a fylkeskommune's priorities. Only editors and admins of that fylkeskommune may (404 for Oslo, 03)."""
    organisation = get_object_or_404(Organisation, kind=Organisation.Kind.FYLKESKOMMUNE, fylke__number=number)
    return _replace_priorities(request, organisation, payload)


def _replace_priorities(request: HttpRequest, organisation: Organisation, payload: PrioritiesIn) -> dict:
    goals = list(Goal.objects.filter(number__in=payload.goals))
    targets = list(Target.objects.filter(code__in=payload.targets))
    for field, given, known in (("goals", payload.goals, {g.number for g in goals}),
                                ("targets", payload.targets, {t.code for t in targets})):
        if unknown := sorted(map(str, set(given) - known)):
            raise InvalidInput(f"Unknown {field}: {', '.join(unknown)}", ["body", field], "unknown_code")
    try:
        priorities = save_priorities(organisation, request.user, statement=payload.statement, goals=goals,
                                     targets=targets, published=payload.published)
    except PermissionDenied as error:
        raise HttpError(403, str(error)) from error
    return _priorities(priorities)
