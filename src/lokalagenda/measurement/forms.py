"""The comparison's form: a GET form choosing up to ``MAX_COMPARED`` kommuner with the picker."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lokalagenda.measurement.comparisons import MAX_COMPARED, is_kommunenummer
from lokalagenda.places.choice_fields import KommuneChoiceField
from lokalagenda.ui.widgets import PickerSelectMultiple


class CompareForm(forms.Form):
    """Only rendered (never validated): ``parse_comparison`` reads the numbers and says what is wrong with them.

    The kommuner ``chosen`` come first, in their order, then every other kommune by name in the Norwegian alphabet
    (``places.choice_fields``): the select sends its choices in that order, so the table's columns stay as they
    were, and without JavaScript they are in view.
    Only well-formed kommunenummer, and at most ``MAX_COMPARED`` of them, reach the query.
    """

    kommune = KommuneChoiceField(label=gettext_lazy("Kommuner"), required=False,
                                 widget=PickerSelectMultiple(rows=12, max_chosen=MAX_COMPARED))

    def __init__(self, numbers: list[str]) -> None:
        chosen = [number for number in dict.fromkeys(numbers) if is_kommunenummer(number)][:MAX_COMPARED]
        super().__init__(initial={"kommune": chosen})
        field = self.fields["kommune"]
        field.first = chosen
        field.help_text = _(
            "Up to %(max)s kommuner. Find them by name (also the Sámi and Kven names) or by kommunenummer."
        ) % {"max": MAX_COMPARED}
