"""A whole plan document's target suggestions are made by a background task queued once its text is read, stored on
the document, and shown when ready; until then the page says so and refreshes itself, and nothing can be
accepted. (The tests run tasks immediately, as the worker would, when the upload's transaction commits.)"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lokalagenda.core.errors import LokalagendaError
from lokalagenda.plans import suggestions
from lokalagenda.plans.documents import add_document
from lokalagenda.plans.models import PlanDocument, TargetLink

pytestmark = pytest.mark.django_db
TEXT = ("Kommunen skal redusere klimagassutslippene fra transport med 60 prosent innen 2030.\n\n"
        "Alle barn skal ha en trygg skolevei og et sunt skolemåltid hver dag.")


def _upload(plan, editor, capture):
    with capture(execute=True):
        return add_document(plan, editor, SimpleUploadedFile("samfunnsdel.txt", TEXT.encode()))


def _read_but_not_suggested(plan, editor, capture):
    """A document whose text is read but whose suggestions nobody has asked for (yet)."""
    document = _upload(plan, editor, capture)
    PlanDocument.objects.filter(pk=document.pk).update(suggestion_status=PlanDocument.SuggestionStatus.NONE,
                                                       suggestions=[])
    document.refresh_from_db()
    return document


def _page(plan, document):
    return reverse("plans:suggestions", args=["0301", plan.id, "dokument", document.id])


def test_the_upload_queues_the_task_and_the_suggestions_are_stored_on_the_document(
        oslo_plan, oslo_editor, django_capture_on_commit_callbacks):
    document = _upload(oslo_plan, oslo_editor, django_capture_on_commit_callbacks)
    document.refresh_from_db()
    assert document.suggestion_status == PlanDocument.SuggestionStatus.DONE
    codes = [code for code, _score, _evidence in document.suggestions]
    assert codes and len(codes) == len(set(codes)) <= suggestions.TOP
    scores = [score for _code, score, _evidence in document.suggestions]
    assert scores == sorted(scores, reverse=True)
    assert all(evidence[-1].startswith('passage: "') for _code, _score, evidence in document.suggestions)


def test_while_the_task_has_not_run_the_page_says_so_refreshes_itself_and_accepts_nothing(
        client, oslo_plan, oslo_editor, django_capture_on_commit_callbacks):
    document = _read_but_not_suggested(oslo_plan, oslo_editor, django_capture_on_commit_callbacks)
    PlanDocument.objects.filter(pk=document.pk).update(suggestion_status=PlanDocument.SuggestionStatus.QUEUED)
    client.force_login(oslo_editor)
    response = client.get(_page(oslo_plan, document))
    page = response.content.decode()
    assert response.context["pending"] and response.context["suggestions"] == []
    assert "are being computed" in page and 'hx-trigger="every 2s"' in page and "htmx.min.js" in page
    client.post(_page(oslo_plan, document), {"target": "13.2", "decision": "accept"})
    assert not TargetLink.objects.filter(document=document).exists()
    assert "13.2 is not among the open suggestions" in client.get(_page(oslo_plan, document)).content.decode()


def test_a_document_nobody_queued_is_queued_by_the_first_visit(client, oslo_plan, oslo_editor,
                                                              django_capture_on_commit_callbacks):
    document = _read_but_not_suggested(oslo_plan, oslo_editor, django_capture_on_commit_callbacks)
    assert document.suggestion_status == PlanDocument.SuggestionStatus.NONE
    client.force_login(oslo_editor)
    shown = client.get(_page(oslo_plan, document)).context["suggestions"]
    document.refresh_from_db()
    assert shown and document.suggestion_status == PlanDocument.SuggestionStatus.DONE
    assert [s.target.code for s in shown] == [code for code, _s, _e in document.suggestions]
    plan_page = client.get(reverse("plans:plan", args=["0301", oslo_plan.id])).content.decode()
    assert "Suggest targets</a> <span class=\"muted\">(ready)</span>" in plan_page


def test_a_failure_is_shown_with_its_reason_and_the_next_visit_tries_again(client, oslo_plan, oslo_editor,
                                                                          monkeypatch,
                                                                          django_capture_on_commit_callbacks):
    document = _read_but_not_suggested(oslo_plan, oslo_editor, django_capture_on_commit_callbacks)

    def broken(text):
        raise LokalagendaError("the model files are missing")

    monkeypatch.setattr(suggestions, "_document_suggestions", broken)
    client.force_login(oslo_editor)
    page = client.get(_page(oslo_plan, document)).content.decode()
    document.refresh_from_db()
    assert document.suggestion_status == PlanDocument.SuggestionStatus.FAILED
    assert "the model files are missing" in page
    monkeypatch.undo()
    assert client.get(_page(oslo_plan, document)).context["suggestions"]
