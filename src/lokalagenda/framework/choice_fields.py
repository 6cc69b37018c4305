"""Form fields that choose SDG targets with the picker (``ui.widgets``), labelled the same way on every form: a
target by its code and title in the active language, so the picker finds it by either. Kommuner have theirs in
``places.choice_fields``."""

from __future__ import annotations

from django import forms

from lokalagenda.framework.models import Target
from lokalagenda.ui.language import active_language
from lokalagenda.ui.widgets import PickerSelect, PickerSelectMultiple

#: The longest target title an option shows; the rest is cut with "…".
TARGET_TITLE_LENGTH = 90


def target_label(target: Target) -> str:
    """``"3.4 Reduce … "``: the code and the title in the active language, cut at ``TARGET_TITLE_LENGTH``."""
    title = target.title_in(active_language())
    cut = f"{title[:TARGET_TITLE_LENGTH]}…" if len(title) > TARGET_TITLE_LENGTH else title
    return f"{target.code} {cut}"


class TargetChoiceField(forms.ModelMultipleChoiceField):
    """Several SDG targets, chosen with the picker."""

    widget = PickerSelectMultiple

    def label_from_instance(self, obj: Target) -> str:
        return target_label(obj)


class SingleTargetField(forms.ModelChoiceField):
    """One SDG target, chosen with the searchable picker."""

    widget = PickerSelect

    def label_from_instance(self, obj: Target) -> str:
        return target_label(obj)
