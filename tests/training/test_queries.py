"""Query counts of every training page stay the same as the programme grows."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import AgencyFactory
from tests.training.factories import (
    BookingFactory,
    CourseFactory,
    LevelFactory,
    NeedFactory,
    QuestionFactory,
    SessionFactory,
)
from training.models import Attendance, Booking, BookingStatus, FollowUp, Reaction

pytestmark = pytest.mark.django_db


def _grow(board, n: int) -> Booking:
    """n courses, each with two questions, a need, and a session of three attended
    bookings (evaluated and followed up) and one waiting; returns an attended booking."""
    agency = AgencyFactory()
    level = LevelFactory(scheme__board=board)
    booking = None
    for _ in range(n):
        course = CourseFactory(board=board, level=level, results_indicator="referrals")
        QuestionFactory(course=course)
        QuestionFactory(course=course)
        need = NeedFactory(board=board, agency=AgencyFactory(), level=level)
        need.courses.add(course)
        session = SessionFactory(course=course, capacity=3)
        for _ in range(3):
            booking = BookingFactory(session=session, agency=agency, attendance=Attendance.ATTENDED)
            Reaction.objects.create(booking=booking, score=4)
            FollowUp.objects.create(booking=booking, what_changed="More", recorded_on=session.date)
        BookingFactory(session=session, agency=agency, status=BookingStatus.WAITING)
    return booking


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


# Every page: session and user (2), the board and the viewer's memberships (2), and, in
# can_manage for a board officer, nothing more. Then:
EXPECTED = {
    # the training record (training.record.read): needs with agency and level (1), the
    # courses each names (1), the board's courses with levels (1), bookings with reactions
    # and follow-ups (1), answers (1); the follow-ups in detail (1)
    "home": 10,
    # needs with agency, level and links (1) and their courses (1)
    "needs": 6,
    # courses with their level and session counts (1)
    "courses": 5,
    # sessions with their course and counts (1)
    "sessions": 5,
    # the session with its course and level (1); bookings with agency and evaluations (1)
    "session": 6,
    # the session (1); the agencies for the choice (1)
    "book": 6,
    # the session (1); its booked places with agencies (1)
    "attendance": 6,
    # the booking (1); the course's questions (1); the reaction (1) and answers (1)
    "evaluate": 8,
    # the booking (1) and its follow-up (1)
    "follow_up": 6,
    # the booking (1)
    "cancel": 5,
}


def _urls(board, booking) -> dict[str, str]:
    session = booking.session_id
    b = board.slug
    return {
        "home": reverse("training:home", args=[b]),
        "needs": reverse("training:needs", args=[b]),
        "courses": reverse("training:courses", args=[b]),
        "sessions": reverse("training:sessions", args=[b]),
        "session": reverse("training:session", args=[b, session]),
        "book": reverse("training:book", args=[b, session]),
        "attendance": reverse("training:attendance", args=[b, session]),
        "evaluate": reverse("training:evaluate", args=[b, booking.pk]),
        "follow_up": reverse("training:follow_up", args=[b, booking.pk]),
        "cancel": reverse("training:cancel", args=[b, booking.pk]),
    }


@pytest.mark.parametrize("page", sorted(EXPECTED))
def test_query_counts_do_not_grow_with_the_programme(client, board, alice, page):
    client.force_login(alice)
    small = _count(client, _urls(board, _grow(board, 1))[page])
    large = _count(client, _urls(board, _grow(board, 6))[page])
    assert (small, large) == (EXPECTED[page], EXPECTED[page])
