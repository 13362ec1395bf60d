"""The officer's side of the programme in the browser: rows of the needs analysis, courses
and sessions added and changed, each refusal beside its field with nothing changed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from lscb.models import AuditEvent
from tests.factories import AgencyFactory, BoardFactory
from tests.reviews.factories import RecommendationFactory
from tests.training.factories import (
    BookingFactory,
    CourseFactory,
    LevelFactory,
    NeedFactory,
    SessionFactory,
)
from tests.workplans.factories import OutcomeFactory
from training.models import BookingStatus, Need, Session
from training.services import programme

pytestmark = pytest.mark.django_db


def _url(name, board, *args):
    return reverse(f"training:{name}", args=[board.slug, *args])


def test_a_need_is_added_with_what_raised_it_and_the_audit_says_who(board, alice):
    level = LevelFactory(scheme__board=board)
    course = CourseFactory(board=board, level=level)
    outcome = OutcomeFactory(workplan__board=board)
    recommendation = RecommendationFactory(review__board=board)

    need = programme.need_save(
        board=board,
        by=alice,
        agency=AgencyFactory(name="Cleveland Police"),
        role_group=" Response officers ",
        level=level,
        headcount=120,
        courses=[course],
        outcome=outcome,
        recommendation=recommendation,
    )

    assert need.role_group == "Response officers" and list(need.courses.all()) == [course]
    assert need.outcome == outcome and need.recommendation == recommendation
    event = AuditEvent.objects.get(action="training.need_add")
    assert event.actor == alice and event.changes["headcount"] == ["", "120"]


def test_a_second_row_for_the_same_group_and_level_is_refused_beside_the_role_group(board, alice):
    need = NeedFactory(board=board, role_group="Teachers")

    with pytest.raises(ValidationError) as refused:
        programme.need_save(
            board=board,
            by=alice,
            agency=need.agency,
            role_group="Teachers",
            level=need.level,
            headcount=5,
        )

    assert "role_group" in refused.value.message_dict
    assert Need.objects.count() == 1


def test_another_boards_level_course_outcome_or_recommendation_is_refused(board, alice):
    other = BoardFactory()
    with pytest.raises(ValidationError) as refused:
        programme.need_save(
            board=board,
            by=alice,
            agency=AgencyFactory(),
            role_group="Teachers",
            level=LevelFactory(scheme__board=other),
            headcount=5,
            courses=[CourseFactory(board=other)],
            outcome=OutcomeFactory(workplan__board=other),
            recommendation=RecommendationFactory(review__board=other),
        )
    assert set(refused.value.message_dict) == {"level", "courses", "outcome", "recommendation"}
    assert not Need.objects.exists()


def test_a_member_without_the_right_cannot_save_a_need(board, bob):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        programme.need_save(
            board=board,
            by=bob,
            agency=AgencyFactory(),
            role_group="Teachers",
            level=LevelFactory(scheme__board=board),
            headcount=5,
        )


def test_removing_a_need_keeps_what_it_said_in_the_audit(board, alice):
    need = NeedFactory(board=board, role_group="Health visitors", headcount=12)

    programme.need_delete(need=need, by=alice)

    assert not Need.objects.exists()
    event = AuditEvent.objects.get(action="training.need_delete")
    assert event.changes["role_group"] == "Health visitors" and event.changes["headcount"] == "12"


def test_a_course_title_the_board_already_has_is_refused(board, alice):
    course = CourseFactory(board=board, title="Working together")
    with pytest.raises(ValidationError) as refused:
        programme.course_save(
            board=board, by=alice, title="working together", level=course.level, refresh_months=36
        )
    assert "title" in refused.value.message_dict


def test_a_session_needs_a_venue_or_a_link(board, alice):
    with pytest.raises(ValidationError) as refused:
        programme.session_save(
            board=board,
            by=alice,
            course=CourseFactory(board=board),
            date=dt.date(2027, 1, 14),
            trainer="Ann Trainer",
            capacity=10,
        )
    assert "venue" in refused.value.message_dict
    assert not Session.objects.exists()


def test_fewer_places_than_are_booked_are_refused_and_more_move_the_waiting_list_up(board, alice):
    session = SessionFactory(course__board=board, capacity=2)
    BookingFactory.create_batch(2, session=session)
    first = BookingFactory(session=session, attendee_name="First", status=BookingStatus.WAITING)
    second = BookingFactory(session=session, attendee_name="Second", status=BookingStatus.WAITING)
    fields = {"course": session.course, "date": session.date, "trainer": "T", "venue": "Hall"}

    with pytest.raises(ValidationError) as refused:
        programme.session_save(board=board, by=alice, session=session, capacity=1, **fields)
    assert "2 places are booked" in refused.value.message_dict["capacity"][0]

    programme.session_save(board=board, by=alice, session=session, capacity=3, **fields)

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (BookingStatus.BOOKED, BookingStatus.WAITING)


def test_an_officer_adds_a_need_in_the_browser_and_sees_it_listed(client, board, alice):
    level = LevelFactory(scheme__board=board, name="Group 2")
    agency = AgencyFactory(name="Cleveland Police")
    client.force_login(alice)

    response = client.post(
        _url("need_add", board),
        {
            "agency": agency.pk,
            "role_group": "Response officers",
            "level": level.pk,
            "headcount": "120",
        },
    )

    assert response.status_code == 302
    listed = client.get(_url("needs", board)).content.decode()
    assert "Response officers" in listed and "Change" in listed


def test_a_bad_headcount_is_shown_beside_the_field_and_what_was_typed_stays(client, board, alice):
    level = LevelFactory(scheme__board=board)
    client.force_login(alice)

    page = client.post(
        _url("need_add", board),
        {
            "agency": AgencyFactory().pk,
            "role_group": "School nurses",
            "level": level.pk,
            "headcount": "lots",
            "notes": "From the audit",
        },
    )

    body = page.content.decode()
    assert page.status_code == 200
    assert "Enter the number of staff as a whole number" in body
    assert 'value="School nurses"' in body and "From the audit" in body
    assert not Need.objects.exists()


def test_an_officer_changes_a_session_and_a_course_in_the_browser(client, board, alice):
    session = SessionFactory(course__board=board, capacity=10, venue="Civic Centre")
    client.force_login(alice)

    response = client.post(
        _url("session_edit", board, session.pk),
        {
            "course": session.course.pk,
            "date_0": "14",
            "date_1": "1",
            "date_2": "2027",
            "trainer": "Ann Trainer",
            "venue": "",
            "online_link": "https://meet.example.org/x",
            "capacity": "25",
        },
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert (session.date, session.capacity, session.venue) == (dt.date(2027, 1, 14), 25, "")

    response = client.post(
        _url("course_edit", board, session.course.pk),
        {"title": "Neglect in practice", "level": session.course.level.pk, "refresh_months": "24"},
    )
    assert response.status_code == 302
    assert "Neglect in practice" in client.get(_url("courses", board)).content.decode()


def test_another_boards_need_is_not_found(client, board, alice):
    elsewhere = NeedFactory()
    client.force_login(alice)
    assert client.get(_url("need_edit", board, elsewhere.pk)).status_code == 404


@pytest.mark.parametrize("rows", [2, 20])
def test_the_need_form_runs_the_same_queries_however_many_choices(
    client, board, alice, rows, django_assert_num_queries
):
    level = LevelFactory(scheme__board=board)
    for i in range(rows):
        CourseFactory(board=board, level=level, title=f"Course {i}")
        OutcomeFactory(workplan__board=board)
        RecommendationFactory(review__board=board)
    client.force_login(alice)
    client.get(_url("need_add", board))

    # session, user, board, the user's memberships, the programme's lead subgroup;
    # choices: agencies, levels with their schemes, courses, outcomes with their plans,
    # recommendations with their reviews
    with django_assert_num_queries(10):
        client.get(_url("need_add", board))
