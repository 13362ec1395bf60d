"""The weekly digest: thin tasks that take ids and call the service."""

from __future__ import annotations

import datetime as dt

from celery import shared_task

from reminders import services


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=60, max_retries=5)
def send_digest(user_id: int, day: str) -> int:
    """One person's digest; a second run in the same period sends nothing."""
    return services.digest_send(user_id=user_id, today=dt.date.fromisoformat(day))


@shared_task
def send_digests(day: str | None = None) -> int:
    """Fan out one task per person (beat runs this early every Monday)."""
    today = dt.date.fromisoformat(day) if day else dt.date.today()
    ids = services.due_user_ids(today)
    for user_id in ids:
        send_digest.delay(user_id, today.isoformat())
    return len(ids)
