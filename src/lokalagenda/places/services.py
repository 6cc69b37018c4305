"""Writes of the places app: loading kommuner, fylker, population, code history and boundaries."""

from __future__ import annotations

from typing import Any

from lokalagenda.core.datadir import DataDirectory
from lokalagenda.core.geography import NameForm, NameLanguage
from lokalagenda.core.sources import reference
from lokalagenda.persistence.sync import SyncReport, sync_table
from lokalagenda.places.models import CodeChange, Fylke, FylkePopulation, Kommune, KommunePopulation

POPULATION_SOURCE = "SSB, table 07459 (1 January), via the Lokalagenda data bundle"


def _names(forms: tuple[NameForm, ...]) -> dict[str, str]:
    by_language = {form.language: form.name for form in forms}
    return {"sami_name": by_language.get(NameLanguage.SAMI, ""), "kven_name": by_language.get(NameLanguage.KVEN, "")}


def sync_places(data: DataDirectory) -> list[SyncReport]:
    """Load fylker, kommuner, their population series, code history and boundaries from the bundle."""
    fylker = reference.read_fylker(data)
    kommuner = reference.read_kommuner(data)
    population = reference.read_population(data)
    changes = reference.read_code_changes(data)
    fylke_shapes = reference.read_boundaries(data, reference.FYLKE_BOUNDARIES, "fylkesnummer")
    kommune_shapes = reference.read_boundaries(data, reference.KOMMUNE_BOUNDARIES, "kommunenummer")
    reports = [
        sync_table(Fylke, ("number",), (_fylke_row(f, fylke_shapes) for f in fylker), "fylker"),
        sync_table(Kommune, ("number",), (_kommune_row(k, kommune_shapes) for k in kommuner), "kommuner"),
        sync_table(
            FylkePopulation, ("fylke_id", "year"),
            ({"fylke_id": f.number.code, "year": year, "total": total, "source": POPULATION_SOURCE}
             for f in fylker for year, total in sorted(f.population.items())),
            "fylke population",
        ),
        sync_table(KommunePopulation, ("kommune_id", "year"), map(_population_row, population), "kommune population"),
        sync_table(
            CodeChange, ("old_code", "kommune_id", "valid_from_year"),
            ({"old_code": c.old_code.code, "kommune_id": c.new_code.code, "weighting": c.weighting,
              "valid_from_year": c.valid_from_year, "valid_to_year": c.valid_to_year} for c in changes),
            "code changes",
        ),
    ]
    return reports


def _fylke_row(record: reference.FylkeRecord, shapes: dict[str, Any]) -> dict[str, Any]:
    return {"number": record.number.code, "name": record.name, **_names(record.name_forms),
            "boundary": shapes.get(record.number.code)}


def _kommune_row(record: reference.KommuneRecord, shapes: dict[str, Any]) -> dict[str, Any]:
    names = _names(record.name_forms)
    search_text = " ".join(filter(None, [record.name, *names.values()])).lower()
    return {
        "number": record.number.code, "name": record.name, **names, "fylke_id": record.fylke.code,
        "landsdel": record.landsdel, "admin_centre": record.admin_centre, "area_km2": record.area_km2,
        "language_form": record.language_form, "boundary": shapes.get(record.number.code),
        "search_text": search_text,
    }


def _population_row(record: reference.PopulationRecord) -> dict[str, Any]:
    return {
        "kommune_id": record.kommune.code, "year": record.year, "total": record.total, "female": record.female,
        "male": record.male, "age_0_17": record.age_0_17, "age_67_plus": record.age_67_plus,
        "age_80_plus": record.age_80_plus, "source": POPULATION_SOURCE,
    }
