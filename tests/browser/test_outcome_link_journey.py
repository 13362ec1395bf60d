"""An outcome's lead records the quarter's progress through an emailed link, without a login.

The officer opens an outcome of the demo's current workplan and sends its lead a link; the
lead opens it in a browser that has never signed in, leaves the date out once (the error
sits beside the field and what they wrote stays), then records progress and is thanked.
Back as the officer, the outcome's history shows the update under the lead's address, by
secure link.
"""

from __future__ import annotations

import re

from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import check_accessibility, screenshot, sign_in

LEAD = "named.nurse@health.example.org"
NARRATIVE = "Two of the three GP practices have run the audit; the third is booked for May."


def _current_outcome():
    from workplans.models import Outcome

    return (
        Outcome.objects.filter(retired_on__isnull=True)
        .select_related("workplan")
        .order_by("-workplan__start", "order")
        .first()
    )


def test_a_lead_records_an_outcomes_progress_by_link_and_the_officer_sees_it(
    page, browser, live_server
):
    outcome = _current_outcome()
    outcome_url = f"/boards/hartlepool/workplans/outcomes/{outcome.pk}/"

    # The officer opens the outcome and sends its lead a link.
    sign_in(page, "officer")
    page.goto(outcome_url)
    expect(page.locator("h1")).to_contain_text(outcome.title[:40])
    page.get_by_role("link", name="Links for leads").click()
    page.wait_for_load_state()
    expect(page.locator("h1")).to_have_text("Links for leads to record progress")
    expect(page.get_by_text("No link for this outcome works now.")).to_be_visible()
    check_accessibility(page, "outcome links (none yet)")
    page.get_by_label("Lead's email address").fill(LEAD)
    page.get_by_role("button", name="Send the link").click()
    page.wait_for_load_state()
    expect(page.get_by_text(f"A link was sent to {LEAD}.")).to_be_visible()
    expect(page.get_by_role("cell", name=LEAD, exact=True)).to_be_visible()
    check_accessibility(page, "outcome links (one live)")
    screenshot(page, "outcome-links")

    message = mail.outbox[-1]
    assert message.to == [LEAD]
    assert outcome.title in message.body
    path = re.search(r"https?://[^/\s]+(/link/[A-Za-z0-9_-]+/)", message.body).group(1)
    token = path.split("/")[2]

    # The lead opens it in a browser that has never signed in.
    lead = browser.new_context(base_url=live_server.url, bypass_csp=True)
    try:
        tab = lead.new_page()
        tab.goto(path)
        tab.wait_for_load_state()
        assert token not in tab.url
        assert re.search(r"/link/\d+/outcome/$", tab.url)
        expect(tab.locator("h1")).to_have_text("Progress on an outcome")
        expect(tab.get_by_text(LEAD)).to_be_visible()
        check_accessibility(tab, "lead's progress form")

        # The date is required: left out, the error sits beside it and the narrative stays.
        tab.get_by_label("At risk").check()
        tab.get_by_label("Day").fill("")
        tab.get_by_label("Month").fill("")
        tab.get_by_label("Year").fill("")
        tab.get_by_label("What has happened").fill(NARRATIVE)
        tab.get_by_role("button", name="Save progress").click()
        tab.wait_for_load_state()
        expect(tab.locator(".govuk-error-summary")).to_be_visible()
        date_group = tab.locator(".govuk-form-group--error").filter(has=tab.get_by_label("Day"))
        expect(date_group.locator(".govuk-error-message")).to_be_visible()
        expect(tab.get_by_label("What has happened")).to_have_value(NARRATIVE)
        expect(tab.get_by_label("At risk")).to_be_checked()
        check_accessibility(tab, "lead's progress form (with errors)")

        from workplans.models import ProgressUpdate

        assert not ProgressUpdate.objects.filter(outcome=outcome, reported_via__isnull=False)

        # Today falls inside the current plan's year and after every demo update.
        today = timezone.localdate()
        tab.get_by_label("Day").fill(str(today.day))
        tab.get_by_label("Month").fill(str(today.month))
        tab.get_by_label("Year").fill(str(today.year))
        tab.get_by_role("button", name="Save progress").click()
        tab.wait_for_load_state()
        expect(
            tab.get_by_text("Thank you: your progress update has been recorded.")
        ).to_be_visible()
        check_accessibility(tab, "lead's progress form (recorded)")
        screenshot(tab, "outcome-lead-progress")
    finally:
        lead.close()

    # Back as the officer: the outcome's history names the lead, by secure link.
    page.goto(outcome_url)
    page.wait_for_load_state()
    expect(page.get_by_text(f"by {LEAD} (by secure link)")).to_be_visible()
    expect(page.get_by_text(NARRATIVE)).to_be_visible()
