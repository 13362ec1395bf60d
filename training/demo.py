"""The demo board's training programme, read from training/demo.yaml: level schemes,
courses with their confidence questions, the needs analysis, and sessions with bookings,
attendance and evaluations at levels 1-3.

Bookings, attendance and evaluations go through the training services as the officer, so a
session booked past capacity has its waiting list. Safe to run again: schemes, courses and
needs are found by name, and a session found by course and date is left as it is.
"""

from __future__ import annotations

import datetime as dt

from boards.models import Agency
from lscb import demo_files
from training.models import Course, Level, LevelScheme, Need, Programme, Question, Session
from training.services import bookings, evaluation
from workplans.models import Outcome

# The follow-up on practice comes 6-8 weeks after the session.
FOLLOW_UP_AFTER = dt.timedelta(weeks=7)


def load(context: dict) -> None:
    today = context["today"]
    data = demo_files.read("training", today)
    board = context["board"]
    officer = context["users"]["officer"]
    Programme.objects.get_or_create(
        board=board, defaults={"lead_subgroup": context["subgroups"][data["lead_subgroup"]]}
    )
    levels = _levels(board, data["schemes"])
    courses = {c["title"]: _course(board, levels, c) for c in data["courses"]}
    agencies = {a.name: a for a in Agency.objects.all()}
    for spec in data["needs"]:
        _need(board, levels, courses, agencies, spec, context.get("current_workplan"))
    for spec in data["sessions"]:
        course = courses[spec["course"]]
        if not Session.objects.filter(course=course, date=spec["date"]).exists():
            _session(course, agencies, officer, spec, today)


def _levels(board, schemes: list[dict]) -> dict[tuple[str, int], Level]:
    found = {}
    for spec in schemes:
        scheme, _ = LevelScheme.objects.get_or_create(board=board, name=spec["name"])
        for level in spec["levels"]:
            found[(scheme.name, level["number"])], _ = Level.objects.get_or_create(
                scheme=scheme,
                number=level["number"],
                defaults={"name": level["name"], "description": level.get("description", "")},
            )
    return found


def _course(board, levels, spec: dict) -> Course:
    course, created = Course.objects.get_or_create(
        board=board,
        title=spec["title"],
        defaults={
            "level": levels[(spec["scheme"], spec["level"])],
            "refresh_months": spec["refresh_months"],
            "summary": spec.get("summary", ""),
            "results_indicator": spec.get("results_indicator", ""),
            "results_note": spec.get("results_note", ""),
        },
    )
    if created:
        Question.objects.bulk_create(
            Question(course=course, text=text, order=n)
            for n, text in enumerate(spec.get("questions", []), start=1)
        )
    return course


def _need(board, levels, courses, agencies, spec: dict, workplan) -> None:
    outcome = None
    if spec.get("outcome") and workplan is not None:
        outcome = Outcome.objects.filter(
            workplan=workplan, title__startswith=spec["outcome"]
        ).first()
    need, created = Need.objects.get_or_create(
        board=board,
        agency=agencies[spec["agency"]],
        role_group=spec["role_group"],
        level=levels[(spec["scheme"], spec["level"])],
        defaults={
            "headcount": spec["headcount"],
            "refresh_months": spec.get("refresh_months"),
            "outcome": outcome,
        },
    )
    if created:
        need.courses.set(courses[title] for title in spec.get("courses", []))


def _session(course, agencies, officer, spec: dict, today) -> None:
    session = Session.objects.create(
        course=course,
        date=spec["date"],
        trainer=spec["trainer"],
        venue=spec.get("venue", ""),
        online_link=spec.get("online_link", ""),
        capacity=spec["capacity"],
    )
    made = [
        (
            bookings.booking_create(
                session=session,
                by=officer,
                attendee_name=b.get("name", ""),
                agency=agencies[b["agency"]],
                attendee_email=b.get("email", ""),
            ),
            b,
        )
        for b in spec["bookings"]
    ]
    register = {
        booking.pk: "attended" if b["attended"] else "did_not_attend"
        for booking, b in made
        if "attended" in b
    }
    if register:
        bookings.attendance_record(session=session, by=officer, attended=register, today=today)
    questions = list(course.questions.values_list("pk", flat=True))
    for booking, b in made:
        if not b.get("attended"):
            continue
        booking.refresh_from_db()
        if "reaction" in b:
            evaluation.evaluation_record(
                booking=booking,
                by=officer,
                score=b["reaction"]["score"],
                comment=b["reaction"].get("comment", ""),
                answers={
                    q: tuple(pair)
                    for q, pair in zip(questions, b.get("learning", []), strict=False)
                },
            )
        if "follow_up" in b:
            follow = b["follow_up"]
            evaluation.follow_up_record(
                booking=booking,
                by=officer,
                what_changed=follow["what_changed"],
                example=follow.get("example", ""),
                manager_confirmed="manager" in follow,
                manager_name=follow.get("manager", ""),
                on=min(session.date + FOLLOW_UP_AFTER, today),
            )
