"""A person chooses how often the digest comes, from their profile; axe-core finds no
serious or critical problem on the page."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import check_accessibility, sign_in


def test_a_person_chooses_a_monthly_digest_from_their_profile(page):
    sign_in(page, "member")
    page.goto("/profile/")
    page.get_by_role("link", name="Choose how often it comes").click()
    expect(page.get_by_label("Every week, on Monday morning")).to_be_checked()
    check_accessibility(page, "digest preferences")
    page.get_by_label("Once a month, on the first Monday").check()
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("has been saved")
    page.get_by_role("link", name="Choose how often it comes").click()
    expect(page.get_by_label("Once a month, on the first Monday")).to_be_checked()
