from typing import Any

import pytest

from tests.fixtures import *  # noqa: F403


@pytest.fixture
def bergen(db: Any) -> Any:
    from lokalagenda.accounts.models import Organisation

    return Organisation.objects.get(slug="kommune-4601")


@pytest.fixture
def vestland(db: Any) -> Any:
    from lokalagenda.accounts.models import Organisation

    return Organisation.objects.get(slug="fylkeskommune-46")


@pytest.fixture
def vestland_editor(db: Any) -> Any:
    return make_member("vestland-editor", "fylkeskommune-46", "editor")  # noqa: F405
