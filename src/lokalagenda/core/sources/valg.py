"""Voter turnout from Valgdirektoratet's election-results API (valgresultat.no), built only on what is proven.

What the API's documents are, and what proves it
------------------------------------------------
* **Paths.** A Storting election (type ``st``) has one document for the country (``/{year}/st``), one per
  constituency (``/{year}/st/{district}``) and one per kommune (``/{year}/st/{district}/{kommune}``), under
  ``https://valgresultat.no/api``. Proven by the recorded responses in the data bundle's ``recorded/valgresultat/``
  (each document's ``_links.self.href`` is its own path and ``_links.related`` lists the paths one level down),
  by the archive they come from (HNygard/valgresultat.no-copy, README ``ENTITY_PATTERNS``), and by public code that
  GETs ``https://valgresultat.no/api`` + those hrefs (olovholm/Valgresultater ``src/api/get_counties.py`` and
  ``get_municipalities.py``).
* **The district is a constituency, not a 2024 fylke.** Since 2020 the Storting constituencies are the 19 fylker
  before the reform: Bergen 4601 lies under ``/2025/st/12`` (Hordaland), while our places table puts it in fylke
  46 (Vestland). So the kommuner of a constituency come from the constituency document's own links (as both
  public crawlers do), never from a fylke number; our places table says which kommuner are wanted and which 2024
  kommuner make up a 2024 fylke.
* **Turnout.** ``frammote.prosent`` is the turnout the document states, to one decimal. It is
  ``stemmer.total / antallsb`` (ballots counted over persons entitled to vote): that quotient reproduces it in
  every recorded document (2009, 2021, 2025) and in the archived 2013 Hordaland document, where the quotient of
  approved votings (``stemmegiving.totalGodkjente``, 80.4 %, shown as ``prosentStemmegiving``) differs from the
  stated 80.5 %; in 2009 ``stemmegiving`` is all zeros. This module therefore stores the quotient of the counts
  to two decimals (the same precision as the bundle's ``ELECTION_TURNOUT_STORTING`` series) and checks on every
  document that it rounds to the stated figure. Counts, unlike percentages, can be summed: that is how kommuner
  merged since an election, and 2024 fylker, get a value.
* **Kommunestyre elections (``ko``) are not verified.** No response has been recorded; only third-party notes name
  ``https://valgresultat.no/api/2019/ko`` and ``/2023/ko``. The connector asks only for ``/{year}/ko`` and then
  follows the links the API itself returns, and every document must pass the same shape checks, else
  :class:`DocumentError` says which field of which URL is not as expected.

Fetching goes through :class:`lokalagenda.core.sources.ssb.Fetcher` (rate limit, retries, provenance per piece,
resumable plans with stable keys); every task is a GET (``FetchTask.method``), through the transport injected
as for SSB.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from lokalagenda.core.codechanges import CodeHistory, Unmapped, map_to_current
from lokalagenda.core.errors import LokalagendaError
from lokalagenda.core.observations import COUNTRY, Problem, ReadResult, empty_table, normalise
from lokalagenda.core.progress import Progress, null_progress
from lokalagenda.core.sources.registry import ReadOptions
from lokalagenda.core.sources.ssb import (
    FetchedPiece,
    Fetcher,
    FetchTask,
    QueryError,
    Transport,
    task_key,
)
from lokalagenda.core.sources.ssb import make_fetcher as make_rate_limited_fetcher

VALG_API = "https://valgresultat.no/api"
FORMAT = "valgresultat"
UNIT = "percent"
#: The contents a spec names: the documents' turnout block (``frammote``), the only thing this module reads.
CONTENTS = "frammote"
#: The ``nivaa`` of the documents this module reads: the country, a constituency, a kommune.
LAND, DISTRICT, KOMMUNE = "land", "fylke", "kommune"
#: The counts behind the turnout; summed over merged kommuner and over 2024 fylker.
ENTITLED, BALLOTS = "antallsb", "stemmer.total"
#: How far the computed turnout may lie from the stated one (which is rounded to one decimal).
STATED_TOLERANCE = 0.05 + 1e-9
#: The API publishes no rate limit; one request a second is polite (HNygard's archive polls far less often).
MAX_CALLS_PER_MINUTE = 60


class DocumentError(LokalagendaError, ValueError):
    """A response that is not an election-results document of the proven shape. ``field`` names the part that
    is missing or wrong, so the message says exactly what changed."""

    def __init__(self, url: str, field: str, problem: str, *, verified: bool = True) -> None:
        hint = "" if verified else " (this election type is unverified: no response of it has been recorded)"
        super().__init__(f"{url}: {field} {problem}; not the valgresultat.no document shape the recorded responses "
                         f"show{hint}")
        self.url = url
        self.field = field


# --- elections and URLs ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ElectionType:
    """An election type as the API's paths name it, a year it was held (they come every fourth year), whether
    its documents are proven by recorded responses, and the evidence."""

    code: str
    name: str
    anchor: int
    verified: bool
    evidence: tuple[str, ...]


STORTING = ElectionType("st", "Storting election", 2009, True, (
    "recorded/valgresultat/ in the data bundle: country, constituency and kommune documents of 2009, 2021, 2025",
    "HNygard/valgresultat.no-copy README.md@21e063b10ab1: /{year}/st, /{year}/st/{fylke_nr}, "
    "/{year}/st/{fylke_nr}/{kommune_nr}",
    "olovholm/Valgresultater src/api/get_counties.py, get_municipalities.py@f6441b5e548d: GET "
    "https://valgresultat.no/api + _links.related hrefs",
))
KOMMUNESTYRE = ElectionType("ko", "kommunestyre election", 2011, False, (
    "no recorded response; third-party notes only name https://valgresultat.no/api/2019/ko and /api/2023/ko",
))
ELECTION_TYPES: Mapping[str, ElectionType] = {kind.code: kind for kind in (STORTING, KOMMUNESTYRE)}


@dataclass(frozen=True)
class Election:
    """One election: its type code (``st``, ``ko``) and year, which must be one of the type's election years
    (Storting elections are held every fourth year, Grunnloven § 54; kommunestyre elections two years later)."""

    type: str
    year: int

    def __post_init__(self) -> None:
        kind = ELECTION_TYPES.get(self.type)
        if kind is None:
            raise QueryError(f"unknown election type {self.type!r}; choose one of: {', '.join(ELECTION_TYPES)}")
        if (self.year - kind.anchor) % 4:
            raise QueryError(f"{self.year} is not a year of a {kind.name} (they are held every fourth year: "
                             f"{kind.anchor}, {kind.anchor + 4}, …)")

    @property
    def kind(self) -> ElectionType:
        return ELECTION_TYPES[self.type]

    @property
    def path(self) -> str:
        """The API path of the country document, e.g. ``/2025/st``."""
        return f"/{self.year}/{self.type}"

    def __str__(self) -> str:
        return f"{self.kind.name} {self.year}"


def elections(election_type: str, years: Iterable[int]) -> list[Election]:
    """The elections of a type held in ``years`` (other years are not election years and are left out)."""
    kind = ELECTION_TYPES.get(election_type)
    if kind is None:
        raise QueryError(f"unknown election type {election_type!r}; choose one of: {', '.join(ELECTION_TYPES)}")
    return [Election(election_type, year) for year in sorted(set(years)) if (year - kind.anchor) % 4 == 0]


def _code(value: str, digits: int, what: str) -> str:
    if len(value) != digits or not value.isdigit():
        raise QueryError(f"{what} {value!r} is not {digits} digits")
    return value


def election_url(election: Election, base: str = VALG_API) -> str:
    """The country document: ``https://valgresultat.no/api/2025/st``."""
    return f"{base.rstrip('/')}{election.path}"


def district_url(election: Election, district: str, base: str = VALG_API) -> str:
    """A constituency document: ``…/2025/st/12`` (the constituency number, not the 2024 fylke)."""
    return f"{election_url(election, base)}/{_code(district, 2, 'constituency')}"


def kommune_url(election: Election, district: str, kommune: str, base: str = VALG_API) -> str:
    """A kommune document: ``…/2025/st/12/4601``, with the kommunenummer in use at that election."""
    return f"{district_url(election, district, base)}/{_code(kommune, 4, 'kommunenummer')}"


def link_url(href: str, base: str = VALG_API) -> str:
    """The URL of a ``_links`` href (``/2025/st/12/4601``)."""
    if not href.startswith("/"):
        raise QueryError(f"link {href!r} is not an API path")
    return f"{base.rstrip('/')}{href}"


# --- documents -------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Link:
    """An entry of ``_links``: the place's number, its API path and its name."""

    number: str
    href: str
    name: str


@dataclass(frozen=True)
class Document:
    """What this module reads from one election-results document."""

    url: str
    election: Election
    level: str
    number: str
    name: str
    entitled: int
    ballots: int
    stated: float
    generated: str
    path: str
    related: tuple[Link, ...]
    fetched_at: str = ""

    @property
    def turnout(self) -> float:
        """Ballots counted per 100 persons entitled to vote, unrounded."""
        return 100.0 * self.ballots / self.entitled

    def provenance(self) -> dict[str, Any]:
        """Where this document came from and what it says, as JSON-ready data."""
        return {"url": self.url, "fetched_at": self.fetched_at, "report_generated": self.generated,
                "election": self.election.type, "year": self.election.year, "level": self.level,
                "number": self.number, "name": self.name, ENTITLED: self.entitled, BALLOTS: self.ballots,
                "frammote.prosent": self.stated}


def _get(document: Mapping[str, Any], path: str, kinds: tuple[type, ...], url: str, verified: bool) -> Any:
    value: Any = document
    for part in path.split("."):
        if not isinstance(value, Mapping) or part not in value:
            raise DocumentError(url, path, "is missing", verified=verified)
        value = value[part]
    if isinstance(value, bool) or not isinstance(value, kinds):
        expected = " or ".join(kind.__name__ for kind in kinds)
        raise DocumentError(url, path, f"is {type(value).__name__}, expected {expected}", verified=verified)
    return value


def _load(data: bytes | Mapping[str, Any], url: str) -> Mapping[str, Any]:
    if isinstance(data, Mapping):
        return data
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as error:
        raise DocumentError(url, "the body", f"is not JSON ({error})") from error
    if not isinstance(document, dict):
        raise DocumentError(url, "the body", f"is a JSON {type(document).__name__}, expected an object")
    return document


def _election(document: Mapping[str, Any], url: str, expect: Election | None) -> Election:
    verified = expect.kind.verified if expect else True
    code = str(_get(document, "id.valgtype", (str,), url, verified)).lower()
    year_text = str(_get(document, "id.valgaar", (str, int), url, verified))
    if code not in ELECTION_TYPES or not year_text.isdigit():
        raise DocumentError(url, "id", f"names election {code!r} {year_text!r}, not one this connector reads",
                            verified=verified)
    try:
        election = Election(code, int(year_text))
    except QueryError as error:
        raise DocumentError(url, "id.valgaar", str(error), verified=verified) from error
    if expect is not None and election != expect:
        raise DocumentError(url, "id", f"is the {election}, expected the {expect}", verified=verified)
    return election


def _links(document: Mapping[str, Any], url: str, verified: bool) -> tuple[str, tuple[Link, ...]]:
    path = _get(document, "_links.self.href", (str,), url, verified)
    entries = _get(document, "_links.related", (list,), url, verified)
    links: list[Link] = []
    for index, entry in enumerate(entries):
        where = f"_links.related[{index}]"
        if not isinstance(entry, Mapping) or not isinstance(entry.get("nr"), str) or \
                not isinstance(entry.get("href"), str):
            raise DocumentError(url, where, "lacks the strings nr and href", verified=verified)
        links.append(Link(entry["nr"], entry["href"], str(entry.get("navn") or "")))
    return path, tuple(links)


def _check_final(document: Mapping[str, Any], url: str, verified: bool) -> None:
    """Refuse a count that is not final, so that a piece fetched on election night is retried, not kept.

    Documents up to 2021 carry ``opptalt.endelig`` (per cent of the final count done); 2025 documents carry
    ``opptellingsStatus`` with one status per counting stage, ``andre`` being the second (final) count. Every
    recorded document is final (100, and ``ferdig`` everywhere); what an unfinished one holds is not recorded, so
    anything else counts as unfinished.
    """
    if "opptalt" in document:
        done = _get(document, "opptalt.endelig", (int, float), url, verified)
        if done < 100:
            raise DocumentError(url, "opptalt.endelig", f"is {done}: the final count is not finished; fetch it again "
                                "later", verified=verified)
        return
    stages = _get(document, "opptellingsStatus.andre", (dict,), url, verified)
    unfinished = sorted(name for name, stage in stages.items()
                        if not isinstance(stage, Mapping) or stage.get("status") != "ferdig")
    if not stages or unfinished:
        raise DocumentError(url, "opptellingsStatus.andre", f"has {', '.join(unfinished) or 'no stage'} not "
                            "'ferdig': the final count is not finished; fetch it again later", verified=verified)


def parse_document(data: bytes | Mapping[str, Any], url: str, *, expect: Election | None = None,
                   fetched_at: str = "") -> Document:
    """Read one election-results document, checking every field this module relies on.

    Parameters
    ----------
    data
        The response body (or its parsed JSON).
    url
        Where it came from; named in every error.
    expect
        The election the document must be of (its ``id``); ``None`` accepts any known one.
    fetched_at
        When it was fetched (ISO 8601), kept in the provenance.

    Raises
    ------
    DocumentError
        When the body is not JSON, a field is missing or of the wrong type, the level is not the country, a
        constituency or a kommune, the final count is not finished, or the counts do not reproduce the stated
        turnout.
    """
    document = _load(data, url)
    election = _election(document, url, expect)
    verified = election.kind.verified
    level = _get(document, "id.nivaa", (str,), url, verified)
    if level not in (LAND, DISTRICT, KOMMUNE):
        raise DocumentError(url, "id.nivaa", f"is {level!r}, expected one of {LAND}, {DISTRICT}, {KOMMUNE}",
                            verified=verified)
    entitled = _get(document, ENTITLED, (int,), url, verified)
    ballots = _get(document, BALLOTS, (int,), url, verified)
    stated = float(_get(document, "frammote.prosent", (int, float), url, verified))
    if entitled <= 0 or not 0 <= ballots <= entitled:
        raise DocumentError(url, BALLOTS, f"{ballots} of {entitled} entitled is not a turnout", verified=verified)
    _check_final(document, url, verified)
    path, related = _links(document, url, verified)
    parsed = Document(url, election, level, str(_get(document, "id.nr", (str,), url, verified)),
                      str(_get(document, "id.navn", (str,), url, verified)), entitled, ballots, stated,
                      str(_get(document, "tidspunkt.rapportGenerert", (str,), url, verified)), path, related,
                      fetched_at)
    if abs(parsed.turnout - stated) > STATED_TOLERANCE:
        raise DocumentError(url, "frammote.prosent", f"is {stated}, but {BALLOTS}/{ENTITLED} gives "
                            f"{parsed.turnout:.3f}", verified=verified)
    return parsed


def parse_piece(piece: FetchedPiece, *, expect: Election | None = None) -> Document:
    """Read a fetched piece, keeping its URL and the time it was fetched."""
    return parse_document(piece.body, piece.task.url, expect=expect, fetched_at=piece.record.fetched_at)


def children(document: Document, level: str) -> list[Link]:
    """The links one level down (constituencies of the country, kommuner of a constituency), each checked to
    have the proven path shape ``{this document's path}/{number}``.

    Raises
    ------
    DocumentError
        When the document is not at the level above ``level``, or a link has another shape.
    """
    parent = {DISTRICT: LAND, KOMMUNE: DISTRICT}.get(level)
    verified = document.election.kind.verified
    if parent is None or document.level != parent:
        raise DocumentError(document.url, "id.nivaa", f"is {document.level!r}; {level} links are read from a "
                            f"{parent} document", verified=verified)
    digits = 2 if level == DISTRICT else 4
    for link in document.related:
        if len(link.number) != digits or not link.number.isdigit() or link.href != f"{document.path}/{link.number}":
            raise DocumentError(document.url, "_links.related", f"holds {link.href!r} ({link.number!r}), expected "
                                f"{document.path}/ and a {digits}-digit {level} number", verified=verified)
    return list(document.related)


# --- tidy observations -----------------------------------------------------------------------------------------

@dataclass
class _Counts:
    """Counts per (place, year), 2024 codes once mapped, with the source row of each place."""

    values: dict[tuple[str, int], dict[str, float]] = field(default_factory=lambda: defaultdict(dict))
    rows: dict[tuple[str, int], int] = field(default_factory=dict)


def _count_table(documents: Sequence[Document]) -> pd.DataFrame:
    rows = [(name, document.number if document.level == KOMMUNE else COUNTRY, document.election.year, value, index)
            for index, document in enumerate(documents) if document.level != DISTRICT
            for name, value in ((ENTITLED, document.entitled), (BALLOTS, document.ballots))]
    frame = pd.DataFrame(rows, columns=["indicator", "place", "year", "value", "source_row"])
    return normalise(frame) if rows else empty_table()


def _split_absorbing(table: pd.DataFrame, history: CodeHistory) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Rows of a current kommunenummer in a year when the 2024 kommune also had other parts (1103 Stavanger
    before 2020, with 1141 Finnøy and 1142 Rennesøy). The code history has no row for the code itself, so
    :func:`map_to_current` would pass such a row through as if it were the whole 2024 kommune."""
    absorbing = [place in history.current and bool(history.parts(place, int(year)))
                 for place, year in zip(table["place"], table["year"], strict=True)]
    mask = pd.Series(absorbing, index=table.index, dtype=bool)
    return table[~mask], table[mask]


def _with_absorbing(mapped: pd.DataFrame, absorbing: pd.DataFrame,
                    history: CodeHistory) -> tuple[pd.DataFrame, list[Unmapped]]:
    """Add each absorbing row to the sum of the 2024 kommune's other parts; without that sum (a part missing or
    divided), the row stays unmapped too, because it alone is not the 2024 kommune."""
    own = {(row.indicator, row.place, int(row.year)): row for row in absorbing.itertuples(index=False)}
    values = mapped["value"].to_numpy(dtype=float, copy=True)
    for index, key in enumerate(zip(mapped["indicator"], mapped["place"], mapped["year"], strict=True)):
        row = own.pop((key[0], key[1], int(key[2])), None)
        if row is not None:
            values[index] += float(row.value)
    unmapped: list[Unmapped] = []
    for row in own.values():
        others = ", ".join(sorted(change.old for change in history.parts(row.place, int(row.year))))
        unmapped.append(Unmapped(int(row.source_row), row.place, int(row.year),
                                 f"{row.place} in {row.year} was one part of the 2024 kommune {row.place}; its other "
                                 f"parts ({others}) could not be summed"))
    return mapped.assign(value=values), unmapped


def _mapped_counts(documents: Sequence[Document], history: CodeHistory | None) -> tuple[pd.DataFrame, list[Unmapped]]:
    """The counts of the documents, in 2024 kommuner when ``history`` is given, and the rows left unmapped."""
    table = _count_table(documents)
    if history is None or table.empty:
        return table, []
    plain, absorbing = _split_absorbing(table, history)
    result = map_to_current(plain, history, {ENTITLED: True, BALLOTS: True})
    mapped, unmapped = _with_absorbing(result.table, absorbing, history)
    return mapped, list(dict.fromkeys([*result.unmapped, *unmapped]))


def _collect(table: pd.DataFrame) -> _Counts:
    counts = _Counts()
    for row in table.itertuples(index=False):
        key = (str(row.place), int(row.year))
        counts.values[key][str(row.indicator)] = float(row.value)
        counts.rows.setdefault(key, int(row.source_row))
    return counts


def _fylke_counts(counts: _Counts, fylker: Mapping[str, Collection[str]]) -> tuple[_Counts, list[str]]:
    """Sums of the kommune counts per 2024 fylke and year, only where every kommune of the fylke has both."""
    result, skipped = _Counts(), list[str]()
    years = sorted({year for place, year in counts.values if place != COUNTRY})
    for year in years:
        for fylke, kommuner in sorted(fylker.items()):
            missing = sorted(k for k in kommuner if len(counts.values.get((k, year), {})) < 2)
            if not kommuner or missing:
                skipped.append(f"fylke {fylke} in {year}: no counts for {len(missing)} of its {len(kommuner)} "
                               f"kommuner ({', '.join(missing[:5])}{', …' if len(missing) > 5 else ''})")
                continue
            for name in (ENTITLED, BALLOTS):
                result.values[(fylke, year)][name] = sum(counts.values[(k, year)][name] for k in kommuner)
            result.rows[(fylke, year)] = min(counts.rows[(k, year)] for k in kommuner)
    return result, skipped


def _turnout_rows(counts: _Counts, indicator: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for (place, year), values in sorted(counts.values.items()):
        if len(values) < 2 or values[ENTITLED] <= 0:
            continue
        rows.append({"indicator": indicator, "place": place, "year": year, "unit": UNIT,
                     "value": round(100.0 * values[BALLOTS] / values[ENTITLED], 2),
                     "source_row": counts.rows[(place, year)]})
    return rows


def read_documents(documents: Sequence[Document], *, indicator: str = "", history: CodeHistory | None = None,
                   fylker: Mapping[str, Collection[str]] | None = None) -> ReadResult:
    """Turnout per kommune (and per 2024 fylke, and the country) from election-results documents.

    Parameters
    ----------
    documents
        Country, constituency and kommune documents, of one or more elections.
    indicator
        The catalogue indicator of every row (empty: the import fills it in).
    history
        The code history. With it, kommunenummer of an earlier structure become 2024 kommuner: the counts of
        the kommuner merged into one are summed when every part is present and none was divided (the rules of
        :func:`lokalagenda.core.codechanges.map_to_current`); the rest is listed in ``provenance["unmapped"]``.
        Without it, rows keep the numbers the documents use (the import maps them later, rates 1:1 only).
    fylker
        Each 2024 fylke's 2024 kommuner (from the places table). A fylke gets a value for a year when every one
        of its kommuner has counts (in 2024 numbers: give ``history`` for elections before 2024). Constituency
        documents never give a fylke value (the Storting constituencies are the fylker before 2020); they are
        listed in ``provenance["skipped"]``.

    Returns
    -------
    ReadResult
        Tidy rows: ``value`` = ``stemmer.total`` / ``antallsb`` × 100, rounded to two decimals, ``unit``
        ``percent``; ``source_row`` is the document's position in ``documents``. The provenance lists every
        document (URL, time fetched, report time, counts, stated turnout).
    """
    skipped = [f"{document.url}: {document.number} {document.name} is an electoral district of the "
               f"{document.election}, not a 2024 fylke" for document in documents if document.level == DISTRICT]
    table, unmapped = _mapped_counts(documents, history)
    counts = _collect(table)
    rows = _turnout_rows(counts, indicator)
    if fylker:
        fylke_counts, fylke_skipped = _fylke_counts(counts, fylker)
        rows += _turnout_rows(fylke_counts, indicator)
        skipped += fylke_skipped
    provenance = {"format": FORMAT, "documents": [document.provenance() for document in documents],
                  "skipped": skipped, "unmapped": [vars(item) for item in unmapped]}
    return ReadResult(normalise(pd.DataFrame(rows)) if rows else empty_table(), [], provenance)


def read_bytes(data: bytes, options: ReadOptions | None = None, file: str = "<valgresultat>") -> ReadResult:
    """Read one fetched document the way :func:`lokalagenda.core.sources.jsonstat.read_bytes` reads a piece:
    a shape problem becomes a :class:`Problem` of the file (the URL), never an exception."""
    try:
        document = parse_document(data, file)
    except DocumentError as error:
        return ReadResult(empty_table(), [Problem(file, None, error.field, str(error))], {"format": FORMAT})
    return read_documents([document], indicator=(options.indicator if options else None) or "")


def read_pieces(pieces: Iterable[FetchedPiece], *, indicator: str = "", history: CodeHistory | None = None,
                fylker: Mapping[str, Collection[str]] | None = None) -> ReadResult:
    """Read fetched pieces together (so merged kommuner and fylker can be summed), keeping each piece's URL and
    fetch time; a piece that is not a valid document is a :class:`Problem`, and nothing is read then."""
    documents: list[Document] = []
    problems: list[Problem] = []
    for piece in pieces:
        try:
            documents.append(parse_piece(piece))
        except DocumentError as error:
            problems.append(Problem(piece.task.url, None, error.field, str(error)))
    if problems:
        return ReadResult(empty_table(), problems, {"format": FORMAT})
    return read_documents(documents, indicator=indicator, history=history, fylker=fylker)


# --- transport and plan ----------------------------------------------------------------------------------------

def make_fetcher(transport: Transport | None = None, *, max_calls: int = MAX_CALLS_PER_MINUTE,
                 window: float = 60.0, clock: Callable[[], float] | None = None,
                 sleep: Callable[[float], None] | None = None, max_attempts: int = 5,
                 base_delay: float = 2.0) -> Fetcher:
    """A rate-limited, retrying fetcher; the tasks of this module are GETs, so ``transport`` answers ``get``
    (``None``: :class:`~lokalagenda.core.sources.ssb.RequestsTransport`, made at the first fetch)."""
    options: dict[str, Any] = {"max_calls": max_calls, "window": window, "max_attempts": max_attempts,
                               "base_delay": base_delay}
    if clock is not None:
        options["clock"] = clock
    if sleep is not None:
        options["sleep"] = sleep
    return make_rate_limited_fetcher(transport, **options)


def document_task(election: Election, url: str) -> FetchTask:
    """A GET of one document as a fetch task; the key is stable for the URL, so a plan can be resumed."""
    table = f"valg-{election.type}"
    return FetchTask(task_key(table, url, {}), table, url, {}, method="GET")


@dataclass(frozen=True)
class ElectionPlan:
    """Every document to read for one election: the country, each constituency, and the wanted kommuner.

    ``index`` holds the country and constituency documents already fetched to find the kommuner (a caller may
    use them rather than fetch them again); ``unreached`` the wanted kommuner that no constituency links to.
    """

    election: Election
    tasks: tuple[FetchTask, ...]
    index: tuple[FetchedPiece, ...]
    unreached: tuple[str, ...]


def _reaches(number: str, year: int, wanted: Collection[str], history: CodeHistory | None) -> set[str]:
    """The wanted 2024 kommuner a kommune number of ``year`` is (part of)."""
    reached = {number} if number in wanted else set()
    if history is not None:
        reached |= {change.new for change in history.successor(number, year) if change.new in wanted}
    return reached


def kommune_links(district: Document, wanted: Collection[str] | None = None,
                  history: CodeHistory | None = None) -> tuple[list[Link], set[str]]:
    """The kommune links of a constituency document, only those of ``wanted`` 2024 kommuner when given (numbers
    of an earlier structure match through their successors in ``history``); and the wanted kommuner reached."""
    links = children(district, KOMMUNE)
    if wanted is None:
        return links, set()
    kept: list[Link] = []
    reached: set[str] = set()
    for link in links:
        hits = _reaches(link.number, district.election.year, wanted, history)
        if hits:
            kept.append(link)
            reached |= hits
    return kept, reached


def discover(fetcher: Fetcher, election: Election, *, wanted: Collection[str] | None = None,
             history: CodeHistory | None = None, base: str = VALG_API,
             progress: Progress = null_progress) -> ElectionPlan:
    """Plan one election by reading its index: the country document, then each constituency it links to.

    Parameters
    ----------
    fetcher
        Fetches the index documents (see :func:`make_fetcher`; tests inject a fake transport).
    election
        The election.
    wanted
        2024 kommunenummer to plan (from the places table); ``None`` plans every kommune the API lists.
    history
        The code history, to match kommune numbers of earlier elections to ``wanted``.
    base
        The API's base URL.
    progress
        Called as ``(done, total, message)`` over the constituencies.

    Raises
    ------
    FetchError
        When an index document cannot be fetched.
    DocumentError
        When an index document is not of the proven shape (for example a ``ko`` index that differs).
    """
    country_task = document_task(election, election_url(election, base))
    country = _fetch_checked(fetcher, country_task, election, base)
    tasks: list[FetchTask] = [country_task]
    index: list[FetchedPiece] = [country[0]]
    kommune_tasks: list[FetchTask] = []
    reached: set[str] = set()
    districts = children(country[1], DISTRICT)
    for done, link in enumerate(districts):
        progress(done, len(districts), f"reading the index of the {election}: {link.name or link.number}")
        task = document_task(election, link_url(link.href, base))
        piece, district = _fetch_checked(fetcher, task, election, base)
        tasks.append(task)
        index.append(piece)
        links, hits = kommune_links(district, wanted, history)
        kommune_tasks += [document_task(election, link_url(kommune.href, base)) for kommune in links]
        reached |= hits
    progress(len(districts), len(districts), f"index of the {election} read")
    unreached = tuple(sorted(set(wanted or ()) - reached))
    return ElectionPlan(election, tuple(tasks + kommune_tasks), tuple(index), unreached)


def _fetch_checked(fetcher: Fetcher, task: FetchTask, election: Election, base: str) -> tuple[FetchedPiece, Document]:
    """Fetch and parse an index document, and check that the API answered with the document asked for."""
    piece = fetcher.fetch(task)
    document = parse_piece(piece, expect=election)
    if link_url(document.path, base) != task.url:
        raise DocumentError(task.url, "_links.self.href", f"is {document.path!r}: the API answered with another "
                            "document", verified=election.kind.verified)
    return piece, document


def plan(fetcher: Fetcher, planned: Iterable[Election], *, wanted: Collection[str] | None = None,
         history: CodeHistory | None = None, base: str = VALG_API,
         progress: Progress = null_progress) -> list[ElectionPlan]:
    """:func:`discover` for each election, in order."""
    return [discover(fetcher, election, wanted=wanted, history=history, base=base, progress=progress)
            for election in planned]

