"""Forms for partners and partnerships. Choices of actions are limited to the owning organisation's own."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from lokalagenda.framework.choice_fields import TargetChoiceField
from lokalagenda.framework.models import Target
from lokalagenda.partnerships.models import Partner, Partnership
from lokalagenda.partnerships.orgnumber import normalise
from lokalagenda.places.choice_fields import KommuneChoiceField
from lokalagenda.places.models import Kommune
from lokalagenda.plans.models import Action
from lokalagenda.ui.widgets import PickerSelectMultiple

INPUT = {"class": "ds-input"}


class PartnerForm(forms.ModelForm):
    organisation_number = forms.CharField(
        label=gettext_lazy("Organisation number"), required=False, max_length=20,
        widget=forms.TextInput(attrs={**INPUT, "inputmode": "numeric"}),
        help_text=gettext_lazy("Nine digits, from the Brønnøysund Register Centre. Leave empty if the partner "
                               "has none."),
    )

    website = forms.URLField(label=gettext_lazy("Website"), required=False, assume_scheme="https",
                             widget=forms.URLInput(attrs=INPUT))

    class Meta:
        model = Partner
        fields = ["name", "kind", "organisation_number", "website", "description"]
        widgets = {
            "name": forms.TextInput(attrs=INPUT), "kind": forms.Select(attrs=INPUT),
            "description": forms.Textarea(attrs={**INPUT, "rows": 4}),
        }

    def clean_organisation_number(self) -> str:
        """People write the number with spaces (974 760 673); the model checks the digits."""
        return normalise(self.cleaned_data.get("organisation_number") or "")


class PartnershipForm(forms.ModelForm):
    targets = TargetChoiceField(label=gettext_lazy("SDG targets"), queryset=None, required=False)

    class Meta:
        model = Partnership
        fields = ["title", "description", "status", "start_year", "end_year", "partners", "kommuner", "targets",
                  "actions", "published"]
        widgets = {
            "title": forms.TextInput(attrs=INPUT), "description": forms.Textarea(attrs={**INPUT, "rows": 5}),
            "status": forms.Select(attrs=INPUT),
            "start_year": forms.NumberInput(attrs={**INPUT, "min": 1900, "max": 2100}),
            "end_year": forms.NumberInput(attrs={**INPUT, "min": 1900, "max": 2100}),
            "partners": PickerSelectMultiple, "actions": PickerSelectMultiple,
        }
        field_classes = {"kommuner": KommuneChoiceField}

    def __init__(self, *args: Any, organisation: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["targets"].queryset = Target.objects.all()
        self.fields["kommuner"].queryset = Kommune.objects.only("number", "name", "sami_name", "kven_name")
        self.fields["actions"].queryset = Action.objects.filter(goal__plan__organisation=organisation)
        self.fields["actions"].help_text = gettext_lazy("Actions (tiltak) of your own plans.")
        self.fields["published"].label = gettext_lazy("Published (visible to everyone)")
