from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lokalagenda.accounts.models import Organisation
from lokalagenda.framework.choice_fields import SingleTargetField, TargetChoiceField
from lokalagenda.framework.models import Goal, Target
from lokalagenda.indicators.models import Indicator
from lokalagenda.plans.indicator_picker import indicator_groups, pickable_indicators
from lokalagenda.plans.models import STATEMENT_MAX_LENGTH, Action, IndicatorLink, LocalGoal, Plan
from lokalagenda.ui.language import active_language
from lokalagenda.ui.widgets import PickerSelect


class GoalChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Goal) -> str:
        return _("Goal %(number)s: %(name)s") % {"number": obj.number, "name": obj.short_in(active_language())}


class PrioritiesForm(forms.Form):
    statement = forms.CharField(
        label=gettext_lazy("Statement"), required=False, max_length=STATEMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5, "class": "ds-input"}),
        help_text=gettext_lazy("Why these goals and targets matter in your kommune."),
    )
    goals = GoalChoiceField(
        label=gettext_lazy("Priority goals"), queryset=Goal.objects.all(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    targets = TargetChoiceField(
        label=gettext_lazy("Priority targets"), queryset=Target.objects.all(), required=False,
    )
    published = forms.BooleanField(
        label=gettext_lazy("Published (visible to everyone)"), required=False,
    )


def _input(**attrs: object) -> dict[str, object]:
    return {"class": "ds-input", **attrs}


class PlanForm(forms.ModelForm):
    url = forms.URLField(label=gettext_lazy("Link"), required=False, max_length=500, assume_scheme="https",
                         widget=forms.URLInput(attrs=_input()), help_text=gettext_lazy(
                             "Where the adopted plan can be read, e.g. on the kommune's website."))

    class Meta:
        model = Plan
        fields = ["kind", "title", "start_year", "end_year", "status", "url", "published"]
        widgets = {
            "kind": forms.Select(attrs=_input()), "title": forms.TextInput(attrs=_input()),
            "start_year": forms.NumberInput(attrs=_input(min=1900, max=2100)),
            "end_year": forms.NumberInput(attrs=_input(min=1900, max=2100)),
            "status": forms.Select(attrs=_input()),
        }
        labels = {"published": gettext_lazy("Published (visible to everyone)")}

    def clean(self) -> dict:
        data = super().clean() or {}
        start, end = data.get("start_year"), data.get("end_year")
        if start and end and end < start:
            self.add_error("end_year", _("The last year cannot come before the first year (%(start)s).")
                           % {"start": start})
        return data


class LocalGoalForm(forms.ModelForm):
    class Meta:
        model = LocalGoal
        fields = ["title", "description", "order"]
        widgets = {"title": forms.TextInput(attrs=_input()),
                   "description": forms.Textarea(attrs=_input(rows=4)),
                   "order": forms.NumberInput(attrs=_input(min=0))}


class ActionForm(forms.ModelForm):
    class Meta:
        model = Action
        fields = ["title", "description", "responsible_unit", "budget_nok", "start_date", "end_date", "status"]
        widgets = {"title": forms.TextInput(attrs=_input()),
                   "description": forms.Textarea(attrs=_input(rows=4)),
                   "responsible_unit": forms.TextInput(attrs=_input()),
                   "budget_nok": forms.NumberInput(attrs=_input(min=0, step="0.01")),
                   "start_date": forms.DateInput(attrs=_input(type="date")),
                   "end_date": forms.DateInput(attrs=_input(type="date")),
                   "status": forms.Select(attrs=_input())}

    def clean(self) -> dict:
        data = super().clean() or {}
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end cannot come before the start (%(start)s).") % {"start": start})
        return data


class TargetLinkForm(forms.Form):
    target = SingleTargetField(label=gettext_lazy("Target"), queryset=Target.objects.all())


class DocumentForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Plan document"), help_text=gettext_lazy(
        "PDF, Word (.docx) or plain text (.txt), at most 20 MB. The text is extracted so targets can be suggested."))


class IndicatorLinkForm(forms.ModelForm):
    """A key result: the indicator (a searchable picker of the catalogue and the organisation's own indicators,
    the core set first, then those of the targets the goal or action is linked to), start, target and current
    value."""

    indicator = forms.ModelChoiceField(label=gettext_lazy("Indicator"), queryset=Indicator.objects.none(),
                                       widget=PickerSelect())

    class Meta:
        model = IndicatorLink
        fields = ["indicator", "start_value", "start_year", "target_value", "target_year", "current_value",
                  "current_date", "current_source"]
        widgets = {name: forms.NumberInput(attrs=_input(step="any"))
                   for name in ("start_value", "start_year", "target_value", "target_year", "current_value")}
        widgets |= {"current_date": forms.DateInput(attrs=_input(type="date")),
                    "current_source": forms.TextInput(attrs=_input())}
        help_texts = {"current_value": gettext_lazy(
            "Only when the kommune has a newer value than the stored statistics; give its date and source.")}

    def __init__(self, *args: Any, subject: LocalGoal | Action | None = None,
                 organisation: Organisation | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["indicator"]
        field.queryset = pickable_indicators(organisation)
        field.choices = [("", "---------"), *((group.label, group.choices)
                                              for group in indicator_groups(field.queryset, subject))]
        field.help_text = gettext_lazy("Type to search. The core set comes first, then the indicators of the "
                                       "targets the goal is linked to.")

    def clean(self) -> dict:
        data = super().clean() or {}
        start, end = data.get("start_year"), data.get("target_year")
        if start and end and end < start:
            self.add_error("target_year", _("The target year cannot come before the start year (%(start)s).")
                           % {"start": start})
        if data.get("current_value") is not None:
            for name in ("current_date", "current_source"):
                if not data.get(name):
                    self.add_error(name, _("Needed when a current value is entered."))
        return data
