"""A person's profile: their name and email (checked, unique), and a password change."""

import re

from django.urls import reverse

from lscb.models import AuditEvent
from tests.factories import UserFactory

PROFILE = "/profile/"


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_every_page_links_to_the_profile(client, bob):
    client.force_login(bob)
    page = client.get(reverse("home"), follow=True).content.decode()
    assert f'href="{PROFILE}">Your profile</a>' in page


def test_profile_changes_name_and_email_and_records_who_changed_what(client, bob):
    client.force_login(bob)
    response = client.post(
        PROFILE, {"first_name": "Robert", "last_name": "Brown", "email": "rob@example.org"}
    )
    assert response.status_code == 302
    bob.refresh_from_db()
    assert (bob.first_name, bob.last_name, bob.email) == ("Robert", "Brown", "rob@example.org")
    event = AuditEvent.objects.get(action="auth.profile_changed")
    assert event.actor == bob and event.changes["email"][1] == "rob@example.org"
    page = _text(client.get(PROFILE))
    assert "Your details have been saved." in page
    assert "Signed in as Robert Brown" in page


def test_an_email_another_account_uses_is_refused_beside_the_field(client, bob):
    UserFactory(username="other", email="taken@example.org")
    client.force_login(bob)
    before = (bob.first_name, bob.email)
    response = client.post(
        PROFILE, {"first_name": "Typed", "last_name": "Name", "email": "TAKEN@example.org"}
    )
    page = _text(response)
    assert response.status_code == 200
    assert "govuk-error-summary" in page
    assert "Another account already uses this email address" in page
    assert 'value="Typed"' in page  # what was typed is kept
    bob.refresh_from_db()
    assert (bob.first_name, bob.email) == before


def test_a_malformed_email_is_refused(client, bob):
    client.force_login(bob)
    page = _text(client.post(PROFILE, {"first_name": "B", "last_name": "B", "email": "bob@"}))
    assert "Enter an email address in the correct format" in page


def test_password_change_needs_the_current_password_and_keeps_you_signed_in(client, bob):
    client.force_login(bob)
    url = reverse("password_change")
    assert "Change your password" in _text(client.get(url))
    wrong = _text(
        client.post(
            url,
            {
                "old_password": "nope",
                "new_password1": "lantern-orchard-57",
                "new_password2": "lantern-orchard-57",
            },
        )
    )
    assert "govuk-error-summary" in wrong
    response = client.post(
        url,
        {
            "old_password": "password",
            "new_password1": "lantern-orchard-57",
            "new_password2": "lantern-orchard-57",
        },
        follow=True,
    )
    assert "Your password has been changed." in _text(response)
    assert response.redirect_chain[-1][0] == PROFILE
    bob.refresh_from_db()
    assert bob.check_password("lantern-orchard-57")
    assert client.get(PROFILE).status_code == 200  # still signed in


def test_profile_links_to_the_choice_of_digest(client, bob):
    client.force_login(bob)

    page = _text(client.get(PROFILE))

    assert "Choose how often it comes" in page
