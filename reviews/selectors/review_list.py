"""Reads for the reviews list page and its overdue filter."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, QuerySet

from reviews.clocks import CLOCK_FIELDS, Clock, clocks_for, day_month_year
from reviews.models import Recommendation, Review, ReviewKind, ReviewStatus
from reviews.selectors.counts import count_subquery, open_actions


def with_action_counts(qs: QuerySet[Review], today: dt.date) -> QuerySet[Review]:
    review = OuterRef("pk")
    return qs.annotate(
        recommendation_count=count_subquery(
            Recommendation.objects.filter(review=review, withdrawn_at__isnull=True), "review"
        ),
        open_action_count=count_subquery(
            open_actions(recommendation__review=review), "recommendation__review"
        ),
        overdue_action_count=count_subquery(
            open_actions(recommendation__review=review, timescale__lt=today),
            "recommendation__review",
        ),
    )


def overdue_review_ids(qs: QuerySet[Review], today: dt.date) -> set[int]:
    """Reviews with an overdue open action or an overdue statutory clock (one query)."""
    overdue_action = Exists(
        open_actions(recommendation__review=OuterRef("pk"), timescale__lt=today)
    )
    ids = set()
    for review in qs.annotate(has_overdue_action=overdue_action).only("id", *CLOCK_FIELDS):
        if review.has_overdue_action or any(
            c.state == "overdue" for c in clocks_for(review, today)
        ):
            ids.add(review.pk)
    return ids


# What the list page shows of each review, and what its clocks need (clocks_for reads
# these names as attributes, which the named rows have).
_LIST_FIELDS = (
    "pk",
    "title",
    "subject_reference",
    "status",
    *CLOCK_FIELDS,
    "signed_off_at",
    "recommendation_count",
    "open_action_count",
    "overdue_action_count",
)
_KIND_LABELS = dict(ReviewKind.choices)
_STATUS_LABELS = dict(ReviewStatus.choices)


def review_list_values(qs: QuerySet[Review], today: dt.date) -> QuerySet:
    """The list page's reviews as named rows with their action counts: plain values, not
    model instances, as the page shows a few fields of up to 50 reviews."""
    return with_action_counts(qs, today).values_list(*_LIST_FIELDS, named=True)


@dataclass(frozen=True)
class ReviewRow:
    """One line of the review list, its labels and start date already text."""

    pk: int
    title: str
    subject_reference: str
    kind_label: str
    status_label: str
    started_label: str
    is_signed_off: bool
    recommendation_count: int
    open_action_count: int
    overdue_action_count: int
    clocks: list[Clock]


def review_rows(reviews, today: dt.date) -> list[ReviewRow]:
    """Rows for the list page from the named rows of review_list_values."""
    return [
        ReviewRow(
            pk=r.pk,
            title=r.title,
            subject_reference=r.subject_reference,
            kind_label=_KIND_LABELS.get(r.kind, r.kind),
            status_label=_STATUS_LABELS.get(r.status, r.status),
            started_label=day_month_year(r.start_date),
            is_signed_off=r.signed_off_at is not None,
            recommendation_count=r.recommendation_count,
            open_action_count=r.open_action_count,
            overdue_action_count=r.overdue_action_count,
            clocks=clocks_for(r, today),
        )
        for r in reviews
    ]
