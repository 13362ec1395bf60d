"""The yearly attendance table: each agency's meetings expected and attended."""

from __future__ import annotations

import datetime as dt

from boards.meeting_selectors import attendance_table, current_financial_year
from boards.models import MeetingStatus
from boards.services import meetings as services
from tests.boards.meeting_factories import MeetingFactory
from tests.factories import AgencyFactory, BoardFactory, MembershipFactory, PersonFactory


def _seat(board, agency, start=dt.date(2025, 1, 1), end=None):
    return MembershipFactory(
        board=board,
        agency=agency,
        person=PersonFactory(agency=agency),
        term_start=start,
        term_end=end,
    ).person


def _held(board, day, present=(), apologies=(), substitutes=()):
    meeting = MeetingFactory(board=board, date=day, status=MeetingStatus.HELD)
    services.meeting_record_attendance(
        meeting=meeting,
        present=list(present),
        apologies=list(apologies),
        substitutes=list(substitutes),
        by=None,
    )
    return meeting


def test_agencies_are_counted_at_the_held_meetings_of_the_financial_year(db):
    board = BoardFactory()
    police, health = AgencyFactory(name="Police"), AgencyFactory(name="Health")
    officer = _seat(board, police)
    nurse = _seat(board, health)
    doctor = _seat(board, health)
    _held(board, dt.date(2026, 4, 1), present=[officer, nurse], apologies=[doctor])
    _held(board, dt.date(2026, 9, 1), apologies=[officer, nurse, doctor])
    # A substitute for a police member brings the police to the meeting.
    _held(board, dt.date(2027, 3, 31), apologies=[nurse, doctor], substitutes=[("Deputy", officer)])
    # Outside the year, planned, or a subgroup's: not counted.
    _held(board, dt.date(2026, 3, 31), present=[officer])
    MeetingFactory(board=board, date=dt.date(2026, 5, 1))

    meetings, rows = attendance_table(board, 2026)
    assert len(meetings) == 3
    table = {r.agency: (r.expected, r.attended, r.percentage) for r in rows}
    assert table == {"Health": (3, 1, 33), "Police": (3, 2, 67)}


def test_an_agency_is_expected_only_while_it_holds_a_seat(db):
    board = BoardFactory()
    schools = AgencyFactory(name="Schools")
    head = _seat(board, schools, start=dt.date(2026, 8, 1))
    _held(board, dt.date(2026, 6, 1))
    _held(board, dt.date(2026, 10, 1), present=[head])
    _, rows = attendance_table(board, 2026)
    assert [(r.agency, r.expected, r.attended, r.percentage) for r in rows] == [
        ("Schools", 1, 1, 100)
    ]


def test_the_financial_year_starts_in_april():
    assert current_financial_year(dt.date(2027, 3, 31)) == 2026
    assert current_financial_year(dt.date(2027, 4, 1)) == 2027
