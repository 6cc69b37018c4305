"""Fetch spec files: which publisher table holds an indicator, and the evidence that its codes are real.

A spec file is a JSON list of objects, one per indicator::

    {"indicator": "POP_TOTAL", "publisher": "ssb", "table": "07459", "contents": "Personer1",
     "region_dimension": "Region", "codelist": "agg_KommSummer", "selections": {}, "first_year": 1986,
     "targets": ["17.18"], "goals": [11, 17],
     "evidence": [{"source": "recorded/ssb/…json", "shows": "table 07459, ContentsCode Personer1 …"}],
     "verified": true}

``region_dimension``, ``codelist``, ``selections``, ``first_year``, ``last_year``, ``source`` (the FHI
source id), ``time_from_metadata`` (the plan reads the table's time codes and asks for those in the spec's
years: a table of periods such as ``2022-2024``, or one whose first year is not known) and ``derivation`` (how
parts of the table make the value, e.g. a share of two codes; see :mod:`~lokalagenda.core.sources.derivation`)
may be left out. :func:`read_spec_files` checks every field and names the file, the entry and the field of the
first problem it finds, so a typo never becomes a silent wrong fetch.

A spec *claims* to be verified with ``"verified": true``; it *is* verified only when its evidence also names
every code it asks for: the table id, the contents code, the region dimension (SSB), the codelist, and every
further dimension and code in ``selections`` (:func:`unverified_reasons`). The evidence is found offline
(public code that queries the table with those codes, the publisher's documentation, a recorded response), so
the check is a textual one: a code counts as evidenced when some ``shows`` text names it as a whole word.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from lokalagenda.core.errors import InvalidCode, LokalagendaError
from lokalagenda.core.framework import GoalCode, TargetCode
from lokalagenda.core.sources.derivation import Derivation, DerivationError

#: The oldest and newest years a spec may ask for.
YEAR_RANGE = (1800, 2100)
DEFAULT_FIRST_YEAR = 2000
DEFAULT_REGION = "Region"
#: The publisher whose specs name their region dimension (FHI always uses ``GEO``).
REGION_NAMING_PUBLISHERS = frozenset({"ssb"})
REQUIRED = ("indicator", "publisher", "table", "contents", "targets", "goals", "evidence", "verified")
OPTIONAL = ("region_dimension", "codelist", "selections", "first_year", "last_year", "source", "time_from_metadata",
            "derivation")
EVIDENCE_KEYS = ("source", "shows")

Code = TypeVar("Code")


class SpecFileError(LokalagendaError, ValueError):
    """A spec file that cannot be read, or an entry with a bad field; the message names the file, the entry
    (its index, from 0, and indicator) and the field."""


@dataclass(frozen=True)
class Evidence:
    """Where a spec's codes were found (a bundle file, ``owner/repo path@commit``, a URL) and what it shows."""

    source: str
    shows: str

    def as_dict(self) -> dict[str, str]:
        return {"source": self.source, "shows": self.shows}


@dataclass(frozen=True)
class SpecEntry:
    """One fetch spec with its SDG ties and evidence, as a spec file (or a stored spec) holds it."""

    indicator: str
    publisher: str
    table: str
    contents: str
    targets: tuple[TargetCode, ...] = ()
    goals: tuple[GoalCode, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    verified: bool = False
    region_dimension: str = DEFAULT_REGION
    codelist: str = ""
    selections: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    first_year: int = DEFAULT_FIRST_YEAR
    last_year: int | None = None
    source: str = ""
    time_from_metadata: bool = False
    derivation: Derivation | None = None
    origin: str = ""

    def fetch_fields(self) -> dict[str, Any]:
        """The fields that decide what is fetched, as the ``FetchSpec`` model stores them."""
        return {"publisher": self.publisher, "table": self.table, "contents": self.contents,
                "region_dimension": self.region_dimension, "codelist": self.codelist,
                "selections": {dimension: list(codes) for dimension, codes in self.selections.items()},
                "first_year": self.first_year, "last_year": self.last_year, "source": self.source,
                "time_from_metadata": self.time_from_metadata,
                "derivation": self.derivation.as_dict() if self.derivation else None}

    def evidence_fields(self) -> dict[str, Any]:
        """The SDG ties and evidence, as JSON-ready values (``FetchSpec`` stores them as they are)."""
        return {"targets": [str(target) for target in self.targets], "goals": [goal.number for goal in self.goals],
                "evidence": [item.as_dict() for item in self.evidence], "verified": self.verified}

    def years(self, current_year: int) -> list[int]:
        """The years to ask for: ``first_year`` through ``last_year`` (or ``current_year`` when empty)."""
        return list(range(self.first_year, (self.last_year or current_year) + 1))

    def unverified_reasons(self) -> list[str]:
        """Why this spec is not verified (empty when it is); see :func:`unverified_reasons`."""
        return unverified_reasons(self)

    @property
    def is_verified(self) -> bool:
        return not self.unverified_reasons()


# --- verification ----------------------------------------------------------------------------------------------

def evidenced_codes(entry: SpecEntry) -> list[tuple[str, str]]:
    """Every code the spec asks for that its evidence must name, as ``(what, code)``."""
    codes = [("table", entry.table), ("contents code", entry.contents)]
    if entry.publisher in REGION_NAMING_PUBLISHERS:
        codes.append(("region dimension", entry.region_dimension or DEFAULT_REGION))
    if entry.codelist:
        codes.append(("codelist", entry.codelist))
    for dimension, values in entry.selections.items():
        codes.append(("dimension", dimension))
        codes += [(f"{dimension} code", value) for value in values]
    return codes


def names_code(text: str, code: str) -> bool:
    """Whether ``text`` names ``code`` as a whole word (``Personer1`` is not named by ``Personer10``)."""
    return re.search(rf"(?<![0-9A-Za-z_]){re.escape(code)}(?![0-9A-Za-z_])", text) is not None


def unverified_reasons(entry: SpecEntry) -> list[str]:
    """Why a spec is not verified, in short phrases; empty when it is.

    A spec is verified when it says so *and* its evidence names the table id, the contents code and every
    dimension code it asks for. A spec changed after its evidence was written (a new contents code, say) thus
    falls back to unverified on its own.
    """
    reasons = [] if entry.verified else ["not marked verified"]
    if not entry.evidence:
        return [*reasons, "no evidence"]
    shown = "\n".join(item.shows for item in entry.evidence)
    missing = [f"{what} {code}" for what, code in evidenced_codes(entry) if not names_code(shown, code)]
    if missing:
        reasons.append(f"the evidence does not name {', '.join(missing)}")
    return reasons


# --- reading ---------------------------------------------------------------------------------------------------

class _EntryError(Exception):
    """A problem with one field of one entry; :func:`read_spec_file` adds the file and the entry."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(message)
        self.field_name = field_name


def spec_files(path: Path) -> list[Path]:
    """The spec files at ``path``: the ``*.json`` files of a folder in name order, or the one file given."""
    if path.is_dir():
        return sorted(path.glob("*.json"))
    return [path]


def read_spec_files(path: Path, publishers: Collection[str]) -> list[SpecEntry]:
    """Every entry of the spec files at ``path`` (a folder of ``*.json`` files, or one file).

    Parameters
    ----------
    path
        A folder (every ``*.json`` in it, in name order) or a single spec file.
    publishers
        The publisher codes a spec may name (``ssb``, ``fhi``, ``valg`` …).

    Raises
    ------
    SpecFileError
        At the first problem: a file that is not a JSON list of objects, a missing, unknown or malformed field,
        or an indicator with two specs (the message names both places).
    """
    entries: list[SpecEntry] = []
    seen: dict[str, str] = {}
    for file in spec_files(path):
        for entry in read_spec_file(file, publishers):
            if entry.indicator in seen:
                raise SpecFileError(f"{entry.origin}: indicator {entry.indicator} already has a spec at "
                                    f"{seen[entry.indicator]}; keep one spec per indicator")
            seen[entry.indicator] = entry.origin
            entries.append(entry)
    return entries


def read_spec_file(file: Path, publishers: Collection[str]) -> list[SpecEntry]:
    """The entries of one spec file; see :func:`read_spec_files`."""
    try:
        document = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise SpecFileError(f"{file}: cannot read the fetch specs: {error}") from error
    if not isinstance(document, list):
        raise SpecFileError(f"{file}: expected a JSON list of spec objects, found {type(document).__name__}")
    entries = []
    for index, item in enumerate(document):
        name = item.get("indicator") if isinstance(item, dict) else None
        where = f"{file}: entry {index}" + (f" ({name})" if isinstance(name, str) and name else "")
        try:
            entries.append(_entry(item, publishers, where))
        except _EntryError as error:
            raise SpecFileError(f"{where}: field {error.field_name!r}: {error}") from error
    return entries


def _entry(item: Any, publishers: Collection[str], origin: str) -> SpecEntry:
    if not isinstance(item, dict):
        raise _EntryError("indicator", f"expected an object, found {type(item).__name__}")
    unknown = sorted(set(item) - {*REQUIRED, *OPTIONAL})
    if unknown:
        raise _EntryError(unknown[0], f"unknown field; a spec has {', '.join((*REQUIRED, *OPTIONAL))}")
    missing = [name for name in REQUIRED if name not in item]
    if missing:
        raise _EntryError(missing[0], "missing")
    publisher = _text(item, "publisher")
    if publisher not in publishers:
        raise _EntryError("publisher", f"unknown publisher {publisher!r}; choose one of: {', '.join(publishers)}")
    targets = _targets(item)
    goals = _goals(item, targets)
    first_year, last_year = _years(item)
    selections = _selections(item)
    return SpecEntry(
        indicator=_text(item, "indicator"), publisher=publisher, table=_text(item, "table"),
        contents=_text(item, "contents"), targets=targets, goals=goals, evidence=_evidence(item),
        verified=_flag(item, "verified"), region_dimension=_text(item, "region_dimension", DEFAULT_REGION),
        codelist=_text(item, "codelist", ""), selections=selections, first_year=first_year,
        last_year=last_year, source=_text(item, "source", ""),
        time_from_metadata=_flag(item, "time_from_metadata", False), derivation=_derivation(item, selections),
        origin=origin)


def _text(item: Mapping[str, Any], name: str, default: str | None = None) -> str:
    value = item.get(name, default)
    if default is not None and value in (None, ""):
        return default
    if not isinstance(value, str) or not value.strip() or value != value.strip():
        raise _EntryError(name, f"expected a non-empty text without surrounding spaces, found {value!r}")
    return value


def _flag(item: Mapping[str, Any], name: str, default: bool | None = None) -> bool:
    value = item.get(name, default) if default is not None else item[name]
    if not isinstance(value, bool):
        raise _EntryError(name, f"expected true or false, found {value!r}")
    return value


def _strings(value: Any, name: str, what: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(code, str) and code.strip() for code in value):
        raise _EntryError(name, f"expected a list of {what}, found {value!r}")
    return list(value)


def _targets(item: Mapping[str, Any]) -> tuple[TargetCode, ...]:
    try:
        return tuple(TargetCode.parse(code) for code in _strings(item["targets"], "targets", "SDG target codes"))
    except InvalidCode as error:
        raise _EntryError("targets", str(error)) from error


def _goals(item: Mapping[str, Any], targets: Iterable[TargetCode]) -> tuple[GoalCode, ...]:
    value = item["goals"]
    if not isinstance(value, list) or not value or not all(type(goal) is int for goal in value):
        raise _EntryError("goals", f"expected a non-empty list of goal numbers, e.g. [1, 10], found {value!r}")
    try:
        goals = tuple(GoalCode(number) for number in value)
    except InvalidCode as error:
        raise _EntryError("goals", str(error)) from error
    outside = [str(target) for target in targets if target.goal not in goals]
    if outside:
        raise _EntryError("goals", f"target(s) {', '.join(outside)} belong to goals that are not listed")
    return goals


def _evidence(item: Mapping[str, Any]) -> tuple[Evidence, ...]:
    value = item["evidence"]
    if not isinstance(value, list):
        raise _EntryError("evidence", f"expected a list of {{\"source\", \"shows\"}} objects, found {value!r}")
    found = []
    for number, piece in enumerate(value):
        if not isinstance(piece, dict) or set(piece) != set(EVIDENCE_KEYS) or not all(
                isinstance(piece[key], str) and piece[key].strip() for key in EVIDENCE_KEYS):
            raise _EntryError("evidence", f"item {number}: expected {{\"source\": text, \"shows\": text}}, "
                                          f"found {piece!r}")
        found.append(Evidence(piece["source"], piece["shows"]))
    return tuple(found)


def _selections(item: Mapping[str, Any]) -> dict[str, tuple[str, ...]]:
    value = item.get("selections") or {}
    if not isinstance(value, dict):
        raise _EntryError("selections", f'expected an object of dimension → codes, e.g. {{"KJONN": ["0"]}}, '
                                        f"found {value!r}")
    selections = {}
    for dimension, codes in value.items():
        found = _strings(codes, "selections", f"codes for {dimension}")
        if not found:
            raise _EntryError("selections", f"{dimension}: expected at least one code")
        selections[dimension] = tuple(found)
    return selections


def _derivation(item: Mapping[str, Any], selections: Mapping[str, Sequence[str]]) -> Derivation | None:
    if item.get("derivation") is None:
        return None
    try:
        derivation = Derivation.parse(item["derivation"])
    except DerivationError as error:
        raise _EntryError("derivation", str(error)) from error
    problems = derivation.selection_problems(selections)
    if problems:
        raise _EntryError("derivation", "; ".join(problems))
    return derivation


def _years(item: Mapping[str, Any]) -> tuple[int, int | None]:
    low, high = YEAR_RANGE
    first = item.get("first_year", DEFAULT_FIRST_YEAR)
    if type(first) is not int or not low <= first <= high:
        raise _EntryError("first_year", f"expected a year between {low} and {high}, found {first!r}")
    last = item.get("last_year")
    if last is not None and (type(last) is not int or not first <= last <= high):
        raise _EntryError("last_year", f"expected empty or a year between {first} and {high}, found {last!r}")
    return first, last


def entry_of(indicator: str, fields: Mapping[str, Any], *, origin: str = "") -> SpecEntry:
    """A :class:`SpecEntry` from stored values (a ``FetchSpec`` row), which were checked when they were saved.

    Targets and goals that no longer parse are left out rather than raised: a listing never fails on them.
    """
    targets = tuple(_parsed(lambda code: TargetCode.parse(str(code)), fields.get("targets") or []))
    goals = tuple(_parsed(lambda number: GoalCode(int(number)), fields.get("goals") or []))
    evidence = tuple(Evidence(str(item.get("source", "")), str(item.get("shows", "")))
                     for item in fields.get("evidence") or [] if isinstance(item, dict))
    selections = {str(dimension): tuple(str(code) for code in codes)
                  for dimension, codes in (fields.get("selections") or {}).items() if isinstance(codes, list)}
    return SpecEntry(indicator=indicator, publisher=str(fields["publisher"]), table=str(fields["table"]),
                     contents=str(fields["contents"]), targets=targets, goals=goals, evidence=evidence,
                     verified=bool(fields.get("verified")),
                     region_dimension=str(fields.get("region_dimension") or DEFAULT_REGION),
                     codelist=str(fields.get("codelist") or ""), selections=selections,
                     first_year=int(fields.get("first_year") or DEFAULT_FIRST_YEAR),
                     last_year=fields.get("last_year"), source=str(fields.get("source") or ""),
                     time_from_metadata=bool(fields.get("time_from_metadata")),
                     derivation=_stored_derivation(fields.get("derivation")), origin=origin)


def _stored_derivation(value: Any) -> Derivation | None:
    try:
        return Derivation.parse(value) if value else None
    except DerivationError:
        return None


def _parsed(parse: Callable[[Any], Code], values: Sequence[Any]) -> list[Code]:
    parsed = []
    for value in values:
        try:
            parsed.append(parse(value))
        except (InvalidCode, ValueError):
            continue
    return parsed
