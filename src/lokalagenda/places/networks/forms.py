"""Forms for networks and memberships (national editors only)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lokalagenda.places.models import Fylke, Kommune, Network
from lokalagenda.places.place import kind_of

INPUT = {"class": "ds-input"}
RESERVED_SLUGS = frozenset({"nytt"})


class NetworkForm(forms.ModelForm):
    website = forms.URLField(label=gettext_lazy("Website"), required=False, assume_scheme="https",
                             widget=forms.URLInput(attrs=INPUT))

    class Meta:
        model = Network
        fields = ["name", "slug", "kind", "description", "website", "owner"]
        widgets = {
            "name": forms.TextInput(attrs=INPUT), "slug": forms.TextInput(attrs=INPUT),
            "kind": forms.Select(attrs=INPUT), "description": forms.Textarea(attrs={**INPUT, "rows": 4}),
            "owner": forms.Select(attrs=INPUT),
        }
        help_texts = {"slug": gettext_lazy("Letters, digits and hyphens, used in the address: /nettverk/<name>/.")}

    def clean_slug(self) -> str:
        """``nytt`` is the address of the page that makes a new network."""
        slug = self.cleaned_data["slug"]
        if slug in RESERVED_SLUGS:
            raise forms.ValidationError(_("“%(slug)s” is used by the site; choose another.") % {"slug": slug})
        return slug


class MembershipForm(forms.Form):
    number = forms.CharField(
        label=gettext_lazy("Kommunenummer or fylkesnummer"), max_length=4,
        widget=forms.TextInput(attrs={**INPUT, "inputmode": "numeric"}),
    )
    joined_year = forms.IntegerField(label=gettext_lazy("Joined (year)"), required=False, min_value=1900,
                                      max_value=2100, widget=forms.NumberInput(attrs=INPUT))
    left_year = forms.IntegerField(label=gettext_lazy("Left (year)"), required=False, min_value=1900,
                                   max_value=2100, widget=forms.NumberInput(attrs=INPUT))

    def clean_number(self) -> Kommune | Fylke:
        number = self.cleaned_data["number"].strip()
        kind = kind_of(number)
        member = kind.model.objects.filter(number=number).first() if kind is not None else None
        if member is None:
            raise forms.ValidationError(_("%(number)s is not a kommune or fylke of today's structure.")
                                        % {"number": number})
        return member

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        joined, left = data.get("joined_year"), data.get("left_year")
        if joined and left and left < joined:
            self.add_error("left_year", _("The year it left is before the year it joined."))
        return data
