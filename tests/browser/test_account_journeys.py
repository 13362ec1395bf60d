"""Journeys through the exits every web app has: a forgotten password, error pages that keep
the navigation, and the chair's prompt of what awaits approval. axe-core checks each page."""

import datetime as dt
import re

from django.contrib.auth import get_user_model
from django.core import mail

from tests.browser.conftest import check_accessibility, sign_in


def test_forgotten_password_is_reset_from_the_emailed_link(page, live_server, settings):
    settings.SITE_URL = live_server.url
    get_user_model().objects.filter(username="officer").update(email="officer@example.org")
    page.goto("/login/")
    page.get_by_role("link", name="Forgotten your password?").click()
    check_accessibility(page, "password reset")
    page.get_by_role("button", name="Send the link").click()  # empty: an error, not a send
    assert page.locator(".govuk-error-summary").is_visible()
    check_accessibility(page, "password reset with an error")
    page.get_by_label("Email address").fill("officer@example.org")
    page.get_by_role("button", name="Send the link").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Check your email"
    check_accessibility(page, "password reset sent")
    link = re.search(r"https?://\S+", mail.outbox[-1].body).group(0)
    assert link.startswith(live_server.url)
    page.goto(link)
    assert page.locator("h1").inner_text() == "Choose a new password"
    check_accessibility(page, "choose a new password")
    page.get_by_label("New password", exact=True).fill("lantern-orchard-57")
    page.get_by_label("Confirm the new password").fill("lantern-orchard-57")
    page.get_by_role("button", name="Save the password").click()
    page.wait_for_load_state()
    assert "Your password has been changed" in page.locator("h1").inner_text()
    sign_in(page, "officer", "lantern-orchard-57")
    assert page.locator("h1").inner_text() == "Hartlepool Local Safeguarding Children Board"


def test_error_pages_keep_the_navigation_and_sign_out(page):
    sign_in(page, "member")
    response = page.goto("/boards/hartlepool/reviews/999999/")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Page not found"
    assert page.get_by_role("navigation", name="Hartlepool Local Safeguarding Children Board")
    assert page.get_by_role("button", name="Sign out").is_visible()
    check_accessibility(page, "not found")
    response = page.goto("/boards/hartlepool/reviews/new/")
    assert response.status == 403
    assert page.get_by_role("link", name="Board", exact=True).is_visible()
    assert page.get_by_role("button", name="Sign out").is_visible()
    check_accessibility(page, "forbidden")
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()
    assert "/login/" in page.url


def test_chair_sees_what_awaits_approval_and_follows_it(page):
    from boards.models import Board
    from workplans.models import Workplan

    board = Board.objects.get(slug="hartlepool")
    plan = Workplan.objects.create(
        board=board,
        title="Draft plan for the chair",
        start=dt.date(2040, 4, 1),
        end=dt.date(2041, 3, 31),
    )
    sign_in(page, "member")
    assert page.get_by_text("Awaiting your approval").count() == 0
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, "chair")
    prompt = page.get_by_role("region", name="Awaiting your approval")
    assert prompt.is_visible()
    check_accessibility(page, "board with the chair's prompt")
    prompt.get_by_role("link", name=re.compile("Draft plan for the chair")).click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/workplans/{plan.pk}/")


def test_profile_and_password_change_pages_are_accessible_with_and_without_errors(page):
    sign_in(page, "member")
    page.get_by_role("link", name="Your profile").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Your profile"
    check_accessibility(page, "profile")
    page.get_by_label("Email address").fill("not-an-address")
    page.get_by_role("button", name="Save your details").click()
    page.wait_for_load_state()
    assert page.locator(".govuk-error-summary").is_visible()
    assert page.get_by_label("Email address").input_value() == "not-an-address"
    check_accessibility(page, "profile with an error")
    page.get_by_role("link", name="Change your password").click()
    page.wait_for_load_state()
    check_accessibility(page, "change password")
