from django import forms
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from lokalagenda.framework.models import Goal, Target


class GoalChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Goal) -> str:
        return _("Goal %(number)s: %(name)s") % {"number": obj.number, "name": obj.short_in(get_language() or "nb")}


class TargetChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Target) -> str:
        title = obj.title_in(get_language() or "nb")
        return f"{obj.code} {title[:90]}{'…' if len(title) > 90 else ''}"


class PrioritiesForm(forms.Form):
    statement = forms.CharField(
        label=gettext_lazy("Statement"), required=False, max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5, "class": "ds-input"}),
        help_text=gettext_lazy("Why these goals and targets matter in your kommune."),
    )
    goals = GoalChoiceField(
        label=gettext_lazy("Priority goals"), queryset=Goal.objects.all(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    targets = TargetChoiceField(
        label=gettext_lazy("Priority targets"), queryset=Target.objects.all(), required=False,
        widget=forms.SelectMultiple(attrs={"class": "ds-input", "size": 10}),
    )
    published = forms.BooleanField(
        label=gettext_lazy("Published (visible to everyone)"), required=False,
    )
