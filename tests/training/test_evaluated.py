"""Whether a year's sessions were evaluated at all: what the yearly report's contents page
asks before saying a year has no training records."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.training.factories import BookingFactory, QuestionFactory
from training.models import Answer, FollowUp, Reaction
from training.selectors import evaluated

pytestmark = pytest.mark.django_db

START, END = dt.date(2025, 4, 1), dt.date(2026, 3, 31)


def _booking(board, day=dt.date(2025, 9, 10)):
    return BookingFactory(session__course__board=board, session__date=day)


def _react(booking):
    Reaction.objects.create(booking=booking, score=4)


def _answer(booking):
    question = QuestionFactory(course=booking.session.course)
    Answer.objects.create(booking=booking, question=question, before=2, after=4)


def _follow_up(booking):
    FollowUp.objects.create(booking=booking, what_changed="Asks about home life.", recorded_on=END)


@pytest.mark.parametrize("evaluate", [_react, _answer, _follow_up])
def test_any_one_kind_of_evaluation_counts(board, evaluate):
    evaluate(_booking(board))
    assert evaluated(board, START, END)


def test_a_session_with_bookings_but_no_evaluation_does_not_count(board):
    _booking(board)
    assert not evaluated(board, START, END)


@pytest.mark.parametrize("day", [START - dt.timedelta(days=1), END + dt.timedelta(days=1)])
def test_sessions_held_outside_the_year_do_not_count(board, day):
    booking = _booking(board, day)
    _react(booking)
    _answer(booking)
    _follow_up(booking)
    assert not evaluated(board, START, END)


@pytest.mark.parametrize("day", [START, END])
def test_the_first_and_last_days_of_the_year_count(board, day):
    _answer(_booking(board, day))
    assert evaluated(board, START, END)


def test_another_boards_evaluations_do_not_count(board, other_board):
    _react(_booking(other_board))
    assert not evaluated(board, START, END)
