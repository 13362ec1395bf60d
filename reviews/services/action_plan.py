"""Writes to an action plan's recommendations and the definitions of their actions; each
refuses while the plan is signed off.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction

from boards.models import Agency, Person, Theme
from lscb import audit
from reviews.models import Action, Recommendation, Review
from reviews.services.sign_off import ensure_plan_open, lock_review


def recommendation_add(
    *,
    review: Review,
    by,
    number: int,
    kind: str,
    text: str,
    standard_reference: str = "",
    regulation_reference: str = "",
    themes: Iterable[Theme] = (),
) -> Recommendation:
    with transaction.atomic():
        ensure_plan_open(lock_review(review))
        rec = Recommendation(
            review=review,
            number=number,
            kind=kind,
            text=text,
            standard_reference=standard_reference,
            regulation_reference=regulation_reference,
        )
        rec.full_clean()
        rec.save()
        rec.themes.set(themes)
        audit.record(
            actor=by,
            action="recommendation.added",
            summary=f"Added {rec} to “{review.title}”",
            obj=rec,
            board=review.board,
        )
    return rec


def recommendation_update(*, recommendation: Recommendation, by, **fields) -> Recommendation:
    themes = fields.pop("themes", None)
    allowed = {"number", "kind", "text", "standard_reference", "regulation_reference"}
    if set(fields) - allowed:
        raise TypeError(f"Unknown recommendation fields: {sorted(set(fields) - allowed)}")
    with transaction.atomic():
        review = lock_review(recommendation.review)
        ensure_plan_open(review)
        for name, value in fields.items():
            setattr(recommendation, name, value)
        recommendation.full_clean()
        recommendation.save()
        if themes is not None:
            recommendation.themes.set(themes)
        audit.record(
            actor=by,
            action="recommendation.changed",
            summary=f"Changed {recommendation} of “{review.title}”",
            obj=recommendation,
            board=review.board,
            changes={k: str(v) for k, v in fields.items()},
        )
    return recommendation


def recommendation_delete(*, recommendation: Recommendation, by) -> None:
    with transaction.atomic():
        review = lock_review(recommendation.review)
        ensure_plan_open(review)
        audit.record(
            actor=by,
            action="recommendation.deleted",
            summary=f"Deleted {recommendation} of “{review.title}”",
            obj=review,  # the row is about to go; the review's history keeps the event
            board=review.board,
        )
        recommendation.delete()


def action_add(
    *,
    recommendation: Recommendation,
    by,
    what: str,
    responsible: str = "",
    responsible_people: Iterable[Person] = (),
    agency: Agency | None = None,
    timescale: dt.date | None = None,
    timescale_is_month: bool = False,
    position: int | None = None,
) -> Action:
    with transaction.atomic():
        review = lock_review(recommendation.review)
        ensure_plan_open(review)
        action = Action(
            board_id=review.board_id,
            recommendation=recommendation,
            what=what,
            responsible=responsible,
            agency=agency,
            timescale=timescale,
            timescale_is_month=timescale_is_month and timescale is not None,
            position=recommendation.actions.count() + 1 if position is None else position,
        )
        action.full_clean()
        action.save()
        action.responsible_people.set(responsible_people)
        audit.record(
            actor=by,
            action="action.added",
            summary=f"Added an action to {recommendation} of “{review.title}”",
            obj=action,
            board=review.board,
        )
    return action


ACTION_DEFINITION_FIELDS = {
    "what",
    "responsible",
    "agency",
    "timescale",
    "timescale_is_month",
    "position",
}


def action_update(*, action: Action, by, **fields) -> Action:
    people = fields.pop("responsible_people", None)
    if set(fields) - ACTION_DEFINITION_FIELDS:
        raise TypeError(f"Unknown action fields: {sorted(set(fields) - ACTION_DEFINITION_FIELDS)}")
    with transaction.atomic():
        review = lock_review(action.recommendation.review)
        ensure_plan_open(review)
        for name, value in fields.items():
            setattr(action, name, value)
        action.full_clean()
        action.save()
        if people is not None:
            action.responsible_people.set(people)
        audit.record(
            actor=by,
            action="action.changed",
            summary=f"Changed an action of {action.recommendation} of “{review.title}”",
            obj=action,
            board=review.board,
            changes={k: str(v) for k, v in fields.items()},
        )
    return action


def action_delete(*, action: Action, by) -> None:
    with transaction.atomic():
        review = lock_review(action.recommendation.review)
        ensure_plan_open(review)
        audit.record(
            actor=by,
            action="action.deleted",
            summary=f"Deleted an action of {action.recommendation} of “{review.title}”",
            obj=review,  # the row is about to go; the review's history keeps the event
            board=review.board,
        )
        action.delete()
