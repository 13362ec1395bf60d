"""Shaping a plan from its page: add an outcome, move one up or down, retire one (with a
reason, checked before it happens).

Officers of the board may do all of it; officers of a subgroup may do it for the outcomes
their subgroup leads (workplans.access). Moving is a plain form post, so no script is needed.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_http_methods, require_POST

from boards.access import Need
from lscb.form_errors import add_service_errors
from workplans import services
from workplans.access import get_outcome_for_user, get_workplan_for_user
from workplans.forms import OutcomeForm, RetireForm
from workplans.services import authoring


def _posted(request: HttpRequest):
    """The posted data, even when empty: an empty post is a form sent with nothing filled in."""
    return request.POST if request.method == "POST" else None


@login_required
@require_http_methods(["GET", "POST"])
def outcome_add(request: HttpRequest, board_slug: str, pk: int) -> HttpResponse:
    workplan, access = get_workplan_for_user(request.user, board_slug, pk, author=True)
    board = workplan.board
    only = None if access.can(Need.EDIT) else access.officer_subgroup_ids
    posted = _posted(request)

    def make() -> OutcomeForm:
        return OutcomeForm(posted, board=board, adding=True, only_subgroups=only)

    # On a GET the empty form is made only if the page's cached form part is missing.
    form = make() if posted is not None else SimpleLazyObject(make)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            outcome = services.outcome_create(
                workplan=workplan,
                by=request.user,
                title=data["title"],
                how=data["how"],
                who=data["who"],
                due_date=data["due_date"],
                lead_subgroups=data["lead_subgroups"],
                leads=data["leads"],
                themes=data["themes"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"“{outcome.title}” is added to {workplan.title}.")
            if request.POST.get("another"):
                return redirect("workplans:outcome_add", board.slug, workplan.pk)
            return redirect("workplans:detail", board.slug, workplan.pk)
    return render(
        request,
        "workplans/outcome_add.html",
        {
            "board": board,
            "nav": "workplans",
            "workplan": workplan,
            "form": form,
            # The empty form is a cached part of the page (lscb.fragments), the same for
            # every officer who may add to the same subgroups; a hit builds no form.
            "cache_form": posted is None,
            "subgroups_offered": "all" if only is None else sorted(only),
        },
    )


@login_required
@require_POST
def outcome_move(request: HttpRequest, board_slug: str, pk: int) -> HttpResponse:
    outcome, access = get_outcome_for_user(
        request.user, board_slug, pk, author=True, prefetch=False
    )
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        return HttpResponseBadRequest("Say whether to move the outcome up or down.")
    try:
        authoring.outcome_move(outcome=outcome, by=request.user, direction=direction)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, f"“{outcome.title}” moved {direction}: it is now number {outcome.order}."
        )
    url = reverse("workplans:detail", args=[board_slug, outcome.workplan_id])
    return redirect(f"{url}#arrange-{outcome.pk}")


@login_required
@require_http_methods(["GET", "POST"])
def outcome_retire(request: HttpRequest, board_slug: str, pk: int) -> HttpResponse:
    """Ask why, then show the answer back with the outcome before retiring it."""
    outcome, access = get_outcome_for_user(
        request.user, board_slug, pk, author=True, prefetch=False
    )
    form = RetireForm(_posted(request))
    confirming = False
    if request.method == "POST" and form.is_valid():
        if request.POST.get("confirm") == "yes":
            try:
                authoring.outcome_retire(
                    outcome=outcome, by=request.user, reason=form.cleaned_data["reason"]
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    f"“{outcome.title}” is retired. It stays in the plan's history and in "
                    "the reports of the quarters it was live.",
                )
                return redirect("workplans:outcome", board_slug, outcome.pk)
        elif request.POST.get("change") != "yes":
            confirming = True
    return render(
        request,
        "workplans/outcome_retire.html",
        {
            "board": outcome.workplan.board,
            "nav": "workplans",
            "workplan": outcome.workplan,
            "outcome": outcome,
            "form": form,
            "confirming": confirming,
        },
    )
