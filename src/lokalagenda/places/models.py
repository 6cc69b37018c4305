"""Kommuner and fylker in the 2024 structure, their population series, code history and boundaries."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from lokalagenda.places.querysets import KommuneQuerySet, PopulationQuerySet


class Place(models.Model):
    """What kommuner and fylker share: a number, official names in Norwegian, Sámi and Kven, a boundary."""

    name = models.CharField(_("name"), max_length=100)
    sami_name = models.CharField(_("Sámi name"), max_length=100, blank=True)
    kven_name = models.CharField(_("Kven name"), max_length=100, blank=True)
    boundary = models.JSONField(_("boundary (GeoJSON geometry)"), null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.number} {self.name}"  # type: ignore[attr-defined]


class Fylke(Place):
    """A county (fylke) of the 2024 structure."""

    number = models.CharField(_("fylkesnummer"), max_length=2, primary_key=True)

    class Meta(Place.Meta):
        verbose_name = _("fylke")
        verbose_name_plural = _("fylker")


class LanguageForm(models.TextChoices):
    """The kommune's official written language form (målform), as the source writes it."""

    BOKMAL = "Bokmål", _("Bokmål")
    NYNORSK = "Nynorsk", _("Nynorsk")
    NEUTRAL = "Nøytral", _("Neutral")


class Kommune(Place):
    """A municipality (kommune) of the 2024 structure, identified by its kommunenummer."""

    number = models.CharField(_("kommunenummer"), max_length=4, primary_key=True)
    fylke = models.ForeignKey(Fylke, on_delete=models.PROTECT, related_name="kommuner", verbose_name=_("fylke"))
    landsdel = models.CharField(_("landsdel"), max_length=100)
    admin_centre = models.CharField(_("administrative centre"), max_length=100)
    area_km2 = models.FloatField(_("area (km²)"))
    language_form = models.CharField(_("official language form"), max_length=20, choices=LanguageForm.choices)
    #: Every official name form in lower case, so search ignores case for æ, ø and å on every database.
    search_text = models.CharField(max_length=300, editable=False)

    objects = KommuneQuerySet.as_manager()

    class Meta(Place.Meta):
        verbose_name = _("kommune")
        verbose_name_plural = _("kommuner")


class KommunePopulation(models.Model):
    """Residents of a kommune on 1 January of a year (SSB table 07459), in the 2024 structure."""

    kommune = models.ForeignKey(Kommune, on_delete=models.CASCADE, related_name="population")
    year = models.PositiveSmallIntegerField(_("year"))
    total = models.PositiveIntegerField(_("population"))
    female = models.PositiveIntegerField(null=True, blank=True)
    male = models.PositiveIntegerField(null=True, blank=True)
    age_0_17 = models.PositiveIntegerField(null=True, blank=True)
    age_67_plus = models.PositiveIntegerField(null=True, blank=True)
    age_80_plus = models.PositiveIntegerField(null=True, blank=True)
    source = models.CharField(max_length=200)

    objects = PopulationQuerySet.as_manager()

    class Meta:
        ordering = ["kommune", "year"]
        constraints = [models.UniqueConstraint(fields=["kommune", "year"], name="unique_kommune_population_year")]

    def __str__(self) -> str:
        return f"{self.kommune_id} {self.year}: {self.total}"


class FylkePopulation(models.Model):
    """Residents of a fylke on 1 January of a year (SSB table 07459), in the 2024 structure."""

    fylke = models.ForeignKey(Fylke, on_delete=models.CASCADE, related_name="population")
    year = models.PositiveSmallIntegerField(_("year"))
    total = models.PositiveIntegerField(_("population"))
    source = models.CharField(max_length=200)

    class Meta:
        ordering = ["fylke", "year"]
        constraints = [models.UniqueConstraint(fields=["fylke", "year"], name="unique_fylke_population_year")]

    def __str__(self) -> str:
        return f"{self.fylke_id} {self.year}: {self.total}"


class CodeChange(models.Model):
    """An earlier kommunenummer and the 2024 kommune it became part of (reforms of 2020 and 2024).

    ``weighting`` is the share of the old unit given to the new one; below 1 where the old kommune was divided.
    """

    old_code = models.CharField(_("earlier kommunenummer"), max_length=4)
    kommune = models.ForeignKey(Kommune, on_delete=models.CASCADE, related_name="code_history")
    weighting = models.FloatField()
    valid_from_year = models.PositiveSmallIntegerField()
    valid_to_year = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["kommune", "valid_from_year", "old_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["old_code", "kommune", "valid_from_year"], name="unique_code_change"
            )
        ]

    def __str__(self) -> str:
        return f"{self.old_code} → {self.kommune_id} ({self.valid_from_year}–{self.valid_to_year})"


class Network(models.Model):
    """A named network of kommuner and fylkeskommuner, e.g. a national sustainability network.

    Networks are entered by national editors (or loaded with ``lokalagenda load-network``); none are seeded, so
    every network shown is a real one. The measurement app uses them as peer groups.
    """

    class Kind(models.TextChoices):
        NATIONAL = "national", _("national network")
        REGIONAL = "regional", _("regional network")
        THEMATIC = "thematic", _("thematic network")

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("short name in the address"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.NATIONAL)
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    owner = models.ForeignKey(
        "accounts.Organisation", on_delete=models.SET_NULL, null=True, blank=True, related_name="owned_networks",
        verbose_name=_("owner organisation"),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("network")
        verbose_name_plural = _("networks")

    def __str__(self) -> str:
        return self.name


class NetworkMembership(models.Model):
    """A kommune or a fylke (fylkeskommune) in a network, from the year it joined until the year it left."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="memberships")
    kommune = models.ForeignKey(Kommune, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="network_memberships", verbose_name=_("kommune"))
    fylke = models.ForeignKey(Fylke, on_delete=models.PROTECT, null=True, blank=True,
                              related_name="network_memberships", verbose_name=_("fylke"))
    joined_year = models.PositiveSmallIntegerField(_("joined (year)"), null=True, blank=True)
    left_year = models.PositiveSmallIntegerField(_("left (year)"), null=True, blank=True)

    class Meta:
        ordering = ["network_id", "kommune_id", "fylke_id"]
        verbose_name = _("network membership")
        verbose_name_plural = _("network memberships")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kommune__isnull=False, fylke__isnull=True)
                | models.Q(kommune__isnull=True, fylke__isnull=False),
                name="network_member_is_kommune_or_fylke",
            ),
            models.UniqueConstraint(fields=["network", "kommune"], name="unique_network_kommune"),
            models.UniqueConstraint(fields=["network", "fylke"], name="unique_network_fylke"),
            models.CheckConstraint(
                condition=models.Q(left_year__isnull=True) | models.Q(joined_year__isnull=True)
                | models.Q(left_year__gte=models.F("joined_year")),
                name="network_left_after_joined",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.network} – {self.place}"

    @property
    def place(self) -> str:
        """The member's number: a four-digit kommunenummer or a two-digit fylkesnummer."""
        return self.kommune_id or self.fylke_id  # type: ignore[return-value]


class KostraGroup(models.Model):
    """A KOSTRA group (kommunegruppe) of SSB's classification 112, e.g. ``EKG13``: kommuner alike in size and
    economic frame conditions, which SSB compares with each other."""

    code = models.CharField(_("code"), max_length=20, primary_key=True)
    name = models.CharField(_("name"), max_length=300)

    class Meta:
        ordering = ["code"]
        verbose_name = _("KOSTRA group")
        verbose_name_plural = _("KOSTRA groups")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class KostraGroupMembership(models.Model):
    """A kommune in a KOSTRA group from ``valid_from`` until (not including) ``valid_to`` (empty: still valid), as
    one version of SSB's correspondence between classifications 112 and 131 says, with where it was read from."""

    kommune = models.ForeignKey(Kommune, on_delete=models.CASCADE, related_name="kostra_memberships",
                                verbose_name=_("kommune"))
    group = models.ForeignKey(KostraGroup, on_delete=models.PROTECT, related_name="memberships",
                              verbose_name=_("KOSTRA group"))
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=500, help_text="the Klass address or the file it came from")
    loaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kommune_id", "valid_from"]
        verbose_name = _("KOSTRA group membership")
        verbose_name_plural = _("KOSTRA group memberships")
        constraints = [
            models.UniqueConstraint(fields=["kommune", "valid_from"], name="unique_kostra_membership_version"),
            models.CheckConstraint(condition=models.Q(valid_to__isnull=True)
                                   | models.Q(valid_to__gt=models.F("valid_from")),
                                   name="kostra_membership_ends_after_it_starts"),
        ]

    def __str__(self) -> str:
        return f"{self.kommune_id} → {self.group_id} (from {self.valid_from})"
