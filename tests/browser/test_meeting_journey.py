"""Browser journey: an officer plans a meeting of the adoption panel, adds its agenda (one item
taken in private, with a paper), publishes the agenda, records attendance with the quorum
shown and a declaration of interest. axe-core checks every page and form on the way, blank
and with errors."""

from __future__ import annotations

import datetime as dt
import re

from playwright.sync_api import expect

from tests.browser.conftest import check_accessibility, screenshot, sign_in

PANEL = "Adoption Panel"
PRESENT = [
    "Margaret Oakes",
    "Lindsay Tunstall",
    "Dr Anil Mehta",
    "Joanne Rowell",
    "Christine Hebburn",
]


def _submit(page, name: str) -> None:
    page.locator("#main-content").get_by_role("button", name=name).click()
    page.wait_for_load_state()


def _errors_pass_axe(page, button: str, name: str) -> None:
    """Send the form as it stands (empty), expect the error summary, and check it."""
    _submit(page, button)
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check_accessibility(page, f"{name}: errors")


def test_an_officer_plans_a_panel_meeting_and_records_it(page, tmp_path):
    day = dt.date.today() + dt.timedelta(days=28)
    sign_in(page, "officer")
    page.goto("/boards/hartlepool/")
    page.get_by_role("link", name="Meetings", exact=True).click()
    expect(page.locator("h1")).to_have_text("Meetings")
    check_accessibility(page, "meetings")

    # Plan: the form with nothing typed shows its errors, then the meeting is planned.
    page.get_by_role("link", name="Plan a meeting").click()
    check_accessibility(page, "plan a meeting")
    _errors_pass_axe(page, "Save meeting", "plan a meeting")
    page.get_by_label("Which body meets").select_option(label=PANEL)
    page.get_by_label("Day").fill(str(day.day))
    page.get_by_label("Month").fill(str(day.month))
    page.get_by_label("Year").fill(str(day.year))
    page.get_by_label("Start time (optional)").fill("10:00")
    page.get_by_label("Place", exact=True).fill("Civic Centre, Committee Room A")
    _submit(page, "Save meeting")
    expect(page.locator("h1")).to_have_text(f"{PANEL}, {day.day} {day:%B %Y}")
    expect(page.locator(".govuk-caption-l")).to_have_text("Planned")

    # The agenda: two items, the second taken in private under paragraph 1, with a paper.
    page.get_by_role("link", name="Add an agenda item").click()
    check_accessibility(page, "add an agenda item")
    _errors_pass_axe(page, "Add item", "add an agenda item")
    page.get_by_label("Title").fill("Minutes of the last panel")
    _submit(page, "Add item")
    page.get_by_role("link", name="Add an agenda item").click()
    page.get_by_label("Title").fill("Approval of prospective adopters")
    page.get_by_label("Presented by (optional)").fill("Joanne Rowell")
    page.get_by_label("1. Information relating to any individual").check()
    _submit(page, "Add item")
    expect(page.locator("#agenda")).to_be_visible()
    expect(page.get_by_text("Schedule 12A, paragraph 1.")).to_be_visible()

    page.get_by_role("link", name="Change item 2").click()
    check_accessibility(page, "change an agenda item")
    page.get_by_role("link", name="Back to the meeting").click()

    page.get_by_role("link", name="Attach a paper to item 2").click()
    check_accessibility(page, "attach a paper")
    _errors_pass_axe(page, "Attach paper", "attach a paper")
    paper = tmp_path / "adopters-report.txt"
    paper.write_text("The assessment of the prospective adopters.")
    page.get_by_label("Paper").set_input_files(str(paper))
    _submit(page, "Attach paper")
    expect(page.get_by_role("link", name="adopters-report.txt")).to_be_visible()

    # The second item goes first and back again.
    page.get_by_role("button", name="Move up item 2").click()
    expect(page.locator(".app-agenda h3").first).to_have_text("1. Approval of prospective adopters")
    page.get_by_role("button", name="Move down item 1").click()
    expect(page.locator(".app-agenda h3").first).to_have_text("1. Minutes of the last panel")
    check_accessibility(page, "meeting page, planned")

    # Published four weeks ahead: in good time, so no reason is asked for.
    page.get_by_role("link", name="Publish the agenda").click()
    expect(page.get_by_text("gives at least five clear days")).to_be_visible()
    check_accessibility(page, "publish the agenda")
    _submit(page, "Publish the agenda")
    expect(page.locator(".govuk-caption-l")).to_have_text("Agenda published")
    expect(page.get_by_text(f"Published {dt.date.today().day} ")).to_be_visible()

    # Attendance: five voting members present make the panel's quorum of five.
    page.get_by_role("link", name="Record attendance").click()
    check_accessibility(page, "record attendance")
    page.get_by_role("group", name=re.compile("^Martin Seaton")).get_by_label(
        "Apologies, with a substitute"
    ).check()
    _errors_pass_axe(page, "Save attendance", "record attendance")
    page.get_by_role("group", name=re.compile("^Martin Seaton")).get_by_label(
        "Apologies", exact=True
    ).check()
    for name in PRESENT:
        page.get_by_role("group", name=re.compile(f"^{name}")).get_by_label(
            "Present", exact=True
        ).check()
    _submit(page, "Save attendance")
    quorum = page.locator("#quorum")
    expect(quorum).to_contain_text("5 voting members of 8")
    expect(quorum).to_contain_text("5 voting members present or represented: Quorate")
    expect(quorum).to_contain_text("7 voting members expected after apologies")

    # A declaration of interest in the private item.
    page.get_by_role("link", name="Record a declaration").click()
    check_accessibility(page, "record a declaration")
    _errors_pass_axe(page, "Record declaration", "record a declaration")
    page.get_by_label("Who declared it").select_option(label="Joanne Rowell")
    page.get_by_label("Agenda item (optional)").select_option(
        label="2. Approval of prospective adopters"
    )
    page.get_by_label("The interest").fill("She supervised the adopters' assessment.")
    _submit(page, "Record declaration")
    expect(page.locator("#declarations + ul")).to_contain_text(
        "Joanne Rowell (item 2, Approval of prospective adopters): She supervised"
    )
    check_accessibility(page, "meeting page, with attendance")
    screenshot(page, "meeting")


def test_the_demo_meetings_attendance_and_a_late_agenda_pass_axe(page):
    """The attendance table, a held meeting with its private item and declaration, and the
    late-publication warning with its reason asked for."""
    from boards.models import Meeting

    sign_in(page, "officer")
    page.goto("/boards/hartlepool/meetings/attendance/")
    expect(page.locator("h1")).to_contain_text("Attendance by agency")
    expect(page.locator("tbody tr").first).to_contain_text("%")
    check_accessibility(page, "attendance by agency")

    held = Meeting.objects.filter(board__slug="hartlepool", declarations__isnull=False).get()
    page.goto(f"/boards/hartlepool/meetings/{held.pk}/")
    expect(page.get_by_text("Schedule 12A, paragraph 2.")).to_be_visible()
    expect(page.locator("#declarations + ul")).to_contain_text("Sandra Ellwood")
    check_accessibility(page, "a held meeting")

    soon = Meeting.objects.create(
        board=held.board, date=dt.date.today() + dt.timedelta(days=2), venue="Civic Centre"
    )
    soon.items.create(number=1, title="An urgent report")
    page.goto(f"/boards/hartlepool/meetings/{soon.pk}/publish/")
    expect(page.get_by_text("The agenda is late.")).to_be_visible()
    check_accessibility(page, "publish a late agenda")
    _errors_pass_axe(page, "Publish the agenda", "publish a late agenda")
    page.get_by_label("Why is the agenda late?").fill("The report came from the police late.")
    _submit(page, "Publish the agenda")
    expect(page.get_by_text("Reason: The report came from the police late.")).to_be_visible()

    page.goto(f"/boards/hartlepool/meetings/{soon.pk}/edit/")
    check_accessibility(page, "change a meeting")
    page.goto(f"/boards/hartlepool/meetings/{soon.pk}/held/")
    check_accessibility(page, "mark a meeting held")


def test_an_officer_prepares_the_public_pack_and_anyone_reads_it_without_the_private_item(page):
    """The held demo meeting has an item taken in private under paragraph 2: with a PDF
    paper on it and on an item taken in public, the officer prepares the public pack and
    the public minutes from the meeting page, and a visitor without an account reads the
    pack from the public page."""
    from boards.models import Meeting
    from tests.reporting.pack_factories import add_paper, paper_pdf, pdf_text

    held = Meeting.objects.filter(board__slug="hartlepool", declarations__isnull=False).get()
    add_paper(
        held.items.get(exempt_paragraph=2),
        "referral-chronology.pdf",
        paper_pdf("Chronology of the referred child"),
    )
    add_paper(
        held.items.get(number=3), "neglect-progress.pdf", paper_pdf("Neglect outcome in numbers")
    )

    sign_in(page, "officer")
    page.goto(f"/boards/hartlepool/meetings/{held.pk}/")
    packs = page.locator("#packs + p + dl")
    expect(packs).to_contain_text("Not prepared yet.")
    page.get_by_role("button", name="Prepare the public agenda pack").click()
    page.wait_for_load_state()
    expect(packs).to_contain_text("Ready")
    expect(
        page.get_by_role("link", name=re.compile("^Download the public agenda pack"))
    ).to_be_visible()
    check_accessibility(page, "meeting page, public pack ready")

    # The meeting is held: its public minutes as a PDF, without the private item's minute.
    page.get_by_role("button", name="Prepare the public minutes").click()
    page.wait_for_load_state()
    minutes = page.get_by_role("link", name=re.compile("^Download the public minutes"))
    expect(minutes).to_be_visible()
    response = page.request.get(minutes.get_attribute("href"))
    assert response.ok
    minuted = " ".join(" ".join(pdf_text(response.body())).split())
    assert "Item 2 was taken in private: paragraph 2 of Schedule 12A" in minuted
    assert "referral" not in minuted.lower()

    page.context.clear_cookies()
    page.goto("/public/hartlepool/")
    link = page.get_by_role("link", name=re.compile(f"^Agenda pack for {held.date.day} "))
    expect(link).to_be_visible()
    check_accessibility(page, "public page with an agenda pack")
    response = page.request.get(link.get_attribute("href"))
    assert response.ok and response.headers["content-type"] == "application/pdf"
    text = " ".join(" ".join(pdf_text(response.body())).split())
    assert "Neglect outcome in numbers" in text
    assert "Item 2 is taken in private: paragraph 2 of Schedule 12A" in text
    assert "referral" not in text.lower() and "Chronology" not in text
