"""A level-3 follow-up by link: an officer books an attendee with their email address on a
session seven weeks ago, records attendance and sends the follow-up link now; the attendee,
signed in nowhere, answers on the course's questions (first with a gap, refused beside the
field with their words kept) and names their line manager, who confirms through a link of
their own; the session page then shows the confirmed follow-up. axe-core checks each page."""

from __future__ import annotations

import datetime as dt
import re

from playwright.sync_api import expect

from tests.browser.conftest import check_accessibility, screenshot, sign_in

COURSE = "Children who may be trafficked or exploited"


def _token(message) -> str:
    return re.search(r"/link/([A-Za-z0-9_-]+)/", message.body).group(1)


def _without_account(browser, live_server):
    return browser.new_context(base_url=live_server.url, bypass_csp=True).new_page()


def test_an_attendee_answers_the_follow_up_by_link_and_their_manager_confirms(
    page, browser, live_server
):
    from django.core import mail

    from training.models import Course, FollowUp, Session

    course = Course.objects.get(title=COURSE)
    session = Session.objects.create(
        course=course,
        date=dt.date.today() - dt.timedelta(weeks=7),
        trainer="Det Supt Owen Raine",
        venue="Police headquarters, Hartlepool",
        capacity=5,
    )
    sign_in(page, "officer")
    page.goto(f"/boards/hartlepool/training/sessions/{session.pk}/")
    page.get_by_role("link", name="Book a place").click()
    page.get_by_label("Attendee's name (optional)").fill("Kate Rowe")
    page.get_by_label("Attendee's work email address (optional)").fill("kate.rowe@police.example")
    page.get_by_label("Agency").select_option(label="Cleveland Police")
    page.get_by_role("button", name="Book the place").click()
    page.get_by_role("link", name="Record attendance").click()
    page.get_by_role("group", name=re.compile("Kate Rowe")).get_by_label("Attended").check()
    page.get_by_role("button", name="Save attendance").click()
    page.wait_for_load_state()
    check_accessibility(page, "session with a follow-up to send")
    page.get_by_role("button", name="Send follow-up links now").click()
    expect(page.get_by_text("Follow-up link sent to 1 attendee.")).to_be_visible()
    expect(page.get_by_text(re.compile("follow-up link sent"))).to_be_visible()
    expect(page.get_by_role("button", name="Withdraw the link sent to Kate Rowe")).to_be_visible()
    check_accessibility(page, "session with a follow-up link sent")

    attendee = _without_account(browser, live_server)
    (message,) = [m for m in mail.outbox if m.to == ["kate.rowe@police.example"]]
    attendee.goto(f"/link/{_token(message)}/")
    expect(
        attendee.get_by_role("heading", name="What has changed since the course")
    ).to_be_visible()
    assert "/link/" in attendee.url and _token(message) not in attendee.url
    check_accessibility(attendee, "attendee's follow-up form")
    questions = list(course.questions.order_by("order", "pk"))
    for question in questions[1:]:
        attendee.get_by_role("group", name=question.text).get_by_label("4").check()
    attendee.get_by_label("An example (optional)").fill("A referral made on the day it arose.")
    attendee.get_by_role("button", name="Send my answers").click()
    expect(attendee.get_by_text("There is a problem")).to_be_visible()
    expect(attendee.get_by_label("An example (optional)")).to_have_value(
        "A referral made on the day it arose."
    )
    check_accessibility(attendee, "attendee's follow-up form with errors")
    screenshot(attendee, "follow-up-by-link-error")
    assert not FollowUp.objects.filter(booking__session=session).exists()

    attendee.get_by_label("What do you do differently in your work since the course?").fill(
        "I ask about exploitation at every first contact."
    )
    if questions:
        attendee.get_by_role("group", name=questions[0].text).get_by_label("5").check()
    attendee.get_by_label("Your line manager's name (optional)").fill("Inspector Meg Hall")
    attendee.get_by_label("Your line manager's email address (optional)").fill(
        "meg.hall@police.example"
    )
    attendee.get_by_role("button", name="Send my answers").click()
    expect(attendee.get_by_text("Your answers are recorded")).to_be_visible()
    check_accessibility(attendee, "attendee's follow-up recorded")

    manager = _without_account(browser, live_server)
    (message,) = [m for m in mail.outbox if m.to == ["meg.hall@police.example"]]
    manager.goto(f"/link/{_token(message)}/")
    expect(manager.get_by_text("I ask about exploitation at every first contact.")).to_be_visible()
    check_accessibility(manager, "manager's confirmation form")
    manager.get_by_label("Yes, I confirm it").check()
    manager.get_by_role("button", name="Send my answer").click()
    expect(manager.get_by_text("You confirmed the change.")).to_be_visible()
    check_accessibility(manager, "manager's confirmation recorded")

    page.reload()
    expect(
        page.get_by_text(re.compile("practice follow-up by link, confirmed by the line manager"))
    ).to_be_visible()
    follow_up = FollowUp.objects.get(booking__session=session)
    assert follow_up.manager_confirmed and follow_up.by_link
