"""Target suggestions for a local goal, an action or a whole plan document, from the offline mapping engine.

The engine is loaded once per process. Suggestions for a subject are cached under a hash of its text, so the
accept and reject buttons find the same suggestion (score and evidence) the editor was shown, and a changed text
gets fresh ones. Targets already linked or rejected for the subject are not offered again.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.cache import cache

from lokalagenda.core.datadir import DataDirectory
from lokalagenda.framework.models import Target
from lokalagenda.plans.models import TargetLink
from lokalagenda.plans.subjects import kind_of

TOP = 8
"""How many suggestions a goal, action or document gets."""
CACHE_SECONDS = 60 * 60
EVIDENCE_MAX = 6


@dataclass(frozen=True)
class TargetSuggestion:
    target: Target
    score: float
    evidence: tuple[str, ...]


@functools.cache
def suggester() -> Any:
    """The mapping engine, loaded once per process from the data bundle (with its cache under VAR_DIR).

    Imported here: the engine's model is only needed when a suggestion is asked for, not to serve plan pages.
    """
    from lokalagenda.core.mapping import TargetSuggester

    root = Path(settings.LOKALAGENDA_DATA_DIR) if settings.LOKALAGENDA_DATA_DIR else (
        DataDirectory.from_environment().root)
    return TargetSuggester.load(root, Path(settings.VAR_DIR) / "cache" / "mapping")


def _document_suggestions(text: str) -> list[tuple[str, float, tuple[str, ...]]]:
    """Best score per target over the document's strongest passages; the passage itself is evidence."""
    best: dict[str, tuple[str, float, tuple[str, ...]]] = {}
    profile = suggester().profile_document(text)
    for passages in profile.top_passages.values():
        for passage, suggestions in passages:
            for suggestion in suggestions:
                known = best.get(suggestion.target)
                if known is None or suggestion.score > known[1]:
                    excerpt = " ".join(passage.split())
                    excerpt = f'passage: "{excerpt if len(excerpt) <= 300 else excerpt[:299] + "…"}"'
                    best[suggestion.target] = (suggestion.target, float(suggestion.score),
                                               (*tuple(suggestion.evidence), excerpt))
    return sorted(best.values(), key=lambda item: -item[1])[:TOP]


def _text_suggestions(text: str) -> list[tuple[str, float, tuple[str, ...]]]:
    return [(s.target, float(s.score), tuple(s.evidence)) for s in suggester().suggest(text, top=TOP)]


SUGGESTERS = {"goal": _text_suggestions, "action": _text_suggestions, "document": _document_suggestions}
"""How suggestions are made for each kind of subject, by its link field."""


def _raw_suggestions(subject: Any) -> list[tuple[str, float, tuple[str, ...]]]:
    kind = kind_of(subject)
    text = kind.text(subject)
    if not text.strip():
        return []
    key = f"plans:suggest:{kind.field}:{subject.pk}:{hashlib.sha256(text.encode()).hexdigest()[:32]}"
    found = cache.get(key)
    if found is None:
        found = [(code, score, tuple(evidence[:EVIDENCE_MAX])) for code, score, evidence
                 in SUGGESTERS[kind.field](text)]
        cache.set(key, found, CACHE_SECONDS)
    return found


def open_suggestions(subject: Any) -> list[TargetSuggestion]:
    """Ranked suggestions for the subject that the editor has not yet decided on."""
    decided = set(TargetLink.objects.filter(**{kind_of(subject).field: subject}).values_list("target", flat=True))
    raw = [item for item in _raw_suggestions(subject) if item[0] not in decided]
    targets = Target.objects.in_bulk([code for code, _, _ in raw])
    return [TargetSuggestion(targets[code], score, evidence) for code, score, evidence in raw if code in targets]


def find_suggestion(subject: Any, code: str) -> TargetSuggestion | None:
    """The open suggestion of target ``code`` for the subject, or None when it is not (or no longer) suggested."""
    return next((item for item in open_suggestions(subject) if item.target.code == code), None)
