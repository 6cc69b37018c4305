"""The plan register: list, register and edit plans, their local goals, actions (tiltak) and documents.

The same views serve kommuner and fylkeskommuner: the URL names the place kind (``place_kind``) and number, and
``plans.owners`` resolves the organisation. Anyone reads published plans; members also see drafts; only the
organisation's editors write (403 for others).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from lokalagenda.accounts.permissions import can_edit
from lokalagenda.places.place import Place
from lokalagenda.plans.access import editable_owner, editable_plan, place_of, readable_plan
from lokalagenda.plans.chart_data import coverage_downloads
from lokalagenda.plans.charts import coverage_chart
from lokalagenda.plans.coverage import HEAT_LEVELS, coverage_for
from lokalagenda.plans.documents import add_document, delete_document
from lokalagenda.plans.forms import ActionForm, DocumentForm, LocalGoalForm, PlanForm
from lokalagenda.plans.models import Action, LocalGoal, Plan, PlanDocument
from lokalagenda.plans.outline import plan_outline
from lokalagenda.plans.owners import owner_for, plan_url
from lokalagenda.plans.services import save_action, save_goal, save_plan

FORM_PAGE = "plans/form_page.html"


def plan_list(request: HttpRequest, place_kind: str, number: str) -> HttpResponse:
    owner = owner_for(place_kind, number)
    plans = Plan.objects.visible_to(request.user).for_organisation(owner.organisation)
    return render(request, "plans/plan_list.html", {
        "owner": owner, "plans": plans, "can_edit": can_edit(request.user, owner.organisation),
    })


def plan_detail(request: HttpRequest, place_kind: str, number: str, plan_id: int) -> HttpResponse:
    owner = owner_for(place_kind, number)
    plan = readable_plan(request, owner, plan_id)
    return render(request, "plans/plan_detail.html", {
        "owner": owner, "outline": plan_outline(plan, place_of(plan.organisation)), "plan": plan,
        "can_edit": can_edit(request.user, plan.organisation),
    })


def _form_page(request: HttpRequest, form: object, title: str, plan: Plan | None, owner: Place,
               multipart: bool = False) -> HttpResponse:
    return render(request, FORM_PAGE, {"form": form, "title": title, "plan": plan, "owner": owner,
                                       "multipart": multipart})


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request: HttpRequest, place_kind: str, number: str, plan_id: int | None = None) -> HttpResponse:
    owner = editable_owner(request, place_kind, number)
    plan = None if plan_id is None else get_object_or_404(Plan, organisation=owner.organisation, id=plan_id)
    form = PlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        plan = save_plan(owner.organisation, request.user, plan, **form.cleaned_data)
        messages.success(request, _("The plan %(title)s was saved.") % {"title": plan.title})
        return redirect(plan_url(owner, "plan", plan.id))
    title = _("Register a plan") if plan is None else _("Edit %(title)s") % {"title": plan.title}
    return _form_page(request, form, title, plan, owner)


@login_required
@require_http_methods(["GET", "POST"])
def goal_edit(request: HttpRequest, place_kind: str, number: str, plan_id: int,
              goal_id: int | None = None) -> HttpResponse:
    owner, plan = editable_plan(request, place_kind, number, plan_id)
    goal = None if goal_id is None else get_object_or_404(LocalGoal, plan=plan, id=goal_id)
    form = LocalGoalForm(request.POST or None, instance=goal)
    if request.method == "POST" and form.is_valid():
        goal = save_goal(plan, request.user, goal, **form.cleaned_data)
        messages.success(request, _("The goal %(title)s was saved.") % {"title": goal.title})
        return redirect(plan_url(owner, "plan", plan.id))
    title = _("Add a local goal") if goal is None else _("Edit %(title)s") % {"title": goal.title}
    return _form_page(request, form, title, plan, owner)


@login_required
@require_http_methods(["GET", "POST"])
def action_edit(request: HttpRequest, place_kind: str, number: str, plan_id: int, goal_id: int,
                action_id: int | None = None) -> HttpResponse:
    owner, plan = editable_plan(request, place_kind, number, plan_id)
    goal = get_object_or_404(LocalGoal, plan=plan, id=goal_id)
    action = None if action_id is None else get_object_or_404(Action, goal=goal, id=action_id)
    form = ActionForm(request.POST or None, instance=action)
    if request.method == "POST" and form.is_valid():
        action = save_action(goal, request.user, action, **form.cleaned_data)
        messages.success(request, _("The action %(title)s was saved.") % {"title": action.title})
        return redirect(plan_url(owner, "plan", plan.id))
    title = (_("Add an action to %(goal)s") % {"goal": goal.title} if action is None
             else _("Edit %(title)s") % {"title": action.title})
    return _form_page(request, form, title, plan, owner)


@login_required
@require_http_methods(["GET", "POST"])
def document_upload(request: HttpRequest, place_kind: str, number: str, plan_id: int) -> HttpResponse:
    owner, plan = editable_plan(request, place_kind, number, plan_id)
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            document = add_document(plan, request.user, form.cleaned_data["file"])
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(request, _("%(name)s was uploaded; its text is being read.") % {
                "name": document.original_name})
            return redirect(plan_url(owner, "suggestions", plan.id, "dokument", document.id))
    return _form_page(request, form, _("Upload a plan document"), plan, owner, multipart=True)


@login_required
@require_POST
def document_delete(request: HttpRequest, place_kind: str, number: str, plan_id: int,
                    document_id: int) -> HttpResponse:
    owner, plan = editable_plan(request, place_kind, number, plan_id)
    document = get_object_or_404(PlanDocument, plan=plan, id=document_id)
    delete_document(document, request.user)
    messages.success(request, _("%(name)s was deleted.") % {"name": document.original_name})
    return redirect(plan_url(owner, "plan", plan.id))


def coverage(request: HttpRequest, place_kind: str, number: str) -> HttpResponse:
    """The goals and their 169 targets against the plans the visitor may see (published, plus drafts for
    members): a summary chart, the matrix and the gaps."""
    owner = owner_for(place_kind, number)
    result = coverage_for(owner.organisation, Plan.objects.visible_to(request.user))
    return render(request, "plans/coverage.html", {
        "owner": owner, "coverage": result,
        "chart": coverage_chart(result), "heat_levels": HEAT_LEVELS, "chart_downloads": coverage_downloads(owner),
    })
