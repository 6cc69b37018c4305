"""Through the API as through an upload, a local indicator takes values only for its owner's place: a kommune's
for the kommune, a fylkeskommune's for the fylke and its kommuner; the national organisation's series for any."""

import pytest

from lokalagenda.accounts.models import Organisation
from lokalagenda.accounts.tokens import issue_token
from lokalagenda.indicators.catalogue import create_local_indicator
from lokalagenda.indicators.models import Observation
from tests.fixtures import make_member

pytestmark = pytest.mark.django_db
URL = "/api/observations"


def _local_indicator_of(organisation, editor):
    return create_local_indicator(organisation, editor, targets=["11.6"], name_nb="Luftkvalitet", unit="µg/m3",
                                  direction="lower", aggregation="none")


def _post(client, secret, indicator, places):
    rows = [{"indicator": indicator, "place": place, "year": 2024, "value": 1.5} for place in places]
    return client.post(URL, {"source": "script", "rows": rows}, content_type="application/json",
                       HTTP_AUTHORIZATION=f"Bearer {secret}")


def _token(editor, organisation):
    return issue_token(editor, organisation, "måler", ["observations:write"])[1]


def test_a_kommune_token_cannot_write_its_local_indicator_for_another_place(client, bergen_editor):
    bergen = Organisation.objects.get(slug="kommune-4601")
    indicator = _local_indicator_of(bergen, bergen_editor)
    response = _post(client, _token(bergen_editor, bergen), indicator.id, ["4601", "0301", "5001", "0", "03"])
    assert response.status_code == 422
    problems = response.json()["problems"]
    assert [(p["row"], p["column"]) for p in problems] == [(2, "place"), (3, "place"), (4, "place"), (5, "place")]
    assert "'0301'" in problems[0]["message"] and "only for 4601" in problems[0]["message"]
    assert not Observation.objects.exists()


def test_a_kommune_token_writes_its_local_indicator_for_its_own_place(client, bergen_editor):
    bergen = Organisation.objects.get(slug="kommune-4601")
    indicator = _local_indicator_of(bergen, bergen_editor)
    response = _post(client, _token(bergen_editor, bergen), indicator.id, ["4601"])
    assert response.status_code == 200
    assert list(Observation.objects.values_list("indicator", "place")) == [(indicator.id, "4601")]


def test_a_fylkeskommune_token_writes_its_fylke_and_its_kommuner_only(client):
    editor = make_member("vestland-editor", "fylkeskommune-46", "editor")
    vestland = Organisation.objects.get(slug="fylkeskommune-46")
    indicator = _local_indicator_of(vestland, editor)
    secret = _token(editor, vestland)
    refused = _post(client, secret, indicator.id, ["46", "4601", "0301", "03", "5001", "0"])
    assert refused.status_code == 422
    assert [p["row"] for p in refused.json()["problems"]] == [3, 4, 5, 6]
    assert _post(client, secret, indicator.id, ["46", "4601", "4602"]).status_code == 200
    assert set(Observation.objects.values_list("place", flat=True)) == {"46", "4601", "4602"}


def test_a_national_token_writes_national_series_for_any_place(client, national_editor):
    national = Organisation.objects.get(slug="nasjonalt")
    response = _post(client, _token(national_editor, national), "POP_TOTAL", ["0301", "4601", "46", "0"])
    assert response.status_code == 200
    assert Observation.objects.filter(indicator="POP_TOTAL").count() == 4
