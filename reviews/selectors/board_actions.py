"""Reads for a board's actions whatever their source: the board's open actions, a
person's own, and those a meeting's minutes decided."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from boards.models import Board, Person
from reviews.models import ACTION_SOURCE, Action, ReviewStatus
from reviews.selectors.counts import open_actions


def _board_open(board: Board) -> QuerySet:
    """Live, unfinished actions of the board: of its reviews' plans that are not closed,
    and decided at its meetings. The review joins are outer, so an action from the
    minutes, which has no review, stays. The board is known, so it is not joined (see
    `_with_board`): every join costs PostgreSQL planning time on each view."""
    sources = [related for related in ACTION_SOURCE if related != "board"]
    return (
        open_actions(board=board)
        .exclude(recommendation__review__status=ReviewStatus.CLOSED)
        .select_related(*sources, "agency")
        .prefetch_related(Prefetch("responsible_people", queryset=Person.objects.order_by("name")))
        .order_by("timescale", "pk")
    )


def _with_board(actions: QuerySet, board: Board) -> list[Action]:
    found = list(actions)
    for action in found:
        action.board = board
    return found


def board_open_actions(board: Board) -> list[Action]:
    """The board's open actions, soonest due first (two queries: the actions with their
    sources and agencies, and the people who own them)."""
    return _with_board(_board_open(board), board)


def my_open_actions(user, board: Board) -> list[Action]:
    """The board's open actions that name this login's person as an owner; two queries.
    Owners are matched in a subquery, not a join, so no DISTINCT is needed."""
    mine = Action.responsible_people.through.objects.filter(person__user=user)
    return _with_board(_board_open(board).filter(pk__in=mine.values("action_id")), board)


def decision_owners(meeting) -> QuerySet:
    """Who may own a decision of the meeting: anyone with a place on the board, and anyone
    recorded at the meeting."""
    return (
        Person.objects.filter(
            Q(memberships__board_id=meeting.board_id) | Q(attendance__meeting_id=meeting.pk)
        )
        .select_related("agency")
        .distinct()
        .order_by("name")
    )
