"""An officer records delivery and impact apart on an outcome: an impact rating without its
evidence is refused beside the field with everything typed kept; with the evidence both
ratings are saved and the outcome page shows them in its history. Every form is checked
with axe-core, blank and with errors. The demo's one outcome flagged for impact shows on the
board page and in its theme's list, and its page shows the trend of the indicator it is
measured by beside its impact rating."""

from __future__ import annotations

import datetime as dt
import re

from playwright.sync_api import expect

from lscb.vocab import Quarter
from tests.browser.conftest import check_accessibility, screenshot, sign_in

TODAY = dt.date.today()


def test_officer_records_delivery_and_impact_and_the_outcome_shows_both(page):
    from workplans.models import Outcome

    sign_in(page, "officer")
    outcome = (
        Outcome.objects.filter(retired_on__isnull=True)
        .exclude(current_rag="complete")
        .order_by("-workplan__start", "order", "pk")
        .first()
    )
    page.goto(f"/boards/hartlepool/workplans/outcomes/{outcome.pk}/progress/")
    assert page.locator("h1").inner_text() == f"Record progress: {outcome.title}"
    check_accessibility(page, "record delivery and impact")
    delivery = page.get_by_role("group", name=re.compile("^Delivery: are we doing"))
    impact = page.get_by_role("group", name=re.compile("^Impact: is it making a difference"))
    expect(delivery).to_be_visible()
    expect(impact).to_be_visible()

    delivery.get_by_label("On track").check()
    page.get_by_label("Day").fill(str(TODAY.day))
    page.get_by_label("Month").fill(str(TODAY.month))
    page.get_by_label("Year").fill(str(TODAY.year))
    page.get_by_label("What has happened").fill("Every agency has run the briefing.")
    impact.get_by_label("No difference yet").check()
    page.get_by_role("button", name="Save progress").click()
    page.wait_for_load_state()

    assert page.title().startswith("Error:")
    summary = page.locator(".govuk-error-summary")
    expect(
        summary.get_by_role("link", name=re.compile("impact evidence is required"))
    ).to_be_visible()
    expect(page.locator("#id_impact_narrative_1_error")).to_be_visible()
    check_accessibility(page, "record delivery and impact with errors")
    screenshot(page, "record-impact-error")
    assert impact.get_by_label("No difference yet").is_checked()
    assert page.get_by_label("What has happened").input_value() == (
        "Every agency has run the briefing."
    )

    evidence = "Case file audit: no change yet in how the child's view is recorded."
    page.get_by_label("Evidence of impact").fill(evidence)
    page.get_by_role("button", name="Save progress").click()
    page.wait_for_load_state()

    expect(page.get_by_text(f"Progress recorded on “{outcome.title}”.")).to_be_visible()
    expect(page.get_by_text(evidence)).to_be_visible()
    check_accessibility(page, "outcome with delivery and impact")
    screenshot(page, "outcome-impact")
    outcome.refresh_from_db()
    assert (outcome.current_rag, outcome.current_impact) == ("on_track", "red")


def test_the_demo_outcome_flagged_for_impact_shows_on_the_board_page_and_its_theme(page):
    flagged = "Protect children whose parents misuse drugs or alcohol"
    sign_in(page, "member")
    page.goto("/boards/hartlepool/")
    panel = page.locator(".app-impact-flags")
    expect(panel.get_by_role("heading", name="1 outcome flagged for impact")).to_be_visible()
    expect(panel.get_by_role("link", name=flagged)).to_be_visible()
    check_accessibility(page, "board page with an outcome flagged for impact")
    panel.get_by_role("link", name=flagged).click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == flagged
    # Beside its impact rating, the indicator it is measured by and that indicator's trend.
    indicator = page.locator(".app-outcome-indicator")
    expect(indicator.get_by_role("heading", name=re.compile("^Measured by: "))).to_be_visible()
    expect(indicator.get_by_text("Moving away from the target")).to_be_visible()
    check_accessibility(page, "outcome flagged for impact")

    # The run began in the third quarter of last year's plan, on the outcome this one carries
    # forward: three quarters long in this year's first, longer as the year goes on.
    quarters = 2 + Quarter.containing(TODAY).number
    page.goto("/boards/hartlepool/reviews/themes/neglect/")
    row = page.get_by_role("row", name=re.compile(re.escape(flagged)))
    expect(
        row.get_by_text(f"amber or red on impact for {quarters} quarters running, since Q3")
    ).to_be_visible()
    check_accessibility(page, "theme list with an outcome flagged for impact")
