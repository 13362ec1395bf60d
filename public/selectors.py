"""What anyone may read without signing in: only what a board has published.

Every query here names its own filter for "published"; nothing else of a board is reachable
from the public pages, whatever id is guessed.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from boards.meeting_models import AgendaItem, AgendaPaper, Meeting, MeetingStatus
from boards.models import SEAT_ROLES, Board, Membership, Role
from reporting.models import YearlyReport
from reporting.pack_models import MeetingPack, PackKind, minutes_digest
from reviews.clocks import PUBLISHED_KINDS
from reviews.models import Action, Review


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
        board=board, kind__in=PUBLISHED_KINDS, published_date__isnull=False
    ).order_by("-published_date", "-pk")


@dataclass(frozen=True)
class PublicMember:
    name: str  # empty for a lay member who has not agreed to be named
    role: str
    agency: str


def public_members(board: Board, today: dt.date | None = None) -> list[PublicMember]:
    """The board's current seats: name, role and agency, never contact details. A lay member
    is named only once they have agreed (Person.public_name_consent_on), else by role alone."""
    rows = (
        Membership.objects.current(today)
        .filter(board=board, subgroup__isnull=True, role__in=SEAT_ROLES)
        .select_related("person", "agency")
    )
    order = {role: i for i, role in enumerate(Role.values)}
    return [
        PublicMember(
            name=m.person.name if _may_be_named(m) else "",
            role=m.title or m.get_role_display(),
            agency=m.agency.name if m.agency else "",
        )
        for m in sorted(rows, key=lambda m: (order[m.role], m.person.name))
    ]


def _may_be_named(membership: Membership) -> bool:
    consented = membership.person.public_name_consent_on is not None
    return membership.role != Role.LAY_MEMBER or consented


# A board meeting's agenda is public from the day it is published (LGA 1972 s100B).
PUBLIC_MEETING_STATUSES = (
    MeetingStatus.AGENDA_PUBLISHED,
    MeetingStatus.HELD,
    MeetingStatus.MINUTES_APPROVED,
)


def public_meetings(board: Board, today: dt.date, *, months: int = 12) -> list[Meeting]:
    """The board's own meetings with a published agenda, from a year ago on, each with its
    items (`public_items`), the papers of the items taken in public (`public_papers`), its
    public agenda pack once one is ready (`public_pack`) and, once the minutes are
    approved, its public minutes (`public_minutes`). Five queries whatever the board
    holds, filtered alike rather than prefetched, so a board with no such meeting runs the
    same queries as one with many."""
    since = today - dt.timedelta(days=round(months * 30.5))
    shown = {
        "board": board,
        "subgroup__isnull": True,
        "status__in": PUBLIC_MEETING_STATUSES,
        "date__gte": since,
    }
    meetings = list(Meeting.objects.filter(**shown).order_by("-date", "-start_time"))
    items = AgendaItem.objects.filter(
        **{f"meeting__{k}": v for k, v in shown.items()}
    ).select_related("minute")
    papers = AgendaPaper.objects.filter(
        item__exempt_paragraph__isnull=True,
        **{f"item__meeting__{k}": v for k, v in shown.items()},
    ).order_by("added_at", "pk")
    by_item: dict[int, list[AgendaPaper]] = defaultdict(list)
    for paper in papers:
        by_item[paper.item_id].append(paper)
    # The decisions under each minute, which the public minutes show and must still match.
    decisions: dict[int, list[Action]] = defaultdict(list)
    for action in Action.objects.filter(
        **{f"minute__item__meeting__{k}": v for k, v in shown.items()}
    ).only("pk", "version", "withdrawn_at", "minute_id"):
        decisions[action.minute_id].append(action)
    by_meeting: dict[int, list[AgendaItem]] = defaultdict(list)
    for item in items.order_by("number", "pk"):
        item.public_papers = by_item[item.pk]
        by_meeting[item.meeting_id].append(item)
    packs = {
        (pack.meeting_id, pack.kind): pack
        for pack in _ready_public_packs().filter(**{f"meeting__{k}": v for k, v in shown.items()})
    }
    for meeting in meetings:
        meeting.public_items = by_meeting[meeting.pk]
        pack = packs.get((meeting.pk, PackKind.PUBLIC))
        shown_items = [(item, item.public_papers) for item in meeting.public_items]
        meeting.public_pack = pack if pack and pack.matches(meeting, shown_items) else None
        minutes = packs.get((meeting.pk, PackKind.PUBLIC_MINUTES))
        current = minutes is not None and _minutes_current(
            minutes, meeting, meeting.public_items, decisions
        )
        meeting.public_minutes = minutes if current else None
    return meetings


def _ready_public_packs() -> QuerySet[MeetingPack]:
    """Ready public agenda packs and public minutes."""
    return MeetingPack.objects.filter(
        kind__in=(PackKind.PUBLIC, PackKind.PUBLIC_MINUTES), ready_at__isnull=False
    ).exclude(pdf="")


def _minutes_current(pack: MeetingPack, meeting: Meeting, items, decisions) -> bool:
    """Minutes are public once approved, and only as made from the minutes as they stand."""
    return meeting.status == MeetingStatus.MINUTES_APPROVED and (
        pack.agenda_digest
        == minutes_digest(meeting, items, includes_exempt=False, decisions=decisions)
    )


def public_pack(board: Board, meeting_pk: int) -> MeetingPack:
    """The public agenda pack of one of the board's own meetings whose agenda is published,
    made from the agenda as it stands; anything else (a members' pack, a subgroup's meeting,
    an agenda not yet published, a pack made before an item was changed or taken into
    private) is 404, whatever id is guessed."""
    pack = get_object_or_404(
        _ready_public_packs().select_related("meeting__board"),
        kind=PackKind.PUBLIC,
        meeting__pk=meeting_pk,
        meeting__board=board,
        meeting__subgroup__isnull=True,
        meeting__status__in=PUBLIC_MEETING_STATUSES,
    )
    items = AgendaItem.objects.filter(meeting=pack.meeting).order_by("number", "pk")
    shown = [
        (item, [] if item.is_exempt else item.papers.all())
        for item in items.prefetch_related("papers")
    ]
    if not pack.matches(pack.meeting, shown):
        raise Http404("The agenda has changed since this pack was made.")
    return pack


def public_minutes(board: Board, meeting_pk: int) -> MeetingPack:
    """The public minutes of one of the board's own meetings, once approved and as made
    from the minutes as they stand; 404 otherwise, whatever id is guessed."""
    pack = get_object_or_404(
        _ready_public_packs().select_related("meeting__board"),
        kind=PackKind.PUBLIC_MINUTES,
        meeting__pk=meeting_pk,
        meeting__board=board,
        meeting__subgroup__isnull=True,
    )
    items = AgendaItem.objects.filter(meeting=pack.meeting).order_by("number", "pk")
    items = items.select_related("minute").prefetch_related("minute__actions")
    if not _minutes_current(pack, pack.meeting, items, None):
        raise Http404("These minutes are not published.")
    return pack


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
