"""What is waiting for one person, board by board: the digest's contents."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone

from boards.access import board_access
from boards.models import Access, Board, Meeting, MeetingStatus, Membership
from lscb.models import SecureLink
from lscb.vocab import RAG, Quarter
from reviews.models import (
    ACTION_SOURCE,
    Action,
    PartnerDigestOptOut,
    ReturnStatus,
    ReviewStatus,
    S11Return,
)
from workplans.models import OUTCOME_LINK_PURPOSE, Outcome
from workplans.selectors import my_outcomes_due, not_updated_in


@dataclass
class LinkItem:
    """Something a secure link lets its holder do, carried in their digest with a new link
    (the service sets `url`): an action or an outcome to report on, or an agency's section
    11 return."""

    purpose: str
    target: models.Model
    board: Board
    sender: object  # the officer who sent the first link, named as the one to ask
    title: str
    detail: str
    url: str = ""


@dataclass
class BoardDigest:
    board: Board
    quarter_label: str = ""
    updates_due: list = field(default_factory=list)
    overdue_actions: list[Action] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    audits: list[LinkItem] = field(default_factory=list)
    # A board this person leads work on without a seat: its pages are closed to them, so
    # their actions and their outcomes' updates due come with secure links.
    seated: bool = True
    action_links: list[LinkItem] = field(default_factory=list)
    outcome_links: list[LinkItem] = field(default_factory=list)

    @property
    def count(self) -> int:
        return (
            len(self.updates_due)
            + len(self.overdue_actions)
            + len(self.meetings)
            + len(self.audits)
            + len(self.action_links)
            + len(self.outcome_links)
        )


def boards_of(user, today: dt.date) -> list[Board]:
    ids = (
        Membership.objects.current(today)
        .filter(person__user=user)
        .values_list("board_id", flat=True)
        .distinct()
    )
    return list(Board.objects.filter(pk__in=ids).order_by("name"))


def overdue_actions_of(user, board: Board, today: dt.date) -> list[Action]:
    """Open actions of the board (_open_actions) that name this person as responsible and
    whose timescale has passed."""
    return list(
        _open_actions(board=board, responsible_people__user=user, timescale__lt=today)
        .order_by("timescale", "pk")
        .distinct()
    )


def meetings_with_papers(user, today: dt.date) -> list[Meeting]:
    """Meetings still to come whose agenda and papers are out, of the boards and subgroups
    this person sits on today."""
    places = Membership.objects.current(today).filter(person__user=user).order_by()
    boards = places.filter(subgroup__isnull=True).values("board_id")
    subgroups = places.filter(subgroup__isnull=False).values("subgroup_id")
    return list(
        Meeting.objects.filter(status=MeetingStatus.AGENDA_PUBLISHED, date__gte=today)
        .filter(Q(subgroup__isnull=True, board_id__in=boards) | Q(subgroup_id__in=subgroups))
        .select_related("board", "subgroup")
        .order_by("date", "start_time", "pk")
    )


def _open_actions(**filters) -> models.QuerySet:
    """Live, unfinished actions: of open review plans, and decided at meetings. (A withdrawn
    recommendation or a closed review takes its actions with it; an action from the
    minutes has neither, so the joins are outer.)"""
    return (
        Action.objects.filter(
            withdrawn_at__isnull=True, recommendation__withdrawn_at__isnull=True, **filters
        )
        .exclude(Q(current_rag=RAG.COMPLETE) | Q(recommendation__review__status="closed"))
        .select_related(*ACTION_SOURCE)
    )


def board_contacts(board_ids, today: dt.date) -> dict[int, object]:
    """Each board's officer with a login, the longest serving first: the one a digest names
    for a link no officer sent (one query)."""
    contacts: dict[int, object] = {}
    officers = (
        Membership.objects.current(today)
        .filter(board__in=board_ids, access=Access.OFFICER, person__user__isnull=False)
        .select_related("person__user")
        .order_by("board_id", "term_start", "pk")
    )
    for membership in officers:
        contacts.setdefault(membership.board_id, membership.person.user)
    return contacts


def _sender(link, user, board: Board, contacts: dict):
    """Who a digest names as having sent a link to `user`: the officer who sent the live one,
    else the board's officer; the person themselves only when the board has none. A link an
    earlier digest carried in their own name counts as sent by no one."""
    if link is not None and link.created_by_id != user.pk:
        return link.created_by
    return contacts.get(board.pk, user)


def unseated_actions(user, address: str, today: dt.date, now: dt.datetime) -> list[LinkItem]:
    """The open actions this person is named responsible for on boards where they hold no
    seat today, each to be carried with a new secure link (they cannot open the board's
    pages). Named as sender: whoever sent them a link for it that still works, or else the
    board's officer (_sender)."""
    seats = Membership.objects.current(today).filter(person__user=user).values("board_id")
    actions = list(
        _open_actions(responsible_people__user=user)
        .exclude(board__in=seats)
        .order_by("timescale", "pk")
        .distinct()
    )
    if not actions:
        return []
    sent = _latest_live_links(address, [ACTION_PURPOSE], now)
    contacts = board_contacts({a.board_id for a in actions}, today)
    items = []
    for action in actions:
        link = sent.get((ACTION_PURPOSE, action.pk))
        due = f", due {action.timescale_label}" if action.timescale else ""
        items.append(
            LinkItem(
                ACTION_PURPOSE,
                action,
                action.board,
                _sender(link, user, action.board, contacts),
                title=action.what,
                detail=f"{action.source_title}{due}",
            )
        )
    return items


def _outcome_item(outcome: Outcome, workplan, board: Board, sender, quarter) -> LinkItem:
    return LinkItem(
        OUTCOME_PURPOSE,
        outcome,
        board,
        sender,
        title=outcome.title,
        detail=f"{workplan.title}: an update is due for {quarter.label}",
    )


def unseated_outcomes(
    user, board: Board, workplan, due: list[Outcome], quarter: Quarter, sent: dict, contacts
) -> list[LinkItem]:
    """The updates due on outcomes this person leads on a board where they hold no seat,
    each to be carried with a new secure link. Named as sender: whoever sent them a link
    for it that still works (`sent`, from _latest_live_links), or else the board's officer
    (`contacts`, from board_contacts)."""
    return [
        _outcome_item(
            outcome,
            workplan,
            board,
            _sender(sent.get((OUTCOME_PURPOSE, outcome.pk)), user, board, contacts),
            quarter,
        )
        for outcome in due
    ]


def digest_for(
    user,
    today: dt.date,
    audits: list[LinkItem] = (),
    actions: list[LinkItem] = (),
    *,
    address: str = "",
    now: dt.datetime | None = None,
) -> list[BoardDigest]:
    """Each board of the user with something waiting; empty when nothing is. `audits` are
    the section 11 returns awaiting this person (link_items) and `actions` their actions on
    boards where they hold no seat (unseated_actions), placed under their boards; updates
    due on such boards become outcome links (unseated_outcomes) to `address`."""
    meetings = meetings_with_papers(user, today)
    result = []
    boards = boards_of(user, today)
    for board in boards:
        access = board_access(user, board)
        _, quarter, due = my_outcomes_due(user, board, access, today)
        digest = BoardDigest(
            board=board,
            quarter_label=quarter.label,
            updates_due=due,
            overdue_actions=overdue_actions_of(user, board, today),
            meetings=[m for m in meetings if m.board_id == board.pk],
            audits=[a for a in audits if a.board.pk == board.pk],
        )
        if digest.count:
            result.append(digest)
    # A return may be on a board this person holds no seat on (its lead answers for their
    # agency to a neighbouring partnership), and so may actions and outcomes they are named
    # to lead: they still go in their digest, under that board.
    seated = {b.pk for b in boards}
    led = Board.objects.filter(workplans__outcomes__leads__user=user).exclude(pk__in=seated)
    unseated = {i.board for i in [*audits, *actions] if i.board.pk not in seated} | set(led)
    sent = _latest_live_links(address, [OUTCOME_PURPOSE], now) if unseated and now else {}
    contacts = board_contacts([b.pk for b in unseated], today) if unseated else {}
    for board in sorted(unseated, key=lambda b: b.name):
        workplan, quarter, due = my_outcomes_due(user, board, board_access(user, board), today)
        digest = BoardDigest(
            board=board,
            seated=False,
            quarter_label=quarter.label,
            outcome_links=unseated_outcomes(user, board, workplan, due, quarter, sent, contacts),
            audits=[a for a in audits if a.board.pk == board.pk],
            action_links=[a for a in actions if a.board.pk == board.pk],
        )
        if digest.count:
            result.append(digest)
    return result


# Secure links in digests: what each purpose's link lets its holder do, while it still needs
# doing. Purposes not named here (a training follow-up, answered once) are left out.
ACTION_PURPOSE, S11_PURPOSE = "action_update", "s11_return"
OUTCOME_PURPOSE = OUTCOME_LINK_PURPOSE
LINK_PURPOSES = (ACTION_PURPOSE, S11_PURPOSE, OUTCOME_PURPOSE)


def _latest_live_links(address: str, purposes, now: dt.datetime) -> dict:
    """(purpose, object id) -> the newest link to `address` that works now."""
    links = (
        SecureLink.objects.filter(
            sent_to=address,
            purpose__in=purposes,
            revoked_at__isnull=True,
            expires_at__gt=now,
        )
        .select_related("board", "created_by")
        .order_by("-created_at", "-id")
    )
    latest: dict = {}
    for link in links:
        latest.setdefault((link.purpose, link.object_id), link)
    return latest


def link_items(address: str, now: dt.datetime, purposes=LINK_PURPOSES) -> list[LinkItem]:
    """What the links working now for `address` still let its holder do: open actions to
    report on, section 11 returns not yet submitted and outcomes of a plan still running
    with an update due this quarter (four queries at most)."""
    latest = _latest_live_links(address, purposes, now)
    wanted = {p: [oid for (purpose, oid) in latest if purpose == p] for p in purposes}
    items = []
    if wanted.get(ACTION_PURPOSE):
        for action in _open_actions(pk__in=wanted[ACTION_PURPOSE]):
            link = latest[(ACTION_PURPOSE, action.pk)]
            due = f", due {action.timescale_label}" if action.timescale else ""
            items.append(
                LinkItem(
                    ACTION_PURPOSE,
                    action,
                    link.board,
                    link.created_by,
                    title=action.what,
                    detail=f"{action.source_title}{due}",
                )
            )
    if wanted.get(S11_PURPOSE):
        returns = (
            S11Return.objects.filter(pk__in=wanted[S11_PURPOSE])
            .exclude(status=ReturnStatus.SUBMITTED)
            .exclude(review__status=ReviewStatus.CLOSED)
            .select_related("review", "agency")
        )
        for s11_return in returns:
            link = latest[(S11_PURPOSE, s11_return.pk)]
            items.append(
                LinkItem(
                    S11_PURPOSE,
                    s11_return,
                    link.board,
                    link.created_by,
                    title=f"{s11_return.agency.name}'s section 11 self-assessment",
                    detail=f"{s11_return.review.title}: {s11_return.get_status_display().lower()}",
                )
            )
    if wanted.get(OUTCOME_PURPOSE):
        today = timezone.localdate(now)
        quarter = Quarter.containing(today)
        outcomes = (
            Outcome.objects.filter(pk__in=wanted[OUTCOME_PURPOSE], workplan__end__gte=today)
            .filter(not_updated_in(quarter))
            .select_related("workplan")
        )
        for outcome in outcomes:
            link = latest[(OUTCOME_PURPOSE, outcome.pk)]
            items.append(
                _outcome_item(outcome, outcome.workplan, link.board, link.created_by, quarter)
            )
    return sorted(items, key=lambda i: (i.board.name, i.purpose, i.target.pk))


def account_addresses() -> models.QuerySet:
    """The addresses of active logins, lower-cased, as links store theirs."""
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .exclude(email="")
        .annotate(address=Lower("email"))
        .values("address")
    )


def live_link_addresses(purposes, now: dt.datetime) -> models.QuerySet:
    """The addresses holding links for `purposes` that work now."""
    return SecureLink.objects.filter(
        purpose__in=purposes, revoked_at__isnull=True, expires_at__gt=now
    ).values("sent_to")


def partner_addresses(now: dt.datetime) -> list[str]:
    """Addresses without a login that hold links working now: partner contacts, but for
    those who stopped the weekly email."""
    return list(
        live_link_addresses(LINK_PURPOSES, now)
        .exclude(sent_to__in=account_addresses())
        .exclude(sent_to__in=PartnerDigestOptOut.objects.values("address"))
        .order_by("sent_to")
        .values_list("sent_to", flat=True)
        .distinct()
    )
