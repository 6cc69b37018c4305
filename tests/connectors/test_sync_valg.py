"""Valgdirektoratet's turnout through the real sync, replayed: the plan reads the country and constituency
documents first, then stores each kommune's turnout as a revision of the catalogue indicator, with its URL."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from lokalagenda.connectors import services
from lokalagenda.connectors.models import FetchLog, FetchSpec
from lokalagenda.connectors.services import specs_named, sync, sync_specs
from lokalagenda.core.sources.valg import kommune_url
from lokalagenda.indicators.catalogue_loading import load_catalogue_file
from lokalagenda.indicators.models import DatasetRevision, Observation
from tests.core.sources.test_valg import ST_2025, FakeApi, api, recorded  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
VALG_SPECS = Path(services.__file__).parent / "specs" / "valg_turnout.json"


@pytest.fixture
def turnout_spec(data_dir: Path, population_specs_only: Path) -> FetchSpec:
    load_catalogue_file(data_dir / "indicators" / "outcomes" / "catalog.csv")
    shutil.copy(VALG_SPECS, population_specs_only)
    sync_specs()
    spec = FetchSpec.objects.get(indicator="ELECTION_TURNOUT_STORTING")
    spec.first_year = spec.last_year = 2025
    spec.save()
    return spec


def test_turnout_is_synced_from_the_documents_the_index_links_to(turnout_spec: FetchSpec,
                                                                  api: FakeApi) -> None:  # noqa: F811 - the fixture
    report = sync(specs_named(["ELECTION_TURNOUT_STORTING"]), transport=api, now=NOW, sleep=lambda seconds: None)
    (result,) = report.specs
    bergen = Observation.objects.get(indicator="ELECTION_TURNOUT_STORTING", place="4601", year=2025)
    assert bergen.value == pytest.approx(82.52, abs=0.005) and bergen.unit == "percent"
    stored = FetchLog.objects.get(url=kommune_url(ST_2025, "12", "4601"))
    assert stored.status == "stored" and stored.revision.provenance["publisher"] == "valg"
    assert stored.revision.provenance["url"] == kommune_url(ST_2025, "12", "4601")
    country = Observation.objects.get(indicator="ELECTION_TURNOUT_STORTING", place="0", year=2025)
    assert country.value == pytest.approx(80.0, abs=0.05)
    assert DatasetRevision.objects.filter(indicator="ELECTION_TURNOUT_STORTING").count() == result.fetched - 1
