"""Pages of the practice library: search with facets, a practice, editing, approval and attachments, and the
list of what awaits the user's approval.

Drafts are visible only to their organisation's members (others get 404); writes need an editing role in the
owning organisation (403 otherwise) and publishing needs its admin (at the national level also its editors:
``accounts.permissions.can_publish``). An editor's edit of a published practice waits for the admin as a
pending change, which only the organisation's members see; they are told whose approval it awaits.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_POST

from lokalagenda.accounts.models import Membership, Organisation
from lokalagenda.accounts.permissions import (
    can_edit,
    can_read_unpublished,
    publishers,
    publishing_organisations,
    require_editor,
)
from lokalagenda.framework.models import Goal
from lokalagenda.partnerships.models import Partner
from lokalagenda.places.models import Fylke
from lokalagenda.practices import services
from lokalagenda.practices.forms import AttachmentForm, NewPracticeForm, PracticeForm, ResultForm, SearchForm
from lokalagenda.practices.markdown import render as render_markdown
from lokalagenda.practices.models import Attachment, Practice, PracticeResult, PracticeRevision
from lokalagenda.practices.search import highlighted, search
from lokalagenda.ui.language import active_language
from lokalagenda.ui.ratelimit import search_rate_limited

PAGE_SIZE = 20
FACETS = ("goal", "target", "fylke", "size", "partner_kind", "year")


@search_rate_limited()
def practice_list(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    text = form.cleaned_data.get("q", "") if form.is_valid() else ""
    result = search(Practice.objects.visible_to(request.user), text, form.filters())
    page = Paginator(result.ids, PAGE_SIZE).get_page(request.GET.get("side"))
    practices = Practice.objects.in_bulk(list(page.object_list))
    awaiting = set(Practice.objects.awaiting_approval_for(request.user).filter(id__in=list(page.object_list))
                   .values_list("id", flat=True))
    rows = [{"practice": practices[pk], "title": highlighted(practices[pk].title, result.query),
             "summary": highlighted(practices[pk].summary, result.query), "awaiting": pk in awaiting}
            for pk in page.object_list]
    params = request.GET.copy()
    params.pop("side", None)
    return render(request, "practices/list.html", {
        "form": form, "result": result, "rows": rows, "page": page, "query": params.urlencode(),
        "facets": _facet_links(params, result.facets), "can_create": _can_create(request.user),
        "approvals": _approval_count(request.user),
    })


def _approval_count(user: Any) -> int | None:
    """How many practices await the user's approval, or None for a user who approves for no organisation."""
    if not getattr(user, "is_superuser", False) and not publishing_organisations(user).exists():
        return None
    return Practice.objects.awaiting_approval_by(user).count()


@login_required
@require_GET
def approval_list(request: HttpRequest) -> HttpResponse:
    """The submitted practices and pending changes the user may approve (an organisation's admins; the national
    level's editors for the national practices), each with its approve button."""
    practices = Practice.objects.awaiting_approval_by(request.user).select_related("organisation", "updated_by")
    changed = dict(PracticeRevision.objects.filter(practice__in=practices).values_list("practice_id", "updated_at"))
    return render(request, "practices/approvals.html", {
        "rows": [{"practice": practice, "change": practice.pk in changed,
                  "when": changed.get(practice.pk, practice.updated_at)} for practice in practices],
        "organisations": publishing_organisations(request.user),
    })


def _can_create(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and Membership.objects.for_user(user).editing().exists()


def _facet_links(params: QueryDict, facets: dict[str, list[tuple[Any, int]]]) -> list[dict[str, Any]]:
    """Each facet with its values: label, count, the link that selects (or clears) it, and whether it is on."""
    language = active_language()
    labels = {"fylke": dict(Fylke.objects.values_list("number", "name")), "partner_kind": dict(Partner.Kind.choices),
              "goal": {goal.number: f"{goal.number} {goal.short_in(language)}" for goal in Goal.objects.all()}}
    headings = {"goal": _("Goal"), "target": _("Target"), "fylke": _("Fylke"), "size": _("Size class"),
                "partner_kind": _("Partner type"), "year": _("Started")}
    groups = []
    for name in FACETS:
        values = []
        for value, count in facets.get(name, []):
            selected = params.get(name) == str(value)
            link = params.copy()
            if selected:
                link.pop(name)
            else:
                link[name] = str(value)
            values.append({"label": labels.get(name, {}).get(value, value), "count": count,
                           "url": "?" + link.urlencode(), "selected": selected})
        if values:
            groups.append({"name": name, "heading": headings[name], "values": values})
    return groups


def _visible(request: HttpRequest, pk: int) -> Practice:
    return get_object_or_404(Practice.objects.visible_to(request.user).select_related("organisation"), pk=pk)


def practice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    practice = _visible(request, pk)
    return render(request, "practices/detail.html", {
        "practice": practice, "body": render_markdown(practice.body),
        "kommuner": practice.kommuner.select_related("fylke"), "targets": practice.targets.all(),
        "partners": practice.partners.all(), "results": practice.results.select_related("indicator"),
        "attachments": practice.attachments.all(),
        "can_edit": can_edit(request.user, practice.organisation),
        "can_approve": services.can_approve(request.user, practice.organisation),
        "can_change_parts": services.can_change_parts(request.user, practice),
        "attachment_form": AttachmentForm(), "result_form": ResultForm(prefix="result"),
        "awaiting_note": _awaiting_note(request, practice),
        **_pending_context(request, practice),
    })


def _awaiting_note(request: HttpRequest, practice: Practice) -> str:
    """For the organisation's members, whose approval a submitted practice or a pending change waits for: the
    names of those who publish for the organisation, or their role when it has none."""
    waiting = practice.status == Practice.Status.SUBMITTED or PracticeRevision.objects.filter(
        practice=practice).exists()
    if not waiting or not can_read_unpublished(request.user, practice.organisation):
        return ""
    organisation = practice.organisation
    names = [user.get_full_name() or user.username for user in publishers(organisation)]
    values = {"names": get_text_list(names, _("and")), "organisation": organisation.name}
    national = organisation.kind == Organisation.Kind.NATIONAL
    if not names:
        if national:
            return _("Awaiting approval from an editor of %(organisation)s.") % values
        return _("Awaiting approval from an admin of %(organisation)s. It has no admin in Lokalagenda yet: ask "
                 "the site's operators to make one of its people admin.") % values
    if national:
        return ngettext("Awaiting approval from %(names)s (editor of %(organisation)s).",
                        "Awaiting approval from %(names)s (editors of %(organisation)s).", len(names)) % values
    return ngettext("Awaiting approval from %(names)s (admin of %(organisation)s).",
                    "Awaiting approval from %(names)s (admins of %(organisation)s).", len(names)) % values


def _pending_context(request: HttpRequest, practice: Practice) -> dict[str, Any]:
    """The change awaiting approval, for the organisation's members only: what it changes, and the proposed
    description rendered as it would be published."""
    revision = PracticeRevision.objects.filter(practice=practice).select_related("updated_by").first()
    if revision is None or not can_read_unpublished(request.user, practice.organisation):
        return {}
    changes = services.pending_changes(practice)
    body_changed = any(change["name"] == "body" for change in changes)
    return {"pending": revision, "pending_changes": [change for change in changes if change["name"] != "body"],
            "pending_body": render_markdown(revision.body) if body_changed else None}


@login_required
def practice_create(request: HttpRequest) -> HttpResponse:
    if not _can_create(request.user):
        raise PermissionDenied
    form = NewPracticeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        organisation = form.cleaned_data["organisation"]
        practice = services.save_practice(organisation, request.user, form.practice_data())
        messages.success(request, _("The practice was saved as a draft."))
        return redirect("practices:detail", pk=practice.pk)
    return render(request, "practices/edit.html", {"form": form, "practice": None})


@login_required
def practice_edit(request: HttpRequest, pk: int) -> HttpResponse:
    practice = _visible(request, pk)
    require_editor(request.user, practice.organisation)
    pending = PracticeRevision.objects.filter(practice=practice).first()
    form = PracticeForm(request.POST or None, initial=PracticeForm.initial_for(pending or practice))
    needs_approval = services.needs_approval(practice, request.user)
    if request.method == "POST" and form.is_valid():
        services.save_practice(practice.organisation, request.user, form.practice_data(), practice)
        if needs_approval:
            messages.success(request, _("Your change is saved and awaits approval by an admin of %(organisation)s. "
                                        "Until then, readers see the published version.")
                             % {"organisation": practice.organisation})
        else:
            messages.success(request, _("The practice was saved."))
        return redirect("practices:detail", pk=practice.pk)
    return render(request, "practices/edit.html", {"form": form, "practice": practice, "pending": pending,
                                                   "needs_approval": needs_approval})


ACTIONS = {"send": services.submit, "publiser": services.publish, "trekk": services.withdraw,
           "forkast": services.discard_revision}
ACTION_MESSAGES = {"send": gettext_lazy("The practice was sent to the organisation's admin for approval."),
                   "publiser": gettext_lazy("The practice is published."),
                   "trekk": gettext_lazy("The practice is a draft again."),
                   "forkast": gettext_lazy("The change awaiting approval was discarded.")}


@login_required
@require_POST
def practice_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Submit for approval (send), publish (publiser: also approves a pending change), withdraw (trekk) or
    discard a pending change (forkast); then back to a safe ``next`` (the approval list) or the practice."""
    practice = _visible(request, pk)
    if action not in ACTIONS:
        return HttpResponse(status=404)
    try:
        ACTIONS[action](practice, request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, ACTION_MESSAGES[action])
    back = request.POST.get("next", "")
    if back and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()},
                                                 require_https=request.is_secure()):
        return redirect(back)
    return redirect("practices:detail", pk=practice.pk)


@login_required
@require_POST
def attachment_upload(request: HttpRequest, pk: int) -> HttpResponse:
    practice = _visible(request, pk)
    if not services.can_change_parts(request.user, practice):
        raise PermissionDenied
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_attachment(practice, request.user, form.cleaned_data["file"], form.cleaned_data["title"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The attachment was added."))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("practices:detail", pk=practice.pk)


@login_required
@require_POST
def result_add(request: HttpRequest, pk: int) -> HttpResponse:
    practice = _visible(request, pk)
    if not services.can_change_parts(request.user, practice):
        raise PermissionDenied
    form = ResultForm(request.POST, prefix="result")
    if form.is_valid():
        services.add_result(practice, request.user, **form.cleaned_data)
        messages.success(request, _("The result was added."))
    else:
        messages.error(request, " ".join(f"{form.fields[name].label}: {error}" for name, errors in form.errors.items()
                                         for error in errors))
    return redirect("practices:detail", pk=practice.pk)


@login_required
@require_POST
def result_delete(request: HttpRequest, pk: int) -> HttpResponse:
    result = get_object_or_404(PracticeResult.objects.select_related("practice__organisation"), pk=pk)
    _visible(request, result.practice_id)
    if not services.can_change_parts(request.user, result.practice):
        raise PermissionDenied
    services.delete_result(result, request.user)
    messages.success(request, _("The result was removed."))
    return redirect("practices:detail", pk=result.practice_id)


def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    attachment = get_object_or_404(Attachment.objects.select_related("practice"), pk=pk)
    _visible(request, attachment.practice_id)
    content_type = {"pdf": "application/pdf", "png": "image/png", "jpeg": "image/jpeg", "webp": "image/webp"}
    response = FileResponse(attachment.file.open("rb"), content_type=content_type[attachment.kind],
                            as_attachment=attachment.kind == "pdf")
    response["X-Content-Type-Options"] = "nosniff"
    return response
