"""The form an editor records or corrects a political decision with; ``decisions.services`` checks it again."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from lokalagenda.accounts.models import Organisation
from lokalagenda.decisions.models import Body, Decision
from lokalagenda.decisions.services import bodies_for
from lokalagenda.plans.models import Plan


def _input(**attrs: object) -> dict[str, object]:
    return {"class": "ds-input", **attrs}


class DecisionForm(forms.ModelForm):
    """The fields of a decision; the plans to choose from are the organisation's published plans, the bodies the
    organisation's (``services.bodies_for``)."""

    record_url = forms.URLField(label=gettext_lazy("Link to the public case record"), required=False,
                                max_length=500, assume_scheme="https", widget=forms.URLInput(attrs=_input()),
                                help_text=gettext_lazy("The case in the public records (postliste or "
                                                       "møteportal), where anyone can read the decision."))

    class Meta:
        model = Decision
        fields = ["subject", "plan", "body", "body_name", "decided_on", "case_number", "text", "record_url"]
        widgets = {
            "subject": forms.Select(attrs=_input()), "plan": forms.Select(attrs=_input()),
            "body": forms.Select(attrs=_input()), "body_name": forms.TextInput(attrs=_input()),
            "decided_on": forms.DateInput(format="%Y-%m-%d", attrs=_input(type="date")),
            "case_number": forms.TextInput(attrs=_input()), "text": forms.Textarea(attrs=_input(rows=6)),
        }
        help_texts = {"plan": gettext_lazy("Only for a plan: which of the published plans was adopted.")}

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = Plan.objects.filter(organisation=organisation, published=True).order_by(
            "-start_year", "title")
        self.fields["body"].choices = [(value, Body(value).label) for value in bodies_for(organisation)]

    def _post_clean(self) -> None:
        """The service validates the decision as a whole (it needs the organisation); the form only its fields."""
