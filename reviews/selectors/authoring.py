"""Reads for the authoring pages: an item's number as the review page shows it, and its
name in words."""

from __future__ import annotations

from django.db.models import Q

from reviews.models import Action, Finding, Recommendation


def _place(qs, item) -> int:
    """The item's number among `qs` in (position, id) order, as the review page counts."""
    before = Q(position__lt=item.position) | Q(position=item.position, pk__lt=item.pk)
    return qs.filter(before).count() + 1


def finding_number(finding: Finding) -> int:
    return _place(Finding.objects.filter(review_id=finding.review_id), finding)


def action_number(action: Action) -> int:
    return _place(Action.objects.filter(recommendation_id=action.recommendation_id), action)


def recommendation_name(rec: Recommendation) -> str:
    return f"{rec.get_kind_display()} {rec.number}"


def item_name(item: Finding | Recommendation | Action) -> str:
    """How the pages name an item: "Finding 2", "Statutory requirement 3", "Action 1 of
    statutory requirement 3"."""
    if isinstance(item, Finding):
        return f"Finding {finding_number(item)}"
    if isinstance(item, Recommendation):
        return recommendation_name(item)
    rec_name = recommendation_name(item.recommendation)
    return f"Action {action_number(item)} of {rec_name[0].lower()}{rec_name[1:]}"
