"""A council adopts the Voluntary Local Review: what it adopted is the measurement run the review reads and the
published narrative texts (``reports.vlr.adoption``). A newly published text marks the review as changed since the
decision; a draft does not. The review's cover shows the decision."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from lokalagenda.decisions.models import Subject
from lokalagenda.decisions.services import record_decision
from lokalagenda.decisions.subjects import changed_since, current_fingerprint
from lokalagenda.reports.vlr.narratives import save_narrative


@pytest.fixture
def measured(measured_module, db):
    return measured_module


def _adopt(organisation, user):
    return record_decision(organisation, user, subject=Subject.VLR, body="kommunestyret",
                           decided_on=datetime.date(2024, 6, 20), case_number="60/24", text="Rapporten vedtas.")


def test_without_a_measurement_run_there_is_no_review_to_adopt(unmeasured, bergen, bergen_editor):
    assert current_fingerprint(Subject.VLR, bergen) is None
    with pytest.raises(ValidationError) as error:
        _adopt(bergen, bergen_editor)
    assert list(error.value.message_dict) == ["subject"]


def test_a_published_text_changes_the_adopted_review_and_a_draft_does_not(measured, bergen, bergen_editor):
    save_narrative(bergen_editor, bergen, "opening", "nb", "Bergen vil.", publish=True)
    decision = _adopt(bergen, bergen_editor)
    assert not changed_since(decision)
    save_narrative(bergen_editor, bergen, "opening", "nb", "Bergen vil mer.")
    assert not changed_since(decision)
    save_narrative(bergen_editor, bergen, "opening", "nn", "Bergen vil meir.", publish=True)
    assert changed_since(decision)


def test_a_new_measurement_run_changes_the_adopted_review(measured, bergen, bergen_editor):
    from lokalagenda.measurement.models import MeasurementRun

    decision = _adopt(bergen, bergen_editor)
    fields = {field.name: getattr(measured, field.name) for field in MeasurementRun._meta.concrete_fields
              if field.name not in ("id", "fingerprint")}
    MeasurementRun.objects.create(**{**fields, "fingerprint": "a later run"})
    assert changed_since(decision)


def test_the_review_shows_its_decision(measured, client, bergen, bergen_editor):
    _adopt(bergen, bergen_editor)
    client.cookies["lokalagenda_language"] = "en"
    page = client.get("/kommune/4601/rapport/vlr/?language=en").content.decode()
    assert "<span>Adopted by kommunestyret on 20 Jun 2024, case 60/24</span>" in page
    page = client.get("/kommune/4601/rapport/vlr/?language=nb").content.decode()
    assert "20.06.2024" in page and "60/24" in page
