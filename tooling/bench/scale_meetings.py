"""A scale board's meetings, voice records and yearly report, in the demo's shape: four board
meetings a year with an agenda (one item taken in private), attendance and a declaration, a
meeting ahead with its agenda out, two "you said, we did" records a year, and a draft yearly
report for the last full year with a section written, so the meeting, attendance, voice
and yearly report pages run the same queries as on the demo."""

from __future__ import annotations

import datetime as dt
import random

from boards.meeting_models import (
    AgendaItem,
    Attendance,
    AttendanceKind,
    Declaration,
    Meeting,
    MeetingStatus,
    Minute,
)
from boards.models import Access, Board, Membership
from reporting.models import YearlyReport, YearlySection, YearlySectionKey
from reviews.models import Action
from voice.models import Method, VoiceRecord

AGENDA = [
    ("Apologies, declarations of interest and minutes of the last meeting", None),
    ("A practice review panel's recommendation on a new referral", 2),
    ("The quarter's safeguarding dataset and what it tells us", None),
]


def generate_meetings(
    board: Board, rng: random.Random, first_year: int, until: int, counts: dict[str, int]
) -> None:
    seats = list(
        Membership.objects.filter(board=board, subgroup__isnull=True).select_related("person")
    )
    people = [m.person for m in seats]
    today = dt.date.today()
    meetings = []
    for year in range(first_year, until + 1):
        for month in (6, 9, 12, 15):  # the middle month of each quarter, 15 = March next year
            date = dt.date(year + (month > 12), (month - 1) % 12 + 1, 15)
            held = date < today
            published = date - dt.timedelta(days=10)
            meetings.append(
                Meeting(
                    board=board,
                    date=date,
                    venue="Civic Centre, Committee Room B",
                    status=MeetingStatus.HELD
                    if held
                    else (
                        MeetingStatus.AGENDA_PUBLISHED
                        if published <= today
                        else MeetingStatus.PLANNED
                    ),
                    agenda_published_on=published if published <= today else None,
                    quorum_met=True if held else None,
                )
            )
    meetings = Meeting.objects.bulk_create(meetings)
    items = AgendaItem.objects.bulk_create(
        AgendaItem(meeting=m, number=n, title=title, exempt_paragraph=paragraph)
        for m in meetings
        for n, (title, paragraph) in enumerate(AGENDA, start=1)
    )
    held = [m for m in meetings if m.status == MeetingStatus.HELD]
    attendance = []
    for meeting in held:
        away = set(rng.sample(range(len(people)), 2))
        attendance += [
            Attendance(
                meeting=meeting,
                person=person,
                kind=AttendanceKind.APOLOGIES if i in away else AttendanceKind.PRESENT,
            )
            for i, person in enumerate(people)
        ]
    Attendance.objects.bulk_create(attendance)
    exempt = {i.meeting_id: i for i in items if i.exempt_paragraph}
    Declaration.objects.bulk_create(
        Declaration(
            meeting=m,
            person=rng.choice(people),
            item=exempt[m.pk],
            interest="Knows the family named in the referral through their work.",
        )
        for m in held
    )
    _minutes(board, held, items, officer=_officer(seats), today=today)
    _voice(board, first_year, until)
    _yearly(board, until)
    counts["meetings"] = counts.get("meetings", 0) + len(meetings)
    counts["attendance"] = counts.get("attendance", 0) + len(attendance)


def _officer(seats: list[Membership]):
    return next(m.person for m in seats if m.access == Access.OFFICER)


def _minutes(board, held, items, *, officer, today) -> None:
    """Every held meeting minuted item by item, with a decision for the officer under its
    second item, as the demo's meetings are; all but the last have approved minutes."""
    held_ids = {m.pk for m in held}
    minutes = Minute.objects.bulk_create(
        Minute(item=i, discussion=f"What was discussed under item {i.number}.")
        for i in items
        if i.meeting_id in held_ids
    )
    decisions = Action.objects.bulk_create(
        Action(
            board=board,
            minute=m,
            what="Report back to the board on what the audit found.",
            agency=officer.agency,
            timescale=today + dt.timedelta(days=30),
        )
        for m in minutes
        if m.item.number == 2
    )
    Action.responsible_people.through.objects.bulk_create(
        Action.responsible_people.through(action_id=a.pk, person_id=officer.pk) for a in decisions
    )
    latest = max((m.date for m in held), default=None)
    Meeting.objects.filter(pk__in=[m.pk for m in held if m.date != latest]).update(
        status=MeetingStatus.MINUTES_APPROVED
    )


def _voice(board: Board, first_year: int, until: int) -> None:
    outcome = board.workplans.order_by("-start").first().outcomes.order_by("pk").first()
    records = VoiceRecord.objects.bulk_create(
        VoiceRecord(
            board=board,
            title=f"{what} {year}",
            date=dt.date(year, month, 10),
            who=who,
            number_heard=heard,
            age_from=age_from,
            age_to=age_to,
            method=method,
            you_said=said,
            we_did=did,
            public=True,
        )
        for year in range(first_year, until + 1)
        for what, month, who, heard, age_from, age_to, method, said, did in (
            (
                "Children in care council",
                7,
                "Children in care",
                14,
                11,
                17,
                Method.FORUM,
                "Reviews were held at school, where friends could see.",
                "Reviews now meet where the young person chooses.",
            ),
            (
                "Young people's survey on feeling safe",
                11,
                "Secondary school pupils",
                420,
                11,
                16,
                Method.SURVEY,
                "They did not know whom to tell about harm online.",
                "Every school now names a trusted adult in its assemblies.",
            ),
        )
    )
    if outcome is not None:
        for record in records:
            record.outcomes.add(outcome)


def _yearly(board: Board, until: int) -> None:
    report = YearlyReport.objects.create(board=board, year=until - 1)
    YearlySection.objects.create(
        report=report,
        key=YearlySectionKey.ARRANGEMENTS,
        narrative="The partnership met four times; every meeting was quorate.",
    )
