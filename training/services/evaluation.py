"""Recording evaluations on Kirkpatrick's levels 1-3 for one attendee of a session.

Level 4 (results) is a property of the course (Course.results_indicator and results_note),
not of any one attendee.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from lscb import audit
from training.access import require_manager
from training.models import Answer, Attendance, Booking, FollowUp, Question, Reaction


def _require_attended(booking: Booking) -> None:
    if booking.attendance != Attendance.ATTENDED:
        raise ValidationError("Record attendance first: only those who attended evaluate.")


def _score(value: int | None, field: str) -> None:
    if value is None or not 1 <= value <= 5:
        raise ValidationError({field: "Choose a score from 1 to 5."})


def evaluation_record(
    *,
    booking: Booking,
    by,
    score: int,
    comment: str,
    answers: dict[int, tuple[int, int]],
) -> Reaction:
    """Levels 1 and 2: the reaction on the day, and confidence before and after on each of
    the course's questions (question id -> (before, after)). Saving again replaces them."""
    board = booking.session.course.board
    require_manager(by, board)
    _require_attended(booking)
    _score(score, "score")
    questions = {q.pk: q for q in Question.objects.filter(course_id=booking.session.course_id)}
    if set(answers) - set(questions):
        raise ValidationError("Some answers are to questions of another course.")
    for pk, (before, after) in answers.items():
        _score(before, f"before_{pk}")
        _score(after, f"after_{pk}")
    with transaction.atomic():
        reaction, _ = Reaction.objects.update_or_create(
            booking=booking, defaults={"score": score, "comment": comment.strip()}
        )
        Answer.objects.filter(booking=booking).delete()
        Answer.objects.bulk_create(
            Answer(booking=booking, question_id=pk, before=before, after=after)
            for pk, (before, after) in answers.items()
        )
        audit.record(
            actor=by,
            action="training.evaluation_record",
            summary=f"Evaluation recorded for {booking.display_name}, {booking.session}",
            obj=booking,
            board=board,
            changes={
                "score": score,
                "answers": {questions[pk].text: list(v) for pk, v in answers.items()},
            },
        )
    return reaction


def follow_up_record(
    *,
    booking: Booking,
    by,
    what_changed: str,
    example: str = "",
    manager_confirmed: bool = False,
    manager_name: str = "",
    on: dt.date | None = None,
) -> FollowUp:
    """Level 3: what changed in practice, 6-8 weeks after the session, optionally confirmed
    by the attendee's line manager. Saving again replaces it; an answer the attendee gave
    by link stays theirs, dated the day they gave it, and records who changed it and on
    what day."""
    board = booking.session.course.board
    require_manager(by, board)
    _require_attended(booking)
    if not what_changed.strip():
        raise ValidationError({"what_changed": "Say what has changed in practice."})
    if manager_confirmed and not manager_name.strip():
        raise ValidationError({"manager_name": "Enter the name of the manager who confirmed it."})
    day = on or dt.date.today()
    officer = by if by is not None and by.is_authenticated else None
    fields = {"what_changed": what_changed.strip(), "example": example.strip()}
    manager = {
        "manager_confirmed": manager_confirmed,
        "manager_name": manager_name.strip() if manager_confirmed else "",
    }
    with transaction.atomic():
        saved = FollowUp.objects.select_for_update().filter(booking=booking).first()
        before = saved.what_changed if saved else ""
        if saved is not None and saved.by_link:
            fields |= {"amended_by": officer, "amended_on": day}
            # The manager the attendee named, and their answer by link, stay as they are
            # unless the officer records a confirmation of their own.
            if manager_confirmed:
                fields |= manager
        else:
            fields |= {"recorded_on": day, "recorded_by": officer} | manager
        follow_up, _ = FollowUp.objects.update_or_create(booking=booking, defaults=fields)
        amended = "amended_on" in fields
        audit.record(
            actor=by,
            action="training.follow_up_record",
            summary=f"Change in practice {'amended' if amended else 'recorded'} for "
            f"{booking.display_name}, {booking.session}"
            + (" (answered by link)" if amended else ""),
            obj=booking,
            board=board,
            changes={"what_changed": [before, follow_up.what_changed]},
        )
    return follow_up
