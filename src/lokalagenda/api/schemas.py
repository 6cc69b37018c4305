"""The shapes of the API's answers, and of the bodies it takes (bounded with the types of ``api.params``)."""

from __future__ import annotations

from typing import Annotated

from ninja import Field, Schema

from lokalagenda.api.params import GoalNumber, max_length_of
from lokalagenda.core.framework import LAST_GOAL
from lokalagenda.framework.models import Target
from lokalagenda.plans.models import STATEMENT_MAX_LENGTH


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
    nb_machine_translated: bool = Field(description="The bokmål text shown is an uncorrected machine translation")
    nb_quality_flag: str
    nb_text_state: str = Field(description="Where the bokmål text comes from: machine, source, unofficial, "
                                           "corrected, checked or missing")
    nn_text_state: str = Field(description="Where the nynorsk text comes from (as nb_text_state)")


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
    """The same limits as the page's form (the statement's length, goals 1–17)."""

    statement: str = Field("", max_length=STATEMENT_MAX_LENGTH)
    goals: list[GoalNumber] = Field([], max_length=LAST_GOAL)
    targets: list[Annotated[str, Field(max_length=max_length_of(Target, "code"))]] = []
    published: bool = False


class PrioritiesBodyOut(Schema):
    statement: str
    goals: list[int]
    targets: list[str]
    published: bool


class PrioritiesOut(PrioritiesBodyOut):
    kommune: str


class FylkePrioritiesOut(PrioritiesBodyOut):
    fylke: str


class CatalogueIndicatorOut(Schema):
    id: str
    name_nb: str
    name_nn: str
    name_en: str
    notation: str
    unit: str
    direction: str
    sets: list[str]
    targets: list[str]
    publisher: str
    table_id: str
    source_url: str
    licence: str
    quality_class: str
    level_of_geography: str
    evaluation_level: str
    triple_bottom_line: str
    development_sector: str


class ObservationOut(Schema):
    indicator: str
    place: str
    year: int
    disaggregation: str
    value: float | None
    unit: str
    flag: str
    revision: int
    source: str


class ErrorOut(Schema):
    """Every error answer: one sentence a person can read."""

    detail: str


class FieldErrorOut(Schema):
    """One input that did not validate, as django-ninja (and FastAPI) name it: where (``["query", "year_to"]``,
    ``["body", "rows", 0, "year"]``), what is wrong, and a machine-readable kind (pydantic's error type, e.g.
    ``int_parsing``, or ours, e.g. ``unknown_code``)."""

    loc: list[str | int]
    msg: str
    type: str


class ValidationErrorOut(ErrorOut):
    """A 422: the sentence, and the inputs that did not validate (``api.errors``)."""

    errors: list[FieldErrorOut]
