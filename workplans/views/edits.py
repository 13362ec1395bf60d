"""Write pages: record progress, edit an outcome (optimistic concurrency), approve a workplan
(after seeing what is approved)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from boards.access import Need
from lscb.form_errors import add_service_errors
from workplans import selectors, services
from workplans.access import get_outcome_for_user, get_workplan_for_user
from workplans.forms import OutcomeForm, ProgressForm


@login_required
def record_progress(request: HttpRequest, board_slug: str, pk: int) -> HttpResponse:
    outcome, access = get_outcome_for_user(request.user, board_slug, pk, record_progress=True)
    if request.method == "POST":
        form = ProgressForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.outcome_record_progress(
                    outcome=outcome,
                    by=request.user,
                    rag=form.cleaned_data["rag"],
                    narrative=form.cleaned_data["narrative"],
                    impact=form.cleaned_data["impact"],
                    impact_narrative=form.cleaned_data["impact_narrative"],
                    date=form.cleaned_data["date"],
                    evidence=form.cleaned_data["evidence"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, f"Progress recorded on “{outcome.title}”.")
                return redirect("workplans:outcome", board_slug, outcome.pk)
    else:
        today = dt.date.today()
        initial_date = min(max(today, outcome.workplan.start), outcome.workplan.end)
        # Delivery starts from where it stands; impact does not, since a rating is a fresh
        # judgement that needs its own evidence, and left unrated the last one stands.
        form = ProgressForm(initial={"date": initial_date, "rag": outcome.current_rag or None})
    return render(
        request,
        "workplans/progress_form.html",
        {
            "board": outcome.workplan.board,
            "nav": "workplans",
            "outcome": outcome,
            "workplan": outcome.workplan,
            "form": form,
        },
    )


@login_required
def outcome_edit(request: HttpRequest, board_slug: str, pk: int) -> HttpResponse:
    outcome, access = get_outcome_for_user(request.user, board_slug, pk, author=True)
    board = outcome.workplan.board
    differences: list[tuple[str, str, str]] = []
    if request.method == "POST":
        form = OutcomeForm(request.POST, board=board, outcome=outcome)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.outcome_update(
                    outcome=outcome,
                    by=request.user,
                    expected_version=data["version"],
                    title=data["title"],
                    how=data["how"],
                    who=data["who"],
                    due_date=data["due_date"],
                    order=data["order"],
                    lead_subgroups=data["lead_subgroups"],
                    leads=data["leads"],
                    themes=data["themes"],
                )
            except services.StaleOutcomeError as exc:
                differences = services.snapshot_differences(form.loaded_snapshot(), exc.stored)
                form.add_error(
                    None,
                    "Someone else changed this outcome after you opened it, so your changes "
                    "were not saved. Compare the differences below, then save again to keep "
                    "your version.",
                )
                # The user's typed values stay; saving again now applies them to the latest.
                form.data = form.data.copy()
                form.data["version"] = str(exc.version)
                form.data["loaded"] = OutcomeForm.sign_snapshot(exc.stored)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, "Outcome saved.")
                return redirect("workplans:outcome", board_slug, outcome.pk)
    else:
        form = OutcomeForm(
            board=board,
            outcome=outcome,
            initial={
                "title": outcome.title,
                "how": outcome.how,
                "who": outcome.who,
                "lead_subgroups": list(outcome.lead_subgroups.all()),
                "leads": list(outcome.leads.all()),
                "themes": list(outcome.themes.all()),
                "due_date": outcome.due_date,
                "order": outcome.order,
                "version": outcome.version,
                "loaded": OutcomeForm.sign_snapshot(services.outcome_snapshot(outcome)),
            },
        )
    return render(
        request,
        "workplans/outcome_form.html",
        {
            "board": board,
            "nav": "workplans",
            "outcome": outcome,
            "workplan": outcome.workplan,
            "form": form,
            "differences": differences,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def approve(request: HttpRequest, board_slug: str, pk: int) -> HttpResponse:
    """The chair sees what they are approving (GET), then approves it (POST)."""
    workplan, access = get_workplan_for_user(request.user, board_slug, pk, Need.APPROVE)
    error = ""
    if request.method == "POST":
        try:
            services.workplan_approve(workplan=workplan, by=request.user)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, f"{workplan.title} is approved.")
            return redirect("workplans:detail", board_slug, workplan.pk)
    return render(
        request,
        "workplans/approve.html",
        {
            "board": workplan.board,
            "nav": "workplans",
            "workplan": workplan,
            "summary": None if workplan.is_approved else selectors.approval_summary(workplan),
            "error": error,
        },
    )
