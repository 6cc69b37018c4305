from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from lokalagenda.framework.models import Goal
from lokalagenda.indicators.models import Indicator, IndicatorSet


def _choices(field: str) -> list[tuple[str, str]]:
    values = Indicator.objects.exclude(**{field: ""}).values_list(field, flat=True).distinct().order_by(field)
    return [("", _("All"))] + [(value, value.replace("_", " ")) for value in values]


class CatalogueFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100,
                        widget=forms.TextInput(attrs={"class": "ds-input", "type": "search"}))
    goal = forms.TypedChoiceField(label=_("Goal"), required=False, coerce=int, empty_value=None,
                                  widget=forms.Select(attrs={"class": "ds-input"}))
    target = forms.CharField(label=_("Target"), required=False, max_length=5,
                             widget=forms.TextInput(attrs={"class": "ds-input", "size": 6}))
    set = forms.ChoiceField(label=_("Indicator set"), required=False, widget=forms.Select(attrs={"class": "ds-input"}))
    quality = forms.ChoiceField(label=_("Quality class"), required=False,
                                widget=forms.Select(attrs={"class": "ds-input"}))
    level = forms.ChoiceField(label=_("Level of geography"), required=False,
                              widget=forms.Select(attrs={"class": "ds-input"}))
    with_data = forms.BooleanField(label=_("Only indicators with data"), required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        language = get_language() or "nb"
        self.fields["goal"].choices = [("", _("All"))] + [
            (goal.number, f"{goal.number} {goal.short_in(language)}") for goal in Goal.objects.all()]
        self.fields["set"].choices = [("", _("All"))] + list(IndicatorSet.objects.values_list("slug", "name"))
        self.fields["quality"].choices = _choices("quality_class")
        self.fields["level"].choices = _choices("level_of_geography")
