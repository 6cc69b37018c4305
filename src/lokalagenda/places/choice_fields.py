"""The form fields that choose kommuner with the picker (``ui.widgets``), labelled the same way on every form: a
kommune by its official names (Norwegian, Sámi, Kven) and number, so the picker finds it by any of them. Targets
have theirs in ``framework.choice_fields``."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from django import forms
from django.forms.models import ModelChoiceIterator

from lokalagenda.core.i18n import alphabetical
from lokalagenda.places.models import Kommune
from lokalagenda.ui.widgets import PickerSelect, PickerSelectMultiple


def kommune_label(kommune: Kommune) -> str:
    """``"Kåfjord – Gáivuotna – Kaivuono (5540)"``: every official name form, then the kommunenummer."""
    names = [name for name in (kommune.name, kommune.sami_name, kommune.kven_name) if name]
    return f"{' – '.join(names)} ({kommune.number})"


class _AlphabeticalKommuner(ModelChoiceIterator):
    """The field's ``first`` kommuner in their order, then the others by name in the Norwegian alphabet (… Vågå,
    Ørland, Ål), an order the databases do not give (:func:`~lokalagenda.core.i18n.alphabetical`)."""

    def __iter__(self) -> Iterator[tuple[Any, str]]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        first = {number: position for position, number in enumerate(self.field.first)}
        for kommune in sorted(self.queryset,
                              key=lambda kommune: (first.get(kommune.number, len(first)), alphabetical(kommune.name))):
            yield self.choice(kommune)


class KommuneChoiceField(forms.ModelMultipleChoiceField):
    """Several kommuner, chosen with the picker by any official name or number, in the Norwegian alphabet's order
    after the kommunenummer in ``first`` (the comparison lists its chosen kommuner first, so its columns stay)."""

    widget = PickerSelectMultiple
    iterator = _AlphabeticalKommuner
    first: Sequence[str] = ()

    def __init__(self, queryset: Any = None, **kwargs: Any) -> None:
        if queryset is None:
            queryset = Kommune.objects.only("number", "name", "sami_name", "kven_name")
        super().__init__(queryset, **kwargs)

    def label_from_instance(self, obj: Kommune) -> str:
        return kommune_label(obj)


class OneKommuneChoiceField(forms.ModelChoiceField):
    """One kommune, chosen with the picker by any official name or number; its value is the kommunenummer.
    The choices are in the Norwegian alphabet's order."""

    widget = PickerSelect
    iterator = _AlphabeticalKommuner
    first: Sequence[str] = ()

    def __init__(self, queryset: Any = None, **kwargs: Any) -> None:
        if queryset is None:
            queryset = Kommune.objects.only("number", "name", "sami_name", "kven_name")
        super().__init__(queryset, to_field_name="number", **kwargs)

    def label_from_instance(self, obj: Kommune) -> str:
        return kommune_label(obj)
