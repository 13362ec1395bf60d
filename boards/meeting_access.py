"""The permission-checked getters for meetings, their agenda items and papers.

Members of the board read every meeting of the board and its subgroups. Officers of the
board write all of them; an officer of a subgroup writes that subgroup's meetings only.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from boards.access import BoardAccess, Need, get_board_for_user
from boards.meeting_models import AgendaItem, AgendaPaper, Meeting
from boards.models import Board


def can_write(access: BoardAccess, meeting: Meeting) -> bool:
    if meeting.subgroup_id is None:
        return access.can(Need.EDIT)
    return access.can_edit_for({meeting.subgroup_id})


def can_plan(access: BoardAccess) -> bool:
    """Officers of the board, or of at least one of its subgroups."""
    return access.can(Need.EDIT) or bool(access.officer_subgroup_ids)


def _check(access: BoardAccess, meeting: Meeting, need: Need) -> None:
    if need is Need.EDIT and not can_write(access, meeting):
        raise PermissionDenied("Only the officers of this meeting's board or subgroup write it.")
    if need is Need.APPROVE and not access.can(Need.APPROVE):
        raise PermissionDenied("Only the chair may do this.")


def get_board_for_planning(user, slug: str) -> tuple[Board, BoardAccess]:
    board, access = get_board_for_user(user, slug)
    if not can_plan(access):
        raise PermissionDenied("Only officers plan meetings.")
    return board, access


def get_meeting_for_user(
    user, slug: str, pk: int, need: Need = Need.VIEW
) -> tuple[Board, BoardAccess, Meeting]:
    board, access = get_board_for_user(user, slug)
    meeting = (
        Meeting.objects.select_related("subgroup", "signed_off_by")
        .filter(board=board, pk=pk)
        .first()
    )
    if meeting is None:
        raise Http404("No such meeting.")
    meeting.board = board
    _check(access, meeting, need)
    return board, access, meeting


def get_agenda_item_for_user(
    user, slug: str, pk: int, need: Need = Need.VIEW
) -> tuple[Board, BoardAccess, AgendaItem]:
    board, access = get_board_for_user(user, slug)
    item = (
        AgendaItem.objects.select_related("meeting__subgroup")
        .filter(meeting__board=board, pk=pk)
        .first()
    )
    if item is None:
        raise Http404("No such agenda item.")
    item.meeting.board = board
    _check(access, item.meeting, need)
    return board, access, item


def get_paper_for_user(user, slug: str, pk: int) -> tuple[Board, BoardAccess, AgendaPaper]:
    board, access = get_board_for_user(user, slug)
    paper = (
        AgendaPaper.objects.select_related("item__meeting")
        .filter(item__meeting__board=board, pk=pk)
        .first()
    )
    if paper is None:
        raise Http404("No such paper.")
    return board, access, paper
