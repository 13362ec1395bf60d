"""A partner contact updates an action through an emailed link, without an account.

The officer sends a link for one of the joint inspection's actions; the partner opens it
in a browser that has never signed in, is taken to a page whose address holds no token,
and records progress with a document as evidence. The officer sees the update on the
action under the partner's address, then revokes the link, after which it refuses.
"""

from __future__ import annotations

import re

from django.core import mail
from playwright.sync_api import expect

from tests.browser.conftest import check_accessibility, screenshot, sign_in

JTAI = "Joint targeted area inspection: children living with neglect"
PARTNER = "safeguarding.lead@police.example.org"
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def test_a_partner_updates_an_action_by_link_and_the_link_refuses_once_revoked(
    page, browser, live_server
):
    from reviews.models import Action

    action = (
        Action.objects.filter(recommendation__review__title=JTAI, withdrawn_at__isnull=True)
        .order_by("recommendation__number", "position")
        .first()
    )
    progress_url = f"/boards/hartlepool/reviews/actions/{action.pk}/progress/"

    # The officer sends a link from the action's page.
    sign_in(page, "officer")
    page.goto(progress_url)
    page.get_by_role("link", name="Send a partner contact a link to update this action").click()
    expect(page.locator("h1")).to_have_text("Links for partners to update an action")
    check_accessibility(page, "partner links (none yet)")
    page.get_by_role("button", name="Send the link").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check_accessibility(page, "partner links (with errors)")
    page.get_by_label("Partner contact's email address").fill(PARTNER)
    page.get_by_role("button", name="Send the link").click()
    expect(page.get_by_text(f"A link was sent to {PARTNER}.")).to_be_visible()
    expect(page.get_by_role("cell", name=PARTNER, exact=True)).to_be_visible()
    check_accessibility(page, "partner links (one live)")
    screenshot(page, "partner-links")

    message = mail.outbox[-1]
    assert message.to == [PARTNER]
    path = re.search(r"https?://[^/\s]+(/link/[A-Za-z0-9_-]+/)", message.body).group(1)
    token = path.split("/")[2]

    # The partner opens it in a browser that has never signed in.
    partner = browser.new_context(base_url=live_server.url, bypass_csp=True)
    try:
        tab = partner.new_page()
        tab.goto(path)
        assert token not in tab.url
        assert re.search(r"/link/\d+/action/$", tab.url)
        expect(tab.locator("h1")).to_have_text("Progress on an action")
        expect(tab.get_by_text(PARTNER)).to_be_visible()
        check_accessibility(tab, "partner's progress form")
        tab.get_by_label("On track").check()
        tab.get_by_label("What has happened").fill("Every response officer has been trained.")
        tab.get_by_label("Evidence", exact=True).set_input_files(
            {"name": "training-register.pdf", "mimeType": "application/pdf", "buffer": PDF}
        )
        tab.get_by_role("button", name="Record progress").click()
        expect(
            tab.get_by_text("Thank you: your progress update has been recorded.")
        ).to_be_visible()
        check_accessibility(tab, "partner's progress form (recorded)")
        screenshot(tab, "partner-progress")

        # The officer sees it on the action, under the partner's address.
        page.goto(progress_url)
        expect(page.get_by_text(f"by {PARTNER} (by secure link)")).to_be_visible()
        expect(page.get_by_text("Every response officer has been trained.")).to_be_visible()

        # The officer revokes the link; the partner's page and the link refuse.
        page.goto(f"/boards/hartlepool/reviews/actions/{action.pk}/links/")
        page.get_by_role("button", name=f"Revoke the link sent to {PARTNER}").click()
        expect(page.get_by_text(f"The link sent to {PARTNER} no longer works.")).to_be_visible()
        expect(page.get_by_text("No link for this action works now.")).to_be_visible()

        tab.reload()
        expect(tab.locator("h1")).to_have_text("This link no longer works")
        tab.goto(path)
        expect(tab.locator("h1")).to_have_text("This link no longer works")
        expect(tab.locator("main")).to_contain_text("Hartlepool Local Safeguarding Children Board")
        check_accessibility(tab, "revoked link")
    finally:
        partner.close()
