"""Pages of the SDG framework: goals, a goal with its targets, a target with its indicators."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from lokalagenda.accounts.models import AuditEntry
from lokalagenda.accounts.permissions import is_national_editor, national_editor_required
from lokalagenda.framework.forms import TextFilterForm, TitleCorrectionForm
from lokalagenda.framework.models import Goal, Indicator, OfficialTextSource, Target, TargetRelevance
from lokalagenda.framework.services import correct_titles, uncorrected_text
from lokalagenda.framework.texts import work_list


def goal_list(request: HttpRequest) -> HttpResponse:
    return render(request, "framework/goal_list.html", {"goals": Goal.objects.all()})


def goal_detail(request: HttpRequest, number: int) -> HttpResponse:
    goal = get_object_or_404(Goal, number=number)
    targets = goal.targets.all()
    return render(request, "framework/goal_detail.html", {"goal": goal, "targets": targets})


def target_detail(request: HttpRequest, code: str) -> HttpResponse:
    target = get_object_or_404(Target.objects.select_related("goal"), code=code)
    return render(request, "framework/target_detail.html", {
        "target": target, "goal": target.goal, "indicators": target.indicators.all(),
        "can_correct": is_national_editor(request.user),
        "history": AuditEntry.objects.filter(model=Target._meta.label, object_pk=target.code)[:20],
        "relevance": TargetRelevance.objects.filter(target=target).first(),
    })


#: The framework items whose Norwegian texts a national editor may correct, by URL name of their page.
CORRECTABLE = {"target": Target, "indicator": Indicator}


@login_required
@national_editor_required
def correct_texts(request: HttpRequest, kind: str, code: str) -> HttpResponse:
    """A national editor corrects the bokmål text of a target or indicator and enters its nynorsk text."""
    item = get_object_or_404(CORRECTABLE[kind], code=code)
    form = TitleCorrectionForm(request.POST or None, initial={
        "title_nb_corrected": item.title_nb_corrected or uncorrected_text(item, "nb"),
        "title_nn": item.title_nn_corrected or uncorrected_text(item, "nn"),
        "nb_checked": item.nb_checked, "nn_checked": item.nn_checked,
    })
    if request.method == "POST" and form.is_valid():
        if correct_titles(item, request.user, **form.cleaned_data):
            messages.success(request, _("The texts of %(code)s were saved.") % {"code": item.code})
        return redirect(f"framework:{kind}", code=item.code)
    goal = item.goal_id if isinstance(item, Target) else item.target.goal_id
    return render(request, "framework/correct_texts.html", {
        "item": item, "kind": kind, "form": form, "sources": OfficialTextSource.objects.filter(goal=goal),
    })


def indicator_detail(request: HttpRequest, code: str) -> HttpResponse:
    indicator = get_object_or_404(Indicator.objects.select_related("target__goal"), code=code)
    return render(request, "framework/indicator_detail.html", {
        "indicator": indicator, "can_correct": is_national_editor(request.user),
        "history": AuditEntry.objects.filter(model=Indicator._meta.label, object_pk=indicator.code)[:20],
    })


def text_work_list(request: HttpRequest) -> HttpResponse:
    """Every Norwegian SDG text with its state beside the English original, and how far the work has come.

    Open to everyone (the "unofficial translation" notes link here); national editors get correction links.
    """
    form = TextFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    texts = work_list(kind=filters.get("kind") or "target", goal=filters.get("goal"),
                      state=filters.get("state") or "", language=filters.get("language") or "")
    return render(request, "framework/text_work_list.html", {
        "form": form, "work": texts, "kind": filters.get("kind") or "target",
        "can_correct": is_national_editor(request.user),
    })
