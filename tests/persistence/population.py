"""A database with rows in (nearly) every table: the reference bundle, imported values, a measured run, a plan
with goals, actions, links and a document, a practice, partners, a network, tokens, a sync log and an upload.

Used by the backup tests and the natural-key tests; rows are made through the services where the services make
them (import, measurement, practices, tokens) and directly where a factory is shorter.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

from lokalagenda.accounts.models import AuditEntry, Organisation
from lokalagenda.accounts.tokens import issue_token
from lokalagenda.connectors.models import FetchLog, FetchSpec
from lokalagenda.framework.models import Goal, Target
from lokalagenda.indicators.models import DatasetRevision, ImportJob, Indicator
from lokalagenda.indicators.services import import_file
from lokalagenda.partnerships.models import Partner, Partnership
from lokalagenda.places.models import Fylke, Kommune, Network, NetworkMembership
from lokalagenda.plans.models import Action, IndicatorLink, LocalGoal, Plan, PlanDocument, Priorities, TargetLink
from lokalagenda.practices.models import Practice
from lokalagenda.practices.services import PracticeData, add_result, save_practice
from tests.fixtures import MEASURE_YEAR

#: A valid organisation number (mod 11): Brønnøysundregistrene's own.
ORGANISATION_NUMBER = "974760673"


def populate(editor: Any, values: Path, *, measure: bool = True) -> None:
    """Fill the tables above the reference data; ``editor`` edits for Oslo (kommune-0301)."""
    oslo = Organisation.objects.get(slug="kommune-0301")
    import_file(values, user=editor)
    if measure:
        call_command("measure", year=MEASURE_YEAR, verbosity=0)
    issue_token(editor, oslo, "script", ["observations:write"])
    _plan(oslo, editor)
    _practice_and_partners(oslo, editor)
    _network(editor)
    _sync_log()
    _upload(oslo, editor)
    _admin(editor)


def _plan(oslo: Organisation, editor: Any) -> None:
    plan = Plan.objects.create(organisation=oslo, kind="samfunnsdel", title="Samfunnsdelen 2025–2040",
                               start_year=2025, end_year=2040, published=True, updated_by=editor)
    goal = LocalGoal.objects.create(plan=plan, title="Trygg oppvekst", order=1)
    action = Action.objects.create(goal=goal, title="Gratis skolemat", budget_nok=Decimal("1250000.50"),
                                   start_date=dt.date(2025, 8, 1), end_date=dt.date(2026, 6, 20))
    document = PlanDocument(plan=plan, original_name="plan.txt", file_type="txt", size=24,
                            text="Alle barn skal ha det godt.", uploaded_by=editor)
    document.file.save("plan.txt", ContentFile(b"Alle barn skal ha det godt."), save=True)
    target = Target.objects.get(code="1.2")
    TargetLink.objects.create(plan=plan, goal=goal, target=target, origin="manual", decided_by=editor)
    TargetLink.objects.create(plan=plan, action=action, target=target, origin="suggested", state="rejected",
                              score=0.42, evidence={"terms": ["barn", "fattigdom"]}, decided_by=editor)
    TargetLink.objects.create(plan=plan, document=document, target=Target.objects.get(code="4.1"),
                              origin="suggested", score=0.9, evidence=[])
    IndicatorLink.objects.create(plan=plan, goal=goal, indicator=Indicator.objects.filter(
        observations__isnull=False).first(), start_value=90.5, start_year=2020, target_value=95, target_year=2030,
        current_value=92.25, current_date=dt.date(2024, 1, 1), current_source="Helsestasjonen")
    IndicatorLink.objects.create(plan=plan, action=action, indicator=Indicator.objects.filter(
        observations__isnull=False).last(), start_value=3, start_year=2024, target_value=0, target_year=2026)
    priorities = Priorities.objects.create(organisation=oslo, statement="Barn og unge først.", updated_by=editor)
    priorities.goals.set(Goal.objects.filter(number__in=[1, 4]))
    priorities.targets.set([target])


def _practice_and_partners(oslo: Organisation, editor: Any) -> None:
    partner = Partner.objects.create(name="Brønnøysundregistrene", kind="public_agency",
                                     organisation_number=ORGANISATION_NUMBER, owner=oslo)
    partnership = Partnership.objects.create(organisation=oslo, title="Skolemat sammen", start_year=2024,
                                             end_year=2026, status="active", published=True, updated_by=editor)
    partnership.partners.set([partner])
    partnership.kommuner.set(Kommune.objects.filter(number="4601"))
    partnership.actions.set(Action.objects.all())
    practice = save_practice(oslo, editor, PracticeData(
        title="Skolemat for alle", summary="Gratis lunsj på ungdomsskolen.", body="**Slik** gjorde vi det.",
        kommuner=[Kommune.objects.get(number="0301")], start_year=2023, end_year=None,
        targets=[Target.objects.get(code="2.1")], partners=[partner], themes=["mat", "oppvekst"]))
    add_result(practice, editor, description="Flere spiser lunsj", before=40.0, after=75.5, year=2024)
    Practice.objects.filter(pk=practice.pk).update(status="published", published_at=timezone.now())
    practice.refresh_from_db()
    save_practice(oslo, editor, PracticeData(  # the editor's change of the published practice awaits approval
        title="Skolemat for alle elever", summary="Gratis lunsj på ungdomsskolen.", body="**Slik** gjorde vi det.",
        kommuner=[Kommune.objects.get(number="0301")], start_year=2023, end_year=None,
        targets=[Target.objects.get(code="2.1")], partners=[partner], themes=["mat", "oppvekst"]), practice)


def _network(editor: Any) -> None:
    network = Network.objects.create(name="Bærekraftsnettverket", slug="baerekraft",
                                     owner=Organisation.objects.get(slug="nasjonalt"))
    NetworkMembership.objects.create(network=network, kommune=Kommune.objects.get(number="0301"), joined_year=2020)
    NetworkMembership.objects.create(network=network, fylke=Fylke.objects.get(number="46"), joined_year=2021,
                                     left_year=2024)


def _sync_log() -> None:
    indicator = Indicator.objects.filter(revisions__isnull=False).first()
    spec = FetchSpec.objects.create(indicator=indicator, publisher="ssb", table="07459", contents="Personer1",
                                    selections={"Kjonn": ["1", "2"]}, first_year=2015)
    FetchLog.objects.create(spec=spec, task_key="2015-2020", url="https://data.ssb.no/api/v0/no/table/07459",
                            query={"query": []}, fetched_at=timezone.now(), status="stored", http_status=200,
                            attempts=1, rows=3, revision=DatasetRevision.objects.first())


def _upload(oslo: Organisation, editor: Any) -> None:
    job = ImportJob(organisation=oslo, user=editor, original_name="verdier.csv", status="done", done=3, total=3,
                    report={"rows": 3}, finished_at=timezone.now())
    job.file.save("verdier.csv", ContentFile(b"indicator,place,year,value\nX,0301,2020,1.5\n"), save=True)


def _admin(editor: Any) -> None:
    group = Group.objects.create(name="Redaktører")
    group.permissions.set(Permission.objects.filter(codename__startswith="view_")[:3])
    group.user_set.add(editor)
    LogEntry.objects.create(user=editor, content_type=ContentType.objects.get_for_model(get_user_model()),
                            object_id=str(editor.pk), object_repr=str(editor), action_flag=ADDITION,
                            change_message="made in a test")
    AuditEntry.objects.create(user=editor, organisation=None, action="update", model="auth.User",
                              object_pk=str(editor.pk), before={"a": 1.5, "b": [1, 2]}, after={"a": None})
