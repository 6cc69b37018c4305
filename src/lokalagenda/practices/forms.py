from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from lokalagenda.accounts.models import Membership, Organisation
from lokalagenda.framework.choice_fields import TargetChoiceField
from lokalagenda.framework.models import Goal, Target
from lokalagenda.indicators.models import Indicator as CatalogueIndicator
from lokalagenda.measurement.peers import SIZE_CLASSES
from lokalagenda.partnerships.models import Partner
from lokalagenda.places.choice_fields import KommuneChoiceField
from lokalagenda.places.models import Fylke
from lokalagenda.practices.models import Practice, PracticeRevision
from lokalagenda.practices.search import Filters
from lokalagenda.practices.services import PracticeData
from lokalagenda.ui.widgets import PickerSelectMultiple

INPUT = {"class": "ds-input"}
#: The longest search text: the search form and ``GET /api/practices?q=`` refuse a longer one.
SEARCH_MAX_LENGTH = 200


class PracticeForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200, widget=forms.TextInput(attrs=INPUT))
    summary = forms.CharField(label=gettext_lazy("Summary"), max_length=1000,
                              widget=forms.Textarea(attrs={"rows": 3, **INPUT}))
    body = forms.CharField(label=gettext_lazy("Description"), required=False, max_length=50_000,
                           widget=forms.Textarea(attrs={"rows": 12, **INPUT}),
                           help_text=gettext_lazy("Markdown: headings, lists, links and images (https only)."))
    kommuner = KommuneChoiceField(label=gettext_lazy("Kommuner involved"))
    start_year = forms.IntegerField(label=gettext_lazy("First year"), min_value=1990, max_value=2100,
                                    widget=forms.NumberInput(attrs=INPUT))
    end_year = forms.IntegerField(label=gettext_lazy("Last year"), min_value=1990, max_value=2100, required=False,
                                  widget=forms.NumberInput(attrs=INPUT),
                                  help_text=gettext_lazy("Leave empty while the practice goes on."))
    targets = TargetChoiceField(label=gettext_lazy("SDG targets"), queryset=Target.objects.all(), required=False)
    partners = forms.ModelMultipleChoiceField(label=gettext_lazy("Partners"), queryset=Partner.objects.all(),
                                              required=False, widget=PickerSelectMultiple)
    themes = forms.CharField(label=gettext_lazy("Themes"), required=False, max_length=300,
                             widget=forms.TextInput(attrs=INPUT),
                             help_text=gettext_lazy("Separated by commas, e.g. transport, energy."))
    contact_name = forms.CharField(label=gettext_lazy("Contact person"), required=False, max_length=200,
                                   widget=forms.TextInput(attrs=INPUT))
    contact_email = forms.EmailField(label=gettext_lazy("Contact e-mail"), required=False,
                                     widget=forms.EmailInput(attrs=INPUT))
    language = forms.ChoiceField(label=gettext_lazy("Language"), choices=Practice.Language.choices,
                                 widget=forms.Select(attrs=INPUT))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_year"), data.get("end_year")
        if start and end and end < start:
            self.add_error("end_year", gettext_lazy("The last year is before the first year."))
        return data

    def practice_data(self) -> PracticeData:
        data = dict(self.cleaned_data)
        data["themes"] = [theme for theme in data.get("themes", "").split(",") if theme.strip()]
        for name in ("kommuner", "targets", "partners"):
            data[name] = list(data[name])
        return PracticeData(**data)

    @staticmethod
    def initial_for(practice: Practice | PracticeRevision) -> dict[str, Any]:
        """The form's values from a practice, or from the change of it that awaits approval."""
        names = ("title", "summary", "body", "start_year", "end_year", "contact_name", "contact_email", "language")
        return {**{name: getattr(practice, name) for name in names}, "themes": ", ".join(practice.themes),
                "kommuner": practice.kommuner.all(), "targets": practice.targets.all(),
                "partners": practice.partners.all()}


class NewPracticeForm(PracticeForm):
    organisation = forms.ModelChoiceField(label=gettext_lazy("Organisation"), queryset=Organisation.objects.none(),
                                          widget=forms.Select(attrs=INPUT))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        editing = Membership.objects.for_user(user).editing().values("organisation")
        self.fields["organisation"].queryset = Organisation.objects.filter(id__in=editing)
        self.order_fields(["organisation"])

    def practice_data(self) -> PracticeData:
        self.cleaned_data.pop("organisation", None)
        return super().practice_data()


class AttachmentForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("File"),
                           help_text=gettext_lazy("PDF, PNG, JPEG or WebP, at most 10 MB."),
                           widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg,.webp"}))
    title = forms.CharField(label=gettext_lazy("Title"), required=False, max_length=200,
                            widget=forms.TextInput(attrs=INPUT))


class SearchForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Search"), required=False, max_length=SEARCH_MAX_LENGTH,
                        widget=forms.SearchInput(attrs=INPUT))
    goal = forms.ModelChoiceField(label=gettext_lazy("Goal"), queryset=Goal.objects.all(), required=False)
    target = forms.ModelChoiceField(label=gettext_lazy("Target"), queryset=Target.objects.all(), required=False,
                                    to_field_name="code")
    fylke = forms.ModelChoiceField(label=gettext_lazy("Fylke"), queryset=Fylke.objects.all(), required=False)
    size = forms.ChoiceField(label=gettext_lazy("Size class"), required=False,
                             choices=[("", "")] + [(size, size) for size in SIZE_CLASSES])
    partner_kind = forms.ChoiceField(label=gettext_lazy("Partner type"), required=False,
                                     choices=[("", ""), *Partner.Kind.choices])
    year = forms.IntegerField(label=gettext_lazy("Started"), required=False, min_value=1990, max_value=2100)

    def filters(self) -> Filters:
        data = self.cleaned_data if self.is_valid() else {}
        goal, target, fylke = data.get("goal"), data.get("target"), data.get("fylke")
        return Filters(goal=goal.number if goal else None, target=target.code if target else None,
                       fylke=fylke.number if fylke else None, size=data.get("size") or None,
                       partner_kind=data.get("partner_kind") or None, year=data.get("year"))


class ResultForm(forms.Form):
    description = forms.CharField(label=gettext_lazy("Result"), max_length=500, widget=forms.TextInput(attrs=INPUT))
    indicator = forms.ModelChoiceField(
        label=gettext_lazy("Indicator (catalogue id)"), required=False, to_field_name="id",
        queryset=CatalogueIndicator.objects.all(), widget=forms.TextInput(attrs=INPUT),
        help_text=gettext_lazy("Where the result is measurable, e.g. VAX_MEASLES_AGE2."),
        error_messages={"invalid_choice": gettext_lazy("There is no indicator with that id in the catalogue.")})
    before = forms.FloatField(label=gettext_lazy("Value before"), required=False,
                              widget=forms.NumberInput(attrs={"step": "any", **INPUT}))
    after = forms.FloatField(label=gettext_lazy("Value after"), required=False,
                             widget=forms.NumberInput(attrs={"step": "any", **INPUT}))
    year = forms.IntegerField(label=gettext_lazy("Year measured"), required=False, min_value=1990, max_value=2100,
                              widget=forms.NumberInput(attrs=INPUT))
