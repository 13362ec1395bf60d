"""The thematic view: where the board's themes come up across workplans, reviews and
inspections, and the items behind every number."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject

from boards.access import get_board_for_user
from boards.models import Theme
from reviews.selectors.themes import (
    EVERYTHING_SIZE,
    LIST_LABELS,
    STATES,
    outcomes_available,
    theme_matrix,
)
from reviews.selectors.themes import theme_items as select_theme_items
from reviews.tables import theme_rows


@login_required
def themes(request: HttpRequest, board_slug: str) -> HttpResponse:
    board, access = get_board_for_user(request.user, board_slug)
    # Lazy: the matrix is a cached part of the page (lscb.fragments); a hit runs no query.
    matrix = SimpleLazyObject(lambda: theme_matrix(board, dt.date.today()))
    return render(
        request,
        "reviews/themes.html",
        {
            "board": board,
            "nav": "themes",
            "matrix": matrix,
            # The table's rows, built in Python (reviews.tables); lazy as the matrix is.
            "rows_html": SimpleLazyObject(lambda: theme_rows(board, matrix.rows)),
        },
    )


@login_required
def theme_items(request: HttpRequest, board_slug: str, theme_slug: str) -> HttpResponse:
    board, access = get_board_for_user(request.user, board_slug)
    theme = Theme.objects.filter(slug=theme_slug).first()
    if theme is None:
        raise Http404("No such theme.")
    # No query string at all: every item on the theme, from every source.
    state = request.GET.get("state", "all")
    source = request.GET.get("source", "reviews" if state == "repeated" else "")
    if state != "repeated":
        if state not in STATES or (source and source not in LIST_LABELS):
            raise Http404("No such list.")
        if source == "outcomes" and not outcomes_available():
            raise Http404("Workplan outcomes are not available.")
    # One source's list comes a page at a time; the page of everything shows the first few
    # of each source.
    page = request.GET.get("page", "1") if source else "1"

    # Lazy: the lists are a cached part of the page (lscb.fragments); a hit runs no query.
    # The page of everything caches the workplan's outcomes and the reviews' items apart,
    # so recording progress renders only the outcomes again.
    def lazy_items(only: str | None = None) -> SimpleLazyObject:
        return SimpleLazyObject(
            lambda: select_theme_items(
                board,
                theme,
                source=source,
                state=state,
                today=dt.date.today(),
                page=page,
                only=only,
            )
        )

    source_label = LIST_LABELS.get(source, "Reviews and inspections")
    return render(
        request,
        "reviews/theme_items.html",
        {
            "board": board,
            "nav": "themes",
            "theme": theme,
            "items": lazy_items(),
            "outcome_items": lazy_items("outcomes"),
            "review_items": lazy_items("reviews"),
            "source_label": source_label,
            # The table's caption when the page lists one source.
            "caption": f"{state.capitalize()} {source_label.lower()} on {theme.name}",
            "state": state,
            "source": source,
            "states": STATES,
            "with_outcomes": outcomes_available(),
            "page_number": page,
            "shown": EVERYTHING_SIZE,
        },
    )
