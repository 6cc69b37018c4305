from django import forms
from django.utils.translation import gettext_lazy as _

from lokalagenda.framework.models import Goal, Target


class PrioritiesForm(forms.Form):
    statement = forms.CharField(
        label=_("Statement"), required=False, max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5, "class": "ds-input"}),
        help_text=_("Why these goals and targets matter in your kommune."),
    )
    goals = forms.ModelMultipleChoiceField(
        label=_("Priority goals"), queryset=Goal.objects.all(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    targets = forms.ModelMultipleChoiceField(
        label=_("Priority targets"), queryset=Target.objects.all(), required=False,
        widget=forms.SelectMultiple(attrs={"class": "ds-input", "size": 10}),
    )
    published = forms.BooleanField(
        label=_("Published (visible to everyone)"), required=False,
    )
