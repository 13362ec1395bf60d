"""A training officer books places on a session, fills it and its waiting list, cancels a
place so the first one waiting takes it, and records the session's attendance in one form
(first with an answer missing, which is refused and keeps the answers given); then records
an attendee's evaluation, and the training page's figures include it. axe-core checks the
training pages on the way."""

from __future__ import annotations

import datetime as dt

from playwright.sync_api import expect

from tests.browser.conftest import check_accessibility, screenshot, sign_in

COURSE = "Children who may be trafficked or exploited"


def test_officer_books_a_session_records_attendance_and_an_evaluation(page):
    from training.models import Booking, Course, Session

    yesterday = dt.date.today() - dt.timedelta(days=1)
    session = Session.objects.create(
        course=Course.objects.get(title=COURSE),
        date=yesterday,
        trainer="Det Supt Owen Raine",
        venue="Police headquarters, Hartlepool",
        capacity=2,
    )

    sign_in(page, "officer")
    page.goto("/boards/hartlepool/")
    panel = page.locator("section", has=page.get_by_role("heading", name="Multi-agency training"))
    expect(panel.get_by_text("Trained against need")).to_be_visible()
    check_accessibility(page, "board page with the training panel")
    page.get_by_role("link", name="Training", exact=True).first.click()
    expect(page.get_by_role("heading", name="Multi-agency training")).to_be_visible()
    check_accessibility(page, "training figures")
    page.get_by_role("link", name="Needs analysis").click()
    expect(page.get_by_role("rowheader", name="Children's social workers")).to_be_visible()
    check_accessibility(page, "training needs analysis")
    page.get_by_role("link", name="Sessions", exact=True).first.click()
    check_accessibility(page, "training sessions")
    page.goto(f"/boards/hartlepool/training/sessions/{session.pk}/")

    # Three bookings for two places: the third waits.
    for name, agency in [
        ("Kate Rowe", "Cleveland Police"),
        ("Sam Hurst", "Hartlepool Borough Council"),
        ("Ian Pallister", "Hartlepool Schools Forum"),
    ]:
        page.get_by_role("link", name="Book a place").click()
        if name == "Kate Rowe":
            # Nothing chosen: refused beside the field, the name kept.
            page.get_by_label("Attendee's name (optional)").fill(name)
            page.get_by_role("button", name="Book the place").click()
            expect(page.get_by_text("There is a problem")).to_be_visible()
            expect(page.get_by_label("Attendee's name (optional)")).to_have_value(name)
            check_accessibility(page, "booking form with errors")
        page.get_by_label("Attendee's name (optional)").fill(name)
        page.get_by_label("Agency").select_option(label=agency)
        page.get_by_role("button", name="Book the place").click()
    expect(
        page.get_by_text("The session is full: Ian Pallister is on the waiting list.")
    ).to_be_visible()
    expect(page.get_by_role("heading", name="Waiting list")).to_be_visible()
    check_accessibility(page, "training session")

    # Sam cannot come: after the check, Ian takes the place.
    page.get_by_role("link", name="Cancel Sam Hurst's booking").click()
    expect(page.get_by_role("heading", name="Check before you cancel this booking")).to_be_visible()
    check_accessibility(page, "cancel a booking")
    page.get_by_role("button", name="Cancel the booking").click()
    expect(
        page.get_by_text("Ian Pallister moves from the waiting list to the place.")
    ).to_be_visible()

    # Attendance in one form; a missing answer is refused and the others kept.
    page.get_by_role("link", name="Record attendance").click()
    kate = page.get_by_role("group", name="Kate Rowe, Cleveland Police")
    kate.get_by_label("Attended", exact=True).check()
    page.get_by_role("button", name="Save attendance").click()
    expect(page.get_by_text("Say whether Ian Pallister attended.").first).to_be_visible()
    expect(kate.get_by_label("Attended", exact=True)).to_be_checked()
    check_accessibility(page, "attendance form with errors")
    ian = page.get_by_role("group", name="Ian Pallister, Hartlepool Schools Forum")
    ian.get_by_label("Did not attend", exact=True).check()
    page.get_by_role("button", name="Save attendance").click()
    expect(page.get_by_text("Attendance saved.")).to_be_visible()
    screenshot(page, "training-session")
    assert dict(session.bookings.values_list("attendee_name", "attendance")) == {
        "Kate Rowe": "attended",
        "Sam Hurst": "",
        "Ian Pallister": "did_not_attend",
    }

    # Kate's evaluation: the day, and confidence before and after.
    page.get_by_role("link", name="Evaluation for Kate Rowe").click()
    check_accessibility(page, "evaluation form")
    page.get_by_role("group", name="How useful was the session?").get_by_label("5").check()
    page.get_by_role("group", name="Before: I can recognise").get_by_label("1").check()
    page.get_by_role("group", name="After: I can recognise").get_by_label("4").check()
    page.get_by_role("button", name="Save the evaluation").click()
    expect(page.get_by_text("Evaluation saved for Kate Rowe.")).to_be_visible()
    kate_booking = Booking.objects.get(session=session, attendee_name="Kate Rowe")
    assert kate_booking.reaction.score == 5
    assert list(kate_booking.answers.values_list("before", "after")) == [(1, 4)]
