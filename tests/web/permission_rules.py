"""The permission rules: for every URL of the site and every write of the API, who may do what.

``tests/web/test_permissions_matrix.py`` walks Django's URL resolver and the API's OpenAPI schema and fails for a
URL or API write without a rule here, naming the line to add. A rule is one line:

- ``read(**kwargs)``: a page that only reads. The test proves it: a POST by a superuser is refused with 405, or
  answered exactly like a GET (same status, same page) without writing to the database.
- ``write(**kwargs)``: a write owned by Oslo kommune (``owner=`` another organisation's slug): anonymous visitors are
  sent to log in (or get 401/403), a viewer of the owner gets 403, an editor of the owner gets past the permission
  check, an editor of another kommune (Bergen) gets 403 or 404, a national admin 403 or 404. Keyword arguments
  ``anonymous=``, ``viewer=``, ``editor=``, ``other=``, ``national=`` change an actor's outcome.
- ``national_write(**kwargs)``: a write of the national organisation (networks, reference texts, relevance).
- ``own_write(**kwargs)``: a create in the user's own organisation (the URL names none): every editor may.

URL keyword values are constants or functions of the ``World`` (the objects the factories made), e.g.
``write(number="0301", plan_id=lambda w: w.plan.pk)``. ``data=`` is the POST body (empty by default: an empty
form is refused by validation, which is still past the permission check).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

OSLO, VESTLAND, NATIONAL = "kommune-0301", "fylkeskommune-46", "nasjonalt"
ACTORS = ("anonymous", "viewer", "editor", "other", "national")
"""Anonymous; a viewer and an editor of the owning organisation; an editor of another kommune (Bergen, inside
Vestland); an admin of the national organisation."""


@dataclass(frozen=True)
class Outcome:
    """What an actor's request must get: past the permission check, or refused with one of ``statuses``."""

    name: str
    allowed: bool
    statuses: frozenset[int]

    def __str__(self) -> str:
        return self.name


ALLOWED = Outcome("allowed", True, frozenset({200, 201, 204, 302, 400, 422}))
LOGIN = Outcome("sent to log in", False, frozenset({302, 401, 403}))
DENIED = Outcome("denied", False, frozenset({403, 404}))


def refused(*statuses: int) -> Outcome:
    """Refused with one of these statuses, and nothing written (e.g. 422 for a token's foreign indicator)."""
    return Outcome(f"refused with {'/'.join(map(str, statuses))}", False, frozenset(statuses))


@dataclass
class World:
    """The objects the rules point at, made through the services (see ``build_world`` in the test)."""

    plan: Any = None
    goal: Any = None
    action: Any = None
    target_link: Any = None
    document: Any = None
    fylke_plan: Any = None
    fylke_goal: Any = None
    fylke_action: Any = None
    fylke_target_link: Any = None
    fylke_document: Any = None
    practice: Any = None
    practice_result: Any = None
    partner: Any = None
    partnership: Any = None
    network: Any = None
    network_membership: Any = None
    import_job: Any = None
    local_indicator: Any = None
    extra: dict[str, Any] = field(default_factory=dict)


Value = Any | Callable[[World], Any]


@dataclass(frozen=True)
class Rule:
    kind: str  # "read" or "write"
    kwargs: dict[str, Value] = field(default_factory=dict)
    owner: str = OSLO
    outcomes: dict[str, Outcome] = field(default_factory=dict)
    data: dict[str, Any] | Callable[[World], dict[str, Any]] = field(default_factory=dict)
    auth: str = "session"  # API only: "session" or "token"
    #: What a superuser's GET of a read gets in the matrix's world (200 unless the page needs what the world lacks).
    get_status: int = 200

    def resolve(self, world: World) -> dict[str, Any]:
        return {name: value(world) if callable(value) else value for name, value in self.kwargs.items()}

    def body(self, world: World) -> dict[str, Any]:
        return self.data(world) if callable(self.data) else dict(self.data)


def read(*, get_status: int = 200, **kwargs: Value) -> Rule:
    return Rule("read", kwargs, get_status=get_status)


def write(owner: str = OSLO, *, data: Any = None, auth: str = "session", anonymous: Outcome = LOGIN,
          viewer: Outcome = DENIED, editor: Outcome = ALLOWED, other: Outcome = DENIED, national: Outcome = DENIED,
          **kwargs: Value) -> Rule:
    outcomes = {"anonymous": anonymous, "viewer": viewer, "editor": editor, "other": other, "national": national}
    return Rule("write", kwargs, owner, outcomes, data or {}, auth)


def national_write(**kwargs: Any) -> Rule:
    return write(NATIONAL, national=ALLOWED, **kwargs)


def own_write(**kwargs: Any) -> Rule:
    """A create in one of the user's own organisations: any editor gets past the check, viewers do not."""
    kwargs.setdefault("other", ALLOWED)
    kwargs.setdefault("national", ALLOWED)
    return write(**kwargs)


def _plan(w: World) -> int:
    return w.plan.pk


def _fylke_plan(w: World) -> int:
    return w.fylke_plan.pk


KOMMUNE_PLAN = {"number": "0301", "plan_id": _plan}
FYLKE_PLAN = {"number": "46", "plan_id": _fylke_plan}

# Categories: the Django admin (staff and superusers only: Django's own admin_view check, proven once by
# test_admin_writes_need_a_superuser) and the session views, public by design (logging in and out, the language).
CATEGORY_PREFIXES = {"admin/": "Django admin: superusers only"}
PUBLIC_SESSION_URLS = {
    "accounts:login": "logging in (rate limited by django-axes)",
    "accounts:logout": "logging out (POST only, CSRF-checked)",
    "set_language": "the language switcher (a cookie; no data)",
}

# django-ninja's root pattern answers no operation of its own (it is the base for reverse()).
API_INFRASTRUCTURE = {"api:api-root": "the API's root, no operation"}


def _boundary_version() -> str:
    """The current version of the maps' boundary files (an older one redirects to it)."""
    from lokalagenda.places.boundaries import boundary_version

    return boundary_version()


URL_RULES: dict[str, Rule] = {
    # web
    "web:home": read(),
    "web:search": read(),
    "web:kommune": read(number="0301"),
    "web:methods": read(),
    "web:language": read(get_status=302),  # the language switcher (GET: a cookie and a redirect)
    # framework
    "framework:goals": read(),
    "framework:goal": read(number=11),
    "framework:relevance": read(),
    "framework:target": read(code="11.6"),
    "framework:target-correct": national_write(code="11.6"),
    "framework:target-relevance": read(code="11.6"),
    "framework:target-relevance-edit": national_write(code="11.6"),
    "framework:indicator": read(code="11.6.1"),
    "framework:indicator-correct": national_write(code="11.6.1"),
    "framework:texts": read(),
    # places and networks
    "places:fylker": read(),
    "places:fylke": read(number="46"),
    "places:boundaries": read(version=lambda _world: _boundary_version(), extent="fylke-46"),
    "networks:list": read(),
    "networks:network": read(slug=lambda w: w.network.slug),
    "networks:create": national_write(),
    "networks:edit": national_write(slug=lambda w: w.network.slug),
    "networks:membership-edit": national_write(slug=lambda w: w.network.slug),
    "networks:membership-remove": national_write(slug=lambda w: w.network.slug, pk=lambda w: w.network_membership.pk),
    # plans of a kommune
    "plans:priorities-edit": write(number="0301"),
    "plans:plans": read(number="0301"),
    "plans:coverage": read(number="0301"),
    "plans:plan": read(**KOMMUNE_PLAN),
    "plans:plan-new": write(number="0301"),
    "plans:plan-edit": write(**KOMMUNE_PLAN),
    "plans:document-new": write(**KOMMUNE_PLAN),
    "plans:document-delete": write(**KOMMUNE_PLAN, document_id=lambda w: w.document.pk),
    "plans:goal-new": write(**KOMMUNE_PLAN),
    "plans:goal-edit": write(**KOMMUNE_PLAN, goal_id=lambda w: w.goal.pk),
    "plans:action-new": write(**KOMMUNE_PLAN, goal_id=lambda w: w.goal.pk),
    "plans:action-edit": write(**KOMMUNE_PLAN, goal_id=lambda w: w.goal.pk, action_id=lambda w: w.action.pk),
    "plans:link-remove": write(**KOMMUNE_PLAN, link_id=lambda w: w.target_link.pk),
    "plans:targets": write(**KOMMUNE_PLAN, kind="mal", pk=lambda w: w.goal.pk),
    "plans:suggestions": write(**KOMMUNE_PLAN, kind="mal", pk=lambda w: w.goal.pk, data={"target": "99.9"}),
    "plans:indicator-new": write(**KOMMUNE_PLAN, kind="mal", pk=lambda w: w.goal.pk),
    # plans of a fylkeskommune (Vestland; the other kommune's editor is Bergen's, inside Vestland)
    "plans:fylke-priorities-edit": write(VESTLAND, number="46"),
    "plans:fylke-plans": read(number="46"),
    "plans:fylke-coverage": read(number="46"),
    "plans:fylke-plan": read(**FYLKE_PLAN),
    "plans:fylke-plan-new": write(VESTLAND, number="46"),
    "plans:fylke-plan-edit": write(VESTLAND, **FYLKE_PLAN),
    "plans:fylke-document-new": write(VESTLAND, **FYLKE_PLAN),
    "plans:fylke-document-delete": write(VESTLAND, **FYLKE_PLAN, document_id=lambda w: w.fylke_document.pk),
    "plans:fylke-goal-new": write(VESTLAND, **FYLKE_PLAN),
    "plans:fylke-goal-edit": write(VESTLAND, **FYLKE_PLAN, goal_id=lambda w: w.fylke_goal.pk),
    "plans:fylke-action-new": write(VESTLAND, **FYLKE_PLAN, goal_id=lambda w: w.fylke_goal.pk),
    "plans:fylke-action-edit": write(VESTLAND, **FYLKE_PLAN, goal_id=lambda w: w.fylke_goal.pk,
                                     action_id=lambda w: w.fylke_action.pk),
    "plans:fylke-link-remove": write(VESTLAND, **FYLKE_PLAN, link_id=lambda w: w.fylke_target_link.pk),
    "plans:fylke-targets": write(VESTLAND, **FYLKE_PLAN, kind="mal", pk=lambda w: w.fylke_goal.pk),
    "plans:fylke-suggestions": write(VESTLAND, **FYLKE_PLAN, kind="mal", pk=lambda w: w.fylke_goal.pk,
                                     data={"target": "99.9"}),
    "plans:fylke-indicator-new": write(VESTLAND, **FYLKE_PLAN, kind="mal", pk=lambda w: w.fylke_goal.pk),
    # political decisions: a public list; the organisation's editors record, correct and delete them
    "decisions:list": read(number="0301"),
    "decisions:new": write(number="0301"),
    "decisions:edit": write(number="0301", decision_id=lambda w: w.extra["decision"].pk),
    "decisions:delete": write(number="0301", decision_id=lambda w: w.extra["decision"].pk),
    "decisions:fylke-list": read(number="46"),
    "decisions:fylke-new": write(VESTLAND, number="46"),
    "decisions:fylke-edit": write(VESTLAND, number="46", decision_id=lambda w: w.extra["fylke_decision"].pk),
    "decisions:fylke-delete": write(VESTLAND, number="46", decision_id=lambda w: w.extra["fylke_decision"].pk),
    # materiality assessment: public reads (members see the draft); the organisation's editors assess and publish
    "materiality:assessment": read(number="0301"),
    "materiality:version": read(number="0301", version=1, get_status=404),  # nothing published in the world
    "materiality:goal": write(number="0301", goal=11),
    "materiality:publish": write(number="0301"),
    "materiality:matrix": read(number="0301"),
    "materiality:priorities": write(number="0301"),
    "materiality:fylke-assessment": read(number="46"),
    "materiality:fylke-version": read(number="46", version=1, get_status=404),
    "materiality:fylke-goal": write(VESTLAND, number="46", goal=4),
    "materiality:fylke-publish": write(VESTLAND, number="46"),
    "materiality:fylke-matrix": read(number="46"),
    "materiality:fylke-priorities": write(VESTLAND, number="46"),
    # partnerships
    "partnerships:national": read(),
    "partnerships:partnership": read(pk=lambda w: w.partnership.pk),
    "partnerships:partnership-edit": write(pk=lambda w: w.partnership.pk),
    "partnerships:partners": read(),
    "partnerships:partner": read(pk=lambda w: w.partner.pk),
    # National editors may correct any partner (accounts.permissions.can_edit_partner).
    "partnerships:partner-edit": write(pk=lambda w: w.partner.pk, national=ALLOWED),
    "partnerships:kommune": read(number="0301"),
    "partnerships:partnership-create": write(number="0301"),
    "partnerships:partner-create": write(number="0301"),
    # indicators and uploads
    "indicators:catalogue": read(),
    "indicators:chart-data": read(chart="compare", format="csv", get_status=400),  # no kommune: refused, says why
    "indicators:export": read(get_status=400),  # the form with no indicator chosen says what is missing
    "indicators:indicator": read(indicator_id="VAX_MEASLES_AGE2"),
    "indicators:revision": read(indicator_id=lambda w: w.local_indicator.id, number=1),
    # the core set: public page; national editors add or remove an indicator with a reason
    "indicators:coreset": read(),
    "indicators:coreset-edit": national_write(),
    "uploads:upload": own_write(),
    "uploads:job": write(job_id=lambda w: w.import_job.pk),
    # editors of the job's organisation, and superusers (``require_editor``)
    "uploads:job-status": read(job_id=lambda w: w.import_job.pk),
    # Local indicators belong to kommuner and fylkeskommuner only, so the national admin has nothing to create in.
    "uploads:new-indicator": own_write(national=DENIED),
    # measurement
    "measurement:kommune-indicator": read(number="0301", indicator_id="VAX_MEASLES_AGE2"),
    "measurement:kommune-goal": read(number="0301", goal=3),
    "measurement:fylke-goal": read(number="46", goal=3),
    "measurement:similar": read(number="4601"),
    "measurement:compare": read(),
    "measurement:national": read(),
    # practices (the erfaringsbank): editors write and submit, only the owner's admins publish
    "practices:list": read(),
    "practices:create": own_write(),
    # What awaits the user's approval (login required; lists only the organisations the user publishes for).
    "practices:approvals": read(),
    "practices:detail": read(pk=lambda w: w.practice.pk),
    "practices:edit": write(pk=lambda w: w.practice.pk),
    "practices:attachment-upload": write(pk=lambda w: w.practice.pk),
    "practices:result-add": write(pk=lambda w: w.practice.pk),
    "practices:result-delete": write(pk=lambda w: w.practice_result.pk),
    "practices:action": write(pk=lambda w: w.practice.pk, action="send"),
    "practices:attachment": read(pk=lambda w: w.extra["attachment"].pk),
    # reports: the review and brief are public; the narrative texts are written by the place's editors
    "vlr:report": read(place_kind="kommune", number="0301", report_type="vlr", get_status=404),  # no run in the world
    "vlr:narratives": write(place_kind="kommune", number="0301"),
    "vlr:narrative": write(place_kind="kommune", number="0301", section="opening"),
    # the saksframlegg of the published assessment is public (404 here: Oslo has published none in the world);
    # its working draft (?versjon=utkast) only for members (tests/reports/vlr/test_saksframlegg.py)
    "vlr:saksframlegg": read(place_kind="kommune", number="0301", output_format="docx", get_status=404),
    "public:kommune": read(number="0301"),
    "public:fylke": read(number="46"),
    "public:kommune-widget": read(number="0301"),
    "public:fylke-widget": read(number="46"),
    "rollup:page": read(),
    "rollup:download": read(format_name="csv", get_status=404),  # no complete run in the world
    "opendata:index": read(),
    "opendata:datapackage": read(),
    "opendata:download": read(filename="lokalagenda-sources.csv"),
    # the API's own pages
    "api:openapi-json": read(),
    "api:openapi-view": read(),
}

#: A write that also takes a token: the editors use a token of their own organisation (another one's is refused with
#: 403); a viewer, who cannot hold one, falls back to the session and gets 403; without credentials it is 401.
TOKEN_WRITE: dict[str, Any] = {"auth": "token", "anonymous": refused(401)}
MATERIALITY_ENTRY = {"situation": "challenge", "influence": "direct", "rationale": "Matrisen.", "material": True}

API_RULES: dict[str, Rule] = {
    "PUT /api/kommuner/{number}/priorities": write(number="0301"),
    "PUT /api/fylker/{number}/priorities": write(VESTLAND, number="46"),
    # Token writes: each editor uses a token of their own organisation; a viewer cannot have one (401). A token of
    # another organisation gets 422 naming the indicator it may not import, and nothing is stored.
    "POST /api/observations": write(
        auth="token", anonymous=refused(401), viewer=refused(401), other=refused(422), national=refused(422),
        data=lambda w: {"source": "matrix", "rows": [
            {"indicator": w.local_indicator.id, "place": "0301", "year": 2024, "value": 1.5}]}),
    # The materiality assessment's writes take a session or a token with materiality:write: the kommune's rules try
    # the session, the fylkeskommune's the token (tests/api/test_materiality.py tries both on both). Publishing the
    # matrix world's empty draft is the editor's 422, past the permission check.
    "PUT /api/kommuner/{number}/materiality/{target}": write(number="0301", target="11.6", data=MATERIALITY_ENTRY),
    "DELETE /api/kommuner/{number}/materiality/{target}": write(number="0301", target="11.6"),
    "POST /api/kommuner/{number}/materiality/publish": write(number="0301"),
    "PUT /api/fylker/{number}/materiality/{target}": write(VESTLAND, number="46", target="11.6",
                                                            data=MATERIALITY_ENTRY, **TOKEN_WRITE),
    "DELETE /api/fylker/{number}/materiality/{target}": write(VESTLAND, number="46", target="11.6", **TOKEN_WRITE),
    "POST /api/fylker/{number}/materiality/publish": write(VESTLAND, number="46", **TOKEN_WRITE),
}
