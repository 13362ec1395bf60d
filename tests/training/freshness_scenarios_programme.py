"""Freshness scenarios for the programme's own services (needs, courses, sessions), part of
the table in tests/lscb/freshness_scenarios.py."""

from __future__ import annotations

import datetime as dt

from tests.factories import AgencyFactory
from tests.training.factories import (
    BookingFactory,
    CourseFactory,
    LevelFactory,
    NeedFactory,
    SessionFactory,
)
from training.models import BookingStatus
from training.services import bookings, programme


def _need_save(w):
    level = LevelFactory(scheme__board=w.board)
    agency = AgencyFactory(name="Cleveland Police")
    return (
        w.url("training:needs"),
        lambda: programme.need_save(
            board=w.board,
            by=w.officer,
            agency=agency,
            role_group="Nia's response officers",
            level=level,
            headcount=120,
        ),
        "Nia&#x27;s response officers",
    )


def _need_delete(w):
    need = NeedFactory(board=w.board, role_group="Ola's health visitors")
    return (
        w.url("training:needs"),
        lambda: programme.need_delete(need=need, by=w.officer),
        None,
    )


def _course_save(w):
    level = LevelFactory(scheme__board=w.board)
    return (
        w.url("training:courses"),
        lambda: programme.course_save(
            board=w.board,
            by=w.officer,
            title="Nia's neglect course",
            level=level,
            refresh_months=24,
        ),
        "Nia&#x27;s neglect course",
    )


def _session_save(w):
    course = CourseFactory(board=w.board, title="Working with neglect")
    return (
        w.url("training:sessions"),
        lambda: programme.session_save(
            board=w.board,
            by=w.officer,
            course=course,
            date=dt.date(2027, 1, 14),
            trainer="Nia Trainer",
            venue="Civic Centre",
            capacity=20,
        ),
        "14 Jan 2027",
    )


def _promote_waiting(w):
    # A place came free (the session's places were raised): the first waiting takes it.
    session = SessionFactory(course__board=w.board, capacity=1)
    BookingFactory(session=session, attendee_name="Pip Waiting", status=BookingStatus.WAITING)
    return (
        w.url("training:session", session.pk),
        lambda: bookings.promote_waiting(session, w.officer, w.board),
        "1 of 1 booked",
    )


SCENARIOS = {
    "training.services.programme.need_save": _need_save,
    "training.services.programme.need_delete": _need_delete,
    "training.services.programme.course_save": _course_save,
    "training.services.programme.session_save": _session_save,
    "training.services.bookings.promote_waiting": _promote_waiting,
}
