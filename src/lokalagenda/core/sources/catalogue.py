"""The indicator catalogue in the data bundle: the KS SDG taxonomy (with its 32 sets, among them U4SSC, OECD
and EU JRC), the U4SSC codes, and the bundle's own national series (``indicators/catalog.csv``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lokalagenda.core.datadir import DataDirectory
from lokalagenda.core.sources.csvfile import CsvFile, CsvRow

KS_TAXONOMY = "frameworks/ks_sdg_taxonomy_indicators.csv"
U4SSC = "frameworks/u4ssc_kpis.csv"
BUNDLE_CATALOGUE = "indicators/catalog.csv"
BUNDLE_VALUES = "indicators/values.csv"

#: The KS UN scheme describes the global indicators, which the catalogue already has from sdg/indicators.csv.
KS_UN_SCHEME = "UN-SDG-indicators"
#: International KS schemes whose titles are English; the others are Norwegian.
ENGLISH_SCHEMES = {"U4SSC": "u4ssc", "OECD-A-Territorial-Approach-to-the-SDGs": "oecd",
                   "The-EU-JRC-VLR-handbook-indicators-2020": "jrc", "The-EU-JRC-VLR-handbook-indicators-2022": "jrc"}
#: Units of counts, whose values for merged kommuner may be summed.
ADDITIVE_UNITS = frozenset({"persons", "km", "NOK", "kr", "1000 NOK", "tonnes", "tonnes CO2e", "count"})
#: The set of the bundle's national series: slug, kind and name.
BUNDLE_SET = ("lokalagenda-bundle", "national", "Nasjonal statistikk i Lokalagenda-pakken")
#: Publishers named in a catalogue's source text, first match wins: a publisher that republishes SSB's
#: registers (IMDi) or whose source text mentions SSB's population as a denominator (NAV) comes before SSB.
PUBLISHERS = (("Valgdirektoratet", "Valgdirektoratet"), ("IMDi", "IMDi"), ("NAV ", "NAV"), ("SSB", "SSB"),
              ("07459", "SSB"), ("FHI", "FHI"), ("NVDB", "Statens vegvesen"), ("KMD", "KMD"))

_TARGET = re.compile(r"\b(\d{1,2}\.(?:[1-9]\d?|[a-z]))(?:\.\d{1,2})?\b")


def target_codes(text: str) -> list[str]:
    """SDG target codes mentioned in free text ("9.1; 11.2 (context)" → 9.1, 11.2; an indicator 3.b.1 → 3.b).
    A bare goal number ("11 (denominator/context)") and words are notes, not targets."""
    return sorted(set(_TARGET.findall(text)))


def direction_of(higher_is_better: str) -> str:
    """The direction a catalogue's ``higher_is_better`` cell gives: ``true`` higher, ``false`` lower, empty (a
    context or denominator series) neutral."""
    return {"true": "higher", "false": "lower"}.get(higher_is_better.strip().lower(), "neutral")


def aggregation_of(unit: str) -> str:
    """``sum`` for a count (values of merged kommuner may be added), else ``none``."""
    return "sum" if unit in ADDITIVE_UNITS else "none"


def publisher_of(source: str) -> str:
    """The publisher named in a catalogue's source text (see :data:`PUBLISHERS`), or ``""``."""
    for needle, publisher in PUBLISHERS:
        if needle in source:
            return publisher
    return ""


@dataclass(frozen=True)
class CatalogueRecord:
    id: str
    set_slug: str
    set_kind: str
    set_name: str
    name_nb: str = ""
    name_en: str = ""
    notation: str = ""
    unit: str = ""
    direction: str = ""
    aggregation: str = "none"
    targets: list[str] = field(default_factory=list)
    publisher: str = ""
    table_id: str = ""
    source_url: str = ""
    licence: str = ""
    periodicity: str = ""
    level_of_geography: str = ""
    quality_class: str = ""
    evaluation_level: str = ""
    triple_bottom_line: str = ""
    development_sector: str = ""
    taxonomy_uri: str = ""


def _ks_record(row: CsvRow, u4ssc_codes: dict[str, str]) -> CatalogueRecord | None:
    scheme = row.text("scheme")
    if scheme == KS_UN_SCHEME:
        return None
    kind = ENGLISH_SCHEMES.get(scheme, "ks")
    title = row.text("title")
    uri = row.text("uri")
    names = {"name_en": title} if kind != "ks" else {"name_nb": title}
    return CatalogueRecord(
        id=f"ks-{row.text('id')}", set_slug=scheme.lower(), set_kind=kind, set_name=scheme.replace("-", " ").strip(),
        **names, notation=u4ssc_codes.get(uri, row.text("notation", required=False)),
        targets=target_codes(row.text("sdg_targets_or_indicators", required=False)), publisher="KS SDG taxonomy",
        source_url=row.text("source", required=False), periodicity=row.text("periodicity", required=False),
        level_of_geography=row.text("level_of_geography", required=False),
        quality_class=row.text("quality_class", required=False),
        evaluation_level=row.text("evaluation_level", required=False),
        triple_bottom_line=row.text("triple_bottom_line", required=False),
        development_sector=row.text("development_sector", required=False), taxonomy_uri=uri,
    )


def read_ks_taxonomy(data: DataDirectory) -> list[CatalogueRecord]:
    """Every KS taxonomy concept except the UN scheme, one record per (concept, scheme)."""
    u4ssc = CsvFile(data.file(U4SSC), ("u4ssc_code", "ks_taxonomy_uri")).read(
        lambda row: (row.text("ks_taxonomy_uri"), row.text("u4ssc_code")))
    u4ssc_codes = dict(u4ssc)
    columns = ("scheme", "id", "uri", "title", "sdg_targets_or_indicators", "quality_class", "level_of_geography")
    return CsvFile(data.file(KS_TAXONOMY), columns).read(lambda row: _ks_record(row, u4ssc_codes))


def read_ks_classification(data: DataDirectory) -> dict[str, CatalogueRecord]:
    """The KS classification of the UN global indicators, keyed by their taxonomy URI."""
    columns = ("scheme", "id", "uri", "title")

    def record(row: CsvRow) -> tuple[str, CatalogueRecord] | None:
        if row.text("scheme") != KS_UN_SCHEME:
            return None
        return row.text("uri"), CatalogueRecord(
            id="", set_slug="", set_kind="", set_name="", periodicity=row.text("periodicity", required=False),
            level_of_geography=row.text("level_of_geography", required=False),
            quality_class=row.text("quality_class", required=False),
            evaluation_level=row.text("evaluation_level", required=False),
            triple_bottom_line=row.text("triple_bottom_line", required=False),
            development_sector=row.text("development_sector", required=False),
            source_url=row.text("source", required=False),
        )

    return dict(CsvFile(data.file(KS_TAXONOMY), columns).read(record))


def read_bundle_catalogue(data: DataDirectory) -> list[CatalogueRecord]:
    """The bundle's national series (population, roads, expenditure need, vaccination coverage)."""
    columns = ("indicator_id", "name_nb", "name_en", "unit", "sdg_target(s)", "higher_is_better", "source",
               "table_id", "licence")

    def record(row: CsvRow) -> CatalogueRecord:
        unit = row.text("unit")
        source = row.text("source")
        return CatalogueRecord(
            id=row.text("indicator_id"), set_slug=BUNDLE_SET[0], set_kind=BUNDLE_SET[1], set_name=BUNDLE_SET[2],
            name_nb=row.text("name_nb"), name_en=row.text("name_en"), unit=unit,
            direction=direction_of(row.text("higher_is_better", required=False)), aggregation=aggregation_of(unit),
            targets=target_codes(row.text("sdg_target(s)", required=False)),
            publisher=publisher_of(source + " " + row.text("table_id", required=False)),
            table_id=row.text("table_id", required=False), source_url=source,
            licence=row.text("licence", required=False),
        )

    return CsvFile(data.file(BUNDLE_CATALOGUE), columns).read(record)

