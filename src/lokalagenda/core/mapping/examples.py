"""Labelled texts the engine learns from: KS taxonomy indicator titles and the SDG target texts themselves.

The KS SDG taxonomy links each indicator of a Norwegian municipal set (waste, water, child welfare, public
health …) to the SDG targets it informs. Those titles are written in the language kommuner use, which makes them
the best labelled Norwegian material available. The UN indicator titles in the taxonomy start with their own
code ("10.4.1 Labour share of GDP"); the code is removed so a model cannot learn the answer from it.
"""

from __future__ import annotations

import csv
import math
import random
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from lokalagenda.core.errors import InvalidCode, Location, SourceDataError
from lokalagenda.core.framework import IndicatorCode, TargetCode
from lokalagenda.core.mapping.text import tokens

KS_FILE = "frameworks/ks_sdg_taxonomy_indicators.csv"
TARGETS_FILE = "sdg/targets.csv"
INDICATORS_FILE = "sdg/indicators.csv"
#: The KS scheme held back from the data bundle as an evaluation set.
HELD_BACK_SCHEME = "De-norske-målepunktene"

_LEADING_CODE_RE = re.compile(r"^\s*\d{1,2}\.[0-9a-z]{1,2}(\.\d{1,2})?\s+")


@dataclass(frozen=True)
class LabelledText:
    """A text with the SDG targets it is linked to, and where it comes from (shown as evidence)."""

    text: str
    targets: tuple[str, ...]
    source: str
    #: The KS topics (``development_sector``, e.g. ``Water_and_waste``) of a KS text, in the taxonomy's order;
    #: empty for other texts. The leave-one-topic-out evaluation holds out whole topics by them.
    topics: tuple[str, ...] = ()

    @property
    def goals(self) -> frozenset[int]:
        return frozenset(int(target.split(".")[0]) for target in self.targets)

    @property
    def from_ks(self) -> bool:
        """A KS indicator title (not a target's or UN indicator's own text or a term list)."""
        return self.source.startswith("KS")


def scheme_label(scheme: str) -> str:
    """A readable name of a KS scheme id: "Avfall---Avfall-fra-husholdninger" → "Avfall – Avfall fra husholdninger"."""
    text = scheme.replace("---", " – ").replace("--og-", "\0og ").replace("--", " – ")
    text = re.sub(r"(\d)\.-(\d)", r"\1.–\2", text)  # "5.-10. trinn"
    return text.replace("-", " ").replace("\0", "- ").strip()


def parse_targets(cell: str) -> tuple[str, ...]:
    """The target codes of a ``sdg_targets_or_indicators`` cell; indicator codes count as their target."""
    found: list[str] = []
    for part in cell.replace(",", ";").split(";"):
        part = part.strip()
        code = _target_of(part) if part else None
        if code is not None and code not in found:
            found.append(code)
    return tuple(found)


def read_ks_texts(path: Path) -> list[LabelledText]:
    """The labelled titles of a KS taxonomy file (rows without targets or title are left out)."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    texts: list[LabelledText] = []
    for row in rows:
        text = _LEADING_CODE_RE.sub("", row.get("title") or "").strip()
        targets = parse_targets(row.get("sdg_targets_or_indicators") or "")
        if text and targets:
            topics = tuple(part.strip() for part in (row.get("development_sector") or "").split(";") if part.strip())
            texts.append(LabelledText(text, targets, f"KS: {scheme_label(row.get('scheme') or '')}", topics))
    return texts


#: The columns of a labelled text file (``read_labelled_file``): the text, and its SDG targets.
LABELLED_COLUMNS = ("text", "targets")
#: The columns that mark a KS taxonomy export, also accepted by ``read_labelled_file``.
KS_COLUMNS = ("title", "sdg_targets_or_indicators")


def read_labelled_file(path: Path, known_targets: Iterable[str] = ()) -> list[LabelledText]:
    """The labelled texts of an outside evaluation file (``benchmarks/text_mapping.py --held-back FILE``).

    Two layouts are read, both UTF-8 CSV with a header row:

    * ``text,targets[,source]``: one text per row; ``targets`` holds one or more SDG target codes (``11.6``) or
      UN indicator codes (``11.6.1``, read as their target), separated by ``;`` (or ``,``); ``source`` (optional) names
      where the text comes from. Every row must have a text and targets that are all valid codes (of
      ``known_targets``, when given).
    * a KS taxonomy export (``title``, ``sdg_targets_or_indicators``, ``scheme``, …), read as
      :func:`read_ks_texts` reads the bundle's: rows without a target link are skipped, as KS leaves many
      concepts unlinked.

    Raises
    ------
    SourceDataError
        For a missing or unreadable file, a file without either layout's columns, or a row without a text,
        without targets or with a value that is not a target code; each problem names the file, the row
        (header = row 1) and the column.
    """
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            columns = list(reader.fieldnames or [])
            if all(column in columns for column in KS_COLUMNS):
                return read_ks_texts(path)
            rows = list(reader)
    except FileNotFoundError as error:
        raise SourceDataError([(Location(path), "file not found")]) from error
    except (UnicodeDecodeError, csv.Error) as error:
        raise SourceDataError([(Location(path), f"is not a UTF-8 CSV file ({error})")]) from error
    missing = [column for column in LABELLED_COLUMNS if column not in columns]
    if missing:
        found = ", ".join(repr(c) for c in columns) or "none"
        raise SourceDataError([(Location(path, row=1), f"the header needs the columns 'text' and 'targets' "
                                f"(or a KS taxonomy export's {KS_COLUMNS[0]!r} and {KS_COLUMNS[1]!r}); "
                                f"missing {', '.join(repr(c) for c in missing)}, found {found}")])
    texts, problems = _labelled_rows(path, rows, frozenset(known_targets))
    if problems:
        raise SourceDataError(problems)
    if not texts:
        raise SourceDataError([(Location(path), "holds no labelled text (only a header)")])
    return texts


def _labelled_rows(
    path: Path, rows: list[dict[str, str]], known: frozenset[str]
) -> tuple[list[LabelledText], list[tuple[Location, str]]]:
    """The texts of a ``text,targets`` file's rows, and every problem found (a row may have several)."""
    texts: list[LabelledText] = []
    problems: list[tuple[Location, str]] = []
    for number, row in enumerate(rows, start=2):
        text = (row.get("text") or "").strip()
        if not text:
            problems.append((Location(path, number, "text"), "the text is empty"))
        targets: list[str] = []
        for part in filter(None, (p.strip() for p in (row.get("targets") or "").replace(",", ";").split(";"))):
            code = _target_of(part)
            if code is None:
                problems.append((Location(path, number, "targets"),
                                 f"{part!r} is not an SDG target code (such as 11.6) or indicator code (11.6.1)"))
            elif known and code not in known:
                problems.append((Location(path, number, "targets"), f"{part!r}: there is no SDG target {code}"))
            elif code not in targets:
                targets.append(code)
        if not (row.get("targets") or "").strip():
            problems.append((Location(path, number, "targets"), "no target is given"))
        if text and targets:
            texts.append(LabelledText(text, tuple(targets), (row.get("source") or "").strip() or path.name))
    return texts, problems


def _target_of(code: str) -> str | None:
    """The target of a target or indicator code, or None when ``code`` is neither."""
    try:
        return str(TargetCode.parse(code))
    except InvalidCode:
        try:
            return str(IndicatorCode.parse(code).target)
        except InvalidCode:
            return None


def read_target_texts(path: Path) -> list[LabelledText]:
    """Each SDG target's English and bokmål text, labelled with the target itself."""
    return _titles(path, ("title_nb", "title_en"), "code", "FN-delmål")


def read_indicator_texts(path: Path) -> list[LabelledText]:
    """Each UN indicator's English and bokmål title, labelled with its target (repeated indicators once each)."""
    return _titles(path, ("title_en", "title_nb"), "target", "FN-indikator")


def _titles(path: Path, columns: tuple[str, ...], target_column: str, source: str) -> list[LabelledText]:
    """Every non-empty title of each row (in the order of ``columns``), labelled with the row's target and
    sourced as ``"{source} {code}"``."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [LabelledText(row[column].strip(), (row[target_column],), f"{source} {row['code']}")
            for row in rows for column in columns if row.get(column, "").strip()]


def split_texts(
    texts: Iterable[LabelledText], test_share: float = 0.2, seed: int = 2030
) -> tuple[list[LabelledText], list[LabelledText]]:
    """Split into train and test by a fixed seed, keeping every copy of the same wording on the same side.

    The taxonomy repeats titles across schemes ("Landareal" twice), so the split is by normalised wording:
    a test text is never seen, not even as a duplicate, when the engine is trained.
    """
    groups: dict[str, list[LabelledText]] = {}
    for text in texts:
        groups.setdefault(" ".join(tokens(text.text)), []).append(text)
    keys = sorted(groups)
    random.Random(seed).shuffle(keys)
    cut = round(len(keys) * test_share)
    test = [text for key in keys[:cut] for text in groups[key]]
    train = [text for key in keys[cut:] for text in groups[key]]
    return train, test


#: Two texts whose sets of words overlap this much (Jaccard) are near-duplicates: the same title in two schemes.
NEAR_DUPLICATE_JACCARD = 0.8
#: Two texts whose character 2–4-gram TF-IDF vectors have at least this cosine are siblings: one family of titles
#: that differ in a word or a unit ("Andel slam levert til jordprodusent" / "Mengde slam levert til
#: jordprodusent", "Percentage of population satisfied with quality of water" / "… of air").
SIBLING_SIMILARITY = 0.7
#: A scheme (or a topic) is a test fold when it has at least this many labelled texts.
MIN_FOLD_TEXTS = 20


@dataclass(frozen=True)
class Fold:
    """One fold of a held-out evaluation: the test texts of one group (a KS scheme or a KS topic), and the
    training texts that are left once the group and every near-duplicate of its texts are taken out."""

    name: str
    train: list[LabelledText]
    test: list[LabelledText]


def _word_set(text: str) -> frozenset[str]:
    return frozenset(tokens(text))


def _without(texts: list[LabelledText], dropped: set[int]) -> list[LabelledText]:
    """``texts`` less the ``dropped`` indices and the translations of every dropped non-KS text (a target's or
    UN indicator's English and bokmål texts share one ``source`` such as "FN-indikator 8.5.2")."""
    sources = {texts[index].source for index in dropped if not texts[index].from_ks}
    return [text for index, text in enumerate(texts) if index not in dropped and text.source not in sources]


def without_near_duplicates(texts: Iterable[LabelledText], held_out: Iterable[str]) -> list[LabelledText]:
    """``texts`` less every text that is a near-duplicate of a held-out text, and its translations.

    A near-duplicate has the same words or shares :data:`NEAR_DUPLICATE_JACCARD` of them ("Unemployment rate" in
    the OECD and the JRC sets). A target's or UN indicator's texts in English and bokmål (one ``source`` such as
    "FN-indikator 8.5.2") go together: when one of them is a near-duplicate, its translation leaves too.
    """
    texts = list(texts)
    by_word: dict[str, list[frozenset[str]]] = {}
    for words in {_word_set(text) for text in held_out}:
        for word in words:
            by_word.setdefault(word, []).append(words)
    dropped: set[int] = set()
    for index, text in enumerate(texts):
        words = _word_set(text.text)
        candidates = {other for word in words for other in by_word.get(word, ())}
        if any(len(words & other) >= NEAR_DUPLICATE_JACCARD * len(words | other) for other in candidates):
            dropped.add(index)
    return _without(texts, dropped)


@lru_cache(maxsize=65536)
def char_ngrams(text: str) -> Mapping[str, int]:
    """The character 2-, 3- and 4-grams of each word of ``text`` (padded with a space at both ends), counted.

    Cached, as every fold of an evaluation reads the same texts again: the result must not be changed.
    """
    grams: Counter[str] = Counter()
    for word in tokens(text):
        padded = f" {word} "
        for size in (2, 3, 4):
            grams.update(padded[i : i + size] for i in range(len(padded) - size + 1))
    return grams


def tfidf_vectors(texts: Sequence[str], idf: dict[str, float]) -> list[dict[str, float]]:
    """L2-normalised ``(1 + log tf) · idf`` vectors of the texts' character n-grams (grams without an idf drop)."""
    vectors = []
    for counts in (char_ngrams(text) for text in texts):
        vector = {g: (1 + math.log(n)) * idf[g] for g, n in counts.items() if g in idf}
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        vectors.append({g: v / norm for g, v in vector.items()})
    return vectors


def inverse_document_frequencies(texts: Sequence[str]) -> dict[str, float]:
    """Smoothed idf, ``log((1 + N) / (1 + df)) + 1``, of every character n-gram of ``texts``."""
    frequency: Counter[str] = Counter(gram for text in texts for gram in char_ngrams(text))
    return {gram: math.log((1 + len(texts)) / (1 + df)) + 1 for gram, df in frequency.items()}


def without_siblings(texts: Iterable[LabelledText], held_out: Sequence[str]) -> list[LabelledText]:
    """:func:`without_near_duplicates`, and also less every text whose character n-gram similarity to a held-out
    text is at least :data:`SIBLING_SIMILARITY` (a sibling title of the same family), with its translations.

    The n-gram weights (idf) are those of the texts and the held-out texts together, so a template shared by a
    whole family ("Hvor fornøyd eller misfornøyd er du med …") counts less than the words that tell them apart.
    """
    texts = without_near_duplicates(texts, held_out)
    idf = inverse_document_frequencies([*(t.text for t in texts), *held_out])
    if not texts or not held_out:
        return texts
    held = tfidf_vectors(held_out, idf)
    column = {gram: index for index, gram in enumerate({gram for vector in held for gram in vector})}

    def matrix(vectors: list[dict[str, float]]) -> np.ndarray:
        """The vectors over the held-out texts' n-grams only: the others add nothing to a cosine with them."""
        dense = np.zeros((len(vectors), len(column)), dtype=np.float32)
        for row, vector in enumerate(vectors):
            for gram, value in vector.items():
                if gram in column:
                    dense[row, column[gram]] = value
        return dense

    similarity = matrix(tfidf_vectors([t.text for t in texts], idf)) @ matrix(held).T
    return _without(texts, set(np.flatnonzero(similarity.max(axis=1) >= SIBLING_SIMILARITY).tolist()))


def leave_one_scheme_out(texts: Iterable[LabelledText], min_texts: int = MIN_FOLD_TEXTS) -> list[Fold]:
    """One fold per KS scheme (a text's ``source``) with at least ``min_texts`` texts: that scheme against the rest.

    The training side holds the texts of every other scheme less the near-duplicates of the test texts (see
    :func:`without_near_duplicates`), so no test wording is seen in training, not even from another scheme.
    Folds come in order of size, largest first.
    """
    texts = list(texts)
    schemes: dict[str, list[LabelledText]] = {}
    for text in texts:
        schemes.setdefault(text.source, []).append(text)
    folds = []
    for scheme, test in sorted(schemes.items(), key=lambda item: (-len(item[1]), item[0])):
        if len(test) >= min_texts:
            others = [text for text in texts if text.source != scheme]
            folds.append(Fold(scheme, without_near_duplicates(others, [t.text for t in test]), test))
    return folds


def leave_one_topic_out(texts: Iterable[LabelledText], min_texts: int = MIN_FOLD_TEXTS) -> list[Fold]:
    """One fold per KS topic (``development_sector``) that is the first topic of at least ``min_texts`` texts.

    The bundle's schemes share topics: two sewage sets, two child-welfare sets, public health and Ungdata, the
    OECD and JRC sets. Holding out one scheme leaves its topic's other schemes in training, which a user's plan
    text never has. So the test side of a fold is every text whose first topic is the fold's topic, from
    whichever scheme; the training side is every text that does not list the topic at all, less each text that
    is a near-duplicate or a sibling of a test text (:func:`without_siblings`). Each text is tested once (in its
    first topic's fold); texts without a topic, and those of topics too small for a fold, are only trained on.
    Folds come in order of size, largest first.
    """
    texts = list(texts)
    topics: dict[str, list[LabelledText]] = {}
    for text in texts:
        if text.topics:
            topics.setdefault(text.topics[0], []).append(text)
    folds = []
    for topic, test in sorted(topics.items(), key=lambda item: (-len(item[1]), item[0])):
        if len(test) >= min_texts:
            others = [text for text in texts if topic not in text.topics]
            folds.append(Fold(topic, without_siblings(others, [t.text for t in test]), test))
    return folds
