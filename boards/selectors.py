"""Reads for board pages."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass

from boards.compliance import Finding, Seat, check_board
from boards.models import Board, Constitution, Role, Subgroup

TERM_END_WARNING_DAYS = 90

# What get_role_display says, without a model instance to ask.
_ROLE_LABELS = dict(Role.choices)


@dataclass(slots=True)
class Place(Seat):
    """A current place as the board page lists it: a seat and how it is shown."""

    title: str
    agency: str | None  # the agency's name
    voting: bool
    role_label: str
    body: str  # the name of the board or panel


@dataclass
class BoardPage:
    board: Board
    subgroups: list[Subgroup]
    members_by_role: list[tuple[str, list[Place]]]
    term_ends: list[Place]
    compliance: list[tuple[Constitution, list[Finding]]]

    @property
    def breach_count(self) -> int:
        return sum(1 for _, findings in self.compliance for f in findings if f.is_breach)


def board_page(board: Board, today: dt.date | None = None) -> BoardPage:
    day = today or dt.date.today()
    places = _current_places(board, day)
    counts = Counter(p.subgroup_id for p in places)
    # Kind and name is Meta.ordering within one board, without its join to the board.
    subgroups = list(board.subgroups.filter(active=True).order_by("kind", "name"))
    for sg in subgroups:
        sg.member_count = counts[sg.pk]
    grouped: dict[str, list[Place]] = defaultdict(list)
    for p in places:
        if p.subgroup_id is None:
            grouped[p.role].append(p)
    members_by_role = [(_ROLE_LABELS[r], grouped[r]) for r in Role.values if grouped.get(r)]
    warn_until = day + dt.timedelta(days=TERM_END_WARNING_DAYS)
    term_ends = sorted(
        (p for p in places if p.term_end is not None and p.term_end <= warn_until),
        key=lambda p: p.term_end,
    )
    compliance = check_board(board, day, members=places)
    return BoardPage(board, subgroups, members_by_role, term_ends, compliance)


def _current_places(board: Board, day: dt.date) -> list[Place]:
    """Every current place on the board and its panels, in role and name order.

    One read serves the whole page: the member list, the terms ending, the subgroups'
    member counts and the constitution check (which wants this order, see current_seats).
    Rows, not Membership objects with their people and agencies (see Seat)."""
    rows = (
        board.memberships.current(day)
        .order_by("role", "person__name")
        .values_list(
            "subgroup_id",
            "person_id",
            "person__name",
            "role",
            "term_start",
            "term_end",
            "title",
            "agency__name",
            "voting",
            "subgroup__name",
        )
    )
    return [
        Place(
            subgroup_id=subgroup_id,
            person_id=person_id,
            name=name,
            role=role,
            term_start=start,
            term_end=end,
            title=title,
            agency=agency,
            voting=voting,
            role_label=_ROLE_LABELS.get(role, role),
            body=board.name if subgroup_id is None else subgroup,
        )
        for subgroup_id, person_id, name, role, start, end, title, agency, voting, subgroup in rows
    ]
