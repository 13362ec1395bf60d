"""Query pieces the reviews selectors share: counts as subqueries, and open actions."""

from __future__ import annotations

from django.db.models import Count, IntegerField, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from lscb.vocab import RAG
from reviews.models import Action


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
