"""The seed of the targets' local relevance: ``service_areas.yaml``, read, checked and loaded.

The file lists the municipal and county service areas (with the goals they serve) and, for each of the 169
targets, its level for kommuner and fylkeskommuner, the service areas it rests on, a rationale and sources.
Loading is idempotent and never overwrites a national editor's refinement, the rule the target-text
corrections follow too: the seed owns a row only while its ``origin`` is ``seed``.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction
from django.utils import timezone

from lokalagenda.core.errors import Location, SourceDataError
from lokalagenda.framework.models import (
    RelevanceLevel,
    ServiceArea,
    Target,
    TargetRelevance,
    TargetRelevanceChange,
)
from lokalagenda.framework.relevance.services import relevance_values
from lokalagenda.persistence.sync import SyncReport, sync_table

SEED_FILE = Path(__file__).with_name("service_areas.yaml")
LEVELS = frozenset(RelevanceLevel.values)
RUNS = frozenset(ServiceArea.Runs.values)
SEED_COMMENT = "Seed from service_areas.yaml"

Problems = list[tuple[Location, str]]


@dataclass(frozen=True)
class SeedArea:
    key: str
    name_nb: str
    name_nn: str
    name_en: str
    runs: str
    goals: tuple[int, ...]
    source: str


@dataclass(frozen=True)
class SeedRelevance:
    target: str
    kommune: str
    fylkeskommune: str
    rationale: str
    source: str
    service_areas: tuple[str, ...]

    def values(self) -> dict[str, Any]:
        """The same shape as ``services.relevance_values`` of a stored row, so the two compare."""
        return {"kommune": self.kommune, "fylkeskommune": self.fylkeskommune, "rationale": self.rationale,
                "source": self.source, "service_areas": sorted(self.service_areas)}


@dataclass(frozen=True)
class Seed:
    areas: list[SeedArea]
    targets: dict[str, SeedRelevance]


def read_seed(target_codes: Collection[str], path: Path = SEED_FILE) -> Seed:
    """Read and check the seed file against the stored targets; every problem is reported at once."""
    document = _load_yaml(path)
    problems: Problems = []
    sources = _sources(document, path, problems)
    areas = [_area(entry, index, sources, path, problems)
             for index, entry in enumerate(_list(document, "service_areas", path, problems))]
    area_keys = {area.key for area in areas if area}
    entries = _mapping(document, "targets", path, problems)
    targets = {str(code): _relevance(str(code), entry, sources, area_keys, path, problems)
               for code, entry in entries.items()}
    for code in sorted(set(target_codes) - set(targets)):
        problems.append((Location(path, column=f"targets.{code}"), "this target is missing from the seed"))
    for code in sorted(set(targets) - set(target_codes)):
        problems.append((Location(path, column=f"targets.{code}"), "no such target in the SDG framework"))
    if problems:
        raise SourceDataError(problems)
    return Seed([area for area in areas if area], {code: entry for code, entry in targets.items() if entry})


def _load_yaml(path: Path) -> Mapping[str, Any]:
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise SourceDataError([(Location(path), f"cannot be read as YAML: {error}")]) from error
    if not isinstance(document, Mapping):
        raise SourceDataError([(Location(path), "must hold a mapping with sources, service_areas and targets")])
    return document


def _mapping(document: Mapping[str, Any], key: str, path: Path, problems: Problems) -> Mapping[Any, Any]:
    value = document.get(key)
    if isinstance(value, Mapping):
        return value
    problems.append((Location(path, column=key), "must be a mapping"))
    return {}


def _list(document: Mapping[str, Any], key: str, path: Path, problems: Problems) -> list[Any]:
    value = document.get(key)
    if isinstance(value, list):
        return value
    problems.append((Location(path, column=key), "must be a list"))
    return []


def _sources(document: Mapping[str, Any], path: Path, problems: Problems) -> dict[str, str]:
    sources = {str(key): str(text).strip() for key, text in _mapping(document, "sources", path, problems).items()}
    for key, text in sources.items():
        if not text:
            problems.append((Location(path, column=f"sources.{key}"), "is empty"))
    return sources


def _text(entry: Mapping[str, Any], field: str, where: str, path: Path, problems: Problems) -> str:
    text = str(entry.get(field) or "").strip()
    if not text:
        problems.append((Location(path, column=f"{where}.{field}"), "is missing or empty"))
    return text


def _area(entry: Any, index: int, sources: Mapping[str, str], path: Path, problems: Problems) -> SeedArea | None:
    where = f"service_areas[{index}]"
    if not isinstance(entry, Mapping):
        problems.append((Location(path, column=where), "must be a mapping"))
        return None
    texts = {field: _text(entry, field, where, path, problems) for field in ("key", "name_nb", "name_en", "runs")}
    if texts["runs"] and texts["runs"] not in RUNS:
        problems.append((Location(path, column=f"{where}.runs"), f"must be one of {', '.join(sorted(RUNS))}"))
    goals = entry.get("goals") or []
    if not all(isinstance(goal, int) and 1 <= goal <= 17 for goal in goals):
        problems.append((Location(path, column=f"{where}.goals"), "must be a list of goal numbers 1–17"))
    source = _resolve_sources([entry.get("source")], where, sources, path, problems)
    return SeedArea(texts["key"], texts["name_nb"], str(entry.get("name_nn") or ""), texts["name_en"],
                    texts["runs"], tuple(goals), source)


def _relevance(code: str, entry: Any, sources: Mapping[str, str], area_keys: Collection[str], path: Path,
               problems: Problems) -> SeedRelevance | None:
    where = f"targets.{code}"
    if not isinstance(entry, Mapping):
        problems.append((Location(path, column=where), "must be a mapping"))
        return None
    levels = {field: str(entry.get(field) or "") for field in ("kommune", "fylkeskommune")}
    for field, level in levels.items():
        if level not in LEVELS:
            problems.append((Location(path, column=f"{where}.{field}"),
                             f"{level!r} is not a level; use one of high, medium, low, none"))
    areas = tuple(str(key) for key in entry.get("areas") or [])
    for key in sorted(set(areas) - set(area_keys)):
        problems.append((Location(path, column=f"{where}.areas"), f"unknown service area {key!r}"))
    source = _resolve_sources(entry.get("sources") or [], where, sources, path, problems)
    rationale = _text(entry, "rationale", where, path, problems)
    return SeedRelevance(code, levels["kommune"], levels["fylkeskommune"], rationale, source, areas)


def _resolve_sources(keys: list[Any], where: str, sources: Mapping[str, str], path: Path,
                     problems: Problems) -> str:
    """The sources' full citations joined with "; ", from their keys in the file's ``sources``."""
    if not keys or not all(keys):
        problems.append((Location(path, column=f"{where}.sources"), "names no source"))
        return ""
    unknown = [str(key) for key in keys if str(key) not in sources]
    if unknown:
        problems.append((Location(path, column=f"{where}.sources"), f"unknown source {', '.join(unknown)}"))
        return ""
    return "; ".join(sources[str(key)] for key in keys)


@transaction.atomic
def seed_relevance(path: Path = SEED_FILE) -> list[SyncReport]:
    """Load the service areas and the targets' relevance; keep every target a national editor has refined."""
    seed = read_seed(set(Target.objects.values_list("code", flat=True)), path)
    areas = sync_table(ServiceArea, ("key",), (_area_row(area, i) for i, area in enumerate(seed.areas, 1)),
                       "service areas")
    return [areas, _sync_relevance(seed.targets)]


def _area_row(area: SeedArea, position: int) -> dict[str, Any]:
    return {"key": area.key, "name_nb": area.name_nb, "name_nn": area.name_nn, "name_en": area.name_en,
            "runs": area.runs, "goals": list(area.goals), "source": area.source, "position": position}


def _sync_relevance(targets: Mapping[str, SeedRelevance]) -> SyncReport:
    report = SyncReport("target relevance")
    existing = {row.target_id: row for row in TargetRelevance.objects.prefetch_related("service_areas")}
    new = [entry for code, entry in targets.items() if code not in existing]
    _create(new)
    report.created = len(new)
    for code, row in sorted(existing.items()):
        entry = targets.get(code)
        if entry is None:
            report.not_in_source.append(code)
        elif row.origin == TargetRelevance.Origin.EDITOR:
            report.unchanged += 1
            report.changes.append(f"target relevance {code}: refined by a national editor (kept)")
        elif _update(row, entry):
            report.updated += 1
            report.changes.append(f"target relevance {code}: changed in the seed")
        else:
            report.unchanged += 1
    return report


def _create(entries: list[SeedRelevance]) -> None:
    """Create the rows, their service areas and a first history entry, in bulk (169 rows on a first load)."""
    now = timezone.now()
    TargetRelevance.objects.bulk_create([
        TargetRelevance(target_id=entry.target, kommune=entry.kommune, fylkeskommune=entry.fylkeskommune,
                        rationale=entry.rationale, source=entry.source, changed_at=now)
        for entry in entries
    ])
    through = TargetRelevance.service_areas.through
    through.objects.bulk_create([through(targetrelevance_id=entry.target, servicearea_id=key)
                                 for entry in entries for key in entry.service_areas])
    TargetRelevanceChange.objects.bulk_create([
        TargetRelevanceChange(relevance_id=entry.target, at=now, origin=TargetRelevance.Origin.SEED,
                              before=None, after=entry.values(), comment=SEED_COMMENT)
        for entry in entries
    ])


def _update(row: TargetRelevance, entry: SeedRelevance) -> bool:
    """Bring a seed-owned row to the seed's values; record the change. False when it already matches."""
    before, after = relevance_values(row), entry.values()
    if before == after:
        return False
    row.kommune, row.fylkeskommune = entry.kommune, entry.fylkeskommune
    row.rationale, row.source = entry.rationale, entry.source
    row.changed_by, row.changed_at = None, timezone.now()
    row.save()
    row.service_areas.set(entry.service_areas)
    TargetRelevanceChange.objects.create(relevance=row, at=row.changed_at, origin=TargetRelevance.Origin.SEED,
                                         before=before, after=after, comment=SEED_COMMENT)
    return True
