"""Live checks against the real SSB statbank. Skipped unless LOKALAGENDA_NETWORK_TESTS=1 (see conftest.py)."""

from __future__ import annotations

import pytest

from lokalagenda.connectors.models import FetchSpec
from lokalagenda.connectors.services import sync, sync_specs
from lokalagenda.indicators.models import Observation

pytestmark = [pytest.mark.django_db, pytest.mark.network]


def test_pop_total_syncs_from_the_live_ssb_07459_table():
    sync_specs()
    spec = FetchSpec.objects.get(indicator="POP_TOTAL")
    spec.first_year, spec.last_year = 2024, 2025
    spec.save()
    (result,) = sync([spec]).specs
    assert result.ok, result.error
    assert Observation.objects.filter(indicator="POP_TOTAL", year=2025).count() >= 350
    assert Observation.objects.get(indicator="POP_TOTAL", place="0301", year=2025).value > 700_000
