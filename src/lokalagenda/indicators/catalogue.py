"""The indicator catalogue: loading it from the data bundle (part of ``load-reference``), and kommuner's own
local indicators."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db import transaction
from django.utils.translation import gettext

from lokalagenda.accounts.models import Organisation
from lokalagenda.accounts.permissions import require_editor
from lokalagenda.accounts.services import audit, snapshot
from lokalagenda.core.datadir import DataDirectory
from lokalagenda.core.sources import catalogue
from lokalagenda.framework.models import Indicator as GlobalIndicator
from lokalagenda.framework.models import Target
from lokalagenda.indicators.models import Indicator, IndicatorSet
from lokalagenda.persistence.sync import SyncReport, sync_table

GLOBAL_SET = ("un-sdg-global", "global", "UN global SDG indicators")
CLASSIFICATION = ("periodicity", "level_of_geography", "quality_class", "evaluation_level", "triple_bottom_line",
                  "development_sector")


def sync_catalogue(data: DataDirectory) -> list[SyncReport]:
    """The catalogue: UN global indicators (with KS's classification), the KS taxonomy sets and the bundle's
    national series. Sets and targets are linked; an indicator in several KS schemes joins several sets."""
    records = _global_records(data) + catalogue.read_ks_taxonomy(data) + catalogue.read_bundle_catalogue(data)
    by_id: dict[str, list[catalogue.CatalogueRecord]] = defaultdict(list)
    for record in records:
        by_id[record.id].append(record)
    sets = {(r.set_slug, r.set_kind, r.set_name) for r in records}
    reports = [sync_table(IndicatorSet, ("slug",), ({"slug": s, "kind": k, "name": n} for s, k, n in sorted(sets)),
                          "indicator sets")]
    reports.append(sync_table(Indicator, ("id",), (_row(group[0]) for group in by_id.values()), "catalogue"))
    _link(by_id)
    return reports


def _global_records(data: DataDirectory) -> list[catalogue.CatalogueRecord]:
    classification = catalogue.read_ks_classification(data)
    records = []
    for indicator in GlobalIndicator.objects.all():
        ks = classification.get(indicator.ks_taxonomy_uri.split(";")[0])
        extra = {name: getattr(ks, name) for name in (*CLASSIFICATION, "source_url")} if ks else {}
        records.append(catalogue.CatalogueRecord(
            id=f"un-{indicator.code}", set_slug=GLOBAL_SET[0], set_kind=GLOBAL_SET[1], set_name=GLOBAL_SET[2],
            name_en=indicator.title_en, notation=indicator.code, targets=[indicator.target_id], publisher="UN",
            taxonomy_uri=indicator.ks_taxonomy_uri, **extra,
        ))
    return records


def _row(record: catalogue.CatalogueRecord) -> dict[str, Any]:
    fields = ("name_en", "notation", "unit", "direction", "aggregation", "publisher", "table_id", "source_url",
              "licence", "taxonomy_uri", *CLASSIFICATION)
    row = {"id": record.id, **{name: getattr(record, name) for name in fields}}
    if record.name_nb:
        row["name_nb"] = record.name_nb
    if record.id.startswith("un-"):
        row["global_indicator_id"] = record.notation
    return row


def _link(by_id: dict[str, list[catalogue.CatalogueRecord]]) -> None:
    """Set and target links, written only where they are missing (re-running adds nothing)."""
    set_ids = dict(IndicatorSet.objects.values_list("slug", "id"))
    known_targets = set(Target.objects.values_list("code", flat=True))
    set_links = {(r.id, set_ids[r.set_slug]) for records in by_id.values() for r in records}
    target_links = {(r.id, code) for records in by_id.values() for r in records for code in r.targets
                    if code in known_targets}
    _add_missing(Indicator.sets.through, "indicatorset_id", set_links)
    _add_missing(Indicator.targets.through, "target_id", target_links)


def _add_missing(through: Any, other: str, links: set[tuple[str, Any]]) -> None:
    existing = set(through.objects.values_list("indicator_id", other))
    through.objects.bulk_create([through(indicator_id=a, **{other: b}) for a, b in links - existing],
                                batch_size=1000)


@transaction.atomic
def create_local_indicator(organisation: Organisation, user: Any, *, targets: list[str], **fields: Any) -> Indicator:
    """A kommune's own indicator, in its local set, with an id like ``LOKAL-0301-3``; the write is audited."""
    require_editor(user, organisation, gettext("Only editors of this organisation can define its indicators."))
    code = organisation.kommune_id or organisation.fylke_id or organisation.slug
    local_set, _ = IndicatorSet.objects.get_or_create(
        slug=f"local-{organisation.slug}", defaults={"name": f"Lokale indikatorer: {organisation.name}",
                                                      "kind": IndicatorSet.Kind.LOCAL, "organisation": organisation})
    number = Indicator.objects.filter(organisation=organisation).count() + 1
    while Indicator.objects.filter(id=f"LOKAL-{code}-{number}").exists():
        number += 1
    indicator = Indicator.objects.create(id=f"LOKAL-{code}-{number}", organisation=organisation, **fields)
    indicator.sets.add(local_set)
    indicator.targets.set(Target.objects.filter(code__in=targets))
    audit(user, "create", indicator, None, snapshot(indicator), organisation=organisation)
    return indicator
