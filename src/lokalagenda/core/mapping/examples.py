"""Labelled texts the engine learns from: KS taxonomy indicator titles and the SDG target texts themselves.

The KS SDG taxonomy links each indicator of a Norwegian municipal set (waste, water, child welfare, public
health …) to the SDG targets it informs. Those titles are written in the language kommuner use, which makes them
the best labelled Norwegian material available. The UN indicator titles in the taxonomy start with their own
code ("10.4.1 Labour share of GDP"); the code is removed so a model cannot learn the answer from it.
"""

from __future__ import annotations

import csv
import random
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from lokalagenda.core.errors import InvalidCode
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

    @property
    def goals(self) -> frozenset[int]:
        return frozenset(int(target.split(".")[0]) for target in self.targets)


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
        if not part:
            continue
        try:
            code = str(TargetCode.parse(part))
        except InvalidCode:
            try:
                code = str(IndicatorCode.parse(part).target)
            except InvalidCode:
                continue
        if code not in found:
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
            texts.append(LabelledText(text, targets, f"KS: {scheme_label(row.get('scheme') or '')}"))
    return texts


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
#: A scheme is a test fold of the leave-one-scheme-out evaluation when it has at least this many labelled texts.
MIN_FOLD_TEXTS = 20


@dataclass(frozen=True)
class SchemeFold:
    """One fold of the leave-one-scheme-out evaluation: the texts of one scheme and those of every other."""

    scheme: str
    train: list[LabelledText]
    test: list[LabelledText]


def _word_set(text: str) -> frozenset[str]:
    return frozenset(tokens(text))


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
    dropped_sources: set[str] = set()
    dropped: set[int] = set()
    for index, text in enumerate(texts):
        words = _word_set(text.text)
        candidates = {other for word in words for other in by_word.get(word, ())}
        if any(len(words & other) >= NEAR_DUPLICATE_JACCARD * len(words | other) for other in candidates):
            dropped.add(index)
            if not text.source.startswith("KS"):
                dropped_sources.add(text.source)
    return [text for index, text in enumerate(texts) if index not in dropped and text.source not in dropped_sources]


def leave_one_scheme_out(texts: Iterable[LabelledText], min_texts: int = MIN_FOLD_TEXTS) -> list[SchemeFold]:
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
            folds.append(SchemeFold(scheme, without_near_duplicates(others, [t.text for t in test]), test))
    return folds
