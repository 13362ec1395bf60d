"""Sending the digest: one email per person per period, whatever runs the task twice."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string

from lscb import audit
from reminders import selectors
from reminders.models import DigestPreference, DigestSent, Frequency


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


def digest_send(*, user_id: int, today: dt.date) -> int:
    """Email one person what is waiting for them, once per period; the number of items
    sent (0 when nothing is waiting, the digest is off or this period's has gone)."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return 0
    email = user.email or getattr(getattr(user, "person", None), "email", "")
    period = period_for(frequency_of(user), today)
    if period is None or not email:
        return 0
    boards = selectors.digest_for(user, today)
    items = sum(b.count for b in boards)
    if not items:
        return 0
    try:
        with transaction.atomic():
            sent = DigestSent.objects.create(user=user, period=period, items=items)
    except IntegrityError:
        return 0  # this period's digest has gone already
    context = {
        "user": user,
        "boards": boards,
        "items": items,
        "site": settings.SITE_URL.rstrip("/"),
        "today": today,
    }
    message = EmailMultiAlternatives(
        subject=f"What is waiting for you: {items} item{'s' if items != 1 else ''}",
        body=render_to_string("reminders/digest.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email],
    )
    message.attach_alternative(render_to_string("reminders/digest.html", context), "text/html")
    try:
        message.send()
    except Exception:
        sent.delete()  # a retry sends it
        raise
    return items


def due_user_ids(today: dt.date) -> list[int]:
    """Logins with a current membership whose digest is not off."""
    off = DigestPreference.objects.filter(frequency=Frequency.OFF).values("user_id")
    return list(
        get_user_model()
        .objects.filter(is_active=True, person__memberships__isnull=False)
        .exclude(pk__in=off)
        .values_list("pk", flat=True)
        .distinct()
        .order_by("pk")
    )
