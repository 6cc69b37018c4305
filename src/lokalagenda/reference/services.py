"""Loading the reference data: the SDG framework, kommuner and fylker, and their organisations."""

from __future__ import annotations

from django.db import transaction

from lokalagenda.accounts.models import Organisation
from lokalagenda.accounts.services import NATIONAL_SLUG
from lokalagenda.core.datadir import DataDirectory
from lokalagenda.core.progress import Progress, null_progress
from lokalagenda.core.sources.reference import REFERENCE_FILES
from lokalagenda.framework.relevance.seed import seed_relevance
from lokalagenda.framework.services import sync_framework
from lokalagenda.indicators.catalogue import sync_catalogue
from lokalagenda.persistence.sync import SyncReport
from lokalagenda.places.models import Fylke, Kommune
from lokalagenda.places.services import sync_places


def load_reference(data: DataDirectory, progress: Progress = null_progress) -> list[SyncReport]:
    """Load everything in one transaction: a bad file leaves the database as it was.

    Every file is checked for presence before anything is read, so a wrong data directory fails at once.
    """
    for relative in REFERENCE_FILES:
        data.file(relative)
    with transaction.atomic():
        progress(0, 3, "SDG framework")
        reports = sync_framework(data)
        reports += seed_relevance()
        progress(1, 3, "kommuner and fylker")
        reports += sync_places(data)
        reports += sync_catalogue(data)
        progress(2, 3, "organisations")
        created = sum(ensure_public_organisations().values())
        organisations = SyncReport("organisations", created=created,
                                   unchanged=Organisation.objects.count() - created)
        progress(3, 3, "done")
    return [*reports, organisations]


@transaction.atomic
def ensure_public_organisations() -> dict[str, int]:
    """An organisation for every kommune, every fylkeskommune and the national level; returns how many were new.

    It lives here, beside the loading of kommuner and fylker, so that ``accounts`` does not import ``places``.
    Oslo is a kommune that also has the tasks of a fylkeskommune, so fylke 03 gets no separate organisation.
    """
    created = {"kommune": 0, "fylkeskommune": 0, "national": 0}
    _, new = Organisation.objects.get_or_create(
        slug=NATIONAL_SLUG, defaults={"name": "Nasjonalt nivå", "kind": Organisation.Kind.NATIONAL}
    )
    created["national"] += int(new)
    for kommune in Kommune.objects.filter(organisation__isnull=True):
        Organisation.objects.create(
            name=f"{kommune.name} kommune", slug=f"kommune-{kommune.number}",
            kind=Organisation.Kind.KOMMUNE, kommune=kommune,
        )
        created["kommune"] += 1
    for fylke in Fylke.objects.filter(organisation__isnull=True).exclude(number="03"):
        Organisation.objects.create(
            name=f"{fylke.name} fylkeskommune", slug=f"fylkeskommune-{fylke.number}",
            kind=Organisation.Kind.FYLKESKOMMUNE, fylke=fylke,
        )
        created["fylkeskommune"] += 1
    return created
