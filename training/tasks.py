"""Sending the practice follow-up links: thin tasks that take ids and call the service."""

from __future__ import annotations

import datetime as dt

from celery import shared_task

from training import selectors
from training.models import Booking
from training.services import follow_ups


@shared_task(acks_late=True)
def send_follow_up(booking_id: int) -> bool:
    """One attendee's follow-up link; a second run finds it sent and sends nothing."""
    booking = Booking.objects.filter(pk=booking_id).first()
    return booking is not None and follow_ups.follow_up_send(booking=booking) is not None


@shared_task
def send_due_follow_ups(day: str | None = None) -> int:
    """Fan out one task per attendee due a follow-up (beat runs this every morning)."""
    today = dt.date.fromisoformat(day) if day else dt.date.today()
    ids = selectors.follow_ups_due(today)
    for booking_id in ids:
        send_follow_up.delay(booking_id)
    return len(ids)
