"""The officer's side of the programme: the needs analysis, the courses and their sessions.

Forms check the shape of what was typed (training.authoring_forms); these check the rules
that hold whoever calls them: the right to manage the board's training, that every row it
names is the board's own, and that a session never holds fewer places than are booked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction

from boards.models import Agency, Board
from lscb import audit
from reviews.models import Recommendation
from training.access import require_manager
from training.models import BookingStatus, Course, Level, Need, Session
from training.services.bookings import promote_waiting
from workplans.models import Outcome


def _snapshot(obj, fields: Iterable[str]) -> dict[str, str]:
    return {name: str(getattr(obj, name) or "") for name in fields}


def _changes(before: dict[str, str], after: dict[str, str]) -> dict[str, list[str]]:
    return {k: [before.get(k, ""), v] for k, v in after.items() if before.get(k, "") != v}


def _own(board: Board, *, level: Level | None = None, courses=(), outcome=None, rec=None):
    """Refuse a level, course, outcome or recommendation of another board."""
    errors = {}
    if level is not None and level.scheme.board_id != board.pk:
        errors["level"] = "Choose one of this board's levels."
    if any(c.board_id != board.pk for c in courses):
        errors["courses"] = "Choose only this board's courses."
    if outcome is not None and outcome.workplan.board_id != board.pk:
        errors["outcome"] = "Choose an outcome of one of this board's workplans."
    if rec is not None and rec.review.board_id != board.pk:
        errors["recommendation"] = "Choose a recommendation of one of this board's reviews."
    if errors:
        raise ValidationError(errors)


NEED_FIELDS = ("agency", "role_group", "level", "headcount", "refresh_months", "notes")


def need_save(
    *,
    board: Board,
    by,
    need: Need | None = None,
    agency: Agency,
    role_group: str,
    level: Level,
    headcount: int,
    courses: Iterable[Course] = (),
    refresh_months: int | None = None,
    outcome: Outcome | None = None,
    recommendation: Recommendation | None = None,
    notes: str = "",
) -> Need:
    """Add a row to the needs analysis, or change one (`need`)."""
    require_manager(by, board)
    courses = list(courses)
    _own(board, level=level, courses=courses, outcome=outcome, rec=recommendation)
    role_group = role_group.strip()
    clash = Need.objects.filter(board=board, agency=agency, role_group=role_group, level=level)
    if need is not None:
        clash = clash.exclude(pk=need.pk)
    if clash.exists():
        raise ValidationError(
            {
                "role_group": f"{agency}'s {role_group} already have a row at this level: "
                "change that row instead."
            }
        )
    with transaction.atomic():
        if need is None:
            row, before = Need(board=board), {}
        else:
            row = Need.objects.select_for_update().get(pk=need.pk, board=board)
            before = _snapshot(row, NEED_FIELDS) | {
                "courses": "; ".join(c.title for c in row.courses.order_by("title"))
            }
        row.agency, row.role_group, row.level = agency, role_group, level
        row.headcount, row.refresh_months, row.notes = headcount, refresh_months, notes
        row.outcome, row.recommendation = outcome, recommendation
        row.save()
        row.courses.set(courses)
        after = _snapshot(row, NEED_FIELDS) | {
            "courses": "; ".join(sorted(c.title for c in courses))
        }
        audit.record(
            actor=by,
            action="training.need_add" if need is None else "training.need_change",
            summary=f"{'Added' if need is None else 'Changed'} the training need of "
            f"{agency}'s {role_group}",
            obj=row,
            board=board,
            changes=_changes(before, after),
        )
    return row


def need_delete(*, need: Need, by) -> None:
    """Take a row out of the needs analysis (bookings and evaluations are untouched)."""
    board = need.board
    require_manager(by, board)
    with transaction.atomic():
        audit.record(
            actor=by,
            action="training.need_delete",
            summary=f"Removed the training need of {need.agency}'s {need.role_group}",
            obj=need,
            board=board,
            changes=_snapshot(need, NEED_FIELDS),
        )
        Need.objects.filter(pk=need.pk, board=board).delete()


COURSE_FIELDS = (
    "title",
    "level",
    "refresh_months",
    "summary",
    "results_indicator",
    "results_note",
)


def course_save(
    *,
    board: Board,
    by,
    course: Course | None = None,
    title: str,
    level: Level,
    refresh_months: int,
    summary: str = "",
    results_indicator: str = "",
    results_note: str = "",
) -> Course:
    """Add a course to the board's programme, or change one (`course`)."""
    require_manager(by, board)
    _own(board, level=level)
    title = title.strip()
    clash = Course.objects.filter(board=board, title__iexact=title)
    if course is not None:
        clash = clash.exclude(pk=course.pk)
    if clash.exists():
        raise ValidationError({"title": "The board already has a course with this title."})
    with transaction.atomic():
        if course is None:
            row, before = Course(board=board), {}
        else:
            row = Course.objects.select_for_update().get(pk=course.pk, board=board)
            before = _snapshot(row, COURSE_FIELDS)
        row.title, row.level, row.refresh_months = title, level, refresh_months
        row.summary, row.results_note = summary, results_note
        row.results_indicator = results_indicator.strip().upper()
        row.save()
        audit.record(
            actor=by,
            action="training.course_add" if course is None else "training.course_change",
            summary=f"{'Added' if course is None else 'Changed'} the course {title}",
            obj=row,
            board=board,
            changes=_changes(before, _snapshot(row, COURSE_FIELDS)),
        )
    return row


SESSION_FIELDS = ("course", "date", "trainer", "venue", "online_link", "capacity")


def session_save(
    *,
    board: Board,
    by,
    session: Session | None = None,
    course: Course,
    date: dt.date,
    trainer: str,
    capacity: int,
    venue: str = "",
    online_link: str = "",
) -> Session:
    """Add a session of a course, or change one (`session`). More places move the first
    of those waiting onto the session; fewer than are booked are refused."""
    require_manager(by, board)
    if course.board_id != board.pk:
        raise ValidationError({"course": "Choose one of this board's courses."})
    if not venue.strip() and not online_link.strip():
        raise ValidationError({"venue": "Give the venue, or a link for an online session."})
    with transaction.atomic():
        if session is None:
            row, before = Session(), {}
        else:
            row = Session.objects.select_for_update().get(pk=session.pk, course__board=board)
            before = _snapshot(row, SESSION_FIELDS)
            booked = row.bookings.filter(status=BookingStatus.BOOKED).count()
            if capacity < booked:
                raise ValidationError(
                    {
                        "capacity": f"{booked} places are booked: give at least {booked} "
                        "places, or cancel bookings first."
                    }
                )
        row.course, row.date, row.trainer = course, date, trainer.strip()
        row.venue, row.online_link, row.capacity = venue.strip(), online_link.strip(), capacity
        row.save()
        audit.record(
            actor=by,
            action="training.session_add" if session is None else "training.session_change",
            summary=f"{'Added' if session is None else 'Changed'} the session {row}",
            obj=row,
            board=board,
            changes=_changes(before, _snapshot(row, SESSION_FIELDS)),
        )
        if session is not None:
            promote_waiting(row, by, board)
    return row
