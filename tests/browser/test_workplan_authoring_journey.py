"""The officer starts next year's workplan in the browser, carrying forward last year's open
outcomes, adds two outcomes, moves one and retires the other; the chair approves the plan
after seeing what it holds; the board's activity page shows each change by the right person.

The demo's history is the 2008/09 plan, so the plan started is 2009/10. Every new page is
checked with axe-core, and nothing needs a script.
"""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import check_accessibility, screenshot, sign_in

OFFICER, CHAIR = "Kieran Holloway", "Adrienne Castleton"


def _sign_out(page) -> None:
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()


def _banner(page):
    return page.locator(".govuk-notification-banner--success")


def test_officer_starts_2009_10_from_2008_09_and_the_chair_approves_it(page):
    sign_in(page, "officer")
    page.get_by_role("link", name="Workplans", exact=True).click()
    page.get_by_role("link", name="Start a workplan").click()
    page.wait_for_load_state()
    check_accessibility(page, "start a workplan")

    # Nothing chosen: the messages sit beside the questions.
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check_accessibility(page, "start a workplan, with errors")

    page.get_by_label("Year", exact=True).select_option(label="2009/10")
    page.get_by_label("Carry forward outcomes from the year before").check()
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state()
    expect(page.locator("h1")).to_have_text("Choose outcomes to carry forward")
    check_accessibility(page, "carry forward")
    screenshot(page, "workplan-carry-forward")
    boxes = page.locator("input[name=outcomes]")
    carried = boxes.count()
    assert carried > 1
    boxes.first.uncheck()  # one stays behind
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state()

    expect(page.locator("h1")).to_have_text("Check your answers before starting the workplan")
    check_accessibility(page, "check your answers")
    screenshot(page, "workplan-check-answers")
    # A Change link goes back to the question with the answer kept.
    page.get_by_role("link", name="Change the title").click()
    page.get_by_label("Title (optional)").fill("Workplan 2009/10: keeping children safe")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("input[name=outcomes]:checked")).to_have_count(carried - 1)
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Start the workplan").click()
    page.wait_for_load_state()
    expect(_banner(page)).to_contain_text("is started as a draft")
    expect(page.locator("h1")).to_have_text("Workplan 2009/10: keeping children safe")
    # A redirect keeps the fragment of the page the form was on (the Change link's).
    plan_url = page.url.split("#")[0]

    page.get_by_role("link", name="Add an outcome").click()
    page.wait_for_load_state()
    check_accessibility(page, "add an outcome")
    screenshot(page, "workplan-add-outcome")
    page.get_by_label("How we will do it").fill("Each agency samples ten referrals.")
    page.get_by_role("button", name="Add outcome").click()  # no outcome given
    page.wait_for_load_state()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter what the outcome")
    expect(page.get_by_label("How we will do it")).to_have_value(
        "Each agency samples ten referrals."
    )
    check_accessibility(page, "add an outcome, with errors")
    page.get_by_label("Outcome", exact=True).fill("Audit the front door with every agency")
    page.get_by_role("button", name="Add and add another").click()
    page.wait_for_load_state()
    expect(_banner(page)).to_contain_text("Audit the front door with every agency")
    page.get_by_label("Outcome", exact=True).fill("Hold a learning event on neglect")
    page.get_by_role("button", name="Add outcome").click()
    page.wait_for_load_state()
    assert page.url.split("#")[0] == plan_url

    # Move the first new outcome above the one before it: a plain form post.
    # The hidden part of a button's name is a block of its own, so a space comes before
    # the colon in what a screen reader is given.
    move_up = re.compile(r"^Move up\W+Audit the front door with every agency$")
    page.get_by_role("button", name=move_up).click()
    page.wait_for_load_state()
    expect(_banner(page)).to_contain_text("moved up")
    check_accessibility(page, "workplan with the arrange list")
    screenshot(page, "workplan-arrange")

    retire = re.compile(r"^Retire\W+Hold a learning event on neglect$")
    page.get_by_role("link", name=retire).click()
    page.wait_for_load_state()
    check_accessibility(page, "retire an outcome")
    page.get_by_role("button", name="Continue").click()  # no reason given
    page.wait_for_load_state()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter why")
    check_accessibility(page, "retire an outcome, with errors")
    page.get_by_label("Why is this outcome being retired?").fill(
        "Folded into the neglect strategy's training plan."
    )
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state()
    check_accessibility(page, "check before retiring")
    page.get_by_role("button", name="Retire the outcome").click()
    page.wait_for_load_state()
    expect(page.locator(".app-retired")).to_contain_text("Folded into the neglect strategy")
    check_accessibility(page, "retired outcome")

    page.goto(plan_url)
    expect(page.locator("#retired ~ table")).to_contain_text("Hold a learning event on neglect")

    _sign_out(page)
    sign_in(page, "chair")
    page.goto(plan_url)
    page.get_by_role("link", name="Approve this workplan").click()
    page.wait_for_load_state()
    check_accessibility(page, "approve a workplan")
    screenshot(page, "workplan-approve")
    # Carried forward less the one left behind, two added, one retired.
    outcomes_row = page.locator(".govuk-summary-list__row").filter(has_text="Outcomes")
    expect(outcomes_row.first.locator("dd")).to_contain_text(str(carried - 1 + 2 - 1))
    page.get_by_role("button", name="Approve the workplan").click()
    page.wait_for_load_state()
    expect(_banner(page)).to_contain_text("is approved")

    page.goto("/boards/hartlepool/activity/")
    rows = page.locator("table.govuk-table tbody tr")
    expected = [
        (CHAIR, r"^Approved Workplan 2009/10"),
        (OFFICER, r"^Retired “Hold a learning event on neglect”"),
        (OFFICER, r"^Moved “Audit the front door with every agency” up"),
        (OFFICER, r"^Added “Hold a learning event on neglect”"),
        (OFFICER, r"^Added “Audit the front door with every agency”"),
        (OFFICER, r"^Started Workplan 2009/10.*carrying forward"),
    ]
    for who, what in expected:
        row = rows.filter(has_text=re.compile(what.lstrip("^"))).first
        expect(row).to_be_visible()
        expect(row.locator("td").nth(1)).to_have_text(who)
