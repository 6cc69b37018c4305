"""National counts read the latest published version of every organisation: a draft is never counted, an
earlier version no longer counts once a newer one is published, and fylkeskommuner are counted apart."""

import pytest

from lokalagenda.accounts.models import Organisation
from lokalagenda.framework.models import Target
from lokalagenda.materiality.services import publish, save_entry
from lokalagenda.materiality.summary import national_summary

pytestmark = pytest.mark.django_db


def _assess(organisation, user, code, material=True):
    save_entry(organisation, user, Target.objects.get(code=code), situation="challenge", influence="direct",
               material=material)


def _counts(summary, code):
    row = next(row for row in summary.targets if row.target == code)
    return row.assessed, row.material


def test_only_the_latest_published_versions_are_counted(bergen, bergen_editor, oslo_editor, vestland,
                                                        vestland_editor):
    oslo = Organisation.objects.get(slug="kommune-0301")
    empty = national_summary()
    assert empty.published_assessments == 0 and len(empty.targets) == Target.objects.count() == 169
    _assess(bergen, bergen_editor, "11.6")
    assert national_summary().published_assessments == 0  # a draft is never counted
    publish(bergen, bergen_editor)
    _assess(bergen, bergen_editor, "11.6", material=False)  # a newer draft does not count either
    _assess(oslo, oslo_editor, "11.6")
    _assess(oslo, oslo_editor, "3.4", material=False)
    publish(oslo, oslo_editor)
    summary = national_summary()
    assert summary.published_assessments == 2
    assert _counts(summary, "11.6") == (2, 2) and _counts(summary, "3.4") == (1, 0)
    publish(bergen, bergen_editor)
    assert _counts(national_summary(), "11.6") == (2, 1)
    _assess(vestland, vestland_editor, "9.1")
    publish(vestland, vestland_editor)
    assert _counts(national_summary(), "9.1") == (0, 0)
    fylker = national_summary(Organisation.Kind.FYLKESKOMMUNE)
    assert fylker.published_assessments == 1 and _counts(fylker, "9.1") == (1, 1)
    assert national_summary(organisations=[oslo.pk]).published_assessments == 1
    assert summary.as_dict()["targets"][0] == {"target": "1.1", "assessed": 0, "material": 0}
