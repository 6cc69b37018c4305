from __future__ import annotations

from typing import Any

import pytest

from tests.fixtures import *  # noqa: F403
from tests.fixtures import make_member


@pytest.fixture
def oslo_admin(db: Any) -> Any:
    return make_member("oslo-admin", "kommune-0301", "admin")


@pytest.fixture
def make_practice(db: Any) -> Any:
    """Saves a practice through the service, as the given editor would, and publishes it when asked."""
    from lokalagenda.accounts.models import Organisation
    from lokalagenda.framework.models import Target
    from lokalagenda.places.models import Kommune
    from lokalagenda.practices import services
    from lokalagenda.practices.models import Practice

    def make(editor: Any, organisation_slug: str = "kommune-0301", *, title: str = "Tiltak",
             summary: str = "Et tiltak.", body: str = "", kommuner: tuple[str, ...] = ("0301",),
             targets: tuple[str, ...] = (), partners: tuple[Any, ...] = (), start_year: int = 2020,
             themes: tuple[str, ...] = (), published: bool = False) -> Practice:
        data = services.PracticeData(
            title=title, summary=summary, body=body, kommuner=list(Kommune.objects.filter(number__in=kommuner)),
            start_year=start_year, end_year=None, targets=list(Target.objects.filter(code__in=targets)),
            partners=list(partners), themes=list(themes))
        practice = services.save_practice(Organisation.objects.get(slug=organisation_slug), editor, data)
        if published:
            Practice.objects.filter(pk=practice.pk).update(status=Practice.Status.PUBLISHED)
            practice.refresh_from_db()
        return practice

    return make
