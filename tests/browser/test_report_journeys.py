"""The portfolio holder downloads the quarter's report; the officer prepares the next one.

`loaddemo` asks for the 2008Q3 report and, with tasks run in-process, it is rendered when
the demo commits, so it is ready to download when the browser arrives.
"""

from __future__ import annotations

import io
import re

from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.conftest import check_accessibility, screenshot, sign_in

BOARD = "Hartlepool Local Safeguarding Children Board"
TITLE = (
    "Safeguarding children in Hartlepool: report to the Portfolio Holder, "
    "Q3 2008/09 (October to December 2008)"
)


def test_portfolio_holder_downloads_the_quarters_report_as_a_titled_pdf(
    rendered_report, page, tmp_path
):
    sign_in(page, "portfolio")
    # One board: signing in lands on it.
    expect(page.locator("h1")).to_have_text(BOARD)
    page.get_by_role("link", name="Reports", exact=True).click()
    expect(page.locator("h1")).to_have_text("Quarterly reports to the Portfolio Holder")
    # A portfolio holder reads and downloads; preparing the report is for officers.
    expect(page.get_by_role("button", name="Request a new version for 2008Q3")).to_have_count(0)
    check_accessibility(page, "reports list")
    screenshot(page, "reports")

    section = page.locator("section").filter(has=page.locator("#q-2008Q3"))
    with page.expect_download() as info:
        # Chromium names the link "PDF , version 1 of 2008Q3": the hidden words are a block.
        section.get_by_role("link", name=re.compile(r"^PDF\W+version 1 of 2008Q3$")).click()
    download = info.value
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    data = target.read_bytes()

    assert target.suffix == ".pdf"
    assert data.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(data))
    assert reader.metadata.title == TITLE
    assert "Safeguarding children in Hartlepool" in reader.pages[0].extract_text()


def test_officer_prepares_the_quarters_report_pages(rendered_report, page):
    from reporting.models import PortfolioMeeting

    sign_in(page, "officer")
    page.goto("/boards/hartlepool/reports/")
    check_accessibility(page, "reports list (officer)")

    page.get_by_role("link", name="Change the figures for 2008Q3").click()
    expect(page.locator("h1")).to_be_visible()
    check_accessibility(page, "figures")

    page.goto("/boards/hartlepool/reports/")
    page.get_by_role("link", name="Change the narrative for 2008Q3").click()
    expect(page.locator("h1")).to_be_visible()
    check_accessibility(page, "narrative")

    page.goto("/boards/hartlepool/reports/")
    page.get_by_role("link", name="Preview the report for 2008Q3").click()
    expect(page.get_by_text("Safeguarding children in Hartlepool").first).to_be_visible()
    check_accessibility(page, "report preview")
    screenshot(page, "report-preview")

    meeting = PortfolioMeeting.objects.get()
    page.goto("/boards/hartlepool/reports/")
    page.get_by_role("link", name=f"{meeting.portfolio}, ").click()
    expect(page.locator("h1")).to_be_visible()
    check_accessibility(page, "decision schedule meeting")


def test_officer_asks_for_a_report_and_sees_it_is_ready_at_the_top(rendered_report, page):
    sign_in(page, "officer")
    page.goto("/boards/hartlepool/reports/")
    button = page.get_by_role("button", name="Request a new version for 2008Q3")
    # While the form posts the button says so and takes no second click. The first post is
    # answered "204 No Content" so the page stays to be looked at.
    page.route("**/reports/request/", lambda route: route.fulfill(status=204))
    button.click()
    busy = page.locator("form:has(input[name=quarter][value='2008Q3']) button")
    expect(busy).to_have_text("Generating…")
    expect(busy).to_be_disabled()
    page.unroute("**/reports/request/")
    page.goto("/boards/hartlepool/reports/")
    with page.expect_navigation():
        button.click()
    banner = page.locator(".govuk-notification-banner").first
    expect(banner).to_contain_text("report is ready.")
    expect(banner.get_by_role("link", name=re.compile("^Download the PDF"))).to_be_visible()
    assert (
        page.locator(".govuk-notification-banner").first.bounding_box()["y"]
        < (page.locator("h1").bounding_box()["y"])
    )
    check_accessibility(page, "reports list with the requested report ready")
