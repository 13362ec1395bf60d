"""Reads for a board's actions whatever their source: the board's open actions, a
person's own, and those a meeting's minutes decided."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from boards.models import Board, Person
from reviews.models import (
    Action,
    ReviewStatus,
    minute_url,
    minutes_source_title,
    plan_action_url,
    timescale_label,
)
from reviews.selectors.counts import open_actions


@dataclass(frozen=True)
class ActionRow:
    """An action as a list shows it (reviews/includes/action_rows.html), from plain values:
    the action, where it comes from, who owns it and how it is going."""

    pk: int
    what: str
    source_title: str
    source_url: str
    owners: list[str]  # the people named as owners, by name
    responsible_lines: list[str]  # owners written in words
    agency: str
    timescale_label: str
    current_rag: str


# What a row reads: every column, with the six tables its source and agency come from,
# made each list's page wait on model instances it never needed.
_ROW = (
    "pk",
    "what",
    "responsible",
    "timescale",
    "timescale_is_month",
    "current_rag",
    "agency__name",
    "recommendation__review_id",
    "recommendation__review__title",
    "minute__item_id",
    "minute__item__number",
    "minute__item__meeting_id",
    "minute__item__meeting__date",
    "minute__item__meeting__subgroup__name",
)


def _board_open(board: Board) -> QuerySet:
    """Live, unfinished actions of the board: of its reviews' plans that are not closed,
    and decided at its meetings, soonest due first. The review joins are outer, so an
    action from the minutes, which has no review, stays. The board is known, so it is not
    joined: every join costs PostgreSQL planning time on each view."""
    return (
        open_actions(board=board)
        .exclude(recommendation__review__status=ReviewStatus.CLOSED)
        .order_by("timescale", "pk")
    )


def _rows(actions: QuerySet, board: Board) -> list[ActionRow]:
    """The actions as rows: one query for them, one for their owners (none for none)."""
    found = list(actions.values_list(*_ROW))
    owners: dict[int, list[str]] = defaultdict(list)
    if found:
        named = Action.responsible_people.through.objects.filter(
            action_id__in=[row[0] for row in found]
        ).order_by("person__name", "person_id")
        for action_id, name in named.values_list("action_id", "person__name"):
            owners[action_id].append(name)
    rows = []
    for (
        pk,
        what,
        responsible,
        timescale,
        is_month,
        rag,
        agency,
        review_id,
        review_title,
        item_id,
        item_number,
        meeting_id,
        day,
        subgroup,
    ) in found:
        if meeting_id is not None:
            title = minutes_source_title(subgroup or board.name, day, item_number)
            url = minute_url(board.slug, meeting_id, item_id)
        else:
            title, url = review_title, plan_action_url(board.slug, review_id, pk)
        rows.append(
            ActionRow(
                pk=pk,
                what=what,
                source_title=title,
                source_url=url,
                owners=owners[pk],
                responsible_lines=[line for line in responsible.splitlines() if line.strip()],
                agency=agency or "",
                timescale_label=timescale_label(timescale, is_month),
                current_rag=rag,
            )
        )
    return rows


def board_open_actions(board: Board) -> list[ActionRow]:
    """The board's open actions, soonest due first (two queries: the actions with their
    sources and agencies, and the people who own them)."""
    return _rows(_board_open(board), board)


def my_open_actions(user, board: Board) -> list[ActionRow]:
    """The board's open actions that name this login's person as an owner; two queries.
    Owners are matched in a subquery, not a join, so no DISTINCT is needed."""
    mine = Action.responsible_people.through.objects.filter(person__user=user)
    return _rows(_board_open(board).filter(pk__in=mine.values("action_id")), board)


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
