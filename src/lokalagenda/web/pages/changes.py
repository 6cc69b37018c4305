"""The latest changes the front page lists: new data revisions, newly published plans and good practices, and
VLRs whose texts were published; only what everyone may read, newest first, each with its date, place and link.

What counts as new, per kind:

- a data revision: a :class:`~lokalagenda.indicators.models.DatasetRevision` of a catalogue indicator (kommuner's
  local indicators are not published, as in the open data), dated when it was stored;
- a plan: a published plan, dated when it was published: the audit log's latest write that made it published
  (every plan write is audited, ``plans.services``), else, for a plan stored without one, its last change;
- a good practice: a published practice, dated by ``published_at`` (set when its admin publishes it);
- a VLR: a kommune's or fylkeskommune's review with at least one published narrative text (a generated draft
  is no news), dated by its newest published text (``reports.models.NarrativeVersion``).

Each kind gives at most :data:`PER_KIND` entries, so one busy import cannot hide every published plan.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Max
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from lokalagenda.accounts.models import AuditEntry, Organisation
from lokalagenda.indicators.models import DatasetRevision, ObservationChange
from lokalagenda.places.models import Fylke, Kommune
from lokalagenda.places.owner_pages import URL_PREFIXES
from lokalagenda.places.place import PAGE_NAMES, PlaceKind, kind_of
from lokalagenda.plans.models import Plan
from lokalagenda.practices.models import Practice
from lokalagenda.reports.models import NarrativeVersion
from lokalagenda.ui.language import active_language

#: The most entries of one kind the list shows.
PER_KIND = 4


@dataclass(frozen=True)
class Change:
    """One entry: what kind of thing, when, its title and link, and the place it is about (name and page, or
    words such as "12 places" with no page)."""

    kind: str
    at: datetime
    title: str
    url: str
    place: str
    place_url: str = ""
    detail: str = ""

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS[self.kind])


KIND_LABELS = {"data": _("New data"), "plan": _("Plan published"), "practice": _("Good practice published"),
               "vlr": _("VLR texts published")}


def _organisation_place(organisation: Organisation) -> tuple[str, str, str]:
    """An organisation's place: its name, its page and its number ("" for the national level and partners)."""
    if organisation.kommune_id:
        return organisation.kommune.name, reverse(PAGE_NAMES[PlaceKind.KOMMUNE], args=[organisation.kommune_id]), \
            organisation.kommune_id
    if organisation.fylke_id:
        return organisation.name, reverse(PAGE_NAMES[PlaceKind.FYLKE], args=[organisation.fylke_id]), \
            organisation.fylke_id
    return organisation.name, "", ""


def _place_of_code(code: str, names: dict[str, str]) -> tuple[str, str]:
    kind = kind_of(code)
    if kind is None:
        return gettext("Norway"), ""
    return names.get(code, code), reverse(PAGE_NAMES[kind], args=[code])


def data_changes(limit: int = PER_KIND) -> list[Change]:
    """The newest revisions of catalogue indicators, each with the place it changed, or how many."""
    revisions = list(DatasetRevision.objects.filter(indicator__organisation__isnull=True)
                     .select_related("indicator").order_by("-created_at", "-id")[:limit])
    places = dict(ObservationChange.objects.filter(revision__in=revisions).values("revision")
                  .annotate(n=Count("place", distinct=True)).values_list("revision", "n"))
    single = dict(ObservationChange.objects.filter(revision__in=[r for r in revisions if places.get(r.pk) == 1])
                  .values_list("revision", "place").distinct())
    names = {**dict(Kommune.objects.filter(number__in=single.values()).values_list("number", "name")),
             **dict(Fylke.objects.filter(number__in=single.values()).values_list("number", "name"))}
    language = active_language()
    changes = []
    for revision in revisions:
        count = revision.added + revision.changed + revision.removed
        place, place_url = (_place_of_code(single[revision.pk], names) if revision.pk in single else
                            (ngettext("{count} place", "{count} places", places.get(revision.pk, 0))
                             .format(count=places.get(revision.pk, 0)), ""))
        changes.append(Change(
            "data", revision.created_at, revision.indicator.title_in(language),
            reverse("indicators:revision", args=[revision.indicator_id, revision.number]), place, place_url,
            ngettext("{count} value added, changed or removed", "{count} values added, changed or removed",
                     count).format(count=count)))
    return changes


def _publication_dates(plan_ids: list[int]) -> dict[int, datetime]:
    """When each plan was last made published: the newest audited write after which it was published and before
    which it was not (a new plan saved as published has no "before")."""
    entries = (AuditEntry.objects.filter(model=Plan._meta.label, object_pk__in=[str(pk) for pk in plan_ids],
                                         after__published=True)
               .order_by("-at", "-id").values_list("object_pk", "at", "before"))
    found: dict[int, datetime] = {}
    for object_pk, at, before in entries:
        if not (before or {}).get("published"):
            found.setdefault(int(object_pk), at)
    return found


def plan_changes(limit: int = PER_KIND) -> list[Change]:
    """The most recently published plans of kommuner and fylkeskommuner."""
    plans = list(Plan.objects.published().filter(organisation__kind__in=("kommune", "fylkeskommune"))
                 .select_related("organisation__kommune", "organisation__fylke"))
    published = _publication_dates([plan.pk for plan in plans])
    dated = sorted(((published.get(plan.pk, plan.updated_at), plan) for plan in plans),
                   key=lambda item: (item[0], item[1].pk), reverse=True)[:limit]
    changes = []
    for at, plan in dated:
        name, page, number = _organisation_place(plan.organisation)
        url = reverse(f"plans:{URL_PREFIXES[kind_of(number)]}plan", args=[number, plan.pk])
        changes.append(Change("plan", at, plan.title, url, name, page, str(plan.get_kind_display())))
    return changes


def practice_changes(limit: int = PER_KIND) -> list[Change]:
    """The most recently published good practices."""
    practices = (Practice.objects.published().exclude(published_at=None)
                 .select_related("organisation__kommune", "organisation__fylke").order_by("-published_at", "-id"))
    changes = []
    for practice in practices[:limit]:
        name, page, _number = _organisation_place(practice.organisation)
        changes.append(Change("practice", practice.published_at, practice.title,
                              reverse("practices:detail", args=[practice.pk]), name, page))
    return changes


def vlr_changes(limit: int = PER_KIND) -> list[Change]:
    """The reviews whose narrative texts were most recently published."""
    rows = (NarrativeVersion.objects.filter(published=True, organisation__kind__in=("kommune", "fylkeskommune"))
            .values("organisation").annotate(at=Max("created_at")).order_by("-at", "-organisation")[:limit])
    organisations = Organisation.objects.select_related("kommune", "fylke").in_bulk([row["organisation"]
                                                                                       for row in rows])
    changes = []
    for row in rows:
        organisation = organisations[row["organisation"]]
        name, page, number = _organisation_place(organisation)
        kind = "kommune" if organisation.kind == "kommune" else "fylke"
        url = reverse("vlr:report", kwargs={"place_kind": kind, "number": number, "report_type": "vlr"})
        changes.append(Change("vlr", row["at"], gettext("Voluntary Local Review of {place}").format(place=name),
                              url, name, page))
    return changes


def latest_changes(per_kind: int = PER_KIND) -> list[Change]:
    """Every kind's newest entries, newest first."""
    changes: list[Change] = [*data_changes(per_kind), *plan_changes(per_kind), *practice_changes(per_kind),
                             *vlr_changes(per_kind)]
    return sorted(changes, key=lambda change: change.at, reverse=True)
