"""Write pages for a training officer: book a place, cancel one (after a check), record a
session's attendance, an attendee's evaluation (levels 1-2) and follow-up (level 3)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from lscb.form_errors import add_service_errors
from training.access import get_booking_for_user, get_session_for_user
from training.forms import AttendanceForm, BookingForm, EvaluationForm, FollowUpForm
from training.models import BookingStatus, Question
from training.services import bookings as booking_services
from training.services import evaluation
from training.views import render_training


@login_required
def book(request: HttpRequest, board_slug: str, pk: int) -> HttpResponse:
    board, access, session = get_session_for_user(request.user, board_slug, pk, manage=True)
    form = BookingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            booking = booking_services.booking_create(
                session=session,
                by=request.user,
                attendee_name=form.cleaned_data["attendee_name"],
                attendee_email=form.cleaned_data["attendee_email"],
                agency=form.cleaned_data["agency"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if booking.status == BookingStatus.WAITING:
                messages.info(
                    request, f"The session is full: {booking.display_name} is on the waiting list."
                )
            else:
                messages.success(request, f"{booking.display_name} is booked.")
            return redirect("training:session", board.slug, session.pk)
    return render_training(
        request, "training/booking_form.html", board, access, session=session, form=form
    )


@login_required
def cancel(request: HttpRequest, board_slug: str, pk: int) -> HttpResponse:
    board, access, booking = get_booking_for_user(request.user, board_slug, pk, manage=True)
    session = booking.session
    error = ""
    if request.method == "POST":
        try:
            promoted = booking_services.booking_cancel(booking=booking, by=request.user)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            text = f"{booking.display_name}'s booking is cancelled."
            if promoted is not None:
                text += f" {promoted.display_name} moves from the waiting list to the place."
            messages.success(request, text)
            return redirect("training:session", board.slug, session.pk)
    return render_training(
        request,
        "training/booking_cancel.html",
        board,
        access,
        session=session,
        booking=booking,
        error=error,
    )


@login_required
def attendance(request: HttpRequest, board_slug: str, pk: int) -> HttpResponse:
    board, access, session = get_session_for_user(request.user, board_slug, pk, manage=True)
    booked = list(
        session.bookings.filter(status=BookingStatus.BOOKED)
        .select_related("agency")
        .order_by("booked_at", "pk")
    )
    form = AttendanceForm(request.POST or None, bookings=booked)
    if request.method == "POST" and form.is_valid():
        try:
            booking_services.attendance_record(
                session=session, by=request.user, attended=form.attended()
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Attendance saved.")
            return redirect("training:session", board.slug, session.pk)
    return render_training(
        request, "training/session_attendance.html", board, access, session=session, form=form
    )


@login_required
def evaluate(request: HttpRequest, board_slug: str, pk: int) -> HttpResponse:
    board, access, booking = get_booking_for_user(request.user, board_slug, pk, manage=True)
    questions = list(Question.objects.filter(course_id=booking.session.course_id))
    initial = {}
    if request.method != "POST":
        reaction = getattr(booking, "reaction", None)
        if reaction is not None:
            initial = {"score": reaction.score, "comment": reaction.comment}
        for answer in booking.answers.all():
            initial[f"before_{answer.question_id}"] = answer.before
            initial[f"after_{answer.question_id}"] = answer.after
    form = EvaluationForm(request.POST or None, questions=questions, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            evaluation.evaluation_record(
                booking=booking,
                by=request.user,
                score=form.cleaned_data["score"],
                comment=form.cleaned_data["comment"],
                answers=form.answers(),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Evaluation saved for {booking.display_name}.")
            return redirect("training:session", board.slug, booking.session_id)
    return render_training(
        request,
        "training/booking_evaluation.html",
        board,
        access,
        session=booking.session,
        booking=booking,
        form=form,
    )


@login_required
def follow_up(request: HttpRequest, board_slug: str, pk: int) -> HttpResponse:
    board, access, booking = get_booking_for_user(request.user, board_slug, pk, manage=True)
    initial = {}
    saved = getattr(booking, "follow_up", None)
    if saved is not None:
        initial = {
            "what_changed": saved.what_changed,
            "example": saved.example,
            "manager_confirmed": saved.manager_confirmed,
            "manager_name": saved.manager_name,
        }
    form = FollowUpForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            evaluation.follow_up_record(booking=booking, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Change in practice saved for {booking.display_name}.")
            return redirect("training:session", board.slug, booking.session_id)
    return render_training(
        request,
        "training/booking_follow_up.html",
        board,
        access,
        session=booking.session,
        booking=booking,
        form=form,
    )
