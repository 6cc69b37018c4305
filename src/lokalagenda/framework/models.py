"""The global SDG framework: 17 goals, 169 targets and the global indicators, with texts in en, nb and nn, and
how relevant each target is for kommuner and fylkeskommuner.

Bokmål texts of targets and indicators come from Open SDG's machine translation (``title_nb_source``); the
project's own unofficial bokmål and nynorsk translation (``framework/translations/``) goes into the
``*_unofficial`` fields. A national editor's correction goes into ``title_nb_corrected`` and
``title_nn_corrected``, which reloading never touches. The text shown is the editor's correction, else the
unofficial translation, else the machine translation (unless it is known to be wrong), else English; each
language's ``TextState`` says which of them is shown.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lokalagenda.core.framework import MultilingualText

#: The bundle's flag for a machine translation that repeats another target's text and misses its meaning.
KNOWN_WRONG_FLAG = "duplicate_nb_text_with_different_en"


class TextState(models.TextChoices):
    """Where the Norwegian text shown in one language comes from."""

    MISSING = "missing", _("no text (English shown)")
    MACHINE = "machine", _("machine translation")
    SOURCE = "source", _("Open SDG translation")
    UNOFFICIAL = "unofficial", _("unofficial translation")
    CORRECTED = "corrected", _("corrected by an editor")
    CHECKED = "checked", _("checked against the official text")


#: The Norwegian languages whose texts have a state.
TEXT_LANGUAGES = ("nb", "nn")


class TranslatedTitleMixin(models.Model):
    """The title fields every target and indicator has, and the precedence rule for the text shown."""

    title_en = models.TextField(_("title (English)"))
    title_nb_source = models.TextField(_("title (bokmål) as in the source"))
    nb_machine_translated = models.BooleanField(_("bokmål source text is a machine translation"), default=False)
    nb_quality_flag = models.CharField(_("known problem of the bokmål source text"), max_length=200, blank=True)
    title_nb_unofficial = models.TextField(_("title (bokmål), unofficial translation"), blank=True)
    title_nn_unofficial = models.TextField(_("title (nynorsk), unofficial translation"), blank=True)
    title_nb_corrected = models.TextField(_("title (bokmål), corrected by an editor"), blank=True)
    title_nn_corrected = models.TextField(_("title (nynorsk), corrected by an editor"), blank=True)
    nb_checked = models.BooleanField(_("bokmål text checked against the official text"), default=False)
    nn_checked = models.BooleanField(_("nynorsk text checked against the official text"), default=False)

    class Meta:
        abstract = True

    @property
    def nb_source_is_wrong(self) -> bool:
        """The source's bokmål text is known to be wrong (it repeats another item's text), so it is not shown."""
        return self.nb_quality_flag.startswith(KNOWN_WRONG_FLAG)

    @property
    def title_nb(self) -> str:
        """Editor's correction > unofficial translation > source (unless known to be wrong) > "" (English)."""
        return (self.title_nb_corrected or self.title_nb_unofficial
                or ("" if self.nb_source_is_wrong else self.title_nb_source))

    @property
    def title_nn(self) -> str:
        """Editor's correction > unofficial translation > "" (bokmål is shown)."""
        return self.title_nn_corrected or self.title_nn_unofficial

    @property
    def titles(self) -> MultilingualText:
        return MultilingualText({"en": self.title_en, "nb": self.title_nb, "nn": self.title_nn})

    def title_in(self, language: str) -> str:
        """The title in ``language``, falling back nn → nb → en."""
        return self.titles.get(language)

    def text_state(self, language: str) -> TextState:
        """Where this item's own text in ``language`` (nb or nn) comes from."""
        nb = language == "nb"
        corrected = self.title_nb_corrected if nb else self.title_nn_corrected
        if corrected:
            return TextState.CHECKED if (self.nb_checked if nb else self.nn_checked) else TextState.CORRECTED
        if self.title_nb_unofficial if nb else self.title_nn_unofficial:
            return TextState.UNOFFICIAL
        if nb and self.title_nb:
            return TextState.MACHINE if self.nb_machine_translated else TextState.SOURCE
        return TextState.MISSING

    def shown_text_state(self, language: str) -> TextState:
        """The state of the text actually shown to a reader of ``language`` (after falling back)."""
        shown = self.titles.language_of(language)
        return self.text_state(shown) if shown in TEXT_LANGUAGES else TextState.MISSING

    def shows_machine_translation(self, language: str) -> bool:
        """True when the text shown in ``language`` is an uncorrected machine translation."""
        return self.shown_text_state(language) == TextState.MACHINE

    def shows_unofficial_translation(self, language: str) -> bool:
        """True when the text shown in ``language`` is the project's unofficial translation."""
        return self.shown_text_state(language) == TextState.UNOFFICIAL


class Goal(models.Model):
    """A goal. Its bokmål names come from Open SDG (``*_source``, not a machine translation) and the project's
    unofficial translation, which also gives the nynorsk names; ``short_nb`` … ``title_nn`` are the texts shown."""

    number = models.PositiveSmallIntegerField(_("goal"), primary_key=True)
    colour = models.CharField(_("official colour"), max_length=7)
    short_en = models.CharField(max_length=100)
    short_nb_source = models.CharField(max_length=100)
    short_nb_unofficial = models.CharField(max_length=100, blank=True)
    short_nn_unofficial = models.CharField(max_length=100, blank=True)
    title_en = models.TextField()
    title_nb_source = models.TextField()
    title_nb_unofficial = models.TextField(blank=True)
    title_nn_unofficial = models.TextField(blank=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self) -> str:
        return f"{self.number} {self.short_en}"

    @property
    def short_nb(self) -> str:
        return self.short_nb_unofficial or self.short_nb_source

    @property
    def short_nn(self) -> str:
        return self.short_nn_unofficial

    @property
    def title_nb(self) -> str:
        return self.title_nb_unofficial or self.title_nb_source

    @property
    def title_nn(self) -> str:
        return self.title_nn_unofficial

    def short_in(self, language: str) -> str:
        return MultilingualText({"en": self.short_en, "nb": self.short_nb, "nn": self.short_nn}).get(language)

    def title_in(self, language: str) -> str:
        return MultilingualText({"en": self.title_en, "nb": self.title_nb, "nn": self.title_nn}).get(language)

    def text_state(self, language: str) -> TextState:
        """Unofficial when the project's translation is there, else Open SDG's bokmål or nothing."""
        if self.title_nb_unofficial if language == "nb" else self.title_nn_unofficial:
            return TextState.UNOFFICIAL
        return TextState.SOURCE if language == "nb" and self.title_nb_source else TextState.MISSING


class Target(TranslatedTitleMixin):
    code = models.CharField(_("target"), max_length=5, primary_key=True)
    goal = models.ForeignKey(Goal, on_delete=models.PROTECT, related_name="targets")
    position = models.PositiveIntegerField(help_text="Sort position in the UN order (1.1 … 1.5, 1.a, 1.b, 2.1 …)")

    class Meta:
        ordering = ["position"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")

    def __str__(self) -> str:
        return self.code


class Indicator(TranslatedTitleMixin):
    code = models.CharField(_("indicator"), max_length=8, primary_key=True)
    target = models.ForeignKey(Target, on_delete=models.PROTECT, related_name="indicators")
    position = models.PositiveIntegerField()
    un_indicator_code = models.CharField(_("UN SDG ontology code"), max_length=20, blank=True)
    ks_taxonomy_uri = models.TextField(_("KS SDG taxonomy concept"), blank=True)

    class Meta:
        ordering = ["position"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.code


class OfficialTextSource(models.Model):
    """A page that holds the official Norwegian text of a goal's targets (the bundle's
    ``sdg/official_nb_target_sources.csv``): where an editor checks the unofficial translation."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="official_sources",
                             verbose_name=_("goal"))
    url = models.URLField(_("address"), max_length=300)
    publisher = models.CharField(_("publisher"), max_length=100)
    language_form = models.CharField(_("language form"), max_length=20)
    targets_seen = models.CharField(_("targets seen on the page"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)
    position = models.PositiveIntegerField()

    class Meta:
        ordering = ["goal", "position"]
        constraints = [models.UniqueConstraint(fields=["goal", "url"], name="official_text_source_goal_url")]
        verbose_name = _("official source of target texts")
        verbose_name_plural = _("official sources of target texts")

    def __str__(self) -> str:
        return f"{self.goal_id}: {self.publisher}"


class RelevanceLevel(models.TextChoices):
    """How much a level of local government can do for a target (defined in ``relevance/service_areas.yaml``)."""

    HIGH = "high", _("high")
    MEDIUM = "medium", _("medium")
    LOW = "low", _("low")
    NONE = "none", _("none")


#: Relevance levels from none to high, so "at least low" is a comparison of ranks.
LEVEL_RANK = {RelevanceLevel.NONE: 0, RelevanceLevel.LOW: 1, RelevanceLevel.MEDIUM: 2, RelevanceLevel.HIGH: 3}


class Government(models.TextChoices):
    """The two levels of local government a target's relevance is judged for."""

    KOMMUNE = "kommune", _("kommuner")
    FYLKESKOMMUNE = "fylkeskommune", _("fylkeskommuner")


class ServiceArea(models.Model):
    """A municipal or county service area (child welfare, water and sewage …) that targets' relevance rests on.

    Loaded from the seed file only; editors refine the targets' relevance, not the service areas.
    """

    class Runs(models.TextChoices):
        KOMMUNE = "kommune", _("kommune")
        FYLKESKOMMUNE = "fylkeskommune", _("fylkeskommune")
        BOTH = "both", _("kommune and fylkeskommune")

    key = models.SlugField(_("key"), max_length=40, primary_key=True)
    name_nb = models.CharField(_("name (bokmål)"), max_length=100)
    name_nn = models.CharField(_("name (nynorsk)"), max_length=100, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=100)
    runs = models.CharField(_("run by"), max_length=15, choices=Runs.choices)
    goals = models.JSONField(_("goals served"), default=list)
    source = models.TextField(_("source"))
    position = models.PositiveIntegerField()

    class Meta:
        ordering = ["position"]
        verbose_name = _("service area")
        verbose_name_plural = _("service areas")

    def __str__(self) -> str:
        return self.name_nb

    def title_in(self, language: str) -> str:
        """The name in ``language`` (named like the framework items' method so the ``title`` filter shows it)."""
        return MultilingualText({"en": self.name_en, "nb": self.name_nb, "nn": self.name_nn}).get(language)


class TargetRelevance(models.Model):
    """How relevant one target is for kommuner and for fylkeskommuner, why, and on what source.

    The seed (``origin = seed``) is reloaded by ``load-reference`` as long as no national editor has changed
    it; once an editor has (``origin = editor``) the seed never overwrites it. Every change, the seed's own
    included, is kept in ``TargetRelevanceChange``.
    """

    class Origin(models.TextChoices):
        SEED = "seed", _("seed")
        EDITOR = "editor", _("refined by a national editor")

    target = models.OneToOneField(Target, on_delete=models.CASCADE, primary_key=True, related_name="relevance",
                                  verbose_name=_("target"))
    kommune = models.CharField(_("relevance for kommuner"), max_length=6, choices=RelevanceLevel.choices)
    fylkeskommune = models.CharField(_("relevance for fylkeskommuner"), max_length=6,
                                     choices=RelevanceLevel.choices)
    rationale = models.TextField(_("rationale"))
    source = models.TextField(_("source"))
    service_areas = models.ManyToManyField(ServiceArea, blank=True, related_name="targets",
                                           verbose_name=_("service areas"))
    origin = models.CharField(_("origin"), max_length=6, choices=Origin.choices, default=Origin.SEED)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("last changed by"))
    changed_at = models.DateTimeField(_("last changed"), default=timezone.now)

    class Meta:
        ordering = ["target__position"]
        verbose_name = _("local relevance of a target")
        verbose_name_plural = _("local relevance of targets")

    def __str__(self) -> str:
        return f"{self.target_id}: {self.kommune}/{self.fylkeskommune}"

    def level_for(self, government: str) -> str:
        """The level for ``kommune`` or ``fylkeskommune``."""
        return self.kommune if government == Government.KOMMUNE else self.fylkeskommune


class TargetRelevanceChange(models.Model):
    """One change of a target's relevance: the values before (none when it was created) and after, who, why."""

    relevance = models.ForeignKey(TargetRelevance, on_delete=models.CASCADE, related_name="changes")
    at = models.DateTimeField(default=timezone.now, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="+")
    origin = models.CharField(max_length=6, choices=TargetRelevance.Origin.choices)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField()
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("change of a target's relevance")
        verbose_name_plural = _("changes of targets' relevance")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.relevance_id} {self.origin}"

    @property
    def differences(self) -> list[tuple[str, str, str]]:
        """(label, before, after) of each value that changed; lists of service areas are joined."""
        before = self.before or {}
        return [(str(TargetRelevance._meta.get_field(name).verbose_name), _shown(before.get(name)), _shown(value))
                for name, value in self.after.items() if before.get(name) != value]


def _shown(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return "" if value is None else str(value)
