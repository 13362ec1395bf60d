"""The quarterly report's training section: coverage against need by agency and role group
at the quarter's end, the evaluation of the quarter's sessions on levels 1-3, and what
changed in practice as recorded in the quarter, read back from the PDF's text; the board
page's report panel gives the same figures."""

from __future__ import annotations

import datetime as dt

import pytest
from django.template.loader import render_to_string

from reporting.dashboard import report_panel
from reporting.pdf import render_pdf
from reporting.report import report_html, training_figures
from tests.factories import AgencyFactory
from tests.reporting.conftest import Q3
from tests.reporting.test_impact_appendix import _words
from tests.training.factories import (
    BookingFactory,
    CourseFactory,
    LevelFactory,
    NeedFactory,
    QuestionFactory,
    SessionFactory,
)
from training.models import Answer, Attendance, FollowUp, Reaction

D = dt.date


def _training(board, *, sessions: int = 1):
    """Police need 10 trained at group 2; in 2008Q3 (October to December) sessions train
    three of them, rated 4 and 5 on the day, confidence 2 to 4; two follow-ups are recorded
    in the quarter (one confirmed) and one after it."""
    police = AgencyFactory(name="Cleveland Police")
    level = LevelFactory(scheme__board=board, number=2, name="Practitioners")
    course = CourseFactory(board=board, title="Neglect in practice", level=level)
    NeedFactory(
        board=board, agency=police, role_group="Response officers", level=level, headcount=6
    )
    NeedFactory(board=board, agency=police, role_group="Custody staff", level=level, headcount=4)
    question = QuestionFactory(course=course, text="I can spot neglect")
    first = SessionFactory(course=course, date=D(2008, 10, 14))
    for n in range(1, sessions):
        SessionFactory(course=course, date=D(2008, 11, 1) + dt.timedelta(days=n))
    people = [
        BookingFactory(
            session=first, agency=police, attendee_name=name, attendance=Attendance.ATTENDED
        )
        for name in ("Ann", "Ben", "Cal")
    ]
    for booking, score in zip(people[:2], (4, 5), strict=True):
        Reaction.objects.create(booking=booking, score=score)
        Answer.objects.create(booking=booking, question=question, before=2, after=4)
    FollowUp.objects.create(
        booking=people[0],
        what_changed="Siblings are now seen at every neglect visit.",
        manager_confirmed=True,
        manager_name="Sgt Hall",
        confidence_now={str(question.pk): 4},
        recorded_on=D(2008, 12, 2),
    )
    FollowUp.objects.create(
        booking=people[1],
        what_changed="I use the neglect toolkit at the first contact.",
        recorded_on=D(2008, 12, 9),
    )
    FollowUp.objects.create(
        booking=people[2],
        what_changed="Recorded too late for this quarter.",
        recorded_on=D(2009, 1, 6),
    )
    # Training of the quarter before counts for coverage, not for the quarter's evaluation.
    earlier = SessionFactory(course=course, date=D(2008, 6, 3))
    old = BookingFactory(session=earlier, agency=police, attendance=Attendance.ATTENDED)
    Reaction.objects.create(booking=old, score=1)
    return course


@pytest.mark.django_db
def test_the_pdf_gives_coverage_evaluation_and_change_in_practice_for_the_quarter(figures, board):
    _training(board)
    words = _words(render_pdf(report_html(board, Q3)).data)
    section = words[words.index("Multi-agency training, Q3 2008/09") :]
    assert "4 of the 10 staff who need safeguarding training had it" in section
    assert "(40%)" in section
    assert "Cleveland Police Custody staff, Response officers" in section
    assert "2: Practitioners 10 4 40" in section
    assert "1. Reaction on the day 4.5 out of 5 2" in section
    assert "2. Learning: confidence before and after 2.0 before, 4.0 after, out of 5 2" in section
    assert "2 follow-ups, 1 confirmed by a line manager; confidence then 4.0 out of 5 2" in section
    assert "Siblings are now seen at every neglect visit." in section
    assert "I use the neglect toolkit at the first contact." in section
    assert "Recorded too late for this quarter." not in section


@pytest.mark.django_db
def test_a_board_without_training_records_has_no_training_section(figures, board):
    assert training_figures(board, Q3) is None
    assert "Multi-agency training" not in report_html(board, Q3)


@pytest.mark.django_db
def test_the_report_panel_gives_the_last_quarters_training_figures(board, alice):
    from boards.access import board_access

    _training(board)
    template, context = report_panel(board, board_access(alice, board), today=D(2009, 2, 1))
    assert context["quarter"] == Q3
    t = context["training"]
    assert (t.trained, t.headcount, t.reaction_mean, t.follow_up_count) == (4, 10, 4.5, 2)
    # The panel reads only the numbers, the same as the report's section gives.
    full = training_figures(board, Q3)
    assert (t.follow_up_count, t.confirmed_count, t.confidence_later, t.later_count) == (
        len(full.follow_ups),
        full.confirmed_count,
        full.confidence_later,
        full.later_count,
    )
    html = render_to_string(template, {"panel": context})
    assert "Training in Q3 2008/09" in html and "2 follow-ups" in html


@pytest.mark.django_db
@pytest.mark.parametrize("sessions", [1, 12])
def test_the_training_figures_take_the_same_queries_at_any_size(
    board, sessions, django_assert_num_queries
):
    _training(board, sessions=sessions)
    # The training record (training.record.read): needs with their agency, level and
    # scheme; the courses each names; the board's courses with levels; bookings with
    # reactions and follow-ups; answers. Then the follow-ups with their bookings.
    with django_assert_num_queries(6):
        training_figures(board, Q3)
