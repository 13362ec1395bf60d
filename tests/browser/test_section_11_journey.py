"""An agency completes its section 11 self-assessment through an emailed link.

The officer opens this year's audit round and sends the police's lead a link. The lead opens
it in a browser that has never signed in, rates the first standards, saves and comes back,
is refused a submission with a red rating and no action (the message beside the field,
everything typed still there), then submits. The board's grid then shows the police's
ratings in words, with the change since the 2008/09 round.
"""

from __future__ import annotations

import datetime as dt
import re

from django.core import mail
from playwright.sync_api import expect

from tests.browser.conftest import check_accessibility, screenshot, sign_in

LEAD = "dci.public.protection@police.example.org"


def test_an_agency_completes_a_section_11_audit_by_link_and_the_grid_shows_it(
    page, browser, live_server
):
    from boards.models import Board
    from reviews.models import Review, ReviewKind, S11Return, Standard

    board = Board.objects.get(slug="hartlepool")
    audit_round = Review.objects.create(
        board=board,
        kind=ReviewKind.SECTION_11,
        title="Section 11 audit this year",
        start_date=dt.date.today(),
    )
    standards = list(Standard.objects.filter(board=board).order_by("position"))

    sign_in(page, "officer")
    page.goto(f"/boards/hartlepool/reviews/{audit_round.pk}/")
    page.get_by_role("link", name="Agencies' returns against the standards").click()
    expect(page.locator("h1")).to_have_text("Section 11 audit this year")
    check_accessibility(page, "section 11 grid (no returns)")
    page.get_by_role("link", name="Change the standards").click()
    expect(page.locator("h1")).to_have_text("Section 11 standards")
    check_accessibility(page, "section 11 standards")
    page.go_back()
    page.get_by_role("link", name="Send an agency its return").click()
    page.get_by_role("button", name="Send the link").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check_accessibility(page, "send a return (with errors)")
    page.get_by_label("Agency", exact=True).select_option(label="Cleveland Police")
    page.get_by_label("Name of the agency's lead for the audit").fill("DCI Public Protection")
    page.get_by_label("Their email address").fill(LEAD)
    page.get_by_role("button", name="Send the link").click()
    expect(
        page.get_by_text(f"A link to Cleveland Police's return was sent to {LEAD}.")
    ).to_be_visible()

    message = mail.outbox[-1]
    assert message.to == [LEAD]
    path = re.search(r"https?://[^/\s]+(/link/[A-Za-z0-9_-]+/)", message.body).group(1)
    token = path.split("/")[2]

    lead = browser.new_context(base_url=live_server.url, bypass_csp=True)
    try:
        tab = lead.new_page()
        tab.goto(path)
        assert token not in tab.url
        assert re.search(r"/link/\d+/section-11/$", tab.url)
        expect(tab.locator("h1")).to_have_text("Cleveland Police: section 11 self-assessment")
        check_accessibility(tab, "section 11 self-assessment (blank)")

        first, second = standards[0], standards[1]
        tab.locator(f"#id_rating_{first.pk}_3").check()  # green
        tab.locator(f"#id_evidence_{first.pk}").fill("The chief officer reports to the board.")
        tab.get_by_role("button", name="Save and come back later").click()
        expect(tab.get_by_text("Your answers are saved.")).to_be_visible()
        tab.goto(tab.url)
        expect(tab.locator(f"#id_evidence_{first.pk}")).to_have_value(
            "The chief officer reports to the board."
        )

        for standard in standards:
            if standard.pk != first.pk:
                tab.locator(f"#id_rating_{standard.pk}_3").check()
                tab.locator(f"#id_evidence_{standard.pk}").fill(f"Audit of {standard.code}")
        tab.locator(f"#id_rating_{second.pk}_1").check()  # red
        tab.get_by_role("button", name="Submit the return").click()
        expect(tab.locator(".govuk-error-summary")).to_contain_text(
            f"Say what your agency will do to meet standard {second.code} in full."
        )
        expect(tab.locator(f"#id_evidence_{second.pk}")).to_have_value(f"Audit of {second.code}")
        check_accessibility(tab, "section 11 self-assessment (with errors)")
        tab.locator(f"#id_own_actions_{second.pk}").fill("Publish the statement by March.")
        tab.get_by_role("button", name="Submit the return").click()
        expect(tab.get_by_text("Thank you: your return has been submitted")).to_be_visible()
        check_accessibility(tab, "section 11 self-assessment (submitted)")
        screenshot(tab, "section-11-return")
    finally:
        lead.close()

    assert S11Return.objects.get(review=audit_round).is_submitted
    page.goto(f"/boards/hartlepool/reviews/{audit_round.pk}/section-11/")
    row = page.get_by_role("row", name=re.compile("Cleveland Police"))
    expect(row).to_contain_text("Red: not met")
    expect(row).to_contain_text("Worse than last year")
    expect(row).to_contain_text("Green: fully met")
    check_accessibility(page, "section 11 grid (one return)")
    screenshot(page, "section-11-grid")
