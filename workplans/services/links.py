"""Leads recording an outcome's progress through secure links, without a login or a seat.

An officer sends a link for one outcome to its lead's email address; with it, the lead
records progress exactly as an officer would (workplans.services.outcome_record_progress),
and the record names the address the link was sent to. The link mechanism is
lscb.secure_links.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from boards.access import board_access
from lscb import secure_links
from lscb.models import SecureLink
from lscb.secure_links_mail import clean_address, email_link
from workplans.access import can_author_outcome
from workplans.models import OUTCOME_LINK_PURPOSE, Outcome, ProgressUpdate
from workplans.services import outcome_record_progress


def outcome_link_send(*, outcome: Outcome, by, sent_to: str) -> SecureLink:
    """Email `sent_to` a link with which they can record progress on `outcome` alone."""
    address = clean_address(sent_to)
    with transaction.atomic():
        outcome = Outcome.objects.select_related("workplan__board").get(pk=outcome.pk)
        board = outcome.workplan.board
        if not can_author_outcome(board_access(by, board), outcome):
            raise PermissionDenied("You cannot send links for this outcome.")
        if outcome.retired_on is not None:
            raise ValidationError("This outcome has been retired: it takes no more progress.")
        link, token = secure_links.link_create(
            purpose=OUTCOME_LINK_PURPOSE,
            obj=outcome,
            board=board,
            sent_to=address,
            by=by,
            summary=f"Sent {address} a link to record progress on “{outcome.title}”",
        )
        # The token is in this closure and the email only; nothing stores it.
        transaction.on_commit(
            lambda: email_link(
                link,
                token,
                subject=f"{board.name}: please record progress on an outcome",
                template="workplans/email/outcome_link",
                context={"outcome": outcome, "board": board},
            )
        )
    return link


def outcome_link_revoke(*, link: SecureLink, by) -> SecureLink:
    """Stop a lead's link to an outcome working."""
    outcome = Outcome.objects.get(pk=link.object_id)
    return secure_links.link_revoke(
        link=link,
        by=by,
        summary=f"Revoked the link sent to {link.sent_to} to record progress on “{outcome.title}”",
    )


def outcome_link_progress(
    *,
    link: SecureLink,
    date: dt.date,
    rag: str,
    narrative: str = "",
    evidence: UploadedFile | None = None,
    today: dt.date | None = None,
    impact: str = "",
    impact_narrative: str = "",
) -> ProgressUpdate:
    """The link's holder records progress on its outcome. Refused once the link has expired
    or been revoked, even if that happened while the form was open."""
    with transaction.atomic():
        link = secure_links.lock_live(link, OUTCOME_LINK_PURPOSE)
        outcome = Outcome.objects.select_related("workplan__board").get(pk=link.object_id)
        return outcome_record_progress(
            outcome=outcome,
            by=None,
            via=link,
            date=date,
            rag=rag,
            narrative=narrative,
            evidence=evidence,
            today=today,
            impact=impact,
            impact_narrative=impact_narrative,
        )
