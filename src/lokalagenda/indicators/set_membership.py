"""Which indicators an indicator set holds, changed in one place that writes the set's revision log.

``change_membership`` is the only write of set membership that keeps a log: ``lokalagenda load-catalogue --set``
goes through it (so the log of a set starts with its first load), and so does a national editor's change of the
core set on its page (``edit_core_set``). A change that changes nothing writes no log entry. (``load-reference``
links the bundle's own sets in bulk, without a log: those sets are the publishers', not ours to revise.)
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from lokalagenda.accounts.permissions import require_national_editor
from lokalagenda.accounts.services import audit
from lokalagenda.indicators.models import Indicator, IndicatorSet, IndicatorSetChange

#: The Lokalagenda core set (kjernesett): its short name, its name and its kind.
CORE_SET = ("kjernesett", "Kjernesett", IndicatorSet.Kind.CORE)

Action = IndicatorSetChange.Action


def core_set(*, create: bool = False) -> IndicatorSet | None:
    """The core set; made (as kind ``core``) when ``create`` and it does not exist yet."""
    slug, name, kind = CORE_SET
    if create:
        return IndicatorSet.objects.get_or_create(slug=slug, defaults={"name": name, "kind": kind})[0]
    return IndicatorSet.objects.filter(slug=slug).first()


def is_member(indicator_set: IndicatorSet, indicator: Indicator) -> bool:
    return indicator.sets.filter(pk=indicator_set.pk).exists()


def change_membership(indicator_set: IndicatorSet, indicator: Indicator, action: str, *, reason: str = "",
                      source: str = "", fields: Iterable[str] = (), user: Any = None) -> IndicatorSetChange | None:
    """Add ``indicator`` to the set, remove it, or record that a load changed its ``fields``, and write the log
    entry. Returns the entry, or None when nothing changed (already a member, not a member, no fields).

    ``reason`` is an editor's reason, ``source`` the catalogue file of a load; one of them must be given.
    """
    if not (reason.strip() or source):
        raise ValueError("a change of a set needs a reason or the file it was loaded from")
    member = is_member(indicator_set, indicator)
    changed = sorted(fields)
    if action == Action.ADDED and not member:
        indicator.sets.add(indicator_set)
    elif action == Action.REMOVED and member:
        indicator.sets.remove(indicator_set)
    elif not (action == Action.CHANGED and member and changed):
        return None
    author = user if getattr(user, "is_authenticated", False) else None
    return IndicatorSetChange.objects.create(indicator_set=indicator_set, indicator=indicator, action=action,
                                             reason=reason.strip(), source=source, fields=changed, user=author)


def membership_problem(indicator_set: IndicatorSet | None, indicator: Indicator, action: str) -> str | None:
    """Why an editor's change cannot be made (a sentence for the form), or None."""
    if indicator.organisation_id is not None:
        return _("%(id)s is a kommune's local indicator; only catalogue indicators can be in the core set.") % {
            "id": indicator.id}
    member = indicator_set is not None and is_member(indicator_set, indicator)
    if action == Action.ADDED and member:
        return _("%(id)s is already in the core set.") % {"id": indicator.id}
    if action == Action.REMOVED and not member:
        return _("%(id)s is not in the core set.") % {"id": indicator.id}
    return None


@transaction.atomic
def edit_core_set(user: Any, indicator: Indicator, action: str, reason: str) -> IndicatorSetChange | None:
    """A national editor adds an indicator to the core set or removes one, with a reason; logged and audited.

    Raises ``PermissionDenied`` for anyone but a national editor, whatever the caller checked before, and
    ``ValueError`` without a reason or for a change ``membership_problem`` refuses.
    """
    require_national_editor(user)
    if action not in (Action.ADDED, Action.REMOVED) or not reason.strip():
        raise ValueError("an editor adds or removes an indicator, and gives a reason")
    indicator_set = core_set(create=True)
    assert indicator_set is not None  # noqa: S101 - made above
    problem = membership_problem(indicator_set, indicator, action)
    if problem:
        raise ValueError(problem)
    before = sorted(indicator.sets.values_list("slug", flat=True))
    change = change_membership(indicator_set, indicator, action, reason=reason, user=user)
    audit(user, "update", indicator, {"sets": before}, {"sets": sorted(indicator.sets.values_list("slug", flat=True))})
    return change
