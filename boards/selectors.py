"""Reads for board pages."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass

from boards.compliance import Finding, Seat, check_board, past_seats
from boards.models import Board, Constitution, Role, Subgroup, term_covers

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
    places, terms = _places(board, day)
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
    compliance = check_board(board, day, members=places, terms=terms)
    return BoardPage(board, subgroups, members_by_role, term_ends, compliance)


def _places(board: Board, day: dt.date) -> tuple[list[Place], Counter]:
    """Every current place on the board and its panels, in role and name order, and the
    terms each person has held on each body.

    One read of all the board's memberships serves the whole page: the member list, the
    terms ending, the subgroups' member counts and the constitution check (which wants
    this order, see current_seats, and counts past terms). A board keeps a few hundred
    memberships over the years, so reading the past ones costs less than a second query.
    Rows, not Membership objects with their people and agencies (see Seat)."""
    rows = list(
        board.memberships.order_by("role", "person__name").values_list(
            "subgroup_id",
            "person_id",
            "role",
            "person__name",
            "term_start",
            "term_end",
            "title",
            "agency__name",
            "voting",
            "subgroup__name",
        )
    )
    places = [
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
        for subgroup_id, person_id, role, name, start, end, title, agency, voting, subgroup in rows
        if term_covers(start, end, day)
    ]
    return places, past_seats(rows)
