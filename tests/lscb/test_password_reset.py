"""Forgotten passwords: a link by email, the same answer whether or not the address has an
account, a limit on how often, and links that name the address the site is served on."""

import re

import pytest
from django.core import mail
from django.test import TestCase
from django.urls import reverse

from lscb import services
from lscb.models import AuditEvent
from tests.factories import UserFactory

RESET = "/password-reset/"


@pytest.fixture
def dora(db):
    return UserFactory(username="dora", email="dora@example.org")


def _ask(client, email: str, address: str = "10.0.0.1", **headers):
    # Tests run inside a transaction that never commits: run what waits for the commit.
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(RESET, {"email": email}, REMOTE_ADDR=address, **headers)


def _link(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0)


def test_sign_in_page_links_to_the_reset(client, db):
    page = client.get(reverse("login")).content.decode()
    assert f'href="{RESET}">Forgotten your password?</a>' in page


def test_reset_emails_a_link_that_sets_a_new_password(client, dora, settings):
    settings.SITE_URL = "http://127.0.0.1:8300"
    response = _ask(client, "DORA@example.org")  # the address, however it is typed
    assert response.status_code == 302 and response["Location"] == "/password-reset/sent/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["dora@example.org"]
    link = _link(message)
    # The port the site is served on, whatever Host the request came in with.
    assert link.startswith("http://127.0.0.1:8300/password-reset/")
    form_page = client.get(link.removeprefix("http://127.0.0.1:8300"), follow=True)
    assert "Choose a new password" in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "lantern-orchard-57", "new_password2": "lantern-orchard-57"},
        follow=True,
    )
    assert "Your password has been changed" in done.content.decode()
    dora.refresh_from_db()
    assert dora.check_password("lantern-orchard-57")
    assert AuditEvent.objects.filter(action="auth.password_reset_sent").count() == 1


def test_link_uses_site_url_not_a_forged_host_header(client, dora, settings):
    settings.SITE_URL = "https://board.example.org"
    settings.ALLOWED_HOSTS = ["testserver", "evil.example.com"]
    _ask(client, "dora@example.org", HTTP_HOST="evil.example.com")
    assert _link(mail.outbox[0]).startswith("https://board.example.org/password-reset/")


def test_unknown_address_gets_the_same_answer_and_no_email(client, dora):
    known = _ask(client, "dora@example.org")
    unknown = _ask(client, "nobody@example.org")
    assert (unknown.status_code, unknown["Location"]) == (known.status_code, known["Location"])
    assert len(mail.outbox) == 1
    page = client.get(known["Location"]).content.decode()
    assert "If the address you entered belongs to an account" in page


def test_a_used_link_says_it_has_expired(client, dora):
    _ask(client, "dora@example.org")
    path = _link(mail.outbox[0]).split("8000", 1)[-1]
    page = client.get(path, follow=True)
    client.post(
        page.redirect_chain[-1][0],
        {"new_password1": "lantern-orchard-57", "new_password2": "lantern-orchard-57"},
    )
    again = client.get(path, follow=True).content.decode()
    assert "This link has expired" in again
    assert f'href="{RESET}"' in again


def test_a_bad_address_is_explained_beside_the_field_and_kept(client, db):
    page = client.post(RESET, {"email": "not-an-address"}).content.decode()
    assert "govuk-error-summary" in page
    assert "Enter an email address in the correct format" in page
    assert 'value="not-an-address"' in page
    assert len(mail.outbox) == 0


def test_too_many_requests_for_one_address_stop_the_emails_but_not_the_answer(client, dora):
    answers = {_ask(client, "dora@example.org", f"10.0.0.{i}")["Location"] for i in range(6)}
    assert answers == {"/password-reset/sent/"}
    assert len(mail.outbox) == services.RESET_LIMIT_PER_EMAIL


def test_too_many_requests_from_one_network_address_stop_the_emails(client, dora):
    for i in range(services.RESET_LIMIT_PER_ADDRESS):
        _ask(client, f"someone{i}@example.org", "10.9.9.9")
    assert _ask(client, "dora@example.org", "10.9.9.9")["Location"] == "/password-reset/sent/"
    assert len(mail.outbox) == 0
    # Another address is not held up by it.
    _ask(client, "dora@example.org", "10.1.1.1")
    assert len(mail.outbox) == 1


def test_the_email_is_sent_after_the_request_commits_by_a_background_job(
    client, dora, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(RESET, {"email": "dora@example.org"})
    assert len(mail.outbox) == 0 and len(callbacks) == 1
    callbacks[0]()
    assert len(mail.outbox) == 1


def test_locked_out_page_offers_the_reset(client, db):
    from django.template.loader import render_to_string

    assert f'href="{RESET}"' in render_to_string("registration/locked_out.html")
