"""The review list, the review page, and adding or editing a review."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import SafeString

from boards.access import Need, get_board_for_user
from lscb.form_errors import add_service_errors
from lscb.fragments import known_query
from reviews.access import get_review_for_user
from reviews.filters import ReviewFilter
from reviews.forms import ReviewForm
from reviews.models import Review
from reviews.selectors import history
from reviews.selectors.review_list import review_list_values, review_rows
from reviews.selectors.review_page import review_page
from reviews.services import review_records
from reviews.tables import review_list_rows

PAGE_SIZE = 50


@dataclass(frozen=True)
class ReviewListing:
    filter: ReviewFilter
    page_obj: Page
    rows: list
    rows_html: SafeString  # the rows' <tr>s (reviews.tables)


@login_required
def review_list(request: HttpRequest, board_slug: str) -> HttpResponse:
    board, access = get_board_for_user(request.user, board_slug)
    today = dt.date.today()

    def listing() -> ReviewListing:
        filterset = ReviewFilter(
            request.GET or None, queryset=Review.objects.filter(board=board), today=today
        )
        qs = filterset.qs if filterset.is_bound and filterset.is_valid() else filterset.queryset
        qs = review_list_values(qs.order_by("-start_date", "-id"), today)
        page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
        rows = review_rows(page.object_list, today)
        return ReviewListing(filterset, page, rows, review_list_rows(board, rows))

    # Lazy: the list is a cached part of the page (lscb.fragments); a hit runs no query.
    query = known_query(request.GET, ReviewFilter.base_filters)
    return render(
        request,
        "reviews/review_list.html",
        {
            "board": board,
            "access": access,
            "nav": "reviews",
            "listing": SimpleLazyObject(listing),
            "filter_query": query,
            "page_number": request.GET.get("page", ""),
            "can_edit": access.can(Need.EDIT),
        },
    )


@login_required
def review_detail(request: HttpRequest, board_slug: str, pk: int) -> HttpResponse:
    board, access, review = get_review_for_user(request.user, board_slug, pk)
    return render(
        request,
        "reviews/review_detail.html",
        {
            "board": board,
            "access": access,
            "nav": "reviews",
            "review": review,
            # Lazy: the page's parts are cached (lscb.fragments); a hit runs no query.
            "page": SimpleLazyObject(lambda: review_page(review, dt.date.today())),
            "has_recommendations": SimpleLazyObject(
                lambda: review.recommendations.filter(withdrawn_at__isnull=True).exists()
            ),
            "can_edit": access.can(Need.EDIT),
            "can_approve": access.can(Need.APPROVE),
            # Findings, recommendations and actions change only while the plan is open.
            "can_author": access.can(Need.EDIT) and not review.is_signed_off,
        },
    )


def _save(request, form, board, review=None):
    try:
        if review is None:
            return review_records.review_create(
                board=board, by=request.user, **form.review_fields()
            )
        return review_records.review_update(review=review, by=request.user, **form.review_fields())
    except ValidationError as exc:
        add_service_errors(form, exc)
        return None


@login_required
def review_create(request: HttpRequest, board_slug: str) -> HttpResponse:
    board, access = get_board_for_user(request.user, board_slug, Need.EDIT)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        review = _save(request, form, board)
        if review:
            messages.success(request, f"Added “{review.title}”.")
            return redirect("reviews:detail", board.slug, review.pk)
    return render(
        request,
        "reviews/review_form.html",
        {"board": board, "nav": "reviews", "form": form, "review": None},
    )


@login_required
def review_edit(request: HttpRequest, board_slug: str, pk: int) -> HttpResponse:
    board, access, review = get_review_for_user(request.user, board_slug, pk, Need.EDIT)
    form = ReviewForm(request.POST or None, instance=Review.objects.get(pk=review.pk))
    if request.method == "POST" and form.is_valid():
        saved = _save(request, form, board, review)
        if saved:
            messages.success(request, f"Saved “{saved.title}”.")
            return redirect("reviews:detail", board.slug, saved.pk)
    return render(
        request,
        "reviews/review_form.html",
        {"board": board, "nav": "reviews", "form": form, "review": review},
    )


@login_required
def review_history(request: HttpRequest, board_slug: str, pk: int) -> HttpResponse:
    board, access, review = get_review_for_user(request.user, board_slug, pk)
    return render(
        request,
        "reviews/review_history.html",
        {
            "board": board,
            "nav": "reviews",
            "review": review,
            "events": history.review_history(review),
        },
    )
