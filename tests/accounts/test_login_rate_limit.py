"""Login is rate limited: five wrong passwords for one username from one address block it for 15 minutes."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True)
def english(client):
    client.cookies["lokalagenda_language"] = "en"


def _login(client, username: str, password: str, address: str = "10.0.0.1"):
    return client.post(reverse("accounts:login"), {"username": username, "password": password},
                       REMOTE_ADDR=address)


def _fail(client, username: str, times: int, address: str = "10.0.0.1") -> list[int]:
    return [_login(client, username, "wrong password", address).status_code for _attempt in range(times)]


def test_the_limit_is_five_failures_per_username_and_address_for_15_minutes():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME == timedelta(minutes=15)
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert settings.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"


def test_four_failures_still_let_the_right_password_in(client, oslo_editor):
    _fail(client, "oslo-editor", 4)
    assert _login(client, "oslo-editor", PASSWORD).status_code == 302
    assert "_auth_user_id" in client.session


def test_the_fifth_failure_locks_out_with_a_clear_message(client, oslo_editor):
    assert _fail(client, "oslo-editor", 4) == [200] * 4
    response = _login(client, "oslo-editor", "wrong password")
    assert response.status_code == 429
    page = response.content.decode()
    assert "Too many login attempts" in page and "Try again in 15 minutes." in page


def test_a_locked_out_user_cannot_log_in_even_with_the_right_password(client, oslo_editor):
    _fail(client, "oslo-editor", 5)
    response = _login(client, "oslo-editor", PASSWORD)
    assert response.status_code == 429 and "_auth_user_id" not in client.session


def test_the_message_is_translated_into_bokmal(client, oslo_editor):
    client.cookies["lokalagenda_language"] = "nb"
    _fail(client, "oslo-editor", 5)
    response = _login(client, "oslo-editor", PASSWORD)
    assert response.status_code == 429
    assert response.headers["Content-Language"] == "nb"


def test_the_lockout_is_per_username_and_address(client, oslo_editor, bergen_editor):
    _fail(client, "oslo-editor", 5)
    assert _login(client, "bergen-editor", PASSWORD).status_code == 302
    client.logout()
    assert _login(client, "oslo-editor", PASSWORD, address="10.0.0.2").status_code == 302


def test_the_lockout_ends_after_the_cool_off(client, oslo_editor):
    _fail(client, "oslo-editor", 5)
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert _login(client, "oslo-editor", PASSWORD).status_code == 302


def test_a_successful_login_resets_the_count(client, oslo_editor):
    _fail(client, "oslo-editor", 4)
    assert _login(client, "oslo-editor", PASSWORD).status_code == 302
    client.logout()
    _fail(client, "oslo-editor", 4)
    assert _login(client, "oslo-editor", PASSWORD).status_code == 302
