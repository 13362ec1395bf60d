"""Security hardening: content security policy, login throttling, sign-in audit, sessions."""

import pytest
from django.conf import settings
from django.test import override_settings

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
def test_sign_in_sign_out_and_failures_are_audited(client):
    UserFactory(username="fran", password="right-password-3")
    _try(client, "fran", "nope")
    _try(client, "fran", "right-password-3")
    client.post("/logout/")
    actions = list(AuditEvent.objects.order_by("at", "id").values_list("action", flat=True))
    assert actions == ["auth.login_failed", "auth.login", "auth.logout"]
    failed = AuditEvent.objects.get(action="auth.login_failed")
    assert "fran" in failed.summary and "10.9.8.7" in failed.summary
