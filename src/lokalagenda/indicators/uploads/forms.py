from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from lokalagenda.accounts.models import Organisation
from lokalagenda.core.sources.catalogue import target_codes
from lokalagenda.core.sources.registry import formats
from lokalagenda.framework.models import Target
from lokalagenda.indicators.models import Indicator


class UploadForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("On behalf of"), queryset=Organisation.objects.none(),
                                          widget=forms.Select(attrs={"class": "ds-input"}))
    file = forms.FileField(label=_("File"), help_text=_(
        "Tidy CSV (long, or wide with years as columns), Excel, JSON-stat 2.0 from SSB or FHI, SDMX or an "
        "Open SDG data CSV. Kommunenummer as four digits, e.g. 0301."))
    format = forms.ChoiceField(label=_("Format"), initial="auto", widget=forms.Select(attrs={"class": "ds-input"}))
    indicator = forms.ModelChoiceField(
        label=_("Indicator"), required=False, queryset=Indicator.objects.none(),
        widget=forms.Select(attrs={"class": "ds-input"}),
        help_text=_("Only needed when the file does not name its indicator."))

    def __init__(self, *args: object, organisations: list[Organisation], indicators: object, **kwargs: object):
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["organisation"].queryset = Organisation.objects.filter(id__in=[o.id for o in organisations])
        self.fields["organisation"].initial = organisations[0].id if organisations else None
        self.fields["indicator"].queryset = indicators
        self.fields["format"].choices = [("auto", _("Recognise from the file"))] + [(f, f) for f in formats()]

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if upload.size > settings.LOKALAGENDA_MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than %(mb)s MB.") % {
                "mb": settings.LOKALAGENDA_MAX_UPLOAD_BYTES // (1024 * 1024)})
        return upload


class LocalIndicatorForm(forms.Form):
    name_nb = forms.CharField(label=_("Name (bokmål)"), max_length=300,
                              widget=forms.TextInput(attrs={"class": "ds-input"}))
    name_nn = forms.CharField(label=_("Name (nynorsk)"), max_length=300, required=False,
                              widget=forms.TextInput(attrs={"class": "ds-input"}))
    name_en = forms.CharField(label=_("Name (English)"), max_length=300, required=False,
                              widget=forms.TextInput(attrs={"class": "ds-input"}))
    unit = forms.CharField(label=_("Unit"), max_length=60, widget=forms.TextInput(attrs={"class": "ds-input"}))
    direction = forms.ChoiceField(label=_("Direction"), choices=Indicator.Direction.choices, required=False,
                                  widget=forms.Select(attrs={"class": "ds-input"}))
    aggregation = forms.ChoiceField(label=_("Kind of number"), choices=Indicator.Aggregation.choices,
                                    widget=forms.Select(attrs={"class": "ds-input"}))
    targets = forms.CharField(label=_("SDG targets"), required=False, max_length=200,
                              help_text=_("Target codes separated by commas, e.g. 11.6, 13.2"),
                              widget=forms.TextInput(attrs={"class": "ds-input"}))

    def clean_targets(self) -> list[str]:
        codes = target_codes(self.cleaned_data["targets"])
        unknown = sorted(set(codes) - set(Target.objects.filter(code__in=codes).values_list("code", flat=True)))
        if unknown:
            raise forms.ValidationError(_("Unknown targets: %(codes)s") % {"codes": ", ".join(unknown)})
        return codes
