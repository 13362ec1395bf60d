"""The practice follow-up (Kirkpatrick level 3) by secure link, without an account.

Six to eight weeks after a session each attendee with an email address is sent a link
(lscb.secure_links) to a short form: what has changed in their practice, and how confident
they now feel on each of the course's questions. They may name their line manager, who is
then sent a link of their own to confirm it. Sending marks the booking first, with a
conditional update, so a booking is sent one link however often sending is asked for.
The officer's form (training.services.evaluation.follow_up_record) stays for paper returns.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urljoin

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from lscb import secure_links
from lscb.models import SecureLink
from training.access import require_manager
from training.models import Attendance, Booking, BookingStatus, FollowUp, Question, Session

PURPOSE = "training_followup"
CONFIRM = "training_followup_confirm"


def _email(template: str, *, subject: str, to: str, token: str, link: SecureLink, **extra):
    context = {
        "url": urljoin(settings.SITE_URL, reverse("secure_link", args=[token])),
        "link": link,
        "sender": link.created_by,
        "board": link.board,
        "service_name": settings.SERVICE_NAME,
        **extra,
    }
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"training/email/{template}.txt", context),
        to=[to],
        reply_to=[link.created_by.email] if link.created_by.email else None,
    )
    message.attach_alternative(
        render_to_string(f"training/email/{template}.html", context), "text/html"
    )
    message.send()


def _waiting_for_link(booking: Booking) -> bool:
    return (
        booking.status == BookingStatus.BOOKED
        and booking.attendance == Attendance.ATTENDED
        and bool(booking.attendee_email)
        and booking.follow_up_sent_at is None
        and not FollowUp.objects.filter(booking_id=booking.pk).exists()
    )


def follow_up_send(*, booking: Booking, by=None) -> SecureLink | None:
    """Email the attendee their follow-up link, from `by` (an officer sending now) or else
    from whoever recorded the session's attendance. None when there is nothing to send:
    already sent, already answered, no address, or no one to send it from."""
    session = Session.objects.select_related("course__board", "attendance_by").get(
        pk=booking.session_id
    )
    board = session.course.board
    if by is not None:
        require_manager(by, board)
    sender = by or session.attendance_by
    with transaction.atomic():
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        if sender is None or not _waiting_for_link(booking):
            return None
        now = timezone.now()
        claimed = Booking.objects.filter(pk=booking.pk, follow_up_sent_at__isnull=True).update(
            follow_up_sent_at=now
        )
        if not claimed:
            return None
        link, token = secure_links.link_create(
            purpose=PURPOSE,
            obj=booking,
            board=board,
            sent_to=booking.attendee_email,
            by=sender,
            summary=f"Sent {booking.display_name} the practice follow-up for {session}",
            now=now,
        )
        course = session.course
        transaction.on_commit(
            lambda: _email(
                "follow_up_link",
                subject=f"{board.name}: what has changed since {course.title}?",
                to=link.sent_to,
                token=token,
                link=link,
                booking=booking,
                session=session,
            )
        )
    return link


def session_follow_ups_send(*, session: Session, by) -> int:
    """An officer sends now every follow-up link of the session not yet sent; how many."""
    board = session.course.board
    require_manager(by, board)
    if not session.is_held:
        raise ValidationError("The session has not been held yet.")
    sent = 0
    for booking in session.bookings.filter(
        status=BookingStatus.BOOKED, attendance=Attendance.ATTENDED, follow_up_sent_at__isnull=True
    ).exclude(attendee_email=""):
        sent += follow_up_send(booking=booking, by=by) is not None
    if not sent:
        raise ValidationError(
            "No one is waiting for a link: every attendee with an email address has been "
            "sent one or has answered."
        )
    return sent


def follow_up_link_withdraw(*, booking: Booking, by) -> int:
    """Stop the attendee's follow-up link working (sent to a wrong address, say), so a new
    one can be sent; how many links were withdrawn. Refused once they have answered."""
    session = booking.session
    require_manager(by, session.course.board)
    with transaction.atomic():
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        if FollowUp.objects.filter(booking_id=booking.pk).exists():
            raise ValidationError(f"{booking.display_name} has already answered the follow-up.")
        withdrawn = 0
        for link in secure_links.live_links(booking, PURPOSE):
            secure_links.link_revoke(
                link=link,
                by=by,
                summary=f"Withdrew the follow-up link sent to {link.sent_to} for {session}",
            )
            withdrawn += 1
        Booking.objects.filter(pk=booking.pk).update(follow_up_sent_at=None)
    return withdrawn


def _live(link: SecureLink, purpose: str) -> SecureLink:
    link = (
        SecureLink.objects.select_for_update(of=("self",))
        .select_related("board", "created_by")
        .get(pk=link.pk)
    )
    if link.purpose != purpose or not link.is_live(timezone.now()):
        raise secure_links.LinkGone(link.pk)
    return link


def _check_answer(
    booking: Booking,
    what_changed: str,
    confidence: dict[int, int | None],
    manager_name: str,
    manager_email: str,
) -> None:
    errors: dict[str, str] = {}
    if not what_changed:
        errors["what_changed"] = "Say what has changed in your practice since the course."
    for question in Question.objects.filter(course_id=booking.session.course_id):
        score = confidence.get(question.pk)
        if score is None or not 1 <= score <= 5:
            errors[f"now_{question.pk}"] = f"Choose a score from 1 to 5 for “{question.text}”."
    if manager_email:
        try:
            validate_email(manager_email)
        except ValidationError:
            errors["manager_email"] = "Enter an email address like name@example.org."
        if not manager_name:
            errors["manager_name"] = "Enter your line manager's name."
    elif manager_name:
        errors["manager_email"] = "Enter your line manager's email address, for their link."
    if errors:
        raise ValidationError(errors)


def follow_up_by_link(
    *,
    link: SecureLink,
    what_changed: str,
    example: str = "",
    confidence: dict[int, int | None],
    manager_name: str = "",
    manager_email: str = "",
    today: dt.date | None = None,
) -> FollowUp:
    """The attendee answers the follow-up through their link; once only. Naming a line
    manager sends them a link to confirm it."""
    what_changed, example = what_changed.strip(), example.strip()
    manager_name, manager_email = manager_name.strip(), manager_email.strip().lower()
    with transaction.atomic():
        link = _live(link, PURPOSE)
        booking = Booking.objects.select_related("session__course").get(pk=link.object_id)
        if FollowUp.objects.filter(booking=booking).exists():
            raise ValidationError("Your follow-up has already been recorded: thank you.")
        _check_answer(booking, what_changed, confidence, manager_name, manager_email)
        follow_up = FollowUp.objects.create(
            booking=booking,
            what_changed=what_changed,
            example=example,
            confidence_now={str(k): v for k, v in confidence.items()},
            manager_name=manager_name,
            manager_email=manager_email,
            by_link=True,
            recorded_on=today or dt.date.today(),
        )
        secure_links.link_used(
            link=link,
            summary=f"{booking.display_name} answered the practice follow-up for {booking.session}",
            changes={"what_changed": what_changed},
        )
        if manager_email:
            _ask_manager(follow_up, booking, sender=link.created_by)
    return follow_up


def _ask_manager(follow_up: FollowUp, booking: Booking, *, sender) -> None:
    session = booking.session
    board = session.course.board
    link, token = secure_links.link_create(
        purpose=CONFIRM,
        obj=follow_up,
        board=board,
        sent_to=follow_up.manager_email,
        by=sender,
        summary=f"Asked {follow_up.manager_name} to confirm {booking.display_name}'s change in "
        f"practice after {session}",
    )
    transaction.on_commit(
        lambda: _email(
            "follow_up_confirm",
            subject=f"{board.name}: please confirm a change in practice",
            to=link.sent_to,
            token=token,
            link=link,
            booking=booking,
            session=session,
            follow_up=follow_up,
        )
    )


def follow_up_confirm_by_link(
    *, link: SecureLink, confirmed: bool, comment: str = "", today: dt.date | None = None
) -> FollowUp:
    """The line manager confirms the change in practice, or says why they cannot."""
    comment = comment.strip()
    with transaction.atomic():
        link = _live(link, CONFIRM)
        follow_up = FollowUp.objects.select_related("booking__session").get(pk=link.object_id)
        if follow_up.manager_confirmed_on is not None:
            raise ValidationError("You have already answered: thank you.")
        if not confirmed and not comment:
            raise ValidationError({"comment": "Say why you cannot confirm the change."})
        follow_up.manager_confirmed = confirmed
        follow_up.manager_confirmed_on = today or dt.date.today()
        follow_up.manager_comment = comment
        follow_up.save(
            update_fields=["manager_confirmed", "manager_confirmed_on", "manager_comment"]
        )
        booking = follow_up.booking
        word = "confirmed" if confirmed else "did not confirm"
        secure_links.link_used(
            link=link,
            summary=f"{follow_up.manager_name} {word} {booking.display_name}'s change in "
            f"practice after {booking.session}",
            changes={"confirmed": confirmed, "comment": comment},
        )
    return follow_up
