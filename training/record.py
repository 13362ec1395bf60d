"""A board's training as rows, read once, and the figures counted from them.

Coverage against need and the three levels of evaluation all count the same few tables: the
needs analysis, the courses, and the bookings with their reactions, answers and follow-ups.
`read` fetches them in five queries whatever the window, and the counting is plain Python,
so one page can ask for several windows (the board page shows training to date and the last
quarter's, as its report gives it) from one read: see `for_page`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from boards.models import Board
from lscb.vocab import month_end
from training.models import Answer, Attendance, Booking, Course, Level, Need


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` earlier (the month's last day when it has no such day)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, month_end(year, month + 1).day))


@dataclass(frozen=True)
class BookingRow:
    pk: int
    agency_id: int
    name: str
    attended: bool
    course_id: int
    held: dt.date  # the session's date
    reaction: int | None  # the score on the day, 1-5
    followed_up: bool
    confirmed: bool  # by a line manager
    confidence_now: dict
    recorded_on: dt.date | None  # the follow-up's date


@dataclass(frozen=True)
class Record:
    needs: list[Need]  # with agency and level, in the order coverage lists them
    named_courses: dict[int, list[int]]  # need id -> the courses it names, if any
    courses: dict[int, Course]  # with level
    bookings: list[BookingRow]
    answers: list[tuple[int, int, dt.date]]  # before, after, the session's date


@dataclass
class CoverageRow:
    """Trained against need for one agency at one level."""

    agency: str
    level: Level
    role_groups: list[str]
    headcount: int
    trained: int = 0

    @property
    def percent(self) -> int:
        if not self.headcount:
            return 0
        return min(100, round(100 * self.trained / self.headcount))


@dataclass(frozen=True)
class Evaluations:
    reactions: list[int]
    answers: list[tuple[int, int]]
    practice: list[BookingRow]  # the bookings whose follow-up counts


def read(board: Board, *, evaluations: bool = True, needs_first: bool = False) -> Record:
    """Everything the board's training figures count; without `evaluations`, no answers
    (coverage needs none). With `needs_first`, a board with no needs analysis gets an empty
    record after one query: for parts that show nothing of training without one."""
    needs = list(
        Need.objects.filter(board=board)
        .select_related("agency", "level__scheme")
        .order_by("agency__name", "level__scheme__name", "level__number", "role_group")
    )
    if needs_first and not needs:
        return Record([], {}, {}, [], [])
    named: dict[int, list[int]] = defaultdict(list)
    links = Need.courses.through.objects.filter(need__board=board).order_by()
    for need_id, course_id in links.values_list("need_id", "course_id"):
        named[need_id].append(course_id)
    courses = {c.pk: c for c in Course.objects.filter(board=board).select_related("level")}
    rows = (
        Booking.objects.filter(session__course__board=board)
        .order_by()
        .values_list(
            "pk",
            "agency_id",
            "attendee_name",
            "attendance",
            "session__course_id",
            "session__date",
            "reaction__score",
            "follow_up__pk",
            "follow_up__manager_confirmed",
            "follow_up__confidence_now",
            "follow_up__recorded_on",
        )
    )
    bookings = [_booking_row(*values) for values in rows]
    answers: list[tuple[int, int, dt.date]] = []
    if evaluations:
        answers = list(
            Answer.objects.filter(booking__session__course__board=board)
            .order_by()
            .values_list("before", "after", "booking__session__date")
        )
    return Record(needs, dict(named), courses, bookings, answers)


def _booking_row(
    pk, agency_id, name, attendance, course_id, held, score, follow_up, confirmed, now, recorded_on
) -> BookingRow:
    return BookingRow(
        pk=pk,
        agency_id=agency_id,
        name=name,
        attended=attendance == Attendance.ATTENDED,
        course_id=course_id,
        held=held,
        reaction=score,
        followed_up=follow_up is not None,
        confirmed=bool(confirmed),
        confidence_now=now or {},
        recorded_on=recorded_on,
    )


_PAGE_RECORD = "_training_record"


def for_page(board: Board) -> Record:
    """The board's record, read once for all the parts of one page that count from it.

    Kept on the board object the request loaded (each request loads its own), so the board
    page's training panel and its report panel, which shows the last quarter's training,
    share one read; both show nothing of training until the board has a needs analysis.
    Only for pages: a write, or anything that reads after writing, calls `read`.
    """
    record = board.__dict__.get(_PAGE_RECORD)
    if record is None:
        record = board.__dict__[_PAGE_RECORD] = read(board, needs_first=True)
    return record


def _person_key(row: BookingRow) -> tuple:
    # One person who trained twice counts once; a place with no name is one person.
    return (row.agency_id, row.name.strip().lower() or f"#{row.pk}")


def coverage(record: Record, today: dt.date) -> list[CoverageRow]:
    """For each agency and level needed: the headcount needing it, and how many of the
    agency's staff attended a course that meets it within its refresh period."""
    by_agency_course: dict[tuple[int, int], list[tuple[tuple, dt.date]]] = defaultdict(list)
    for row in record.bookings:
        if row.attended and row.held <= today:
            by_agency_course[(row.agency_id, row.course_id)].append((_person_key(row), row.held))

    rows: dict[tuple[int, int], CoverageRow] = {}
    people: dict[tuple[int, int], set] = defaultdict(set)
    for need in record.needs:
        key = (need.agency_id, need.level_id)
        row = rows.get(key)
        if row is None:
            row = rows[key] = CoverageRow(need.agency.name, need.level, [], 0)
        row.role_groups.append(need.role_group)
        row.headcount += need.headcount
        named = record.named_courses.get(need.pk)
        meeting = (
            [record.courses[pk] for pk in named]
            if named
            else [
                c
                for c in record.courses.values()
                if c.level.scheme_id == need.level.scheme_id and c.level.number >= need.level.number
            ]
        )
        for course in meeting:
            since = months_before(today, need.refresh_months or course.refresh_months)
            for person, held in by_agency_course.get((need.agency_id, course.pk), []):
                if held > since:
                    people[key].add(person)
    for key, row in rows.items():
        row.trained = len(people[key])
    return list(rows.values())


def _within(day: dt.date | None, start: dt.date | None, end: dt.date | None) -> bool:
    return day is not None and (start is None or day >= start) and (end is None or day <= end)


def evaluations(
    record: Record,
    start: dt.date | None,
    end: dt.date | None,
    *,
    practice_recorded: bool = False,
) -> Evaluations:
    """The reactions, answers and follow-ups of sessions held from `start` to `end` (either
    end open when not given); with `practice_recorded`, the follow-ups recorded in that
    window instead, whenever their session was."""
    held = [row for row in record.bookings if _within(row.held, start, end)]
    practice_from = record.bookings if practice_recorded else held
    return Evaluations(
        reactions=[row.reaction for row in held if row.reaction is not None],
        answers=[(b, a) for b, a, day in record.answers if _within(day, start, end)],
        practice=[
            row
            for row in practice_from
            if row.followed_up and (not practice_recorded or _within(row.recorded_on, start, end))
        ],
    )
