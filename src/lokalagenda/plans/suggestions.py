"""Target suggestions for a local goal, an action or a whole plan document, from the offline mapping engine.

The engine is loaded once per process. A goal's or action's suggestions are made when asked for (milliseconds)
and cached under a hash of its text, so the accept and reject buttons find the same suggestion (score and
evidence) the editor was shown, and a changed text gets fresh ones. A whole document takes seconds, so a
background task (:func:`suggest_document_targets`, queued once the document's text is read) computes its
suggestions once and stores them on the document; until the text is read and they are ready the page says so and
refreshes itself. Targets already linked or rejected for the subject are not offered again.
"""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.utils.translation import gettext as _
from django_tasks import task

from lokalagenda.core.errors import LokalagendaError
from lokalagenda.framework.models import Target
from lokalagenda.framework.suggester import load_suggester
from lokalagenda.plans.models import PlanDocument, TargetLink
from lokalagenda.plans.subjects import kind_of

TOP = 8
"""How many suggestions a goal, action or document gets."""
CACHE_SECONDS = 60 * 60
EVIDENCE_MAX = 6


#: The share of right suggestions at a suggestion's score, in the evaluation on texts unlike the training texts
#: (``core.mapping.calibration``), from which it is called a strong or a moderate match; below, a weak one. When
#: no suggestion of a text reaches MODERATE, the page says the text has no clear match, and how often such were right
#: (fewer than MODERATE × 10 of 10).
STRONG, MODERATE = 0.5, 0.2
_EVIDENCE = re.compile(r'^(?P<kind>term|similar|passage): "(?P<text>.*)"(?: \((?P<extra>[^()]*)\))?$', re.DOTALL)
_MODEL = re.compile(r"^model: classifier (?P<classifier>[\d.]+), nearest KS texts (?P<neighbours>[\d.]+)$")


@dataclass(frozen=True)
class EvidenceLine:
    """One piece of evidence in plain words, and the technical detail behind it (empty when there is none)."""

    text: str
    detail: str = ""


def explain(item: str) -> EvidenceLine:
    """A stored evidence string of the mapping engine (``term: "…" (…)``, ``similar: "…" (KS: …)``,
    ``model: classifier 0.08, nearest KS texts 0.07``, ``passage: "…"``) in plain words; the stored string stays
    as it is, and an unknown form is shown unchanged."""
    model = _MODEL.match(item)
    if model:
        return EvidenceLine(_("The wording as a whole resembles the KS examples for this target"),
                            _("classifier %(classifier)s, nearest KS texts %(neighbours)s") % model.groupdict())
    found = _EVIDENCE.match(item)
    if found is None:
        return EvidenceLine(item)
    kind, text, extra = found["kind"], found["text"], found["extra"]
    if kind == "term" and extra:
        return EvidenceLine(_("The text uses “%(found)s”, a form of “%(term)s”") % {"found": extra, "term": text})
    if kind == "term":
        return EvidenceLine(_("The text uses the word “%(term)s”") % {"term": text})
    if kind == "similar":
        source = (extra or "").removeprefix("KS: ")
        return EvidenceLine(_("Resembles a KS example from %(source)s: “%(text)s”") % {"source": source, "text": text}
                            if source else _("Resembles a KS example: “%(text)s”") % {"text": text})
    return EvidenceLine(_("From the document: “%(passage)s”") % {"passage": text})


def _chance(score: float) -> float:
    """The shipped calibration's share of right suggestions at ``score`` (``core.mapping.calibration``; imported
    here, not at module level, for the reason ``framework.suggester`` gives)."""
    from lokalagenda.core.mapping.calibration import packaged

    return packaged().chance(score)


@dataclass(frozen=True)
class TargetSuggestion:
    target: Target
    score: float
    evidence: tuple[str, ...]

    @property
    def chance(self) -> float:
        """How often a suggestion with this score was right on texts unlike the training texts (0–1)."""
        return _chance(self.score)

    @property
    def strength(self) -> str:
        """How well the text matches the target, in words."""
        if self.chance >= STRONG:
            return _("strong match")
        return _("moderate match") if self.chance >= MODERATE else _("weak match")

    @property
    def explained(self) -> list[EvidenceLine]:
        return [explain(item) for item in self.evidence]

    @property
    def details(self) -> list[str]:
        """The numbers behind the suggestion, for a details disclosure."""
        tested = _("in a test on texts unlike those the engine learned from, %(right)s per cent of the suggestions "
                   "with this score were targets KS links the text to") % {"right": round(self.chance * 100)}
        return [_("score %(score)s of 1") % {"score": f"{self.score:.2f}"}, tested,
                *(line.detail for line in self.explained if line.detail)]


@functools.cache
def suggester() -> Any:
    """The mapping engine, loaded once per process (``framework.suggester``, as the command loads it), and only
    when a suggestion is asked for, not to serve plan pages."""
    return load_suggester()


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


class SuggestionsPending(LokalagendaError):
    """A document's text is being read, or its suggestions are queued or being computed, by the background tasks."""


class DocumentUnreadable(LokalagendaError):
    """A document's text could not be read, so it has no suggestions; the message names the file and says why."""


def request_document_suggestions(document: PlanDocument) -> None:
    """Queue the background task for the document unless its text is not read or the task is queued, running or
    done.

    The status is claimed with one conditional UPDATE, so two requests never queue the same document twice.
    """
    Status = PlanDocument.SuggestionStatus
    claimed = (PlanDocument.objects.filter(pk=document.pk, text_status=PlanDocument.TextStatus.READ,
                                           suggestion_status__in=[Status.NONE, Status.FAILED])
               .update(suggestion_status=Status.QUEUED, suggestion_error=""))
    if claimed:
        suggest_document_targets.enqueue(document.pk)


@task()
def suggest_document_targets(document_id: int) -> None:
    """The background task: the document's suggestions, stored on it (or the reason they could not be made)."""
    Status = PlanDocument.SuggestionStatus
    if not PlanDocument.objects.filter(pk=document_id).update(suggestion_status=Status.RUNNING):
        return  # the document was deleted after the upload
    text = PlanDocument.objects.values_list("text", flat=True).get(pk=document_id)
    try:
        found = _document_suggestions(text) if text.strip() else []
    except LokalagendaError as error:
        PlanDocument.objects.filter(pk=document_id).update(suggestion_status=Status.FAILED,
                                                           suggestion_error=str(error)[:300])
        return
    PlanDocument.objects.filter(pk=document_id).update(
        suggestion_status=Status.DONE,
        suggestions=[[code, score, list(evidence[:EVIDENCE_MAX])] for code, score, evidence in found])


def _stored_document_suggestions(document: PlanDocument) -> list[tuple[str, float, tuple[str, ...]]]:
    """The stored suggestions; queues the task when nobody has; SuggestionsPending until they are ready."""
    if document.text_status == PlanDocument.TextStatus.READING:
        raise SuggestionsPending(f"{document.original_name}: the text is being read")
    if document.text_status == PlanDocument.TextStatus.FAILED:
        raise DocumentUnreadable(document.reading_problem())
    Status = PlanDocument.SuggestionStatus
    if document.suggestion_status != Status.DONE:
        request_document_suggestions(document)
        document.refresh_from_db(fields=["suggestion_status", "suggestions", "suggestion_error"])
    if document.suggestion_status == Status.FAILED:
        raise LokalagendaError(document.suggestion_error)
    if document.suggestion_status != Status.DONE:
        raise SuggestionsPending(f"{document.original_name}: the suggestions are being computed")
    return [(code, float(score), tuple(evidence)) for code, score, evidence in document.suggestions]


def _raw_suggestions(subject: Any) -> list[tuple[str, float, tuple[str, ...]]]:
    kind = kind_of(subject)
    if isinstance(subject, PlanDocument):
        return _stored_document_suggestions(subject)
    text = kind.text(subject)
    if not text.strip():
        return []
    key = f"plans:suggest:{kind.field}:{subject.pk}:{hashlib.sha256(text.encode()).hexdigest()[:32]}"
    found = cache.get(key)
    if found is None:
        found = [(code, score, tuple(evidence[:EVIDENCE_MAX])) for code, score, evidence in _text_suggestions(text)]
        cache.set(key, found, CACHE_SECONDS)
    return found


def open_suggestions(subject: Any) -> list[TargetSuggestion]:
    """Ranked suggestions for the subject that the editor has not yet decided on."""
    return _open(subject, _raw_suggestions(subject))


def suggestions_page(subject: Any) -> tuple[list[TargetSuggestion], bool]:
    """What the suggestions page shows, from one reading of the suggestions: the open ones, and whether the text
    has a clear match (any suggestion, decided on or not, at least a moderate match)."""
    raw = _raw_suggestions(subject)
    return _open(subject, raw), any(_chance(score) >= MODERATE for _, score, _ in raw)


def _open(subject: Any, raw: list[tuple[str, float, tuple[str, ...]]]) -> list[TargetSuggestion]:
    decided = set(TargetLink.objects.filter(**{kind_of(subject).field: subject}).values_list("target", flat=True))
    undecided = [item for item in raw if item[0] not in decided]
    targets = Target.objects.in_bulk([code for code, _, _ in undecided])
    return [TargetSuggestion(targets[code], score, evidence) for code, score, evidence in undecided if code in targets]


def find_suggestion(subject: Any, code: str) -> TargetSuggestion | None:
    """The open suggestion of target ``code`` for the subject, or None when it is not (or not yet, or no longer)
    suggested."""
    try:
        shown = open_suggestions(subject)
    except LokalagendaError:
        return None
    return next((item for item in shown if item.target.code == code), None)
