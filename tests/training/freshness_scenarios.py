"""Freshness scenarios for the training services, part of the table in
tests/lscb/freshness_scenarios.py: each views the page the write changes, writes, and names
the text the write adds."""

from __future__ import annotations

from lscb.models import SecureLink
from tests.factories import AgencyFactory
from tests.training.factories import BookingFactory, QuestionFactory, SessionFactory
from training.models import Attendance, BookingStatus
from training.services import bookings, evaluation, follow_ups


def _session(w, **fields):
    return SessionFactory(course__board=w.board, **fields)


def _attended(w):
    booking = BookingFactory(session=_session(w), attendance=Attendance.ATTENDED)
    return booking


def _booking_create(w):
    session = _session(w)
    agency = AgencyFactory(name="Cleveland Police")
    return (
        w.url("training:session", session.pk),
        lambda: bookings.booking_create(
            session=session, by=w.officer, attendee_name="Nia Newbooked", agency=agency
        ),
        "Nia Newbooked",
    )


def _booking_cancel(w):
    booking = BookingFactory(session=_session(w, capacity=1), attendee_name="Ola Leaving")
    BookingFactory(
        session=booking.session, attendee_name="Pip Waiting", status=BookingStatus.WAITING
    )
    return (
        w.url("training:session", booking.session_id),
        lambda: bookings.booking_cancel(booking=booking, by=w.officer),
        "Cancelled",
    )


def _attendance_record(w):
    booking = BookingFactory(session=_session(w))
    return (
        w.url("training:session", booking.session_id),
        lambda: bookings.attendance_record(
            session=booking.session, by=w.officer, attended={booking.pk: Attendance.ATTENDED}
        ),
        "Attended",
    )


def _evaluation_record(w):
    booking = _attended(w)
    question = QuestionFactory(course=booking.session.course)
    return (
        w.url("training:home"),
        lambda: evaluation.evaluation_record(
            booking=booking, by=w.officer, score=4, comment="", answers={question.pk: (2, 5)}
        ),
        "4.0 out of 5",
    )


def _follow_up_record(w):
    booking = _attended(w)
    return (
        w.url("training:home"),
        lambda: evaluation.follow_up_record(
            booking=booking, by=w.officer, what_changed="Siblings are now always checked"
        ),
        "Siblings are now always checked",
    )


def _due(w):
    booking = BookingFactory(
        session=_session(w), attendance=Attendance.ATTENDED, attendee_email="ann@example.org"
    )
    return booking


def _follow_up_send(w):
    booking = _due(w)
    return (
        w.url("training:session", booking.session_id),
        lambda: follow_ups.follow_up_send(booking=booking, by=w.officer),
        "follow-up link sent",
    )


def _session_follow_ups_send(w):
    booking = _due(w)
    return (
        w.url("training:session", booking.session_id),
        lambda: follow_ups.session_follow_ups_send(session=booking.session, by=w.officer),
        "follow-up link sent",
    )


def _answered(w, booking, **manager):
    link = follow_ups.follow_up_send(booking=booking, by=w.officer)
    return lambda: follow_ups.follow_up_by_link(
        link=link, what_changed="Siblings are asked about", confidence={}, **manager
    )


def _follow_up_by_link(w):
    booking = _due(w)
    return (
        w.url("training:session", booking.session_id),
        _answered(w, booking),
        "practice follow-up by link",
    )


def _follow_up_confirm_by_link(w):
    booking = _due(w)
    _answered(w, booking, manager_name="Meg", manager_email="meg@example.org")()
    link = SecureLink.objects.get(purpose=follow_ups.CONFIRM, object_id=booking.follow_up.pk)
    return (
        w.url("training:session", booking.session_id),
        lambda: follow_ups.follow_up_confirm_by_link(link=link, confirmed=True),
        "confirmed by the line manager",
    )


def _follow_up_link_withdraw(w):
    booking = _due(w)
    follow_ups.follow_up_send(booking=booking, by=w.officer)
    return (
        w.url("training:session", booking.session_id),
        lambda: follow_ups.follow_up_link_withdraw(booking=booking, by=w.officer),
        "Send follow-up links now",
    )


SCENARIOS = {
    "training.services.follow_ups.follow_up_link_withdraw": _follow_up_link_withdraw,
    "training.services.follow_ups.follow_up_send": _follow_up_send,
    "training.services.follow_ups.session_follow_ups_send": _session_follow_ups_send,
    "training.services.follow_ups.follow_up_by_link": _follow_up_by_link,
    "training.services.follow_ups.follow_up_confirm_by_link": _follow_up_confirm_by_link,
    "training.services.bookings.booking_create": _booking_create,
    "training.services.bookings.booking_cancel": _booking_cancel,
    "training.services.bookings.attendance_record": _attendance_record,
    "training.services.evaluation.evaluation_record": _evaluation_record,
    "training.services.evaluation.follow_up_record": _follow_up_record,
}
