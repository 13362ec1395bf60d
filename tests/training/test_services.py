"""Booking, waiting lists, attendance and evaluation; coverage with refresh expiry and the
evaluation averages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from boards.models import Access
from lscb.models import AuditEvent
from tests.factories import AgencyFactory, SubgroupFactory, member
from tests.training.factories import (
    BookingFactory,
    CourseFactory,
    LevelFactory,
    NeedFactory,
    QuestionFactory,
    SessionFactory,
)
from training import record, selectors
from training.models import Attendance, BookingStatus, Programme
from training.services.bookings import attendance_record, booking_cancel, booking_create
from training.services.evaluation import evaluation_record, follow_up_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def agency():
    return AgencyFactory(name="Hartlepool Primary Care Trust")


def _book(session, alice, agency, *names):
    return [
        booking_create(session=session, by=alice, attendee_name=n, agency=agency) for n in names
    ]


def test_bookings_past_capacity_wait_and_a_cancellation_lets_the_first_waiting_in(
    board, alice, agency
):
    session = SessionFactory(course__board=board, capacity=2)
    ann, ben, cat, dev = _book(session, alice, agency, "Ann", "Ben", "Cat", "Dev")
    assert [b.status for b in (ann, ben, cat, dev)] == [
        BookingStatus.BOOKED,
        BookingStatus.BOOKED,
        BookingStatus.WAITING,
        BookingStatus.WAITING,
    ]
    promoted = booking_cancel(booking=ben, by=alice)
    assert promoted.pk == cat.pk
    statuses = dict(session.bookings.values_list("attendee_name", "status"))
    assert statuses == {"Ann": "booked", "Ben": "cancelled", "Cat": "booked", "Dev": "waiting"}
    assert AuditEvent.objects.filter(action="training.booking_promote").count() == 1


def test_cancelling_from_the_waiting_list_promotes_no_one(board, alice, agency):
    session = SessionFactory(course__board=board, capacity=1)
    _, waiting, last = _book(session, alice, agency, "Ann", "Ben", "Cat")
    assert booking_cancel(booking=waiting, by=alice) is None
    last.refresh_from_db()
    assert last.status == BookingStatus.WAITING
    with pytest.raises(ValidationError):
        booking_cancel(booking=waiting, by=alice)


def test_a_place_held_for_an_agency_has_no_name_until_it_is_named(board, alice, agency):
    session = SessionFactory(course__board=board)
    (place,) = _book(session, alice, agency, "  ")
    assert place.attendee_name == ""
    assert place.display_name == "A place for Hartlepool Primary Care Trust"


def test_members_cannot_book_and_officers_of_the_lead_subgroup_can(board, bob, agency):
    session = SessionFactory(course__board=board)
    with pytest.raises(PermissionDenied):
        booking_create(session=session, by=bob, attendee_name="Ann", agency=agency)
    training = SubgroupFactory(board=board, name="Training")
    lead = member(board, "sandra", Access.OFFICER, subgroup=training)
    with pytest.raises(PermissionDenied):
        booking_create(session=session, by=lead, attendee_name="Ann", agency=agency)
    Programme.objects.create(board=board, lead_subgroup=training)
    assert booking_create(session=session, by=lead, attendee_name="Ann", agency=agency).pk


def test_attendance_is_recorded_for_booked_places_only(board, alice, agency):
    session = SessionFactory(course__board=board, capacity=1)
    ann, ben = _book(session, alice, agency, "Ann", "Ben")
    assert attendance_record(session=session, by=alice, attended={ann.pk: "attended"}) == 1
    ann.refresh_from_db()
    assert ann.attendance == Attendance.ATTENDED
    with pytest.raises(ValidationError):
        attendance_record(session=session, by=alice, attended={ben.pk: "attended"})
    assert attendance_record(session=session, by=alice, attended={ann.pk: "attended"}) == 0


def test_attendance_waits_for_the_day_of_the_session(board, alice, agency):
    session = SessionFactory(course__board=board, date=dt.date.today() + dt.timedelta(days=1))
    (ann,) = _book(session, alice, agency, "Ann")
    with pytest.raises(ValidationError):
        attendance_record(session=session, by=alice, attended={ann.pk: "attended"})
    assert attendance_record(
        session=session, by=alice, attended={ann.pk: "attended"}, today=session.date
    )


def test_only_those_who_attended_are_evaluated(board, alice, agency):
    session = SessionFactory(course__board=board)
    (ann,) = _book(session, alice, agency, "Ann")
    with pytest.raises(ValidationError):
        evaluation_record(booking=ann, by=alice, score=4, comment="", answers={})
    attendance_record(session=session, by=alice, attended={ann.pk: "did_not_attend"})
    ann.refresh_from_db()
    with pytest.raises(ValidationError):
        follow_up_record(booking=ann, by=alice, what_changed="More referrals")


def _attend(session, alice, agency, *names):
    bookings = _book(session, alice, agency, *names)
    attendance_record(
        session=session, by=alice, attended={b.pk: Attendance.ATTENDED for b in bookings}
    )
    for b in bookings:
        b.refresh_from_db()
    return bookings


def test_coverage_counts_each_person_once_within_the_refresh_period(board, alice, agency):
    today = dt.date(2026, 12, 6)
    level = LevelFactory(scheme__board=board, number=2)
    course = CourseFactory(board=board, level=level, refresh_months=12)
    NeedFactory(board=board, agency=agency, level=level, headcount=4, role_group="Nurses")
    NeedFactory(board=board, agency=agency, level=level, headcount=6, role_group="Midwives")
    recent = SessionFactory(course=course, date=dt.date(2026, 6, 1))
    expired = SessionFactory(course=course, date=dt.date(2025, 12, 5))
    just_inside = SessionFactory(course=course, date=dt.date(2025, 12, 7))
    _attend(recent, alice, agency, "Ann", "Ben")
    _attend(expired, alice, agency, "Cat")
    _attend(just_inside, alice, agency, "ann ", "Dev")  # Ann again, and Dev
    other = AgencyFactory(name="Cleveland Police")
    _attend(recent, alice, other, "Eve")  # no need recorded for the police

    (row,) = selectors.coverage(board, today)
    assert (row.agency, row.headcount, row.trained, row.percent) == (
        "Hartlepool Primary Care Trust",
        10,
        3,
        30,
    )
    assert row.role_groups == ["Midwives", "Nurses"]
    # A year on, the June session has expired too.
    (later,) = selectors.coverage(board, dt.date(2027, 6, 2))
    assert later.trained == 0


def test_a_higher_level_course_meets_a_lower_need_and_a_need_may_name_its_courses(
    board, alice, agency
):
    today = dt.date.today()
    low = LevelFactory(scheme__board=board, number=1)
    high = LevelFactory(scheme=low.scheme, number=3)
    advanced = CourseFactory(board=board, level=high)
    basic = CourseFactory(board=board, level=low)
    NeedFactory(board=board, agency=agency, level=low, headcount=2)
    _attend(SessionFactory(course=advanced), alice, agency, "Ann")
    assert selectors.coverage(board, today)[0].trained == 1
    need = NeedFactory(board=board, agency=agency, level=high, headcount=2, refresh_months=1)
    need.courses.set([basic])
    rows = {r.level.number: r.trained for r in selectors.coverage(board, today)}
    assert rows == {1: 1, 3: 0}


def test_evaluation_averages_per_level(board, alice, agency):
    course = CourseFactory(board=board, results_indicator="protection_plans")
    q1, q2 = QuestionFactory(course=course), QuestionFactory(course=course)
    session = SessionFactory(course=course)
    ann, ben = _attend(session, alice, agency, "Ann", "Ben")
    evaluation_record(
        booking=ann, by=alice, score=5, comment="Clear", answers={q1.pk: (2, 4), q2.pk: (3, 5)}
    )
    evaluation_record(booking=ben, by=alice, score=4, comment="", answers={q1.pk: (1, 4)})
    # Saving again replaces, not adds.
    evaluation_record(booking=ben, by=alice, score=4, comment="", answers={q1.pk: (1, 4)})
    follow_up_record(
        booking=ann,
        by=alice,
        what_changed="I now check for siblings",
        manager_confirmed=True,
        manager_name="Pat Lead",
    )
    with pytest.raises(ValidationError) as refused:
        follow_up_record(booking=ben, by=alice, what_changed="x", manager_confirmed=True)
    assert "manager_name" in refused.value.message_dict

    figures = selectors.figures(board, dt.date.today())
    assert (figures.reaction_mean, figures.reaction_count) == (4.5, 2)
    assert (figures.confidence_before, figures.confidence_after) == (2.0, 4.3)
    assert figures.learning_count == 3
    assert [f.what_changed for f in figures.follow_ups] == ["I now check for siblings"]
    assert figures.confirmed_count == 1
    assert [c.results_indicator for c in figures.results] == ["protection_plans"]
    # Sessions outside the period asked for leave the averages empty.
    before = selectors.figures(board, dt.date.today(), end=session.date - dt.timedelta(days=1))
    assert before.reaction_mean is None and before.follow_ups == []


def test_a_score_outside_one_to_five_is_refused_beside_its_field(board, alice, agency):
    course = CourseFactory(board=board)
    q = QuestionFactory(course=course)
    (ann,) = _attend(SessionFactory(course=course), alice, agency, "Ann")
    with pytest.raises(ValidationError) as refused:
        evaluation_record(booking=ann, by=alice, score=4, comment="", answers={q.pk: (0, 6)})
    assert f"before_{q.pk}" in refused.value.message_dict


def test_months_before_keeps_the_day_or_takes_the_months_last():
    assert record.months_before(dt.date(2026, 3, 31), 1) == dt.date(2026, 2, 28)
    assert record.months_before(dt.date(2026, 1, 15), 13) == dt.date(2024, 12, 15)


def test_booking_factory_builds_a_booking_of_one_board():
    booking = BookingFactory()
    assert booking.session.course.level.scheme.board == booking.session.course.board
