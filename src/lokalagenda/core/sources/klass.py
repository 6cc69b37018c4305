"""SSB Klass correspondences between KOSTRA groups (classification 112) and kommuner (classification 131).

Two JSON shapes are read:

* ``/classifications/112/correspondsAt?targetClassificationId=131&date=…`` (and ``/corresponds?…``):
  ``{"correspondenceItems": [{"sourceCode", "sourceName", "targetCode", "targetName", "validFrom",
  "validTo"}, …]}``;
* ``/correspondencetables/{id}.json``: ``{"name", "source", "target", "correspondenceMaps": [{"sourceCode",
  "sourceName", "targetCode", "targetName"}, …]}``, whose maps carry no dates, so the caller says from when the
  grouping applies.

Which side holds the kommunenummer is read from the codes themselves (four digits), since a correspondence can be
asked for in either direction. Problems are collected for every item and raised together as one
:class:`~lokalagenda.core.errors.SourceDataError`; a problem's *row* is the item's index in the JSON list
(0-based, as ``jq '.correspondenceItems[3]'`` counts) and its *column* the field.

:func:`fetch_correspondence` asks the live Klass API; HTTP goes through an injectable ``get`` callable so tests
never touch the network.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from lokalagenda.core.errors import Location, LokalagendaError, SourceDataError
from lokalagenda.core.geography import KommuneNumber

KLASS_API = "https://data.ssb.no/api/klass/v1"
KOSTRA_GROUPS = 112
KOMMUNER = 131
TIMEOUT = 30.0
LISTS = ("correspondenceItems", "correspondenceMaps")
FIELDS = ("sourceCode", "sourceName", "targetCode", "targetName")
_KOMMUNE_CODE = re.compile(r"^[0-9]{4}$")


class KlassFetchError(LokalagendaError):
    """The Klass API could not be reached or answered with an error; nothing was read."""


@dataclass(frozen=True)
class GroupAssignment:
    """One kommune in one KOSTRA group, from ``valid_from`` until (not including) ``valid_to`` (None: open)."""

    item: int
    kommune: KommuneNumber
    kommune_name: str
    group_code: str
    group_name: str
    valid_from: date
    valid_to: date | None


@dataclass(frozen=True)
class KostraCorrespondence:
    """The assignments of a correspondence, the JSON list they came from and the side holding the kommuner."""

    assignments: tuple[GroupAssignment, ...]
    list_name: str
    kommune_side: str

    def groups(self) -> dict[str, str]:
        """Group code → name, as the correspondence names them."""
        return {row.group_code: row.group_name for row in self.assignments}


def correspondence_url(at: date) -> str:
    """The Klass address of the kommune → KOSTRA group correspondence in force on ``at``."""
    return (f"{KLASS_API}/classifications/{KOSTRA_GROUPS}/correspondsAt?targetClassificationId={KOMMUNER}"
            f"&date={at.isoformat()}")


def read_correspondence(path: Path, *, valid_from: date | None = None) -> KostraCorrespondence:
    """Read a saved Klass correspondence response (see the module docstring for the shapes).

    Parameters
    ----------
    path
        The JSON file.
    valid_from
        From when the grouping applies, for items without ``validFrom`` (the maps of a correspondence table).

    Raises
    ------
    SourceDataError
        With every problem, each located by file, item index and field.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise SourceDataError([(Location(path), f"is not a readable JSON file: {error}")]) from error
    return parse_correspondence(data, path, valid_from=valid_from)


def parse_correspondence(data: Any, file: Path, *, valid_from: date | None = None) -> KostraCorrespondence:
    """Parse an already decoded Klass correspondence; ``file`` names it in problems. See
    :func:`read_correspondence`."""
    list_name, items = _items(data, file)
    side = _kommune_side(items, list_name, file)
    problems: list[tuple[Location, str]] = []
    assignments: list[GroupAssignment] = []
    seen: dict[tuple[str, date], int] = {}
    for index, item in enumerate(items):
        assignment = _assignment(item, index, side, valid_from, file, problems)
        if assignment is None:
            continue
        key = (assignment.kommune.code, assignment.valid_from)
        if key in seen:
            problems.append((Location(file, index, f"{side}Code"), f"kommune {key[0]} is listed twice for "
                             f"{key[1].isoformat()} (also item {seen[key]})"))
            continue
        seen[key] = index
        assignments.append(assignment)
    if problems:
        raise SourceDataError(problems)
    return KostraCorrespondence(tuple(assignments), list_name, side)


def _items(data: Any, file: Path) -> tuple[str, list[Any]]:
    if isinstance(data, Mapping):
        for name in LISTS:
            if isinstance(data.get(name), list):
                if not data[name]:
                    raise SourceDataError([(Location(file, None, name), "is empty: the correspondence has no items")])
                return name, list(data[name])
    raise SourceDataError([(Location(file), "is not a Klass correspondence: expected a JSON object with a list "
                                            f"{' or '.join(LISTS)}")])


def _kommune_side(items: list[Any], list_name: str, file: Path) -> str:
    """``source`` or ``target``: the side where (most) codes are four-digit kommunenummer."""
    counts = {side: sum(isinstance(item, Mapping) and bool(_KOMMUNE_CODE.match(str(item.get(f"{side}Code", ""))))
                        for item in items) for side in ("source", "target")}
    if counts["source"] == counts["target"]:
        raise SourceDataError([(Location(file, None, list_name), "cannot tell which side holds the kommunenummer "
                                f"(four-digit codes: {counts['source']} sourceCode, {counts['target']} targetCode)")])
    return "source" if counts["source"] > counts["target"] else "target"


def _assignment(item: Any, index: int, side: str, valid_from: date | None, file: Path,
                problems: list[tuple[Location, str]]) -> GroupAssignment | None:
    """One item as an assignment, or None after adding its problems."""
    if not isinstance(item, Mapping):
        problems.append((Location(file, index), "is not a JSON object"))
        return None
    before = len(problems)
    texts = {name: _text(item, name, index, file, problems) for name in FIELDS}
    group = "target" if side == "source" else "source"
    kommune = texts[f"{side}Code"]
    if kommune and not _KOMMUNE_CODE.match(kommune):
        problems.append((Location(file, index, f"{side}Code"), f"{kommune!r} is not a kommunenummer (four digits)"))
    start = _date(item, "validFrom", index, file, problems) or valid_from
    end = _date(item, "validTo", index, file, problems)
    if start is None and "validFrom" not in item:
        problems.append((Location(file, index, "validFrom"), "is missing; say from when the grouping applies "
                                                             "(--date YYYY-MM-DD)"))
    if start is not None and end is not None and end <= start:
        problems.append((Location(file, index, "validTo"), f"{end.isoformat()} is not after validFrom "
                                                           f"{start.isoformat()}"))
    if len(problems) > before or start is None:
        return None
    return GroupAssignment(index, KommuneNumber(kommune), texts[f"{side}Name"], texts[f"{group}Code"],
                           texts[f"{group}Name"], start, end)


def _text(item: Mapping[str, Any], name: str, index: int, file: Path, problems: list[tuple[Location, str]]) -> str:
    value = item.get(name)
    if not isinstance(value, str) or not value.strip():
        problems.append((Location(file, index, name), "is missing or empty"))
        return ""
    return value.strip()


def _date(item: Mapping[str, Any], name: str, index: int, file: Path,
          problems: list[tuple[Location, str]]) -> date | None:
    value = item.get(name)
    if value is None or value == "":
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        problems.append((Location(file, index, name), f"{value!r} is not a date (YYYY-MM-DD)"))
        return None


Getter = Callable[[str, float], Any]


def requests_get(url: str, timeout: float) -> Any:
    """GET ``url`` as JSON with ``requests``; failures become :class:`KlassFetchError`."""
    import requests

    try:
        response = requests.get(url, timeout=timeout, headers={"Accept": "application/json"})
        response.raise_for_status()
        return response.json()
    except (requests.RequestException, ValueError) as error:
        raise KlassFetchError(f"could not read {url}: {error}. Without internet access, save the response "
                              "elsewhere and load it with --file.") from error


def fetch_correspondence(at: date, *, get: Getter = requests_get,
                         timeout: float = TIMEOUT) -> tuple[KostraCorrespondence, str]:
    """The kommune → KOSTRA group correspondence in force on ``at``, fetched live, and the address it came from.

    Raises
    ------
    KlassFetchError
        When Klass cannot be reached (with a timeout of ``timeout`` seconds) or answers with an error.
    SourceDataError
        When the answer is not a correspondence of kommuner and groups.
    """
    url = correspondence_url(at)
    return parse_correspondence(get(url, timeout), Path(f"Klass answer for {at.isoformat()}")), url
