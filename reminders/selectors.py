"""What is waiting for one person, board by board: the digest's contents."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q

from boards.access import board_access
from boards.models import Board, Membership
from lscb.vocab import RAG
from reviews.models import ACTION_SOURCE, Action
from workplans.selectors import my_outcomes_due


@dataclass
class BoardDigest:
    board: Board
    quarter_label: str = ""
    updates_due: list = field(default_factory=list)
    overdue_actions: list[Action] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.updates_due) + len(self.overdue_actions)


def boards_of(user, today: dt.date) -> list[Board]:
    ids = (
        Membership.objects.current(today)
        .filter(person__user=user)
        .values_list("board_id", flat=True)
        .distinct()
    )
    return list(Board.objects.filter(pk__in=ids).order_by("name"))


def overdue_actions_of(user, board: Board, today: dt.date) -> list[Action]:
    """Live, unfinished actions of the board that name this person as responsible and
    whose timescale has passed: of its open review plans, and decided at its meetings.
    (A withdrawn recommendation or a closed review takes its actions with it; an action
    from the minutes has neither, so the joins below are outer.)"""
    return list(
        Action.objects.filter(
            board=board,
            responsible_people__user=user,
            withdrawn_at__isnull=True,
            recommendation__withdrawn_at__isnull=True,
            timescale__lt=today,
        )
        .exclude(Q(current_rag=RAG.COMPLETE) | Q(recommendation__review__status="closed"))
        .select_related(*ACTION_SOURCE)
        .order_by("timescale", "pk")
        .distinct()
    )


def digest_for(user, today: dt.date) -> list[BoardDigest]:
    """Each board of the user with something waiting; empty when nothing is."""
    result = []
    for board in boards_of(user, today):
        access = board_access(user, board)
        _, quarter, due = my_outcomes_due(user, board, access, today)
        digest = BoardDigest(
            board=board,
            quarter_label=quarter.label,
            updates_due=due,
            overdue_actions=overdue_actions_of(user, board, today),
        )
        if digest.count:
            result.append(digest)
    return result
