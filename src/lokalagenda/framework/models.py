"""The global SDG framework: 17 goals, 169 targets and the global indicators, with texts in en, nb and nn, and
how relevant each target is for kommuner and fylkeskommuner.

Bokmål texts of targets and indicators come from Open SDG's machine translation (``title_nb_source``). A
national editor's correction goes into ``title_nb_corrected`` and ``title_nn``, which reloading the source
never touches; pages show the correction when there is one and mark machine translations when there is not.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lokalagenda.core.framework import MultilingualText

#: The bundle's flag for a machine translation that repeats another target's text and misses its meaning.
KNOWN_WRONG_FLAG = "duplicate_nb_text_with_different_en"


class TranslatedTitleMixin(models.Model):
    """The title fields every framework item has, and the fallback rule for the language shown."""

    title_en = models.TextField(_("title (English)"))
    title_nb_source = models.TextField(_("title (bokmål) as in the source"))
    nb_machine_translated = models.BooleanField(_("bokmål source text is a machine translation"), default=False)
    nb_quality_flag = models.CharField(_("known problem of the bokmål source text"), max_length=200, blank=True)
    title_nb_corrected = models.TextField(_("title (bokmål), corrected by an editor"), blank=True)
    title_nn = models.TextField(_("title (nynorsk)"), blank=True)

    class Meta:
        abstract = True

    @property
    def nb_source_is_wrong(self) -> bool:
        """The source's bokmål text is known to be wrong (it repeats another item's text), so it is not shown."""
        return self.nb_quality_flag.startswith(KNOWN_WRONG_FLAG)

    @property
    def title_nb(self) -> str:
        """The editor's bokmål text, else the source's unless it is known to be wrong (then English is shown)."""
        if self.title_nb_corrected:
            return self.title_nb_corrected
        return "" if self.nb_source_is_wrong else self.title_nb_source

    @property
    def titles(self) -> MultilingualText:
        return MultilingualText({"en": self.title_en, "nb": self.title_nb, "nn": self.title_nn})

    def title_in(self, language: str) -> str:
        """The title in ``language``, falling back nn → nb → en."""
        return self.titles.get(language)

    def shows_machine_translation(self, language: str) -> bool:
        """True when the text shown in ``language`` is an uncorrected machine translation."""
        return (
            self.nb_machine_translated
            and not self.title_nb_corrected
            and self.titles.language_of(language) == "nb"
        )


class Goal(models.Model):
    number = models.PositiveSmallIntegerField(_("goal"), primary_key=True)
    colour = models.CharField(_("official colour"), max_length=7)
    short_en = models.CharField(max_length=100)
    short_nb = models.CharField(max_length=100)
    short_nn = models.CharField(max_length=100, blank=True)
    title_en = models.TextField()
    title_nb = models.TextField()
    title_nn = models.TextField(blank=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self) -> str:
        return f"{self.number} {self.short_en}"

    def short_in(self, language: str) -> str:
        return MultilingualText({"en": self.short_en, "nb": self.short_nb, "nn": self.short_nn}).get(language)

    def title_in(self, language: str) -> str:
        return MultilingualText({"en": self.title_en, "nb": self.title_nb, "nn": self.title_nn}).get(language)


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
