"""Login is rate limited: five wrong passwords for one username from one address block it for 15 minutes, and
twenty wrong passwords from one address, whatever the usernames, block that address. Behind a declared proxy the
address is the visitor's, read from the proxy's header (finding F6: behind nginx every visitor was 127.0.0.1)."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True)
def english(client):
    client.cookies["lokalagenda_language"] = "en"


def _login(client, username: str, password: str, address: str = "10.0.0.1", **headers: str):
    return client.post(reverse("accounts:login"), {"username": username, "password": password},
                       REMOTE_ADDR=address, **headers)


def _fail(client, username: str, times: int, address: str = "10.0.0.1", **headers: str) -> list[int]:
    return [_login(client, username, "wrong password", address, **headers).status_code for _attempt in range(times)]


def test_the_limit_is_five_failures_per_username_and_address_and_twenty_per_address_for_15_minutes():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.LOKALAGENDA_LOGIN_FAILURE_LIMIT_PER_ADDRESS == 20
    assert settings.AXES_COOLOFF_TIME == timedelta(minutes=15)
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"], "ip_address"]
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
    assert "failed 5 times in a row for this username" in page


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


def test_one_address_trying_twenty_usernames_is_locked_out(client, oslo_editor):
    statuses = [_fail(client, f"guess-{number}", 1)[0] for number in range(20)]
    assert statuses == [200] * 19 + [429]
    blocked = _login(client, "oslo-editor", PASSWORD)
    assert blocked.status_code == 429
    assert "Logging in from your address failed 20 times" in blocked.content.decode()
    assert _login(client, "oslo-editor", PASSWORD, address="10.0.0.2").status_code == 302


def test_a_successful_login_does_not_wipe_the_failures_against_other_usernames(client, oslo_editor, bergen_editor):
    """An attacker with an account of their own must not reset the count against someone else's by logging in."""
    _fail(client, "bergen-editor", 4)
    assert _login(client, "oslo-editor", PASSWORD).status_code == 302
    client.logout()
    assert _fail(client, "bergen-editor", 1) == [429]


@override_settings(LOKALAGENDA_PROXY_COUNT=1)
def test_behind_a_declared_proxy_one_visitors_failures_do_not_lock_out_another(client, oslo_editor):
    """The finding's scenario: nginx on the same machine, so every request comes from 127.0.0.1."""
    assert _fail(client, "oslo-editor", 5, "127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7")[-1] == 429
    other = _login(client, "oslo-editor", PASSWORD, "127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.8")
    assert other.status_code == 302 and "_auth_user_id" in client.session
    assert AccessAttempt.objects.get().ip_address == "198.51.100.7"


@override_settings(LOKALAGENDA_PROXY_COUNT=1)
def test_behind_a_proxy_an_address_the_visitor_adds_to_x_forwarded_for_is_ignored(client, oslo_editor):
    """nginx appends the address it saw; whatever the visitor sent stands to its left and is not trusted."""
    spoofed = [_login(client, "oslo-editor", "wrong password", "127.0.0.1",
                      HTTP_X_FORWARDED_FOR=f"203.0.113.{number}, 198.51.100.7").status_code for number in range(5)]
    assert spoofed[-1] == 429


def test_without_a_declared_proxy_x_forwarded_for_is_ignored(client, oslo_editor):
    """A visitor who talks to the application directly cannot pick a fresh address for each guess."""
    statuses = [_login(client, "oslo-editor", "wrong password",
                       HTTP_X_FORWARDED_FOR=f"203.0.113.{number}").status_code for number in range(5)]
    assert statuses[-1] == 429
    assert AccessAttempt.objects.get().ip_address == "10.0.0.1"
