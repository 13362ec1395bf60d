"""Writes on an action plan: record progress, download evidence, sign off and reopen."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from boards.access import Need
from lscb.form_errors import add_service_errors
from lscb.progress import evidence_response
from lscb.sign_off_forms import ReopenForm
from reviews.access import get_action_for_user, get_progress_for_user, get_review_for_user
from reviews.forms import ProgressForm
from reviews.selectors.counts import sign_off_counts
from reviews.selectors.review_page import action_history
from reviews.services.progress import action_record_progress
from reviews.services.sign_off import review_reopen, review_sign_off


@login_required
def record_progress(request: HttpRequest, board_slug: str, pk: int) -> HttpResponse:
    board, access, action = get_action_for_user(request.user, board_slug, pk, Need.EDIT)
    review = action.recommendation.review if action.recommendation_id else None
    form = ProgressForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            action_record_progress(
                action=action,
                by=request.user,
                date=form.cleaned_data["date"],
                rag=form.cleaned_data["rag"],
                narrative=form.cleaned_data["narrative"],
                impact=form.cleaned_data["impact"],
                impact_narrative=form.cleaned_data["impact_narrative"],
                evidence=form.cleaned_data.get("evidence"),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Progress recorded.")
            return redirect(action.source_url)
    return render(
        request,
        "reviews/action_progress.html",
        {
            "board": board,
            "nav": "reviews",
            "review": review,
            "action": action,
            "form": form,
            "history": action_history(action),
        },
    )


@login_required
def evidence(request: HttpRequest, board_slug: str, pk: int) -> FileResponse:
    board, access, update = get_progress_for_user(request.user, board_slug, pk)
    return evidence_response(update)


@login_required
@require_http_methods(["GET", "POST"])
def sign_off(request: HttpRequest, board_slug: str, pk: int) -> HttpResponse:
    board, access, review = get_review_for_user(request.user, board_slug, pk, Need.APPROVE)
    error = None
    if request.method == "POST":
        try:
            review_sign_off(review=review, by=request.user)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, "The action plan is signed off.")
            return redirect(review.get_absolute_url())
    return render(
        request,
        "reviews/review_sign_off.html",
        {
            "board": board,
            "nav": "reviews",
            "review": review,
            "error": error,
            "counts": sign_off_counts(review),
        },
        status=400 if error else 200,
    )


@login_required
def reopen(request: HttpRequest, board_slug: str, pk: int) -> HttpResponse:
    board, access, review = get_review_for_user(request.user, board_slug, pk, Need.APPROVE)
    form = ReopenForm(request.POST or None, what="the action plan", shown_on="the review")
    if request.method == "POST" and form.is_valid():
        try:
            review_reopen(review=review, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "The action plan is reopened; the reason is recorded.")
            return redirect(review.get_absolute_url())
    return render(
        request,
        "reviews/review_reopen.html",
        {"board": board, "nav": "reviews", "review": review, "form": form},
    )
