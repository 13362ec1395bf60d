"""Browser journey: an officer writes the minutes of a held board meeting and records two
decisions, which become actions with owners and due dates, shown under their minute and
on the board's open actions, each linking back. axe-core checks every page and form on
the way, blank and with errors."""

from __future__ import annotations

import datetime as dt

from playwright.sync_api import expect

from tests.browser.conftest import check_accessibility, sign_in

DECISIONS = [
    "Ask each agency to name a neglect lead by the next meeting.",
    "Bring the neglect toolkit's first evaluation to the board.",
]


def _submit(page, name: str) -> None:
    page.locator("#main-content").get_by_role("button", name=name).click()
    page.wait_for_load_state()


def test_an_officer_writes_minutes_whose_decisions_become_open_actions(page):
    from boards.models import Meeting

    held = Meeting.objects.filter(board__slug="hartlepool", declarations__isnull=False).get()
    neglect = held.items.get(number=3)
    due = dt.date.today() + dt.timedelta(days=90)
    sign_in(page, "officer")
    page.goto(f"/boards/hartlepool/meetings/{held.pk}/")
    expect(page.locator("#minutes")).to_be_visible()

    # The minutes: a text for each item, the private one marked as kept out of the
    # public minutes; one over its limit is refused beside it, keeping what was typed.
    page.get_by_role("link", name="Write the minutes").click()
    expect(page.locator("h1")).to_have_text("Write the minutes")
    check_accessibility(page, "write the minutes")
    box = page.get_by_label("3. Neglect strategy, progress on the workplan outcome")
    box.fill("x" * 4001)
    _submit(page, "Save minutes")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check_accessibility(page, "write the minutes: errors")
    box.fill("The board heard that the toolkit is in use in every locality.")
    first = "1. Apologies, declarations of interest and minutes of the last meeting"
    page.get_by_label(first).fill("Apologies were noted and the last minutes agreed.")
    _submit(page, "Save minutes")
    expect(page.locator(f"#minute-{neglect.pk}")).to_contain_text("toolkit is in use")

    # Two decisions under the neglect item, each an action with an owner and a date.
    for number, what in enumerate(DECISIONS, start=1):
        page.get_by_role("link", name="Record a decision under item 3").click()
        expect(page.locator("h1")).to_have_text("Record a decision")
        if number == 1:
            check_accessibility(page, "record a decision")
            _submit(page, "Record the decision")
            expect(page.locator(".govuk-error-summary")).to_be_visible()
            check_accessibility(page, "record a decision: errors")
        page.get_by_label("What was decided, and what will be done").fill(what)
        page.get_by_label("Owner").select_option(index=number)
        page.get_by_label("Day").fill(str(due.day))
        page.get_by_label("Month").fill(str(due.month))
        page.get_by_label("Year").fill(str(due.year))
        _submit(page, "Record the decision")
        expect(page.locator(f"#minute-{neglect.pk}")).to_contain_text(what)
    check_accessibility(page, "a meeting's minutes with decisions")

    # Both are on the board's open actions, each linking back to its minute.
    page.get_by_role("link", name="All the board's open actions").first.click()
    expect(page.locator("h1")).to_have_text("Open actions")
    for what in DECISIONS:
        row = page.locator("tr", has_text=what)
        expect(row).to_contain_text(f"{held.date:%-d %B %Y}, item 3")
    check_accessibility(page, "open actions")
    page.locator("tr", has_text=DECISIONS[0]).get_by_role("link", name="item 3").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/meetings/{held.pk}/#minute-{neglect.pk}")
    expect(page.locator(f"#minute-{neglect.pk}")).to_contain_text(DECISIONS[0])


def test_the_chair_approves_minutes_at_the_next_meeting_and_reopens_them(page):
    """The earlier of the demo's held meetings has a later one, so its minutes can be
    approved: the chair finds them on the board page, approves them, and reopens them with
    a reason; every page passes axe, the reason form blank and with its error too."""
    from boards.models import Meeting, Minute

    held = Meeting.objects.filter(board__slug="hartlepool", status="held", items__isnull=False)
    earlier, later = held.distinct().order_by("date")[:2]
    assert earlier.date < later.date
    item = earlier.items.order_by("number").first()
    Minute.objects.update_or_create(
        item=item, defaults={"discussion": "The dataset was discussed and noted."}
    )

    sign_in(page, "chair")
    page.goto("/boards/hartlepool/")
    banner = page.locator("#awaiting-approval")
    expect(banner).to_contain_text("Minutes: Hartlepool Local Safeguarding Children Board, ")
    banner.get_by_role("link", name=f"{earlier.date:%-d %B %Y}").click()
    page.get_by_role("link", name="Approve the minutes").click()
    expect(page.locator("h1")).to_have_text("Approve the minutes")
    expect(page.get_by_text("The dataset was discussed and noted.")).to_be_visible()
    check_accessibility(page, "approve the minutes")
    _submit(page, "Approve the minutes")
    expect(page.locator("#minutes-approval")).to_contain_text("Approved")
    check_accessibility(page, "a meeting with approved minutes")

    page.get_by_role("link", name="Reopen the minutes").click()
    check_accessibility(page, "reopen the minutes")
    _submit(page, "Reopen the minutes")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check_accessibility(page, "reopen the minutes: errors")
    page.get_by_label("Why are the minutes being reopened?").fill("An agency's name was wrong.")
    _submit(page, "Reopen the minutes")
    expect(page.locator("#minutes-approval")).to_contain_text("An agency's name was wrong.")
    expect(page.get_by_role("link", name="Approve the minutes")).to_be_visible()
