from django import forms
from django.utils.translation import gettext_lazy as _

from lokalagenda.framework.models import Goal, Government, RelevanceLevel, TextState
from lokalagenda.framework.relevance.queries import levels_at_least
from lokalagenda.ui.language import active_language


class TitleCorrectionForm(forms.Form):
    title_nb_corrected = forms.CharField(
        label=_("Bokmål text"), widget=forms.Textarea(attrs={"rows": 4, "class": "ds-input"}), required=False,
        help_text=_("Leave empty to show the unofficial translation or the source text again."),
    )
    title_nn = forms.CharField(
        label=_("Nynorsk text"), widget=forms.Textarea(attrs={"rows": 4, "class": "ds-input"}), required=False,
        help_text=_("Leave empty to show the unofficial translation, or the bokmål text, to nynorsk readers."),
    )
    nb_checked = forms.BooleanField(label=_("The bokmål text is checked against the official text"), required=False)
    nn_checked = forms.BooleanField(label=_("The nynorsk text is checked against the official text"),
                                    required=False)


class RelevanceFilterForm(forms.Form):
    """Filters of the page of the targets' local relevance; every field is optional."""

    RELEVANT = "relevant"

    government = forms.ChoiceField(label=_("Level of government"), required=False,
                                   choices=Government.choices, widget=forms.Select(attrs={"class": "ds-input"}))
    relevance = forms.ChoiceField(label=_("Relevance"), required=False,
                                  widget=forms.Select(attrs={"class": "ds-input"}))
    goal = forms.TypedChoiceField(label=_("Goal"), required=False, coerce=int, empty_value=None,
                                  widget=forms.Select(attrs={"class": "ds-input"}))

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        language = active_language()
        self.fields["relevance"].choices = [("", _("All")), (self.RELEVANT, _("Some relevance (low or more)")),
                                            *RelevanceLevel.choices]
        self.fields["goal"].choices = [("", _("All"))] + [
            (goal.number, f"{goal.number} {goal.short_in(language)}") for goal in Goal.objects.all()]

    def levels(self) -> list[str] | None:
        """The levels asked for: one level, every level but none, or None for all."""
        relevance = self.cleaned_data.get("relevance")
        if not relevance:
            return None
        return levels_at_least(RelevanceLevel.LOW) if relevance == self.RELEVANT else [relevance]


class RelevanceForm(forms.Form):
    """A national editor's refinement of one target's relevance; the comment goes into the history."""

    kommune = forms.ChoiceField(label=_("Relevance for kommuner"), choices=RelevanceLevel.choices,
                                widget=forms.Select(attrs={"class": "ds-input"}))
    fylkeskommune = forms.ChoiceField(label=_("Relevance for fylkeskommuner"), choices=RelevanceLevel.choices,
                                      widget=forms.Select(attrs={"class": "ds-input"}))
    rationale = forms.CharField(label=_("Rationale"), max_length=2000,
                                widget=forms.Textarea(attrs={"rows": 3, "class": "ds-input"}),
                                help_text=_("One or two sentences: which task or instrument of the level reaches "
                                            "the target."))
    source = forms.CharField(label=_("Source"), max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 3, "class": "ds-input"}),
                             help_text=_("The act, regulation, white paper or guidance the judgement rests on."))
    comment = forms.CharField(label=_("Why the change"), max_length=1000,
                              widget=forms.Textarea(attrs={"rows": 2, "class": "ds-input"}),
                              help_text=_("Shown in the history of this target's relevance."))


class TextFilterForm(forms.Form):
    """Filters of the work list of SDG texts; every field is optional (targets of every goal by default)."""

    KINDS = (("target", _("Targets")), ("indicator", _("Indicators")), ("goal", _("Goals")))
    LANGUAGES = (("", _("Bokmål or nynorsk")), ("nb", _("Bokmål")), ("nn", _("Nynorsk")))

    kind = forms.ChoiceField(label=_("Texts"), required=False, choices=KINDS,
                             widget=forms.Select(attrs={"class": "ds-input"}))
    goal = forms.TypedChoiceField(label=_("Goal"), required=False, coerce=int, empty_value=None,
                                  widget=forms.Select(attrs={"class": "ds-input"}))
    state = forms.ChoiceField(label=_("State"), required=False, widget=forms.Select(attrs={"class": "ds-input"}))
    language = forms.ChoiceField(label=_("Language"), required=False, choices=LANGUAGES,
                                 widget=forms.Select(attrs={"class": "ds-input"}))

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        language = active_language()
        self.fields["state"].choices = [("", _("All")), *TextState.choices]
        self.fields["goal"].choices = [("", _("All"))] + [
            (goal.number, f"{goal.number} {goal.short_in(language)}") for goal in Goal.objects.all()]
