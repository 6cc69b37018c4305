"""Form fields that choose SDG targets and kommuner with the picker (``web.widgets``), labelled the same way on
every form: a target by its code and title, a kommune by its official names (Norwegian, Sámi, Kven) and number,
so the picker finds it by any of them."""

from __future__ import annotations

from typing import Any

from django import forms

from lokalagenda.framework.models import Target
from lokalagenda.places.models import Kommune
from lokalagenda.ui.language import active_language
from lokalagenda.web.widgets import PickerSelect, PickerSelectMultiple

#: The longest target title an option shows; the rest is cut with "…".
TARGET_TITLE_LENGTH = 90


def target_label(target: Target) -> str:
    """``"3.4 Reduce … "``: the code and the title in the active language, cut at ``TARGET_TITLE_LENGTH``."""
    title = target.title_in(active_language())
    cut = f"{title[:TARGET_TITLE_LENGTH]}…" if len(title) > TARGET_TITLE_LENGTH else title
    return f"{target.code} {cut}"


def kommune_label(kommune: Kommune) -> str:
    """``"Kåfjord – Gáivuotna – Kaivuono (5540)"``: every official name form, then the kommunenummer."""
    names = [name for name in (kommune.name, kommune.sami_name, kommune.kven_name) if name]
    return f"{' – '.join(names)} ({kommune.number})"


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


class KommuneChoiceField(forms.ModelMultipleChoiceField):
    """Several kommuner, chosen with the picker by any official name or number."""

    widget = PickerSelectMultiple

    def __init__(self, queryset: Any = None, **kwargs: Any) -> None:
        if queryset is None:
            queryset = Kommune.objects.only("number", "name", "sami_name", "kven_name")
        super().__init__(queryset, **kwargs)

    def label_from_instance(self, obj: Kommune) -> str:
        return kommune_label(obj)
