"""The REST API at /api/ with its OpenAPI schema at /api/openapi.json.

Reads are public for published data; drafts show to the owning organisation's members, through a session or a
token with the ``read`` scope (``api.auth``). Writes need a logged-in session (with its CSRF token) and the right
role in the owning organisation, or, for indicator values, a token with the ``observations:write`` scope. Every
input is bounded in its schema (``api.params``). Every error is ``{"detail": "…"}``, and a 422 adds the ``errors``
of each input; the OpenAPI document declares the 422 on every operation that takes input (``api.errors``).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import NinjaAPI
from ninja.errors import HttpError
from ninja.security import django_auth

from lokalagenda.accounts.models import Organisation
from lokalagenda.api.auth import draft_read, visible
from lokalagenda.api.errors import InvalidInput, declare_input_errors, install
from lokalagenda.api.exports import router as exports_router
from lokalagenda.api.measurement import router as measurement_router
from lokalagenda.api.observations import router as observations_router
from lokalagenda.api.params import GoalFilter, GoalPath
from lokalagenda.api.relevance import router as relevance_router
from lokalagenda.api.schemas import (
    CatalogueIndicatorOut,
    ErrorOut,
    FylkeOut,
    FylkePrioritiesOut,
    GoalOut,
    IndicatorOut,
    KommuneOut,
    PopulationOut,
    PrioritiesIn,
    PrioritiesOut,
    TargetOut,
)
from lokalagenda.framework.models import Goal, Indicator, Target
from lokalagenda.indicators.models import Indicator as CatalogueIndicator
from lokalagenda.places.models import Fylke, Kommune
from lokalagenda.plans.models import Priorities
from lokalagenda.plans.services import save_priorities


class LokalagendaAPI(NinjaAPI):
    """django-ninja's API with one error shape: the 422 declared on every operation that takes input, the 400 on
    every operation with a body."""

    def get_openapi_schema(self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None,
                           ) -> Any:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        return declare_input_errors(schema)


api = LokalagendaAPI(
    title="Lokalagenda API", version="0.1.0", urls_namespace="api",
    description="The SDG framework, Norway's kommuner and fylker, and what kommuner publish about their work. "
                "Every error answers `{\"detail\": \"…\"}`; a 422 also lists `errors`, one `{loc, msg, type}` per "
                "input that did not validate.",
)
install(api)


def _titles(item: Target | Indicator) -> dict:
    return {"code": item.code, "title_en": item.title_en, "title_nb": item.title_nb, "title_nn": item.title_nn,
            "nb_machine_translated": item.shows_machine_translation("nb"), "nb_quality_flag": item.nb_quality_flag,
            "nb_text_state": item.text_state("nb"), "nn_text_state": item.text_state("nn")}


def _target(target: Target) -> dict:
    return {**_titles(target), "goal": target.goal_id}


def _indicator(indicator: Indicator) -> dict:
    return {**_titles(indicator), "goal": indicator.target.goal_id, "target": indicator.target_id,
            "un_indicator_code": indicator.un_indicator_code}


def _kommune(kommune: Kommune) -> dict:
    return {"number": kommune.number, "name": kommune.name, "sami_name": kommune.sami_name,
            "kven_name": kommune.kven_name, "fylke": kommune.fylke_id, "landsdel": kommune.landsdel,
            "admin_centre": kommune.admin_centre, "area_km2": kommune.area_km2,
            "language_form": kommune.language_form}


@api.get("/goals", response=list[GoalOut], tags=["framework"])
def list_goals(request: HttpRequest) -> list[Goal]:
    return list(Goal.objects.all())


@api.get("/goals/{number}", response={200: GoalOut, 404: ErrorOut}, tags=["framework"])
def get_goal(request: HttpRequest, number: GoalPath) -> Goal:
    return get_object_or_404(Goal, number=number)


@api.get("/targets", response=list[TargetOut], tags=["framework"])
def list_targets(request: HttpRequest, goal: GoalFilter = None) -> list[dict]:
    targets = Target.objects.all() if goal is None else Target.objects.filter(goal_id=goal)
    return [_target(target) for target in targets]


@api.get("/targets/{code}", response={200: TargetOut, 404: ErrorOut}, tags=["framework"])
def get_target(request: HttpRequest, code: str) -> dict:
    return _target(get_object_or_404(Target, code=code))


@api.get("/indicators", response=list[IndicatorOut], tags=["framework"])
def list_indicators(request: HttpRequest, target: str | None = None) -> list[dict]:
    indicators = Indicator.objects.select_related("target")
    if target is not None:
        indicators = indicators.filter(target_id=target)
    return [_indicator(indicator) for indicator in indicators]


@api.get("/indicators/{code}", response={200: IndicatorOut, 404: ErrorOut}, tags=["framework"])
def get_indicator(request: HttpRequest, code: str) -> dict:
    return _indicator(get_object_or_404(Indicator.objects.select_related("target"), code=code))


@api.get("/fylker", response=list[FylkeOut], tags=["places"])
def list_fylker(request: HttpRequest) -> list[Fylke]:
    return list(Fylke.objects.all())


@api.get("/fylker/{number}", response={200: FylkeOut, 404: ErrorOut}, tags=["places"])
def get_fylke(request: HttpRequest, number: str) -> Fylke:
    return get_object_or_404(Fylke, number=number)


@api.get("/kommuner", response=list[KommuneOut], tags=["places"])
def list_kommuner(request: HttpRequest, fylke: str | None = None, q: str | None = None) -> list[dict]:
    kommuner = Kommune.objects.search(q) if q else Kommune.objects.all()
    if fylke is not None:
        kommuner = kommuner.filter(fylke_id=fylke)
    return [_kommune(kommune) for kommune in kommuner.defer("boundary")]


@api.get("/kommuner/{number}", response={200: KommuneOut, 404: ErrorOut}, tags=["places"])
def get_kommune(request: HttpRequest, number: str) -> dict:
    return _kommune(get_object_or_404(Kommune, number=number))


@api.get("/kommuner/{number}/population", response={200: list[PopulationOut], 404: ErrorOut}, tags=["places"])
def kommune_population(request: HttpRequest, number: str) -> list:
    kommune = get_object_or_404(Kommune, number=number)
    return list(kommune.population.values("year", "total"))


def _priorities(priorities: Priorities) -> dict:
    organisation = priorities.organisation
    place = ({"kommune": organisation.kommune_id} if organisation.kommune_id else {"fylke": organisation.fylke_id})
    return {**place, "statement": priorities.statement,
            "goals": list(priorities.goals.values_list("number", flat=True)),
            "targets": list(priorities.targets.values_list("code", flat=True)),
            "published": priorities.published}


@api.get("/kommuner/{number}/priorities", **draft_read({200: PrioritiesOut, 404: ErrorOut}), tags=["plans"])
def get_priorities(request: HttpRequest, number: str) -> dict:
    """A kommune's priorities: public once published, visible to its members (or a read token) while a draft."""
    priorities = get_object_or_404(
        visible(Priorities.objects.select_related("organisation"), request),
        organisation__kommune__number=number,
    )
    return _priorities(priorities)


@api.get("/fylker/{number}/priorities", **draft_read({200: FylkePrioritiesOut, 404: ErrorOut}), tags=["plans"])
def get_fylke_priorities(request: HttpRequest, number: str) -> dict:
    """A fylkeskommune's priorities: public once published, visible to its members (or a read token) while a draft
    (404 for Oslo, 03, which has no fylkeskommune)."""
    priorities = get_object_or_404(
        visible(Priorities.objects.select_related("organisation"), request),
        organisation__kind=Organisation.Kind.FYLKESKOMMUNE, organisation__fylke__number=number,
    )
    return _priorities(priorities)


@api.put("/kommuner/{number}/priorities", auth=django_auth,
         response={200: PrioritiesOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut}, tags=["plans"])
def put_priorities(request: HttpRequest, number: str, payload: PrioritiesIn) -> dict:
    """Replace a kommune's priorities. Only editors and admins of that kommune may."""
    return _replace_priorities(request, get_object_or_404(Organisation, kommune__number=number), payload)


@api.put("/fylker/{number}/priorities", auth=django_auth,
         response={200: FylkePrioritiesOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut}, tags=["plans"])
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


def _catalogue_indicator(indicator: CatalogueIndicator) -> dict:
    fields = ("id", "name_nb", "name_nn", "name_en", "notation", "unit", "direction", "publisher", "table_id",
              "source_url", "licence", "quality_class", "level_of_geography", "evaluation_level",
              "triple_bottom_line", "development_sector")
    return {**{name: getattr(indicator, name) for name in fields},
            "sets": [s.slug for s in indicator.sets.all()], "targets": [t.code for t in indicator.targets.all()]}


@api.get("/catalogue", response=list[CatalogueIndicatorOut], tags=["indicators"])
def list_catalogue(request: HttpRequest, goal: GoalFilter = None, target: str | None = None,
                   set: str | None = None, quality: str | None = None, level: str | None = None,
                   q: str | None = None) -> list[dict]:
    """The indicator catalogue, filtered by goal, target, set, KS quality class, level of geography or text."""
    indicators = CatalogueIndicator.objects.filtered(goal=goal, target=target, indicator_set=set, quality=quality,
                                                     level=level, query=q).prefetch_related("sets", "targets")
    return [_catalogue_indicator(indicator) for indicator in indicators]


@api.get("/catalogue/{indicator_id}", response={200: CatalogueIndicatorOut, 404: ErrorOut}, tags=["indicators"])
def get_catalogue_indicator(request: HttpRequest, indicator_id: str) -> dict:
    return _catalogue_indicator(get_object_or_404(CatalogueIndicator, id=indicator_id))


api.add_router("/", observations_router)
api.add_router("/", exports_router)
api.add_router("/", measurement_router)
api.add_router("/", relevance_router)
api.add_router("/", "lokalagenda.api.partnerships.router")
api.add_router("/", "lokalagenda.api.plans.router")
api.add_router("/", "lokalagenda.api.practices.router")
api.add_router("/", "lokalagenda.api.networks.router")
api.add_router("/", "lokalagenda.api.rollup.router")
