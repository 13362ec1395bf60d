"""Quorum judged against the constitution's rules, on the demo board's own meetings."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command

from boards.models import Constitution, Meeting, Membership, Person, Role
from boards.services import meeting_record_attendance


@pytest.fixture
def demo(db):
    call_command("loaddemo", stdout=io.StringIO())
    return Meeting.objects.get(board__slug="hartlepool", date=dt.date(2008, 10, 15))


def _voting_then(meeting):
    return [
        m.person
        for m in Membership.objects.current(meeting.date)
        .filter(board=meeting.board, subgroup__isnull=True, voting=True)
        .order_by("person__name")
        .select_related("person")
    ]


def test_the_demo_meetings_where_every_voting_member_came_are_quorate(demo):
    # The seeds' 2008/09 meetings; this year's are dated from the day the demo is loaded.
    meetings = Meeting.objects.filter(
        board__slug="hartlepool", subgroup__isnull=True, date__lt=dt.date(2009, 4, 1)
    )
    assert meetings.count() == 2
    for meeting in meetings:
        voting = {p.pk for p in _voting_then(meeting)}
        assert len(voting) == 12  # ten agencies' and officers' seats and the two lay members
        assert voting <= set(
            meeting.attendance.filter(kind="present").values_list("person_id", flat=True)
        )
        assert meeting.quorum_met is True, meeting


def test_quorum_needs_as_many_voting_members_as_the_constitution_says(demo):
    quorum = Constitution.objects.get(board=demo.board, subgroup__isnull=True).quorum
    voting = _voting_then(demo)
    non_voting = [
        m.person
        for m in Membership.objects.current(demo.date).filter(
            board=demo.board, subgroup__isnull=True, role__in=[Role.OFFICER, Role.OBSERVER]
        )
    ]
    assert non_voting  # the officer and the portfolio holder attend without a vote
    short = voting[: quorum - 1] + non_voting
    meeting_record_attendance(meeting=demo, present=short, apologies=[], by=None)
    assert demo.quorum_met is False
    meeting_record_attendance(meeting=demo, present=voting[:quorum], apologies=[], by=None)
    assert demo.quorum_met is True


def test_a_seat_that_had_not_begun_on_the_day_does_not_count(demo):
    """Today's terms began long after 2008: only the seats held on the day count."""
    Membership.objects.filter(
        board=demo.board, subgroup__isnull=True, term_start__lte=demo.date
    ).delete()
    meeting_record_attendance(
        meeting=demo,
        present=list(Person.objects.filter(attendance__meeting=demo, attendance__kind="present")),
        apologies=[],
        by=None,
    )
    assert demo.quorum_met is False
