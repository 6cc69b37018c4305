"""The forms of the assessment pages: one target's entry, and the confirmation of priority targets."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from lokalagenda.framework.choice_fields import target_label
from lokalagenda.framework.models import Target
from lokalagenda.materiality.models import Influence, Judgement, Participant, Situation


def entry_prefix(code: str) -> str:
    """The form prefix of a target's entry form, so many forms on one page have unique field ids ("t11_6")."""
    return "t" + code.replace(".", "_")


class EntryForm(forms.Form):
    """One target's judgement; the target comes from the page (a hidden ``target`` field outside the prefix)."""

    situation = forms.ChoiceField(label=_("Situation"), choices=Situation.choices, widget=forms.RadioSelect,
                                  help_text=_("Is this a real problem or opportunity here?"))
    influence = forms.ChoiceField(label=_("Influence"), choices=Influence.choices, widget=forms.RadioSelect,
                                  help_text=_("Can the organisation change it?"))
    rationale = forms.CharField(label=_("Rationale"), required=False, max_length=4000,
                                widget=forms.Textarea(attrs={"rows": 3, "class": "ds-input"}))
    material = forms.BooleanField(label=_("Material: consider the target as a priority"), required=False)
    involved = forms.MultipleChoiceField(label=_("Involved"), choices=Participant.choices, required=False,
                                         widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args: Any, target: Target, entry: Judgement | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", entry_prefix(target.code))
        if entry is not None:
            kwargs.setdefault("initial", {name: getattr(entry, name) for name in Judgement.FIELDS})
        super().__init__(*args, **kwargs)
        self.target = target
        self.entry = entry


class PriorityTargetChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Target) -> str:
        return target_label(obj)


class ConfirmPrioritiesForm(forms.Form):
    """The targets an editor confirms as priority targets, with the reason; the choice is among the assessed
    targets (``choices``), the suggested ones ticked."""

    targets = PriorityTargetChoice(label=_("Priority targets"), queryset=Target.objects.none(),
                                   widget=forms.CheckboxSelectMultiple)
    reason = forms.CharField(label=_("Reason"), max_length=4000,
                             widget=forms.Textarea(attrs={"rows": 4, "class": "ds-input"}),
                             help_text=_("Why these targets: it becomes the statement of the priorities."))
    publish = forms.BooleanField(label=_("Publish the priorities (visible to everyone)"), required=False)

    def __init__(self, *args: Any, choices: Iterable[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelMultipleChoiceField, self.fields["targets"])
        field.queryset = Target.objects.filter(code__in=list(choices)).order_by("position")
