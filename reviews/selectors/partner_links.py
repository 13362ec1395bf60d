"""Reads for partner links: the board's links that work now, each with its action."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from boards.models import Board
from lscb.models import SecureLink
from reviews.models import ACTION_SOURCE, Action, PartnerDigestOptOut
from workplans.models import OUTCOME_LINK_PURPOSE, Outcome

# The purpose partner links to review actions are registered under (reviews.apps).
PURPOSE = "action_update"
# The purposes whose links a partner contact's weekly email carries (reminders).
CONTACT_PURPOSES = (PURPOSE, "s11_return", OUTCOME_LINK_PURPOSE)


@dataclass(frozen=True)
class LinkRow:
    link: SecureLink
    action: Action
    opted_out: bool = False  # its address asked for no weekly email


def opted_out(addresses) -> set[str]:
    """Those of `addresses` that asked for no weekly email (one query, none for none)."""
    addresses = set(addresses)
    if not addresses:
        return set()
    found = PartnerDigestOptOut.objects.filter(address__in=addresses)
    return set(found.values_list("address", flat=True))


def with_opt_outs(rows: list[LinkRow]) -> list[LinkRow]:
    stopped = opted_out(row.link.sent_to for row in rows)
    return [LinkRow(r.link, r.action, r.link.sent_to in stopped) for r in rows]


def board_opt_outs(board: Board) -> list[PartnerDigestOptOut]:
    """Partner contacts of the board (any link of it ever went to them) who asked for no
    weekly email, newest first."""
    addresses = SecureLink.objects.filter(board=board, purpose__in=CONTACT_PURPOSES).values(
        "sent_to"
    )
    return list(PartnerDigestOptOut.objects.filter(address__in=addresses).order_by("-at", "-id"))


def partner_links(board: Board) -> list[LinkRow]:
    """The board's live action links, soonest to expire first, with their actions, where
    each comes from and whether its address asked for no weekly email (three queries
    however many there are)."""
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
    rows = [LinkRow(link, by_id[link.object_id]) for link in links if link.object_id in by_id]
    return with_opt_outs(rows)


def outcome_links(board: Board) -> list[tuple[SecureLink, Outcome]]:
    """The board's live links for leads to record outcomes' progress, soonest to expire
    first, each with its outcome and plan (two queries however many there are)."""
    links = list(
        SecureLink.objects.filter(
            board=board,
            purpose=OUTCOME_LINK_PURPOSE,
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .select_related("created_by")
        .order_by("expires_at", "id")
    )
    outcomes = Outcome.objects.filter(
        workplan__board=board, pk__in={link.object_id for link in links}
    ).select_related("workplan")
    by_id = {outcome.pk: outcome for outcome in outcomes}
    return [(link, by_id[link.object_id]) for link in links if link.object_id in by_id]
