from django import forms
from django.utils.translation import gettext_lazy as _


class TitleCorrectionForm(forms.Form):
    title_nb_corrected = forms.CharField(
        label=_("Bokmål text"), widget=forms.Textarea(attrs={"rows": 4, "class": "ds-input"}), required=False,
        help_text=_("Leave empty to show the source text again."),
    )
    title_nn = forms.CharField(
        label=_("Nynorsk text"), widget=forms.Textarea(attrs={"rows": 4, "class": "ds-input"}), required=False,
        help_text=_("Leave empty to show the bokmål text to nynorsk readers."),
    )
