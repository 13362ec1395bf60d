"""Quorum of a meeting, judged by the constitution and the seats as they stood on its date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Subquery

from boards.compliance import current_seats
from boards.meeting_models import Attendance, AttendanceKind, Meeting, SupersededQuorum
from boards.models import SEAT_ROLES, Constitution, Membership


@dataclass(frozen=True)
class Quorum:
    """How many voting members a meeting needs, has on its books, expects and had."""

    required: int | None  # None: the constitution sets no quorum
    voting_members: int
    expected: int  # voting members who have not sent apologies, or who send a substitute
    present: int  # voting members present in person or through their substitute

    @property
    def expected_met(self) -> bool | None:
        return None if self.required is None else self.expected >= self.required

    @property
    def met(self) -> bool | None:
        return None if self.required is None else self.present >= self.required


def quorum_on(constitution: Constitution | None, day: dt.date) -> int | None:
    """The quorum a constitution set on a day: a superseded one that still applied then,
    else the one it sets now."""
    if constitution is None:
        return None
    return body_quorum_on(constitution.board_id, constitution.subgroup_id, day)


def body_quorum_on(board_id: int, subgroup_id: int | None, day: dt.date) -> int | None:
    """The quorum the constitution of a board or panel set on a day (see quorum_on); None
    without a constitution. One query: the constitution and the superseded quorum in force
    on the day, if any, read together."""
    in_force = SupersededQuorum.objects.filter(constitution=OuterRef("pk"), until__gte=day)
    then = in_force.order_by("until").values("quorum")[:1]
    row = (
        Constitution.objects.filter(board_id=board_id, subgroup_id=subgroup_id)
        .annotate(superseded=Exists(in_force), then=Subquery(then))
        .values_list("quorum", "superseded", "then")
        .first()
    )
    if row is None:
        return None
    quorum, superseded, quorum_then = row
    # A superseded quorum may have been none at all: its row, not its value, decides.
    return quorum_then if superseded else quorum


def voting_member_ids(meeting: Meeting) -> set[int]:
    """People holding a voting seat on the meeting's board or panel on its date."""
    seats = Membership.objects.filter(
        board_id=meeting.board_id,
        subgroup_id=meeting.subgroup_id,
        voting=True,
        role__in=SEAT_ROLES,
    )
    return {seat.person_id for seat in current_seats(seats, meeting.date)}


def count_quorum(
    required: int | None, voting: set[int], attendance: Iterable[Attendance]
) -> Quorum:
    rows = list(attendance)
    represented = {a.substitute_for_id for a in rows if a.kind == AttendanceKind.SUBSTITUTE}
    came = {a.person_id for a in rows if a.kind == AttendanceKind.PRESENT} | represented
    away = {
        a.person_id for a in rows if a.kind in {AttendanceKind.APOLOGIES, AttendanceKind.ABSENT}
    } - represented
    return Quorum(
        required=required,
        voting_members=len(voting),
        expected=len(voting - away),
        present=len(voting & came),
    )


def meeting_quorum(
    meeting: Meeting,
    attendance: Iterable[Attendance] | None = None,
    *,
    seats: Iterable[Membership] | None = None,
) -> Quorum:
    """The meeting's quorum; `attendance`, when given, is its rows already read, and
    `seats` every membership of its board or panel current on its date, already read.

    Two queries (three without the rows, one with the seats): the constitution with a
    superseded quorum still in force on the day, and the voting seats held on the day."""
    required = body_quorum_on(meeting.board_id, meeting.subgroup_id, meeting.date)
    rows = meeting.attendance.all() if attendance is None else attendance
    if seats is None:
        voting = voting_member_ids(meeting)
    else:
        voting = {s.person_id for s in seats if s.voting and s.role in SEAT_ROLES}
    return count_quorum(required, voting, rows)
