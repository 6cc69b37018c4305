"""The permissions matrix: every URL and every API write has a rule (tests/web/permission_rules.py), and each
write gives anonymous visitors, viewers, editors, another kommune's editor and a national admin what the rule says.

How writes are found. The API: its OpenAPI schema lists every operation with its method; POST, PUT, PATCH and
DELETE are writes, and every API route of the URL resolver must appear in the schema (a hidden operation fails).
Django views mostly accept any method, so the method alone says little; instead every URL pattern of the resolver
needs a rule, and a rule that says ``read`` is proven: a superuser's POST (no data) must be refused with 405 or be
answered exactly like a GET (same status, same page once CSRF tokens are masked) without any INSERT, UPDATE or
DELETE. A view that treats POST differently is a write, and the test says so with the rule to add.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.documents import minimal_pdf
from tests.fixtures import make_member, rolled_back
from tests.web.permission_rules import (
    ACTORS,
    API_INFRASTRUCTURE,
    API_RULES,
    CATEGORY_PREFIXES,
    NATIONAL,
    OSLO,
    PUBLIC_SESSION_URLS,
    URL_RULES,
    VESTLAND,
    Rule,
    World,
)

pytestmark = pytest.mark.django_db
WRITE_METHODS = {"post", "put", "patch", "delete"}
TOKEN = re.compile(rb"[A-Za-z0-9]{64}")
WRITE_SQL = re.compile(r"^\s*(INSERT|UPDATE|DELETE)\b", re.IGNORECASE)
# Bookkeeping tables any request may touch (the session, login attempts, the task queue).
BOOKKEEPING = ("django_session", "axes_", "django_tasks")


# ---------------------------------------------------------------------------------------------- registries


def _walk(patterns: list[Any], route: str = "", namespace: str = "") -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(part for part in (namespace, pattern.namespace or "") if part)
            found += _walk(pattern.url_patterns, route + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else (pattern.name or "")
            found.append((name, route + str(pattern.pattern)))
    return found


def site_urls() -> list[tuple[str, str]]:
    """(name, route) of every URL pattern of the site, the API's included."""
    return _walk(get_resolver().url_patterns)


def _schema_path(route: str) -> str:
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route)


def api_schema() -> dict[str, Any]:
    from lokalagenda.api.api import api

    return api.get_openapi_schema()


def api_writes() -> list[str]:
    return [f"{method.upper()} {path}" for path, operations in api_schema()["paths"].items()
            for method in operations if method in WRITE_METHODS]


def _suggest(name: str, route: str) -> str:
    params = re.findall(r"<(?:\w+:)?(\w+)>", route)
    args = ", ".join(f"{param}=..." for param in params)
    return (f"  {name!r}: read({args}),   # a page that only reads, or\n"
            f"  {name!r}: write({args}),  # a write owned by a kommune (national_write / own_write otherwise)")


def test_every_url_has_a_permission_rule() -> None:
    missing = [(name, route) for name, route in site_urls()
               if not route.startswith("api/")  # the API's operations: the schema tests below
               and name not in URL_RULES and name not in PUBLIC_SESSION_URLS
               and not route.startswith(tuple(CATEGORY_PREFIXES))]
    assert not missing, "URLs without a permission rule; add to URL_RULES in tests/web/permission_rules.py:\n" + (
        "\n".join(f"/{route} ({name or 'unnamed: give the pattern a name'}):\n{_suggest(name, route)}"
                  for name, route in missing))


def test_every_rule_names_a_url_that_exists() -> None:
    names = {name for name, _route in site_urls()}
    stale = sorted(set(URL_RULES) - names)
    assert not stale, f"rules for URLs that no longer exist; remove them from URL_RULES: {stale}"


def test_every_api_write_has_a_permission_rule() -> None:
    missing = [operation for operation in api_writes() if operation not in API_RULES]
    assert not missing, "API writes without a permission rule; add to API_RULES in tests/web/permission_rules.py:\n" + (
        "\n".join(f"  {operation!r}: write(...)," for operation in missing))
    stale = sorted(set(API_RULES) - set(api_writes()))
    assert not stale, f"rules for API writes that no longer exist; remove them from API_RULES: {stale}"


def test_every_api_route_is_in_the_openapi_schema() -> None:
    """An operation hidden from the schema would escape the matrix (and the fuzzing), so none may be hidden."""
    paths = set(api_schema()["paths"])
    hidden = [route for name, route in site_urls() if route.startswith("api/") and name not in URL_RULES
              and name not in API_INFRASTRUCTURE
              and _schema_path(route).rstrip("/") not in {path.rstrip("/") for path in paths}]
    assert not hidden, f"API routes missing from /api/openapi.json (include_in_schema=False?): {hidden}"


# ---------------------------------------------------------------------------------------------- the world


@pytest.fixture(scope="module")
def matrix_data(django_db_setup: Any, django_db_blocker: Any, data_dir: Path,
                tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, World]]:
    """The superuser and the world, made once for the module inside a transaction rolled back at its end (each
    test runs in a savepoint inside it, so what a test writes is undone before the next)."""
    folder = tmp_path_factory.mktemp("matrix")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=folder / "uploads",
                                                        LOKALAGENDA_DATA_DIR=str(data_dir)), rolled_back():
        user = get_user_model().objects.create_superuser("matrix-admin", password="matrix admin password")
        world = build_world(user, folder)
        world.extra["media"] = folder / "uploads"
        yield user, world


@pytest.fixture
def superuser(matrix_data: tuple[Any, World], db: Any) -> Any:
    return matrix_data[0]


@pytest.fixture
def world(matrix_data: tuple[Any, World], db: Any, settings: Any, data_dir: Path) -> World:
    settings.MEDIA_ROOT = matrix_data[1].extra["media"]
    settings.LOKALAGENDA_DATA_DIR = str(data_dir)
    return matrix_data[1]


def _plan_objects(organisation: Any, user: Any) -> tuple[Any, Any, Any, Any]:
    from lokalagenda.framework.models import Target
    from lokalagenda.plans.services import link_target, save_action, save_goal, save_plan

    plan = save_plan(organisation, user, kind="samfunnsdel", title="Samfunnsdelen 2025–2040", start_year=2025,
                     end_year=2040, status="consultation", url="", published=False)
    goal = save_goal(plan, user, title="Trygg oppvekst", description="Alle barn skal ha en trygg skolevei.",
                     order=1)
    action = save_action(goal, user, title="Gratis skolemat", description="Et sunt måltid hver skoledag.",
                         responsible_unit="Utdanningsetaten", budget_nok=None, start_date=None, end_date=None,
                         status="planned")
    link = link_target(goal, user, Target.objects.get(code="11.6"))
    return plan, goal, action, link


def _practice_objects(oslo: Any, user: Any) -> tuple[Any, Any, Any]:
    from lokalagenda.framework.models import Target
    from lokalagenda.places.models import Kommune
    from lokalagenda.practices import services

    data = services.PracticeData(title="Gratis skolemat", summary="Et sunt måltid hver skoledag.",
                                 body="Alle elever får et måltid.", start_year=2023, end_year=None,
                                 kommuner=list(Kommune.objects.filter(number="0301")),
                                 targets=list(Target.objects.filter(code="2.1")), partners=[], themes=["mat"])
    practice = services.save_practice(oslo, user, data)
    result = services.add_result(practice, user, description="Flere elever spiser frokost.")
    attachment = services.add_attachment(practice, user, SimpleUploadedFile(
        "rapport.pdf", minimal_pdf("Rapport"), content_type="application/pdf"), "Rapport")
    return practice, result, attachment


def _decision(organisation: Any, user: Any, body: str) -> Any:
    """A decision adopting the organisation's (published) priorities."""
    import datetime

    from lokalagenda.decisions.services import record_decision
    from lokalagenda.plans.services import save_priorities

    save_priorities(organisation, user, statement="Trygg oppvekst.", goals=[], targets=[], published=True)
    return record_decision(organisation, user, subject="priorities", body=body, decided_on=datetime.date(2024, 6, 20),
                           case_number="45/24", text="Prioriteringene vedtas.")


def build_world(user: Any, folder: Path) -> World:
    """One of everything a rule can point at, made through the services by a superuser."""
    from lokalagenda.accounts.models import Organisation
    from lokalagenda.indicators.catalogue import create_local_indicator
    from lokalagenda.indicators.services import import_file
    from lokalagenda.indicators.uploads.services import check_upload
    from lokalagenda.partnerships.services import save_partner, save_partnership
    from lokalagenda.places.models import Kommune
    from lokalagenda.places.networks.services import save_membership, save_network
    from lokalagenda.plans.documents import add_document

    oslo, vestland = Organisation.objects.get(slug=OSLO), Organisation.objects.get(slug=VESTLAND)
    world = World()
    world.plan, world.goal, world.action, world.target_link = _plan_objects(oslo, user)
    world.fylke_plan, world.fylke_goal, world.fylke_action, world.fylke_target_link = _plan_objects(vestland, user)
    world.document = add_document(world.plan, user, SimpleUploadedFile("samfunnsdel.txt", b"Trygg skolevei."))
    world.fylke_document = add_document(world.fylke_plan, user, SimpleUploadedFile("plan.txt", b"Trygg skolevei."))
    world.practice, world.practice_result, world.extra["attachment"] = _practice_objects(oslo, user)
    world.extra["decision"] = _decision(oslo, user, "kommunestyret")
    world.extra["fylke_decision"] = _decision(vestland, user, "fylkestinget")
    world.partner = save_partner(user, oslo, None, name="Grünerløkka velforening", kind="residents_group")
    world.partnership = save_partnership(user, oslo, None, title="Nabolagsdugnad", status="planned",
                                         published=False, partners=[world.partner])
    world.network = save_network(user, None, name="Matrisenettverket", slug="matrisenettverket", kind="national",
                                 owner=Organisation.objects.get(slug=NATIONAL))
    world.network_membership = save_membership(user, world.network, Kommune.objects.get(number="0301"),
                                               joined_year=2020, left_year=None)
    world.local_indicator = create_local_indicator(oslo, user, targets=["11.6"], name_nb="Luftkvalitet",
                                                   unit="µg/m3", direction="lower", aggregation="none")
    values = f"indicator,place,year,value\n{world.local_indicator.id},0301,2024,1.5\n"
    (folder / "verdier.csv").write_text(values, encoding="utf-8")
    import_file(folder / "verdier.csv", user=user)  # revision 1 of the local indicator
    world.import_job = check_upload(oslo, user, SimpleUploadedFile("nye.csv", values.replace("1.5", "2.5").encode(),
                                                                   content_type="text/csv"))
    return world


# ---------------------------------------------------------------------------------------------- actors


def actor(name: str, owner: str) -> Any:
    """The user playing ``name`` for a rule owned by ``owner`` (None for anonymous)."""
    role_of = {"viewer": (owner, "viewer"), "editor": (owner, "editor"), "other": ("kommune-4601", "editor"),
               "national": (NATIONAL, "admin")}
    if name == "anonymous":
        return None
    slug, role = role_of[name]
    return make_member(f"matrix-{name}-{slug}", slug, role)


def _audit_count() -> int:
    from lokalagenda.accounts.models import AuditEntry

    return AuditEntry.objects.count()


def _is_login_redirect(response: Any) -> bool:
    return response.status_code == 302 and reverse("accounts:login") in response.headers.get("Location", "")


def check_outcome(what: str, rule: Rule, name: str, response: Any, audits_before: int) -> None:
    outcome = rule.outcomes[name]
    status = response.status_code
    detail = f"{what} as {name} ({rule.owner} owns it): got {status}, the rule says {outcome}"
    if outcome.allowed:
        assert status in outcome.statuses and not _is_login_redirect(response), detail
        return
    assert status in outcome.statuses, detail
    if status == 302:
        assert _is_login_redirect(response), f"{detail}, but it redirects to {response.headers['Location']}"
    assert _audit_count() == audits_before, f"{what} as {name} was refused but wrote an audit entry"


# ---------------------------------------------------------------------------------------------- the matrix

URL_WRITES = [(name, actor_name) for name, rule in URL_RULES.items() if rule.kind == "write" for actor_name in ACTORS]
URL_READS = [name for name, rule in URL_RULES.items() if rule.kind == "read"]
API_CASES = [(operation, actor_name) for operation in API_RULES for actor_name in ACTORS]


def _html(response: Any) -> bytes:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return TOKEN.sub(b"<token>", content)


def _writes(queries: CaptureQueriesContext) -> list[str]:
    return [q["sql"] for q in queries.captured_queries
            if WRITE_SQL.match(q["sql"]) and not any(table in q["sql"] for table in BOOKKEEPING)]


@pytest.mark.parametrize("url_name", URL_READS)
def test_a_read_only_url_does_not_treat_post_as_a_write(client: Any, superuser: Any, world: World,
                                                         url_name: str) -> None:
    rule = URL_RULES[url_name]
    url = reverse(url_name, kwargs=rule.resolve(world))
    client.force_login(superuser)
    got = client.get(url)
    assert got.status_code == rule.get_status, (
        f"GET {url} as a superuser gave {got.status_code}, the rule expects {rule.get_status}: fix its URL arguments")
    with CaptureQueriesContext(connection) as queries:
        posted = client.post(url)
    if posted.status_code == 405:
        return
    advice = f"{url_name} ({url}) handles POST: give it a write rule in tests/web/permission_rules.py"
    assert not _writes(queries), f"{advice}; it wrote {_writes(queries)[:2]}"
    assert posted.status_code == got.status_code and _html(posted) == _html(got), advice


@pytest.mark.parametrize(("url_name", "actor_name"), URL_WRITES)
def test_a_write_gives_each_actor_what_its_rule_says(client: Any, world: World, url_name: str,
                                                      actor_name: str) -> None:
    rule = URL_RULES[url_name]
    url = reverse(url_name, kwargs=rule.resolve(world))
    user = actor(actor_name, rule.owner)
    if user is not None:
        client.force_login(user)
    before = _audit_count()
    check_outcome(f"POST {url}", rule, actor_name, client.post(url, rule.body(world)), before)


def _api_request(client: Any, operation: str, rule: Rule, world: World, actor_name: str) -> Any:
    from lokalagenda.accounts.models import Membership
    from lokalagenda.accounts.tokens import issue_token

    method, path = operation.split(" ", 1)
    url = path.format(**rule.resolve(world))
    headers: dict[str, str] = {}
    user = actor(actor_name, rule.owner)
    if user is not None and rule.auth == "token" and actor_name != "viewer":
        membership = Membership.objects.get(user=user)
        _token, secret = issue_token(user, membership.organisation, "matrix",
                                     ["observations:write", "materiality:write", "read"])
        headers["HTTP_AUTHORIZATION"] = f"Bearer {secret}"
    elif user is not None:
        client.force_login(user)
    return client.generic(method, url, json.dumps(rule.body(world)), content_type="application/json", **headers)


@pytest.mark.parametrize(("operation", "actor_name"), API_CASES)
def test_an_api_write_gives_each_actor_what_its_rule_says(client: Any, world: World, operation: str,
                                                           actor_name: str) -> None:
    rule = API_RULES[operation]
    before = _audit_count()
    response = _api_request(client, operation, rule, world, actor_name)
    if actor_name != "anonymous" and rule.auth == "token" and actor_name != "viewer":
        before += 1  # issuing the actor's token is itself audited
    check_outcome(operation, rule, actor_name, response, before)


@pytest.mark.parametrize("actor_name", ["anonymous", "viewer", "editor", "other", "national"])
def test_admin_writes_need_a_superuser(client: Any, actor_name: str) -> None:
    """The category rule for /admin/: nobody but staff reaches a write, and our roles never make staff."""
    user = actor(actor_name, OSLO)
    if user is not None:
        client.force_login(user)
    response = client.post(reverse("admin:accounts_organisation_add"), {"name": "Kapret", "kind": "partner"})
    assert response.status_code == 302 and reverse("admin:login") in response.headers["Location"]
