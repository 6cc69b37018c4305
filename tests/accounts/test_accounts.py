import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from lokalagenda.accounts.models import Membership, Organisation
from lokalagenda.accounts.services import DEMO_ACCOUNTS, create_demo_accounts
from lokalagenda.reference.services import ensure_public_organisations

pytestmark = pytest.mark.django_db


def test_every_kommune_and_fylkeskommune_has_an_organisation():
    assert Organisation.objects.filter(kind="kommune").count() == 357
    # Oslo is both kommune and fylke; its fylke tasks belong to Oslo kommune.
    assert Organisation.objects.filter(kind="fylkeskommune").count() == 14
    assert Organisation.objects.get(kind="national").slug == "nasjonalt"
    assert ensure_public_organisations() == {"kommune": 0, "fylkeskommune": 0, "national": 0}


def test_passwords_are_hashed_with_argon2(oslo_editor):
    assert oslo_editor.password.startswith("argon2")


def test_login_and_logout(client, oslo_editor):
    response = client.post(reverse("accounts:login"), {"username": "oslo-editor",
                                                       "password": "correct horse battery"})
    assert response.status_code == 302 and "_auth_user_id" in client.session
    client.post(reverse("accounts:logout"))
    assert "_auth_user_id" not in client.session


def test_wrong_password_is_refused_with_a_message(client, oslo_editor):
    response = client.post(reverse("accounts:login"), {"username": "oslo-editor", "password": "wrong"})
    assert response.status_code == 200 and "_auth_user_id" not in client.session
    assert "alert" in response.content.decode()


def test_demo_accounts_get_fresh_passwords_that_work(client):
    accounts = dict(create_demo_accounts())
    assert set(accounts) == {spec.username for spec in DEMO_ACCOUNTS}
    # The login page, as a person logs in (django-axes counts attempts per request, so no bare client.login).
    response = client.post(reverse("accounts:login"), {"username": "oslo", "password": accounts["oslo"]})
    assert response.status_code == 302 and "_auth_user_id" in client.session
    oslo = get_user_model().objects.get(username="oslo")
    assert Membership.objects.get(user=oslo).organisation.kommune_id == "0301"
    again = dict(create_demo_accounts())
    assert again["oslo"] != accounts["oslo"] and get_user_model().objects.filter(username="oslo").count() == 1


def test_admin_is_for_superusers_only(client, oslo_editor):
    client.force_login(oslo_editor)
    assert client.get("/admin/").status_code == 302
