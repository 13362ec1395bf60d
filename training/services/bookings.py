"""Booking places on a session, cancelling them and recording who attended.

A session's bookings are written with the session row locked, so two officers booking the
last place at once cannot both get it: the second goes on the waiting list.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from boards.models import Agency
from lscb import audit
from training.access import require_manager
from training.models import Attendance, Booking, BookingStatus, Session


def _lock(session: Session) -> Session:
    return Session.objects.select_for_update().get(pk=session.pk)


def _booked(session: Session) -> int:
    return session.bookings.filter(status=BookingStatus.BOOKED).count()


def booking_create(
    *, session: Session, by, attendee_name: str, agency: Agency, attendee_email: str = ""
) -> Booking:
    """Book a place for a named person, or a place the agency names later (no name); past
    capacity the booking goes on the waiting list. The attendee's email address, if given,
    is where their practice follow-up goes."""
    board = session.course.board
    require_manager(by, board)
    name = attendee_name.strip()
    email = attendee_email.strip().lower()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise ValidationError(
                {"attendee_email": "Enter an email address like name@example.org."}
            ) from None
    with transaction.atomic():
        locked = _lock(session)
        full = _booked(locked) >= locked.capacity
        status = BookingStatus.WAITING if full else BookingStatus.BOOKED
        booking = Booking.objects.create(
            session=locked, attendee_name=name, attendee_email=email, agency=agency, status=status
        )
        where = "on the waiting list" if full else "booked"
        audit.record(
            actor=by,
            action="training.booking_create",
            summary=f"{booking.display_name} ({agency}) {where} for {locked}",
            obj=booking,
            board=board,
            changes={"status": status},
        )
    return booking


def booking_cancel(*, booking: Booking, by) -> Booking | None:
    """Cancel a booking; when it held a place, the first one waiting takes it. Returns the
    booking promoted, if any."""
    session = booking.session
    board = session.course.board
    require_manager(by, board)
    with transaction.atomic():
        locked = _lock(session)
        current = Booking.objects.select_for_update().get(pk=booking.pk)
        if current.status == BookingStatus.CANCELLED:
            raise ValidationError("This booking is already cancelled.")
        if current.attendance:
            raise ValidationError("Attendance is recorded on this booking; it cannot be cancelled.")
        held_place = current.status == BookingStatus.BOOKED
        Booking.objects.filter(pk=current.pk).update(status=BookingStatus.CANCELLED)
        booking.status = BookingStatus.CANCELLED
        audit.record(
            actor=by,
            action="training.booking_cancel",
            summary=f"{current.display_name} cancelled from {locked}",
            obj=current,
            board=board,
            changes={"status": [current.status, BookingStatus.CANCELLED]},
        )
        promoted = promote_waiting(locked, by, board) if held_place else []
    return promoted[0] if promoted else None


def promote_waiting(locked: Session, by, board) -> list[Booking]:
    """Give the places free on a session (its row locked by the caller) to those waiting,
    first come first served; returns the bookings promoted."""
    free = locked.capacity - _booked(locked)
    if free <= 0:
        return []
    promoted = list(
        locked.bookings.filter(status=BookingStatus.WAITING).order_by("booked_at", "pk")[:free]
    )
    for booking in promoted:
        Booking.objects.filter(pk=booking.pk).update(status=BookingStatus.BOOKED)
        booking.status = BookingStatus.BOOKED
        audit.record(
            actor=by,
            action="training.booking_promote",
            summary=f"{booking.display_name} moved from the waiting list to {locked}",
            obj=booking,
            board=board,
            changes={"status": [BookingStatus.WAITING, BookingStatus.BOOKED]},
        )
    return promoted


def attendance_record(
    *, session: Session, by, attended: dict[int, str], today: dt.date | None = None
) -> int:
    """Record, for each booked place (by booking id), whether its attendee came
    (Attendance values). Returns how many bookings changed."""
    board = session.course.board
    require_manager(by, board)
    if session.date > (today or dt.date.today()):
        raise ValidationError(
            f"The session is on {session.date:%-d %B %Y}: record attendance on the day or after."
        )
    unknown = {v for v in attended.values()} - set(Attendance.values)
    if unknown:
        raise ValidationError("Say for each attendee whether they attended.")
    with transaction.atomic():
        locked = _lock(session)
        rows = {
            b.pk: b
            for b in locked.bookings.filter(status=BookingStatus.BOOKED, pk__in=list(attended))
        }
        if set(attended) - set(rows):
            raise ValidationError("Some of these bookings are not places on this session.")
        changed = []
        for pk, value in attended.items():
            if rows[pk].attendance != value:
                changed.append((rows[pk], value))
        # Whoever records attendance is the attendees' contact for their follow-up.
        Session.objects.filter(pk=locked.pk).update(attendance_by=by)
        for value in Attendance.values:
            pks = [b.pk for b, v in changed if v == value]
            if pks:
                Booking.objects.filter(pk__in=pks).update(attendance=value)
        if changed:
            came = sum(1 for b in rows.values() if attended[b.pk] == Attendance.ATTENDED)
            audit.record(
                actor=by,
                action="training.attendance_record",
                summary=f"Attendance recorded for {locked}: {came} of {len(rows)} attended",
                obj=locked,
                board=board,
                changes={b.display_name: [b.attendance, v] for b, v in changed},
            )
    return len(changed)
