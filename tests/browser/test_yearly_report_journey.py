"""An officer works on a yearly report in the browser: the contents checklist, a section, a
contribution refused and then recorded, publication refused while sections are missing, and
the preview. axe-core finds no serious or critical problem on any of these pages."""

from __future__ import annotations

import datetime as dt

from playwright.sync_api import expect

from lscb.vocab import Quarter
from tests.browser.conftest import check_accessibility, sign_in


def test_an_officer_writes_a_section_records_funding_and_is_told_what_stops_publication(page):
    year = Quarter.containing(dt.date.today()).year
    label = f"{year}/{(year + 1) % 100:02d}"
    sign_in(page, "officer")
    page.goto("/boards/hartlepool/reports/")
    page.get_by_role("link", name=f"Yearly report {label}").click()
    expect(page.locator("h1")).to_have_text(f"Yearly report {label}")
    check_accessibility(page, "yearly report checklist")

    page.get_by_role("link", name="Write feedback from children and families").click()
    expect(page.locator("h1")).to_have_text("Feedback from children and families")
    check_accessibility(page, "yearly report section")
    page.get_by_label("What the board wants to say").fill("Young carers asked for a drop-in.")
    page.get_by_role("button", name="Save the section").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("has been saved")

    page.get_by_role("link", name="Contributions by agency", exact=True).click()
    page.get_by_label("Agency").select_option(label="Cleveland Police")
    page.get_by_label("Amount (£)").fill("a lot")
    page.get_by_label("Contributions in kind").fill("A training venue")
    page.get_by_role("button", name="Save the contribution").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the amount as a number")
    expect(page.get_by_label("Contributions in kind")).to_have_value("A training venue")
    check_accessibility(page, "yearly report funding: errors")
    page.get_by_label("Amount (£)").fill("18000")
    page.get_by_role("button", name="Save the contribution").click()
    expect(page.locator("table")).to_contain_text("£18,000.00")
    check_accessibility(page, "yearly report funding")

    page.get_by_role("link", name="Back to the yearly report").click()
    page.get_by_role("link", name="Publish the report").click()
    expect(page.locator("h1")).to_contain_text("Check before you publish")
    expect(page.locator("#main-content")).to_contain_text("No reason recorded")
    expect(page.get_by_role("button", name="Publish the report")).to_have_count(0)
    check_accessibility(page, "yearly report publish check")

    page.goto(f"/boards/hartlepool/reports/yearly/{year}/preview/")
    expect(page.locator("main")).to_contain_text("Young carers asked for a drop-in.")
    expect(page.locator("main")).to_contain_text("Cleveland Police")
    check_accessibility(page, "yearly report preview")


def test_the_published_2008_report_reads_as_published(page):
    sign_in(page, "member")
    page.goto("/boards/hartlepool/reports/yearly/2008/")
    expect(page.locator("#main-content")).to_contain_text("Published")
    page.get_by_role("link", name="Read the report as published").click()
    expect(page.locator("h1")).to_have_text("Yearly report 2008/09")
    expect(page.locator("main")).to_contain_text("Why the report goes out without it")
    check_accessibility(page, "yearly report as published")
