"""The shapes of the API's answers."""

from __future__ import annotations

from ninja import Schema


class GoalOut(Schema):
    number: int
    colour: str
    short_en: str
    short_nb: str
    short_nn: str
    title_en: str
    title_nb: str
    title_nn: str


class TargetOut(Schema):
    code: str
    goal: int
    title_en: str
    title_nb: str
    title_nn: str
    nb_machine_translated: bool
    nb_quality_flag: str


class IndicatorOut(TargetOut):
    target: str
    un_indicator_code: str


class FylkeOut(Schema):
    number: str
    name: str
    sami_name: str
    kven_name: str


class KommuneOut(FylkeOut):
    fylke: str
    landsdel: str
    admin_centre: str
    area_km2: float
    language_form: str


class PopulationOut(Schema):
    year: int
    total: int


class PrioritiesIn(Schema):
    statement: str = ""
    goals: list[int] = []
    targets: list[str] = []
    published: bool = False


class PrioritiesOut(PrioritiesIn):
    kommune: str


class ErrorOut(Schema):
    detail: str
