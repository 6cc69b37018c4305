"""The narrative editor's form."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from lokalagenda.reports.vlr.narratives import MAX_LENGTH


class NarrativeForm(forms.Form):
    text = forms.CharField(label=_("Text"), max_length=MAX_LENGTH,
                           widget=forms.Textarea(attrs={"rows": 14, "class": "ds-input"}))
