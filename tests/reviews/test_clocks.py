"""Statutory clocks over working days, with England and Wales bank holidays."""

from __future__ import annotations

import datetime as dt

import pytest
from django.template.defaultfilters import date as date_filter

from lscb.vocab import add_working_days, working_days_between
from reviews.clocks import (
    ClockState,
    action_statement_clock,
    clocks_for,
    day_month_year,
    notification_clock,
    publication_clock,
    rapid_review_clock,
)
from reviews.models import Review, ReviewKind

D = dt.date


def test_notification_over_christmas_skips_both_bank_holidays_and_the_weekend():
    # Mon 22 Dec 2008: 23, 24, (25, 26 bank holidays, weekend), 29, 30, 31.
    clock = notification_clock(D(2008, 12, 22), None, today=D(2008, 12, 22))
    assert clock.due == D(2008, 12, 31)


def test_notification_across_the_year_end_skips_new_years_day():
    # Wed 24 Dec 2008: 29, 30, 31, (1 Jan holiday), 2 Jan, 5 Jan.
    clock = notification_clock(D(2008, 12, 24), None, today=D(2008, 12, 24))
    assert clock.due == D(2009, 1, 5)


def test_rapid_review_over_easter_skips_good_friday_and_easter_monday():
    clock = rapid_review_clock(D(2009, 4, 1), None, today=D(2009, 4, 1))
    assert clock.due == D(2009, 4, 24)
    # Counting weekdays alone would have given 22 April.
    assert working_days_between(D(2009, 4, 1), D(2009, 4, 22)) == 13


def test_written_statement_is_70_working_days_after_the_report():
    clock = action_statement_clock(D(2008, 11, 14), None, today=D(2008, 11, 14))
    assert clock.due == D(2009, 2, 25)
    assert working_days_between(D(2008, 11, 14), clock.due) == 70


def test_publication_is_six_calendar_months_after_the_start():
    assert publication_clock(D(2008, 7, 1), None, D(2008, 7, 1)).due == D(2009, 1, 1)
    # A start on the 31st ends on the last day of a shorter month.
    assert publication_clock(D(2008, 8, 31), None, D(2008, 8, 31)).due == D(2009, 2, 28)


def test_working_days_between_is_the_inverse_of_add_across_the_year_end():
    start = D(2008, 12, 19)
    for n in range(0, 30):
        assert working_days_between(start, add_working_days(start, n)) == n


@pytest.mark.parametrize(
    ("today", "state", "remaining"),
    [
        (D(2008, 12, 23), ClockState.ON_TIME, 4),
        (D(2008, 12, 29), ClockState.ON_TIME, 2),
        # Amber once a fifth of the span is left: the last working day of five.
        (D(2008, 12, 30), ClockState.DUE_SOON, 1),
        (D(2008, 12, 31), ClockState.DUE_SOON, 0),
        # 1 January is a bank holiday, so 2 January is one working day late.
        (D(2009, 1, 2), ClockState.OVERDUE, -1),
        (D(2009, 1, 1), ClockState.OVERDUE, -1),
    ],
)
def test_notification_clock_states(today, state, remaining):
    clock = notification_clock(D(2008, 12, 22), None, today=today)
    assert (clock.state, clock.remaining) == (state, remaining)


def test_a_clock_met_on_the_due_date_is_met_and_after_it_is_met_late():
    on_time = notification_clock(D(2008, 12, 22), D(2008, 12, 31), today=D(2009, 3, 1))
    late = notification_clock(D(2008, 12, 22), D(2009, 1, 2), today=D(2009, 3, 1))
    assert on_time.state == ClockState.MET and not on_time.is_open
    assert late.state == ClockState.MET_LATE and late.state_label == "Met late"


def test_rapid_review_turns_amber_with_three_of_fifteen_working_days_left():
    assert rapid_review_clock(D(2009, 4, 1), None, D(2009, 4, 20)).state == ClockState.ON_TIME
    assert rapid_review_clock(D(2009, 4, 1), None, D(2009, 4, 21)).state == ClockState.DUE_SOON
    assert rapid_review_clock(D(2009, 4, 1), None, D(2009, 4, 27)).state == ClockState.OVERDUE


def test_written_statement_turns_amber_with_fourteen_working_days_left():
    report = D(2008, 11, 14)
    due = D(2009, 2, 25)
    fifteen_left = D(2009, 2, 4)
    assert working_days_between(fifteen_left, due) == 15
    assert action_statement_clock(report, None, fifteen_left).state == ClockState.ON_TIME
    assert action_statement_clock(report, None, D(2009, 2, 5)).state == ClockState.DUE_SOON
    assert action_statement_clock(report, D(2009, 2, 20), D(2009, 6, 1)).state == ClockState.MET


def test_publication_turns_amber_in_the_last_fifth_of_six_months():
    # 184 days from 1 July 2008 to 1 January 2009; a fifth rounded up is 37 days.
    assert publication_clock(D(2008, 7, 1), None, D(2008, 11, 24)).state == ClockState.ON_TIME
    assert publication_clock(D(2008, 7, 1), None, D(2008, 11, 25)).state == ClockState.DUE_SOON
    late = publication_clock(D(2008, 7, 1), D(2009, 1, 15), D(2009, 2, 1))
    assert late.state == ClockState.MET_LATE


def test_clocks_apply_by_kind_of_review():
    today = D(2009, 3, 1)
    scr = Review(
        kind=ReviewKind.SERIOUS_CASE_REVIEW,
        start_date=D(2008, 7, 1),
        incident_known_date=D(2008, 6, 2),
        notification_date=D(2008, 6, 5),
    )
    assert [c.code for c in clocks_for(scr, today)] == ["notification", "publication"]
    cspr = Review(
        kind=ReviewKind.PRACTICE_REVIEW,
        start_date=D(2008, 7, 1),
        incident_known_date=D(2008, 6, 2),
        notification_date=D(2008, 6, 5),
    )
    assert [c.code for c in clocks_for(cspr, today)] == [
        "notification",
        "rapid_review",
        "publication",
    ]
    inspection = Review(
        kind=ReviewKind.JTAI, start_date=D(2008, 11, 1), report_date=D(2008, 11, 14)
    )
    assert [c.code for c in clocks_for(inspection, today)] == ["action_statement"]
    no_report_yet = Review(kind=ReviewKind.JTAI, start_date=D(2008, 11, 1))
    assert clocks_for(no_report_yet, today) == []
    peer = Review(kind=ReviewKind.PEER_REVIEW, start_date=D(2008, 9, 10))
    assert clocks_for(peer, today) == []


def test_dates_in_lists_read_as_the_date_filter_prints_them():
    for day in [D(2009, month, 1 + month * 2) for month in range(1, 13)] + [D(1999, 9, 30)]:
        assert day_month_year(day) == date_filter(day, "j M Y")
    assert notification_clock(D(2008, 12, 22), None, D(2008, 12, 22)).due_label == "31 Dec 2008"
