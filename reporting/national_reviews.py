"""Practice review records in the shape of the national statistics on serious incident
notifications: one row per notification, its nature, and its statutory clocks met or missed.

Nothing that could identify a child leaves here: no title, anonymised reference, summary or
name, only the review's number in this service, its kind, its dates and its clocks. Of the
statistics' child fields (sex, age band, ethnicity, disability, looked-after status and the
like) the board records none, so the only figures about children are counts of
notifications.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import F, Q
from django.db.models.functions import Coalesce

from boards.models import Board
from lscb.vocab import Quarter
from reporting.national import Period, national_codes
from reviews.clocks import (
    CLOCK_FIELDS,
    NOTIFIED_KINDS,
    PUBLISHED_KINDS,
    RAPID_KINDS,
    Clock,
    ClockState,
    notification_clock,
    publication_clock,
    rapid_review_clock,
)
from reviews.models import Review, ReviewKind

RECORD_HEADERS = (
    "Record",
    "Kind of review",
    "Nature of notification",
    "Quarter",
    "Date incident known",
    "Date notified",
    "Notification due",
    "Notification",
    "Rapid review due",
    "Rapid review completed",
    "Rapid review",
    "Practice review started",
    "Publication due",
    "Published",
    "Practice review",
)
RECORD_WIDTHS = (8, 36, 16, 10, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14)
COUNT_HEADERS = ("Quarter", "Nature of notification", "Notifications")
COUNT_WIDTHS = (10, 24, 14)

# How a clock stood on the day of the export.
MET, MISSED, NOT_YET_DUE = "Met", "Missed", "Not yet due"
NOT_RECORDED, DOES_NOT_APPLY = "Not recorded", "Does not apply"
_OUTCOMES = {
    ClockState.MET: MET,
    ClockState.MET_LATE: MISSED,
    ClockState.OVERDUE: MISSED,
    ClockState.ON_TIME: NOT_YET_DUE,
    ClockState.DUE_SOON: NOT_YET_DUE,
}


def nature_of(criteria_met: list[str]) -> str:
    """Child death, serious harm or other, from the statutory criteria the review met."""
    codes = national_codes()
    natures = {codes.nature_of_criterion.get(c) for c in criteria_met or []}
    for key in ("death", "serious_harm"):
        if key in natures:
            return codes.nature_labels[key]
    return codes.nature_labels["other"]


def _clock_cells(applies: bool, clock: Clock | None) -> tuple[object, object, str]:
    """(due, done, outcome) for one clock of a record."""
    if not applies:
        return None, None, DOES_NOT_APPLY
    if clock is None:
        return None, None, NOT_RECORDED
    return clock.due, clock.done, _OUTCOMES[clock.state]


@dataclass(frozen=True)
class ReviewRecord:
    review: Review
    quarter: Quarter
    nature: str
    today: dt.date

    def cells(self) -> tuple[object, ...]:
        r = self.review
        known = r.incident_known_date
        notified = _clock_cells(
            True, notification_clock(known, r.notification_date, self.today) if known else None
        )
        rapid = _clock_cells(
            r.kind in RAPID_KINDS,
            rapid_review_clock(r.notification_date, r.decision_date, self.today)
            if r.notification_date
            else None,
        )
        published = _clock_cells(
            r.kind in PUBLISHED_KINDS,
            publication_clock(r.start_date, r.published_date, self.today),
        )
        return (
            r.pk,
            ReviewKind(r.kind).label,
            self.nature,
            self.quarter.code,
            known,
            r.notification_date,
            notified[0],
            notified[2],
            rapid[0],
            rapid[1],
            rapid[2],
            r.start_date if r.kind in PUBLISHED_KINDS else None,
            published[0],
            published[1],
            published[2],
        )


def review_records(board: Board, period: Period, today: dt.date) -> list[ReviewRecord]:
    """The period's notifications: reviews of the notified kinds whose date notified falls in
    it, or, with no date notified, whose start does. One query."""
    within = (period.start, period.end)
    reviews = (
        Review.objects.filter(board=board, kind__in=NOTIFIED_KINDS)
        .filter(
            Q(notification_date__range=within)
            | Q(notification_date__isnull=True, start_date__range=within)
        )
        .only("id", "criteria_met", *CLOCK_FIELDS)
        .order_by(Coalesce(F("notification_date"), F("start_date")), "id")
    )
    return [
        ReviewRecord(
            review,
            Quarter.containing(review.notification_date or review.start_date),
            nature_of(review.criteria_met),
            today,
        )
        for review in reviews
    ]


def notification_counts(records: list[ReviewRecord], period: Period) -> list[tuple[str, str, int]]:
    """Notifications per quarter and nature, noughts included, as the statistics count them."""
    labels = list(national_codes().nature_labels.values())
    counts = {(q.code, label): 0 for q in period.quarters for label in labels}
    for record in records:
        counts[(record.quarter.code, record.nature)] += 1
    return [(q, label, n) for (q, label), n in counts.items()]


def notification_quarters(board: Board) -> set[Quarter]:
    """The quarters with a notification of the board's (as review_records places them).
    One query."""
    days = (
        Review.objects.filter(board=board, kind__in=NOTIFIED_KINDS)
        .order_by()
        .values_list(Coalesce(F("notification_date"), F("start_date")), flat=True)
        .distinct()
    )
    return {Quarter.containing(day) for day in days}
