"""Reads for board pages."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q

from boards.compliance import Finding, check_board
from boards.models import Board, Constitution, Membership, Role, Subgroup

TERM_END_WARNING_DAYS = 90


@dataclass
class BoardPage:
    board: Board
    subgroups: list[Subgroup]
    members_by_role: list[tuple[str, list[Membership]]]
    term_ends: list[Membership]
    compliance: list[tuple[Constitution, list[Finding]]]

    @property
    def breach_count(self) -> int:
        return sum(1 for _, findings in self.compliance for f in findings if f.is_breach)


def board_page(board: Board, today: dt.date | None = None) -> BoardPage:
    day = today or dt.date.today()
    current = Membership.objects.current(day)
    subgroups = list(
        board.subgroups.filter(active=True).annotate(
            member_count=Count(
                "memberships",
                filter=Q(memberships__term_start__lte=day)
                & (Q(memberships__term_end__isnull=True) | Q(memberships__term_end__gte=day)),
            )
        )
    )
    members = list(
        current.filter(board=board, subgroup__isnull=True).select_related("person", "agency")
    )
    grouped: dict[str, list[Membership]] = defaultdict(list)
    for m in members:
        grouped[m.role].append(m)
    members_by_role = [(Role(r).label, grouped[r]) for r in Role.values if grouped.get(r)]
    term_ends = list(
        current.filter(
            board=board,
            term_end__isnull=False,
            term_end__lte=day + dt.timedelta(days=TERM_END_WARNING_DAYS),
        )
        # board too: body_name names the board for board-level seats.
        .select_related("person", "board", "subgroup")
        .order_by("term_end")
    )
    return BoardPage(board, subgroups, members_by_role, term_ends, check_board(board, day))


def subgroups_with_members(board: Board, today: dt.date | None = None) -> list[Subgroup]:
    current = Membership.objects.current(today).select_related("person", "agency")
    return list(board.subgroups.prefetch_related(Prefetch("memberships", queryset=current)))
