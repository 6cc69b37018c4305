"""Partners and partnerships made through the services, as editors make them."""

import pytest

from lokalagenda.framework.models import Target
from lokalagenda.partnerships.services import save_partner, save_partnership
from tests.fixtures import *  # noqa: F403


@pytest.fixture
def partners(oslo, oslo_editor):
    """Real organisations with their real organisation numbers, and a residents' group that has none."""
    return {
        "brreg": save_partner(oslo_editor, oslo, None, name="Brønnøysundregistrene", kind="public_agency",
                              organisation_number="974760673"),
        "ntnu": save_partner(oslo_editor, oslo, None, name="NTNU", kind="academia",
                             organisation_number="974767880"),
        "equinor": save_partner(oslo_editor, oslo, None, name="Equinor ASA", kind="business",
                                organisation_number="923609016"),
        "vel": save_partner(oslo_editor, oslo, None, name="Grünerløkka velforening", kind="residents_group"),
    }


@pytest.fixture
def oslo_published(oslo, oslo_editor, partners):
    return save_partnership(
        oslo_editor, oslo, None, title="Klimapartnerskap Oslo", status="active", start_year=2020, end_year=2030,
        published=True, partners=[partners["equinor"], partners["ntnu"]],
        targets=list(Target.objects.filter(code__in=["7.2", "13.2", "11.6"])), kommuner=["3201"],
    )


@pytest.fixture
def oslo_draft(oslo, oslo_editor, partners):
    return save_partnership(
        oslo_editor, oslo, None, title="Utkast: nabolagsdugnad", status="planned", published=False,
        partners=[partners["vel"]], targets=list(Target.objects.filter(code__in=["11.7"])),
    )


@pytest.fixture
def bergen_published(bergen, bergen_editor, partners):
    return save_partnership(
        bergen_editor, bergen, None, title="Havforskning Bergen", status="active", start_year=2022,
        published=True, partners=[partners["ntnu"], partners["vel"]],
        targets=list(Target.objects.filter(code__in=["14.1", "14.a", "17.17"])),
    )
