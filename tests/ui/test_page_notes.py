"""A page of a lower app names a slot; what apps above it registered for the slot is shown there, once each, in
the order registered, and an unknown slot shows nothing."""

from django.template import Context, Template

from lokalagenda.ui import page_notes


def _note(subject: object) -> str:
    return f"<p>{subject}</p>" if subject else ""


def test_a_slot_shows_its_registered_notes_once_and_an_unknown_slot_nothing():
    page_notes.register_page_note("test-slot", _note)
    page_notes.register_page_note("test-slot", _note)
    template = Template('{% load page_notes %}[{% page_notes "test-slot" subject %}][{% page_notes "none" subject %}]')
    assert template.render(Context({"subject": "vedtatt"})) == "[<p>vedtatt</p>][]"
    assert template.render(Context({"subject": ""})) == "[][]"


def test_the_decisions_app_fills_the_plan_and_assessment_slots():
    assert {"plan", "assessment"} <= set(page_notes._NOTES)
