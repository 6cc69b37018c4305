"""The audited save every editing service uses: one audit entry per create or real change, the "before" picture
read from the database, strings stripped, many-to-many relations included."""

from __future__ import annotations

import pytest

from lokalagenda.accounts.models import AuditEntry, Organisation
from lokalagenda.accounts.services import save_audited
from lokalagenda.framework.models import Goal
from lokalagenda.plans.models import Priorities

pytestmark = pytest.mark.django_db
FIELDS = ["statement", "published", "goals"]


def test_a_create_and_a_change_are_audited_with_before_and_after(oslo_editor):
    oslo = Organisation.objects.get(slug="kommune-0301")
    priorities = save_audited(oslo_editor, Priorities(organisation=oslo), FIELDS, oslo,
                              values={"statement": "  Klima først.  "}, relations={"goals": [Goal.objects.get(pk=13)]})
    assert priorities.statement == "Klima først."
    created = AuditEntry.objects.get(action="create")
    assert created.before is None and created.after == {"statement": "Klima først.", "published": False, "goals": [13]}
    assert created.user == oslo_editor and created.organisation == oslo
    priorities.published = True  # changed in memory, as a bound form does: the before picture is the stored one
    save_audited(oslo_editor, priorities, FIELDS, oslo, values={"published": True})
    updated = AuditEntry.objects.get(action="update")
    assert updated.before["published"] is False and updated.after["published"] is True


def test_a_save_that_changes_nothing_writes_no_audit_entry(oslo_editor):
    oslo = Organisation.objects.get(slug="kommune-0301")
    priorities = save_audited(oslo_editor, Priorities(organisation=oslo), FIELDS, oslo, values={"statement": "A"})
    save_audited(oslo_editor, priorities, FIELDS, oslo, values={"statement": "A "}, relations={"goals": []})
    assert AuditEntry.objects.count() == 1


def test_validation_runs_before_anything_is_written(oslo_editor):
    from django.core.exceptions import ValidationError

    oslo = Organisation.objects.get(slug="kommune-0301")
    with pytest.raises(ValidationError):
        save_audited(oslo_editor, Priorities(organisation=oslo), FIELDS, oslo, values={"published": None})
    assert not Priorities.objects.exists() and not AuditEntry.objects.exists()
