"""The reference bundle: the global SDG framework and Norway's kommuner and fylker (2024 structure).

Each ``read_*`` function reads one file of the data directory into typed records and raises
``SourceDataError`` listing every bad cell with file, row and column. Nothing here touches a database.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from lokalagenda.core.datadir import DataDirectory
from lokalagenda.core.errors import InvalidCode, Location, SourceDataError
from lokalagenda.core.framework import GoalCode, IndicatorCode, TargetCode
from lokalagenda.core.geography import FylkeNumber, KommuneNumber, NameForm, official_name_forms
from lokalagenda.core.sources.csvfile import CsvFile, CsvRow, decimal, integer

GOALS = "sdg/goals.csv"
TARGETS = "sdg/targets.csv"
INDICATORS = "sdg/indicators.csv"
KOMMUNER = "norway/municipalities.csv"
FYLKER = "norway/counties.csv"
POPULATION = "norway/population_by_municipality_year.csv"
CODE_CHANGES = "norway/municipality_code_changes.csv"
KOMMUNE_BOUNDARIES = "norway/municipalities.geojson"
FYLKE_BOUNDARIES = "norway/counties.geojson"

#: Every file ``load-reference`` reads, so a missing one is reported before anything is loaded.
REFERENCE_FILES = (
    GOALS, TARGETS, INDICATORS, FYLKER, KOMMUNER, POPULATION, CODE_CHANGES, KOMMUNE_BOUNDARIES, FYLKE_BOUNDARIES,
    "frameworks/ks_sdg_taxonomy_indicators.csv", "frameworks/u4ssc_kpis.csv", "indicators/catalog.csv",
)


def _code(parser: Any) -> Any:
    def convert(text: str) -> Any:
        try:
            return parser(text)
        except InvalidCode as error:
            raise ValueError(str(error)) from error

    return convert


@dataclass(frozen=True)
class GoalRecord:
    code: GoalCode
    short_en: str
    short_nb: str
    title_en: str
    title_nb: str


@dataclass(frozen=True)
class TargetRecord:
    code: TargetCode
    title_en: str
    title_nb: str
    nb_quality_flag: str


@dataclass(frozen=True)
class IndicatorRecord:
    code: IndicatorCode
    title_en: str
    title_nb: str
    nb_quality_flag: str
    un_indicator_code: str
    ks_taxonomy_uri: str


@dataclass(frozen=True)
class FylkeRecord:
    number: FylkeNumber
    name: str
    name_forms: tuple[NameForm, ...]
    population: dict[int, int]


@dataclass(frozen=True)
class KommuneRecord:
    number: KommuneNumber
    name: str
    name_forms: tuple[NameForm, ...]
    fylke: FylkeNumber
    landsdel: str
    admin_centre: str
    area_km2: float
    language_form: str


@dataclass(frozen=True)
class PopulationRecord:
    kommune: KommuneNumber
    year: int
    total: int
    female: int | None
    male: int | None
    age_0_17: int | None
    age_67_plus: int | None
    age_80_plus: int | None


@dataclass(frozen=True)
class CodeChangeRecord:
    old_code: KommuneNumber
    new_code: KommuneNumber
    weighting: float
    valid_from_year: int
    valid_to_year: int


def read_goals(data: DataDirectory) -> list[GoalRecord]:
    def record(row: CsvRow) -> GoalRecord | None:
        code = row.convert("goal", _code(GoalCode.parse))
        texts = [row.text(column) for column in ("short_en", "short_nb", "title_en", "title_nb")]
        return GoalRecord(code, *texts) if code else None

    return _unique(data, GOALS, "code", CsvFile(data.file(GOALS), ("goal",)).read(record))


def read_targets(data: DataDirectory) -> list[TargetRecord]:
    def record(row: CsvRow) -> TargetRecord | None:
        code = row.convert("code", _code(TargetCode.parse))
        flag = row.text("nb_quality_flag", required=False)
        return TargetRecord(code, row.text("title_en"), row.text("title_nb"), flag) if code else None

    columns = ("code", "title_en", "title_nb", "nb_quality_flag")
    return _unique(data, TARGETS, "code", CsvFile(data.file(TARGETS), columns).read(record))


def read_indicators(data: DataDirectory) -> list[IndicatorRecord]:
    def record(row: CsvRow) -> IndicatorRecord | None:
        code = row.convert("code", _code(IndicatorCode.parse))
        if not code:
            return None
        optional = [row.text(c, required=False) for c in ("nb_quality_flag", "un_indicator_code", "ks_taxonomy_uri")]
        return IndicatorRecord(code, row.text("title_en"), row.text("title_nb"), *optional)

    columns = ("code", "title_en", "title_nb", "nb_quality_flag", "un_indicator_code", "ks_taxonomy_uri")
    return _unique(data, INDICATORS, "code", CsvFile(data.file(INDICATORS), columns).read(record))


def _population_columns(row: CsvRow) -> dict[int, int]:
    series = {}
    for column in row.cells:
        if column.startswith("population_") and column[11:].isdigit():
            value = row.convert(column, integer, required=False)
            if value is not None:
                series[int(column[11:])] = value
    return series


def read_fylker(data: DataDirectory) -> list[FylkeRecord]:
    def record(row: CsvRow) -> FylkeRecord | None:
        number = row.convert("county_code", _code(FylkeNumber))
        name = row.text("name")
        forms = official_name_forms(
            name, (row.text("name_official_multilingual"), " - "), (row.text("name_csdata"), "-")
        )
        return FylkeRecord(number, name, forms, _population_columns(row)) if number else None

    columns = ("county_code", "name", "name_official_multilingual", "name_csdata")
    return _unique(data, FYLKER, "number", CsvFile(data.file(FYLKER), columns).read(record))


def read_kommuner(data: DataDirectory) -> list[KommuneRecord]:
    def record(row: CsvRow) -> KommuneRecord | None:
        number = row.convert("municipality_code", _code(KommuneNumber))
        fylke = row.convert("county_code", _code(FylkeNumber))
        name = row.text("name")
        # Kartverket's form (the boundary authority, 2024) is fuller than SSB Klass's; Klass fills its gaps.
        forms = official_name_forms(
            name, (row.text("name_kartverket"), " - "), (row.text("name_official_multilingual"), "-")
        )
        area = row.convert("area_km2", decimal)
        texts = [row.text(column) for column in ("georegion_nb", "admin_centre", "written_language_form")]
        if not (number and fylke and area is not None):
            return None
        return KommuneRecord(number, name, forms, fylke, texts[0], texts[1], area, texts[2])

    columns = ("municipality_code", "name", "name_official_multilingual", "name_kartverket", "county_code",
               "georegion_nb", "admin_centre", "area_km2", "written_language_form")
    return _unique(data, KOMMUNER, "number", CsvFile(data.file(KOMMUNER), columns).read(record))


def read_population(data: DataDirectory) -> list[PopulationRecord]:
    optional = ("population_female", "population_male", "population_0_17", "population_67plus",
                "population_80plus")

    def record(row: CsvRow) -> PopulationRecord | None:
        kommune = row.convert("municipality_code", _code(KommuneNumber))
        year = row.convert("year", integer)
        total = row.convert("population_total", integer)
        parts = [row.convert(column, integer, required=False) for column in optional]
        if kommune is None or year is None or total is None:
            return None
        return PopulationRecord(kommune, year, total, *parts)

    columns = ("municipality_code", "year", "population_total", *optional)
    records = CsvFile(data.file(POPULATION), columns).read(record)
    return _unique(data, POPULATION, ("kommune", "year"), records)


def read_code_changes(data: DataDirectory) -> list[CodeChangeRecord]:
    def record(row: CsvRow) -> CodeChangeRecord | None:
        old = row.convert("old_code", _code(KommuneNumber))
        new = row.convert("code_2024", _code(KommuneNumber))
        weighting = row.convert("weighting", decimal)
        years = [row.convert(column, integer) for column in ("valid_from_year", "valid_to_year")]
        if old is None or new is None or weighting is None or None in years:
            return None
        return CodeChangeRecord(old, new, weighting, years[0], years[1])  # type: ignore[arg-type]

    columns = ("old_code", "code_2024", "weighting", "valid_from_year", "valid_to_year")
    records = CsvFile(data.file(CODE_CHANGES), columns).read(record)
    return _unique(data, CODE_CHANGES, ("old_code", "new_code", "valid_from_year"), records)


def read_boundaries(data: DataDirectory, relative: str, property_name: str) -> dict[str, dict[str, Any]]:
    """GeoJSON geometries keyed by the feature property ``property_name`` (kommunenummer or fylkesnummer)."""
    path = data.file(relative)
    try:
        collection = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise SourceDataError([(Location(path, error.lineno), f"is not valid JSON: {error.msg}")]) from error
    geometries: dict[str, dict[str, Any]] = {}
    problems: list[tuple[Location, str]] = []
    for index, feature in enumerate(collection.get("features", []), start=1):
        code = str((feature.get("properties") or {}).get(property_name, ""))
        if not code or not feature.get("geometry"):
            message = f"feature {index} has no {property_name} or geometry"
            problems.append((Location(path, None, property_name), message))
        else:
            geometries[code] = feature["geometry"]
    if problems:
        raise SourceDataError(problems)
    return geometries


def _unique(data: DataDirectory, relative: str, key: str | tuple[str, ...], records: list[Any]) -> list[Any]:
    keys = (key,) if isinstance(key, str) else key
    seen: set[tuple[Any, ...]] = set()
    problems = []
    for index, item in enumerate(records, start=2):
        value = tuple(getattr(item, name) for name in keys)
        if value in seen:
            label = ", ".join(str(part) for part in value)
            problems.append((Location(data.file(relative), index), f"duplicate {'/'.join(keys)} {label}"))
        seen.add(value)
    if problems:
        raise SourceDataError(problems)
    return records
