"""Partner contacts stopping the weekly email of their links, and an officer starting it
again when they ask. Only the email stops: the links they hold work on as before."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from boards.models import Board
from lscb import audit
from lscb.models import SecureLink
from reviews.models import PartnerDigestOptOut
from reviews.selectors.partner_links import CONTACT_PURPOSES


def _boards_of(address: str) -> list[int]:
    """The boards whose links went to `address`: each one's activity log records the choice."""
    return list(
        SecureLink.objects.filter(sent_to=address, purpose__in=CONTACT_PURPOSES)
        .order_by("board_id")
        .values_list("board_id", flat=True)
        .distinct()
    )


def digest_opt_out(*, address: str, one_click: bool) -> PartnerDigestOptOut:
    """Record that `address` wants no more weekly emails; asking again changes nothing."""
    address = address.strip().lower()
    try:
        with transaction.atomic():
            opt_out = PartnerDigestOptOut.objects.create(address=address, one_click=one_click)
            how = "their mail program's unsubscribe" if one_click else "the link in the email"
            for board_id in _boards_of(address):
                audit.record(
                    actor=None,
                    action="reminders.partner_opted_out",
                    summary=f"{address} stopped the weekly email of their links, by {how}",
                    obj=opt_out,
                    board=Board(pk=board_id),
                    changes={"address": address, "one_click": one_click},
                )
    except IntegrityError:  # asked already (or twice at once)
        return PartnerDigestOptOut.objects.get(address=address)
    return opt_out


def digest_opt_out_clear(*, opt_out: PartnerDigestOptOut, board: Board, by) -> None:
    """Send `opt_out`'s address the weekly email again, as its owner asked the officer."""
    with transaction.atomic():
        deleted, _ = PartnerDigestOptOut.objects.filter(pk=opt_out.pk).delete()
        if not deleted:
            return  # cleared already
        audit.record(
            actor=by,
            action="reminders.partner_opt_out_cleared",
            summary=f"{opt_out.address} will get the weekly email of their links again",
            obj=opt_out,
            board=board,
            changes={"address": opt_out.address, "opted_out": opt_out.at.isoformat()},
        )
