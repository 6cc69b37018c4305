"""Confirming priority targets from the matrix goes through the priorities' own service: only the organisation's
editors may, the write is audited, and the goals of the chosen targets join the priority goals already chosen."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from lokalagenda.accounts.models import AuditEntry
from lokalagenda.framework.models import Goal, Target
from lokalagenda.materiality.services import confirm_priorities
from lokalagenda.plans.models import Priorities
from lokalagenda.plans.services import save_priorities

pytestmark = pytest.mark.django_db


def test_another_kommunes_editor_cannot_confirm_priorities(bergen, oslo_editor):
    with pytest.raises(PermissionDenied):
        confirm_priorities(bergen, oslo_editor, [Target.objects.get(code="11.6")], reason="Kapring")
    assert not Priorities.objects.filter(organisation=bergen).exists()


def test_confirming_keeps_the_chosen_goals_replaces_the_targets_and_is_audited(bergen, bergen_editor):
    save_priorities(bergen, bergen_editor, statement="Før", goals=[Goal.objects.get(number=5)],
                    targets=[Target.objects.get(code="5.5")], published=False)
    confirm_priorities(bergen, bergen_editor, Target.objects.filter(code__in=["11.6", "13.1"]), reason=" Luft ")
    priorities = Priorities.objects.get(organisation=bergen)
    assert sorted(priorities.goals.values_list("number", flat=True)) == [5, 11, 13]
    assert sorted(priorities.targets.values_list("code", flat=True)) == ["11.6", "13.1"]
    assert (priorities.statement, priorities.published) == ("Luft", False)
    assert AuditEntry.objects.filter(model="plans.Priorities", organisation=bergen).count() == 2


def test_a_reason_and_a_target_are_required(bergen, bergen_editor):
    with pytest.raises(ValidationError) as error:
        confirm_priorities(bergen, bergen_editor, [Target.objects.get(code="11.6")], reason="  ")
    assert "reason" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        confirm_priorities(bergen, bergen_editor, [], reason="Luft")
    assert "targets" in error.value.message_dict
