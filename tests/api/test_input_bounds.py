"""Every number and text the API takes is bounded in its schema: a value the database cannot hold, or one longer
than the page's form allows, is a 422 that says which field, never a 500 and never stored.

Run on SQLite and PostgreSQL: PostgreSQL refuses an integer beyond its column's range with an error, SQLite one
beyond 64 bits, and Python an int made from a float like 1e30.
"""

import json

import pytest

from lokalagenda.accounts.models import Organisation
from lokalagenda.plans.models import STATEMENT_MAX_LENGTH, Priorities
from lokalagenda.practices.forms import SEARCH_MAX_LENGTH

pytestmark = pytest.mark.django_db
HUGE = [2**31, 2**63, 2**64, 10**30]


def _strict_json(response):
    """The body as JSON, refusing the non-standard NaN and Infinity literals that JSON parsers in browsers reject."""
    def refuse(literal):
        raise ValueError(f"not JSON: {literal}")

    return json.loads(response.content, parse_constant=refuse)


def _put(client, url, body):
    return client.put(url, body if isinstance(body, str) else json.dumps(body), content_type="application/json")


@pytest.mark.parametrize("url", ["/api/kommuner/0301/priorities", "/api/fylker/46/priorities"])
@pytest.mark.parametrize("goals", ["[1e30]", "[1e20]", f"[{2**64}]", "[18]", "[0]", "[-1]"])
def test_a_priority_goal_that_is_not_1_to_17_is_422(client, oslo_editor, url, goals):
    """A goal such as 1e30 once gave a 500 (OverflowError)."""
    client.force_login(oslo_editor)
    response = _put(client, url, f'{{"statement": "x", "goals": {goals}}}')
    assert response.status_code == 422, response.content
    assert _strict_json(response)["errors"][0]["loc"][-2:] == ["goals", 0]
    assert not Priorities.objects.exists()


@pytest.mark.parametrize("url", ["/api/kommuner/0301/priorities", "/api/fylker/46/priorities"])
def test_a_statement_longer_than_the_form_allows_is_422(client, oslo_editor, url):
    client.force_login(oslo_editor)
    response = _put(client, url, {"statement": "x" * (STATEMENT_MAX_LENGTH + 1)})
    assert response.status_code == 422
    body = _strict_json(response)
    assert body["errors"][0]["loc"][-1] == "statement" and "x" * 100 not in response.content.decode()
    assert not Priorities.objects.exists()


def test_a_statement_as_long_as_the_form_allows_is_saved(client, oslo_editor):
    client.force_login(oslo_editor)
    response = _put(client, "/api/kommuner/0301/priorities", {"statement": "x" * STATEMENT_MAX_LENGTH, "goals": [17]})
    assert response.status_code == 200
    organisation = Organisation.objects.get(slug="kommune-0301")
    assert len(Priorities.objects.get(organisation=organisation).statement) == STATEMENT_MAX_LENGTH


@pytest.mark.parametrize("path", [
    "/api/runs/{n}", "/api/kommuner/0301/results?run={n}", "/api/fylker/46/results?run={n}",
    "/api/country/results?run={n}", "/api/goals/{n}/results", "/api/goals/{n}",
    "/api/indicators/POP_TOTAL/results?run={n}", "/api/compare?kommune=0301&kommune=4601&run={n}",
    "/api/kommuner/0301/plans/{n}", "/api/fylker/46/plans/{n}", "/api/practices/{n}", "/api/partners/{n}",
    "/api/partnerships/{n}", "/api/practices?limit={n}", "/api/practices?offset={n}", "/api/practices?year={n}",
    "/api/practices?goal={n}", "/api/targets?goal={n}", "/api/catalogue?goal={n}", "/api/relevance?goal={n}",
    "/api/observations?place=0301&year_from={n}", "/api/export?place=0301&year_to={n}",
])
@pytest.mark.parametrize("number", HUGE)
def test_a_number_the_database_cannot_hold_is_422_or_404_never_500(client, path, number):
    response = client.get(path.format(n=number))
    assert response.status_code < 500, response.content
    _strict_json(response)


@pytest.mark.parametrize("path", ["/api/practices?year={n}", "/api/observations?place=0301&year_from={n}",
                                  "/api/export?place=0301&year_from={n}", "/api/practices?goal={n}"])
@pytest.mark.parametrize("number", [0, -1, 1799, 2101])
def test_impossible_years_and_goals_in_filters_are_422(client, path, number):
    response = client.get(path.format(n=number))
    assert response.status_code == 422, response.content
    assert _strict_json(response)["detail"]


def test_a_practice_search_longer_than_the_search_form_allows_is_422(client):
    assert client.get("/api/practices", {"q": "a" * SEARCH_MAX_LENGTH}).status_code == 200
    response = client.get("/api/practices", {"q": "a" * (SEARCH_MAX_LENGTH + 1)})
    assert response.status_code == 422 and _strict_json(response)["errors"][0]["loc"] == ["query", "q"]
    assert client.get("/api/practices.csv", {"q": "a" * (SEARCH_MAX_LENGTH + 1)}).status_code == 422
