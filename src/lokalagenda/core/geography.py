"""Norwegian places as typed values: kommunenummer, fylkesnummer, official multilingual names, code history."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any

from lokalagenda.core.errors import InvalidCode


@dataclass(frozen=True, order=True)
class FylkeNumber:
    """A two-digit fylkesnummer, e.g. ``03`` (Oslo) or ``46`` (Vestland)."""

    code: str

    def __post_init__(self) -> None:
        if len(self.code) != 2 or not self.code.isdigit():
            raise InvalidCode(f"a fylkesnummer has two digits, not {self.code!r}")

    def __str__(self) -> str:
        return self.code


@dataclass(frozen=True, order=True)
class KommuneNumber:
    """A four-digit kommunenummer, e.g. ``0301`` (Oslo). The first two digits are the fylke's number."""

    code: str

    def __post_init__(self) -> None:
        if len(self.code) != 4 or not self.code.isdigit():
            raise InvalidCode(f"a kommunenummer has four digits, not {self.code!r}")

    @property
    def fylke(self) -> FylkeNumber:
        return FylkeNumber(self.code[:2])

    def __str__(self) -> str:
        return self.code


def place_number(code: str) -> KommuneNumber | FylkeNumber:
    """The kommunenummer (four digits) or fylkesnummer (two digits) ``code`` is.

    Pages, reports and loaders take one number for either kind of place; this is the one place that tells them
    apart, so nothing outside the core decides the kind by a string's length.

    Raises
    ------
    InvalidCode
        When ``code`` is neither, e.g. ``"123"`` or ``"0"`` (the country in the observation tables).
    """
    for kind in (KommuneNumber, FylkeNumber):
        try:
            return kind(code)
        except InvalidCode:
            continue
    raise InvalidCode(f"a place number is a four-digit kommunenummer or a two-digit fylkesnummer, not {code!r}")


class NameLanguage(enum.StrEnum):
    """The language of an official place name form."""

    NORWEGIAN = "no"
    SAMI = "smi"
    KVEN = "fkv"


@dataclass(frozen=True)
class NameForm:
    """One form of a place's official name."""

    name: str
    language: NameLanguage


def official_name_forms(name: str, *variants: tuple[str, str]) -> tuple[NameForm, ...]:
    """The official name forms of a place, Norwegian first, then Sámi, then Kven.

    ``name`` is the Norwegian name. Each variant is ``(text, separator)``: an official multilingual name as a
    source writes it, e.g. ``("Porsanger - Porsáŋgu - Porsanki", " - ")``. The first variant that holds more
    than one form and contains ``name`` wins, so a fuller or newer source can be placed first.

    Official Norwegian multilingual names have at most one Sámi and one Kven form. Among the non-Norwegian
    forms, the Sámi form is written before the Kven form in every official three-form name (for instance
    ``Storfjord - Omasvuotna - Omasvuono``, ``Gáivuotna - Kåfjord - Kaivuono``), so the first is Sámi and the
    second Kven.
    """
    for text, separator in variants:
        forms = [part.strip() for part in text.split(separator) if part.strip()]
        if len(forms) > 1 and name in forms:
            others = [form for form in forms if form != name]
            languages = (NameLanguage.SAMI, NameLanguage.KVEN)
            if len(others) > len(languages):
                raise InvalidCode(f"more name forms than expected in {text!r}")
            return (NameForm(name, NameLanguage.NORWEGIAN),) + tuple(
                NameForm(form, language) for form, language in zip(others, languages[: len(others)], strict=True)
            )
    return (NameForm(name, NameLanguage.NORWEGIAN),)


def _ring_area(ring: list[list[float]]) -> float:
    """Twice the signed planar area of a ring of ``[lon, lat]`` points: positive when counter-clockwise."""
    return sum(x1 * y2 - x2 * y1 for (x1, y1, *_), (x2, y2, *_) in zip(ring, ring[1:] + ring[:1], strict=True))


def _wind(ring: list[list[float]], clockwise: bool) -> list[list[float]]:
    return ring[::-1] if (_ring_area(ring) < 0) != clockwise else ring


def rewind_for_spherical_rendering(geometry: dict[str, Any]) -> dict[str, Any]:
    """The geometry with exterior rings clockwise and holes counter-clockwise, as d3-geo (and so Vega) needs.

    GeoJSON (RFC 7946) winds exterior rings counter-clockwise; d3-geo reads such a ring as the whole globe
    minus the polygon and fills the map.
    """
    def polygon(rings: list[list[list[float]]]) -> list[list[list[float]]]:
        return [_wind(ring, clockwise=index == 0) for index, ring in enumerate(rings)]

    if geometry.get("type") == "Polygon":
        return {**geometry, "coordinates": polygon(geometry["coordinates"])}
    if geometry.get("type") == "MultiPolygon":
        return {**geometry, "coordinates": [polygon(rings) for rings in geometry["coordinates"]]}
    return geometry
