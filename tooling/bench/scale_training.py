"""A scale board's training, in the demo's shape: a programme, a level scheme, courses, a
needs analysis per role group, and a session a year with attendance and evaluations at
levels 1-3, so the board page's training panel runs the same queries as on the demo."""

from __future__ import annotations

import datetime as dt
import random

from boards.models import Agency, Board
from training.models import (
    Answer,
    Attendance,
    Booking,
    BookingStatus,
    Course,
    FollowUp,
    Level,
    LevelScheme,
    Need,
    Programme,
    Question,
    Reaction,
    Session,
)

ROLE_GROUPS = ["Social workers", "Health visitors", "Teachers", "Police officers"]
# People booked on each of a board's three sessions a year unless asked otherwise.
TRAINED_PER_SESSION = 8


def generate_training(
    board: Board,
    agency: Agency,
    rng: random.Random,
    first_year: int,
    until: int,
    counts,
    per_session: int = TRAINED_PER_SESSION,
) -> None:
    """`per_session`: attendees booked on each session (three sessions a year)."""
    Programme.objects.create(board=board, lead_subgroup=board.subgroups.order_by("pk").first())
    scheme = LevelScheme.objects.create(board=board, name="Safeguarding training groups")
    levels = Level.objects.bulk_create(
        Level(scheme=scheme, number=n, name=f"Group {n}") for n in (1, 2, 3)
    )
    courses = Course.objects.bulk_create(
        Course(board=board, title=f"Working together, group {lv.number}", level=lv) for lv in levels
    )
    questions = Question.objects.bulk_create(
        Question(course=c, text="How confident are you to act on a concern?") for c in courses
    )
    needs = Need.objects.bulk_create(
        Need(
            board=board,
            agency=agency,
            role_group=group,
            level=levels[i % 3],
            headcount=rng.randint(10, 120),
        )
        for i, group in enumerate(ROLE_GROUPS)
    )
    for need in needs:
        need.courses.add(courses[need.level.number - 1])
    bookings = []
    for year in range(first_year, until + 1):
        for course in courses:
            session = Session.objects.create(
                course=course, date=dt.date(year, 6, 15), trainer="Trainer", capacity=20
            )
            bookings += Booking.objects.bulk_create(
                Booking(
                    session=session,
                    attendee_name=f"Attendee {n}",
                    agency=agency,
                    status=BookingStatus.BOOKED,
                    attendance=Attendance.ATTENDED,
                )
                for n in range(per_session)
            )
    Reaction.objects.bulk_create(Reaction(booking=b, score=rng.randint(3, 5)) for b in bookings)
    question_of = {q.course_id: q for q in questions}
    Answer.objects.bulk_create(
        Answer(booking=b, question=question_of[b.session.course_id], before=2, after=4)
        for b in bookings
    )
    FollowUp.objects.bulk_create(
        FollowUp(
            booking=b,
            what_changed="Asks the child's view at every visit.",
            recorded_on=b.session.date + dt.timedelta(days=49),
        )
        for b in bookings[::4]
    )
    counts["training bookings"] = counts.get("training bookings", 0) + len(bookings)
