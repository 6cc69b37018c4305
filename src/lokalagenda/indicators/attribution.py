"""What a public page says about an indicator's source: the publisher, the table and the licence, in plain words.

The catalogue keeps the full provenance as it was recorded (``source_url``: where and how the figures were
fetched, often naming repositories and commits; ``licence``: the licence with notes on the packages the figures
came through). Pages show the publisher, the table and the licence of the figures themselves; the recorded text
goes behind a "details" disclosure, and the API gives it unchanged.

The licence is read from the start of the recorded text, before the first ``;`` (what follows is about the
packages and mirrors the figures came through, e.g. "csdata package MIT"). The licences named there are the
figures' licences; a text that says they are unverified or still to be confirmed ("confirm … on fhi.no",
"unverified", "verify on …") gives an unconfirmed licence, which pages say in words ("licence not confirmed").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

#: The licences figures are published under, as the catalogue names them, with the address of each licence.
LICENCES = {
    "CC BY 4.0": "https://creativecommons.org/licenses/by/4.0/deed.no",
    "NLOD 2.0": "https://data.norge.no/nlod/no/2.0",
    "NLOD": "https://data.norge.no/nlod/no",
}
#: Publishers that state one licence for all their figures: Statistics Norway's API user guide gives CC BY 4.0
#: (``docs/data-sources.md``), so where a recorded text names it among others ("NLOD 2.0 / CC BY 4.0 (SSB)"), it is
#: the licence shown.
PUBLISHER_LICENCE = {"SSB": "CC BY 4.0", "Statistisk sentralbyrå (SSB)": "CC BY 4.0"}
_LICENCE = re.compile(r"CC BY 4\.0|NLOD(?: 2\.0)?")
_UNCONFIRMED = re.compile(r"\b(unverified|confirm|verify|to be confirmed)\b", re.IGNORECASE)
_SSB_TABLE = re.compile(r"\d{5}")


@dataclass(frozen=True)
class Licence:
    name: str
    url: str


@dataclass(frozen=True)
class Attribution:
    """The source of an indicator as a page shows it; ``provenance`` and ``licence_note`` are the recorded texts
    for the details disclosure."""

    publisher: str
    table: str
    table_url: str
    licences: tuple[Licence, ...]
    confirmed: bool
    provenance: str
    licence_note: str


def licences_in(text: str, publisher: str = "") -> tuple[tuple[Licence, ...], bool]:
    """The licences of the figures named in a recorded licence text, and whether the text gives them as confirmed.

    >>> licences_in("CC BY 4.0 (Statistisk sentralbyrå)")[1]
    True
    >>> [licence.name for licence in licences_in("CC BY 4.0 / NLOD 2.0 (unverified: …)")[0]]
    ['CC BY 4.0', 'NLOD 2.0']
    """
    figures = text.split(";")[0]
    names = list(dict.fromkeys(_LICENCE.findall(figures)))
    if PUBLISHER_LICENCE.get(publisher) in names:
        names = [PUBLISHER_LICENCE[publisher]]
    confirmed = bool(names) and not _UNCONFIRMED.search(text)
    return tuple(Licence(name, LICENCES[name]) for name in names), confirmed


def _table_url(publisher: str, table: str) -> str:
    """Statistics Norway's tables have five-digit numbers and a page of their own."""
    if ("SSB" in publisher or "Statistisk sentralbyrå" in publisher) and _SSB_TABLE.fullmatch(table):
        return f"https://www.ssb.no/statbank/table/{table}"
    return ""


def attribution_of(indicator: Any) -> Attribution:
    """The attribution of a catalogue indicator (any object with ``publisher``, ``table_id``, ``source_url`` and
    ``licence``)."""
    licences, confirmed = licences_in(indicator.licence, indicator.publisher)
    return Attribution(
        publisher=indicator.publisher, table=indicator.table_id,
        table_url=_table_url(indicator.publisher, indicator.table_id), licences=licences, confirmed=confirmed,
        provenance=indicator.source_url, licence_note=indicator.licence)
