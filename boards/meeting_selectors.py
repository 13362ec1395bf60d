"""Reads for the meeting pages: the list, one meeting, and the yearly attendance table."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from django.db.models import Exists, OuterRef, Prefetch
from django.urls import reverse

from boards.meeting_models import (
    AgendaItem,
    AgendaPaper,
    Attendance,
    AttendanceKind,
    Meeting,
    MeetingStatus,
    Minute,
    publish_deadline,
)
from boards.meeting_quorum import Quorum, meeting_quorum
from boards.models import SEAT_ROLES, Board, Membership, term_covers
from lscb.approvals import Awaiting
from lscb.vocab import Quarter


def board_meetings(board: Board, today: dt.date) -> tuple[list[Meeting], list[Meeting]]:
    """(meetings to come, soonest first; meetings past, latest first) of the board and its
    subgroups. One query."""
    meetings = list(board.meetings.select_related("subgroup").order_by("date", "start_time"))
    for meeting in meetings:
        meeting.board = board
    upcoming = [m for m in meetings if m.date >= today and not m.is_held]
    past = [m for m in reversed(meetings) if m.date < today or m.is_held]
    return upcoming, past


@dataclass
class AttendanceLine:
    """A member of the body on the day, and what was recorded of them."""

    membership: Membership
    record: Attendance | None = None
    substitute: Attendance | None = None  # who came in their place


class MeetingPage:
    """Everything the meeting page shows, each group of reads made when a part first asks
    for it: the page caches its parts (lscb.fragments) on different areas, so a write to
    the decisions' progress (reviews) draws the agenda and the minutes again but reads no
    attendance, and a hit reads nothing.

    The agenda: items with their minutes, their papers, the minutes' actions with their
    agencies, and their owners (four queries however long the agenda). The attendance:
    its rows, the declarations, the seats on the day (which give the quorum its voting
    members), and the quorum's constitution with any superseded quorum (four). Once the
    meeting is held, the times its minutes were reopened (one)."""

    def __init__(self, meeting: Meeting) -> None:
        self.meeting = meeting
        self.deadline = publish_deadline(meeting.date)

    @property
    def late(self) -> bool:
        published = self.meeting.agenda_published_on
        return published is not None and published > self.deadline

    @cached_property
    def items(self) -> list[AgendaItem]:
        return list(
            self.meeting.items.order_by("number", "id")
            .select_related("minute")
            .prefetch_related(
                Prefetch("papers", queryset=AgendaPaper.objects.order_by("added_at", "id")),
                # The actions each minute's decisions became, with their agencies (one
                # query) and owners.
                Prefetch("minute__actions", queryset=_actions().select_related("agency")),
                "minute__actions__responsible_people",
            )
        )

    @cached_property
    def attendance(self) -> list[Attendance]:
        # In name order: Attendance's own ordering starts with the meeting, a join for nothing.
        # Whom a substitute stood in for is read as an id only: joining that person too
        # made PostgreSQL scan every person on record.
        return list(self.meeting.attendance.select_related("person").order_by("person__name", "id"))

    @cached_property
    def declarations(self) -> list:
        return list(
            self.meeting.declarations.select_related("person", "item").order_by(
                "person__name", "id"
            )
        )

    @cached_property
    def _seats(self) -> list[Membership]:
        return members_on_the_day(self.meeting)

    @cached_property
    def lines(self) -> list[AttendanceLine]:
        """Each member of the body on the day, once, with what was recorded of them."""
        by_person = {a.person_id: a for a in self.attendance}
        subs = {
            a.substitute_for_id: a for a in self.attendance if a.kind == AttendanceKind.SUBSTITUTE
        }
        lines, seen = [], set()
        for seat in self._seats:
            if seat.person_id not in seen:
                seen.add(seat.person_id)
                lines.append(
                    AttendanceLine(seat, by_person.get(seat.person_id), subs.get(seat.person_id))
                )
        return lines

    @cached_property
    def others(self) -> list[Attendance]:
        """Recorded but holding no seat on the day: guests, officers."""
        seated = {seat.person_id for seat in self._seats}
        return [a for a in self.attendance if a.person_id not in seated and a.kind != "substitute"]

    @cached_property
    def quorum(self) -> Quorum:
        return meeting_quorum(self.meeting, self.attendance, seats=self._seats)

    @cached_property
    def reopenings(self) -> list:
        """Of the minutes, latest first; none before the meeting is held."""
        if not self.meeting.is_held:
            return []
        return list(self.meeting.reopenings.select_related("by", "previously_signed_off_by"))


def _actions():
    """reviews.Action's rows, named through the relation from a minute: boards sits below
    reviews, which builds on its meetings."""
    return Minute._meta.get_field("actions").related_model._default_manager.all()


def members_on_the_day(meeting: Meeting) -> list[Membership]:
    """The seats of the meeting's board or subgroup held on its date, in name order."""
    return list(
        Membership.objects.current(meeting.date)
        .filter(board_id=meeting.board_id, subgroup_id=meeting.subgroup_id)
        .select_related("person", "agency")
        .order_by("person__name", "role")
    )


def next_meeting(meeting: Meeting) -> Meeting | None:
    """The next meeting of the same body, where its minutes are approved."""
    return (
        Meeting.objects.filter(
            board_id=meeting.board_id, subgroup_id=meeting.subgroup_id, date__gt=meeting.date
        )
        .order_by("date", "start_time", "pk")
        .first()
    )


def minutes_to_approve(board: Board) -> list[Awaiting]:
    """For the chair's list: meetings of the board and its subgroups that were held and
    have minutes written, waiting for approval at the next meeting; one query."""
    written = Minute.objects.filter(item__meeting=OuterRef("pk")).exclude(discussion="")
    meetings = (
        board.meetings.filter(status=MeetingStatus.HELD)
        .filter(Exists(written))
        .select_related("subgroup")
        .order_by("date", "pk")
    )
    return [
        Awaiting(
            kind="Minutes",
            title=f"{m.subgroup.name if m.subgroup_id else board.name}, {m.date:%-d %B %Y}",
            url=reverse("boards:meeting", args=[board.slug, m.pk]) + "#minutes-approval",
            action="approve at the next meeting",
        )
        for m in meetings
    ]


def minute_items(meeting: Meeting) -> list[AgendaItem]:
    """The meeting's agenda items in order, each with its minute (`item.minute`, absent
    when nothing is written yet). One query."""
    return list(meeting.items.order_by("number", "id").select_related("minute"))


def meeting_page(meeting: Meeting) -> MeetingPage:
    """Everything the meeting page shows, read as its parts ask (see MeetingPage): eight
    queries for the whole page however long the agenda or the attendance, nine once the
    meeting is held."""
    return MeetingPage(meeting)


@dataclass
class AgencyAttendance:
    agency: str
    expected: int = 0
    attended: int = 0

    @property
    def percentage(self) -> int:
        return round(100 * self.attended / self.expected) if self.expected else 0


HELD = (MeetingStatus.HELD, MeetingStatus.MINUTES_APPROVED)


def board_meetings_held(board: Board, year: int):
    """The board's own meetings (not its subgroups') held in the financial year starting
    in April of `year`, as a queryset."""
    start, end = dt.date(year, 4, 1), dt.date(year + 1, 3, 31)
    return board.meetings.filter(
        subgroup__isnull=True, status__in=HELD, date__gte=start, date__lte=end
    )


def attendance_table(board: Board, year: int) -> tuple[list[Meeting], list[AgencyAttendance]]:
    """The board's own meetings held in the financial year starting in April of `year`, and
    for each agency with a seat on the day of any of them: how many it was expected at and
    how many it came to, in person or through a substitute. Three queries."""
    end = dt.date(year + 1, 3, 31)
    meetings = list(board_meetings_held(board, year).order_by("date"))
    seats = list(
        Membership.objects.filter(
            board=board, subgroup__isnull=True, role__in=SEAT_ROLES, term_start__lte=end
        )
        .order_by()
        .values_list("person_id", "term_start", "term_end", "agency__name", "person__agency__name")
    )
    came = defaultdict(set)
    for meeting_id, person_id, member_id, kind in (
        Attendance.objects.filter(meeting__in=meetings)
        .order_by()
        .values_list("meeting_id", "person_id", "substitute_for_id", "kind")
    ):
        if kind in (AttendanceKind.PRESENT, AttendanceKind.SUBSTITUTE):
            came[meeting_id].add(member_id or person_id)
    rows: dict[str, AgencyAttendance] = {}
    for meeting in meetings:
        expected: dict[str, bool] = {}
        for person_id, term_start, term_end, agency, own_agency in seats:
            name = agency or own_agency
            if name and term_covers(term_start, term_end, meeting.date):
                expected[name] = expected.get(name, False) or person_id in came[meeting.pk]
        for name, attended in expected.items():
            row = rows.setdefault(name, AgencyAttendance(name))
            row.expected += 1
            row.attended += attended
    return meetings, sorted(rows.values(), key=lambda r: r.agency)


def current_financial_year(today: dt.date) -> int:
    """The calendar year the financial year holding `today` starts in (April)."""
    return Quarter.containing(today).year
