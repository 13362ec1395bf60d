"""Reads for the training pages and the board's training figures."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, Prefetch, Q

from boards.models import Board
from lscb.vocab import month_end
from training.models import (
    Answer,
    Attendance,
    Booking,
    BookingStatus,
    Course,
    FollowUp,
    Level,
    Need,
    Reaction,
    Session,
)


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` earlier (the month's last day when it has no such day)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, month_end(year, month + 1).day))


def needs(board: Board, *, with_aims: bool = False) -> list[Need]:
    """The board's training needs; `with_aims` adds the outcome or review recommendation
    each answers (the list shows them; coverage, cached on the board's own area, does not
    read them)."""
    aims = ("outcome", "recommendation__review") if with_aims else ()
    return list(
        Need.objects.filter(board=board)
        .select_related("agency", "level__scheme", *aims)
        .prefetch_related(Prefetch("courses", queryset=Course.objects.order_by("title")))
        .order_by("agency__name", "level__scheme__name", "level__number", "role_group")
    )


def courses(board: Board) -> list[Course]:
    return list(
        Course.objects.filter(board=board)
        .select_related("level__scheme")
        .annotate(session_count=Count("sessions"))
        .order_by("title")
    )


def sessions(board: Board) -> list[Session]:
    return list(
        Session.objects.filter(course__board=board)
        .select_related("course__level__scheme")
        .annotate(
            booked=Count("bookings", filter=Q(bookings__status=BookingStatus.BOOKED)),
            waiting=Count("bookings", filter=Q(bookings__status=BookingStatus.WAITING)),
            attended=Count("bookings", filter=Q(bookings__attendance=Attendance.ATTENDED)),
        )
        .order_by("-date", "course__title")
    )


def session_bookings(session: Session) -> dict[str, list[Booking]]:
    """The session's bookings by status, each list in booking order, with evaluations."""
    found: dict[str, list[Booking]] = {s: [] for s in BookingStatus.values}
    rows = (
        session.bookings.select_related("agency", "reaction", "follow_up__amended_by")
        .annotate(answer_count=Count("answers"))
        .order_by("booked_at", "pk")
    )
    for booking in rows:
        found[booking.status].append(booking)
    return found


# The practice follow-up is asked for between six and eight weeks after the session.
FOLLOW_UP_AFTER = (dt.timedelta(weeks=6), dt.timedelta(weeks=8))


def follow_ups_due(today: dt.date) -> list[int]:
    """Bookings whose attendee is due their follow-up link today: attended 6 to 8 weeks
    ago, with an email address, not yet sent one and not yet answered."""
    soonest, latest = FOLLOW_UP_AFTER
    return list(
        Booking.objects.filter(
            status=BookingStatus.BOOKED,
            attendance=Attendance.ATTENDED,
            follow_up_sent_at__isnull=True,
            follow_up__isnull=True,
            session__date__range=(today - latest, today - soonest),
        )
        .exclude(attendee_email="")
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def awaiting_follow_up_link(session: Session, booked: list[Booking]) -> int:
    """How many of a held session's attendees (`booked`, from session_bookings) an officer
    could send the follow-up link to now; no query."""
    if not session.is_held:
        return 0
    return sum(
        1
        for b in booked
        if b.attendance == Attendance.ATTENDED
        and b.attendee_email
        and b.follow_up_sent_at is None
        and getattr(b, "follow_up", None) is None
    )


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


@dataclass
class Figures:
    coverage: list[CoverageRow]
    reaction_mean: float | None
    reaction_count: int
    confidence_before: float | None
    confidence_after: float | None
    learning_count: int
    follow_ups: list[FollowUp]  # empty unless asked for in detail (see `figures`)
    confirmed_count: int
    results: list[Course] = field(default_factory=list)
    # Level 3: confidence on the course's questions at the follow-up, 1-5, and how many
    # answers that mean is of.
    confidence_later: float | None = None
    later_count: int = 0
    follow_up_count: int = 0

    @property
    def headcount(self) -> int:
        return sum(r.headcount for r in self.coverage)

    @property
    def trained(self) -> int:
        return sum(min(r.trained, r.headcount) for r in self.coverage)

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.trained / self.headcount)) if self.headcount else 0


def _person_key(agency_id: int, name: str, booking_id: int) -> tuple:
    # One person who trained twice counts once; a place with no name is one person.
    return (agency_id, name.strip().lower() or f"#{booking_id}")


def coverage(board: Board, today: dt.date) -> list[CoverageRow]:
    """For each agency and level needed: the headcount needing it, and how many of the
    agency's staff attended a course that meets it within its refresh period."""
    all_needs = needs(board)
    board_courses = {c.pk: c for c in Course.objects.filter(board=board).select_related("level")}
    attended = (
        Booking.objects.filter(
            session__course__board=board,
            attendance=Attendance.ATTENDED,
            session__date__lte=today,
        )
        .values_list("pk", "agency_id", "attendee_name", "session__course_id", "session__date")
        .order_by()
    )
    by_agency_course: dict[tuple[int, int], list[tuple[tuple, dt.date]]] = defaultdict(list)
    for pk, agency_id, name, course_id, date in attended:
        by_agency_course[(agency_id, course_id)].append((_person_key(agency_id, name, pk), date))

    rows: dict[tuple[int, int], CoverageRow] = {}
    people: dict[tuple[int, int], set] = defaultdict(set)
    for need in all_needs:
        key = (need.agency_id, need.level_id)
        row = rows.get(key)
        if row is None:
            row = rows[key] = CoverageRow(need.agency.name, need.level, [], 0)
        row.role_groups.append(need.role_group)
        row.headcount += need.headcount
        meeting = list(need.courses.all()) or [
            c
            for c in board_courses.values()
            if c.level.scheme_id == need.level.scheme_id and c.level.number >= need.level.number
        ]
        for course in meeting:
            months = need.refresh_months or course.refresh_months
            since = months_before(today, months)
            for person, date in by_agency_course.get((need.agency_id, course.pk), []):
                if date > since:
                    people[key].add(person)
    for key, row in rows.items():
        row.trained = len(people[key])
    return list(rows.values())


def _mean(total, count) -> float | None:
    return round(total / count, 1) if count else None


def _held_between(board: Board, start: dt.date | None, end: dt.date | None) -> Q:
    """Evaluations (reactions, answers, follow-ups) of the board's sessions held from
    `start` to `end`, either end open when not given."""
    window = Q(booking__session__course__board=board)
    if start:
        window &= Q(booking__session__date__gte=start)
    if end:
        window &= Q(booking__session__date__lte=end)
    return window


def evaluated(board: Board, start: dt.date, end: dt.date) -> bool:
    """Whether any session held from `start` to `end` was evaluated at all: what `figures`
    counts as reactions, learning and follow-ups, asked in one query."""
    window = _held_between(board, start, end)
    any_of = [Exists(model.objects.filter(window)) for model in (Reaction, Answer, FollowUp)]
    return Board.objects.filter(pk=board.pk).filter(any_of[0] | any_of[1] | any_of[2]).exists()


def figures(
    board: Board,
    today: dt.date,
    start: dt.date | None = None,
    end: dt.date | None = None,
    *,
    practice_recorded: bool = False,
    detail: bool = True,
) -> Figures:
    """The board's training figures: coverage as of `today`, and evaluations of sessions
    held from `start` to `end` (all of them when not given). With `practice_recorded`, the
    follow-ups on practice are those recorded from `start` to `end` instead, whenever their
    session was: what a quarter learnt of change in practice, six to eight weeks on.
    Without `detail` only the numbers are read (a panel's summary): `follow_ups` and
    `results` stay empty, and no follow-up or course is loaded as an object."""
    window = _held_between(board, start, end)
    recorded = Q(booking__session__course__board=board)
    if start:
        recorded &= Q(recorded_on__gte=start)
    if end:
        recorded &= Q(recorded_on__lte=end)
    practice = recorded if practice_recorded else window
    reactions = Reaction.objects.filter(window).order_by().values_list("score", flat=True)
    scores = list(reactions)
    answers = list(Answer.objects.filter(window).order_by().values_list("before", "after"))
    follow_ups: list[FollowUp] = []
    results: list[Course] = []
    if detail:
        follow_ups = list(
            FollowUp.objects.filter(practice)
            .select_related("booking__agency", "booking__session__course", "amended_by")
            .order_by("-recorded_on", "-pk")
        )
        practice_rows = [(f.manager_confirmed, f.confidence_now) for f in follow_ups]
        results = [
            c
            for c in Course.objects.filter(board=board).order_by("title")
            if c.results_indicator or c.results_note
        ]
    else:
        practice_rows = list(
            FollowUp.objects.filter(practice)
            .order_by()
            .values_list("manager_confirmed", "confidence_now")
        )
    later = [v for _, now in practice_rows for v in now.values()]
    return Figures(
        confidence_later=_mean(sum(later), len(later)),
        later_count=len(later),
        coverage=coverage(board, today),
        reaction_mean=_mean(sum(scores), len(scores)),
        reaction_count=len(scores),
        confidence_before=_mean(sum(a for a, _ in answers), len(answers)),
        confidence_after=_mean(sum(b for _, b in answers), len(answers)),
        learning_count=len(answers),
        follow_ups=follow_ups,
        follow_up_count=len(practice_rows),
        confirmed_count=sum(1 for confirmed, _ in practice_rows if confirmed),
        results=results,
    )
