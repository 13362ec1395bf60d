"""Security hardening: content security policy, login throttling, sign-in audit, sessions."""

import datetime as dt

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import override_settings
from django.utils import timezone

from lscb.models import AuditEvent
from tests.factories import UserFactory


@pytest.mark.django_db
def test_pages_carry_a_content_security_policy_without_inline_scripts(client):
    response = client.get("/login/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


@pytest.mark.django_db
def test_sign_in_page_has_no_inline_script_or_style(client):
    page = client.get("/login/").content.decode()
    assert "<script>" not in page and '<script type="module">' not in page
    assert "style=" not in page


def test_sessions_expire():
    assert settings.SESSION_COOKIE_AGE <= 12 * 60 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert settings.SESSION_COOKIE_HTTPONLY


def _try(client, username, password, ip="10.9.8.7"):
    return client.post("/login/", {"username": username, "password": password}, REMOTE_ADDR=ip)


@pytest.mark.django_db
@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3)
def test_repeated_failures_lock_out_that_username_from_that_address(client):
    UserFactory(username="dora", password="right-password-1")
    for _ in range(2):
        assert _try(client, "dora", "wrong").status_code == 200
    assert _try(client, "dora", "wrong").status_code == 429
    # Even the right password is refused during the cool-off...
    locked = _try(client, "dora", "right-password-1")
    assert locked.status_code == 429
    assert "Too many sign-in attempts" in locked.content.decode()
    # ...but the same username from another address, and another user here, still work.
    assert _try(client, "dora", "right-password-1", ip="10.1.1.1").status_code == 302
    client.logout()
    UserFactory(username="eddie", password="right-password-2")
    assert _try(client, "eddie", "right-password-2").status_code == 302


@pytest.mark.django_db
@override_settings(AXES_ENABLED=True)
def test_spraying_many_usernames_from_one_address_locks_that_address(client):
    UserFactory(username="gina", password="right-password-4")
    # 25 usernames x 4 common passwords: no username ever reaches its own limit of 5.
    statuses = [
        _try(client, f"officer{n}", f"Password{guess}").status_code
        for guess in range(4)
        for n in range(25)
    ]
    limit = settings.LOGIN_FAILURES_PER_ADDRESS
    assert limit == 30
    assert statuses[: limit - 1] == [200] * (limit - 1)
    assert set(statuses[limit - 1 :]) == {429}
    # A real account's right password waits out the cool-off from that address too...
    assert _try(client, "gina", "right-password-4").status_code == 429
    # ...and signs in from anywhere else.
    assert _try(client, "gina", "right-password-4", ip="10.1.1.1").status_code == 302


@pytest.mark.django_db
@override_settings(AXES_ENABLED=True)
def test_guessing_one_username_from_many_addresses_locks_that_username(client):
    UserFactory(username="hal", password="right-password-5")
    limit = settings.LOGIN_FAILURES_PER_USERNAME
    assert limit == 10
    for n in range(1, limit):
        assert _try(client, "hal", "wrong", ip=f"10.7.0.{n}").status_code == 200
    assert _try(client, "hal", "wrong", ip=f"10.7.0.{limit}").status_code == 429
    assert _try(client, "hal", "right-password-5", ip="10.7.1.1").status_code == 429
    # Others signing in from the guessing addresses are not affected.
    UserFactory(username="ivy", password="right-password-6")
    assert _try(client, "ivy", "right-password-6", ip="10.7.0.1").status_code == 302
    # The lock ends with the cool-off.
    client.logout()
    AccessAttempt.objects.update(
        attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - dt.timedelta(seconds=1)
    )
    assert _try(client, "hal", "right-password-5", ip="10.7.1.1").status_code == 302


@pytest.mark.django_db
@override_settings(AXES_ENABLED=True)
def test_one_colleagues_typos_do_not_lock_out_an_office_behind_one_address(client):
    office = "10.50.0.1"
    UserFactory(username="dora", password="right-password-1")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _try(client, "dora", "wrong", ip=office)
    assert _try(client, "dora", "right-password-1", ip=office).status_code == 429
    # Ten colleagues each mistype four times, then sign in: 45 failures from the address in
    # all, but each sign-in clears that person's own.
    for n in range(10):
        UserFactory(username=f"colleague{n}", password=f"right-password-c{n}")
        for _ in range(4):
            assert _try(client, f"colleague{n}", "wrong", ip=office).status_code == 200
        assert _try(client, f"colleague{n}", f"right-password-c{n}", ip=office).status_code == 302
        client.logout()


@pytest.mark.django_db
def test_sign_in_sign_out_and_failures_are_audited(client):
    UserFactory(username="fran", password="right-password-3")
    _try(client, "fran", "nope")
    _try(client, "fran", "right-password-3")
    client.post("/logout/")
    actions = list(AuditEvent.objects.order_by("at", "id").values_list("action", flat=True))
    assert actions == ["auth.login_failed", "auth.login", "auth.logout"]
    failed = AuditEvent.objects.get(action="auth.login_failed")
    assert "fran" in failed.summary and "10.9.8.7" in failed.summary
