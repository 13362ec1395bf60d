"""Writes to a review's own record and its findings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction

from boards.models import Theme
from lscb import audit
from reviews.models import Finding, Review, ReviewStatus
from reviews.services.sign_off import lock_review

REVIEW_FIELDS = (
    "kind",
    "title",
    "subject_reference",
    "guidance",
    "criteria_met",
    "lead_reviewer",
    "inspectorate",
    "summary",
    "status",
    "start_date",
    "incident_known_date",
    "notification_date",
    "decision_date",
    "report_date",
    "action_statement_date",
    "published_date",
    "closed_date",
)


def _clean_review_fields(fields: dict) -> dict:
    unknown = set(fields) - set(REVIEW_FIELDS)
    if unknown:
        raise TypeError(f"Unknown review fields: {', '.join(sorted(unknown))}")
    return fields


def review_create(*, board, by, **fields) -> Review:
    with transaction.atomic():
        review = Review(board=board, **_clean_review_fields(fields))
        review.full_clean()
        review.save()
        audit.record(
            actor=by,
            action="review.added",
            summary=f"Added {review.get_kind_display().lower()} “{review.title}”",
            obj=review,
            board=board,
        )
    return review


def review_update(*, review: Review, by, **fields) -> Review:
    with transaction.atomic():
        review = lock_review(review)
        changes = {}
        for name, value in _clean_review_fields(fields).items():
            old = getattr(review, name)
            if old != value:
                changes[name] = [str(old), str(value)]
                setattr(review, name, value)
        review.full_clean()
        review.save()
        if changes:
            audit.record(
                actor=by,
                action="review.changed",
                summary=f"Changed {', '.join(changes)} of “{review.title}”",
                obj=review,
                board=review.board,
                changes=changes,
            )
    return review


def review_close(*, review: Review, by, on: dt.date) -> Review:
    return review_update(review=review, by=by, status=ReviewStatus.CLOSED, closed_date=on)


def finding_add(
    *,
    review: Review,
    by,
    area: str,
    kind: str,
    judgement: str = "",
    summary: str = "",
    themes: Iterable[Theme] = (),
    position: int | None = None,
) -> Finding:
    with transaction.atomic():
        finding = Finding(
            review=review,
            area=area,
            kind=kind,
            judgement=judgement,
            summary=summary,
            position=review.findings.count() + 1 if position is None else position,
        )
        finding.full_clean()
        finding.save()
        finding.themes.set(themes)
        audit.record(
            actor=by,
            action="finding.added",
            summary=f"Recorded finding “{finding}” for “{review.title}”",
            obj=finding,
            board=review.board,
        )
    return finding
