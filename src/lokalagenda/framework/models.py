"""The global SDG framework: 17 goals, 169 targets and the global indicators, with texts in en, nb and nn.

Bokmål texts of targets and indicators come from Open SDG's machine translation (``title_nb_source``). A
national editor's correction goes into ``title_nb_corrected`` and ``title_nn``, which reloading the source
never touches; pages show the correction when there is one and mark machine translations when there is not.
"""

from __future__ import annotations

from django.db import models
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
