"""The weekly digest: thin tasks that take ids and call the service."""

from __future__ import annotations

import datetime as dt

from celery import shared_task
from django.utils import timezone

from reminders import selectors, services


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=60, max_retries=5)
def send_digest(user_id: int, day: str) -> int:
    """One person's digest; a second run in the same period sends nothing."""
    return services.digest_send(user_id=user_id, today=dt.date.fromisoformat(day))


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=60, max_retries=5)
def send_partner_digest(address: str, day: str) -> int:
    """One partner contact's digest, keyed by the address their links went to; a second
    run in the same week sends nothing."""
    return services.partner_digest_send(address=address, today=dt.date.fromisoformat(day))


@shared_task
def send_digests(day: str | None = None) -> int:
    """Fan out one task per person with a login, and one per partner contact (beat runs
    this early every Monday)."""
    today = dt.date.fromisoformat(day) if day else dt.date.today()
    ids = services.due_user_ids(today)
    for user_id in ids:
        send_digest.delay(user_id, today.isoformat())
    addresses = selectors.partner_addresses(timezone.now())
    for address in addresses:
        send_partner_digest.delay(address, today.isoformat())
    return len(ids) + len(addresses)
