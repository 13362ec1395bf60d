"""The practice follow-up by secure link: the officer's button that sends a session's links
now, and the pages an attendee's and a line manager's links land on, without an account.

The officer's page loads through training.access like every training write. The link pages
are reached only through a secure link (lscb.secure_links): their URL carries the link's
number, and only a browser that opened the link's token may use it. A GET shows the form and
changes nothing; only the form, posted, writes.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from lscb import secure_links
from lscb.form_errors import add_service_errors
from lscb.secure_links_views import gone, link_page
from training.access import get_booking_for_user, get_session_for_user
from training.link_forms import AttendeeFollowUpForm, ManagerConfirmForm
from training.models import Booking, FollowUp, Question
from training.services import follow_ups


@login_required
@require_POST
def send_follow_ups(request: HttpRequest, board_slug: str, pk: int) -> HttpResponse:
    board, access, session = get_session_for_user(request.user, board_slug, pk, manage=True)
    try:
        sent = follow_ups.session_follow_ups_send(session=session, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            f"Follow-up link{'s' if sent != 1 else ''} sent to {sent} attendee"
            f"{'s' if sent != 1 else ''}.",
        )
    return redirect("training:session", board.slug, session.pk)


@login_required
@require_POST
def withdraw_follow_up_link(request: HttpRequest, board_slug: str, pk: int) -> HttpResponse:
    board, access, booking = get_booking_for_user(request.user, board_slug, pk, manage=True)
    try:
        follow_ups.follow_up_link_withdraw(booking=booking, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            f"{booking.display_name}'s follow-up link no longer works; a new one can be sent.",
        )
    return redirect("training:session", board.slug, booking.session_id)


def _submit(request, link, form, write, thanks: str, back: str) -> HttpResponse | None:
    """Run a link's write: the page of a link gone meanwhile, the form's errors beside its
    fields (None: show the form again), or thanks on the same page."""
    try:
        write()
    except secure_links.LinkGone:
        link.refresh_from_db()
        return gone(request, link)
    except ValidationError as exc:
        add_service_errors(form, exc)
        return None
    messages.success(request, thanks)
    return redirect(back, link.pk)


def _live_link(request: HttpRequest, pk: int, purpose: str):
    link = secure_links.link_from_session(request, pk, purpose)
    return link, link.is_live(timezone.now())


@link_page
@require_http_methods(["GET", "POST"])
def attendee_follow_up(request: HttpRequest, pk: int) -> HttpResponse:
    link, live = _live_link(request, pk, follow_ups.PURPOSE)
    if not live:
        return gone(request, link)
    booking = secure_links.target_of(
        link, Booking.objects.select_related("session__course__board", "follow_up")
    )
    questions = list(Question.objects.filter(course_id=booking.session.course_id))
    answered = getattr(booking, "follow_up", None)
    form = AttendeeFollowUpForm(
        request.POST if request.method == "POST" and answered is None else None,
        questions=questions,
    )
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        done = _submit(
            request,
            link,
            form,
            lambda: follow_ups.follow_up_by_link(
                link=link,
                what_changed=data["what_changed"],
                example=data["example"],
                confidence=form.confidence(),
                manager_name=data["manager_name"],
                manager_email=data["manager_email"],
            ),
            "Thank you: your answers have been recorded.",
            "training_link:follow_up",
        )
        if done:
            return done
    return render(
        request,
        "training/link_follow_up.html",
        {
            "link": link,
            "booking": booking,
            "session": booking.session,
            "form": form,
            "answered": answered,
        },
    )


@link_page
@require_http_methods(["GET", "POST"])
def manager_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    link, live = _live_link(request, pk, follow_ups.CONFIRM)
    if not live:
        return gone(request, link)
    follow_up = secure_links.target_of(
        link, FollowUp.objects.select_related("booking__session__course__board", "booking__agency")
    )
    answered = follow_up.manager_confirmed_on is not None
    form = ManagerConfirmForm(request.POST if request.method == "POST" and not answered else None)
    if form.is_bound and form.is_valid():
        done = _submit(
            request,
            link,
            form,
            lambda: follow_ups.follow_up_confirm_by_link(
                link=link,
                confirmed=form.cleaned_data["confirmed"],
                comment=form.cleaned_data["comment"],
            ),
            "Thank you: your answer has been recorded.",
            "training_link:confirm",
        )
        if done:
            return done
    return render(
        request,
        "training/link_confirm.html",
        {
            "link": link,
            "follow_up": follow_up,
            "booking": follow_up.booking,
            "session": follow_up.booking.session,
            "form": form,
            "answered": answered,
        },
    )
