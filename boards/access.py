"""Who may do what on a board, and the one permission-checked getter per object type.

Access comes from current memberships. Someone without any current membership of a board
gets 404 for its pages (the board does not exist for them); a member without the needed
right gets 403. Every view in every app loads its objects through a getter built on
`require`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from boards.models import Access, Board, Membership


class Need(Enum):
    """A right a view asks for."""

    VIEW = "view"  # read everything of the board
    REPORTS = "reports"  # download quarterly reports
    EDIT = "edit"  # record progress, enter figures, import
    APPROVE = "approve"  # approve workplans, sign off action plans


_GRANTS: dict[str, set[Need]] = {
    Access.MEMBER: {Need.VIEW, Need.REPORTS},
    Access.PORTFOLIO: {Need.VIEW, Need.REPORTS},
    Access.OFFICER: {Need.VIEW, Need.REPORTS, Need.EDIT},
    Access.CHAIR: {Need.VIEW, Need.REPORTS, Need.EDIT, Need.APPROVE},
}


@dataclass(frozen=True)
class BoardAccess:
    """What one login may do on one board, computed from their current memberships."""

    board: Board
    levels: frozenset[str] = frozenset()
    # Subgroups where the user has officer access (a subgroup chair records its outcomes).
    officer_subgroup_ids: frozenset[int] = field(default_factory=frozenset)

    @property
    def is_member(self) -> bool:
        return bool(self.levels) or bool(self.officer_subgroup_ids)

    @property
    def cache_key(self) -> str:
        """Equal for two logins exactly when they may do the same things here."""
        levels = ",".join(sorted(self.levels))
        return f"{levels}|{','.join(str(i) for i in sorted(self.officer_subgroup_ids))}"

    @property
    def sees_activity(self) -> bool:
        """Officers and the chair read the board's activity log; members do not."""
        return self.can(Need.EDIT)

    def can(self, need: Need) -> bool:
        return any(need in _GRANTS[level] for level in self.levels)

    def can_edit_for(self, subgroup_ids: set[int]) -> bool:
        """Officer rights board-wide, or through a subgroup that leads the item."""
        return self.can(Need.EDIT) or bool(self.officer_subgroup_ids & subgroup_ids)


def _user_memberships(user: AbstractBaseUser | AnonymousUser, on: dt.date | None = None):
    if not user.is_authenticated:
        return Membership.objects.none()
    return Membership.objects.current(on).filter(person__user=user)


def board_access(user: AbstractBaseUser | AnonymousUser, board: Board) -> BoardAccess:
    levels: set[str] = set()
    officer_subgroups: set[int] = set()
    # Unordered: Meta.ordering would join the board, subgroup and person only to sort
    # rows that are folded into sets anyway. Every page of a board runs this.
    places = _user_memberships(user).filter(board=board).order_by()
    for access, subgroup_id in places.values_list("access", "subgroup_id"):
        if subgroup_id is None:
            levels.add(access)
        else:
            # A subgroup place makes you a reader of the board; officer or chair access on a
            # subgroup covers that subgroup's items only.
            levels.add(Access.MEMBER)
            if access in {Access.OFFICER, Access.CHAIR}:
                officer_subgroups.add(subgroup_id)
    return BoardAccess(board, frozenset(levels), frozenset(officer_subgroups))


def require(user, board: Board, need: Need = Need.VIEW) -> BoardAccess:
    """404 for outsiders, 403 for members without the right; returns the access on success."""
    access = board_access(user, board)
    if not access.is_member:
        raise Http404("No such board.")
    if not access.can(need):
        raise PermissionDenied(f"You do not have the right to {need.value} on this board.")
    return access


def boards_for(user) -> list[Board]:
    """The boards a user belongs to today, in name order."""
    if not user.is_authenticated:
        return []
    ids = _user_memberships(user).values("board_id")
    return list(Board.objects.filter(id__in=ids).order_by("name"))


def get_board_for_user(user, slug: str, need: Need = Need.VIEW) -> tuple[Board, BoardAccess]:
    try:
        board = Board.objects.get(slug=slug)
    except Board.DoesNotExist:
        raise Http404("No such board.") from None
    return board, require(user, board, need)


def member_filter(user, prefix: str = "board") -> Q:
    """A Q limiting a queryset to rows of boards the user currently belongs to."""
    ids = _user_memberships(user).values("board_id")
    return Q(**{f"{prefix}__in": ids})


def member_board(user, slug: str) -> Board | None:
    """The board with this slug if the user is one of its current members, else None.

    Error pages use it to keep a board's navigation for its members without telling anyone
    else that the board exists."""
    board = Board.objects.filter(slug=slug).first()
    if board is None or not board_access(user, board).is_member:
        return None
    return board
