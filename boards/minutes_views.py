"""The page where officers write a meeting's minutes, a text for each agenda item.

It loads the meeting through boards.meeting_access and writes through
boards.services.minutes.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from boards.access import Need
from boards.meeting_access import get_meeting_for_user
from boards.meeting_forms import MinutesForm
from boards.meeting_models import MeetingStatus
from boards.meeting_selectors import minute_items
from boards.services import minutes as services
from lscb.form_errors import add_service_errors


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
