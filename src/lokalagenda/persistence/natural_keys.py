"""The natural keys of our models: the fields that identify a row the way people, sources and other rows name it.

Every key listed here must be enforced by the database (a primary key, a unique field or a ``UniqueConstraint``;
a conditional constraint for a key whose fields may be empty), so that no import, sync, measurement run or
double-clicked form can store the same thing twice. ``tests/web/test_integrity.py`` walks every model of our
apps: each is either listed here or in ``NO_NATURAL_KEY`` with the reason, and for each key the test inserts a
duplicate of a stored row and expects the database to refuse it, on SQLite and on PostgreSQL.

The join tables of many-to-many fields are keyed by their two sides; Django makes that constraint itself and
``natural_keys()`` adds them.
"""

from __future__ import annotations

from django.apps import apps
from django.db import models

Key = tuple[str, ...]

#: Model label → its natural keys (field names).
NATURAL_KEYS: dict[str, tuple[Key, ...]] = {
    "accounts.organisation": (("slug",), ("kommune",), ("fylke",)),
    "accounts.membership": (("user", "organisation"),),
    "accounts.apitoken": (("prefix",),),
    "places.fylke": (("number",),),
    "places.kommune": (("number",),),
    "places.kommunepopulation": (("kommune", "year"),),
    "places.fylkepopulation": (("fylke", "year"),),
    "places.codechange": (("old_code", "kommune", "valid_from_year"),),
    "places.network": (("name",), ("slug",)),
    "places.networkmembership": (("network", "kommune"), ("network", "fylke")),
    "places.kostragroup": (("code",),),
    "places.kostragroupmembership": (("kommune", "valid_from"),),
    "framework.goal": (("number",),),
    "framework.target": (("code",),),
    "framework.indicator": (("code",),),
    "framework.servicearea": (("key",),),
    "framework.targetrelevance": (("target",),),
    "framework.officialtextsource": (("goal", "url"),),
    "indicators.indicatorset": (("slug",),),
    "indicators.indicator": (("id",),),
    "indicators.datasetrevision": (("indicator", "number"),),
    "indicators.observation": (("indicator", "place", "year", "disaggregation"),),
    "indicators.observationchange": (("revision", "place", "year", "disaggregation"),),
    "connectors.fetchspec": (("indicator",),),
    "connectors.fetchlog": (("spec", "task_key"),),
    "measurement.indicatorresult": (("run", "indicator", "place"),),
    "measurement.goalresult": (("run", "goal", "place"),),
    "measurement.placeresult": (("run", "place"),),
    "measurement.peerpercentile": (("run", "place", "group_kind", "group_code", "indicator"),
                                   ("run", "place", "group_kind", "group_code", "goal")),
    "plans.priorities": (("organisation",),),
    "plans.targetlink": (("goal", "target"), ("action", "target"), ("document", "target")),
    "plans.indicatorlink": (("goal", "indicator"), ("action", "indicator")),
    "practices.searchdocument": (("practice",),),
    "practices.practicerevision": (("practice",),),
    "materiality.draftentry": (("organisation", "target"),),
    "materiality.assessmentversion": (("organisation", "number"),),
    "materiality.publishedentry": (("version", "target"),),
    "partnerships.partner": (("organisation_number",),),
    "reports.narrativeversion": (("organisation", "section", "language", "number"),),
    # Django's own tables that our rows and logins name.
    "auth.user": (("username",),),
    "auth.group": (("name",),),
    "auth.permission": (("content_type", "codename"),),
    "contenttypes.contenttype": (("app_label", "model"),),
}

#: Keys the database does not enforce yet, with why; each needs a constraint in its app's next migration.
NOT_YET_ENFORCED: dict[tuple[str, Key], str] = {}

_ENTERED = "entered by people and named by its id; titles and texts may repeat"
_EVENT = "an event or log entry: two equal ones are two events"

#: Models of our apps without a natural key, and why.
NO_NATURAL_KEY: dict[str, str] = {
    "accounts.auditentry": _EVENT,
    "framework.targetrelevancechange": _EVENT,
    "indicators.indicatorsetchange": _EVENT,
    "indicators.importjob": "an upload: the same file may be uploaded twice",
    "measurement.measurementrun": "a run: a forced rerun repeats the fingerprint of an earlier one",
    "plans.plan": _ENTERED,
    "plans.plandocument": _ENTERED,
    "plans.localgoal": _ENTERED,
    "plans.action": _ENTERED,
    "practices.practice": _ENTERED,
    "practices.practiceresult": _ENTERED,
    "practices.attachment": _ENTERED,
    "partnerships.partnership": _ENTERED,
    "decisions.decision": "a record entered by people: one case may hold several decisions, and a body may adopt "
                          "the same subject again",
}


def natural_keys() -> dict[type[models.Model], tuple[Key, ...]]:
    """Every model with natural keys, including the join tables of many-to-many fields."""
    keyed: dict[type[models.Model], tuple[Key, ...]] = {}
    for model in apps.get_models(include_auto_created=True):
        label = model._meta.label_lower
        if label in NATURAL_KEYS:
            keyed[model] = NATURAL_KEYS[label]
        elif model._meta.auto_created:
            sides = [field.name for field in model._meta.concrete_fields if field.is_relation]
            keyed[model] = (tuple(sides),)
    return keyed


def enforced(model: type[models.Model], key: Key) -> bool:
    """Whether ``key`` is the primary key, a unique field or a unique constraint of ``model`` as declared."""
    if len(key) == 1:
        field = model._meta.get_field(key[0])
        if field.primary_key or field.unique:
            return True
    declared = [tuple(fields) for fields in model._meta.unique_together]
    declared += [tuple(constraint.fields) for constraint in model._meta.constraints
                 if isinstance(constraint, models.UniqueConstraint)]
    return tuple(key) in declared
