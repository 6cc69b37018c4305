"""An editor assesses targets in a draft and publishes it as numbered versions; each write is audited, only the
organisation's editors may write, and bad choices are refused with the field they concern."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from lokalagenda.accounts.models import AuditEntry, Organisation
from lokalagenda.framework.models import Target
from lokalagenda.materiality.models import AssessmentVersion, DraftEntry
from lokalagenda.materiality.services import has_unpublished_changes, publish, remove_entry, save_entry

pytestmark = pytest.mark.django_db


def _assess(organisation, user, code, **values):
    defaults = {"situation": "challenge", "influence": "direct", "rationale": "", "material": True}
    return save_entry(organisation, user, Target.objects.get(code=code), **{**defaults, **values})


def test_saving_twice_changes_one_draft_entry_and_audits_both_writes(bergen, bergen_editor):
    _assess(bergen, bergen_editor, "11.6", rationale="Luftkvaliteten i Bergen er dårlig om vinteren")
    _assess(bergen, bergen_editor, "11.6", situation="major_challenge", involved=["residents", "administration"])
    entry = DraftEntry.objects.get(organisation=bergen)
    assert (entry.situation, entry.involved) == ("major_challenge", ["administration", "residents"])
    assert AuditEntry.objects.filter(model="materiality.DraftEntry", organisation=bergen).count() == 2


def test_a_wrong_choice_names_its_field(bergen, bergen_editor):
    with pytest.raises(ValidationError) as error:
        _assess(bergen, bergen_editor, "11.6", influence="total")
    assert "influence" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        _assess(bergen, bergen_editor, "11.6", involved=["mayor"])
    assert "mayor" in str(error.value.message_dict["involved"])
    assert not DraftEntry.objects.exists()


def test_another_kommunes_editor_and_a_viewer_cannot_write(bergen, oslo_editor, oslo_viewer, bergen_editor):
    for user in (oslo_editor, oslo_viewer):
        with pytest.raises(PermissionDenied):
            _assess(bergen, user, "11.6")
    _assess(bergen, bergen_editor, "11.6")
    with pytest.raises(PermissionDenied):
        remove_entry(bergen, oslo_editor, Target.objects.get(code="11.6"))
    with pytest.raises(PermissionDenied):
        publish(bergen, oslo_editor)
    assert DraftEntry.objects.count() == 1 and not AssessmentVersion.objects.exists()


def test_the_national_level_has_no_assessment(national_editor):
    national = Organisation.objects.get(kind=Organisation.Kind.NATIONAL)
    with pytest.raises(ValidationError):
        _assess(national, national_editor, "11.6")


def test_publishing_numbers_versions_and_keeps_the_earlier_ones(bergen, bergen_editor):
    with pytest.raises(ValidationError):
        publish(bergen, bergen_editor)  # nothing assessed yet
    _assess(bergen, bergen_editor, "11.6")
    assert has_unpublished_changes(bergen)
    first = publish(bergen, bergen_editor)
    assert first.number == 1 and not has_unpublished_changes(bergen)
    assert publish(bergen, bergen_editor) == first  # unchanged: no new version
    _assess(bergen, bergen_editor, "3.4", situation="going_well", influence="indirect", material=False)
    remove_entry(bergen, bergen_editor, Target.objects.get(code="11.6"))
    assert has_unpublished_changes(bergen)
    second = publish(bergen, bergen_editor)
    assert second.number == 2 and second.fingerprint != first.fingerprint
    assert list(first.entries.values_list("target_id", flat=True)) == ["11.6"]
    assert list(second.entries.values_list("target_id", flat=True)) == ["3.4"]
    assert AuditEntry.objects.filter(action="publish", model="materiality.AssessmentVersion").count() == 2


def test_a_fylkeskommune_assesses_as_a_kommune_does(vestland, vestland_editor, bergen_editor):
    _assess(vestland, vestland_editor, "9.1", influence="indirect")
    assert publish(vestland, vestland_editor).number == 1
    with pytest.raises(PermissionDenied):
        _assess(vestland, bergen_editor, "9.1")
