"""Sending the digest: one email per person per period, whatever runs the task twice."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urljoin

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from lscb import audit, secure_links
from reminders import selectors
from reminders.models import DigestLink, DigestPreference, DigestSent, Frequency
from reviews.models import PartnerDigestOptOut

# Signs the number of the partner digest a stop link came in, so the link is bound to the
# address that digest went to; no other signature of this service verifies under it.
_STOP_SALT = "reminders.partner_digest.stop"


def period_for(frequency: str, today: dt.date) -> str | None:
    """The period a digest sent today belongs to; None when none is due today: a weekly
    digest belongs to its ISO week, a monthly one to its month."""
    if frequency == Frequency.WEEKLY:
        year, week, _ = today.isocalendar()
        return f"{year}-W{week:02d}"
    if frequency == Frequency.MONTHLY:
        return f"{today:%Y-%m}"
    return None


def frequency_of(user) -> str:
    preference = DigestPreference.objects.filter(user=user).first()
    return preference.frequency if preference else Frequency.WEEKLY


def digest_preference_save(*, user, frequency: str, by) -> DigestPreference:
    with transaction.atomic():
        preference, _ = DigestPreference.objects.update_or_create(
            user=user, defaults={"frequency": frequency}
        )
        audit.record(
            actor=by,
            action="reminders.preference_saved",
            summary=f"Chose the digest: {preference.get_frequency_display().lower()}",
            obj=preference,
        )
    return preference


def _address_of(user) -> str:
    return (user.email or getattr(getattr(user, "person", None), "email", "")).strip().lower()


def digest_send(*, user_id: int, today: dt.date, now: dt.datetime | None = None) -> int:
    """Email one person what is waiting for them, once per period; the number of items
    sent (0 when nothing is waiting, the digest is off or this period's has gone)."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return 0
    email = _address_of(user)
    period = period_for(frequency_of(user), today)
    if period is None or not email:
        return 0
    now = now or timezone.now()
    audits = selectors.link_items(email, now, [selectors.S11_PURPOSE])
    actions = selectors.unseated_actions(user, email, today, now)
    boards = selectors.digest_for(user, today, audits, actions, address=email, now=now)
    items = sum(b.count for b in boards)
    if not items:
        return 0
    context = {"user": user, "boards": boards, "items": items, "today": today}
    outcomes = [item for board in boards for item in board.outcome_links]
    return _send_once(
        DigestSent(user=user, period=period, items=items),
        [*audits, *actions, *outcomes],
        email=email,
        template="reminders/digest",
        context=context,
    )


def partner_digest_send(*, address: str, today: dt.date, now: dt.datetime | None = None) -> int:
    """Email a partner contact (someone with links and no login) the links that still let
    them do something, each issued afresh, once a week; the number of items sent."""
    address = address.strip().lower()
    if selectors.account_addresses().filter(address=address).exists():
        return 0  # a login's digest carries what they need
    if PartnerDigestOptOut.objects.filter(address=address).exists():
        return 0  # they stopped it with the link in an earlier one
    items = selectors.link_items(address, now or timezone.now())
    if not items:
        return 0
    boards = [
        (board, [i for i in items if i.board == board])
        for board in sorted({i.board for i in items}, key=lambda b: b.name)
    ]
    period = period_for(Frequency.WEEKLY, today)
    return _send_once(
        DigestSent(address=address, period=period, items=len(items)),
        items,
        email=address,
        template="reminders/partner_digest",
        context={"boards": boards, "items": len(items), "today": today},
    )


def _send_once(sent: DigestSent, links: list, *, email: str, template: str, context: dict) -> int:
    """Record the period's digest (a second one for the period stops here), issue a fresh
    link for each item that carries one, send, then stop the links the last digest carried.
    If sending fails, the new links are stopped and the record goes, so a retry sends."""
    try:
        with transaction.atomic():
            sent.save()
            issued = [_issue(sent, item) for item in links]
    except IntegrityError:
        return 0  # this period's digest has gone already
    context = {
        **context,
        "site": settings.SITE_URL.rstrip("/"),
        "link_days": secure_links.link_days(),
    }
    headers = {}
    if sent.user_id is None:
        # A partner has no page of preferences: the email carries its own way to stop it,
        # for the reader and for their mail program's unsubscribe button (RFC 8058).
        context["stop_url"] = stop_url(sent)
        headers = {
            "List-Unsubscribe": f"<{context['stop_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
    message = EmailMultiAlternatives(
        subject=f"What is waiting for you: {sent.items} item{'s' if sent.items != 1 else ''}",
        body=render_to_string(f"{template}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email],
        headers=headers,
    )
    message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    try:
        message.send()
    except Exception:
        with transaction.atomic():
            for link in issued:
                secure_links.link_revoke(link=link, by=None, summary="The digest was not sent")
            sent.delete()
        raise
    with transaction.atomic():
        for link in issued:
            _retire_earlier(sent, link)
    return sent.items


def stop_url(sent: DigestSent) -> str:
    """The link in a partner digest that stops the weekly email to its address."""
    token = signing.Signer(salt=_STOP_SALT).sign(str(sent.pk))
    return urljoin(settings.SITE_URL, reverse("digest_stop:stop", args=[token]))


def digest_for_stop_token(token: str) -> DigestSent | None:
    """The partner digest a stop link came in, or None for a token this service did not
    sign (forged, altered, or of another kind)."""
    try:
        pk = int(signing.Signer(salt=_STOP_SALT).unsign(token))
    except (signing.BadSignature, ValueError):
        return None
    return DigestSent.objects.filter(pk=pk, user__isnull=True).exclude(address="").first()


def _issue(sent: DigestSent, item: selectors.LinkItem):
    """A new link for the item, to the digest's address, recorded against the digest; the
    item's url carries its token into the email and nowhere else."""
    address = sent.address or _address_of(sent.user)
    link, token = secure_links.link_create(
        purpose=item.purpose,
        obj=item.target,
        board=item.board,
        sent_to=address,
        by=item.sender,
        summary=f"The {sent.period} digest carried {address} a new link: {item.title[:120]}",
    )
    DigestLink.objects.create(digest=sent, link=link)
    item.url = urljoin(settings.SITE_URL, reverse("secure_link", args=[token]))
    return link


def _retire_earlier(sent: DigestSent, link) -> None:
    """Stop the links earlier digests carried for the same object to the same address."""
    earlier = DigestLink.objects.filter(
        link__purpose=link.purpose,
        link__object_id=link.object_id,
        link__sent_to=link.sent_to,
        link__revoked_at__isnull=True,
    ).exclude(digest=sent)
    for old in earlier.select_related("link"):
        secure_links.link_revoke(
            link=old.link, by=None, summary=f"Replaced by the link in the {sent.period} digest"
        )


def due_user_ids(today: dt.date) -> list[int]:
    """Logins whose digest is not off that have a seat on a board, are named to lead an
    action or an outcome of one (a lead need not sit on the board: their digest carries
    what is theirs), or hold a working link to a section 11 return (the partner digest
    leaves out addresses that belong to logins, so this one carries it)."""
    off = DigestPreference.objects.filter(frequency=Frequency.OFF).values("user_id")
    users = get_user_model().objects.filter(is_active=True)
    audits = selectors.live_link_addresses([selectors.S11_PURPOSE], timezone.now())
    return list(
        users.filter(
            Q(person__memberships__isnull=False)
            | Q(pk__in=users.filter(person__review_actions__isnull=False).values("pk"))
            | Q(pk__in=users.filter(person__led_outcomes__isnull=False).values("pk"))
            | Q(pk__in=selectors.account_addresses().filter(address__in=audits).values("pk"))
        )
        .exclude(pk__in=off)
        .values_list("pk", flat=True)
        .distinct()
        .order_by("pk")
    )
