"""Who may manage training, and the one permission-checked getter per object type.

Members of a board read its training; board-wide officers and chairs manage it, and so do
officers of the subgroup the board's programme names as its lead (the Training subgroup).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from boards.access import BoardAccess, Need, board_access, get_board_for_user
from boards.models import Board
from training.models import Booking, Course, Programme, Session
from training.models import Need as TrainingNeed


def lead_subgroup_id(board: Board) -> int | None:
    return Programme.objects.filter(board=board).values_list("lead_subgroup_id", flat=True).first()


def can_manage(access: BoardAccess) -> bool:
    """Board-wide officers and chairs, or officers of the programme's lead subgroup."""
    if access.can(Need.EDIT):
        return True
    if not access.officer_subgroup_ids:
        return False
    lead = lead_subgroup_id(access.board)
    return lead is not None and lead in access.officer_subgroup_ids


def require_manager(by, board: Board) -> None:
    """For services: refuse anyone who may not manage the board's training."""
    if not can_manage(board_access(by, board)):
        raise PermissionDenied("You cannot manage this board's training.")


def get_training_board_for_user(
    user, board_slug: str, manage: bool = False
) -> tuple[Board, BoardAccess]:
    board, access = get_board_for_user(user, board_slug, Need.VIEW)
    if manage and not can_manage(access):
        raise PermissionDenied("You cannot manage this board's training.")
    return board, access


def get_session_for_user(
    user, board_slug: str, pk: int, manage: bool = False
) -> tuple[Board, BoardAccess, Session]:
    board, access = get_training_board_for_user(user, board_slug, manage)
    session = Session.objects.filter(course__board=board, pk=pk).select_related(
        "course__level__scheme"
    )
    found = session.first()
    if found is None:
        raise Http404("No such session.")
    return board, access, found


def get_booking_for_user(
    user, board_slug: str, pk: int, manage: bool = False
) -> tuple[Board, BoardAccess, Booking]:
    board, access = get_training_board_for_user(user, board_slug, manage)
    booking = (
        Booking.objects.filter(session__course__board=board, pk=pk)
        .select_related("session__course__level", "agency")
        .first()
    )
    if booking is None:
        raise Http404("No such booking.")
    return board, access, booking


def get_need_for_user(
    user, board_slug: str, pk: int, manage: bool = False
) -> tuple[Board, BoardAccess, TrainingNeed]:
    board, access = get_training_board_for_user(user, board_slug, manage)
    need = TrainingNeed.objects.filter(board=board, pk=pk).select_related("agency", "level").first()
    if need is None:
        raise Http404("No such training need.")
    return board, access, need


def get_course_for_user(
    user, board_slug: str, pk: int, manage: bool = False
) -> tuple[Board, BoardAccess, Course]:
    board, access = get_training_board_for_user(user, board_slug, manage)
    course = Course.objects.filter(board=board, pk=pk).select_related("level__scheme").first()
    if course is None:
        raise Http404("No such course.")
    return board, access, course
