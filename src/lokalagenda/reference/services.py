"""Loading the reference data: the SDG framework, kommuner and fylker, and their organisations."""

from __future__ import annotations

from django.db import transaction

from lokalagenda.accounts.models import Organisation
from lokalagenda.accounts.services import ensure_public_organisations
from lokalagenda.core.datadir import DataDirectory
from lokalagenda.core.progress import Progress, null_progress
from lokalagenda.core.sources.reference import REFERENCE_FILES
from lokalagenda.framework.relevance.seed import seed_relevance
from lokalagenda.framework.services import sync_framework
from lokalagenda.indicators.catalogue import sync_catalogue
from lokalagenda.persistence.sync import SyncReport
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
