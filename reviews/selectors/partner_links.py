"""Reads for partner links: the board's links that work now, each with its action."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from boards.models import Board
from lscb.models import SecureLink
from reviews.models import ACTION_SOURCE, Action

# The purpose partner links to review actions are registered under (reviews.apps).
PURPOSE = "action_update"


@dataclass(frozen=True)
class LinkRow:
    link: SecureLink
    action: Action


def partner_links(board: Board) -> list[LinkRow]:
    """The board's live action links, soonest to expire first, with their actions and
    where each comes from (two queries however many there are)."""
    links = list(
        SecureLink.objects.filter(
            board=board, purpose=PURPOSE, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )
        .select_related("created_by")
        .order_by("expires_at", "id")
    )
    actions = Action.objects.filter(
        board=board, pk__in={link.object_id for link in links}
    ).select_related(*ACTION_SOURCE)
    by_id = {action.pk: action for action in actions}
    return [LinkRow(link, by_id[link.object_id]) for link in links if link.object_id in by_id]
