"""What anyone may read without signing in: only what a board has published.

Every query here names its own filter for "published"; nothing else of a board is reachable
from the public pages, whatever id is guessed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from boards.meeting_models import AgendaItem, AgendaPaper, Meeting, MeetingStatus
from boards.models import SEAT_ROLES, Board, Membership, Role
from reporting.models import YearlyReport
from reviews.models import Review, ReviewKind

# Practice reviews whose reports are published under Working Together.
PUBLISHED_REVIEW_KINDS = (ReviewKind.SERIOUS_CASE_REVIEW, ReviewKind.PRACTICE_REVIEW)


def public_board(slug: str) -> Board:
    fields = ("pk", "slug", "name", "area", "data_version")
    return get_object_or_404(Board.objects.only(*fields), slug=slug)


def published_yearly_reports(board: Board) -> QuerySet[YearlyReport]:
    return YearlyReport.objects.filter(board=board, status=YearlyReport.Status.PUBLISHED).exclude(
        published_html=""
    )


def published_yearly_report(board: Board, year: int) -> YearlyReport:
    return get_object_or_404(published_yearly_reports(board), year=year)


def published_reviews(board: Board) -> QuerySet[Review]:
    return Review.objects.filter(
        board=board, kind__in=PUBLISHED_REVIEW_KINDS, published_date__isnull=False
    ).order_by("-published_date", "-pk")


@dataclass(frozen=True)
class PublicMember:
    name: str  # empty for a lay member who has not agreed to be named
    role: str
    agency: str


def public_members(board: Board, today: dt.date | None = None) -> list[PublicMember]:
    """The board's current seats: name, role and agency, never contact details. Lay members
    are listed by role alone."""
    rows = (
        Membership.objects.current(today)
        .filter(board=board, subgroup__isnull=True, role__in=SEAT_ROLES)
        .select_related("person", "agency")
    )
    order = {role: i for i, role in enumerate(Role.values)}
    return [
        PublicMember(
            name="" if m.role == Role.LAY_MEMBER else m.person.name,
            role=m.title or m.get_role_display(),
            agency=m.agency.name if m.agency else "",
        )
        for m in sorted(rows, key=lambda m: (order[m.role], m.person.name))
    ]


# A board meeting's agenda is public from the day it is published (LGA 1972 s100B).
PUBLIC_MEETING_STATUSES = (
    MeetingStatus.AGENDA_PUBLISHED,
    MeetingStatus.HELD,
    MeetingStatus.MINUTES_APPROVED,
)


def public_meetings(board: Board, today: dt.date, *, months: int = 12) -> list[Meeting]:
    """The board's own meetings with a published agenda, from a year ago on, each with its
    items and the papers of the items taken in public (three queries)."""
    since = today - dt.timedelta(days=round(months * 30.5))
    papers = AgendaPaper.objects.filter(item__exempt_paragraph__isnull=True)
    return list(
        Meeting.objects.filter(
            board=board,
            subgroup__isnull=True,
            status__in=PUBLIC_MEETING_STATUSES,
            date__gte=since,
        )
        .order_by("-date", "-start_time")
        .prefetch_related(
            Prefetch(
                "items",
                queryset=AgendaItem.objects.order_by("number", "pk").prefetch_related(
                    Prefetch("papers", queryset=papers)
                ),
            )
        )
    )


def public_paper(board: Board, pk: int) -> AgendaPaper:
    """A paper of an item taken in public at one of the board's own meetings whose agenda is
    published; anything else is 404, whatever id is guessed."""
    return get_object_or_404(
        AgendaPaper.objects.select_related("item__meeting"),
        pk=pk,
        item__exempt_paragraph__isnull=True,
        item__meeting__board=board,
        item__meeting__subgroup__isnull=True,
        item__meeting__status__in=PUBLIC_MEETING_STATUSES,
    )
