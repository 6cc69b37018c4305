"""Every natural key is enforced by the database: a duplicate of a stored row is refused, on both databases."""

from __future__ import annotations

import operator
import re
from functools import reduce
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.db import IntegrityError, connection, models, transaction
from django.db.models import Q

from lokalagenda.measurement.models import GoalResult, IndicatorResult, MeasurementRun, PlaceResult
from lokalagenda.persistence.natural_keys import (
    NATURAL_KEYS,
    NO_NATURAL_KEY,
    NOT_YET_ENFORCED,
    Key,
    enforced,
    natural_keys,
)
from tests.persistence.population import populate

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def uploads_in_tmp(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "uploads"


def _our_models() -> list[type[models.Model]]:
    return [model for model in apps.get_models() if model.__module__.startswith("lokalagenda.")]


#: Models the population fills, so the database test covers at least these.
FILLED = [label for label in NATURAL_KEYS if label.split(".")[0] in {
    "accounts", "framework", "indicators", "connectors", "practices", "partnerships", "plans", "auth",
    "contenttypes"}] + ["places.kommune", "places.network", "places.networkmembership", "places.codechange",
                        "measurement.indicatorresult", "measurement.goalresult", "measurement.placeresult"]


def test_every_model_of_ours_has_natural_keys_or_a_reason_for_none():
    labels = {model._meta.label_lower for model in _our_models()}
    unclassified = sorted(labels - set(NATURAL_KEYS) - set(NO_NATURAL_KEY))
    assert unclassified == [], "add these to lokalagenda.persistence.natural_keys"
    assert set(NATURAL_KEYS) & set(NO_NATURAL_KEY) == set()
    assert sorted(set(NO_NATURAL_KEY) - labels) == []


def test_every_natural_key_is_declared_as_unique_on_its_model():
    undeclared = [(model._meta.label_lower, key) for model, keys in natural_keys().items() for key in keys
                  if not enforced(model, key) and (model._meta.label_lower, key) not in NOT_YET_ENFORCED]
    assert undeclared == []


def test_the_database_refuses_a_duplicate_of_every_natural_key(oslo_editor, scored_values):
    populate(oslo_editor, scored_values, measure=False)
    _measurement_rows()
    problems, tested = [], set()
    for model, keys in natural_keys().items():
        if not model._base_manager.exists():
            continue  # a table nothing here fills (a join table, or a newer model): its key is checked above
        tested.add(model._meta.label_lower)
        for key in keys:
            outcome = _insert_duplicate(model, key)
            if (model._meta.label_lower, key) in NOT_YET_ENFORCED:
                if outcome is not None:
                    problems.append(f"{model._meta.label_lower} {key} is enforced now: take it out of NOT_YET_ENFORCED")
            elif outcome is None:
                problems.append(f"{model._meta.label_lower} {key}: the database stored a duplicate")
            elif set(outcome) != _columns(model, key):
                problems.append(f"{model._meta.label_lower} {key}: refused for {sorted(outcome)}, not for the key")
    assert problems == []
    assert sorted(set(FILLED) - tested) == [], "extend tests/persistence/population.py"


def _measurement_rows() -> None:
    """One result of each kind, made directly (the measurement tests prove the method; here only keys count)."""
    from lokalagenda.framework.models import Goal
    from lokalagenda.indicators.models import Indicator

    run = MeasurementRun.objects.create(fingerprint="0" * 64, status="done")
    IndicatorResult.objects.create(run=run, indicator=Indicator.objects.first(), place="0301", value=1.0)
    GoalResult.objects.create(run=run, goal=Goal.objects.get(number=3), place="0301", score=50.0)
    PlaceResult.objects.create(run=run, place="0301", index=50.0)


def _columns(model: type[models.Model], key: Key) -> set[str]:
    return {model._meta.get_field(name).column for name in key}


def _insert_duplicate(model: type[models.Model], key: Key) -> set[str] | None:
    """Insert a copy of a stored row that repeats ``key`` (other unique fields changed); None when the database
    accepts it, else the columns of the unique constraint that refused it."""
    copy = _stored_row(model, key)
    _avoid_other_keys(model, key, copy)
    try:
        with transaction.atomic():
            model._base_manager.bulk_create([copy])
            transaction.set_rollback(True)
    except IntegrityError as error:
        return _refusing_columns(model, error)
    return None


def _stored_row(model: type[models.Model], key: Key) -> models.Model:
    rows = model._base_manager.filter(**{f"{name}__isnull": False for name in key})
    for constraint in _unique_constraints(model):
        if tuple(constraint.fields) == tuple(key) and constraint.condition is not None:
            rows = rows.filter(constraint.condition)
    preferred = rows
    for other in _other_keys(model, key):  # a row whose other keys have an empty field needs no change to copy
        empty = [Q(**{f"{name}__isnull": True}) for name in other if name not in key
                 and model._meta.get_field(name).null]
        if empty:
            preferred = preferred.filter(reduce(operator.or_, empty))
    row = preferred.order_by("pk").first() or rows.order_by("pk").first()
    assert row is not None, f"no stored {model._meta.label} with {key} set: extend tests/persistence/population.py"
    return row


def _unique_constraints(model: type[models.Model]) -> list[models.UniqueConstraint]:
    return [constraint for constraint in model._meta.constraints if isinstance(constraint, models.UniqueConstraint)]


def _other_keys(model: type[models.Model], key: Key) -> list[tuple[str, ...]]:
    meta = model._meta
    others = [(meta.pk.name,)] + [(field.name,) for field in meta.concrete_fields if field.unique]
    others += [tuple(fields) for fields in meta.unique_together]
    others += [tuple(constraint.fields) for constraint in _unique_constraints(model)]
    return [other for other in dict.fromkeys(others) if set(other) != set(key)]


def _avoid_other_keys(model: type[models.Model], key: Key, copy: models.Model) -> None:
    for other in _other_keys(model, key):
        free = [model._meta.get_field(name) for name in other if name not in key]
        if not free or any(getattr(copy, field.attname) is None for field in free):
            continue
        field = free[0]
        if field.primary_key and isinstance(field, models.AutoField):
            copy.pk = None
        elif isinstance(field, models.CharField):
            setattr(copy, field.attname, getattr(copy, field.attname)[: field.max_length - 4] + "-dup")
        elif field.null:
            setattr(copy, field.attname, None)
        else:
            pytest.fail(f"cannot copy a {model._meta.label} that repeats only {key}: teach this test {field.name}")


def _refusing_columns(model: type[models.Model], error: IntegrityError) -> set[str]:
    """The columns of the unique constraint named in the database's message."""
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, model._meta.db_table)
    diag = getattr(error.__cause__, "diag", None)
    if diag is not None:  # PostgreSQL names the constraint
        return set(constraints.get(diag.constraint_name, {}).get("columns") or [])
    message = str(error)
    named = re.search(r"UNIQUE constraint failed: index '([^']+)'", message)
    if named:
        return set(constraints.get(named.group(1), {}).get("columns") or [])
    listed = re.search(r"UNIQUE constraint failed: (.+)$", message)
    return {column.split(".", 1)[1] for column in listed.group(1).split(", ")} if listed else set()
