"""A training officer builds the programme in the browser: adds a course at one of the
board's levels, arranges a session of it (first without a venue or link, which is refused
and keeps what was typed), and adds a row to the needs analysis that the course meets and a
review recommendation raised. axe-core checks each form on the way."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import check_accessibility, sign_in

COURSE = "Neglect: seeing the child in the household"


def test_officer_adds_a_course_a_session_and_a_need(page):
    sign_in(page, "officer")
    page.goto("/boards/hartlepool/training/courses/")
    page.get_by_role("link", name="Add a course").click()
    expect(page.get_by_role("heading", name="Add a course")).to_be_visible()
    check_accessibility(page, "add a course")
    page.get_by_label("Title").fill(COURSE)
    page.get_by_label("Level it meets").select_option(index=2)
    page.get_by_label("Counts for (months)").fill("24")
    page.get_by_role("button", name="Save the course").click()
    expect(page.get_by_text("Course saved.")).to_be_visible()
    expect(page.get_by_role("rowheader", name=COURSE)).to_be_visible()

    page.goto("/boards/hartlepool/training/sessions/")
    page.get_by_role("link", name="Add a session").click()
    page.get_by_label("Course").select_option(label=COURSE)
    page.get_by_label("Day").fill("14")
    page.get_by_label("Month").fill("1")
    page.get_by_label("Year").fill("2027")
    page.get_by_label("Trainer").fill("Fiona Tait")
    page.get_by_label("Places").fill("18")
    page.get_by_role("button", name="Save the session").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    expect(page.get_by_label("Trainer")).to_have_value("Fiona Tait")
    check_accessibility(page, "add a session with errors")
    page.get_by_label("Venue").fill("Civic Centre, Committee Room B")
    page.get_by_role("button", name="Save the session").click()
    expect(page.get_by_text("Session saved.")).to_be_visible()
    expect(page.get_by_role("heading", name=f"{COURSE}, 14 January 2027")).to_be_visible()

    page.goto("/boards/hartlepool/training/needs/")
    page.get_by_role("link", name="Add a training need").click()
    check_accessibility(page, "add a training need")
    page.get_by_label("Agency").select_option(label="Cleveland Police")
    page.get_by_label("Role group").fill("Neighbourhood officers")
    page.get_by_label("Level of training needed").select_option(index=2)
    page.get_by_label("How many staff need it").fill("64")
    page.get_by_label(COURSE).check()
    page.get_by_label("Raised by a review recommendation (optional)").select_option(index=1)
    page.get_by_role("button", name="Save the need").click()
    expect(page.get_by_text("Training need saved.")).to_be_visible()
    row = page.get_by_role("row").filter(
        has=page.get_by_role("rowheader", name="Neighbourhood officers", exact=True)
    )
    expect(row).to_contain_text(COURSE)
    expect(row).to_contain_text("recommendation")
    check_accessibility(page, "needs analysis with the new row")
