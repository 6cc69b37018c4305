"""The demo has admins, so good practices can be published there: Bergen's admin publishes what Bergen's editor
sends."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from lokalagenda.accounts.models import Membership, Organisation
from lokalagenda.accounts.services import create_demo_accounts
from lokalagenda.framework.models import Target
from lokalagenda.places.models import Kommune
from lokalagenda.practices import services
from lokalagenda.practices.models import Practice

pytestmark = pytest.mark.django_db


def test_demo_accounts_include_admins_of_oslo_and_bergen(db: Any) -> None:
    create_demo_accounts()
    for username, kommune in (("oslo-admin", "0301"), ("bergen-admin", "4601")):
        membership = Membership.objects.get(user__username=username)
        assert membership.role == "admin" and membership.organisation.kommune_id == kommune


def test_the_demo_bergen_admin_publishes_what_the_bergen_editor_sent(client: Any) -> None:
    passwords = dict(create_demo_accounts())
    users = get_user_model().objects
    bergen = Organisation.objects.get(slug="kommune-4601")
    data = services.PracticeData(title="Bysykkel", summary="Delte sykler.", body="",
                                 kommuner=[Kommune.objects.get(number="4601")], start_year=2021, end_year=None,
                                 targets=list(Target.objects.filter(code="11.2")), partners=[], themes=[])
    practice = services.save_practice(bergen, users.get(username="bergen"), data)
    services.submit(practice, users.get(username="bergen"))
    client.post(reverse("accounts:login"), {"username": "bergen-admin", "password": passwords["bergen-admin"]})
    response = client.post(reverse("practices:action", args=[practice.pk, "publiser"]))
    assert response.status_code == 302
    assert Practice.objects.get(pk=practice.pk).status == Practice.Status.PUBLISHED
