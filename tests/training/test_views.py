"""The training pages: what members read, what an officer records, and how a refused form
keeps what was typed."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import AgencyFactory
from tests.training.factories import (
    BookingFactory,
    CourseFactory,
    NeedFactory,
    QuestionFactory,
    SessionFactory,
)
from training.models import Attendance, BookingStatus

pytestmark = pytest.mark.django_db


def _url(name, board, *args):
    return reverse(f"training:{name}", args=[board.slug, *args])


def test_members_read_the_figures_needs_courses_and_sessions_without_officer_links(
    client, board, bob
):
    need = NeedFactory(board=board, role_group="Health visitors", headcount=12)
    session = SessionFactory(course__board=board, course__title="Working together")
    BookingFactory(session=session, attendee_name="Ann Example")
    client.force_login(bob)
    assert "Health visitors" in client.get(_url("home", board)).content.decode()
    assert "Health visitors" in client.get(_url("needs", board)).content.decode()
    assert need.agency.name in client.get(_url("needs", board)).content.decode()
    assert "Working together" in client.get(_url("courses", board)).content.decode()
    assert "Working together" in client.get(_url("sessions", board)).content.decode()
    page = client.get(_url("session", board, session.pk)).content.decode()
    assert "Ann Example" in page
    assert "Book a place" not in page and "Record attendance" not in page


def test_an_officer_books_past_capacity_onto_the_waiting_list(client, board, alice):
    session = SessionFactory(course__board=board, capacity=1)
    agency = AgencyFactory(name="Cleveland Police")
    client.force_login(alice)
    for name in ("Ann", "Ben"):
        response = client.post(
            _url("book", board, session.pk), {"attendee_name": name, "agency": agency.pk}
        )
        assert response.status_code == 302
    assert dict(session.bookings.values_list("attendee_name", "status")) == {
        "Ann": BookingStatus.BOOKED,
        "Ben": BookingStatus.WAITING,
    }
    page = client.get(_url("session", board, session.pk)).content.decode()
    assert "Waiting list" in page and "is on the waiting list" in page


def test_a_booking_without_an_agency_is_refused_beside_the_field_keeping_the_name(
    client, board, alice
):
    session = SessionFactory(course__board=board)
    client.force_login(alice)
    response = client.post(_url("book", board, session.pk), {"attendee_name": "Ann Typed"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Choose the agency the attendee works for." in page
    assert 'value="Ann Typed"' in page
    assert not session.bookings.exists()


def test_one_form_records_the_attendance_of_every_booked_place(client, board, alice):
    session = SessionFactory(course__board=board)
    ann = BookingFactory(session=session, attendee_name="Ann")
    ben = BookingFactory(session=session, attendee_name="Ben")
    client.force_login(alice)
    url = _url("attendance", board, session.pk)
    refused = client.post(url, {f"booking_{ann.pk}": Attendance.ATTENDED})
    assert "Say whether Ben attended." in refused.content.decode()
    ann.refresh_from_db()
    assert ann.attendance == ""
    response = client.post(
        url,
        {f"booking_{ann.pk}": Attendance.ATTENDED, f"booking_{ben.pk}": Attendance.DID_NOT_ATTEND},
    )
    assert response.status_code == 302
    assert dict(session.bookings.values_list("attendee_name", "attendance")) == {
        "Ann": "attended",
        "Ben": "did_not_attend",
    }


def test_an_officer_records_levels_one_and_two_then_three(client, board, alice):
    course = CourseFactory(board=board)
    question = QuestionFactory(course=course, text="I know how to refer")
    booking = BookingFactory(session__course=course, attendance=Attendance.ATTENDED)
    client.force_login(alice)
    response = client.post(
        _url("evaluate", board, booking.pk),
        {
            "score": "4",
            "comment": "Useful",
            f"before_{question.pk}": "2",
            f"after_{question.pk}": "5",
        },
    )
    assert response.status_code == 302
    response = client.post(
        _url("follow_up", board, booking.pk),
        {"what_changed": "I refer sooner", "manager_confirmed": "on", "manager_name": "Pat"},
    )
    assert response.status_code == 302
    page = client.get(_url("home", board)).content.decode()
    assert "4.0 out of 5" in page
    assert "Mean confidence 2.0 before and 5.0 after" in page
    assert "I refer sooner" in page


def test_a_confirmed_follow_up_without_the_managers_name_is_refused_beside_it(client, board, alice):
    booking = BookingFactory(session__course__board=board, attendance=Attendance.ATTENDED)
    client.force_login(alice)
    response = client.post(
        _url("follow_up", board, booking.pk),
        {"what_changed": "Kept text", "manager_confirmed": "on"},
    )
    page = response.content.decode()
    assert "Enter the name of the manager who confirmed it." in page
    assert "Kept text" in page


def test_cancelling_lets_the_first_waiting_in(client, board, alice):
    session = SessionFactory(course__board=board, capacity=1)
    ann = BookingFactory(session=session, attendee_name="Ann")
    ben = BookingFactory(session=session, attendee_name="Ben", status=BookingStatus.WAITING)
    client.force_login(alice)
    check = client.get(_url("cancel", board, ann.pk)).content.decode()
    assert "Check before you cancel this booking" in check
    response = client.post(_url("cancel", board, ann.pk), follow=True)
    assert "Ben moves from the waiting list to the place." in response.content.decode()
    ben.refresh_from_db()
    assert ben.status == BookingStatus.BOOKED
