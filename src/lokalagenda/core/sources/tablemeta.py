"""A publisher table's metadata (its dimensions and their codes), and which of a spec's codes it does not know.

Two metadata shapes are read:

* **SSB PxWebApi v0/v1**, ``GET https://data.ssb.no/api/v0/no/table/{id}``:
  ``{"title", "variables": [{"code", "text", "values": [...], "valueTexts": [...], "elimination", "time"}]}``.
  ``values`` and ``valueTexts`` are aligned by position; ``elimination`` and ``time`` default to false when
  absent. v0 metadata lists no codelists (``agg_KommSummer`` …), so codes asked for through one are not checked.
* **FHI Statistikk**, ``GET {FHI_API}/{source}/Table/{table}/dimension``:
  ``{"dimensions": [{"code", "label", "categories": [{"value", "label", "children": [...]}]}]}`` (the shape of
  FHI's own client models). Categories nest; every level counts. FHI needs a filter on every dimension.

:func:`check_codes` compares what a spec asks for (:class:`Request`) with the metadata and returns a
:class:`Finding` per dimension with codes the table does not know, each naming up to :data:`KNOWN_SHOWN` codes
it does know, with their texts.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from lokalagenda.core.errors import LokalagendaError
from lokalagenda.core.sources.jsonstat import year_code

#: How many known codes a finding names.
KNOWN_SHOWN = 20


class MetadataError(LokalagendaError, ValueError):
    """A metadata response that is not in the expected shape."""


@dataclass(frozen=True)
class Variable:
    """One dimension of a table: its code and text, its codes and their texts, and whether it may be left out
    (``elimination``) or is the time dimension."""

    code: str
    text: str
    values: tuple[str, ...]
    value_texts: tuple[str, ...]
    elimination: bool = False
    time: bool = False

    def text_of(self, value: str) -> str:
        """The text of one of this dimension's codes ('' when there is none)."""
        texts = dict(zip(self.values, self.value_texts, strict=False))
        return texts.get(value, "")

    def known(self, limit: int = KNOWN_SHOWN) -> tuple[tuple[str, str], ...]:
        """Up to ``limit`` codes with their texts, in the table's order; for the time dimension the newest
        ones, since a missing period is most often one not published yet."""
        values = self.values[-limit:] if self.time else self.values[:limit]
        return tuple((value, self.text_of(value)) for value in values)


@dataclass(frozen=True)
class TableMetadata:
    """A table's title and dimensions."""

    title: str
    variables: tuple[Variable, ...]

    def variable(self, code: str) -> Variable | None:
        """The dimension with this code, if the table has it."""
        return next((variable for variable in self.variables if variable.code == code), None)

    def time_codes(self, years: Iterable[int]) -> list[str]:
        """The codes of the time dimension that stand for one of ``years``: a year, or a period that ends in it
        (``2022-2024`` and FHI's ``2018_2020`` stand for their end year), in the table's order; empty when the
        table has no time dimension."""
        wanted = set(years)
        variable = next((variable for variable in self.variables if variable.time), None)
        if variable is None:
            return []
        return [code for code in variable.values if (year := year_code(code)) is not None and year[0] in wanted]


def _document(body: bytes, url: str) -> Any:
    try:
        return json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as error:
        raise MetadataError(f"{url}: the metadata is not valid JSON: {error}") from error


def read_pxweb_metadata(body: bytes, url: str = "metadata") -> TableMetadata:
    """Read a PxWebApi v0/v1 metadata response (SSB's ``GET /api/v0/no/table/{id}``).

    Raises
    ------
    MetadataError
        When the body is not ``{"title", "variables": [{"code", "values", …}]}``.
    """
    document = _document(body, url)
    variables = document.get("variables") if isinstance(document, dict) else None
    if not isinstance(variables, list) or not all(_is_pxweb_variable(item) for item in variables):
        raise MetadataError(f"{url}: expected PxWebApi metadata {{\"title\", \"variables\": [{{\"code\", "
                            f"\"values\", …}}]}}")
    return TableMetadata(str(document.get("title", "")), tuple(
        Variable(item["code"], str(item.get("text", "")), tuple(map(str, item["values"])),
                 tuple(map(str, item.get("valueTexts") or [])), item.get("elimination") is True,
                 item.get("time") is True) for item in variables))


def _is_pxweb_variable(item: Any) -> bool:
    return isinstance(item, dict) and isinstance(item.get("code"), str) and isinstance(item.get("values"), list)


def read_fhi_dimensions(body: bytes, url: str = "dimensions", time_dimension: str = "AAR") -> TableMetadata:
    """Read an FHI Statistikk ``/dimension`` response; nested categories are flattened in order.

    FHI needs a filter on every dimension, so none is eliminable; ``time_dimension`` (``AAR``) is the time.

    Raises
    ------
    MetadataError
        When the body is not ``{"dimensions": [{"code", "categories": [...]}]}``.
    """
    document = _document(body, url)
    dimensions = document.get("dimensions") if isinstance(document, dict) else None
    if not isinstance(dimensions, list) or not all(
            isinstance(item, dict) and isinstance(item.get("code"), str) for item in dimensions):
        raise MetadataError(f"{url}: expected FHI dimensions {{\"dimensions\": [{{\"code\", \"categories\"}}]}}")
    variables = []
    for item in dimensions:
        categories = list(_flatten(item.get("categories") or []))
        variables.append(Variable(item["code"], str(item.get("label") or ""),
                                  tuple(value for value, _ in categories), tuple(text for _, text in categories),
                                  elimination=False, time=item["code"] == time_dimension))
    return TableMetadata(str(document.get("label") or ""), tuple(variables))


def _flatten(categories: Iterable[Any]) -> Iterable[tuple[str, str]]:
    for category in categories:
        if isinstance(category, dict) and category.get("value") is not None:
            yield str(category["value"]), str(category.get("label") or "")
            yield from _flatten(category.get("children") or [])


# --- comparing a spec with the metadata -------------------------------------------------------------------------

@dataclass(frozen=True)
class Request:
    """The codes a spec asks a table for, dimension by dimension.

    ``regions`` may be empty: the region codes are then not checked (e.g. they go through a codelist that the
    metadata does not list). ``periods`` are the time codes the spec's years become (``2020``, ``2020_2020``).
    """

    contents_dimension: str
    contents: tuple[str, ...]
    region_dimension: str
    regions: tuple[str, ...]
    time_dimension: str
    periods: tuple[str, ...]
    selections: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Finding:
    """Codes of one dimension the table does not know (or a dimension it does not have, or must have named),
    with a sentence that says so and names what the table knows."""

    dimension: str
    unknown: tuple[str, ...]
    known: tuple[tuple[str, str], ...]
    known_total: int
    message: str


def _listed(pairs: Sequence[tuple[str, str]], total: int, newest: bool = False) -> str:
    shown = ", ".join(f"{code} ({text})" if text and text != code else code for code, text in pairs)
    if total <= len(pairs):
        return shown
    return f"… {shown} ({total} in all)" if newest else f"{shown} … ({total} in all)"


def _dimension_finding(dimension: str, what: str, metadata: TableMetadata) -> Finding:
    known = tuple((variable.code, variable.text) for variable in metadata.variables)
    return Finding(dimension, (dimension,), known, len(known),
                   f"the table has no dimension {dimension} ({what}); it has: {_listed(known, len(known))}")


def _value_finding(variable: Variable, unknown: Sequence[str], what: str) -> Finding:
    known = variable.known()
    shown = ", ".join(unknown[:KNOWN_SHOWN]) + (f" … ({len(unknown)} in all)" if len(unknown) > KNOWN_SHOWN else "")
    return Finding(variable.code, tuple(unknown), known, len(variable.values),
                   f"{what} not in {variable.code}: {shown}; {variable.code} knows "
                   f"{_listed(known, len(variable.values), newest=variable.time)}")


def _check_dimension(dimension: str, codes: Sequence[str], what: str, metadata: TableMetadata) -> Finding | None:
    variable = metadata.variable(dimension)
    if variable is None:
        return _dimension_finding(dimension, what, metadata)
    known = set(variable.values)
    unknown = [code for code in codes if code not in known]
    return _value_finding(variable, unknown, what) if unknown else None


def check_codes(request: Request, metadata: TableMetadata) -> list[Finding]:
    """Every code of ``request`` that ``metadata`` does not know, dimension by dimension, and every dimension
    that cannot be eliminated but is not named (its codes must then be chosen in the spec's selections).

    Returns
    -------
    list of Finding
        Empty when the table knows every code.
    """
    asked = [(request.contents_dimension, request.contents, "contents code(s)"),
             (request.region_dimension, request.regions, "kommune code(s)"),
             (request.time_dimension, request.periods, "period(s)"),
             *((dimension, codes, "code(s)") for dimension, codes in request.selections.items())]
    findings = [finding for dimension, codes, what in asked
                if (finding := _check_dimension(dimension, codes, what, metadata)) is not None]
    named = {dimension for dimension, _, _ in asked}
    for variable in metadata.variables:
        if variable.code not in named and not variable.elimination and not variable.time:
            known = variable.known()
            findings.append(Finding(
                variable.code, (), known, len(variable.values),
                f"{variable.code} cannot be left out (it is not eliminable): choose its codes in the spec's "
                f"selections from {_listed(known, len(variable.values))}"))
    return findings
