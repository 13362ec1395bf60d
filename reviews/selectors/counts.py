"""Query pieces the reviews selectors share: counts as subqueries, and open actions."""

from __future__ import annotations

from django.db.models import Count, IntegerField, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from lscb.vocab import RAG
from reviews.models import Action, Finding, Recommendation


def count_subquery(qs: QuerySet, key: str):
    """A correlated COUNT(*) subquery, so annotating several counts cannot multiply rows."""
    counted = qs.order_by().values(key).annotate(c=Count("pk")).values("c")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


# Withdrawn actions, and the actions of withdrawn recommendations, count nowhere.
LIVE_ACTION = {"withdrawn_at__isnull": True, "recommendation__withdrawn_at__isnull": True}


def live_actions(**filters) -> QuerySet:
    return Action.objects.filter(**LIVE_ACTION, **filters)


def open_actions(**filters) -> QuerySet:
    return live_actions(**filters).exclude(current_rag=RAG.COMPLETE)


def sign_off_counts(review) -> dict[str, int]:
    """What the chair is asked to sign off: the plan's live items, the actions nobody owns
    yet, and how many items were withdrawn (they keep their numbers)."""
    actions = Action.objects.filter(recommendation__review=review).aggregate(
        live=Count("pk", filter=Q(**LIVE_ACTION), distinct=True),
        unowned=Count(
            "pk",
            filter=Q(**LIVE_ACTION, responsible="", responsible_people__isnull=True),
            distinct=True,
        ),
        withdrawn=Count("pk", filter=Q(withdrawn_at__isnull=False), distinct=True),
    )
    recommendations = Recommendation.objects.filter(review=review).aggregate(
        live=Count("pk", filter=Q(withdrawn_at__isnull=True)),
        withdrawn=Count("pk", filter=Q(withdrawn_at__isnull=False)),
    )
    findings = Finding.objects.filter(review=review).aggregate(
        live=Count("pk", filter=Q(withdrawn_at__isnull=True)),
        withdrawn=Count("pk", filter=Q(withdrawn_at__isnull=False)),
    )
    return {
        "findings": findings["live"],
        "recommendations": recommendations["live"],
        "actions": actions["live"],
        "actions_without_owner": actions["unowned"],
        "withdrawn": findings["withdrawn"] + recommendations["withdrawn"] + actions["withdrawn"],
    }
