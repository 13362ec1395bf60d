"""Partners reporting progress on their actions through secure links, without an account.

An officer sends a link for one action to a partner contact's email address; with it, the
partner records progress exactly as an officer would (reviews.services.progress), and the
record names the address the link was sent to. The link mechanism is lscb.secure_links.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from lscb import secure_links
from lscb.models import SecureLink
from lscb.secure_links_mail import clean_address, email_link
from reviews.models import ACTION_SOURCE, Action, ActionProgress
from reviews.selectors.partner_links import PURPOSE
from reviews.services.progress import WITHDRAWN, action_record_progress


def action_link_send(*, action: Action, by, sent_to: str) -> SecureLink:
    """Email `sent_to` a link with which they can record progress on `action` alone."""
    address = clean_address(sent_to)
    with transaction.atomic():
        action = Action.objects.select_related(*ACTION_SOURCE).get(pk=action.pk)
        if action.withdrawn_at is not None:
            raise ValidationError(WITHDRAWN)
        link, token = secure_links.link_create(
            purpose=PURPOSE,
            obj=action,
            board=action.board,
            sent_to=address,
            by=by,
            summary=f"Sent {address} a link to update an action of “{action.source_title}”",
        )
        # The token is in this closure and the email only; nothing stores it.
        transaction.on_commit(lambda: _send(link, token, action))
    return link


def _send(link: SecureLink, token: str, action: Action) -> None:
    email_link(
        link,
        token,
        subject=f"{action.board.name}: please update an action of {action.source_title}",
        template="reviews/email/partner_link",
        context={"action": action, "source": action.source_title, "board": action.board},
    )


def action_link_revoke(*, link: SecureLink, by) -> SecureLink:
    """Stop a partner's link to an action working."""
    action = Action.objects.select_related(*ACTION_SOURCE).get(pk=link.object_id)
    return secure_links.link_revoke(
        link=link,
        by=by,
        summary=f"Revoked the link sent to {link.sent_to} to update an action of "
        f"“{action.source_title}”",
    )


def action_partner_progress(
    *,
    link: SecureLink,
    date: dt.date,
    rag: str,
    narrative: str = "",
    evidence: UploadedFile | None = None,
    today: dt.date | None = None,
    impact: str = "",
    impact_narrative: str = "",
) -> ActionProgress:
    """A partner records progress on the link's action. Refused once the link has expired
    or been revoked, even if that happened while the form was open."""
    with transaction.atomic():
        link = secure_links.lock_live(link, PURPOSE)
        action = Action.objects.get(pk=link.object_id)
        return action_record_progress(
            action=action,
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
