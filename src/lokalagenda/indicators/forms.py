from django import forms
from django.utils.translation import gettext_lazy as _

from lokalagenda.framework.models import Goal
from lokalagenda.indicators import classification
from lokalagenda.indicators.models import Indicator, IndicatorSet
from lokalagenda.indicators.set_membership import membership_problem
from lokalagenda.ui.language import active_language


def _choices(field: str) -> list[tuple[str, str]]:
    values = Indicator.objects.exclude(**{field: ""}).values_list(field, flat=True).distinct().order_by(field)
    return [("", _("All"))] + classification.choices(field, list(values))


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
        language = active_language()
        self.fields["goal"].choices = [("", _("All"))] + [
            (goal.number, f"{goal.number} {goal.short_in(language)}") for goal in Goal.objects.all()]
        self.fields["set"].choices = [("", _("All"))] + list(IndicatorSet.objects.values_list("slug", "name"))
        self.fields["quality"].choices = _choices("quality_class")
        self.fields["level"].choices = _choices("level_of_geography")


class CoreSetChangeForm(forms.Form):
    """A national editor's change of the core set: add a catalogue indicator or remove a member, with a reason."""

    action = forms.ChoiceField(choices=[("added", _("add")), ("removed", _("remove"))], widget=forms.HiddenInput)
    indicator = forms.CharField(label=_("Indicator"), max_length=60,
                                widget=forms.TextInput(attrs={"class": "ds-input", "autocomplete": "off"}))
    reason = forms.CharField(label=_("Reason"), max_length=2000,
                             widget=forms.Textarea(attrs={"class": "ds-input", "rows": 2}))

    def __init__(self, *args: object, indicator_set: IndicatorSet | None = None,
                 members: list[tuple[str, str]] | None = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.indicator_set = indicator_set
        if members is not None:  # the removal form: a choice among the members
            self.fields["indicator"].widget = forms.Select(choices=[("", "–"), *members],
                                                           attrs={"class": "ds-input"})
        else:
            self.fields["indicator"].widget.attrs["list"] = "catalogue-ids"
            self.fields["indicator"].help_text = _("The indicator's identifier, as the catalogue shows it.")

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        identifier, action = data.get("indicator"), data.get("action")
        if not identifier or not action:
            return data
        indicator = Indicator.objects.filter(id=str(identifier).strip()).first()
        if indicator is None:
            self.add_error("indicator", _("There is no indicator %(id)s in the catalogue.") % {"id": identifier})
            return data
        problem = membership_problem(self.indicator_set, indicator, str(action))
        if problem:
            self.add_error("indicator", problem)
        data["indicator"] = indicator
        return data
