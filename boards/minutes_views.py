"""The minutes pages: officers write a meeting's minutes, a text for each agenda item;
the chair approves them at the next meeting, which locks them, and may reopen them with a
reason.

They load the meeting through boards.meeting_access and write through
boards.services.minutes.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from boards.access import Need
from boards.meeting_access import get_meeting_for_user
from boards.meeting_forms import MinutesForm
from boards.meeting_models import MeetingStatus
from boards.meeting_selectors import minute_items, next_meeting
from boards.services import minutes as services
from lscb.form_errors import add_service_errors
from lscb.sign_off_forms import ReopenForm


def closed_reason(meeting) -> str:
    """Why the minutes cannot be written now, or "" when they can."""
    if meeting.status == MeetingStatus.MINUTES_APPROVED:
        return "The minutes are approved, so they cannot change until the chair reopens them."
    if not meeting.is_held:
        return "Minutes can be written once the meeting is marked as held."
    return ""


@login_required
def minutes_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    board, access, meeting = get_meeting_for_user(request.user, slug, pk, Need.EDIT)
    closed = closed_reason(meeting)
    form = None if closed else MinutesForm(request.POST or None, items=minute_items(meeting))
    if form is not None and request.method == "POST" and form.is_valid():
        typed, started = form.texts()
        try:
            services.minutes_save(
                meeting=meeting, discussions=typed, originals=started, by=request.user
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "The minutes are saved.")
            return redirect(f"{meeting.get_absolute_url()}#minutes")
    return render(
        request,
        "boards/meeting_minutes.html",
        {
            "board": board,
            "access": access,
            "nav": "meetings",
            "meeting": meeting,
            "form": form,
            "closed": closed,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def minutes_approve(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A check page showing the minutes and the next meeting, then the chair's approval."""
    board, access, meeting = get_meeting_for_user(request.user, slug, pk, Need.APPROVE)
    error = None
    if request.method == "POST":
        try:
            services.minutes_approve(meeting=meeting, by=request.user)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, "The minutes are approved and locked.")
            return redirect(f"{meeting.get_absolute_url()}#minutes-approval")
    return render(
        request,
        "boards/minutes_approve.html",
        {
            "board": board,
            "access": access,
            "nav": "meetings",
            "meeting": meeting,
            "items": minute_items(meeting),
            "next": next_meeting(meeting),
            "error": error,
        },
        status=400 if error else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def minutes_reopen(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    board, access, meeting = get_meeting_for_user(request.user, slug, pk, Need.APPROVE)
    form = ReopenForm(request.POST or None, what="the minutes", shown_on="the meeting's page")
    if request.method == "POST" and form.is_valid():
        try:
            services.minutes_reopen(
                meeting=meeting, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "The minutes are reopened; the reason is recorded.")
            return redirect(f"{meeting.get_absolute_url()}#minutes-approval")
    return render(
        request,
        "boards/minutes_reopen.html",
        {"board": board, "access": access, "nav": "meetings", "meeting": meeting, "form": form},
    )
