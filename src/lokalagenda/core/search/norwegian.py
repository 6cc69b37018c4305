"""A small Norwegian normaliser for full-text search, shared by the SQLite and PostgreSQL backends.

Database stemmers differ (SQLite has none for Norwegian; PostgreSQL's Snowball stemmer does not split
compounds or know nynorsk), so both would find different rows for the same words. Instead, this module turns
text into index terms and a query into prefix patterns once, in Python, and each database only matches those
terms. That is why 'klimagasser' finds 'klimagassutslippene' and 'utslepp' finds 'utslipp' on both.

Terms keep their diacritics: 'får' and 'far' are different words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

#: Runs of letters; digits and punctuation separate words (and the databases' tokenisers agree on letters).
_WORD = re.compile(r"[^\W\d_]+")

#: Words too common to narrow a search; dropped from documents and queries alike.
STOP_WORDS = frozenset(
    "og i på til av for med som er det den de en et ei å om fra frå har ved at eller men så seg sin sitt sine"
    " også og hos mot mellom etter under over".split()
)

#: Nynorsk (and older bokmål) words whose bokmål form a search should treat as the same word.
WORD_VARIANTS = {
    "ikkje": "ikke", "eg": "jeg", "kva": "hva", "korleis": "hvordan", "kvifor": "hvorfor", "noko": "noe",
    "mykje": "mye", "heile": "hele", "berre": "bare", "vere": "være", "frå": "fra", "ein": "en", "eit": "et",
    "kvar": "hver", "sjølv": "selv", "medan": "mens", "no": "nå", "dei": "de", "desse": "disse",
}

#: Nynorsk stems and their bokmål counterparts; applied to stems and to the parts of compounds.
STEM_VARIANTS = {
    "utslepp": "utslipp", "berekraft": "bærekraft", "berekraftig": "bærekraftig", "skul": "skol",
    "vatn": "vann", "heim": "hjem", "fornybar": "fornybar", "kvardag": "hverdag", "samarbeid": "samarbeid",
    "busetj": "bosett", "buset": "bosett", "naering": "næring", "nærings": "næring", "likestill": "likestill",
    "born": "barn", "klimagassutslepp": "klimagassutslipp", "auk": "øk", "minsk": "reduser",
    "energieffektiv": "energieffektiv", "avfallshandter": "avfallshandter", "folkehels": "folkehelse",
}

#: Endings removed to reach a stem, longest first; bokmål and nynorsk inflections (-ene/-ane, -ing/-inga ...).
SUFFIXES = tuple(sorted(
    "ingane ingene ingar inger ingen inga ing hetene heitene heita heiten heten heita heit het ande ende"
    " ane ene ar er en et a e".split(), key=len, reverse=True))
#: A stem keeps at least this many letters, so short words are not cut to nothing.
MIN_STEM = 3
#: Stems shorter than this match only whole terms, so 'far' does not find 'farlig'.
MIN_PREFIX = 4

#: A query keeps at most this many terms (a pasted paragraph is not a search); applied before any word is split.
MAX_TERMS = 20
#: A query reads at most this many characters, on every path (the search form allows as many).
MAX_QUERY_CHARS = 200
#: Longer words are indexed and searched whole but never split into parts: no real compound is this long, and
#: splitting costs time with the square of a word's length.
MAX_COMPOUND_LETTERS = 60

#: Known parts of compounds (stems). A word is split when it is two or more of these, optionally joined by
#: the linking letters 's' or 'e' (bærekraft-s-mål).
COMPOUND_PARTS = frozenset(
    "klima gass klimagass utslipp energi fornybar avfall plast mat svinn matsvinn transport kollektiv sykkel"
    " vei veg bil elbil buss tog båt ferje hav kyst vann avløp natur mangfold skog jord landbruk fisk"
    " bærekraft mål folk helse folkehelse skole barn barnehage ungdom eldre omsorg bolig bygg areal plan"
    " kommune fylke samarbeid partner næring arbeid likestilling inkludering fattigdom sirkulær økonomi"
    " innkjøp anskaffelse lading stasjon sol vind kraft strøm varme effektiv forbruk gjenbruk ombruk"
    " flom ras beredskap tilpasning by sentrum grønn tak park friluft idrett kultur frivillig lag"
    " sosial bosetting flyktning integrering språk digital data tjeneste innbygger medvirkning".split()
)


@dataclass(frozen=True)
class Pattern:
    """One index term to look for: a prefix (``stem*``) or, for short stems, the whole term."""

    term: str
    prefix: bool

    def matches(self, term: str) -> bool:
        return term.startswith(self.term) if self.prefix else term == self.term


@dataclass(frozen=True)
class QueryTerm:
    """What one word of a query matches: any of its alternatives, each a set of patterns that must all match.

    'klimagassutslipp' has two alternatives: the compound itself, or both its parts (klimagass*, utslipp*).
    """

    word: str
    alternatives: tuple[tuple[Pattern, ...], ...]

    def matches(self, terms: Iterable[str]) -> bool:
        present = set(terms)
        return any(all(any(p.matches(t) for t in present) for p in group) for group in self.alternatives)

    def patterns(self) -> Iterator[Pattern]:
        for group in self.alternatives:
            yield from group


@dataclass(frozen=True)
class Query:
    """A parsed query: every term must match (AND); empty when the text had no searchable words."""

    terms: tuple[QueryTerm, ...]

    def __bool__(self) -> bool:
        return bool(self.terms)

    def matches(self, terms: Iterable[str]) -> bool:
        present = set(terms)
        return bool(self.terms) and all(term.matches(present) for term in self.terms)


def words(text: str) -> list[str]:
    """The lower-cased words of ``text`` (letters only), without stop words."""
    return [w for w in _WORD.findall(text.lower()) if w not in STOP_WORDS]


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """A light stem of a lower-cased word: nynorsk forms mapped to bokmål, common endings removed.

    >>> stem("klimagasser"), stem("utsleppa"), stem("planlegginga") == stem("planlegging")
    ('klimagass', 'utslipp', True)
    """
    word = WORD_VARIANTS.get(word, word)
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            word = word[: -len(suffix)]
            break
    return STEM_VARIANTS.get(word, word)


@lru_cache(maxsize=50_000)
def compound_parts(stemmed: str) -> tuple[str, ...]:
    """The known parts of a compound stem, fewest parts first; ``()`` when it is not a known compound.

    >>> compound_parts("klimagassutslipp")
    ('klimagass', 'utslipp')
    """
    if len(stemmed) > MAX_COMPOUND_LETTERS:
        return ()
    best = _split(stemmed)
    return best if best is not None and len(best) > 1 else ()


@lru_cache(maxsize=50_000)
def _split(rest: str) -> tuple[str, ...] | None:
    """Splits ``rest`` into known parts (the last may carry an inflection), preferring the fewest parts.

    Memoised: a word like 'bilebile…' can be cut at every part and linking letter, and without the memo the same
    tails are split again for every way of reaching them, which doubles the time with every four letters.
    """
    if _known(rest):
        return (_part(rest),)
    best: tuple[str, ...] | None = None
    for end in range(len(rest) - 2, 2, -1):
        head = rest[:end]
        if not _known(head):
            continue
        for tail in _tails(rest[end:]):
            split = _split(tail)
            if split is not None and (best is None or len(split) + 1 < len(best)):
                best = (_part(head), *split)
    return best


def _tails(tail: str) -> list[str]:
    """The remainder after a part, and, when it starts with a linking letter, the remainder after that too."""
    return [tail, tail[1:]] if tail[:1] in {"s", "e"} and len(tail) > 3 else [tail]


def _known(part: str) -> bool:
    return part in COMPOUND_PARTS or part in STEM_VARIANTS or stem(part) in COMPOUND_PARTS


def _part(part: str) -> str:
    return STEM_VARIANTS.get(part, stem(part) if stem(part) in COMPOUND_PARTS else part)


def index_terms(text: str) -> list[str]:
    """The terms to store for ``text``: every word's stem and, for known compounds, the stems of its parts.

    Unique and in first-seen order, so the stored document stays small and stable.
    """
    seen: dict[str, None] = {}
    for word in words(text):
        stemmed = stem(word)
        seen.setdefault(stemmed, None)
        for part in compound_parts(stemmed):
            seen.setdefault(part, None)
    return list(seen)


def _pattern(term: str) -> Pattern:
    return Pattern(term, prefix=len(term) >= MIN_PREFIX)


def parse_query(text: str) -> Query:
    """Parses what a person typed into terms that must all match; each term also matches its inflections,
    nynorsk/bokmål variants and, for compounds, its parts.

    >>> [p.term for p in parse_query("klimagassutslepp").terms[0].patterns()]
    ['klimagassutslipp', 'klimagass', 'utslipp']
    """
    first_words: dict[str, str] = {}
    for word in words(text[:MAX_QUERY_CHARS]):
        first_words.setdefault(stem(word), word)
    terms = []
    for stemmed, word in list(first_words.items())[:MAX_TERMS]:
        alternatives: list[tuple[Pattern, ...]] = [(_pattern(stemmed),)]
        parts = compound_parts(stemmed)
        if parts:
            alternatives.append(tuple(_pattern(part) for part in parts))
        terms.append(QueryTerm(word, tuple(alternatives)))
    return Query(tuple(terms))


def highlight(text: str, query: Query) -> list[tuple[str, bool]]:
    """``text`` cut into pieces, each marked True where a word matches one of the query's patterns.

    The caller escapes the pieces and marks the matches (``<mark>``); the text itself is never trusted.
    """
    patterns = [p for term in query.terms for p in term.patterns()]
    pieces: list[tuple[str, bool]] = []
    position = 0
    for match in _WORD.finditer(text):
        word = match.group().lower()
        if word in STOP_WORDS:
            continue
        stemmed = stem(word)
        terms = (stemmed, *compound_parts(stemmed))
        if any(p.matches(t) for p in patterns for t in terms):
            if match.start() > position:
                pieces.append((text[position:match.start()], False))
            pieces.append((match.group(), True))
            position = match.end()
    if position < len(text):
        pieces.append((text[position:], False))
    return pieces
