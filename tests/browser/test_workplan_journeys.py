"""The officer's quarter: find what is due, record progress, see the workplan's chart move.

Every page visited is checked with axe-core. The demo's current workplan is this financial
year's, and progress is dated today: inside the workplan's period, not in the future, and no
earlier than any demo update, so it becomes the outcome's current status.
"""

from __future__ import annotations

import datetime as dt
import re

from playwright.sync_api import expect

from tests.browser.conftest import check_accessibility, focused, screenshot, sign_in

CHART_DESC = "#workplan-rag-chart-desc"
TODAY = dt.date.today()


def _at_risk_in_chart(page) -> int:
    """Outcomes at risk according to the chart's <desc>, summed over the lead subgroups."""
    desc = page.locator(CHART_DESC).text_content()
    return sum(int(n) for n in re.findall(r"(\d+) at risk", desc))


def _progress_count(title: str) -> int:
    from workplans.models import ProgressUpdate

    return ProgressUpdate.objects.filter(outcome__title=title).count()


def _open_demo_workplan(page) -> None:
    page.get_by_role("link", name="Workplans", exact=True).click()
    check_accessibility(page, "workplan list")
    page.locator("table a.govuk-link").first.click()
    page.wait_for_load_state()


def test_officer_records_at_risk_progress_due_this_quarter_and_the_chart_changes(page):
    sign_in(page, "officer")
    # One board: signing in lands on it.
    assert page.locator("h1").inner_text() == "Hartlepool Local Safeguarding Children Board"

    _open_demo_workplan(page)
    check_accessibility(page, "workplan")
    screenshot(page, "workplan")
    workplan_url = page.url
    # Colour is not the only signal: the chart is a named image whose description gives
    # the counts, and the same numbers are in a table beside it.
    chart = page.get_by_role("img", name=re.compile("^RAG status of outcomes by lead subgroup"))
    expect(chart).to_be_visible()
    page.get_by_text("The chart's numbers as a table").click()
    numbers = page.get_by_role("table", name=re.compile("^Outcomes by lead subgroup"))
    expect(numbers.get_by_role("columnheader", name="At risk")).to_be_visible()
    at_risk_before = _at_risk_in_chart(page)
    desc_before = page.locator(CHART_DESC).text_content()

    page.get_by_role("link", name="My updates due").click()
    check_accessibility(page, "my updates")
    screenshot(page, "my-updates")
    # An outcome due this quarter that is not already at risk, so the chart must move.
    rows = page.locator("table.govuk-table tbody tr").filter(
        has=page.get_by_role("link", name=re.compile("^Record progress"))
    )
    row = rows.filter(has_not=page.get_by_text("At risk", exact=True)).first
    title = row.locator("th a").inner_text()
    saved_before = _progress_count(title)
    row.get_by_role("link", name=re.compile("^Record progress")).click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == f"Record progress: {title}"
    check_accessibility(page, "record progress")
    screenshot(page, "record-progress")

    page.get_by_label("At risk").check()
    page.get_by_label("Day").fill(str(TODAY.day))
    page.get_by_label("Month").fill(str(TODAY.month))
    page.get_by_label("Year").fill(str(TODAY.year))
    narrative = "The lead agency lost its named nurse; the audit slips to April."
    page.get_by_label("What has happened").fill(narrative)
    page.get_by_role("button", name="Save progress").click()
    page.wait_for_load_state()

    expect(page.get_by_text(f"Progress recorded on “{title}”.")).to_be_visible()
    assert page.get_by_text(narrative).first.is_visible()
    assert _progress_count(title) == saved_before + 1
    check_accessibility(page, "outcome")
    screenshot(page, "outcome")

    page.goto(workplan_url)
    assert _at_risk_in_chart(page) > at_risk_before
    assert page.locator(CHART_DESC).text_content() != desc_before
    row = page.locator("table.app-workplan-table tbody tr").filter(has_text=title)
    assert row.get_by_text("At risk", exact=True).is_visible()


def test_at_risk_without_a_narrative_shows_the_error_and_saves_nothing(page):
    sign_in(page, "officer")
    page.goto("/boards/hartlepool/workplans/my-updates/")
    row = page.locator("table.govuk-table tbody tr").first
    title = row.locator("th a").inner_text()
    saved_before = _progress_count(title)
    row.get_by_role("link", name=re.compile("^Record progress")).click()
    page.wait_for_load_state()

    page.get_by_label("At risk").check()
    page.get_by_label("Day").fill(str(TODAY.day))
    page.get_by_label("Month").fill(str(TODAY.month))
    page.get_by_label("Year").fill(str(TODAY.year))
    page.get_by_label("What has happened").fill("")
    page.get_by_role("button", name="Save progress").click()
    page.wait_for_load_state()

    assert page.title().startswith("Error:")
    summary = page.locator(".govuk-error-summary")
    assert summary.is_visible()
    # GOV.UK Frontend moves focus to the summary so a screen reader announces it.
    assert page.evaluate("document.activeElement.classList.contains('govuk-error-summary')")
    link = summary.locator("a[href='#id_narrative']")
    assert link.is_visible()
    assert "narrative" in link.inner_text().lower() or "what has happened" in (
        link.inner_text().lower()
    )
    check_accessibility(page, "record progress with errors")
    screenshot(page, "record-progress-error")
    link.click()
    assert page.evaluate("document.activeElement.id") == "id_narrative"
    assert page.get_by_label("At risk").is_checked()  # the user's choice is kept
    assert _progress_count(title) == saved_before


def test_recording_progress_with_the_keyboard_alone(page):
    """Keyboard only (Tab, Enter, Space, arrows, typing); every focused control shows focus."""
    sign_in(page, "officer")
    page.goto("/boards/hartlepool/workplans/")
    workplan_url = page.locator("table a.govuk-link").first.get_attribute("href")
    page.goto(workplan_url)
    from workplans.models import Outcome

    outcome = (
        Outcome.objects.exclude(current_rag__in=["at_risk", "complete"])
        .order_by("-workplan__start", "order", "pk")
        .first()
    )
    saved_before = _progress_count(outcome.title)
    seen: list[dict] = []

    def tab_to(predicate, limit: int = 150, key: str = "Tab") -> dict:
        for _ in range(limit):
            page.keyboard.press(key)
            now = focused(page)
            if now is None:
                continue
            seen.append(now)
            assert now["shown"], f"no visible focus on {now}"
            if predicate(now):
                return now
        raise AssertionError(f"never reached the control; last focused: {seen[-3:]}")

    # The skip link comes first and takes the keyboard straight to the content.
    tab_to(lambda f: f["name"] == "Skip to main content", limit=1)
    page.keyboard.press("Enter")
    tab_to(
        lambda f: f["name"].startswith("Record progress") and outcome.title in f["name"],
    )
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").inner_text() == f"Record progress: {outcome.title}"

    # Into the radios: arrow keys move the choice within the group.
    now = tab_to(lambda f: f["type"] == "radio")
    if not page.locator("input[name=rag]:checked").count():
        page.keyboard.press("Space")
    for _ in range(5):
        if page.locator("input[name=rag]:checked").get_attribute("value") == "at_risk":
            break
        page.keyboard.press("ArrowDown")
        now = focused(page)
        assert now["shown"], f"no visible focus on {now}"
    assert page.locator("input[name=rag]:checked").get_attribute("value") == "at_risk"

    # Day, month and year are three text boxes, id_date_0 to id_date_2.
    for part, value in enumerate((str(TODAY.day), str(TODAY.month), str(TODAY.year))):
        tab_to(lambda f, part=part: f["id"] == f"id_date_{part}", limit=3)
        page.keyboard.press("ControlOrMeta+a")
        page.keyboard.type(value)
    tab_to(lambda f: f["id"] == "id_narrative", limit=3)
    page.keyboard.type("Recorded without a mouse: the audit is late.")
    tab_to(lambda f: f["type"] == "submit", limit=4)
    with page.expect_navigation():
        page.keyboard.press("Enter")

    expect(page.get_by_text(f"Progress recorded on “{outcome.title}”.")).to_be_visible()
    assert _progress_count(outcome.title) == saved_before + 1
    outcome.refresh_from_db()
    assert outcome.current_rag == "at_risk"
    assert outcome.last_update_date == TODAY
    # Links, radios, text fields and the submit control were all reached with visible focus.
    kinds = {f["type"] if f["tag"] == "input" else f["tag"] for f in seen}
    assert {"a", "radio", "text", "textarea", "submit"} <= kinds, kinds
