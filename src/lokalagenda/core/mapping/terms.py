"""Transparent Norwegian term lists per SDG target, and the matcher that finds them in bokmål and nynorsk text.

The lists live in ``data/terms.yaml`` so a planner can review them. Terms are written as stems; a term word
matches a text word that starts with it (inflection: "klimagassutslipp" → "klimagassutslippene", and compounds
whose first part it is) and, for term words of ``SUFFIX_MATCH_MIN`` letters or more, a text word that ends with it
plus an inflection ending ("avfall" → "husholdningsavfallet"). Each term counts ``log(1 + T / n)`` where ``n`` is
the number of the ``T`` targets that list it, so a word shared by many targets says less about each.

Each target's entries are filed by the kind of source they come from (:data:`SOURCE_KINDS`), so a reader and a
test can check where every term comes from; a term file for a test may also give a target a plain list.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from lokalagenda.core.errors import Location, SourceDataError
from lokalagenda.core.framework import TargetCode
from lokalagenda.core.mapping.text import tokens

#: Term words this long may also match at the end of a compound word.
SUFFIX_MATCH_MIN = 5
#: The endings (bokmål and nynorsk) a word may carry after a term matched at the end of a compound.
INFLECTIONS = frozenset(
    ["", "e", "en", "er", "ene", "et", "a", "ane", "ar", "ne", "s", "es", "ens", "ets", "ers", "t"]
)
#: The kinds of source a target's terms are filed under in ``terms.yaml``: ``un``, the concepts of the target's
#: UN target and indicator texts; ``planner``, the vocabulary of Norwegian municipal plans and services.
SOURCE_KINDS = ("un", "planner")
#: The linking letter between the parts of a compound ("avfall-s-plan").
_LINK = "s"


def default_terms_path() -> Path:
    """The term file shipped with the package."""
    return Path(str(resources.files("lokalagenda.core.mapping").joinpath("data/terms.yaml")))


@dataclass(frozen=True)
class Term:
    """One entry of a target's list: the text as written, its normalised words and the kind of source it comes
    from (one of :data:`SOURCE_KINDS`, or empty for a plain list)."""

    text: str
    words: tuple[str, ...]
    source: str = ""


@dataclass(frozen=True)
class TermHit:
    """A term found in a text: the term, the words of the text that matched it and the weight it adds."""

    term: str
    found: str
    weight: float


def _word_matches(term_word: str, word: str, exceptions: frozenset[str]) -> bool:
    if any(word.startswith(exception) for exception in exceptions):
        return False
    if word.startswith(term_word):
        return True
    if len(term_word) < SUFFIX_MATCH_MIN:
        return False
    position = word.find(term_word, 3)
    while position != -1:
        tail = word[position + len(term_word) :]
        if tail in INFLECTIONS or (tail.startswith(_LINK) and len(tail) > 3):
            return True
        position = word.find(term_word, position + 1)
    return False


class TermIndex:
    """The term lists of every target and the matcher. Build it with :meth:`load`."""

    def __init__(self, terms: dict[str, list[Term]], exceptions: dict[str, frozenset[str]]) -> None:
        self.terms = terms
        self.exceptions = exceptions
        counts: dict[str, int] = {}
        for target_terms in terms.values():
            for term in {t.text for t in target_terms}:
                counts[term] = counts.get(term, 0) + 1
        self.weights = {term: math.log(1 + len(terms) / n) for term, n in counts.items()}
        self._by_first: dict[str, list[tuple[str, Term]]] = {}
        for target, target_terms in terms.items():
            for term in target_terms:
                self._by_first.setdefault(term.words[0], []).append((target, term))

    @classmethod
    def load(cls, path: Path | None = None, known_targets: Iterable[str] | None = None) -> TermIndex:
        """Read a term file (the packaged one by default); every target must be a known target code."""
        path = path or default_terms_path()
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        problems: list[tuple[Location, str]] = []
        known = set(known_targets) if known_targets is not None else None
        terms: dict[str, list[Term]] = {}
        for code, entries in (raw.get("targets") or {}).items():
            code = str(code)
            try:
                TargetCode.parse(code)
            except ValueError as error:
                problems.append((Location(path, column=code), str(error)))
                continue
            if known is not None and code not in known:
                problems.append((Location(path, column=code), f"{code} is not a target in targets.csv"))
            terms[code] = _target_terms(entries, Location(path, column=code), problems)
        if problems:
            raise SourceDataError(problems)
        exceptions = {
            str(word): frozenset(str(e) for e in others or [])
            for word, others in (raw.get("compound_exceptions") or {}).items()
        }
        return cls(terms, exceptions)

    def by_source(self) -> dict[str, list[tuple[str, Term]]]:
        """Every ``(target, term)`` entry, grouped by the kind of source it comes from."""
        grouped: dict[str, list[tuple[str, Term]]] = {}
        for target, target_terms in self.terms.items():
            for term in target_terms:
                grouped.setdefault(term.source, []).append((target, term))
        return grouped

    def without(self, entries: Iterable[tuple[str, str]]) -> TermIndex:
        """This index less the ``(target, term text)`` entries given (the evaluation drops the terms a held-out
        group's texts could have taught, see :func:`evidenced_terms`)."""
        dropped = set(entries)
        terms = {target: [term for term in target_terms if (target, term.text) not in dropped]
                 for target, target_terms in self.terms.items()}
        return TermIndex(terms, self.exceptions)

    def _match_at(self, words: list[str], start: int, term: Term) -> bool:
        if start + len(term.words) > len(words):
            return False
        return all(
            _word_matches(term_word, words[start + offset], self.exceptions.get(term_word, frozenset()))
            for offset, term_word in enumerate(term.words)
        )

    def match(self, text: str) -> dict[str, list[TermHit]]:
        """Every target whose terms occur in ``text``, with the distinct terms found (first occurrence).

        Per target and text position the longest term that matches there counts: "klimagassutslippene" is
        evidence of "klimagassutslipp", not also of "klimagass" and "utslipp". Across targets, a term whose first
        word matched only the end of a compound yields to another target's term that names the compound from its
        start and reaches into that end: in "klimagassutsleppa frå vegtrafikken", 13.2's "klimagassutslepp" says
        which emissions they are, so 11.6's "utslepp frå trafikk" (local air pollution) is not found there.
        """
        words = tokens(text)
        best = self._longest_at(words)
        # How far into each word a term that matched from the word's start reaches.
        named_from_start: dict[int, int] = {}
        for by_start in best.values():
            for start, term in by_start.items():
                if words[start].startswith(term.words[0]):
                    named_from_start[start] = max(named_from_start.get(start, 0), len(term.words[0]))
        hits: dict[str, list[TermHit]] = {}
        for target, by_start in best.items():
            seen: dict[str, TermHit] = {}
            for start, term in sorted(by_start.items()):
                if _yields(words[start], term.words[0], named_from_start.get(start, 0)):
                    continue
                found = " ".join(words[start : start + len(term.words)])
                seen.setdefault(term.text, TermHit(term.text, found, self.weights[term.text]))
            if seen:
                hits[target] = list(seen.values())
        return hits

    def _longest_at(self, words: list[str]) -> dict[str, dict[int, Term]]:
        """Per target and text position, the longest of the target's terms that matches there."""
        candidates = self._candidates(words)
        best: dict[str, dict[int, Term]] = {}
        for start, word in enumerate(words):
            for target, term in candidates.get(word, ()):
                current = best.get(target, {}).get(start)
                if (current is None or len(term.text) > len(current.text)) and self._match_at(words, start, term):
                    best.setdefault(target, {})[start] = term
        return best

    def _candidates(self, words: list[str]) -> dict[str, list[tuple[str, Term]]]:
        """For each distinct word of the text, the terms whose first word occurs somewhere in it."""
        candidates: dict[str, list[tuple[str, Term]]] = {}
        for word in set(words):
            found: list[tuple[str, Term]] = []
            for key in _substrings(word):
                found.extend(self._by_first.get(key, ()))
            candidates[word] = found
        return candidates


def _target_terms(entries: object, location: Location, problems: list[tuple[Location, str]]) -> list[Term]:
    """One target's entries: a mapping of source kind to terms, or a plain list (kind left empty). A term listed
    twice is kept once, under the first kind that lists it."""
    if isinstance(entries, dict):
        unknown = sorted(str(kind) for kind in entries if kind not in SOURCE_KINDS)
        if unknown:
            problems.append((location, f"unknown source kind {', '.join(unknown)}; use {', '.join(SOURCE_KINDS)}"))
        pairs = [(str(kind), entry) for kind, listed in entries.items() for entry in listed or []]
    else:
        pairs = [("", entry) for entry in entries or []]
    unique: dict[str, str] = {}
    for kind, entry in pairs:
        unique.setdefault(str(entry).strip(), kind)
    return [Term(text, tuple(tokens(text)), kind) for text, kind in unique.items() if tokens(text)]


def _yields(word: str, term_word: str, named_from_start: int) -> bool:
    """Whether a term whose first word ``term_word`` matched only the end of ``word`` yields to another term that
    names ``word`` from its start and reaches ``named_from_start`` letters into it, past where ``term_word`` begins."""
    return not word.startswith(term_word) and named_from_start > word.rfind(term_word)


@lru_cache(maxsize=65536)
def _substrings(word: str) -> frozenset[str]:
    return frozenset(word[i:j] for i in range(len(word)) for j in range(i + 1, len(word) + 1))


def evidenced_terms(index: TermIndex, texts: Iterable[tuple[str, Iterable[str]]]) -> set[tuple[str, str]]:
    """The ``(target, term)`` entries that occur in one of ``texts`` (each a text and its targets) linked to that
    target: the terms these texts would teach whoever wrote the lists with them in view."""
    found: set[tuple[str, str]] = set()
    for text, targets in texts:
        wanted = set(targets)
        for target, hits in index.match(text).items():
            if target in wanted:
                found.update((target, hit.term) for hit in hits)
    return found


@dataclass(frozen=True)
class TitleOverlap:
    """How much of a term file reads like a set of titles: what ``benchmarks/text_mapping.py`` reports.

    ``copies``: entries whose words are a whole title's words, or share at least 80 per cent of them (Jaccard),
    each with the title; ``phrases``: entries of three words or more found word for word inside a title;
    ``evidenced``: entries found in a title linked to their own target (:func:`evidenced_terms`);
    ``covered``: how many of the titles hold a term of one of their targets.
    """

    entries: int
    copies: list[tuple[str, str, str]]
    phrases: list[tuple[str, str, str]]
    evidenced: set[tuple[str, str]]
    covered: int
    titles: int


def title_overlap(index: TermIndex, titles: Sequence[tuple[str, Iterable[str]]]) -> TitleOverlap:
    """Measure how far the term lists copy ``titles`` (each a title and its targets), see :class:`TitleOverlap`."""
    normalised = {" ".join(tokens(title)): title for title, _ in titles}
    word_sets = {key: frozenset(key.split()) for key in normalised}
    entries = [(target, term) for target, target_terms in index.terms.items() for term in target_terms]
    copies: list[tuple[str, str, str]] = []
    phrases: list[tuple[str, str, str]] = []
    for target, term in entries:
        words = frozenset(term.words)
        close = [key for key, other in word_sets.items() if len(words & other) >= 0.8 * len(words | other)]
        if close:
            copies.append((target, term.text, normalised[close[0]]))
        elif len(term.words) >= 3:
            phrase = f" {' '.join(term.words)} "
            inside = next((key for key in normalised if phrase in f" {key} "), None)
            if inside is not None:
                phrases.append((target, term.text, normalised[inside]))
    covered = sum(1 for title, targets in titles if set(targets) & set(index.match(title)))
    return TitleOverlap(len(entries), copies, phrases, evidenced_terms(index, titles), covered, len(titles))
