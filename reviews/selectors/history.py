"""The change history of one review: its own audit events and those of everything in it."""

from __future__ import annotations

from django.db.models import CharField, Q
from django.db.models.functions import Cast

from lscb.models import AuditEvent
from reviews.models import Action, Finding, Recommendation, Review


def _ids(queryset) -> object:
    """The rows' keys as text, as AuditEvent.object_id holds them, for a subquery."""
    return queryset.order_by().annotate(key=Cast("pk", CharField())).values("key")


def review_history(review: Review) -> list[AuditEvent]:
    """Every audit event of the review, its findings, recommendations and actions (progress
    is recorded against its action), newest first.

    One query however many events and children: the children's keys are subqueries, and
    the actor comes with a join. Deleting a recommendation or an action is recorded against
    the review itself, so those events stay here after the row is gone."""
    scope = (
        Q(object_type="reviews.review", object_id=str(review.pk))
        | Q(
            object_type="reviews.finding", object_id__in=_ids(Finding.objects.filter(review=review))
        )
        | Q(
            object_type="reviews.recommendation",
            object_id__in=_ids(Recommendation.objects.filter(review=review)),
        )
        | Q(
            object_type="reviews.action",
            object_id__in=_ids(Action.objects.filter(recommendation__review=review)),
        )
    )
    return list(AuditEvent.objects.filter(scope).select_related("actor").order_by("-at", "-id"))
