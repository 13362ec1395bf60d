"""Actions decided at meetings, and the board's open actions from every source.

Recording a decision loads the agenda item through boards.meeting_access, as every page
that writes a meeting does, and writes through reviews.services.minute_actions.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from boards.access import Need, get_board_for_user
from boards.meeting_access import get_agenda_item_for_user
from lscb.form_errors import add_service_errors
from reviews.minute_forms import MinuteActionForm
from reviews.selectors.board_actions import board_open_actions, decision_owners
from reviews.services.minute_actions import minute_action_create


@login_required
@require_http_methods(["GET", "POST"])
def minute_action_add(request: HttpRequest, board_slug: str, pk: int) -> HttpResponse:
    board, access, item = get_agenda_item_for_user(request.user, board_slug, pk, Need.EDIT)
    meeting = item.meeting
    form = MinuteActionForm(request.POST or None, owners=list(decision_owners(meeting)))
    if request.method == "POST" and form.is_valid():
        try:
            action = minute_action_create(item=item, by=request.user, **form.values())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, f"The decision is recorded as an action due {action.timescale_label}."
            )
            return redirect(f"{meeting.get_absolute_url()}#minute-{item.pk}")
    return render(
        request,
        "reviews/minute_action_form.html",
        {
            "board": board,
            "access": access,
            "nav": "meetings",
            "meeting": meeting,
            "item": item,
            "form": form,
            "held": meeting.is_held,
        },
    )


@login_required
@require_http_methods(["GET"])
def open_actions(request: HttpRequest, board_slug: str) -> HttpResponse:
    """Every open action of the board, from review plans and from meetings' decisions."""
    board, access = get_board_for_user(request.user, board_slug)
    return render(
        request,
        "reviews/open_actions.html",
        {
            "board": board,
            "access": access,
            "nav": "reviews",
            "actions": board_open_actions(board),
            "can_record": access.can(Need.EDIT),
        },
    )
