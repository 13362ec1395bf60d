"""Officers writing an action plan's actions in the browser: add, edit, move and withdraw,
with the same lock, versions and audit records as reviews.services.authoring."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction

from boards.models import Agency, Person
from lscb import audit
from reviews.models import Action, Recommendation, Review
from reviews.services.authoring import (
    Direction,
    _changes,
    _check_fresh,
    _check_not_withdrawn,
    _open_plan,
    _relock,
    _save_edit,
    _snapshot,
    _swap_positions,
    _withdraw,
)


def _check_action_people(review: Review, people: Sequence[Person]) -> None:
    board_people = set(
        Person.objects.filter(memberships__board_id=review.board_id).values_list("pk", flat=True)
    )
    if any(p.pk not in board_people for p in people):
        raise ValidationError({"responsible_people": "Choose people who belong to this board."})


def action_create(
    *,
    recommendation: Recommendation,
    by,
    what: str,
    responsible: str = "",
    responsible_people: Iterable[Person] = (),
    agency: Agency | None = None,
    timescale: dt.date | None = None,
    timescale_is_month: bool = False,
) -> Action:
    """Add an action to the end of a recommendation's actions."""
    people = list(responsible_people)
    with transaction.atomic():
        review = _open_plan(recommendation.review)
        rec = _relock(recommendation)
        if rec.is_withdrawn:
            raise ValidationError("This recommendation was withdrawn, so it takes no actions.")
        _check_action_people(review, people)
        action = Action(
            board_id=review.board_id,
            recommendation=rec,
            what=what.strip(),
            responsible=responsible.strip(),
            agency=agency,
            timescale=timescale,
            timescale_is_month=timescale_is_month and timescale is not None,
            position=rec.actions.count() + 1,
        )
        action.full_clean()
        action.save()
        action.responsible_people.set(people)
        audit.record(
            actor=by,
            action="action.added",
            summary=f"Added an action to {rec} of “{review.title}”",
            obj=action,
            board=review.board,
            changes=_changes({}, _snapshot(action)),
        )
    return action


def action_update(
    *,
    action: Action,
    by,
    expected_version: int,
    what: str,
    responsible: str,
    responsible_people: Iterable[Person],
    agency: Agency | None,
    timescale: dt.date | None,
    timescale_is_month: bool,
) -> Action:
    """Change an action's definition (not its progress), refusing if it changed since
    `expected_version`."""
    people = list(responsible_people)
    fields = {
        "what": what.strip(),
        "responsible": responsible.strip(),
        "agency": agency,
        "timescale": timescale,
        "timescale_is_month": timescale_is_month and timescale is not None,
    }
    with transaction.atomic():
        review = _open_plan(action.recommendation.review)
        action = _relock(action)
        _check_not_withdrawn(action, "action")
        _check_action_people(review, people)
        before = _snapshot(action)
        new = {k: "" if v is None else str(v) for k, v in fields.items()}
        new["responsible_people"] = ", ".join(sorted(str(p) for p in people))
        _check_fresh(action, expected_version, new)
        _save_edit(action, fields, {"responsible_people": people})
        audit.record(
            actor=by,
            action="action.changed",
            summary=f"Changed an action of {action.recommendation} of “{review.title}”",
            obj=action,
            board=review.board,
            changes=_changes(before, _snapshot(action)),
        )
    return action


def action_withdraw(*, action: Action, by, reason: str) -> Action:
    """Withdraw an action: it keeps its number, shows the reason and leaves the counts."""
    with transaction.atomic():
        review = _open_plan(action.recommendation.review)
        action = _relock(action)
        changes = _withdraw(action, reason, "action", by)
        audit.record(
            actor=by,
            action="action.withdrawn",
            summary=f"Withdrew an action of {action.recommendation} of “{review.title}”: "
            f"{action.withdrawn_reason}",
            obj=action,
            board=review.board,
            changes=changes,
        )
    return action


def action_move(*, action: Action, by, direction: Direction) -> Action:
    """Move an action one place up or down its recommendation's actions."""
    with transaction.atomic():
        review = _open_plan(action.recommendation.review)
        siblings = Action.objects.select_for_update().filter(
            recommendation_id=action.recommendation_id
        )
        old, new = _swap_positions(action, siblings.order_by("position", "id"), direction)
        audit.record(
            actor=by,
            action="action.moved",
            summary=f"Moved an action of {action.recommendation} of “{review.title}” {direction}",
            obj=action,
            board=review.board,
            changes={"position": [str(old), str(new)]},
        )
    return action
