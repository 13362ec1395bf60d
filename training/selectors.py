"""Reads for the training pages and the board's training figures."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, Q

from boards.models import Board
from training import record
from training.models import (
    Answer,
    Attendance,
    Booking,
    BookingStatus,
    Course,
    FollowUp,
    Need,
    Session,
)
from training.record import CoverageRow


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


def coverage(board: Board, today: dt.date) -> list[CoverageRow]:
    """For each agency and level needed: the headcount needing it, and how many of the
    agency's staff attended a course that meets it within its refresh period."""
    return record.coverage(record.read(board, evaluations=False, needs_first=True), today)


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
    counts as reactions, learning and follow-ups, asked in one query.

    Asked of the window's bookings, which each evaluation hangs from: half the time of
    three EXISTS over the same joins, on the yearly report's contents page."""
    held = Booking.objects.filter(
        session__course__board=board, session__date__gte=start, session__date__lte=end
    )
    answered = Exists(Answer.objects.filter(booking=OuterRef("pk")))
    return held.filter(Q(reaction__isnull=False) | Q(follow_up__isnull=False) | answered).exists()


def figures(
    board: Board,
    today: dt.date,
    start: dt.date | None = None,
    end: dt.date | None = None,
    *,
    practice_recorded: bool = False,
    detail: bool = True,
    read: record.Record | None = None,
) -> Figures:
    """The board's training figures: coverage as of `today`, and evaluations of sessions
    held from `start` to `end` (all of them when not given). With `practice_recorded`, the
    follow-ups on practice are those recorded from `start` to `end` instead, whenever their
    session was: what a quarter learnt of change in practice, six to eight weeks on.
    Without `detail` only the numbers are counted (a panel's summary): `follow_ups` and
    `results` stay empty. `read`: a record already read (training.record.for_page)."""
    rows = read or record.read(board)
    found = record.evaluations(rows, start, end, practice_recorded=practice_recorded)
    follow_ups: list[FollowUp] = []
    results: list[Course] = []
    if detail:
        recorded = Q(booking__session__course__board=board)
        if start:
            recorded &= Q(recorded_on__gte=start)
        if end:
            recorded &= Q(recorded_on__lte=end)
        practice = recorded if practice_recorded else _held_between(board, start, end)
        follow_ups = list(
            FollowUp.objects.filter(practice)
            .select_related("booking__agency", "booking__session__course", "amended_by")
            .order_by("-recorded_on", "-pk")
        )
        courses = sorted(rows.courses.values(), key=lambda c: (c.title, c.pk))
        results = [c for c in courses if c.results_indicator or c.results_note]
    scores, answers, practice = found.reactions, found.answers, found.practice
    later = [v for row in practice for v in row.confidence_now.values()]
    return Figures(
        confidence_later=_mean(sum(later), len(later)),
        later_count=len(later),
        coverage=record.coverage(rows, today),
        reaction_mean=_mean(sum(scores), len(scores)),
        reaction_count=len(scores),
        confidence_before=_mean(sum(a for a, _ in answers), len(answers)),
        confidence_after=_mean(sum(b for _, b in answers), len(answers)),
        learning_count=len(answers),
        follow_ups=follow_ups,
        follow_up_count=len(practice),
        confirmed_count=sum(1 for row in practice if row.confirmed),
        results=results,
    )
