"""The one permission-checked getter for voice records: outsiders 404, members read,
officers write."""

from __future__ import annotations

from django.http import Http404

from boards.access import BoardAccess, Need, get_board_for_user
from voice.models import VoiceRecord


def get_record_for_user(
    user, board_slug: str, pk: int, need: Need = Need.VIEW
) -> tuple[VoiceRecord, BoardAccess]:
    board, access = get_board_for_user(user, board_slug, need)
    record = VoiceRecord.objects.filter(board=board, pk=pk).select_related("board").first()
    if record is None:
        raise Http404("No such record.")
    return record, access
