"""A catalogue file: the bundle's catalogue layout (``indicators/catalog.csv``) with the core set's optional columns,
read whole, with every problem located as ``file:row:column``.

The nine layout columns are required; the optional ones are read when the header has them, and only those
(:attr:`CatalogueFile.fields`) are the file's to set, so a file without ``name_nn`` leaves a stored nynorsk name
alone. ``direction`` (``higher``, ``lower`` or ``none``) wins over ``higher_is_better``, which must not say the
opposite. The SDG target cell is free text in the bundle ("11 (denominator/context); 17.18", "context (4, 1.2
denominators)"): every target code in it is kept (an indicator code such as 3.b.1 names its target 3.b), a bare goal
number and words are notes, and the cell itself is kept as ``targets_text``. Pure: the caller passes the target
and UN indicator codes that exist.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from lokalagenda.core.observations import Problem
from lokalagenda.core.sources.catalogue import aggregation_of, direction_of, publisher_of, target_codes

LAYOUT = ("indicator_id", "name_nb", "name_en", "unit", "sdg_target(s)", "higher_is_better", "source", "table_id",
          "licence")
#: Optional core-set columns and the catalogue field each sets.
CORE_COLUMNS = {
    "name_nn": "name_nn", "definition_nb": "definition_nb", "definition_nn": "definition_nn",
    "definition_en": "definition_en", "direction": "direction", "relevance_kommune": "relevance_kommune",
    "relevance_fylke": "relevance_fylke", "ks_match": "ks_match", "u4ssc_match": "u4ssc_match",
    "un_indicator": "global_indicator",
    "bound_best": "bound_best", "bound_worst": "bound_worst", "bound_rule": "bound_rule",
    "target_2030": "target_2030", "target_2030_citation": "target_2030_citation", "publisher": "publisher",
    "why": "why_chosen",
}
#: Fields every file sets (from the layout columns; ``publisher`` is found in the source text when not given).
LAYOUT_FIELDS = ("name_nb", "name_en", "unit", "direction", "aggregation", "targets", "targets_text", "publisher",
                 "table_id", "source_url", "licence")
REQUIRED_CELLS = ("indicator_id", "name_nb", "name_en", "unit", "source")
#: The catalogue's length limits (``indicators.models.Indicator``), checked here so no database refuses a row.
MAX_LENGTHS = {"indicator_id": 60, "unit": 60, "table_id": 100, "publisher": 200}
DIRECTIONS = {"higher": "higher", "lower": "lower", "none": "neutral"}
HIGHER_IS_BETTER = ("", "true", "false")
RELEVANCE = ("high", "medium", "low", "none")
NUMBERS = ("bound_best", "bound_worst", "target_2030")
SEPARATORS = (",", ";", "\t")
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")


@dataclass(frozen=True)
class CatalogueEntry:
    """One row of a catalogue file, in the catalogue's field names."""

    row: int
    id: str
    name_nb: str = ""
    name_nn: str = ""
    name_en: str = ""
    definition_nb: str = ""
    definition_nn: str = ""
    definition_en: str = ""
    unit: str = ""
    direction: str = ""
    aggregation: str = "none"
    targets: tuple[str, ...] = ()
    targets_text: str = ""
    global_indicator: str = ""
    publisher: str = ""
    table_id: str = ""
    source_url: str = ""
    licence: str = ""
    relevance_kommune: str = ""
    relevance_fylke: str = ""
    ks_match: str = ""
    u4ssc_match: str = ""
    bound_best: float | None = None
    bound_worst: float | None = None
    bound_rule: str = ""
    target_2030: float | None = None
    target_2030_citation: str = ""
    why_chosen: str = ""


@dataclass
class CatalogueFile:
    """What a catalogue file holds: its entries, the fields it sets, and every problem found."""

    entries: list[CatalogueEntry] = field(default_factory=list)
    fields: tuple[str, ...] = ()
    problems: list[Problem] = field(default_factory=list)


def read_catalogue_file(path: Path, *, targets: Collection[str], un_indicators: Collection[str]) -> CatalogueFile:
    """Every row of the file as an entry, or the problems: missing or unknown columns, empty required cells,
    repeated ids, bad directions, relevance levels and numbers, unknown targets and UN indicators."""
    result = CatalogueFile()
    file = path.name
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        result.problems.append(Problem(file, None, None, f"the file is not UTF-8 text (byte {error.start}); "
                                                         "save it as CSV UTF-8"))
        return result
    first = text.splitlines()[0] if text.strip() else ""
    reader = csv.DictReader(io.StringIO(text), delimiter=max(SEPARATORS, key=first.count))
    header = [name.strip() for name in reader.fieldnames or []]
    result.problems += _header_problems(file, header)
    if result.problems:
        return result
    reader.fieldnames = header
    result.fields = LAYOUT_FIELDS + tuple(CORE_COLUMNS[name] for name in header if name in CORE_COLUMNS
                                          and CORE_COLUMNS[name] not in LAYOUT_FIELDS)
    check = _RowCheck(file, frozenset(targets), frozenset(un_indicators))
    for number, raw in enumerate(reader, start=2):
        cells = {key: (value or "").strip() for key, value in raw.items() if key is not None}
        entry = check.entry(number, cells)
        if entry is not None:
            result.entries.append(entry)
    result.problems += check.problems
    if not result.entries and not result.problems:
        result.problems.append(Problem(file, None, None, "the file has no rows"))
    return result


def _header_problems(file: str, header: list[str]) -> list[Problem]:
    known = LAYOUT + tuple(CORE_COLUMNS)
    problems = [Problem(file, 1, name, f"the column is missing (a catalogue file has {', '.join(LAYOUT)})")
                for name in LAYOUT if name not in header]
    problems += [Problem(file, 1, name, f"unknown column (the optional columns are {', '.join(CORE_COLUMNS)})")
                 for name in header if name not in known]
    problems += [Problem(file, 1, name, "the column appears twice")
                 for position, name in enumerate(header) if name in header[:position]]
    return problems


@dataclass
class _RowCheck:
    """Checks rows one by one, remembering ids already seen; collects the problems."""

    file: str
    targets: frozenset[str]
    un_indicators: frozenset[str]
    problems: list[Problem] = field(default_factory=list)
    seen: dict[str, int] = field(default_factory=dict)

    def problem(self, row: int, column: str, message: str) -> None:
        self.problems.append(Problem(self.file, row, column, message))

    def entry(self, row: int, cells: dict[str, str]) -> CatalogueEntry | None:
        before = len(self.problems)
        self._cells(row, cells)
        direction = self._direction(row, cells)
        codes = self._targets(row, cells.get("sdg_target(s)", ""))
        numbers = {name: self._number(row, name, cells.get(name, "")) for name in NUMBERS}
        self._bounds(row, cells, direction, numbers)
        if len(self.problems) > before:
            return None
        unit, source = cells["unit"], cells["source"]
        return CatalogueEntry(
            row=row, id=cells["indicator_id"], name_nb=cells["name_nb"], name_nn=cells.get("name_nn", ""),
            name_en=cells["name_en"], definition_nb=cells.get("definition_nb", ""),
            definition_nn=cells.get("definition_nn", ""), definition_en=cells.get("definition_en", ""), unit=unit,
            direction=direction, aggregation=aggregation_of(unit), targets=codes,
            targets_text=cells.get("sdg_target(s)", ""), global_indicator=cells.get("un_indicator", ""),
            publisher=cells.get("publisher") or publisher_of(f"{source} {cells.get('table_id', '')}"),
            table_id=cells.get("table_id", ""), source_url=source, licence=cells.get("licence", ""),
            relevance_kommune=cells.get("relevance_kommune", ""), relevance_fylke=cells.get("relevance_fylke", ""),
            ks_match=cells.get("ks_match", ""), u4ssc_match=cells.get("u4ssc_match", ""),
            bound_rule=cells.get("bound_rule", ""), target_2030_citation=cells.get("target_2030_citation", ""),
            why_chosen=cells.get("why", ""), **numbers,
        )

    def _cells(self, row: int, cells: dict[str, str]) -> None:
        """Required cells, the id's form and uniqueness, lengths, relevance levels and the UN indicator."""
        for name in REQUIRED_CELLS:
            if not cells.get(name):
                self.problem(row, name, "is empty")
        identifier = cells.get("indicator_id", "")
        if identifier and not _ID.fullmatch(identifier):
            self.problem(row, "indicator_id", f"{identifier!r} is not an indicator id (letters, digits, _ . -)")
        if identifier in self.seen:
            self.problem(row, "indicator_id", f"{identifier} appears twice (also row {self.seen[identifier]})")
        self.seen.setdefault(identifier, row)
        for name, limit in MAX_LENGTHS.items():
            if len(cells.get(name, "")) > limit:
                self.problem(row, name, f"is {len(cells[name])} characters long; at most {limit} fit")
        for name in ("relevance_kommune", "relevance_fylke"):
            if cells.get(name, "") not in ("", *RELEVANCE):
                self.problem(row, name, f"{cells[name]!r} is not a relevance level ({', '.join(RELEVANCE)})")
        un_code = cells.get("un_indicator", "")
        if un_code and un_code not in self.un_indicators:
            self.problem(row, "un_indicator", f"{un_code} is not a UN global SDG indicator")

    def _direction(self, row: int, cells: dict[str, str]) -> str:
        stated, higher = cells.get("direction", "").lower(), cells.get("higher_is_better", "").lower()
        if higher not in HIGHER_IS_BETTER:
            self.problem(row, "higher_is_better", f"{cells['higher_is_better']!r} is not true, false or empty")
            return ""
        if not stated:
            return direction_of(higher)
        if stated not in DIRECTIONS:
            self.problem(row, "direction", f"{cells['direction']!r} is not a direction ({', '.join(DIRECTIONS)})")
            return ""
        if higher and DIRECTIONS[stated] != direction_of(higher):
            self.problem(row, "direction", f"{stated!r} contradicts higher_is_better {higher!r}")
        return DIRECTIONS[stated]

    def _targets(self, row: int, cell: str) -> tuple[str, ...]:
        codes = target_codes(cell)
        for code in codes:
            if code not in self.targets:
                self.problem(row, "sdg_target(s)", f"{code} is not an SDG target")
        return tuple(codes)

    def _number(self, row: int, column: str, text: str) -> float | None:
        if not text:
            return None
        try:
            return float(text)
        except ValueError:
            self.problem(row, column, f"{text!r} is not a number (write decimals with a full stop)")
            return None

    def _bounds(self, row: int, cells: dict[str, str], direction: str, numbers: dict[str, float | None]) -> None:
        """Bounds come with their rule and lie the right way round; a 2030 target comes with its citation."""
        best, worst = numbers["bound_best"], numbers["bound_worst"]
        if (cells.get("bound_best") or cells.get("bound_worst")) and not cells.get("bound_rule"):
            self.problem(row, "bound_rule", "is empty; say which rule gave the bounds")
        if best is not None and worst is not None and direction in ("higher", "lower") and (
                best <= worst if direction == "higher" else best >= worst):
            side = "above" if direction == "higher" else "below"
            self.problem(row, "bound_best", f"{best:g} must lie {side} the worst bound {worst:g} "
                                            f"when {direction} is better")
        if cells.get("target_2030") and not cells.get("target_2030_citation"):
            self.problem(row, "target_2030_citation", "is empty; cite the law, white paper or plan that sets "
                                                      "the target")
