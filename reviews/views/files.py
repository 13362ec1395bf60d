"""Import an action plan from .xlsx (check, preview, confirm) and export it for inspectors."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from boards.access import Need
from boards.models import Theme
from lscb.spreadsheets import SheetError, peek_preview, stash_preview, take_preview, xlsx_response
from reviews.access import get_review_for_user
from reviews.forms import ImportDateForm, ImportForm
from reviews.plan_changes import compare_plan, describe
from reviews.plan_files import export_sheets, read_plan
from reviews.services.plan_import import action_plan_import


def _kind(review) -> str:
    return f"review-action-plan:{review.pk}"


def _themes_by_name() -> dict[str, int]:
    names: dict[str, int] = {}
    for pk, name, slug in Theme.objects.values_list("pk", "name", "slug"):
        names[name.lower()] = pk
        names[slug.lower()] = pk
    return names


@login_required
def import_plan(request: HttpRequest, board_slug: str, pk: int) -> HttpResponse:
    board, access, review = get_review_for_user(request.user, board_slug, pk, Need.EDIT)
    form = ImportForm(request.POST or None, request.FILES or None)
    context = {"board": board, "nav": "reviews", "review": review, "form": form}
    if review.is_signed_off:
        context["locked"] = True
        return render(request, "reviews/plan_import.html", context)
    token = request.GET.get("preview")
    if request.method == "GET" and token:
        context["preview"] = peek_preview(request, token, _kind(review))
        context["token"] = token
        context["date_form"] = ImportDateForm()
    if request.method == "POST" and form.is_valid():
        try:
            plan = read_plan(
                form.cleaned_data["file"],
                review=review,
                themes_by_name=_themes_by_name(),
                today=dt.date.today(),
            )
        except SheetError as exc:
            form.add_error("file", str(exc))
        else:
            if plan.errors:
                context["errors"] = plan.errors
            else:
                changes = compare_plan(review, plan.recommendations)
                payload = {
                    "kind": _kind(review),
                    "recommendations": plan.recommendations,
                    "warnings": plan.warnings + changes["warnings"],
                    "filename": form.cleaned_data["file"].name,
                    "action_count": plan.action_count,
                    "counts": changes["counts"],
                    "needs_date": changes["needs_date"],
                }
                token = stash_preview(request, payload)
                return redirect(f"{request.path}?preview={token}")
    return render(request, "reviews/plan_import.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def import_confirm(request: HttpRequest, board_slug: str, pk: int) -> HttpResponse:
    board, access, review = get_review_for_user(request.user, board_slug, pk, Need.EDIT)
    token = request.POST.get("token", "")
    payload = peek_preview(request, token, _kind(review))
    if payload is None:
        messages.error(request, "That preview has expired or was already used. Upload again.")
        return redirect("reviews:import", board.slug, review.pk)
    date_form = ImportDateForm(request.POST if payload.get("needs_date") else None)
    if payload.get("needs_date") and not date_form.is_valid():
        # Said beside the date in the same preview; the file need not be uploaded again.
        context = {"board": board, "nav": "reviews", "review": review, "form": ImportForm()}
        context |= {"preview": payload, "token": token, "date_form": date_form}
        return render(request, "reviews/plan_import.html", context, status=400)
    # Taken, not peeked, so a double-submitted confirm cannot import the plan twice.
    take_preview(request, token, _kind(review))
    try:
        counts = action_plan_import(
            review=review,
            by=request.user,
            plan=payload["recommendations"],
            progress_date=date_form.cleaned_data.get("progress_date")
            if date_form.is_bound
            else None,
        )
    except ValidationError as exc:
        messages.error(request, "Nothing was imported: " + " ".join(exc.messages))
        return redirect("reviews:import", board.slug, review.pk)
    messages.success(request, f"Imported the action plan: {describe(counts.as_dict())}.")
    return redirect(review.get_absolute_url())


@login_required
def export_plan(request: HttpRequest, board_slug: str, pk: int) -> HttpResponse:
    board, access, review = get_review_for_user(request.user, board_slug, pk)
    filename = f"action-plan-{slugify(review.title)[:60] or review.pk}.xlsx"
    return xlsx_response(filename, export_sheets(review))
