"""Notes an app shows on the pages of an app below it, which cannot load the higher app's tags (the dependency
order, docs/architecture.md): the lower page names a *slot* (``{% page_notes "plan" plan %}``, tag library
``page_notes``) and the higher app registers what to show there in its ``AppConfig.ready``. ``decisions`` fills
the slot ``"plan"`` of the plan page with the badge of the decision that adopted the plan.

Like all of ``ui``, this module names no app. A note is a function of the page's subject that returns HTML it
escaped itself (a rendered template does), or an empty string when it has nothing to say.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.safestring import SafeString, mark_safe

PageNote = Callable[[Any], str]
_NOTES: dict[str, list[PageNote]] = {}


def register_page_note(slot: str, note: PageNote) -> None:
    """Show ``note`` in every page's ``slot`` (once, however often it is registered)."""
    notes = _NOTES.setdefault(slot, [])
    if note not in notes:
        notes.append(note)


def page_notes(slot: str, subject: Any) -> SafeString:
    """The HTML of the notes registered for ``slot`` about ``subject``, in the order they were registered."""
    return mark_safe("".join(note(subject) for note in _NOTES.get(slot, [])))  # noqa: S308 - notes escape
