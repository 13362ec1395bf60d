"""A fresh demo is about today: the board's current quarter holds nothing that cannot be done.

The board page counts the outcomes of this year's plan with no update in today's quarter.
Each of them can be brought up to date today: the officer follows "See which", records
progress on one, and the count goes down by one. What the page calls overdue is of this
financial year, and its latest quarterly report is of the last quarter ended.
"""

from __future__ import annotations

import datetime as dt
import re

from playwright.sync_api import expect

from lscb import demo_files
from lscb.vocab import Quarter
from tests.browser.conftest import check_accessibility, sign_in

TODAY = dt.date.today()
QUARTER = Quarter.containing(TODAY)
YEAR_START = demo_files.financial_year_start(TODAY)
DUE = re.compile(r", due (\d{1,2} )?([A-Z][a-z]+ \d{4})$")
NOT_UPDATED = re.compile(
    r"(\d+) outcomes? not yet complete (?:has|have) no update in (.+?)\. See which"
)


def _not_updated(page) -> tuple[int, str]:
    panel = page.locator("section.app-workplan-panel")
    text = " ".join(panel.locator("p").filter(has_text="no update in").inner_text().split())
    match = NOT_UPDATED.search(text)
    assert match, text
    return int(match.group(1)), match.group(2)


def test_the_demo_boards_overdue_actions_and_latest_report_are_of_this_year(page):
    sign_in(page, "officer")
    page.goto("/boards/hartlepool/")
    panel = page.locator("section.app-reviews-panel")
    heading = panel.get_by_role("heading", name=re.compile(r"^Overdue actions \(\d+\)$"))
    overdue = int(re.search(r"\d+", heading.inner_text()).group())
    rows = panel.locator("h3:has-text('Overdue actions') + ul li")
    listed = [" ".join(text.split()) for text in rows.all_inner_texts()]
    assert (overdue > 0) == (TODAY > YEAR_START), listed
    assert len(listed) == min(overdue, 10)
    for text in listed:
        day, month_year = DUE.search(text).groups()
        due = dt.datetime.strptime(f"{day or '1 '}{month_year}", "%d %B %Y").date()
        # Nothing overdue is left from before this financial year, and none of 2008/09.
        assert due >= YEAR_START.replace(day=1), text
        assert "2008" not in text and "Child B" not in text and "Child C" not in text, text
    report = page.locator(".govuk-summary-card").filter(has_text="Quarterly report")
    latest = report.locator(".govuk-summary-list__row").filter(has_text="Latest")
    expect(latest.locator("dd")).to_have_text(f"{QUARTER.previous().label}, version 1")


def test_the_demo_boards_current_quarter_can_be_cleared_today(page):
    sign_in(page, "officer")
    page.goto("/boards/hartlepool/")
    check_accessibility(page, "demo board")
    panel = page.locator("section.app-workplan-panel")
    expect(panel.get_by_role("heading", name=f"Workplan {QUARTER.financial_year}")).to_be_visible()
    due, quarter = _not_updated(page)
    assert quarter == QUARTER.label
    assert due > 0

    panel.get_by_role("link", name="See which").click()
    page.wait_for_load_state()
    check_accessibility(page, "outcomes with no update this quarter")
    rows = page.locator("table.app-workplan-table tbody tr")
    expect(rows).to_have_count(due)
    # Every outcome listed can be updated by the officer; none is out of reach.
    expect(rows.get_by_role("link", name=re.compile("^Record progress"))).to_have_count(due)
    rows.first.get_by_role("link", name=re.compile("^Record progress")).click()
    page.wait_for_load_state()
    title = page.locator("h1").inner_text().removeprefix("Record progress: ")

    page.get_by_label("On track").check()
    page.get_by_label("Day").fill(str(TODAY.day))
    page.get_by_label("Month").fill(str(TODAY.month))
    page.get_by_label("Year").fill(str(TODAY.year))
    page.get_by_label("What has happened").fill("Reviewed at this quarter's subgroup meeting.")
    page.get_by_role("button", name="Save progress").click()
    page.wait_for_load_state()
    expect(page.get_by_text(f"Progress recorded on “{title}”.")).to_be_visible()
    expect(page.get_by_text(f"on {TODAY:%-d %B %Y}").first).to_be_visible()

    page.goto("/boards/hartlepool/")
    assert _not_updated(page) == (due - 1, QUARTER.label)
