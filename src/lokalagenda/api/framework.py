"""``/api/goals``, ``/api/targets`` and ``/api/indicators``: the SDG framework (public reference data), each title in
English, bokmål and nynorsk with where the Norwegian text comes from.

The operationIds are those the operations had when they were defined in ``api.api`` (django-ninja names an operation
after its module), so clients generated from the OpenAPI document keep working.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router

from lokalagenda.api.params import GoalFilter, GoalPath
from lokalagenda.api.schemas import ErrorOut, GoalOut, IndicatorOut, TargetOut
from lokalagenda.framework.models import Goal, Indicator, Target

router = Router(tags=["framework"])


def _titles(item: Target | Indicator) -> dict:
    return {"code": item.code, "title_en": item.title_en, "title_nb": item.title_nb, "title_nn": item.title_nn,
            "nb_machine_translated": item.shows_machine_translation("nb"), "nb_quality_flag": item.nb_quality_flag,
            "nb_text_state": item.text_state("nb"), "nn_text_state": item.text_state("nn")}


def _target(target: Target) -> dict:
    return {**_titles(target), "goal": target.goal_id}


def _indicator(indicator: Indicator) -> dict:
    return {**_titles(indicator), "goal": indicator.target.goal_id, "target": indicator.target_id,
            "un_indicator_code": indicator.un_indicator_code}


@router.get("/goals", response=list[GoalOut], operation_id="lokalagenda_api_api_list_goals")
def list_goals(request: HttpRequest) -> list[Goal]:
    return list(Goal.objects.all())


@router.get("/goals/{number}", response={200: GoalOut, 404: ErrorOut}, operation_id="lokalagenda_api_api_get_goal")
def get_goal(request: HttpRequest, number: GoalPath) -> Goal:
    return get_object_or_404(Goal, number=number)


@router.get("/targets", response=list[TargetOut], operation_id="lokalagenda_api_api_list_targets")
def list_targets(request: HttpRequest, goal: GoalFilter = None) -> list[dict]:
    targets = Target.objects.all() if goal is None else Target.objects.filter(goal_id=goal)
    return [_target(target) for target in targets]


@router.get("/targets/{code}", response={200: TargetOut, 404: ErrorOut},
            operation_id="lokalagenda_api_api_get_target")
def get_target(request: HttpRequest, code: str) -> dict:
    return _target(get_object_or_404(Target, code=code))


@router.get("/indicators", response=list[IndicatorOut], operation_id="lokalagenda_api_api_list_indicators")
def list_indicators(request: HttpRequest, target: str | None = None) -> list[dict]:
    indicators = Indicator.objects.select_related("target")
    if target is not None:
        indicators = indicators.filter(target_id=target)
    return [_indicator(indicator) for indicator in indicators]


@router.get("/indicators/{code}", response={200: IndicatorOut, 404: ErrorOut},
            operation_id="lokalagenda_api_api_get_indicator")
def get_indicator(request: HttpRequest, code: str) -> dict:
    return _indicator(get_object_or_404(Indicator.objects.select_related("target"), code=code))
