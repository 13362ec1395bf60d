"""Actions decided at meetings, and the board's open actions from every source.

Recording a decision loads the agenda item through boards.meeting_access, as every page
that writes a meeting does, and writes through reviews.services.minute_actions.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from boards.access import Need, get_board_for_user
from boards.meeting_access import can_write, get_agenda_item_for_user
from lscb.form_errors import save_posted_form
from reviews.access import get_action_for_user
from reviews.minute_forms import MinuteActionForm, WithdrawDecisionForm
from reviews.selectors.board_actions import board_open_actions, decision_owners
from reviews.services import minute_actions as services


def _decision_page(request, where: tuple, form, save, heading: str) -> HttpResponse:
    """On a valid post call `save` (returning where to go and what to say), else show the
    decision form with its errors. `where` is the board, the access and the agenda item."""
    if saved := save_posted_form(request, form, save):
        return saved
    board, access, item = where
    return render(
        request,
        "reviews/minute_action_form.html",
        {
            "board": board,
            "access": access,
            "nav": "meetings",
            "meeting": item.meeting,
            "item": item,
            "form": form,
            "held": item.meeting.status == "held",
            "heading": heading,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def minute_action_add(request: HttpRequest, board_slug: str, pk: int) -> HttpResponse:
    board, access, item = get_agenda_item_for_user(request.user, board_slug, pk, Need.EDIT)
    meeting = item.meeting
    form = MinuteActionForm(request.POST or None, owners=list(decision_owners(meeting)))

    def save():
        action = services.minute_action_create(item=item, by=request.user, **form.values())
        return (
            f"{meeting.get_absolute_url()}#minute-{item.pk}",
            f"The decision is recorded as an action due {action.timescale_label}.",
        )

    return _decision_page(request, (board, access, item), form, save, "Record a decision")


@login_required
@require_http_methods(["GET", "POST"])
def minute_action_edit(request: HttpRequest, board_slug: str, pk: int) -> HttpResponse:
    """Correct a decision while the minutes are open; the action keeps its progress."""
    board, access, action = _decision_for_writer(request, board_slug, pk)
    item = action.minute.item
    form = MinuteActionForm(
        request.POST or None,
        initial=MinuteActionForm.initial_for(action),
        owners=list(decision_owners(item.meeting)),
        submit="Save the decision",
    )

    def save():
        services.minute_action_update(action=action, by=request.user, **form.values())
        return action.source_url, "The decision is saved."

    return _decision_page(request, (board, access, item), form, save, "Change a decision")


def _decision_for_writer(request: HttpRequest, board_slug: str, pk: int):
    """A decision of the board's minutes, for an officer who writes its meeting: read as
    a member, then checked as the meeting's officers write, those of its subgroup as well
    as the board's. 404 for an action of a review's plan, which has no minute."""
    board, access, action = get_action_for_user(request.user, board_slug, pk)
    if action.minute_id is None:
        raise Http404("No such decision.")
    if not can_write(access, action.minute.item.meeting):
        raise PermissionDenied("Only the officers of this meeting's board or subgroup write it.")
    return board, access, action


@login_required
@require_http_methods(["GET", "POST"])
def minute_action_withdraw(request: HttpRequest, board_slug: str, pk: int) -> HttpResponse:
    """Withdraw a decision recorded in error, with a reason, while the minutes are open:
    the page shows the decision and asks why; posting the reason withdraws it."""
    board, access, action = _decision_for_writer(request, board_slug, pk)
    item = action.minute.item
    form = WithdrawDecisionForm(request.POST or None)

    def save():
        reason = form.cleaned_data["reason"]
        services.minute_action_withdraw(action=action, by=request.user, reason=reason)
        return (
            f"{item.meeting.get_absolute_url()}#decision-{action.pk}",
            "The decision is withdrawn. It stays in the minutes with the reason.",
        )

    if saved := save_posted_form(request, form, save):
        return saved
    return render(
        request,
        "reviews/minute_action_withdraw.html",
        {
            "board": board,
            "access": access,
            "nav": "meetings",
            "meeting": item.meeting,
            "item": item,
            "action": action,
            "owners": action.responsible_people.all(),
            "form": form,
            "held": item.meeting.status == "held",
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
