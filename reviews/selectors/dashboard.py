"""The board dashboard's reviews panel: clocks needing attention and overdue actions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Window

from boards.models import Board
from reviews.clocks import CLOCK_FIELDS, Clock, clocks_for
from reviews.models import Recommendation, Review, ReviewStatus, timescale_label
from reviews.selectors.counts import open_actions


@dataclass
class ClockAlert:
    review: object  # a named row: pk, title and the dates clocks_for reads
    clock: Clock


@dataclass(frozen=True)
class OverdueAction:
    """An overdue action and where it comes from: a review (review_id, its title) or a
    meeting's minutes (meeting_id and item_id, with `source` saying which)."""

    pk: int
    what: str
    review_id: int | None
    source: str
    timescale_label: str
    meeting_id: int | None = None
    item_id: int | None = None


@dataclass
class DashboardSummary:
    clock_alerts: list[ClockAlert]
    overdue_actions: list[OverdueAction]
    overdue_action_total: int


DASHBOARD_ACTION_LIMIT = 10


def dashboard_summary(board: Board, today: dt.date) -> DashboardSummary | None:
    """Open reviews' clocks that are due soon or overdue, and overdue open actions. Rows
    are read as plain values: the panel shows a title and a date or two of each."""
    reviews = list(
        Review.objects.filter(board=board)
        .exclude(status=ReviewStatus.CLOSED)
        .order_by("title")
        .values_list("pk", "title", *CLOCK_FIELDS, named=True)
    )
    alerts = [ClockAlert(r, c) for r in reviews for c in clocks_for(r, today) if c.needs_attention]
    alerts.sort(key=lambda a: a.clock.due)
    # The board's actions: of its open reviews' plans, and decided at its meetings.
    overdue = open_actions(board=board, timescale__lt=today).exclude(
        recommendation__review__status=ReviewStatus.CLOSED
    )
    # The first few, each carrying the count of all (a window over the whole result,
    # taken before the limit): one query, not a second to count.
    rows = list(
        overdue.annotate(total=Window(Count("pk")))
        .order_by("timescale", "id")
        .values_list(
            "pk",
            "what",
            "timescale",
            "timescale_is_month",
            "recommendation__review_id",
            "recommendation__review__title",
            "minute__item__meeting_id",
            "minute__item__meeting__date",
            "minute__item_id",
            "minute__item__number",
            "total",
        )[:DASHBOARD_ACTION_LIMIT]
    )
    if not reviews and not rows:
        return None
    listed = [
        OverdueAction(
            pk,
            what,
            review_id,
            review_title or f"minutes of {day:%-d %B %Y}, item {number}",
            timescale_label(timescale, is_month),
            meeting_id,
            item_id,
        )
        for (
            pk,
            what,
            timescale,
            is_month,
            review_id,
            review_title,
            meeting_id,
            day,
            item_id,
            number,
            _,
        ) in rows
    ]
    total = rows[0][-1] if rows else 0
    return DashboardSummary(alerts, listed, total)


def plans_to_sign_off(board: Board) -> list[Review]:
    """Open reviews whose action plan has recommendations but no chair's sign-off yet."""
    return list(
        Review.objects.filter(board=board, signed_off_at__isnull=True)
        .exclude(status=ReviewStatus.CLOSED)
        .filter(Exists(Recommendation.objects.filter(review=OuterRef("pk"))))
        .only("pk", "title", "start_date")
        .order_by("start_date", "pk")
    )
