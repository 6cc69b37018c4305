"""The key result's indicator picker: a searchable select (``data-picker``) named in the reader's language, the
core set first, then the indicators of the targets the local goal is linked to, then the rest, each group in
Norwegian alphabetical order."""

import html
import re

import pytest
from django.urls import reverse

from lokalagenda.core.i18n import alphabetical
from lokalagenda.framework.models import Target
from lokalagenda.indicators.models import Indicator
from lokalagenda.indicators.set_membership import change_membership, core_set
from lokalagenda.plans.models import LocalGoal
from lokalagenda.plans.services import link_target

pytestmark = pytest.mark.django_db
CORE = "VAX_MEASLES_AGE2"
LINKED = "VAX_DIPHTHERIA_AGE2"  # measures 3.b, like the core one


def picker_groups(page: str) -> list[list[tuple[str, str]]]:
    select = re.search(r'<select name="indicator"[^>]*>(.*?)</select>', page, re.S)
    assert select is not None and "data-picker" in re.search(r'<select name="indicator"[^>]*>', page).group(0)
    option = re.compile(r'<option value="([^"]+)"[^>]*>(.*?)</option>')
    return [[(value, html.unescape(label)) for value, label in option.findall(group)]
            for group in re.findall(r"<optgroup[^>]*>(.*?)</optgroup>", select.group(1), re.S)]


def test_picker_offers_the_core_set_then_the_goals_targets_then_the_rest_in_bokmal(client, oslo_plan, oslo_editor):
    change_membership(core_set(create=True), Indicator.objects.get(pk=CORE), "added", reason="test")
    goal = LocalGoal.objects.get(plan=oslo_plan)
    link_target(goal, oslo_editor, Target.objects.get(code="3.b"))
    client.force_login(oslo_editor)
    client.cookies["lokalagenda_language"] = "nb"
    page = client.get(reverse("plans:indicator-new", args=["0301", oslo_plan.id, "mal", goal.id])).content.decode()
    core, linked, rest = picker_groups(page)
    assert [value for value, _label in core] == [CORE]
    assert core[0][1] == "Vaksinasjonsdekning meslinger, 2-åringer (5-årig gjennomsnitt) (prosent)"
    measuring = set(Indicator.objects.filter(targets__code="3.b", organisation__isnull=True)
                    .values_list("pk", flat=True)) - {CORE}
    assert LINKED in measuring and {value for value, _label in linked} == measuring
    assert len(core) + len(linked) + len(rest) == Indicator.objects.filter(organisation__isnull=True).count()
    for group in (core, linked, rest):
        labels = [label for _value, label in group]
        assert labels == sorted(labels, key=alphabetical)
    english_only = Indicator.objects.filter(name_nb="", name_nn="").exclude(name_en="").first()
    assert dict(rest)[english_only.pk].startswith(english_only.name_en[:40])
    named = Indicator.objects.exclude(name_nb="").exclude(pk__in=[CORE, *measuring]).first()
    assert dict(rest)[named.pk].startswith(named.name_nb[:40])


def test_picker_without_linked_targets_has_no_group_for_them(client, oslo_plan, oslo_editor):
    goal = LocalGoal.objects.get(plan=oslo_plan)
    client.force_login(oslo_editor)
    page = client.get(reverse("plans:indicator-new", args=["0301", oslo_plan.id, "mal", goal.id])).content.decode()
    labels = [html.unescape(label) for label in re.findall(r'<optgroup label="([^"]*)"', page)]
    assert labels == ["All other indicators"]
