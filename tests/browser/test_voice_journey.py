"""An officer records what young people said and what the board did, is warned once about a
name in their words, and sees it under "You said, we did"; axe-core finds no serious or
critical problem on the form, its errors or the list."""

from __future__ import annotations

import datetime as dt

from playwright.sync_api import expect

from tests.browser.conftest import check_accessibility, sign_in


def test_an_officer_records_a_voice_record_after_an_anonymity_warning(page):
    today = dt.date.today()
    sign_in(page, "officer")
    page.goto("/boards/hartlepool/")
    page.get_by_role("link", name="You said, we did").click()
    expect(page.locator("h1")).to_have_text("You said, we did")
    expect(page.locator("main")).to_contain_text("Young people's survey on feeling safe online")
    check_accessibility(page, "you said, we did")

    page.get_by_role("link", name="Record what they said").click()
    check_accessibility(page, "voice record form")
    page.get_by_role("button", name="Save the record").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter what they said")
    check_accessibility(page, "voice record form: errors")

    page.get_by_label("Title").fill("Young carers' drop-in")
    page.get_by_label("Day").fill(str(today.day))
    page.get_by_label("Month").fill(str(today.month))
    page.get_by_label("Year").fill(str(today.year))
    page.get_by_label("Who was heard").fill("young carers")
    page.get_by_label("How many were heard").fill("11")
    page.get_by_label("Youngest age").fill("9")
    page.get_by_label("Oldest age").fill("17")
    page.get_by_label("Focus group or workshop").check()
    page.get_by_label("What they said").fill("Megan Price said teachers did not know.")
    page.get_by_role("button", name="Save the record").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("it looks like a real name")
    expect(page.get_by_label("What they said")).to_have_value(
        "Megan Price said teachers did not know."
    )
    page.get_by_label("What they said").fill("Teachers did not know we were carers.")
    page.get_by_label("What the board did because of it").fill("Schools now ask at enrolment.")
    page.get_by_role("button", name="Save the record").click()

    expect(page.locator(".govuk-notification-banner")).to_contain_text("has been saved")
    expect(page.locator("main")).to_contain_text("Schools now ask at enrolment.")
    expect(page.locator("main")).to_contain_text("11 young carers, aged 9 to 17")
