"""The practice follow-up (level 3) by secure link: sent 6-8 weeks after the session by the
morning task (once, however often it runs) or by an officer now; the attendee answers on the
course's questions without an account and may name their line manager, who confirms through
a link of their own. Opening a link changes nothing; expired and revoked links get the page
saying whom to ask; a tampered token is "not found"."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lscb import secure_links
from lscb.models import AuditEvent, SecureLink
from tests.training.factories import BookingFactory, QuestionFactory, SessionFactory
from training import selectors, tasks
from training.models import Attendance, Booking, FollowUp
from training.services import bookings, follow_ups

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


@pytest.fixture
def session(board, alice):
    """A session seven weeks ago whose attendance alice recorded, with two questions."""
    held = SessionFactory(
        course__board=board, course__title="Neglect", date=TODAY - dt.timedelta(weeks=7)
    )
    QuestionFactory(course=held.course, text="I can spot the signs of neglect")
    QuestionFactory(course=held.course, text="I know how to refer a concern")
    return held


def _attended(session, alice, **fields) -> Booking:
    booking = BookingFactory(session=session, **fields)
    bookings.attendance_record(
        session=session, by=alice, attended={booking.pk: Attendance.ATTENDED}
    )
    booking.refresh_from_db()
    return booking


@pytest.fixture
def booking(session, alice):
    return _attended(session, alice, attendee_name="Ann Nurse", attendee_email="ann@nhs.example")


def _token(message) -> str:
    return re.search(r"/link/([A-Za-z0-9_-]+)/", message.body).group(1)


def _open(client, token) -> str:
    response = client.get(reverse("secure_link", args=[token]))
    assert response.status_code == 302
    return response["Location"]


def _answers(session, **extra) -> dict:
    data = {"what_changed": "I now ask about siblings at every visit.", "example": ""}
    for question in session.course.questions.all():
        data[f"now_{question.pk}"] = "4"
    return data | extra


def test_the_morning_task_sends_each_due_attendee_one_link_however_often_it_runs(
    session, alice, booking, django_capture_on_commit_callbacks
):
    too_soon = SessionFactory(course=session.course, date=TODAY - dt.timedelta(weeks=5))
    _attended(too_soon, alice, attendee_email="early@example.org")
    _attended(session, alice, attendee_name="No Address")
    assert selectors.follow_ups_due(TODAY) == [booking.pk]
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.send_due_follow_ups.delay(TODAY.isoformat()).get() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.send_due_follow_ups.delay(TODAY.isoformat()).get() == 0
        assert tasks.send_follow_up.delay(booking.pk).get() is False
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ann@nhs.example"] and "Neglect" in message.subject
    assert message.reply_to == [alice.email]
    link = SecureLink.objects.get()
    assert (link.purpose, link.target, link.created_by) == (follow_ups.PURPOSE, booking, alice)
    assert _token(message) not in str(AuditEvent.objects.values_list("summary", "changes"))


def test_an_officer_sends_the_session_links_now(
    client, board, alice, session, booking, django_capture_on_commit_callbacks
):
    url = reverse("training:session", args=[board.slug, session.pk])
    client.force_login(alice)
    assert "Send follow-up links now" in client.get(url).content.decode()
    send = reverse("training:send_follow_ups", args=[board.slug, session.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(send).status_code == 302
    assert len(mail.outbox) == 1
    page = client.get(url).content.decode()
    assert "Send follow-up links now" not in page and "follow-up link sent" in page
    response = client.post(send, follow=True)
    assert "No one is waiting for a link" in response.content.decode()
    assert len(mail.outbox) == 1


def test_a_member_cannot_send_links(client, board, bob, session, booking):
    client.force_login(bob)
    response = client.post(reverse("training:send_follow_ups", args=[board.slug, session.pk]))
    assert response.status_code == 403
    assert not SecureLink.objects.exists()


def test_the_attendee_answers_on_the_courses_questions_and_their_manager_confirms(
    session, booking, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        follow_ups.follow_up_send(booking=booking)
    attendee = Client()
    page = _open(attendee, _token(mail.outbox[-1]))
    form = attendee.get(page).content.decode()
    assert "I can spot the signs of neglect" in form and "I know how to refer a concern" in form
    assert not FollowUp.objects.exists()  # opening the link and the form changes nothing

    # Nothing typed is lost when a field is refused.
    refused = attendee.post(page, _answers(session, what_changed="", example="Kept words"))
    assert refused.status_code == 200
    text = refused.content.decode()
    assert "Say what has changed in your practice since the course." in text
    assert "Kept words" in text
    assert not FollowUp.objects.exists()

    answers = _answers(session, manager_name="Meg Manager", manager_email="Meg@NHS.example")
    with django_capture_on_commit_callbacks(execute=True):
        assert attendee.post(page, answers).status_code == 302
    follow_up = FollowUp.objects.get()
    assert follow_up.by_link and follow_up.recorded_by is None
    assert follow_up.confidence_now == {str(q.pk): 4 for q in session.course.questions.all()}
    assert not follow_up.manager_confirmed
    assert "Your answers are recorded" in attendee.get(page).content.decode()
    # A second post changes nothing.
    attendee.post(page, _answers(session, what_changed="Something else"))
    assert FollowUp.objects.get().what_changed == "I now ask about siblings at every visit."

    manager_mail = mail.outbox[-1]
    assert manager_mail.to == ["meg@nhs.example"]
    assert "I now ask about siblings" in manager_mail.body
    manager = Client()
    confirm = _open(manager, _token(manager_mail))
    assert "I now ask about siblings" in manager.get(confirm).content.decode()
    refused = manager.post(confirm, {"confirmed": "no", "comment": ""})
    assert "Say why you cannot confirm the change." in refused.content.decode()
    assert manager.post(confirm, {"confirmed": "yes", "comment": ""}).status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.manager_confirmed and follow_up.manager_confirmed_on == TODAY
    used = AuditEvent.objects.filter(action="link.used").values_list("summary", flat=True)
    assert any("Meg Manager confirmed" in s for s in used)


def test_the_attendees_link_reaches_only_their_own_form(
    session, alice, booking, django_capture_on_commit_callbacks
):
    other = _attended(session, alice, attendee_email="other@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        follow_ups.follow_up_send(booking=booking)
        follow_ups.follow_up_send(booking=other)
    mine, theirs = SecureLink.objects.order_by("pk")
    attendee = Client()
    _open(attendee, _token(mail.outbox[0]))
    elsewhere = reverse("training_link:follow_up", args=[theirs.pk])
    assert attendee.get(elsewhere).status_code == 404
    assert attendee.post(elsewhere, _answers(session)).status_code == 404
    # Its number under the other purpose's page is not found either.
    assert attendee.get(reverse("training_link:confirm", args=[mine.pk])).status_code == 404
    assert not FollowUp.objects.exists()


def test_expired_revoked_and_tampered_links(
    session, alice, booking, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        link = follow_ups.follow_up_send(booking=booking)
    token = _token(mail.outbox[-1])
    attendee = Client()
    page = _open(attendee, token)
    SecureLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - dt.timedelta(1))
    expired = attendee.post(page, _answers(session))
    assert expired.status_code == 410 and "This link no longer works" in expired.content.decode()
    assert alice.email in expired.content.decode()
    SecureLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() + dt.timedelta(1))
    secure_links.link_revoke(link=link, by=alice, summary="Revoked")
    assert attendee.get(page).status_code == 410
    assert attendee.post(page, _answers(session)).status_code == 410
    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")
    assert Client().get(reverse("secure_link", args=[tampered])).status_code == 404
    assert not FollowUp.objects.exists()


@pytest.mark.parametrize("questions", [1, 8])
def test_the_attendees_page_reads_the_same_queries_whatever_the_course_asks(
    session, booking, questions, django_assert_num_queries, django_capture_on_commit_callbacks
):
    session.course.questions.all().delete()
    for n in range(questions):
        QuestionFactory(course=session.course, text=f"Question {n}")
    with django_capture_on_commit_callbacks(execute=True):
        link = follow_ups.follow_up_send(booking=booking)
    attendee = Client()
    page = _open(attendee, _token(mail.outbox[-1]))
    assert page == reverse("training_link:follow_up", args=[link.pk])
    # session, link, booking with its session, course, board and follow-up, questions
    with django_assert_num_queries(4):
        assert attendee.get(page).status_code == 200


def test_an_officer_withdraws_a_link_sent_to_a_wrong_address_and_sends_a_new_one(
    client, board, alice, session, booking, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        follow_ups.follow_up_send(booking=booking)
    attendee = Client()
    page = _open(attendee, _token(mail.outbox[-1]))
    client.force_login(alice)
    withdraw = reverse("training:withdraw_follow_up_link", args=[board.slug, booking.pk])
    assert client.get(withdraw).status_code == 405
    assert client.post(withdraw).status_code == 302
    assert attendee.get(page).status_code == 410
    booking.refresh_from_db()
    assert booking.follow_up_sent_at is None
    with django_capture_on_commit_callbacks(execute=True):
        send = reverse("training:send_follow_ups", args=[board.slug, session.pk])
        assert client.post(send).status_code == 302
    assert len(mail.outbox) == 2 and SecureLink.objects.count() == 2
    # Once answered, the link stays as it was.
    fresh = Client()
    answered = _open(fresh, _token(mail.outbox[-1]))
    assert fresh.post(answered, _answers(session)).status_code == 302
    response = client.post(withdraw, follow=True)
    assert "has already answered the follow-up" in response.content.decode()


def test_a_member_cannot_withdraw_a_link(client, board, bob, booking):
    client.force_login(bob)
    url = reverse("training:withdraw_follow_up_link", args=[board.slug, booking.pk])
    assert client.post(url).status_code == 403


def test_the_training_page_shows_answers_by_link_their_confidence_and_the_managers_word(
    client, board, bob, session, booking
):
    link = follow_ups.follow_up_send(booking=booking)
    confidence = {q.pk: 3 for q in session.course.questions.all()}
    follow_ups.follow_up_by_link(
        link=link,
        what_changed="I check the siblings too.",
        confidence=confidence,
        manager_name="Meg",
        manager_email="meg@example.org",
    )
    manager = SecureLink.objects.get(purpose=follow_ups.CONFIRM)
    follow_ups.follow_up_confirm_by_link(
        link=manager, confirmed=False, comment="Not seen yet in supervision."
    )
    client.force_login(bob)
    page = client.get(reverse("training:home", args=[board.slug])).content.decode()
    assert "mean confidence then 3.0 out of 5 (2 answers)" in page
    assert "answered by link · not confirmed by the line manager" in page
    assert "The line manager: Not seen yet in supervision." in page


def test_an_officers_change_to_an_answer_by_link_says_who_changed_it_and_when(
    client, board, alice, session, booking
):
    link = follow_ups.follow_up_send(booking=booking)
    answered = TODAY - dt.timedelta(days=3)
    follow_ups.follow_up_by_link(
        link=link,
        what_changed="I check the sibilngs too.",
        confidence={q.pk: 3 for q in session.course.questions.all()},
        today=answered,
    )
    client.force_login(alice)
    url = reverse("training:follow_up", args=[board.slug, booking.pk])
    form = {"what_changed": "I check the siblings too.", "example": ""}
    assert client.post(url, form).status_code == 302

    follow_up = FollowUp.objects.get()
    assert follow_up.what_changed == "I check the siblings too."
    # Still the attendee's answer, on the day they gave it; the officer's change beside it.
    assert follow_up.by_link and follow_up.recorded_by is None
    assert follow_up.recorded_on == answered
    assert (follow_up.amended_by, follow_up.amended_on) == (alice, TODAY)
    event = AuditEvent.objects.get(action="training.follow_up_record")
    assert event.changes == {"what_changed": ["I check the sibilngs too.", follow_up.what_changed]}

    said = f"answered by link, amended by {alice.get_full_name()} on {TODAY:%-d %B %Y}"
    home = client.get(reverse("training:home", args=[board.slug])).content.decode()
    assert f"{answered:%-d %B %Y} · {said}" in home
    page = client.get(reverse("training:session", args=[board.slug, session.pk]))
    assert f"practice follow-up by link, amended by {alice.get_full_name()} on" in (
        page.content.decode()
    )


def test_an_officers_change_keeps_the_manager_the_attendee_named_unless_they_confirm_it(
    client, board, alice, session, booking
):
    link = follow_ups.follow_up_send(booking=booking)
    follow_ups.follow_up_by_link(
        link=link,
        what_changed="I check the sibilngs too.",
        confidence={q.pk: 3 for q in session.course.questions.all()},
        manager_name="Jo Reed",
        manager_email="jo.reed@example.org",
    )
    client.force_login(alice)
    url = reverse("training:follow_up", args=[board.slug, booking.pk])
    form = {"what_changed": "I check the siblings too.", "example": ""}
    assert client.post(url, form).status_code == 302

    follow_up = FollowUp.objects.get()
    assert follow_up.what_changed == "I check the siblings too."
    assert (follow_up.manager_name, follow_up.manager_email) == ("Jo Reed", "jo.reed@example.org")
    assert not follow_up.manager_confirmed

    # A confirmation the officer took themselves (on the phone, say) is theirs to record.
    confirmed = form | {"manager_confirmed": "on", "manager_name": "Jo Reed"}
    assert client.post(url, confirmed).status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.manager_confirmed and follow_up.manager_name == "Jo Reed"


def test_an_officers_own_record_is_replaced_without_an_amendment(board, alice, session, booking):
    from training.services.evaluation import follow_up_record

    first = TODAY - dt.timedelta(days=3)
    follow_up_record(booking=booking, by=alice, what_changed="From the paper form.", on=first)
    follow_up_record(booking=booking, by=alice, what_changed="Typed again.")
    follow_up = FollowUp.objects.get()
    assert not follow_up.by_link and follow_up.amended_on is None
    assert (follow_up.recorded_by, follow_up.recorded_on) == (alice, TODAY)
